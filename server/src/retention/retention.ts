import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Store } from '../db/store.ts';

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

export interface RetentionScheduleOptions {
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
 * Runs `purgeDeliveries` daily at 03:17 and once shortly after start; returns a stop function.
 * Every node may run it: when several do, the second delete finds nothing left (it is idempotent),
 * so no lock or leader is needed.
 */
export function scheduleRetention(
  store: Pick<Store, 'queue'>,
  {
    days = 90,
    log,
    pattern = '17 3 * * *',
    startDelayMs = 60_000,
    now = () => new Date(),
  }: RetentionScheduleOptions,
): () => void {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= purgeDeliveries(store, { days, now: now() })
      .then((purged) => {
        if (purged) log.info({ purged, days }, 'old deliveries purged');
      })
      .catch((err) => log.warn({ err }, 'delivery retention failed; retrying at the next run'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const daily = new Cron(pattern, { unref: true }, () => run());
  const first = setTimeout(run, startDelayMs);
  first.unref();
  return () => {
    daily.stop();
    clearTimeout(first);
  };
}
