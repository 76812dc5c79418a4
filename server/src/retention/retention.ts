import { asc, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, rowsOf } from '../db/client.ts';
import { tenants } from '../db/schema.ts';
import type { BackgroundJob } from '../lib/background.ts';
import { CronJob } from '../lib/cron-job.ts';
import type { Metrics } from '../lib/metrics.ts';
import { cutoffs, retentionPolicy } from './policy.ts';
import { type BatchOptions, pause, RETAINED_TABLES, type RetainedTable, TenantPurge } from './purge.ts';

export type RetentionMetrics = Pick<Metrics, 'retentionPurged' | 'retentionRuns' | 'retentionLastRun'>;

export interface RetentionRunOptions extends Partial<BatchOptions> {
  /** The operator's default for finished deliveries (`AVISO_DELIVERY_RETENTION_DAYS`). */
  deliveryDays?: number;
  now?: Date;
  metrics?: RetentionMetrics;
}

export interface RetentionResult {
  /** False when another node held the retention lock, so this one did nothing. */
  ran: boolean;
  /** Rows deleted, by table. */
  purged: Record<RetainedTable, number>;
}

const none = () => Object.fromEntries(RETAINED_TABLES.map((t) => [t, 0])) as Record<RetainedTable, number>;

/**
 * Runs `fn` while holding the cluster's retention lock; null when another node holds it. On
 * PostgreSQL a transaction holds a transaction-scoped advisory lock for the whole run (it writes
 * nothing, so it holds back no vacuum) while the batches commit on other connections of the pool.
 * An embedded PGlite belongs to one process, whose CronJob never runs two purges at once; and its
 * single connection would make every batch wait for the transaction holding the lock.
 */
async function exclusively<T>(
  database: Pick<Database, 'db' | 'kind'>,
  fn: () => Promise<T>,
): Promise<T | null> {
  if (database.kind === 'pglite') return fn();
  return database.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('aviso:retention')) as locked`,
    );
    const locked = row?.locked === true;
    return locked ? fn() : null;
  });
}

/**
 * Deletes every tenant's rows past its retention (`settings.retention`, else the defaults):
 * idempotency keys, finished deliveries, notifications with their states, resolved stock alerts,
 * finished schedules, expired Telegram link tokens. Statements delete at most `batch` rows, with
 * `pauseMs` between full batches; one node at a time runs it. On the embedded database it ends
 * with `VACUUM (ANALYZE)`, which PostgreSQL's autovacuum does elsewhere.
 */
export async function runRetention(
  database: Pick<Database, 'db' | 'kind'>,
  {
    deliveryDays = 90,
    now = new Date(),
    metrics,
    batch = 1_000,
    pauseMs = 50,
    onBatch,
    signal,
  }: RetentionRunOptions = {},
): Promise<RetentionResult> {
  if (!Number.isInteger(batch) || batch < 1) throw new TypeError('batch must be a positive integer');
  const purged = none();
  const options: BatchOptions = {
    batch,
    pauseMs,
    signal,
    onBatch: async (table, rows) => {
      purged[table] += rows;
      metrics?.retentionPurged.inc({ table }, rows);
      await onBatch?.(table, rows);
    },
  };
  const done = await exclusively(database, async () => {
    const all = await database.db
      .select({ id: tenants.id, settings: tenants.settings })
      .from(tenants)
      .orderBy(asc(tenants.id));
    for (const tenant of all) {
      if (signal?.aborted) break;
      const cut = cutoffs(retentionPolicy(tenant.settings, deliveryDays), now);
      const purge = new TenantPurge(database.db, tenant.id, options);
      await purge.idempotencyKeys(cut.idempotencyKeys);
      await purge.deliveries(cut.deliveries);
      await purge.notifications(cut);
      await purge.stockAlerts(cut.stockAlerts);
      await purge.schedules(cut.schedules);
      await purge.telegramLinks(now);
    }
    if (database.kind === 'pglite') await vacuumTables(database.db, options);
    return true;
  });
  metrics?.retentionRuns.inc({ outcome: done ? 'done' : 'skipped' });
  if (done) metrics?.retentionLastRun.set(Date.now() / 1000);
  return { ran: done === true, purged };
}

/**
 * PGlite has no autovacuum: without this the rows a purge deleted and every older version of an
 * updated row (deliveries, presence sessions) would keep their place in the tables and their
 * indexes for good, and its planner would never learn how large tables grew. Aviso's tables one
 * statement at a time, with the purge's pause between them: its single connection serves
 * everything else in between. A bare `ANALYZE` also went through every system catalog in one
 * statement: 100–170 ms of the only connection with 3,000–9,000 notifications, while every event
 * published meanwhile waited for its commit; one table at a time, at most 11 ms in the live bench
 * (BENCHMARKS.md, item 22).
 */
async function vacuumTables(db: Database['db'], { pauseMs, signal }: BatchOptions) {
  const tables = await rowsOf<{ schema: string; name: string }>(
    db,
    sql`select schemaname as schema, relname as name from pg_stat_user_tables order by relname`,
  );
  for (const t of tables) {
    if (signal?.aborted) return;
    await db.execute(sql`vacuum (analyze) ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`);
    await pause(pauseMs);
  }
}

export interface RetentionJobOptions extends Omit<RetentionRunOptions, 'now' | 'signal' | 'onBatch'> {
  log: Logger;
  /** Cron pattern of the daily run (server time). */
  pattern?: string;
  /** The first run after start, so a node that was down at 03:17 still cleans up. */
  startDelayMs?: number;
  /** The clock; tests give their own. */
  now?: () => Date;
}

/**
 * `runRetention` daily at 03:17 and once shortly after start. Stopping the node ends a run
 * after the statement under way rather than waiting for a long purge to finish.
 */
export function retentionJob(
  database: Pick<Database, 'db' | 'kind'>,
  { log, pattern = '17 3 * * *', startDelayMs = 60_000, now = () => new Date(), ...run }: RetentionJobOptions,
): BackgroundJob {
  let stopping = new AbortController();
  const cron = new CronJob({
    name: 'retention',
    pattern,
    startDelayMs,
    log,
    run: async () => {
      try {
        const result = await runRetention(database, { ...run, now: now(), signal: stopping.signal });
        const total = Object.values(result.purged).reduce((a, b) => a + b, 0);
        if (!result.ran) log.debug('retention running on another node; skipped');
        else if (total) log.info({ purged: result.purged }, 'retention purged old rows');
        return result;
      } catch (err) {
        run.metrics?.retentionRuns.inc({ outcome: 'failed' });
        throw err;
      }
    },
  });
  return {
    name: cron.name,
    start() {
      stopping = new AbortController();
      cron.start();
    },
    async stop() {
      stopping.abort();
      await cron.stop();
    },
    runNow: () => cron.runNow(),
  };
}
