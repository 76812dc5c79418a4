import { createHash } from 'node:crypto';
import { type EventAccepted, type EventInput, parseDuration, type ScheduledItem } from '@aviso/protocol';
import { newId } from '../db/ids.ts';
import type { NewSchedule, ScheduleRow } from '../db/repos/schedules.ts';
import type { TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { fail } from '../lib/errors.ts';
import { dueData } from './when.ts';

/** The label of a `deliverAt` schedule; reminders are labelled with their offset (`-24h`). */
export const DELIVER_LABEL = 'deliver';

/** The id of one schedule of a request: the request's own id for `deliver`, derived for reminders. */
export function scheduleRowId(groupId: string, label: string): string {
  if (label === DELIVER_LABEL) return groupId;
  const h = createHash('sha256').update(`${groupId}:${label}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SchedulePlan {
  rows: NewSchedule[];
  skipped: { label: string; dueAt: string; reason: string }[];
}

/** The event a schedule publishes: the input without its scheduling fields, with due-date data. */
function eventAt(input: EventInput, tenant: TenantRow, at: Date): Record<string, unknown> {
  const { deliverAt: _d, dueAt, reminders: _r, cancelKey: _c, idempotencyKey: _k, ...event } = input;
  if (!dueAt) return event;
  const data = dueData(event.data ?? {}, new Date(dueAt), at, input.locale ?? tenant.locale, tenant.timezone);
  return { ...event, data };
}

/**
 * The rows a scheduled event becomes: one `deliver` row at `deliverAt`, or one row per reminder at
 * `dueAt + offset`. A reminder whose time has passed is skipped; a `deliverAt` in the past is due now.
 */
export function planSchedules(
  input: EventInput,
  tenant: TenantRow,
  now: Date,
  groupId: string,
): SchedulePlan {
  const base = { cancelKey: input.cancelKey ?? null, status: 'pending' as const };
  if (input.deliverAt) {
    const at = new Date(input.deliverAt);
    const row = { ...base, id: groupId, label: DELIVER_LABEL, dueAt: at, event: eventAt(input, tenant, at) };
    return { rows: [row], skipped: [] };
  }
  const due = new Date(input.dueAt!).getTime();
  const plan: SchedulePlan = { rows: [], skipped: [] };
  for (const label of input.reminders ?? []) {
    const at = new Date(due + parseDuration(label)!);
    if (at.getTime() <= now.getTime()) {
      plan.skipped.push({ label, dueAt: at.toISOString(), reason: 'its time had already passed' });
      continue;
    }
    const id = scheduleRowId(groupId, label);
    plan.rows.push({ ...base, id, label, dueAt: at, event: eventAt(input, tenant, at) });
  }
  plan.rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return plan;
}

const item = (r: Pick<ScheduleRow, 'id' | 'label' | 'dueAt'>): ScheduledItem => ({
  id: r.id,
  label: r.label,
  dueAt: r.dueAt.toISOString(),
});

/**
 * Stores a `deliverAt` or `reminders` event as schedules. The same idempotency key and body give
 * the first answer again (as `duplicate`), another body under the key a 409.
 */
export async function scheduleEvent(
  store: TenantStore,
  tenant: TenantRow,
  input: EventInput,
  hash: string,
  now: Date,
): Promise<{ accepted: EventAccepted; earliest?: Date }> {
  const groupId = newId();
  const plan = planSchedules(input, tenant, now, groupId);
  const key = input.idempotencyKey;
  const result = await store.schedules.insert(plan.rows, key ? { key, hash, groupId } : undefined);
  if (result.status === 'conflict') {
    fail('IDEMPOTENCY_CONFLICT', {}, { details: { id: result.id } });
  }
  if (result.status === 'duplicate') {
    const first = planSchedules(input, tenant, new Date(0), result.id);
    const rows = await store.schedules.byIds(first.rows.map((r) => r.id));
    const stored = new Set(rows.map((r) => r.label));
    const skipped = first.rows
      .filter((r) => !stored.has(r.label))
      .map((r) => ({ label: r.label, dueAt: r.dueAt.toISOString(), reason: 'its time had already passed' }));
    const accepted = { id: result.id, status: 'duplicate' as const, scheduled: rows.map(item) };
    return { accepted: skipped.length ? { ...accepted, skipped } : accepted };
  }
  const accepted = { id: groupId, status: 'scheduled' as const, scheduled: plan.rows.map(item) };
  return {
    accepted: plan.skipped.length ? { ...accepted, skipped: plan.skipped } : accepted,
    earliest: plan.rows[0]?.dueAt,
  };
}
