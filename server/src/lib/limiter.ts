/**
 * Every rate limit of Aviso, in one place: request and event budgets (per API key, per tenant, per
 * person, failed credentials per client address, Telegram linking tries), the cap on sockets per
 * person, and the pacing of provider sends. Counting is rate-limiter-flexible's, shared between
 * nodes through Redis when one is configured, in this node's memory otherwise (and while Redis is
 * down).
 */

import type { ErrorCode } from '@aviso/protocol';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { setAnswerHeader } from './answer-header.ts';
import { AppError, appError } from './errors.ts';

/** A budget: `points` per window of `durationS` seconds. */
export interface Rate {
  points: number;
  durationS: number;
}

export interface LimiterOptions extends Rate {
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
  readonly rate: Rate;
  /** Takes one point from `key`'s budget, or says how long to wait. */
  consume(key: string): Promise<LimitResult>;
  /** How long `key` stays spent, as far as this node knows from its own `consume`s; 0 when not. */
  blockedMs(key: string): number;
}

const MAX_BLOCKED = 10_000;

/** A fixed-window counter per key, in memory or in Redis. */
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
  // Spent keys, so a check that must come before any work (a credential) costs no round trip.
  const blocked = new Map<string, number>();
  const block = (key: string, ms: number) => {
    if (blocked.size >= MAX_BLOCKED) blocked.clear();
    blocked.set(key, Date.now() + ms);
  };
  return {
    rate: { points, durationS },
    async consume(key) {
      try {
        const res = await limiter.consume(key);
        if (res.remainingPoints <= 0) block(key, res.msBeforeNext);
        return { ok: true, limit: points, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const retryAfterMs = Math.max(1, err.msBeforeNext);
        block(key, retryAfterMs);
        return { ok: false, limit: points, retryAfterMs };
      }
    },
    blockedMs(key) {
      const until = blocked.get(key);
      if (until === undefined) return 0;
      const left = until - Date.now();
      if (left > 0) return left;
      blocked.delete(key);
      return 0;
    },
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The `RateLimit-*` headers (IETF draft) of a consume, and `Retry-After` when it was refused. */
export function rateLimitHeaders(res: LimitResult, rate: Rate): Record<string, string> {
  const wait = seconds(res.ok ? res.resetMs : res.retryAfterMs);
  return {
    'RateLimit-Policy': `${rate.points};w=${rate.durationS}`,
    'RateLimit-Limit': String(res.limit),
    'RateLimit-Remaining': String(res.ok ? res.remaining : 0),
    'RateLimit-Reset': String(wait),
    ...(res.ok ? {} : { 'Retry-After': String(wait) }),
  };
}

/** The 429 `RATE_LIMITED` answer for a wait of `retryAfterMs`, with its headers. */
export function rateLimited(retryAfterMs: number, headers: Record<string, string> = {}): AppError {
  const retryAfter = seconds(retryAfterMs);
  return appError(
    'RATE_LIMITED',
    { retryAfter },
    { headers: { ...headers, 'Retry-After': String(retryAfter) } },
  );
}

/** One budget a request spends from: a limiter and the key the request counts under. */
export interface Budget<E extends Env> {
  limiter: Limiter | undefined;
  key: (c: Context<E>) => string | undefined;
}

/**
 * Spends one point from each budget (e.g. the API key's, then the tenant's). Answers 429
 * `RATE_LIMITED` with `Retry-After` when one is spent; every answer carries the `RateLimit-*`
 * headers of the budget closest to its end. Runs after the middleware that sets the keys.
 */
export function rateLimit<E extends Env>(budgets: Budget<E>[]): MiddlewareHandler<E> {
  const active = budgets.filter((b): b is Budget<E> & { limiter: Limiter } => !!b.limiter);
  return async function rateLimitMiddleware(c, next) {
    let tightest: { res: LimitResult; rate: Rate } | undefined;
    for (const { limiter, key } of active) {
      const k = key(c);
      if (k === undefined) continue;
      const res = await limiter.consume(k);
      if (!res.ok) throw rateLimited(res.retryAfterMs, rateLimitHeaders(res, limiter.rate));
      if (!tightest || (tightest.res.ok && res.remaining < tightest.res.remaining)) {
        tightest = { res, rate: limiter.rate };
      }
    }
    if (tightest)
      for (const [name, value] of Object.entries(rateLimitHeaders(tightest.res, tightest.rate))) {
        setAnswerHeader(c, name, value);
      }
    await next();
  };
}

/** Every request, event and connection limit of a node; an absent one is off. */
export interface LimitSettings {
  /** Requests per API key. */
  apiKey?: Rate | null;
  /** Requests per tenant, all its API keys together (a tenant can mint any number of keys). */
  tenant?: Rate | null;
  /** Widget-token requests (`/v1/me/*`) and socket events per person. */
  person?: Rate | null;
  /** Failed credentials (API key, admin token, widget token, hook secret or signature) per client address. */
  authFailures?: Rate | null;
  /** Wrong document numbers sent to a tenant's Telegram bots. */
  telegramTenant?: Rate | null;
  /** Document-number links (or link moves asked for) per person. */
  telegramPerson?: Rate | null;
  /** Live sockets per person, on every node together. */
  socketsPerPerson?: number | null;
}

/** The limiters a node enforces, built once from its settings and shared by HTTP, sockets and bots. */
export interface Limits {
  apiKey?: Limiter;
  tenant?: Limiter;
  person?: Limiter;
  authFailures?: Limiter;
  telegramTenant?: Limiter;
  telegramPerson?: Limiter;
  socketsPerPerson?: number;
  /** X-Forwarded-For entries to trust (proxies in front of the hub); 0 reads only the peer address. */
  trustedProxies: number;
}

/** Builds the limiters of `settings`, each under its own key prefix, in Redis when given. */
export function createLimits(
  settings: LimitSettings,
  {
    redis,
    keyPrefix = 'aviso:rl',
    trustedProxies = 0,
  }: { redis?: Redis; keyPrefix?: string; trustedProxies?: number } = {},
): Limits {
  const make = (name: string, rate: Rate | null | undefined) =>
    rate ? createLimiter({ ...rate, redis, keyPrefix: `${keyPrefix}:${name}` }) : undefined;
  return {
    apiKey: make('api', settings.apiKey),
    tenant: make('tenant', settings.tenant),
    person: make('person', settings.person),
    authFailures: make('auth', settings.authFailures),
    telegramTenant: make('tg-tenant', settings.telegramTenant),
    telegramPerson: make('tg-person', settings.telegramPerson),
    socketsPerPerson: settings.socketsPerPerson ?? undefined,
    trustedProxies,
  };
}

/**
 * Codes that mean a credential was missing or wrong (what `authFailures` counts). An expired widget
 * token is not among them: it was genuine once, and a widget back from sleep sends one before
 * renewing it.
 */
const WRONG_CREDENTIAL = new Set<ErrorCode>([
  'UNAUTHORIZED',
  'INVALID_TOKEN',
  'INVALID_SIGNATURE',
  'FORBIDDEN',
]);

/** Whether an error says that a credential was missing or wrong. */
export const isWrongCredential = (err: unknown) => err instanceof AppError && WRONG_CREDENTIAL.has(err.code);

/** The key a person's budgets count under. */
export const personKey = (tenantId: string, recipientId: string) => `${tenantId}:${recipientId}`;

/**
 * The address a request came from: the connection's peer, unless `trustedProxies` proxies stand in
 * front of the hub, in which case the `X-Forwarded-For` entry that many hops back (the one the
 * outermost trusted proxy saw). Entries a client wrote itself are further left and never read.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string {
  const hops = trustedProxies > 0 ? [forwardedFor ?? []].flat().join(',').split(',') : [];
  const chain = [...hops.map((h) => h.trim()).filter(Boolean), peer ?? 'unknown'];
  const address = chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Messages per minute a provider gets when its channel sets no rate: gentle on phone numbers. */
export const DEFAULT_RATE_PER_MINUTE: Record<string, number> = {
  email: 300,
  whatsapp: 60,
  telegram: 600,
  sms: 60,
  slack: 60,
  webhook: 1_200,
};

/**
 * Paces sends per channel (per tenant provider), so a burst of alerts is spread out instead of
 * getting a tenant's WhatsApp number banned. Each node spreads its sends with a token bucket on the
 * delivery clock; with Redis, every grant is also counted in a per-minute budget shared by all
 * nodes, and once that is spent each node holds the channel until the shared window frees (a node
 * may send the few messages that were already under way).
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly shared = new Map<number, Limiter>();

  constructor(private readonly options: { redis?: Redis; keyPrefix?: string } = {}) {}

  private sharedFor(rate: number): Limiter | undefined {
    if (!this.options.redis) return undefined;
    let limiter = this.shared.get(rate);
    if (!limiter) {
      const prefix = this.options.keyPrefix ?? 'aviso:rl:channel';
      limiter = createLimiter({
        points: rate,
        durationS: 60,
        redis: this.options.redis,
        keyPrefix: `${prefix}:${rate}`,
      });
      this.shared.set(rate, limiter);
    }
    return limiter;
  }

  /** Takes one send; returns 0 when it may proceed, else how many ms until there is room. */
  take(channelId: string, perMinute: number | null, kind: string, now: Date): number {
    const rate = perMinute ?? DEFAULT_RATE_PER_MINUTE[kind] ?? 60;
    const shared = this.sharedFor(rate);
    const held = shared?.blockedMs(channelId) ?? 0;
    if (held > 0) return held;
    const perMs = rate / 60_000;
    const t = now.getTime();
    const bucket = this.buckets.get(channelId) ?? { tokens: rate, at: t };
    bucket.tokens = Math.min(rate, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    this.buckets.set(channelId, bucket);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / perMs);
    bucket.tokens -= 1;
    // Counted in the background: a refusal holds the channel for the next sends (see `blockedMs`).
    if (shared) void shared.consume(channelId).catch(() => {});
    return 0;
  }
}
