import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
  logLevel: string;
  /** Origins allowed to call the API and open sockets from a browser; `*` allows any. */
  corsOrigins: string[] | '*';
  /** Seed a demo tenant and serve the demo POS (on by default outside production). */
  demo: boolean;
  smtp: { url: string | null; from: string };
  /** How long a node holds a claimed delivery before another may take it over (after a crash). */
  deliveryLeaseMs: number;
  /** Days a finished delivery stays in the log before the retention job deletes it. */
  deliveryRetentionDays: number;
  /** Requests per API key per window; null turns the limit off (`AVISO_API_RATE_LIMIT=off`). */
  apiRateLimit: { points: number; durationS: number } | null;
  /** Names of the secrets generated (and saved in `.aviso/dev-secrets.json`) because they were missing. */
  generated: string[];
}

export class ConfigError extends Error {}

function parseKeys(raw: string): { id: string; key: Buffer }[] {
  return raw.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) {
      throw new ConfigError('AVISO_SECRET_KEYS must be "id:base64key,…" with 32-byte keys');
    }
    return { id, key };
  });
}

function parseRateLimit(raw: string | undefined): Config['apiRateLimit'] {
  const text = raw?.trim() || '6000/60';
  if (text === 'off' || text === '0') return null;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const points = Number(m?.[1]);
  const durationS = Number(m?.[2]);
  if (!m || points < 1 || durationS < 1) {
    throw new ConfigError('AVISO_API_RATE_LIMIT must be "requests/seconds" (e.g. 6000/60) or "off"');
  }
  return { points, durationS };
}

/** Builds the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const generated: string[] = [];
  const devFile = env.AVISO_DEV_SECRETS_FILE || './.aviso/dev-secrets.json';
  const dev: Record<string, string> =
    !production && existsSync(devFile) ? JSON.parse(readFileSync(devFile, 'utf8')) : {};
  const need = (name: string, make: () => string): string => {
    const value = env[name];
    if (value) return value;
    if (production) throw new ConfigError(`${name} is required when NODE_ENV=production`);
    if (dev[name]) return dev[name];
    generated.push(name);
    dev[name] = make();
    // Kept beside the embedded database, so a development hub reads its own secrets after a restart.
    mkdirSync(dirname(devFile), { recursive: true });
    writeFileSync(devFile, JSON.stringify(dev, null, 2), { mode: 0o600 });
    return dev[name];
  };
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be 0–65535');
  const adminToken = need('AVISO_ADMIN_TOKEN', () => `adm_${randomBytes(24).toString('base64url')}`);
  const secretKeys = parseKeys(need('AVISO_SECRET_KEYS', () => `dev:${randomBytes(32).toString('base64')}`));
  const cors = env.AVISO_CORS_ORIGINS?.trim();
  const retention = Number(env.AVISO_DELIVERY_RETENTION_DAYS || 90);
  if (!Number.isInteger(retention) || retention < 1) {
    throw new ConfigError('AVISO_DELIVERY_RETENTION_DAYS must be a whole number of days (1 or more)');
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    production,
    databaseUrl: env.DATABASE_URL || './.aviso/data',
    redisUrl: env.REDIS_URL || null,
    adminToken,
    secretKeys,
    publicUrl: (env.AVISO_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL || 'info',
    corsOrigins: !cors || cors === '*' ? '*' : cors.split(',').map((o) => o.trim()),
    demo: env.AVISO_DEMO ? env.AVISO_DEMO !== '0' && env.AVISO_DEMO !== 'false' : !production,
    smtp: { url: env.SMTP_URL || null, from: env.SMTP_FROM || 'Aviso <aviso@localhost>' },
    deliveryLeaseMs: Number(env.AVISO_DELIVERY_LEASE_MS) || 60_000,
    deliveryRetentionDays: retention,
    apiRateLimit: parseRateLimit(env.AVISO_API_RATE_LIMIT),
    generated,
  };
}
