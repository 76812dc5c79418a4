import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../lib/errors.ts';
import { createLimiter, type LimiterOptions } from '../../lib/limiter.ts';
import type { AppEnv } from '../context.ts';

export type RateLimitOptions = LimiterOptions;

/** 6,000 requests a minute per API key: far above a POS chain's steady traffic, low enough to stop a runaway loop. */
export const DEFAULT_API_RATE_LIMIT = { points: 6_000, durationS: 60 } as const;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Limits requests per API key (`c.var.apiKeyId`), so it runs after `apiKeyAuth`. Answers 429
 * `RATE_LIMITED` with `Retry-After`; every answer carries the `RateLimit-*` headers.
 */
export function rateLimit({
  keyPrefix = 'aviso:rl:api',
  ...options
}: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const limiter = createLimiter({ ...options, keyPrefix });
  const policy = `${options.points};w=${options.durationS}`;
  return async function rateLimitMiddleware(c, next) {
    const keyId = c.var.apiKeyId;
    if (!keyId) throw new Error('rateLimit needs apiKeyAuth before it');
    const res = await limiter.consume(keyId);
    const headers: Record<string, string> = {
      'RateLimit-Policy': policy,
      'RateLimit-Limit': String(res.limit),
      'RateLimit-Remaining': String(res.ok ? res.remaining : 0),
      'RateLimit-Reset': String(seconds(res.ok ? res.resetMs : res.retryAfterMs)),
    };
    if (!res.ok) {
      const retryAfter = seconds(res.retryAfterMs);
      throw new AppError(
        429,
        'RATE_LIMITED',
        `too many requests for this API key; retry in ${retryAfter} s`,
        undefined,
        { ...headers, 'Retry-After': String(retryAfter) },
      );
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
