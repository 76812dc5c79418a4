// Long because stock alerts have several tables that change together (levels, open alerts, the
// low-stock digest's pending lines): one repository keeps their transactions in one place.
import { isUuid } from '@aviso/protocol';
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../client.ts';
import { deliveries, stockAlerts, stockLevels } from '../schema.ts';

export type StockLevelRow = typeof stockLevels.$inferSelect;
export type StockAlertRow = typeof stockAlerts.$inferSelect;
export type NewStockAlert = Omit<typeof stockAlerts.$inferInsert, 'tenantId'>;

/** One product's quantity as a host reports it. */
export interface LevelInput {
  productId: string;
  sku?: string | null;
  name?: string | null;
  qty: number;
  min: number;
}

export interface AlertFilters {
  status?: StockAlertRow['status'];
  branchId?: string;
  cursor?: string;
  limit: number;
}

const RETRYABLE = new Set(['40P01', '40001']);
const retryable = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return RETRYABLE.has(e?.code ?? '') || RETRYABLE.has(e?.cause?.code ?? '');
};

/**
 * Runs `fn` in a transaction, again when PostgreSQL picked it as a deadlock victim. Sorted locking
 * makes that rare; the retry makes it harmless.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => fn(tx as unknown as Db));
    } catch (err) {
      if (attempt >= tries || !retryable(err)) throw err;
    }
  }
}

/** A tenant's stock levels and stock alerts. Writers that decide on alerts run inside `locked`. */
export class StockRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /** This tenant's rows of `table` (levels or alerts) for `productIds` at `branchId`. */
  private products(
    table: typeof stockLevels | typeof stockAlerts,
    branchId: string,
    productIds: readonly string[],
  ) {
    return and(
      eq(table.tenantId, this.tenantId),
      eq(table.branchId, branchId),
      inArray(table.productId, [...productIds]),
    );
  }

  /** Runs `fn` with a repository bound to one transaction (retried on deadlock). */
  locked<T>(fn: (repo: StockRepo) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => fn(new StockRepo(tx, this.tenantId)));
  }

  /**
   * Stores new quantities and returns, per product, the level it replaced (absent when Aviso had
   * never seen the product). The rows stay locked until the transaction ends, so two movements of
   * one product at one branch are decided one after the other. Missing rows are inserted first
   * (a concurrent insert of the same row waits for ours), then the others are locked in product
   * order: every writer takes its locks in the same order.
   */
  async replaceLevels(
    branchId: string,
    items: readonly LevelInput[],
    now: Date,
    { sweepPending }: { sweepPending: boolean | ((item: LevelInput) => boolean) },
  ): Promise<Map<string, StockLevelRow>> {
    const sorted = [...items].sort((a, b) => (a.productId < b.productId ? -1 : 1));
    const pending = (i: LevelInput) => (typeof sweepPending === 'boolean' ? sweepPending : sweepPending(i));
    const values = sorted.map((i) => ({
      tenantId: this.tenantId,
      branchId,
      productId: i.productId,
      sku: i.sku ?? null,
      name: i.name ?? null,
      qty: i.qty,
      min: i.min,
      sweepPending: pending(i),
      updatedAt: now,
    }));
    const inserted = new Set<string>();
    for (const chunk of chunks(values, 1000)) {
      const rows = await this.db
        .insert(stockLevels)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ productId: stockLevels.productId });
      for (const r of rows) inserted.add(r.productId);
    }
    const rest = values.filter((v) => !inserted.has(v.productId));
    const previous = new Map<string, StockLevelRow>();
    for (const chunk of chunks(rest, 1000)) {
      const rows = await this.db
        .select()
        .from(stockLevels)
        .where(
          this.products(
            stockLevels,
            branchId,
            chunk.map((v) => v.productId),
          ),
        )
        .orderBy(stockLevels.productId)
        .for('update');
      for (const r of rows) previous.set(r.productId, r);
      await this.db
        .insert(stockLevels)
        .values(chunk)
        .onConflictDoUpdate({
          target: [stockLevels.tenantId, stockLevels.branchId, stockLevels.productId],
          set: {
            qty: sql`excluded.qty`,
            min: sql`excluded.min`,
            sku: sql`coalesce(excluded.sku, ${stockLevels.sku})`,
            name: sql`coalesce(excluded.name, ${stockLevels.name})`,
            // A snapshot asks for a sweep; a movement leaves a pending one in place.
            sweepPending:
              typeof sweepPending === 'boolean' && sweepPending ? sql`true` : stockLevels.sweepPending,
            updatedAt: now,
          },
        });
    }
    return previous;
  }

  /** Levels a snapshot left for the sweep, locked, in the order every writer locks them. */
  async pendingLevels(): Promise<StockLevelRow[]> {
    return this.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.tenantId, this.tenantId), eq(stockLevels.sweepPending, true)))
      .orderBy(stockLevels.branchId, stockLevels.productId)
      .for('update');
  }

  async clearSweepPending(branchId: string, productIds: readonly string[]) {
    for (const chunk of chunks(productIds, 1000)) {
      await this.db
        .update(stockLevels)
        .set({ sweepPending: false })
        .where(this.products(stockLevels, branchId, chunk));
    }
  }

  /**
   * Per product of `productIds` at `branchId`: its active alert, or else its latest alert opened
   * after `since` (what the 24-hour rule needs).
   */
  async alertsFor(branchId: string, productIds: readonly string[], since: Date) {
    const active = new Map<string, StockAlertRow>();
    const recent = new Map<string, StockAlertRow>();
    for (const chunk of chunks(productIds, 1000)) {
      const rows = await this.db
        .select()
        .from(stockAlerts)
        .where(
          and(
            this.products(stockAlerts, branchId, chunk),
            or(eq(stockAlerts.status, 'active'), gt(stockAlerts.openedAt, since)),
          ),
        )
        .orderBy(desc(stockAlerts.openedAt));
      for (const r of rows) {
        if (r.status === 'active' && !active.has(r.productId)) active.set(r.productId, r);
        if (r.openedAt > since && !recent.has(r.productId)) recent.set(r.productId, r);
      }
    }
    return { active, recent };
  }

  async openAlerts(rows: readonly NewStockAlert[]): Promise<StockAlertRow[]> {
    const out: StockAlertRow[] = [];
    for (const chunk of chunks(rows, 500)) {
      out.push(
        ...(await this.db
          .insert(stockAlerts)
          .values(chunk.map((r) => ({ ...r, tenantId: this.tenantId })))
          .returning()),
      );
    }
    return out;
  }

  /** Keeps an active alert's level in step with the stock. */
  async refreshAlert(id: string, level: number, min: number) {
    await this.db
      .update(stockAlerts)
      .set({ level, min, difference: min - level })
      .where(and(eq(stockAlerts.tenantId, this.tenantId), eq(stockAlerts.id, id)));
  }

  /** Resolves active alerts; returns the ones this call resolved. */
  async resolve(
    ids: readonly string[],
    by: NonNullable<StockAlertRow['resolvedBy']>,
    now: Date,
  ): Promise<StockAlertRow[]> {
    const out: StockAlertRow[] = [];
    for (const chunk of chunks(ids, 1000)) {
      out.push(
        ...(await this.db
          .update(stockAlerts)
          .set({ status: 'resolved', resolvedAt: now, resolvedBy: by })
          .where(
            and(
              eq(stockAlerts.tenantId, this.tenantId),
              inArray(stockAlerts.id, [...chunk]),
              eq(stockAlerts.status, 'active'),
            ),
          )
          .returning()),
      );
    }
    return out;
  }

  async setNotification(ids: readonly string[], notificationId: string) {
    if (!ids.length) return;
    await this.db
      .update(stockAlerts)
      .set({ notificationId })
      .where(and(eq(stockAlerts.tenantId, this.tenantId), inArray(stockAlerts.id, [...ids])));
  }

  /**
   * Claims the sweep-opened alerts no owner summary has covered yet, marking them `notifiedAt`:
   * a claimed alert is in exactly one summary.
   */
  async claimUnnotified(now: Date): Promise<StockAlertRow[]> {
    return this.db
      .update(stockAlerts)
      .set({ notifiedAt: now })
      .where(
        and(
          eq(stockAlerts.tenantId, this.tenantId),
          eq(stockAlerts.status, 'active'),
          eq(stockAlerts.source, 'snapshot'),
          isNull(stockAlerts.notifiedAt),
        ),
      )
      .returning();
  }

  /** Gives claimed alerts back when their summary could not be published. */
  async unclaim(ids: readonly string[]) {
    if (!ids.length) return;
    await this.db
      .update(stockAlerts)
      .set({ notifiedAt: null })
      .where(
        and(
          eq(stockAlerts.tenantId, this.tenantId),
          inArray(stockAlerts.id, [...ids]),
          isNull(stockAlerts.notificationId),
        ),
      );
  }

  /**
   * Fills `notifiedVia` of alerts whose notice went out once its deliveries finished: the channel
   * kinds that reached someone, or `inbox` when none did. Returns how many alerts it settled.
   */
  async settleNotices(): Promise<number> {
    const open = await this.db
      .selectDistinct({ notificationId: stockAlerts.notificationId })
      .from(stockAlerts)
      .where(
        and(
          eq(stockAlerts.tenantId, this.tenantId),
          isNotNull(stockAlerts.notifiedAt),
          isNull(stockAlerts.notifiedVia),
          isNotNull(stockAlerts.notificationId),
        ),
      );
    let settled = 0;
    for (const { notificationId } of open) {
      const rows = await this.db
        .select({ kind: deliveries.kind, status: deliveries.status })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, this.tenantId),
            eq(deliveries.notificationId, notificationId!),
            isNotNull(deliveries.recipientId),
          ),
        );
      if (rows.some((r) => r.status === 'pending' || r.status === 'sending')) continue;
      const kinds = [...new Set(rows.filter((r) => r.status === 'sent' && r.kind).map((r) => r.kind!))];
      const done = await this.db
        .update(stockAlerts)
        .set({ notifiedVia: kinds.length ? kinds.sort() : ['inbox'] })
        .where(
          and(
            eq(stockAlerts.tenantId, this.tenantId),
            eq(stockAlerts.notificationId, notificationId!),
            isNull(stockAlerts.notifiedVia),
          ),
        )
        .returning({ id: stockAlerts.id });
      settled += done.length;
    }
    return settled;
  }

  async alert(id: string): Promise<StockAlertRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select()
      .from(stockAlerts)
      .where(and(eq(stockAlerts.tenantId, this.tenantId), eq(stockAlerts.id, id)));
    return row;
  }

  /** Alerts, newest first, a page at a time. */
  async list(f: AlertFilters): Promise<{ items: StockAlertRow[]; nextCursor: string | null }> {
    const rows = await this.db
      .select()
      .from(stockAlerts)
      .where(
        and(
          eq(stockAlerts.tenantId, this.tenantId),
          f.status ? eq(stockAlerts.status, f.status) : undefined,
          f.branchId ? eq(stockAlerts.branchId, f.branchId) : undefined,
          f.cursor ? lt(stockAlerts.id, f.cursor) : undefined,
        ),
      )
      .orderBy(desc(stockAlerts.id))
      .limit(f.limit + 1);
    const items = rows.slice(0, f.limit);
    return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.id : null };
  }

  async level(branchId: string, productId: string): Promise<StockLevelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(stockLevels)
      .where(
        and(
          eq(stockLevels.tenantId, this.tenantId),
          eq(stockLevels.branchId, branchId),
          eq(stockLevels.productId, productId),
        ),
      );
    return row;
  }
}

/** What the hourly sweep needs across tenants: one node at a time, and who has work. */
export class StockSweepQueue {
  constructor(private readonly db: Db) {}

  /**
   * Takes the sweep's transaction-scoped advisory lock; false when another node holds it (that
   * node is sweeping, so this one skips). Released when the transaction ends.
   */
  async tryLock(): Promise<boolean> {
    const [row] = await rowsOf<{ locked: boolean }>(
      this.db,
      sql`select pg_try_advisory_xact_lock(hashtext('aviso:stock-sweep')) as locked`,
    );
    return row?.locked === true;
  }

  /** Tenants with snapshot levels the sweep has not looked at yet. */
  async tenantsPending(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ tenantId: stockLevels.tenantId })
      .from(stockLevels)
      .where(eq(stockLevels.sweepPending, true));
    return rows.map((r) => r.tenantId);
  }

  /** Tenants with alerts whose notice went out and whose channels are not recorded yet. */
  async tenantsUnsettled(since: Date): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ tenantId: stockAlerts.tenantId })
      .from(stockAlerts)
      .where(
        and(
          isNotNull(stockAlerts.notifiedAt),
          isNull(stockAlerts.notifiedVia),
          isNotNull(stockAlerts.notificationId),
          gt(stockAlerts.notifiedAt, since),
        ),
      );
    return rows.map((r) => r.tenantId);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
