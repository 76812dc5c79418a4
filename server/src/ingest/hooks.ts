import type { Logger } from 'pino';
import type { Broadcaster } from '../inbox/broadcaster.ts';
import type { IngestHooks, PlanDeliveries } from './events.ts';

export interface IngestHooksOptions {
  /** Pushes each new notification to live sockets. */
  broadcaster: Broadcaster;
  /** Plans the fallback, escalation, digest and webhook deliveries of each new notification. */
  plan?: PlanDeliveries;
  /** Wakes the delivery worker when deliveries were queued. */
  onQueued?: () => void;
  /** Wakes the scheduler when schedules were stored. */
  onScheduled?: (earliest: Date) => void;
  /** Counts each new notification (metrics). */
  onNotification?: () => void;
  now?: () => Date;
  /** Where templates that fell back to plain text are told. */
  log?: Pick<Logger, 'warn'>;
}

/**
 * What every ingestion path (HTTP events, stock, the scheduler, the stock sweep) hands its new
 * notifications to. The composition root builds it once and passes it down.
 */
export function ingestHooks(o: IngestHooksOptions): IngestHooks {
  return {
    onCreated: (row, queued) => {
      o.onNotification?.();
      o.broadcaster.notification(row);
      if (queued) o.onQueued?.();
    },
    plan: o.plan,
    onScheduled: o.onScheduled,
    now: o.now,
    log: o.log,
  };
}
