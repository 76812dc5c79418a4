import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface LimiterOptions {
  /** Requests allowed per window. */
  points: number;
  /** The window, in seconds. */
  durationS: number;
  /** Shares the budget between nodes; this node's memory when absent (or while Redis is down). */
  redis?: Redis;
  /** Namespaces the counters (in Redis: the key prefix). */
  keyPrefix?: string;
}

/** What one `consume` says: go ahead (and how much is left), or wait. */
export type LimitResult =
  | { ok: true; limit: number; remaining: number; resetMs: number }
  | { ok: false; limit: number; retryAfterMs: number };

export interface Limiter {
  consume(key: string): Promise<LimitResult>;
}

/** A fixed-window counter per key, in memory or in Redis (rate-limiter-flexible). */
export function createLimiter({ points, durationS, redis, keyPrefix = 'aviso:rl' }: LimiterOptions): Limiter {
  if (!Number.isInteger(points) || points < 1) throw new TypeError('points must be a positive integer');
  if (!Number.isInteger(durationS) || durationS < 1)
    throw new TypeError('durationS must be a positive integer');
  const memory = new RateLimiterMemory({ points, duration: durationS, keyPrefix });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: durationS,
        keyPrefix,
        // A Redis outage must not stall or fail requests: count in memory until it is back.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async consume(key) {
      try {
        const res = await limiter.consume(key);
        return { ok: true, limit: points, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        return { ok: false, limit: points, retryAfterMs: Math.max(1, err.msBeforeNext) };
      }
    },
  };
}

/** Per-minute budgets keyed by anything (e.g. `tenantId:channelId`), for the delivery worker. */
export interface ChannelLimiter {
  /** Takes one send from `key`'s budget of `perMinute`, or says how long to wait. */
  consume(key: string, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
}

/** One limiter per distinct budget, created on first use; shared between nodes through Redis. */
export function channelLimiter(redis?: Redis, keyPrefix = 'aviso:rl:channel'): ChannelLimiter {
  const limiters = new Map<number, Limiter>();
  return {
    async consume(key, perMinute) {
      let limiter = limiters.get(perMinute);
      if (!limiter) {
        limiter = createLimiter({
          points: perMinute,
          durationS: 60,
          redis,
          keyPrefix: `${keyPrefix}:${perMinute}`,
        });
        limiters.set(perMinute, limiter);
      }
      const res = await limiter.consume(key);
      return res.ok ? { ok: true } : { ok: false, retryAfterMs: res.retryAfterMs };
    },
  };
}
