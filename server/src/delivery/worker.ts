import type { Logger } from 'pino';
import type { ChannelRegistry } from '../channels/index.ts';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
import type { Store } from '../db/store.ts';
import { ChannelRateLimiter } from '../lib/limiter.ts';
import type { Metrics } from '../lib/metrics.ts';
import { PollingLoop } from '../lib/polling-loop.ts';
import type { Presence } from '../presence/presence.ts';
import { type DeliveryContext, type Outcome, retryOrFail } from './context.ts';
import { deliver } from './decide.ts';
import { queueDeliveryEvent } from './webhook-events.ts';

export interface DeliveryWorkerOptions {
  store: Store;
  registry: ChannelRegistry;
  log: Logger;
  now?: () => Date;
  /** Rows claimed per round. */
  batch?: number;
  /** How long a claim is held before another node may take the row over (a crashed node's rows). */
  leaseMs?: number;
  /** Longest sleep between rounds when nothing is due sooner. */
  pollMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  limiter?: ChannelRateLimiter;
  /** Counts delivery outcomes for `/metrics`. */
  metrics?: Pick<Metrics, 'deliveries'>;
  /** The hub's own SMTP account, for tenants that configured no email channel. */
  defaultEmail?: Record<string, unknown>;
  /** Who is connected, for `offline` steps (checked again when due); none skips that check. */
  presence?: Presence;
}

/**
 * The delivery queue's background job: claims due rows under a lease, has each one delivered
 * (`deliver`), records the outcome or the next retry, and tells the host about finished ones.
 */
export class DeliveryWorker extends PollingLoop {
  private readonly ctx: DeliveryContext;

  constructor(private readonly o: DeliveryWorkerOptions) {
    const now = o.now ?? (() => new Date());
    super({ name: 'delivery', log: o.log, now, batch: o.batch ?? 16, pollMs: o.pollMs ?? 1_000 });
    this.ctx = {
      store: o.store,
      registry: o.registry,
      limiter: o.limiter ?? new ChannelRateLimiter(),
      log: o.log,
      now,
      wake: () => this.wake(),
      maxAttempts: o.maxAttempts ?? 8,
      backoffBaseMs: o.backoffBaseMs,
      backoffCapMs: o.backoffCapMs,
      defaultEmail: o.defaultEmail,
      presence: o.presence,
    };
  }

  protected nextDue() {
    return this.o.store.queue.nextDue();
  }

  protected async round(): Promise<number> {
    const rows = await this.o.store.queue.claim(this.o.batch ?? 16, this.o.leaseMs ?? 60_000, this.ctx.now());
    await Promise.all(rows.map((row) => this.process(row)));
    return rows.length;
  }

  private async process(row: DeliveryRow) {
    const store = this.o.store.forTenant(row.tenantId);
    let outcome: Outcome;
    const tried: NewAttempt[] = [];
    try {
      outcome = await deliver(this.ctx, row, store, tried);
    } catch (err) {
      this.o.log.error({ err, delivery: row.id }, 'delivery failed unexpectedly');
      outcome = retryOrFail(this.ctx, row, { code: 'INTERNAL', message: (err as Error).message });
      tried.push({
        at: this.ctx.now(),
        kind: row.kind,
        channelId: row.channelId,
        outcome: outcome.status === 'failed' ? 'failed' : 'retry',
        errorCode: 'INTERNAL',
        error: outcome.lastError ?? null,
      });
    }
    // A passing error on the try that used up the attempts is where the delivery gave up.
    const lastTry = tried.at(-1);
    if (outcome.status === 'failed' && lastTry?.outcome === 'retry') lastTry.outcome = 'failed';
    if (!(await this.o.store.queue.finish(row, outcome, this.ctx.now(), tried))) {
      // Another node took the row over after this one's lease ran out: its result stands.
      this.o.log.warn({ delivery: row.id }, 'delivery lease lost; outcome dropped');
      return;
    }
    this.o.metrics?.deliveries.inc({
      kind: outcome.kind ?? row.kind ?? 'none',
      status: outcome.status ?? 'pending',
    });
    if (outcome.status && outcome.status !== 'pending') {
      this.o.log.info(
        { delivery: row.id, tenant: row.tenantId, kind: outcome.kind ?? row.kind, status: outcome.status },
        'delivery finished',
      );
    }
    if (
      (outcome.status === 'sent' || outcome.status === 'failed') &&
      row.step !== 'event' &&
      row.notificationId
    ) {
      await queueDeliveryEvent(
        this.ctx,
        store,
        row,
        outcome.status === 'sent' ? 'delivery.sent' : 'delivery.failed',
      );
    }
  }
}
