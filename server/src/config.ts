// Long because every setting of the hub is declared here once (name, default, validation, docs):
// `pnpm docs:config` writes the README's table from it, so it must be the one place.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { parseEgressAllow } from './lib/egress.ts';
import type { LimitSettings, Rate } from './lib/limiter.ts';

/** Everything Aviso reads from the environment, read once. The only module that touches `process.env`. */
export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** `postgres://…`, `memory:`, or a folder for the embedded PGlite database. */
  databaseUrl: string;
  redisUrl: string | null;
  adminToken: string;
  /** Encryption keys for secrets at rest, newest first: `[{id, key}]`. */
  secretKeys: { id: string; key: Buffer }[];
  publicUrl: string;
  logLevel: LogLevel;
  /** Origins allowed to call the API and open sockets from a browser; `*` allows any. */
  corsOrigins: string[] | '*';
  smtp: { url: string | null; from: string };
  /** `AVISO_EGRESS_ALLOW`: loopback or private hosts, `host:port`s, IPs and CIDRs providers may be reached at. */
  egressAllow: string[];
  /** The longest a request waits on an unreachable PostgreSQL before `503 DATABASE_UNAVAILABLE`. */
  dbTimeoutMs: number;
  /** Connections to PostgreSQL a node keeps at most; unset, two per core and one. */
  dbPool?: number;
  /** The longest a request or a socket set-up waits on Redis before going on without it. */
  redisTimeoutMs: number;
  /** How long a node holds a claimed delivery before another may take it over (after a crash). */
  deliveryLeaseMs: number;
  /** Days a finished delivery stays in the log before the retention job deletes it. */
  deliveryRetentionDays: number;
  /** Request, event, connection and linking limits; a null one is off (e.g. `AVISO_API_RATE_LIMIT=off`). */
  limits: Required<LimitSettings>;
  /** Proxies in front of the hub whose `X-Forwarded-For` entries name the client (0: none). */
  trustProxy: number;
  /** Names of the secrets generated (and saved in `devSecretsFile`) because they were missing. */
  generated: string[];
  /** Where a development hub keeps the secrets it generated (unused in production). */
  devSecretsFile: string;
}

/** A configuration the hub must not start with; the message names every wrong variable. */
export class ConfigError extends Error {}

/** pino's levels, plus `silent`. */
export const LOG_LEVELS: string[] = [
  ...Object.entries(pino.levels.values)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name),
  'silent',
];
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Secrets that development generates when missing and production refuses to start without. */
const SECRETS = ['AVISO_ADMIN_TOKEN', 'AVISO_SECRET_KEYS'] as const;

/** Text read from the environment, `fallback` when unset or blank. */
const text = (fallback: string) => z.string().default(fallback);

/** A whole number from `min` to `max`, read from text. */
function wholeNumber(fallback: number, min: number, max: number, error: string) {
  return text(String(fallback)).pipe(
    z.coerce.number<string>({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
}

const POOL_ERROR = 'must be a whole number of connections, 1 to 500';

/** A URL whose scheme is one of `protocols` (each with its colon, e.g. `redis:`). */
function url(protocols: string[], error: string) {
  return z
    .string()
    .refine((raw) => URL.canParse(raw) && protocols.includes(new URL(raw).protocol), { error });
}

function parseKeys(raw: string, ctx: z.RefinementCtx): { id: string; key: Buffer }[] {
  const keys = raw.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    return { id: id ?? '', key: Buffer.from(b64 ?? '', 'base64') };
  });
  if (keys.some(({ id, key }) => !id || key.length !== 32)) {
    ctx.addIssue({ code: 'custom', message: 'must be "id:base64key,…" with 32-byte keys' });
    return z.NEVER;
  }
  return keys;
}

function parseRateLimit(raw: string, ctx: z.RefinementCtx): Rate | null {
  const spec = raw.trim();
  if (spec === 'off' || spec === '0') return null;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(spec);
  const points = Number(m?.[1]);
  const durationS = Number(m?.[2]);
  if (!m || points < 1 || durationS < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be "requests/seconds" (e.g. 6000/60) or "off"' });
    return z.NEVER;
  }
  return { points, durationS };
}

/**
 * The whole environment of a hub: each variable with its default and its meaning. The README's
 * configuration table is generated from it (`pnpm docs:config`); `meta.default` is what the table
 * shows when the default is not a plain value.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.string().optional().meta({
      description: '`production`: a missing secret or `AVISO_PUBLIC_URL` is a start-up error',
    }),
    PORT: wholeNumber(3000, 0, 65535, 'must be a port number, 0–65535').meta({
      description: 'HTTP and Socket.IO port',
    }),
    HOST: text('0.0.0.0').meta({ description: 'interface to listen on' }),
    DATABASE_URL: text('./.aviso/data').meta({
      description:
        'a folder for the embedded PGlite database, `memory:` for a throwaway one, or `postgres://…`',
    }),
    REDIS_URL: url(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL').optional().meta({
      description:
        'with it, nodes share rooms (`@socket.io/redis-adapter`) and presence; without it, one node',
    }),
    AVISO_ADMIN_TOKEN: z.string().optional().meta({
      default: 'generated in development',
      description: 'operator token for `POST /v1/admin/tenants`',
    }),
    AVISO_SECRET_KEYS: z.string().transform(parseKeys).optional().meta({
      default: 'generated in development',
      description:
        '`id:base64key,…` (32-byte AES-256-GCM keys, newest first) that encrypt secrets at rest; old ids keep decrypting after a rotation',
    }),
    AVISO_DEV_SECRETS_FILE: text('./.aviso/dev-secrets.json').meta({
      description: 'where a development hub keeps the secrets it generated, to read them after a restart',
    }),
    AVISO_PUBLIC_URL: url(['http:', 'https:'], 'must be an http:// or https:// URL')
      .transform((raw) => raw.replace(/\/+$/, ''))
      .optional()
      .meta({
        default: '`http://localhost:$PORT` in development',
        description:
          "the hub's public address (links, inbound hooks, Twilio signatures); required when `NODE_ENV=production`",
      }),
    AVISO_CORS_ORIGINS: text('*')
      .transform((raw): string[] | '*' => (raw.trim() === '*' ? '*' : raw.split(',').map((o) => o.trim())))
      .meta({
        description: 'comma-separated origins allowed to call the API and open sockets from a browser',
      }),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info')
      .meta({ description: `pino level: ${LOG_LEVELS.map((l) => `\`${l}\``).join(', ')}` }),
    SMTP_URL: url(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional().meta({
      description: 'default SMTP server (`smtp://user:pass@host:587`) for tenants that bring none',
    }),
    SMTP_FROM: text('Aviso <aviso@localhost>').meta({ description: 'sender of the default SMTP server' }),
    AVISO_EGRESS_ALLOW: text('')
      .transform((raw, ctx) => {
        try {
          return parseEgressAllow(raw);
        } catch (err) {
          const why = (err as Error).message.replace(/^AVISO_EGRESS_ALLOW: /, '');
          ctx.addIssue({
            code: 'custom',
            message: `must be comma-separated hosts, host:ports, IPs or CIDRs (${why})`,
          });
          return z.NEVER;
        }
      })
      .meta({
        default: 'none',
        description:
          'comma-separated hosts, `host:port`s, IPs and CIDRs (`smtp.lan`, `gateway.lan:8080`, `10.0.0.0/8`) that channels may reach although they are loopback, private, link-local or reserved; everything else internal is refused (`DESTINATION_NOT_ALLOWED`). `SMTP_URL`’s host and port are always allowed',
      }),
    AVISO_DB_TIMEOUT_MS: wholeNumber(
      3_000,
      200,
      60_000,
      'must be a whole number of milliseconds, 200 to 60000',
    ).meta({
      description:
        'the longest a request waits on an unreachable PostgreSQL: past it the answer is 503 `DATABASE_UNAVAILABLE` with `Retry-After`, and while the database stays away requests get that answer at once (`/readyz` answers within a second either way)',
    }),
    AVISO_DB_POOL: z
      .string()
      .pipe(
        z.coerce
          .number<string>({ error: POOL_ERROR })
          .int({ error: POOL_ERROR })
          .min(1, { error: POOL_ERROR })
          .max(500, { error: POOL_ERROR }),
      )
      .optional()
      .meta({
        default: '2 × CPU cores + 1',
        description:
          'connections to PostgreSQL a node keeps at most; more than the cores can use slows it down (each statement wakes a backend of its own instead of sharing one), see BENCHMARKS.md',
      }),
    AVISO_REDIS_TIMEOUT_MS: wholeNumber(
      1_000,
      50,
      60_000,
      'must be a whole number of milliseconds, 50 to 60000',
    ).meta({
      description:
        'the longest a request or a socket set-up waits on Redis (presence, shared limits); past it the node goes on without Redis (see docs/decisions/0012-dependency-outages.md)',
    }),
    AVISO_DELIVERY_LEASE_MS: wholeNumber(
      60_000,
      1_000,
      2 ** 31 - 1,
      'must be a whole number of milliseconds, 1000 or more',
    ).meta({
      description:
        'how long a node holds a claimed delivery before another node may take it over (after a crash)',
    }),
    AVISO_DELIVERY_RETENTION_DAYS: wholeNumber(
      90,
      1,
      36_500,
      'must be a whole number of days (1 or more)',
    ).meta({
      description:
        'finished deliveries (sent, failed, bounced, cancelled, skipped) older than this are deleted daily at 03:17 and a minute after start; pending ones are kept',
    }),
    AVISO_API_RATE_LIMIT: text('6000/60').transform(parseRateLimit).meta({
      description:
        'requests per API key per window in seconds (shared through `REDIS_URL` when set), answered 429 `RATE_LIMITED` with `Retry-After` past it; `off` turns it off',
    }),
    AVISO_TENANT_RATE_LIMIT: text('12000/60').transform(parseRateLimit).meta({
      description:
        'requests per tenant per window in seconds, all its API keys together (a tenant can mint any number of keys); `off` turns it off',
    }),
    AVISO_WIDGET_RATE_LIMIT: text('600/60').transform(parseRateLimit).meta({
      description:
        'widget-token requests (`/v1/me/*`) and socket events per person per window in seconds; `off` turns it off',
    }),
    AVISO_AUTH_FAILURE_LIMIT: text('100/300').transform(parseRateLimit).meta({
      description:
        'failed credentials (API key, operator token, widget token, inbound hook secret or signature) per client address per window in seconds; past it the address gets 429 until the window ends; `off` turns it off',
    }),
    AVISO_SOCKETS_PER_PERSON: wholeNumber(
      20,
      0,
      100_000,
      'must be a whole number (0 turns the cap off)',
    ).meta({
      description:
        'live sockets one person may hold on all nodes together; one more is refused with `TOO_MANY_CONNECTIONS` (the older ones stay); `0` turns the cap off',
    }),
    AVISO_TELEGRAM_TENANT_TRIES: text('30/3600').transform(parseRateLimit).meta({
      description:
        'wrong document numbers a tenant’s Telegram bots accept per window in seconds, from every chat together; `off` turns it off',
    }),
    AVISO_TELEGRAM_PERSON_TRIES: text('5/3600').transform(parseRateLimit).meta({
      description:
        'links (or link moves asked of the linked chat) by document number per person per window in seconds; `off` turns it off',
    }),
    AVISO_TRUST_PROXY: wholeNumber(0, 0, 10, 'must be the number of proxies in front of the hub (0–10)').meta(
      {
        description:
          'how many proxies stand in front of the hub: the client address of the per-address limits is then read from that many `X-Forwarded-For` hops back; `0` reads only the connection’s address',
      },
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of [...SECRETS, 'AVISO_PUBLIC_URL'] as const) {
      if (env[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required when NODE_ENV=production' });
      }
    }
  });

export type Env = z.output<typeof envSchema>;

/** The variables that are set, blank ones left out (`REDIS_URL=` means no Redis, as if unset). */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value?.trim()) out[name] = value.trim();
  return out;
}

/** Reads, and in development makes and saves, the secrets the environment lacks. */
function developmentSecrets(env: Env): {
  adminToken: string;
  secretKeys: Config['secretKeys'];
  generated: string[];
} {
  const file = env.AVISO_DEV_SECRETS_FILE;
  const saved: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const makers: Record<(typeof SECRETS)[number], () => string> = {
    AVISO_ADMIN_TOKEN: () => `adm_${randomBytes(24).toString('base64url')}`,
    AVISO_SECRET_KEYS: () => `dev:${randomBytes(32).toString('base64')}`,
  };
  const generated: string[] = [];
  for (const name of SECRETS) {
    if (env[name] !== undefined || saved[name]) continue;
    saved[name] = makers[name]();
    generated.push(name);
  }
  if (generated.length) {
    // Kept beside the embedded database, so a development hub reads its own secrets after a restart.
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  }
  const keys = envSchema.shape.AVISO_SECRET_KEYS.safeParse(saved.AVISO_SECRET_KEYS);
  if (!env.AVISO_SECRET_KEYS && !keys.data)
    throw new ConfigError(`AVISO_SECRET_KEYS in ${file} is malformed`);
  return {
    adminToken: env.AVISO_ADMIN_TOKEN ?? saved.AVISO_ADMIN_TOKEN!,
    secretKeys: env.AVISO_SECRET_KEYS ?? keys.data!,
    generated,
  };
}

/** Builds the configuration from an environment (defaults to `process.env`); throws `ConfigError`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(present(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const secrets = production
    ? { adminToken: e.AVISO_ADMIN_TOKEN!, secretKeys: e.AVISO_SECRET_KEYS!, generated: [] }
    : developmentSecrets(e);
  return {
    port: e.PORT,
    host: e.HOST,
    production,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL ?? null,
    ...secrets,
    publicUrl: e.AVISO_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.AVISO_CORS_ORIGINS,
    smtp: { url: e.SMTP_URL ?? null, from: e.SMTP_FROM },
    egressAllow: e.AVISO_EGRESS_ALLOW,
    dbTimeoutMs: e.AVISO_DB_TIMEOUT_MS,
    ...(e.AVISO_DB_POOL ? { dbPool: e.AVISO_DB_POOL } : {}),
    redisTimeoutMs: e.AVISO_REDIS_TIMEOUT_MS,
    deliveryLeaseMs: e.AVISO_DELIVERY_LEASE_MS,
    deliveryRetentionDays: e.AVISO_DELIVERY_RETENTION_DAYS,
    limits: {
      apiKey: e.AVISO_API_RATE_LIMIT,
      tenant: e.AVISO_TENANT_RATE_LIMIT,
      person: e.AVISO_WIDGET_RATE_LIMIT,
      authFailures: e.AVISO_AUTH_FAILURE_LIMIT,
      telegramTenant: e.AVISO_TELEGRAM_TENANT_TRIES,
      telegramPerson: e.AVISO_TELEGRAM_PERSON_TRIES,
      socketsPerPerson: e.AVISO_SOCKETS_PER_PERSON || null,
    },
    trustProxy: e.AVISO_TRUST_PROXY,
    devSecretsFile: e.AVISO_DEV_SECRETS_FILE,
  };
}
