import type { Logger } from 'pino';
import { newId } from '../db/ids.ts';
import { inTransaction, type NewStockAlert, StockRepo, StockSweepQueue } from '../db/repos/stock.ts';
import type { Store } from '../db/store.ts';
import { type IngestHooks, ingestEvent } from '../ingest/events.ts';
import { CronJob } from '../lib/cron-job.ts';
import { REALERT_WINDOW_MS } from './movements.ts';
import { ownersSummary, summaryOverrides } from './summary.ts';

export interface StockSweepOptions {
  now?: Date;
  log: Logger;
  /** Live push and delivery planning of the owners' summaries (as the HTTP routes get them). */
  hooks: IngestHooks;
}

export interface StockSweepResult {
  /** False when another node held the sweep lock, so this one did nothing. */
  ran: boolean;
  opened: number;
  resolved: number;
  /** The owners' summaries published, one per tenant with new alerts. */
  summaries: { tenantId: string; notificationId: string; alerts: number }[];
}

/** Looks at one tenant's pending levels under their row locks; returns the alerts to tell owners of. */
async function sweepTenant(stock: StockRepo, now: Date) {
  const levels = await stock.pendingLevels();
  const byBranch = new Map<string, typeof levels>();
  for (const l of levels) {
    const rows = byBranch.get(l.branchId);
    if (rows) rows.push(l);
    else byBranch.set(l.branchId, [l]);
  }
  const toOpen: NewStockAlert[] = [];
  const toResolve: string[] = [];
  const since = new Date(now.getTime() - REALERT_WINDOW_MS);
  for (const [branchId, rows] of byBranch) {
    const ids = rows.map((r) => r.productId);
    const { active, recent } = await stock.alertsFor(branchId, ids, since);
    for (const level of rows) {
      const open = active.get(level.productId);
      if (level.qty > level.min) {
        if (open) toResolve.push(open.id);
      } else if (open) {
        await stock.refreshAlert(open.id, level.qty, level.min);
      } else if (!recent.has(level.productId)) {
        toOpen.push({
          id: newId(),
          branchId,
          productId: level.productId,
          sku: level.sku,
          name: level.name,
          level: level.qty,
          min: level.min,
          difference: level.min - level.qty,
          status: 'active',
          reference: null,
          source: 'snapshot',
          openedAt: now,
        });
      }
    }
    await stock.clearSweepPending(branchId, ids);
  }
  const opened = await stock.openAlerts(toOpen);
  const resolved = await stock.resolve(toResolve, 'stock', now);
  return { opened: opened.length, resolved: resolved.length, notice: await stock.claimUnnotified(now) };
}

/**
 * The hourly sweep of snapshot levels (`PUT /v1/stock/levels`): opens alerts for products at or
 * below their minimum that have none (and had none in 24 hours), resolves alerts of products that
 * recovered, and sends each tenant's owners one summary. One node runs it at a time: the
 * transaction takes an advisory lock, and a node that cannot get it skips the run.
 */
export async function runStockSweep(
  store: Store,
  { now = new Date(), log, hooks }: StockSweepOptions,
): Promise<StockSweepResult> {
  const swept = await inTransaction(store.db, async (tx) => {
    const queue = new StockSweepQueue(tx);
    if (!(await queue.tryLock())) return null;
    const out = [];
    for (const tenantId of await queue.tenantsPending()) {
      out.push({ tenantId, ...(await sweepTenant(new StockRepo(tx, tenantId), now)) });
    }
    return out;
  });
  if (!swept) {
    log.debug('stock sweep running on another node; skipped');
    return { ran: false, opened: 0, resolved: 0, summaries: [] };
  }
  const summaries: StockSweepResult['summaries'] = [];
  for (const { tenantId, notice } of swept) {
    if (!notice.length) continue;
    const tenantStore = store.forTenant(tenantId);
    const ids = notice.map((a) => a.id);
    try {
      const tenant = await tenantStore.settings.get();
      const overrides = summaryOverrides(await tenantStore.settings.eventTypeOverrides());
      const accepted = await ingestEvent(
        tenantStore,
        tenant,
        overrides,
        ownersSummary(
          notice,
          tenant.locale,
          new Map((await tenantStore.branches.list()).map((b) => [b.id, b.name])),
        ),
        hooks,
      );
      await tenantStore.stock.setNotification(ids, accepted.id);
      summaries.push({ tenantId, notificationId: accepted.id, alerts: ids.length });
    } catch (err) {
      // Given back, the alerts are in the next run's summary.
      log.warn({ err, tenant: tenantId }, 'stock summary not published');
      await tenantStore.stock.unclaim(ids).catch(() => {});
    }
  }
  await settleStockNotices(store, now);
  const opened = swept.reduce((n, t) => n + t.opened, 0);
  const resolved = swept.reduce((n, t) => n + t.resolved, 0);
  if (opened || resolved) log.info({ opened, resolved, summaries: summaries.length }, 'stock swept');
  return { ran: true, opened, resolved, summaries };
}

/**
 * Records `notifiedVia` on alerts whose owners' summary finished delivering (the channel kinds
 * that reached someone, or `inbox`). Idempotent; every node may run it.
 */
export async function settleStockNotices(store: Store, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  let settled = 0;
  for (const tenantId of await new StockSweepQueue(store.db).tenantsUnsettled(since)) {
    settled += await store.forTenant(tenantId).stock.settleNotices();
  }
  return settled;
}

export interface StockSweepJobOptions {
  log: Logger;
  hooks: IngestHooks;
  /** Cron pattern of the sweep (server time); hourly on the hour by default. */
  pattern?: string;
  /** Cron pattern of the pass that records which channels the summaries went out through. */
  settlePattern?: string;
  now?: () => Date;
}

/** The hourly `runStockSweep` and the five-minute `settleStockNotices`, as background jobs. */
export function stockSweepJobs(
  store: Store,
  {
    log,
    hooks,
    pattern = '0 * * * *',
    settlePattern = '*/5 * * * *',
    now = () => new Date(),
  }: StockSweepJobOptions,
): CronJob[] {
  return [
    new CronJob({
      name: 'stock-sweep',
      pattern,
      log,
      run: () => runStockSweep(store, { now: now(), log, hooks }),
    }),
    new CronJob({
      name: 'stock-settle',
      pattern: settlePattern,
      log,
      run: () => settleStockNotices(store, now()),
    }),
  ];
}
