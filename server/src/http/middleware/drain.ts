import type { MiddlewareHandler } from 'hono';
import { appError } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';

/** Seconds a client is told to wait before trying again (another node, behind a balancer). */
const RETRY_AFTER_S = 2;

/**
 * The node's graceful stop, as HTTP sees it: once `begin()` is called, new requests are answered
 * `503 SHUTTING_DOWN` with `Retry-After` and `Connection: close` (a balancer sends the retry to
 * another node), while the requests already in flight finish; `settled()` waits for them.
 */
export class Drain {
  private inFlight = 0;
  private draining = false;
  private waiters: (() => void)[] = [];

  get active() {
    return this.draining;
  }

  begin() {
    this.draining = true;
    if (!this.inFlight) this.release();
  }

  /** Resolves when no request is in flight any more, or after `boundMs`. */
  settled(boundMs: number): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, boundMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Registered first: counts requests in flight and refuses new ones while draining. */
  middleware(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      if (this.draining) {
        const err = appError('SHUTTING_DOWN');
        c.header('Retry-After', String(RETRY_AFTER_S));
        c.header('Connection', 'close');
        return c.json(err.toJSON(), err.status);
      }
      this.inFlight++;
      try {
        await next();
      } finally {
        this.inFlight--;
        if (this.draining && !this.inFlight) this.release();
      }
    };
  }

  private release() {
    for (const w of this.waiters.splice(0)) w();
  }
}
