import type { Logger } from 'pino';
import type { ChannelRegistry } from '../channels/index.ts';
import type { DeliveryRow } from '../db/repos/deliveries.ts';
import type { Store } from '../db/store.ts';
import type { ChannelRateLimiter } from '../lib/limiter.ts';
import { maskPii } from '../lib/log.ts';
import type { Presence } from '../presence/presence.ts';
import { backoffMs } from './policy.ts';

/** What a delivery step changes on its row: a final status, or the next try. */
export type Outcome = Partial<Omit<DeliveryRow, 'id' | 'tenantId'>>;

/** What the delivery steps share: the data, the senders, the clock and the retry policy. */
export interface DeliveryContext {
  store: Store;
  registry: ChannelRegistry;
  limiter: ChannelRateLimiter;
  log: Logger;
  now: () => Date;
  /** Runs the worker's next round soon (rows were added). */
  wake: () => void;
  maxAttempts: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** The hub's own SMTP account, for tenants that configured no email channel. */
  defaultEmail?: Record<string, unknown>;
  /** Who is connected: an `offline` step checks again when it is due. */
  presence?: Presence;
}

/** The next try after a passing failure (backoff with jitter, at least `Retry-After`), or `failed` after the last. */
export function retryOrFail(
  ctx: DeliveryContext,
  row: DeliveryRow,
  failure: { code: string; message: string; retryAfterMs?: number; kind?: string | null },
): Outcome {
  const attempts = row.attempts + 1;
  const base = {
    attempts,
    errorCode: failure.code,
    lastError: maskPii(failure.message).slice(0, 500),
    kind: failure.kind ?? row.kind,
  };
  if (attempts >= ctx.maxAttempts) return { ...base, status: 'failed' };
  const wait = backoffMs(attempts, {
    baseMs: ctx.backoffBaseMs,
    capMs: ctx.backoffCapMs,
    retryAfterMs: failure.retryAfterMs ?? 0,
  });
  return { ...base, status: 'pending', dueAt: new Date(ctx.now().getTime() + wait) };
}

/** The outcome of a send that went through. */
export function sentOutcome(
  ctx: DeliveryContext,
  row: DeliveryRow,
  sent: { providerMessageId?: string | null },
  startedAt: number,
): Outcome {
  return {
    status: 'sent',
    attempts: row.attempts + 1,
    providerMessageId: sent.providerMessageId ?? null,
    durationMs: Math.round(performance.now() - startedAt),
    sentAt: ctx.now(),
    errorCode: null,
    lastError: null,
  };
}
