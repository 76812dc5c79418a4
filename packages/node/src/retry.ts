/** How a call is retried. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The first backoff; each later one doubles, with full jitter. */
  baseMs: number;
  /** The longest backoff between two attempts. */
  capMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller at once. */
  maxRetryAfterMs: number;
}

/** 408, 429 and 5xx may succeed later; every other 4xx is the caller's to fix. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `attempt` (1-based): the server's `Retry-After` when given, else jittered backoff. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfter?: number): number {
  if (retryAfter !== undefined) return retryAfter;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  // Full jitter: many hosts retrying after one outage do not come back in step.
  return Math.random() * ceiling;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
