import { createHash } from 'node:crypto';
import {
  buildLink,
  type EventAccepted,
  type EventInput,
  EventInputSchema,
  type EventTypeDefinition,
} from '@aviso/protocol';
import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import type { NewDelivery } from '../db/repos/deliveries.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import { TenantStore } from '../db/store.ts';
import { AppError, appError, fail, zodDetails } from '../lib/errors.ts';
import { scheduleEvent } from '../scheduling/plan.ts';
import { slaCheckRow } from '../scheduling/sla.ts';
import { dueData } from '../scheduling/when.ts';
import { resolveEventType } from './catalog.ts';
import { resolveAudience } from './targeting.ts';
import { pickLocale, renderTemplate } from './templates.ts';

/** Called once a notification is stored, to push it live and wake the delivery worker. */
export type OnCreated = (row: NotificationRow, queued: number) => void;

/** Plans the deliveries of a notification about to be stored (see `delivery/planner.ts`). */
export type PlanDeliveries = (
  n: Pick<NotificationRow, 'id' | 'type' | 'category' | 'branchIds' | 'recipientIds'>,
  def: EventTypeDefinition,
  store: TenantStore,
) => Promise<NewDelivery[]>;

/** What ingestion hands its results to. */
export interface IngestHooks {
  onCreated: OnCreated;
  plan?: PlanDeliveries;
  /** Called when schedules (deliverAt, reminders, SLA checks) were stored, to wake the scheduler. */
  onScheduled?: (earliest: Date) => void;
  /** The clock; tests move it. */
  now?: () => Date;
}

/** JSON with sorted keys: two requests with the same content hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(input: EventInput): string {
  const { idempotencyKey: _, ...rest } = input;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

function render(
  def: EventTypeDefinition,
  input: EventInput,
  tenant: TenantRow,
  data: Record<string, unknown>,
) {
  const locale = input.locale ?? tenant.locale;
  const ctx = { locale, currency: tenant.currency, timezone: tenant.timezone };
  try {
    const message =
      input.message ?? renderTemplate(pickLocale(def.message, locale) ?? '', data, def.formats, ctx);
    const titleSource = input.title ?? pickLocale(def.title, locale);
    const title = titleSource ? renderTemplate(titleSource, data, def.formats, ctx) : null;
    return { message: message || input.type, title: title || null };
  } catch (err) {
    fail('TEMPLATE_ERROR', { template: `of ${input.type}`, problem: (err as Error).message });
  }
}

/** Turns one validated event into a stored notification (or finds the one its idempotency key names). */
export async function ingestEvent(
  store: TenantStore,
  tenant: TenantRow,
  overrides: ReadonlyMap<string, Record<string, unknown>>,
  input: EventInput,
  hooks: IngestHooks,
): Promise<EventAccepted> {
  const def = resolveEventType(input.type, overrides);
  if (!def) {
    fail('UNKNOWN_EVENT_TYPE', { type: input.type });
  }
  const audience = await resolveAudience(input.type, def, input, (roles) =>
    store.recipients.idsWithRoles(roles),
  );
  const now = hooks.now?.() ?? new Date();
  if (input.deliverAt || input.reminders) {
    render(def, input, tenant, input.data ?? {}); // a template error is told now, not at delivery time
    const { accepted, earliest } = await scheduleEvent(store, tenant, input, requestHash(input), now);
    if (earliest) hooks.onScheduled?.(earliest);
    return accepted;
  }
  const data = input.dueAt
    ? dueData(input.data ?? {}, new Date(input.dueAt), now, input.locale ?? tenant.locale, tenant.timezone)
    : (input.data ?? {});
  const { message, title } = render(def, input, tenant, data);
  const id = newId();
  const planned = hooks.plan
    ? await hooks.plan({ id, type: input.type, category: def.category, ...audience }, def, store)
    : [];
  // The SLA watch is stored with its notification: a crash cannot keep one without the other.
  const check = input.requireAck ? slaCheckRow(def, id, now) : undefined;
  const result = await store.notifications.insert(
    {
      id,
      type: input.type,
      category: def.category,
      title,
      message,
      entityId: input.entityId ?? null,
      branchIds: audience.branchIds,
      recipientIds: audience.recipientIds,
      data,
      link: input.link ?? buildLink(def.link, { entityId: input.entityId, data }),
      severity: input.severity ?? def.severity,
      icon: def.icon,
      actions: input.actions ?? null,
    },
    input.idempotencyKey ? { key: input.idempotencyKey, hash: requestHash(input) } : undefined,
    planned,
    check ? [check] : [],
  );
  if (result.status === 'conflict') {
    fail('IDEMPOTENCY_CONFLICT', {}, { details: { id: result.id } });
  }
  if (result.status === 'duplicate') return { id: result.id, status: 'duplicate' };
  hooks.onCreated(result.row, planned.length);
  if (check) hooks.onScheduled?.(check.dueAt);
  return { id: result.row.id, status: 'created' };
}

/** Ingests a batch: each item validated and stored on its own, each with its own result. */
export async function ingestBatch(
  store: TenantStore,
  tenant: TenantRow,
  items: unknown[],
  keyPrefix: string | undefined,
  hooks: IngestHooks,
) {
  const overrides = await store.settings.eventTypeOverrides();
  const created: [NotificationRow, number][] = [];
  const scheduled: Date[] = [];
  const deferred: IngestHooks = {
    ...hooks,
    onCreated: (row, queued) => created.push([row, queued]),
    onScheduled: (earliest) => scheduled.push(earliest),
  };
  // One transaction for the whole batch: one commit instead of one per event. Live pushes and
  // wake-ups wait for that commit, so nobody is shown a notification that could still roll back.
  const results = await store.db.transaction(async (tx) => {
    const scoped = new TenantStore(tx as unknown as Db, store.tenantId, store.box);
    const out = [];
    for (const [index, item] of items.entries()) {
      const parsed = EventInputSchema.safeParse(item);
      if (!parsed.success) {
        const details = zodDetails(parsed.error.issues);
        out.push(appError('VALIDATION_FAILED', { what: 'event' }, { details }).toJSON());
        continue;
      }
      const input = parsed.data;
      if (!input.idempotencyKey && keyPrefix) input.idempotencyKey = `${keyPrefix}:${index}`;
      try {
        out.push(await ingestEvent(scoped, tenant, overrides, input, deferred));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.push(err.toJSON());
      }
    }
    return out;
  });
  for (const [row, queued] of created) hooks.onCreated(row, queued);
  if (scheduled.length) hooks.onScheduled?.(new Date(Math.min(...scheduled.map((d) => d.getTime()))));
  return results;
}
