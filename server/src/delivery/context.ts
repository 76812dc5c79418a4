import type { Logger } from 'pino';
import type { ChannelRegistry, SendError } from '../channels/index.ts';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
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

/** A provider error as the log keeps it: masked and short, never a provider's whole body. */
export const errorText = (message: string) => maskPii(message).slice(0, 500);

/**
 * The history entry of one send through one provider: `retry` for a passing error (the row may
 * be tried again), `bounced` when the provider refused the address, `failed` otherwise.
 */
export function attemptOf(
  ctx: DeliveryContext,
  via: { kind: string | null; channelId: string | null },
  startedAt: number,
  result: { providerMessageId?: string | null } | SendError,
): NewAttempt {
  const durationMs = Math.round(performance.now() - startedAt);
  // When the answer came: a clock held still in tests still orders tries by their ids.
  const at = ctx.now();
  if (!(result instanceof Error)) {
    return { at, ...via, outcome: 'sent', durationMs, providerMessageId: result.providerMessageId ?? null };
  }
  const outcome = result.code === 'RECIPIENT_REJECTED' ? 'bounced' : result.retryable ? 'retry' : 'failed';
  return { at, ...via, outcome, durationMs, errorCode: result.code, error: errorText(result.message) };
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
    lastError: errorText(failure.message),
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
