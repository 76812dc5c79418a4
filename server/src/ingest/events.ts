import { createHash } from 'node:crypto';
import {
  buildLink,
  type EventAccepted,
  type EventInput,
  EventInputSchema,
  type EventTypeDefinition,
  type TemplateWarning,
} from '@aviso/protocol';
import type { Logger } from 'pino';
import { newId } from '../db/ids.ts';
import type { NewDelivery } from '../db/repos/deliveries.ts';
import type { InsertResult, NewNotification, NotificationWrite } from '../db/repos/notification-writer.ts';
import type { NewSchedule } from '../db/repos/schedules.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { AppError, appError, fail, zodDetails } from '../lib/errors.ts';
import { scheduleEvent } from '../scheduling/plan.ts';
import { slaCheckRow } from '../scheduling/sla.ts';
import { dueData } from '../scheduling/when.ts';
import { resolveEventType } from './catalog.ts';
import { enrichData } from './enrich.ts';
import { resolveAudience } from './targeting.ts';
import { formatContext, pickLocale, RenderBudget, type RenderFailure } from './templates.ts';

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
  /** Where a template that fell back to plain text is told (one line per event). */
  log?: Pick<Logger, 'warn'>;
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

/** Which template fell back to plain text, and why: told to the caller and logged. */
export interface TemplateFallback {
  field: 'title' | 'message';
  code: RenderFailure['code'];
  reason: string;
}

/**
 * The event's texts. `message` and `title` given with the event are literal text; only the type's
 * templates (catalog or tenant) are rendered, on the request's budget. A template that fails or runs
 * out of budget never fails the event: its text falls back to the type (and entity) in plain words.
 */
function render(
  def: EventTypeDefinition,
  input: EventInput,
  tenant: TenantRow,
  data: Record<string, unknown>,
  budget: RenderBudget,
) {
  const locale = input.locale ?? tenant.locale;
  const ctx = formatContext(tenant, locale);
  const fallbacks: TemplateFallback[] = [];
  const warnings: TemplateWarning[] = [];
  const template = (field: TemplateFallback['field'], source: string | undefined) => {
    if (!source) return '';
    const out = budget.render(source, data, def.formats, ctx);
    if (out.ok) {
      if (out.missing.length) warnings.push({ field, code: 'MISSING_DATA', variables: out.missing });
      return out.text;
    }
    fallbacks.push({ field, code: out.code, reason: out.reason });
    return '';
  };
  budget.nextEvent();
  const message = input.message ?? template('message', pickLocale(def.message, locale));
  const title = input.title ?? template('title', pickLocale(def.title, locale));
  const plain = input.entityId ? `${input.type} ${input.entityId}` : input.type;
  return { message: message || plain, title: title || null, fallbacks, warnings };
}

/** An event made ready to store: its notification and what goes with it, or already answered. */
type Prepared =
  | { done: EventAccepted }
  | {
      done?: undefined;
      write: Omit<NotificationWrite, 'tenantId'>;
      /** The SLA watch stored with it, told to the scheduler once committed. */
      check: NewSchedule | undefined;
      fallbacks: TemplateFallback[];
      warnings: TemplateWarning[];
    };

/** Everything of an event but the write: type, audience, schedules, data, texts, deliveries. */
async function prepareEvent(
  store: TenantStore,
  tenant: TenantRow,
  overrides: ReadonlyMap<string, Record<string, unknown>>,
  input: EventInput,
  hooks: IngestHooks,
  budget: RenderBudget,
): Promise<Prepared> {
  const def = resolveEventType(input.type, overrides);
  if (!def) {
    fail('UNKNOWN_EVENT_TYPE', { type: input.type });
  }
  const audience = await resolveAudience(input.type, def, input, (roles) =>
    store.recipients.idsWithRoles(roles),
  );
  const now = hooks.now?.() ?? new Date();
  if (input.deliverAt || input.reminders) {
    const { accepted, earliest } = await scheduleEvent(store, tenant, input, requestHash(input), now);
    if (earliest) hooks.onScheduled?.(earliest);
    return { done: accepted };
  }
  const locale = input.locale ?? tenant.locale;
  const given = input.dueAt
    ? dueData(input.data ?? {}, new Date(input.dueAt), now, locale, tenant.timezone)
    : (input.data ?? {});
  const data = await enrichData(store, given, formatContext(tenant, locale).locale);
  const { message, title, fallbacks, warnings } = render(def, input, tenant, data, budget);
  for (const f of fallbacks) {
    hooks.log?.warn(
      { tenant: tenant.id, type: input.type, field: f.field, code: f.code, reason: f.reason },
      'template fell back to plain text',
    );
  }
  const id = newId();
  const planned = hooks.plan
    ? await hooks.plan({ id, type: input.type, category: def.category, ...audience }, def, store)
    : [];
  // The SLA watch is stored with its notification: a crash cannot keep one without the other.
  const check = input.requireAck ? slaCheckRow(def, id, now) : undefined;
  const values: NewNotification = {
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
    warnings: warnings.length ? warnings : null,
  };
  const idempotency = input.idempotencyKey
    ? { key: input.idempotencyKey, hash: requestHash(input) }
    : undefined;
  return {
    write: { values, idempotency, planned, schedules: check ? [check] : [] },
    check,
    fallbacks,
    warnings,
  };
}

/** The answer to a stored event; once committed, it goes live and the workers are woken. */
function settle(
  prepared: Exclude<Prepared, { done: EventAccepted }>,
  result: InsertResult,
  hooks: IngestHooks,
) {
  if (result.status === 'conflict') {
    fail('IDEMPOTENCY_CONFLICT', {}, { details: { id: result.id } });
  }
  if (result.status === 'duplicate') return { id: result.id, status: 'duplicate' } as EventAccepted;
  const { write, check, fallbacks, warnings } = prepared;
  hooks.onCreated(result.row, write.planned.length);
  if (check) hooks.onScheduled?.(check.dueAt);
  return {
    id: result.row.id,
    status: 'created',
    ...(fallbacks.length ? { templateFallback: fallbacks } : {}),
    ...(warnings.length ? { warnings } : {}),
  } as EventAccepted;
}

/** Turns one validated event into a stored notification (or finds the one its idempotency key names). */
export async function ingestEvent(
  store: TenantStore,
  tenant: TenantRow,
  overrides: ReadonlyMap<string, Record<string, unknown>>,
  input: EventInput,
  hooks: IngestHooks,
  budget = new RenderBudget(),
): Promise<EventAccepted> {
  const prepared = await prepareEvent(store, tenant, overrides, input, hooks, budget);
  if (prepared.done) return prepared.done;
  const { values, idempotency, planned, schedules } = prepared.write;
  return settle(prepared, await store.notifications.insert(values, idempotency, planned, schedules), hooks);
}

// A batch renders and stores up to 1,000 events: give other requests and sockets a turn this often.
const YIELD_EVERY_MS = 10;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Ingests a batch: each item validated on its own before anything is stored (a bad item gets its
 * own error, the others are stored), all sharing one render budget.
 */
export async function ingestBatch(
  store: TenantStore,
  tenant: TenantRow,
  items: unknown[],
  keyPrefix: string | undefined,
  hooks: IngestHooks,
) {
  const out: (EventAccepted | ReturnType<AppError['toJSON']>)[] = [];
  const valid: [number, EventInput][] = [];
  let ranSince = performance.now();
  for (const [index, item] of items.entries()) {
    if (performance.now() - ranSince > YIELD_EVERY_MS) {
      await yieldToOthers();
      ranSince = performance.now();
    }
    const parsed = EventInputSchema.safeParse(item);
    if (!parsed.success) {
      const details = zodDetails(parsed.error.issues);
      out[index] = appError('VALIDATION_FAILED', { what: 'event' }, { details }).toJSON();
      continue;
    }
    const input = parsed.data;
    if (!input.idempotencyKey && keyPrefix) input.idempotencyKey = `${keyPrefix}:${index}`;
    valid.push([index, input]);
  }
  const overrides = await store.settings.eventTypeOverrides();
  const budget = new RenderBudget();
  const ready: [number, Exclude<Prepared, { done: EventAccepted }>][] = [];
  ranSince = performance.now();
  for (const [index, input] of valid) {
    try {
      const prepared = await prepareEvent(store, tenant, overrides, input, hooks, budget);
      if (prepared.done) out[index] = prepared.done;
      else ready.push([index, prepared]);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out[index] = err.toJSON();
    }
    if (performance.now() - ranSince > YIELD_EVERY_MS) {
      await yieldToOthers();
      ranSince = performance.now();
    }
  }
  // Stored together: one statement per table for the whole batch, in the writer's group commit.
  // Live pushes and wake-ups wait for that commit, so nobody is shown what could still roll back.
  const results = await store.notifications.insertMany(ready.map(([, p]) => p.write));
  ready.forEach(([index, prepared], i) => {
    try {
      out[index] = settle(prepared, results[i]!, hooks);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out[index] = err.toJSON();
    }
  });
  return out;
}
