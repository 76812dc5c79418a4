import {
  type DeliveryRules,
  DeliveryRulesSchema,
  type EventTypeDefinition,
  parseDuration,
} from '@aviso/protocol';
import { newId } from '../db/ids.ts';
import type { NewDelivery } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { Presence } from '../presence/presence.ts';
import { groupRows } from './groups.ts';

/** Kinds that post to the channel's own endpoint rather than to a person's address. */
export const ENDPOINT_KINDS = new Set(['slack', 'webhook']);

type Planned = Pick<NotificationRow, 'id' | 'type' | 'category' | 'branchIds' | 'recipientIds'>;

/** The start of the next digest window: all notifications of one window go out together. */
export function windowEnd(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs + windowMs);
}

/** A type's rules, read once per rules object (the catalog's, or a tenant's override as loaded). */
const readRules = new WeakMap<object, DeliveryRules>();
const NO_RULES: DeliveryRules = {};

function rulesOf(def: EventTypeDefinition): DeliveryRules {
  if (!def.rules || typeof def.rules !== 'object') return NO_RULES;
  let rules = readRules.get(def.rules);
  if (!rules) {
    const parsed = DeliveryRulesSchema.safeParse(def.rules);
    rules = parsed.success ? parsed.data : NO_RULES;
    readRules.set(def.rules, rules);
  }
  return rules;
}

/**
 * The delivery rows a new notification needs: one per person per rule step (fallback, escalate,
 * digest), one per endpoint channel a step names (Slack), and one per webhook subscribed to
 * `notification.created`. They are stored with the notification, in one transaction.
 */
export async function planDeliveries(
  n: Planned,
  def: EventTypeDefinition,
  store: TenantStore,
  presence: Presence,
  now: Date,
): Promise<NewDelivery[]> {
  const rows: NewDelivery[] = [];
  const rules = rulesOf(def);
  const base = { notificationId: n.id, type: n.type, status: 'pending' as const };
  let audience: Promise<RecipientRow[]> | undefined;
  const people = (to: 'targets' | readonly string[]) => {
    if (to !== 'targets') return store.recipients.withRoles(to as RecipientRow['role'][]);
    audience ??= store.recipients.audienceOf(n);
    return audience;
  };

  for (const step of ['fallback', 'escalate', 'digest'] as const) {
    const rule = rules[step];
    if (!rule) continue;
    const mode = 'mode' in rule ? (rule.mode ?? 'first-available') : 'all';
    const condition = 'if' in rule ? rule.if : null;
    const dueAt =
      step === 'digest'
        ? windowEnd(now, parseDuration((rule as { window: string }).window) ?? 900_000)
        : new Date(now.getTime() + Math.max(0, parseDuration((rule as { after: string }).after) ?? 0));
    const personal = rule.channels.filter((k) => !ENDPOINT_KINDS.has(k));
    let recipients = personal.length ? await people(rule.to ?? 'targets') : [];
    if (condition === 'offline' && recipients.length) {
      // Presence unknown (Redis away): planned for everyone, and `deliver` checks again when due.
      const online = await presence
        .online(
          store.tenantId,
          recipients.map((r) => r.id),
        )
        .catch(() => new Set<string>());
      recipients = recipients.filter((r) => !online.has(r.id));
    }
    for (const r of recipients) {
      rows.push({
        ...base,
        id: newId(),
        recipientId: r.id,
        step,
        condition,
        // A digest row keeps its window apart from its due time, which a wait for the window's
        // leader moves on.
        plan:
          step === 'digest'
            ? { channels: personal, mode, window: dueAt.toISOString() }
            : { channels: personal, mode },
        dueAt,
      });
    }
    if ('groups' in rule && rule.groups && step !== 'digest') {
      rows.push(
        ...(await groupRows(
          n,
          { step, condition, to: rule.to ?? 'targets', channels: rule.channels, mode, dueAt },
          store,
          presence,
        )),
      );
    }
    for (const kind of rule.channels.filter((k) => k === 'slack')) {
      rows.push({
        ...base,
        id: newId(),
        recipientId: null,
        step,
        condition: null,
        plan: { channels: [kind], mode },
        dueAt,
      });
    }
  }
  rows.push(...(await webhookRows(store, 'notification.created', n, now)));
  return rows;
}

/** One delivery per enabled webhook endpoint subscribed to this event. */
export async function webhookRows(
  store: TenantStore,
  event: string,
  n: Pick<NotificationRow, 'id' | 'type' | 'category'>,
  now: Date,
): Promise<NewDelivery[]> {
  const hooks = await store.channels.usable('webhook', n.category, n.type);
  return hooks
    .filter((h) => {
      const events = (h.config as { events?: string[] }).events;
      return !events?.length || events.includes(event);
    })
    .map((h) => ({
      id: newId(),
      notificationId: n.id,
      type: n.type,
      recipientId: null,
      step: 'event' as const,
      condition: null,
      plan: { channels: ['webhook'], mode: 'first-available' as const, event },
      kind: 'webhook',
      channelId: h.id,
      status: 'pending' as const,
      dueAt: now,
    }));
}
