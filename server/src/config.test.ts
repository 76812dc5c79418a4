import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configTable, withConfigTable } from '../scripts/config-table.ts';
import { ConfigError, envSchema, LOG_LEVELS, loadConfig } from './config.ts';
import { defaultPoolSize } from './db/client.ts';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const PROD = {
  NODE_ENV: 'production',
  AVISO_ADMIN_TOKEN: 'adm_prod',
  AVISO_SECRET_KEYS: KEY,
  AVISO_PUBLIC_URL: 'https://avisos.example.com/',
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A development environment whose generated secrets go to a fresh folder. */
function devEnv(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'aviso-config-'));
  dirs.push(dir);
  return { AVISO_DEV_SECRETS_FILE: join(dir, 'dev-secrets.json'), ...extra };
}

/** The message of the ConfigError that `env` raises. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig in development', () => {
  it('fills every default', () => {
    const config = loadConfig(devEnv());
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      production: false,
      databaseUrl: './.aviso/data',
      redisUrl: null,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      corsOrigins: '*',
      smtp: { url: null, from: 'Aviso <aviso@localhost>' },
      deliveryLeaseMs: 60_000,
      deliveryRetentionDays: 90,
      limits: {
        apiKey: { points: 6000, durationS: 60 },
        tenant: { points: 12000, durationS: 60 },
        person: { points: 600, durationS: 60 },
        authFailures: { points: 100, durationS: 300 },
        telegramTenant: { points: 30, durationS: 3600 },
        telegramPerson: { points: 5, durationS: 3600 },
        socketsPerPerson: 20,
      },
      trustProxy: 0,
    });
  });

  it('generates missing secrets once, saves them, and reads them back after a restart', () => {
    const env = devEnv();
    const first = loadConfig(env);
    expect(first.generated).toEqual(['AVISO_ADMIN_TOKEN', 'AVISO_SECRET_KEYS']);
    expect(first.adminToken).toMatch(/^adm_/);
    expect(first.secretKeys[0]!.key).toHaveLength(32);
    const saved = JSON.parse(readFileSync(env.AVISO_DEV_SECRETS_FILE, 'utf8'));
    expect(saved.AVISO_ADMIN_TOKEN).toBe(first.adminToken);

    const second = loadConfig(env);
    expect(second.generated).toEqual([]);
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.secretKeys[0]!.key.equals(first.secretKeys[0]!.key)).toBe(true);
  });

  it('prefers secrets from the environment and generates only what is missing', () => {
    const config = loadConfig(devEnv({ AVISO_ADMIN_TOKEN: 'adm_mine' }));
    expect(config.adminToken).toBe('adm_mine');
    expect(config.generated).toEqual(['AVISO_SECRET_KEYS']);
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig(devEnv({ REDIS_URL: '', PORT: ' ', SMTP_URL: '' }));
    expect(config.redisUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.smtp.url).toBeNull();
  });

  it('reads lists, limits and switches', () => {
    const config = loadConfig(
      devEnv({
        PORT: '8080',
        AVISO_CORS_ORIGINS: 'https://a.example, https://b.example',
        AVISO_API_RATE_LIMIT: '100 / 10',
        AVISO_WIDGET_RATE_LIMIT: '30/1',
        AVISO_SOCKETS_PER_PERSON: '0',
        AVISO_TRUST_PROXY: '1',
        AVISO_DELIVERY_LEASE_MS: '2000',
        AVISO_DB_POOL: '12',
        REDIS_URL: 'redis://127.0.0.1:6379',
        AVISO_EGRESS_ALLOW: 'smtp.lan, 127.0.0.1:2525,10.0.0.0/8',
      }),
    );
    expect(config.egressAllow).toEqual(['smtp.lan', '127.0.0.1:2525', '10.0.0.0/8']);
    expect(loadConfig(devEnv()).egressAllow).toEqual([]);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.limits).toMatchObject({
      apiKey: { points: 100, durationS: 10 },
      person: { points: 30, durationS: 1 },
      socketsPerPerson: null,
    });
    expect(config.trustProxy).toBe(1);
    expect(config.deliveryLeaseMs).toBe(2000);
    expect(config.dbPool).toBe(12);
    // Unset: the database layer's own default, two connections per core and one.
    expect(loadConfig(devEnv()).dbPool).toBeUndefined();
    expect(defaultPoolSize(2)).toBe(5);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig(devEnv({ AVISO_API_RATE_LIMIT: 'off' })).limits.apiKey).toBeNull();
    expect(loadConfig(devEnv({ AVISO_AUTH_FAILURE_LIMIT: 'off' })).limits.authFailures).toBeNull();
  });
});

describe('loadConfig refuses', () => {
  it.each([
    ['AVISO_DELIVERY_LEASE_MS', '-5'],
    ['AVISO_DELIVERY_LEASE_MS', '0'],
    ['AVISO_DELIVERY_LEASE_MS', '1.5e3x'],
    ['AVISO_DELIVERY_RETENTION_DAYS', '0'],
    ['AVISO_DELIVERY_RETENTION_DAYS', '2.5'],
    ['PORT', '70000'],
    ['PORT', 'http'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['AVISO_API_RATE_LIMIT', '0/60'],
    ['AVISO_API_RATE_LIMIT', 'many'],
    ['AVISO_TENANT_RATE_LIMIT', '10'],
    ['AVISO_SOCKETS_PER_PERSON', '-1'],
    ['AVISO_TRUST_PROXY', 'yes'],
    ['AVISO_DB_POOL', '0'],
    ['AVISO_DB_POOL', 'ten'],
    ['AVISO_SECRET_KEYS', 'k1:c2hvcnQ='],
    ['AVISO_PUBLIC_URL', 'avisos.example.com'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['SMTP_URL', 'mail.example.com'],
    ['AVISO_EGRESS_ALLOW', '10.0.0.0/33'],
    ['AVISO_EGRESS_ALLOW', 'smtp.lan,http://gateway.lan'],
  ])('%s=%s, naming the variable', (name, value) => {
    const env = devEnv({ [name]: value });
    expect(refusal(env)).toMatch(new RegExp(`^${name} must`));
    // Nothing is generated for a configuration that does not start.
    expect(existsSync(env.AVISO_DEV_SECRETS_FILE)).toBe(false);
  });

  it('names every wrong variable at once', () => {
    const message = refusal(devEnv({ AVISO_DELIVERY_LEASE_MS: '-5', LOG_LEVEL: 'loud' }));
    expect(message).toContain('AVISO_DELIVERY_LEASE_MS');
    expect(message).toContain('LOG_LEVEL');
  });

  it('never echoes a secret in its message', () => {
    expect(refusal(devEnv({ AVISO_SECRET_KEYS: 'k1:dG9wc2VjcmV0' }))).not.toContain('dG9wc2VjcmV0');
  });
});

describe('loadConfig in production', () => {
  it('accepts every pino level', () => {
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']) {
      expect(loadConfig({ ...PROD, LOG_LEVEL: level }).logLevel).toBe(level);
    }
    expect(LOG_LEVELS).toContain('silent');
  });

  it('starts with its secrets and public URL, nothing generated', () => {
    const config = loadConfig(PROD);
    expect(config).toMatchObject({ production: true, adminToken: 'adm_prod', generated: [] });
    expect(config.publicUrl).toBe('https://avisos.example.com');
  });

  it.each(['AVISO_ADMIN_TOKEN', 'AVISO_SECRET_KEYS', 'AVISO_PUBLIC_URL'])('requires %s', (name) => {
    const env = devEnv({ ...PROD, [name]: '' });
    expect(refusal(env)).toBe(`${name} is required when NODE_ENV=production`);
    // Production never falls back to, nor writes, development secrets.
    expect(existsSync(env.AVISO_DEV_SECRETS_FILE)).toBe(false);
  });
});

describe('the README configuration table', () => {
  it('documents every variable of the schema, each with a meaning', () => {
    const table = configTable();
    for (const name of Object.keys(envSchema.shape)) expect(table).toContain(`| \`${name}\``);
    for (const schema of Object.values(envSchema.shape)) expect(schema.meta()?.description).toBeTruthy();
    expect(table).toMatch(/\| `AVISO_DELIVERY_LEASE_MS` +\| `60000` +\|/);
  });

  it('is what `pnpm docs:config` generates from the schema', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // When this fails, run `pnpm docs:config` and commit README.md.
    expect(withConfigTable(readme)).toBe(readme);
  });
});
