import { and, asc, eq, exists, gt, inArray, isNotNull, lt, notExists, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import {
  deliveries,
  idempotencyKeys,
  notificationStates,
  notifications,
  scheduledEvents,
  stockAlerts,
  telegramLinks,
} from '../db/schema.ts';
import type { RetentionCutoffs } from './policy.ts';

/** The tables retention deletes from (the label of `aviso_retention_purged_rows_total`). */
export const RETAINED_TABLES = [
  'idempotency_keys',
  'deliveries',
  'notification_states',
  'notifications',
  'stock_alerts',
  'scheduled_events',
  'telegram_links',
] as const;
export type RetainedTable = (typeof RETAINED_TABLES)[number];

/** How deletes are paced. */
export interface BatchOptions {
  /** Most rows one statement deletes (or one page of notifications looks at). */
  batch: number;
  /** Pause after a full batch, so a large purge never hogs the database. */
  pauseMs: number;
  /** Told of every statement that deleted rows, as it happens (metrics, tests). */
  onBatch: (table: RetainedTable, rows: number) => void | Promise<void>;
  /** Set when the node stops: the purge ends after the statement under way. */
  signal?: AbortSignal;
}

const FINISHED_DELIVERIES = ['sent', 'failed', 'bounced', 'cancelled', 'skipped'] as const;
const ACTIVE_DELIVERIES = ['pending', 'sending'] as const;
const FINISHED_SCHEDULES = ['done', 'cancelled', 'failed'] as const;
/** Used or expired Telegram link tokens are kept this long after their expiry, for support. */
const TELEGRAM_LINKS_KEPT_MS = 7 * 86_400_000;

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The greatest UUIDv7 of the millisecond `at`: notification ids are v7 minted when the row is
 * written, so `id < ceiling(cut-off)` bounds an index scan to rows at least that old.
 */
export function v7Ceiling(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7fff-bfff-ffffffffffff`;
}

/** Runs `once` (one bounded delete) until it deletes less than a batch; returns the rows deleted. */
async function repeat(table: RetainedTable, o: BatchOptions, once: () => Promise<number>): Promise<number> {
  let total = 0;
  while (!o.signal?.aborted) {
    const rows = await once();
    total += rows;
    if (rows) await o.onBatch(table, rows);
    if (rows < o.batch) break;
    await pause(o.pauseMs);
  }
  return total;
}

/** Deletes one tenant's rows older than its cut-offs, table by table, in bounded statements. */
export class TenantPurge {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    private readonly o: BatchOptions,
  ) {}

  /**
   * Deletes this tenant's rows of `table` that meet `conditions`, a batch at a time, picking them
   * by `key`. The delete checks the conditions again: a row that changed in between (a key claimed
   * anew gets a new `created_at`) stays.
   */
  private batches(
    label: RetainedTable,
    table: PgTable & { tenantId: PgColumn },
    key: PgColumn,
    ...conditions: (SQL | undefined)[]
  ) {
    const old = and(eq(table.tenantId, this.tenantId), ...conditions);
    return repeat(label, this.o, async () => {
      const picked = this.db.select({ key }).from(table).where(old).limit(this.o.batch);
      const gone = await this.db
        .delete(table)
        .where(and(old, inArray(key, picked)))
        .returning({ key });
      return gone.length;
    });
  }

  idempotencyKeys(before: Date) {
    const k = idempotencyKeys;
    return this.batches('idempotency_keys', k, k.key, lt(k.createdAt, before));
  }

  /** Finished deliveries; pending and in-flight ones stay whatever their age. */
  deliveries(before: Date) {
    const d = deliveries;
    return this.batches(
      'deliveries',
      d,
      d.id,
      lt(d.createdAt, before),
      inArray(d.status, [...FINISHED_DELIVERIES]),
    );
  }

  /** Resolved stock alerts, counted from when they were resolved; active ones stay. */
  stockAlerts(before: Date) {
    const a = stockAlerts;
    return this.batches('stock_alerts', a, a.id, eq(a.status, 'resolved'), lt(a.resolvedAt, before));
  }

  /** Schedules that ran, were cancelled or failed, counted from when they finished; pending ones stay. */
  schedules(before: Date) {
    const s = scheduledEvents;
    return this.batches(
      'scheduled_events',
      s,
      s.id,
      inArray(s.status, [...FINISHED_SCHEDULES]),
      lt(s.updatedAt, before),
    );
  }

  /** Telegram link tokens a week after they expired (used or not). */
  telegramLinks(now: Date) {
    const l = telegramLinks;
    const expired = new Date(now.getTime() - TELEGRAM_LINKS_KEPT_MS);
    return this.batches('telegram_links', l, l.tokenHash, lt(l.expiresAt, expired));
  }

  /**
   * Notifications older than `cut.notifications`, and those older than `cut.readNotifications`
   * that somebody read, answered or archived; none with a delivery still pending or sending.
   * Pages of ids are walked in order (a cursor, so kept rows are looked at once per run), and the
   * states and deliveries of each page's doomed notifications are deleted first, in bounded
   * statements, before the notifications themselves.
   */
  async notifications(cut: Pick<RetentionCutoffs, 'notifications' | 'readNotifications'>) {
    const n = notifications;
    const s = notificationStates;
    const latest = new Date(Math.max(cut.readNotifications.getTime(), cut.notifications.getTime()));
    const read = this.db
      .select({ one: sql`1` })
      .from(s)
      .where(
        and(
          eq(s.notificationId, n.id),
          or(isNotNull(s.readAt), isNotNull(s.actedAt), isNotNull(s.archivedAt)),
        ),
      );
    const active = this.db
      .select({ one: sql`1` })
      .from(deliveries)
      .where(and(eq(deliveries.notificationId, n.id), inArray(deliveries.status, [...ACTIVE_DELIVERIES])));
    const due = and(
      or(lt(n.createdAt, cut.notifications), and(lt(n.createdAt, cut.readNotifications), exists(read))),
      notExists(active),
    );
    let after: string | undefined;
    let purged = 0;
    while (!this.o.signal?.aborted) {
      const page = await this.db
        .select({ id: n.id })
        .from(n)
        .where(
          and(
            eq(n.tenantId, this.tenantId),
            lt(n.id, v7Ceiling(latest)),
            after ? gt(n.id, after) : undefined,
          ),
        )
        .orderBy(asc(n.id))
        .limit(this.o.batch);
      if (!page.length) break;
      after = page.at(-1)!.id;
      const doomed = (
        await this.db
          .select({ id: n.id })
          .from(n)
          .where(
            and(
              eq(n.tenantId, this.tenantId),
              inArray(
                n.id,
                page.map((p) => p.id),
              ),
              due,
            ),
          )
      ).map((r) => r.id);
      if (doomed.length) purged += await this.dropNotifications(doomed);
      if (page.length < this.o.batch) break;
      await pause(this.o.pauseMs);
    }
    return purged;
  }

  /**
   * Deletes these notifications: their states and deliveries first, then them, in one transaction
   * (a stop or a crash half-way must not leave a read notification without its read state, which
   * would show it unread again). Each statement is still bounded by the batch.
   */
  private async dropNotifications(ids: string[]): Promise<number> {
    const s = notificationStates;
    const d = deliveries;
    const counts: [RetainedTable, number][] = [];
    const drain = async (table: RetainedTable, once: () => Promise<number>) => {
      for (let rows = this.o.batch; rows >= this.o.batch; ) {
        rows = await once();
        if (rows) counts.push([table, rows]);
      }
    };
    await this.db.transaction(async (tx) => {
      await drain('notification_states', async () => {
        const picked = tx
          .select({ n: s.notificationId, r: s.recipientId })
          .from(s)
          .where(inArray(s.notificationId, ids))
          .limit(this.o.batch);
        const gone = await tx
          .delete(s)
          .where(sql`(${s.notificationId}, ${s.recipientId}) in (${picked})`)
          .returning({ n: s.notificationId });
        return gone.length;
      });
      await drain('deliveries', async () => {
        const picked = tx
          .select({ id: d.id })
          .from(d)
          .where(inArray(d.notificationId, ids))
          .limit(this.o.batch);
        const gone = await tx.delete(d).where(inArray(d.id, picked)).returning({ id: d.id });
        return gone.length;
      });
      const gone = await tx
        .delete(notifications)
        .where(and(eq(notifications.tenantId, this.tenantId), inArray(notifications.id, ids)))
        .returning({ id: notifications.id });
      if (gone.length) counts.push(['notifications', gone.length]);
    });
    // Told after the commit: on PGlite nothing else can query while the transaction is open.
    for (const [table, rows] of counts) await this.o.onBatch(table, rows);
    return counts.filter(([t]) => t === 'notifications').reduce((sum, [, rows]) => sum + rows, 0);
  }
}
