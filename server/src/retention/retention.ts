import type { Logger } from 'pino';
import type { Store } from '../db/store.ts';
import { CronJob } from '../lib/cron-job.ts';

export interface PurgeOptions {
  /** Finished deliveries older than this many days are deleted. */
  days?: number;
  now?: Date;
}

/**
 * Deletes finished delivery log rows (sent, failed, bounced, cancelled, skipped) created more
 * than `days` days ago; pending and in-flight rows stay whatever their age. Returns the count.
 */
export async function purgeDeliveries(
  store: Pick<Store, 'queue'>,
  { days = 90, now = new Date() }: PurgeOptions = {},
): Promise<number> {
  if (!Number.isInteger(days) || days < 1) throw new TypeError('days must be a positive integer');
  return store.queue.purge(new Date(now.getTime() - days * 86_400_000));
}

export interface RetentionJobOptions {
  days?: number;
  log: Logger;
  /** Cron pattern of the daily run (server time). */
  pattern?: string;
  /** The first run after start, so a node that was down at 03:17 still cleans up. */
  startDelayMs?: number;
  /** The clock; tests give their own. */
  now?: () => Date;
}

/**
 * `purgeDeliveries` daily at 03:17 and once shortly after start. Every node may run it: when
 * several do, the second delete finds nothing left (it is idempotent), so no lock is needed.
 */
export function retentionJob(
  store: Pick<Store, 'queue'>,
  {
    days = 90,
    log,
    pattern = '17 3 * * *',
    startDelayMs = 60_000,
    now = () => new Date(),
  }: RetentionJobOptions,
): CronJob {
  return new CronJob({
    name: 'retention',
    pattern,
    startDelayMs,
    log,
    run: async () => {
      const purged = await purgeDeliveries(store, { days, now: now() });
      if (purged) log.info({ purged, days }, 'old deliveries purged');
      return purged;
    },
  });
}
