// Long because the delivery log and the delivery queue share one table: the tenant's view (list,
// stats, retry) and the workers' view (claim under a lease, finish, purge) are two classes here.
import { isUuid } from '@aviso/protocol';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { deliveries, deliveryAttempts } from '../schema.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = Omit<typeof deliveries.$inferInsert, 'tenantId'>;
export type DeliveryStatus = DeliveryRow['status'];
export type AttemptRow = typeof deliveryAttempts.$inferSelect;
/** One try as the delivery engine reports it; the repository adds ids and the tenant. */
export type NewAttempt = Omit<typeof deliveryAttempts.$inferInsert, 'id' | 'tenantId' | 'deliveryId'>;

const attemptRows = (tenantId: string, deliveryId: string, tried: readonly NewAttempt[]) =>
  tried.map((a) => ({ ...a, id: newId(), tenantId, deliveryId }));

export interface DeliveryFilters {
  status?: DeliveryStatus;
  channel?: string;
  type?: string;
  days?: number;
  cursor?: string;
  limit: number;
}

/** A tenant's delivery log and the operations on it. */
export class DeliveryRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  async insert(rows: NewDelivery[]): Promise<DeliveryRow[]> {
    if (!rows.length) return [];
    return this.db
      .insert(deliveries)
      .values(rows.map((r) => ({ ...r, tenantId: this.tenantId })))
      .returning();
  }

  async get(id: string): Promise<DeliveryRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, this.tenantId), eq(deliveries.id, id)));
    return row;
  }

  /** Every try of one delivery, oldest first. */
  async attempts(deliveryId: string): Promise<AttemptRow[]> {
    if (!isUuid(deliveryId)) return [];
    return this.db
      .select()
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.tenantId, this.tenantId), eq(deliveryAttempts.deliveryId, deliveryId)))
      .orderBy(asc(deliveryAttempts.at), asc(deliveryAttempts.id));
  }

  /** Adds tries to a delivery's history (a channel test sent from the API). */
  async addAttempts(deliveryId: string, tried: readonly NewAttempt[]) {
    if (!tried.length) return;
    await this.db.insert(deliveryAttempts).values(attemptRows(this.tenantId, deliveryId, tried));
  }

  /** The log, newest first, a page at a time. */
  async list(
    f: DeliveryFilters,
    now = new Date(),
  ): Promise<{ items: DeliveryRow[]; nextCursor: string | null }> {
    const rows = await this.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.tenantId, this.tenantId),
          f.status ? eq(deliveries.status, f.status) : undefined,
          f.channel ? eq(deliveries.kind, f.channel) : undefined,
          f.type ? eq(deliveries.type, f.type) : undefined,
          f.days ? gte(deliveries.createdAt, new Date(now.getTime() - f.days * 86_400_000)) : undefined,
          f.cursor ? lt(deliveries.id, f.cursor) : undefined,
        ),
      )
      .orderBy(desc(deliveries.id))
      .limit(f.limit + 1);
    const items = rows.slice(0, f.limit);
    return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.id : null };
  }

  /** Counts per day, status, channel kind and type over the last `days` days. */
  async counts(days: number, timezone: string, now = new Date()) {
    const day = sql<string>`to_char(${deliveries.createdAt} at time zone ${timezone}, 'YYYY-MM-DD')`;
    return (
      this.db
        .select({
          day,
          status: deliveries.status,
          kind: deliveries.kind,
          type: deliveries.type,
          count: sql<number>`count(*)::int`,
        })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, this.tenantId),
            gte(deliveries.createdAt, new Date(now.getTime() - days * 86_400_000)),
          ),
        )
        // By position: the time zone is a bind parameter, so the day expression written again in
        // GROUP BY would get a new placeholder and PostgreSQL would not see it as the same one.
        .groupBy(sql`1`, sql`2`, sql`3`, sql`4`)
    );
  }

  /**
   * Puts a failed (or bounced) delivery back in the queue, due now, with a fresh count of
   * attempts; the tries so far stay in its history. A channel test is sent again to the address
   * it kept; tests from before addresses were kept cannot be.
   */
  async retry(id: string, now = new Date()): Promise<DeliveryRow | undefined> {
    const [row] = await this.db
      .update(deliveries)
      .set({ status: 'pending', attempts: 0, dueAt: now, lockedUntil: null, updatedAt: now })
      .where(
        and(
          eq(deliveries.tenantId, this.tenantId),
          eq(deliveries.id, id),
          inArray(deliveries.status, ['failed', 'bounced']),
          or(ne(deliveries.step, 'test'), sql`${deliveries.plan}->>'address' is not null`),
        ),
      )
      .returning();
    return row;
  }

  /** The digest rows of one person in the same window as `row` (still to be sent), oldest first. */
  async digestGroup(row: Pick<DeliveryRow, 'recipientId' | 'dueAt' | 'plan'>): Promise<DeliveryRow[]> {
    if (!row.recipientId) return [];
    // The window the row was planned in; a row planned before windows were kept goes by its due
    // time, which a wait for the leader moves on (and which could then split its window in two).
    const window = row.plan.window;
    return this.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.tenantId, this.tenantId),
          eq(deliveries.recipientId, row.recipientId),
          eq(deliveries.step, 'digest'),
          window
            ? or(
                sql`${deliveries.plan}->>'window' = ${window}`,
                and(sql`${deliveries.plan}->>'window' is null`, lte(deliveries.dueAt, new Date(window))),
              )
            : lte(deliveries.dueAt, row.dueAt),
          inArray(deliveries.status, ['pending', 'sending']),
        ),
      )
      .orderBy(deliveries.id);
  }

  /**
   * A provider reported later (a status callback) that a message it had accepted failed: the sent
   * delivery of that kind with that provider id becomes `failed` with the reason, and its history
   * gains the report as a try of its own. Returns it, if any.
   */
  async failSent(
    kind: string,
    providerMessageId: string,
    failure: { errorCode: string; lastError: string },
    now = new Date(),
  ): Promise<DeliveryRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(deliveries)
        .set({ status: 'failed', ...failure, updatedAt: now })
        .where(
          and(
            eq(deliveries.tenantId, this.tenantId),
            eq(deliveries.kind, kind),
            eq(deliveries.providerMessageId, providerMessageId),
            eq(deliveries.status, 'sent'),
          ),
        )
        .returning();
      if (row) {
        await tx.insert(deliveryAttempts).values(
          attemptRows(this.tenantId, row.id, [
            {
              at: now,
              kind,
              channelId: row.channelId,
              outcome: failure.errorCode === 'RECIPIENT_REJECTED' ? 'bounced' : 'failed',
              errorCode: failure.errorCode,
              error: failure.lastError,
              providerMessageId,
            },
          ]),
        );
      }
      return row;
    });
  }

  /** Gives the rows folded into a digest the digest's outcome. */
  async settle(
    ids: readonly string[],
    fields: Partial<Omit<DeliveryRow, 'id' | 'tenantId'>>,
    now = new Date(),
  ) {
    if (!ids.length) return;
    await this.db
      .update(deliveries)
      .set({ ...fields, lockedUntil: null, updatedAt: now })
      .where(
        and(
          eq(deliveries.tenantId, this.tenantId),
          inArray(deliveries.id, [...ids]),
          inArray(deliveries.status, ['pending', 'sending']),
        ),
      );
  }

  /**
   * Cancels the pending steps of one notification for one person whose condition no longer
   * holds: reading cancels `unread` and `unseen` steps, seeing cancels `unseen` ones.
   */
  async cancelPending(
    notificationIds: readonly string[],
    recipientId: string,
    conditions: readonly ('unseen' | 'unread')[],
    now = new Date(),
  ): Promise<number> {
    if (!notificationIds.length) return 0;
    return this.cancelWhere(
      and(
        inArray(deliveries.notificationId, [...notificationIds]),
        // Escalations are for other people: any target acting on it makes them moot.
        or(eq(deliveries.recipientId, recipientId), eq(deliveries.step, 'escalate')),
        inArray(deliveries.condition, [...conditions]),
      )!,
      now,
    );
  }

  /** Cancels every pending unseen/unread step of a person up to a notification id (read all). */
  async cancelUpTo(recipientId: string, upTo: string, now = new Date()): Promise<number> {
    return this.cancelWhere(
      and(
        eq(deliveries.recipientId, recipientId),
        lte(deliveries.notificationId, upTo),
        inArray(deliveries.condition, ['unseen', 'unread']),
      )!,
      now,
    );
  }

  private async cancelWhere(where: SQL, now: Date): Promise<number> {
    const rows = await this.db
      .update(deliveries)
      .set({ status: 'cancelled', lastError: 'read or seen before the step fired', updatedAt: now })
      .where(and(eq(deliveries.tenantId, this.tenantId), eq(deliveries.status, 'pending'), where))
      .returning({ id: deliveries.id });
    return rows.length;
  }
}

export interface CancelOptions {
  /** Every notification up to this id (read all). */
  upTo?: string;
}

/** The queue side of deliveries, across tenants: one node claims a row at a time. */
export class DeliveryQueue {
  constructor(private readonly db: Db) {}

  /**
   * Claims due rows: pending ones whose time has come, and ones left `sending` by a node that
   * died (their lease ran out). `FOR UPDATE SKIP LOCKED` lets several nodes claim side by side.
   */
  async claim(limit: number, leaseMs: number, now = new Date()): Promise<DeliveryRow[]> {
    const due = this.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        or(
          and(eq(deliveries.status, 'pending'), lte(deliveries.dueAt, now)),
          and(
            eq(deliveries.status, 'sending'),
            or(isNull(deliveries.lockedUntil), lt(deliveries.lockedUntil, now)),
          ),
        ),
      )
      .orderBy(deliveries.dueAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(deliveries)
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
      .where(inArray(deliveries.id, due))
      .returning();
  }

  /**
   * Writes the outcome of a claimed row, only while this node still holds its lease: the lease's
   * end, as `claim` returned it, is the token (a node that took the row over after the lease ran
   * out wrote a later one). The tries of this round go into the history in the same transaction,
   * so a lost lease drops them with the outcome. Resolves to false when nothing was written.
   */
  async finish(
    claimed: Pick<DeliveryRow, 'id' | 'tenantId' | 'lockedUntil'>,
    fields: Partial<Omit<DeliveryRow, 'id' | 'tenantId'>>,
    now = new Date(),
    tried: readonly NewAttempt[] = [],
  ): Promise<boolean> {
    if (!tried.length) return this.writeOutcome(this.db, claimed, fields, now);
    return this.db.transaction(async (tx) => {
      if (!(await this.writeOutcome(tx, claimed, fields, now))) return false;
      await tx.insert(deliveryAttempts).values(attemptRows(claimed.tenantId, claimed.id, tried));
      return true;
    });
  }

  private async writeOutcome(
    db: Pick<Db, 'update'>,
    claimed: Pick<DeliveryRow, 'id' | 'lockedUntil'>,
    fields: Partial<Omit<DeliveryRow, 'id' | 'tenantId'>>,
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(deliveries)
      .set({ ...fields, lockedUntil: null, updatedAt: now })
      .where(
        and(
          eq(deliveries.id, claimed.id),
          eq(deliveries.status, 'sending'),
          claimed.lockedUntil
            ? eq(deliveries.lockedUntil, claimed.lockedUntil)
            : isNull(deliveries.lockedUntil),
        ),
      )
      .returning({ id: deliveries.id });
    return rows.length > 0;
  }

  /** When the next pending row is due, to sleep until then. */
  async nextDue(): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ dueAt: deliveries.dueAt })
      .from(deliveries)
      .where(eq(deliveries.status, 'pending'))
      .orderBy(deliveries.dueAt)
      .limit(1);
    return row?.dueAt;
  }

  /** Deletes finished log rows older than the cut-off (retention). */
  async purge(before: Date): Promise<number> {
    const rows = await this.db
      .delete(deliveries)
      .where(
        and(
          lt(deliveries.createdAt, before),
          inArray(deliveries.status, ['sent', 'failed', 'bounced', 'cancelled', 'skipped']),
        ),
      )
      .returning({ id: deliveries.id });
    return rows.length;
  }
}
