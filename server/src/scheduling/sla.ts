import {
  DeliveryRulesSchema,
  type EventInput,
  type EventTypeDefinition,
  parseDuration,
  SLA_DEFAULTS,
  SlaSettingsSchema,
} from '@aviso/protocol';
import { newId } from '../db/ids.ts';
import { INCIDENT_LABEL, type NewSchedule, SLA_LABEL, slaKey } from '../db/repos/schedules.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';

/** What an SLA check row remembers: the notification it watches and the time it was given. */
export interface SlaCheck {
  notificationId: string;
  after: string;
}

/** The time a `requireAck` notification of this type has to be read: its `escalate.after`, else 10m. */
export function slaAfter(def: EventTypeDefinition): string {
  const rules = DeliveryRulesSchema.safeParse(def.rules ?? {});
  return (rules.success && rules.data.escalate?.after) || SLA_DEFAULTS.after;
}

/** The schedule row that checks, `after` from now, whether anyone targeted read the notification. */
export function slaCheckRow(def: EventTypeDefinition, notificationId: string, now: Date): NewSchedule {
  const after = slaAfter(def);
  const check: SlaCheck = { notificationId, after };
  return {
    id: newId(),
    cancelKey: slaKey(notificationId),
    event: { ...check },
    label: SLA_LABEL,
    dueAt: new Date(now.getTime() + Math.max(0, parseDuration(after) ?? 600_000)),
    status: 'pending',
  };
}

/** Whether anyone targeted acknowledged the notification: a read mark, or a read-all past it. */
export async function acknowledged(store: TenantStore, n: NotificationRow): Promise<boolean> {
  if (await store.notifications.anyState(n.id, 'readAt')) return true;
  const people = await store.recipients.audienceOf(n);
  return people.some((p) => p.readUpTo && p.readUpTo >= n.id);
}

/** The SLA_INCUMPLIDO event for a notification nobody read in time. */
export function breachEvent(n: NotificationRow, check: SlaCheck): EventInput {
  const data = n.data as Record<string, unknown>;
  const named = `'${n.title ?? n.message}'${n.entityId ? ` (${n.entityId})` : ''}`;
  const subject = typeof data.subject === 'string' && data.subject ? data.subject : named;
  return {
    type: 'SLA_INCUMPLIDO',
    ...(n.entityId ? { entityId: n.entityId } : {}),
    data: { subject, notificationId: n.id, notificationType: n.type, after: check.after },
    ...(n.link ? { link: n.link } : {}),
  };
}

/** The tenant's incident threshold and window (`settings.sla`), with the defaults. */
export function incidentLimits(tenant: TenantRow) {
  const parsed = SlaSettingsSchema.safeParse((tenant.settings as { sla?: unknown }).sla ?? {});
  const sla = parsed.success ? parsed.data : {};
  const minutes = sla.incidentWindowMinutes ?? SLA_DEFAULTS.incidentWindowMinutes;
  return {
    threshold: sla.incidentThreshold ?? SLA_DEFAULTS.incidentThreshold,
    minutes,
    windowMs: minutes * 60_000,
  };
}

/** The schedule row that publishes one INCIDENTE_SLA, due now. */
export function incidentRow(count: number, minutes: number, now: Date): NewSchedule {
  const event: EventInput = { type: 'INCIDENTE_SLA', data: { count, minutes } };
  return { id: newId(), cancelKey: null, event, label: INCIDENT_LABEL, dueAt: now, status: 'pending' };
}
