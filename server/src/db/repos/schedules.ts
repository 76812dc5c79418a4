// Long because the tenant's schedules and the scheduler's queue share one table: the tenant's view
// (list, cancel) and the worker's (claim, finish, recur) are two classes here, as for deliveries.
import { isUuid, type ScheduleListQuery } from '@aviso/protocol';
import {
  and,
  asc,
  count,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import { fail } from '../../lib/errors.ts';
import type { Db } from '../client.ts';
import { IDEMPOTENCY_WINDOW_MS } from '../rows.ts';
import { idempotencyKeys, scheduledEvents, tenants } from '../schema.ts';

export type ScheduleRow = typeof scheduledEvents.$inferSelect;
export type NewSchedule = Omit<typeof scheduledEvents.$inferInsert, 'tenantId'>;

/** Labels the hub itself uses; a host's `DELETE /v1/schedules/:cancelKey` never touches them. */
export const SLA_LABEL = 'sla';
export const INCIDENT_LABEL = 'sla-incident';
/** A snooze's end: the person's tabs and devices get the notification back then. */
export const SNOOZE_LABEL = 'snooze';
const INTERNAL = [SLA_LABEL, INCIDENT_LABEL, SNOOZE_LABEL];

export type ScheduleInsertResult =
  | { status: 'created' }
  | { status: 'duplicate'; id: string }
  | { status: 'conflict'; id: string };

/** A tenant's scheduled notifications, reminders and SLA checks. */
export class ScheduleRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /**
   * Stores the schedules of one request. With an idempotency key, the key names `groupId`: the same
   * request again is a `duplicate` of it, another request under the key a `conflict`.
   */
  async insert(
    rows: NewSchedule[],
    idempotency?: { key: string; hash: string; groupId: string },
  ): Promise<ScheduleInsertResult> {
    const values = rows.map((r) => ({ ...r, tenantId: this.tenantId }));
    if (!idempotency) {
      if (values.length) await this.db.insert(scheduledEvents).values(values);
      return { status: 'created' };
    }
    return this.db.transaction(async (tx) => {
      const where = and(
        eq(idempotencyKeys.tenantId, this.tenantId),
        eq(idempotencyKeys.key, idempotency.key),
      );
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({
          tenantId: this.tenantId,
          key: idempotency.key,
          requestHash: idempotency.hash,
          notificationId: idempotency.groupId,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!claimed.length) {
        const [first] = await tx.select().from(idempotencyKeys).where(where).for('update');
        if (first && Date.now() - first.createdAt.getTime() < IDEMPOTENCY_WINDOW_MS) {
          return first.requestHash === idempotency.hash
            ? { status: 'duplicate', id: first.notificationId }
            : { status: 'conflict', id: first.notificationId };
        }
        await tx
          .update(idempotencyKeys)
          .set({ requestHash: idempotency.hash, notificationId: idempotency.groupId, createdAt: new Date() })
          .where(where);
      }
      if (values.length) await tx.insert(scheduledEvents).values(values);
      return { status: 'created' };
    });
  }

  async byIds(ids: readonly string[]): Promise<ScheduleRow[]> {
    if (!ids.length) return [];
    return this.db
      .select()
      .from(scheduledEvents)
      .where(and(eq(scheduledEvents.tenantId, this.tenantId), inArray(scheduledEvents.id, [...ids])))
      .orderBy(scheduledEvents.dueAt);
  }

  /**
   * Cancels every pending schedule of a host's cancel key; returns how many. A recurring row being
   * published right now is marked stopped first, so that it stores no next occurrence (the worker
   * checks the mark under the same row lock, see `insertNext`).
   */
  async cancel(cancelKey: string, now = new Date()): Promise<number> {
    await this.db
      .update(scheduledEvents)
      .set({ recurrence: sql`${scheduledEvents.recurrence} || '{"stopped":true}'::jsonb` })
      .where(
        and(
          eq(scheduledEvents.tenantId, this.tenantId),
          eq(scheduledEvents.cancelKey, cancelKey),
          eq(scheduledEvents.status, 'running'),
          isNotNull(scheduledEvents.recurrence),
        ),
      );
    const rows = await this.db
      .update(scheduledEvents)
      .set({ status: 'cancelled', error: 'cancelled by its cancelKey', updatedAt: now })
      .where(
        and(
          eq(scheduledEvents.tenantId, this.tenantId),
          eq(scheduledEvents.cancelKey, cancelKey),
          eq(scheduledEvents.status, 'pending'),
          notInArray(scheduledEvents.label, INTERNAL),
        ),
      )
      .returning({ id: scheduledEvents.id });
    return rows.length;
  }

  /**
   * Stores the next occurrence of a recurring schedule, unless the series was cancelled while
   * `current` ran: the current row is locked for the check, as `cancel` locks it to mark it.
   */
  async insertNext(currentId: string, next: NewSchedule): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ recurrence: scheduledEvents.recurrence })
        .from(scheduledEvents)
        .where(and(eq(scheduledEvents.tenantId, this.tenantId), eq(scheduledEvents.id, currentId)))
        .for('update');
      if (!current || current.recurrence?.stopped) return false;
      const stored = await tx
        .insert(scheduledEvents)
        .values({ ...next, tenantId: this.tenantId })
        .onConflictDoNothing()
        .returning({ id: scheduledEvents.id });
      return stored.length > 0;
    });
  }

  /** The rows of one recurring series (pending ones first). */
  ofSeries(seriesId: string): Promise<ScheduleRow[]> {
    const s = scheduledEvents;
    return this.db
      .select()
      .from(s)
      .where(and(eq(s.tenantId, this.tenantId), sql`${s.recurrence}->>'seriesId' = ${seriesId}`))
      .orderBy(asc(s.dueAt));
  }

  /** The schedules of one status (pending by default), soonest first, a page at a time. */
  async list(q: ScheduleListQuery): Promise<{ items: ScheduleRow[]; nextCursor: string | null }> {
    const s = scheduledEvents;
    const after = afterCursor(q.cursor);
    const rows = await this.db
      .select()
      .from(s)
      .where(
        and(
          eq(s.tenantId, this.tenantId),
          eq(s.status, q.status),
          q.cancelKey ? eq(s.cancelKey, q.cancelKey) : undefined,
          after,
        ),
      )
      .orderBy(asc(s.dueAt), asc(s.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? cursorOf(items.at(-1)!) : null };
  }

  /** Cancels the pending SLA checks of these notifications (someone acknowledged them). */
  async cancelSla(notificationIds: readonly string[], now = new Date()): Promise<number> {
    if (!notificationIds.length) return 0;
    const rows = await this.db
      .update(scheduledEvents)
      .set({ status: 'cancelled', error: 'acknowledged in time', updatedAt: now })
      .where(
        and(
          eq(scheduledEvents.tenantId, this.tenantId),
          eq(scheduledEvents.label, SLA_LABEL),
          eq(scheduledEvents.status, 'pending'),
          inArray(
            scheduledEvents.cancelKey,
            notificationIds.map((id) => slaKey(id)),
          ),
        ),
      )
      .returning({ id: scheduledEvents.id });
    return rows.length;
  }

  /**
   * Closes a claimed SLA check as a breach and, in the same transaction, opens an incident when
   * this makes `threshold` breaches within the window and no incident was opened within it.
   * The tenant row is locked so that breaches handled side by side (two nodes) open one incident.
   */
  async recordBreach(
    id: string,
    notificationId: string,
    limits: { threshold: number; windowMs: number },
    incident: (count: number) => NewSchedule,
    now: Date,
  ): Promise<NewSchedule | undefined> {
    return this.db.transaction(async (tx) => {
      const done = await tx
        .update(scheduledEvents)
        .set({ status: 'done', notificationId, lockedUntil: null, error: null, updatedAt: now })
        .where(and(eq(scheduledEvents.id, id), eq(scheduledEvents.status, 'running')))
        .returning({ id: scheduledEvents.id });
      if (!done.length) return undefined;
      await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, this.tenantId)).for('update');
      const since = new Date(now.getTime() - limits.windowMs);
      const within = (label: string) =>
        and(
          eq(scheduledEvents.tenantId, this.tenantId),
          eq(scheduledEvents.label, label),
          gt(scheduledEvents.dueAt, since),
        );
      const [breaches] = await tx
        .select({ n: count() })
        .from(scheduledEvents)
        .where(
          and(
            within(SLA_LABEL),
            eq(scheduledEvents.status, 'done'),
            isNotNull(scheduledEvents.notificationId),
          ),
        );
      if ((breaches?.n ?? 0) < limits.threshold) return undefined;
      const [open] = await tx
        .select({ n: count() })
        .from(scheduledEvents)
        .where(and(within(INCIDENT_LABEL), ne(scheduledEvents.status, 'cancelled')));
      if (open?.n) return undefined;
      const row = incident(breaches!.n);
      await tx.insert(scheduledEvents).values({ ...row, tenantId: this.tenantId });
      return row;
    });
  }
}

/** A page's cursor: the due time and id of its last row, the order lists are sorted in. */
const cursorOf = (last: Pick<ScheduleRow, 'dueAt' | 'id'>) => `${last.dueAt.toISOString()}_${last.id}`;

/** The rows after a cursor; a cursor that is not one is a 400 `VALIDATION_FAILED`. */
function afterCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const s = scheduledEvents;
  const [at, id] = cursor.split('_');
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at)))
    fail('VALIDATION_FAILED', { what: 'cursor' });
  return or(gt(s.dueAt, new Date(at)), and(eq(s.dueAt, new Date(at)), gt(s.id, id)));
}

/** The cancel key of the SLA check of one notification. */
export const slaKey = (notificationId: string) => `sla:${notificationId}`;

/** The claiming side of schedules, across tenants: each due row is run by one node once. */
export class ScheduleQueue {
  constructor(private readonly db: Db) {}

  /**
   * Claims due rows: pending ones whose time has come, and `running` ones whose node died (the
   * lease ran out). `FOR UPDATE SKIP LOCKED` lets several nodes claim side by side.
   */
  async claim(limit: number, leaseMs: number, now = new Date()): Promise<ScheduleRow[]> {
    const s = scheduledEvents;
    const due = this.db
      .select({ id: s.id })
      .from(s)
      .where(
        or(
          and(eq(s.status, 'pending'), lte(s.dueAt, now)),
          and(eq(s.status, 'running'), or(isNull(s.lockedUntil), lt(s.lockedUntil, now))),
        ),
      )
      .orderBy(s.dueAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(s)
      .set({ status: 'running', lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
      .where(inArray(s.id, due))
      .returning();
  }

  /** Writes the outcome of a claimed row, only while this node still holds its lease (see `DeliveryQueue.finish`). */
  async finish(
    claimed: Pick<ScheduleRow, 'id' | 'lockedUntil'>,
    fields: Partial<Omit<ScheduleRow, 'id' | 'tenantId'>>,
    now = new Date(),
  ): Promise<boolean> {
    const rows = await this.db
      .update(scheduledEvents)
      .set({ ...fields, lockedUntil: null, updatedAt: now })
      .where(
        and(
          eq(scheduledEvents.id, claimed.id),
          eq(scheduledEvents.status, 'running'),
          claimed.lockedUntil
            ? eq(scheduledEvents.lockedUntil, claimed.lockedUntil)
            : isNull(scheduledEvents.lockedUntil),
        ),
      )
      .returning({ id: scheduledEvents.id });
    return rows.length > 0;
  }

  /**
   * The operator's view across tenants: the schedules of one status (optionally of one tenant),
   * soonest first, each with its tenant's name; the cursor is the one `ScheduleRepo.list` uses.
   */
  async listAll(q: {
    status: ScheduleRow['status'];
    tenantId?: string;
    cursor?: string;
    limit: number;
  }): Promise<{ items: (ScheduleRow & { tenantName: string })[]; nextCursor: string | null }> {
    const s = scheduledEvents;
    const after = afterCursor(q.cursor);
    const rows = await this.db
      .select({ row: s, tenantName: tenants.name })
      .from(s)
      .innerJoin(tenants, eq(tenants.id, s.tenantId))
      .where(and(eq(s.status, q.status), q.tenantId ? eq(s.tenantId, q.tenantId) : undefined, after))
      .orderBy(asc(s.dueAt), asc(s.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit).map((r) => ({ ...r.row, tenantName: r.tenantName }));
    return { items, nextCursor: rows.length > q.limit ? cursorOf(items.at(-1)!) : null };
  }

  /** When the next pending row is due, to sleep until then. */
  async nextDue(): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ dueAt: scheduledEvents.dueAt })
      .from(scheduledEvents)
      .where(eq(scheduledEvents.status, 'pending'))
      .orderBy(scheduledEvents.dueAt)
      .limit(1);
    return row?.dueAt;
  }
}
