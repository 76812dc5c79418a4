import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the demo backend reads from the environment, read once. The only reader of `process.env`. */
export interface DemoConfig {
  /** Where the backend calls the hub (`AVISO_HUB_URL`). */
  hubUrl: string;
  /** Where browsers reach the hub for the widget script and its socket (`AVISO_HUB_PUBLIC_URL`). */
  hubPublicUrl: string;
  /** The hub's operator token; only needed to create the demo tenant the first time. */
  adminToken: () => string | undefined;
  /** The development hub's secrets file `adminToken` falls back to, for the error when it finds nothing. */
  devSecretsFile: string;
  port: number;
  host: string;
  /** The demo's own URL as browsers see it (email links open it); known after listening when unset. */
  publicUrl: string | null;
  /** The mail catcher: where it listens, and the host the hub dials to reach it. */
  smtp: { host: string; port: number; reachHost: string };
  /** The demo tenant's API key and the store's data, kept across restarts (never in the repository). */
  stateFile: string;
  /** The built pages (`vite build` output). */
  distDir: string;
  /** How long to wait for the hub's `/healthz` at start. */
  hubWaitMs: number;
}

export class DemoConfigError extends Error {}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

function port(raw: string | undefined, name: string, fallback: number): number {
  const value = Number(raw?.trim() || fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new DemoConfigError(`${name} must be 0–65535`);
  return value;
}

function url(raw: string | undefined, name: string, fallback: string): string {
  const text = (raw?.trim() || fallback).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(text)) throw new DemoConfigError(`${name} must be an http(s) URL`);
  return text;
}

/** Builds the configuration from an environment; relative files resolve against `cwd`. */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  // `pnpm --filter @aviso/demo start` runs in demo/; INIT_CWD is where the command was typed.
  const cwd = env.INIT_CWD || process.cwd();
  const hubUrl = url(env.AVISO_HUB_URL, 'AVISO_HUB_URL', 'http://127.0.0.1:3000');
  const devSecrets = resolve(cwd, env.AVISO_DEV_SECRETS_FILE || '.aviso/dev-secrets.json');
  const host = env.DEMO_HOST?.trim() || '127.0.0.1';
  const smtpHost = env.DEMO_SMTP_HOST?.trim() || '127.0.0.1';
  const publicUrl = env.DEMO_PUBLIC_URL?.trim() ? url(env.DEMO_PUBLIC_URL, 'DEMO_PUBLIC_URL', '') : null;
  return {
    hubUrl,
    hubPublicUrl: url(env.AVISO_HUB_PUBLIC_URL, 'AVISO_HUB_PUBLIC_URL', hubUrl),
    adminToken: () => env.AVISO_ADMIN_TOKEN?.trim() || readDevToken(devSecrets),
    devSecretsFile: devSecrets,
    port: port(env.DEMO_PORT, 'DEMO_PORT', 3100),
    host,
    publicUrl,
    smtp: {
      host: smtpHost,
      port: port(env.DEMO_SMTP_PORT, 'DEMO_SMTP_PORT', 2525),
      reachHost: env.DEMO_SMTP_PUBLIC_HOST?.trim() || (WILDCARD.has(smtpHost) ? '127.0.0.1' : smtpHost),
    },
    stateFile: resolve(cwd, env.DEMO_STATE_FILE || '.aviso/demo.json'),
    distDir: env.DEMO_DIST_DIR ? resolve(cwd, env.DEMO_DIST_DIR) : packageDir('dist'),
    hubWaitMs: Number(env.DEMO_HUB_WAIT_MS) || 60_000,
  };
}

/** The URL a server bound to `host:port` is reached at from this machine. */
export function localUrl(host: string, port: number): string {
  const h = WILDCARD.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** A folder of the demo package, from the sources (`server/`) or the compiled output (`dist-server/server/`). */
function packageDir(name: string): string {
  const root = existsSync(new URL('../package.json', import.meta.url)) ? '../' : '../../';
  return fileURLToPath(new URL(`${root}${name}`, import.meta.url));
}

/** The operator token a development hub wrote beside its data (it does so only outside production). */
function readDevToken(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const token = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).AVISO_ADMIN_TOKEN;
    return typeof token === 'string' && token ? token : undefined;
  } catch {
    return undefined;
  }
}
