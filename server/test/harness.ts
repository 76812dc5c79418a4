import { afterAll, beforeAll } from 'vitest';
import { createChannelRegistry } from '../src/channels/index.ts';
import { STAND_IN_HOST } from '../src/channels/testing.ts';
import { type NodeConfig, type NodeOptions, startNode } from '../src/compose.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { Store } from '../src/db/store.ts';
import { type AppDeps, createApp } from '../src/http/app.ts';
import { WidgetTokens } from '../src/identity/widget-tokens.ts';
import { type Broadcaster, silentBroadcaster } from '../src/inbox/broadcaster.ts';
import { Inbox } from '../src/inbox/inbox.ts';
import { createLogger } from '../src/lib/log.ts';
import { SecretBox } from '../src/lib/secrets.ts';
import { freshDatabase } from './env.ts';
import { startSmtp } from './smtp.ts';

export const ADMIN_TOKEN = 'adm_test_token';
export const SECRET_KEYS = [{ id: 'test', key: Buffer.alloc(32, 3) }];
export const log = createLogger(process.env.AVISO_TEST_LOG_LEVEL ?? 'silent');
/** The operator's allow-list of test hubs: the local stand-ins of providers and SMTP servers. */
export const EGRESS_ALLOW = [STAND_IN_HOST];

export interface Call {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
  body: any;
  headers: Headers;
}

type Fetcher = (path: string, init: RequestInit) => Promise<Response>;

/** A tiny JSON client over `app.request()` or a real URL. */
export function client(fetcher: Fetcher, token?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetcher(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers } as Call;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body ?? {}, headers),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
    raw: call,
  };
}
export type Client = ReturnType<typeof client>;

/** A tenant made through the operator API, with clients for its API key and its people. */
export async function makeTenant(fetcher: Fetcher, input: Record<string, unknown> = {}) {
  const admin = client(fetcher, ADMIN_TOKEN);
  const created = await admin.post('/v1/admin/tenants', { name: 'Ferretería', ...input });
  if (created.status !== 201) throw new Error(`tenant: ${created.status} ${JSON.stringify(created.body)}`);
  const { id, apiKey, widgetSecret } = created.body as { id: string; apiKey: string; widgetSecret: string };
  const api = client(fetcher, apiKey);
  return {
    id,
    apiKey,
    widgetSecret,
    api,
    /** Creates (or replaces) a recipient and returns a client holding their widget token. */
    async person(recipientId: string, body: Record<string, unknown>) {
      const put = await api.put(`/v1/recipients/${recipientId}`, body);
      if (put.status >= 300) throw new Error(`recipient: ${put.status} ${JSON.stringify(put.body)}`);
      const minted = await api.post('/v1/widget-tokens', { recipientId });
      const token = minted.body.token as string;
      return { id: recipientId, token, me: client(fetcher, token) };
    },
  };
}
export type TestTenant = Awaited<ReturnType<typeof makeTenant>>;

/** An app over a real database, called with `app.request()`: no port is opened. */
export async function createTestApp(url: string, broadcaster: Broadcaster = silentBroadcaster) {
  const fresh = await freshDatabase(url);
  const database = await openDatabase(fresh.url, { max: 4 });
  await migrate(database.db);
  const box = new SecretBox(SECRET_KEYS);
  const store = new Store(database.db, box);
  const tokens = new WidgetTokens(store, box);
  const inbox = new Inbox(broadcaster);
  const registry = createChannelRegistry({ egressAllow: EGRESS_ALLOW });
  /** Another app over the same database, with some dependencies of its own (a clock, a logger…). */
  const appWith = (extra: Partial<AppDeps> = {}) =>
    createApp({
      adminToken: ADMIN_TOKEN,
      corsOrigins: '*',
      database,
      store,
      box,
      tokens,
      inbox,
      broadcaster,
      log,
      registry,
      ...extra,
    });
  const app = appWith();
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  const close = async () => {
    await registry.close();
    await database.close();
    await fresh.drop();
  };
  return { app, appWith, store, database, tokens, fetcher, close };
}

/** What every node the tests start shares: a free port on loopback, no Redis, the test token and keys. */
export const NODE_BASE = {
  port: 0,
  host: '127.0.0.1',
  redisUrl: null,
  adminToken: ADMIN_TOKEN,
  secretKeys: SECRET_KEYS,
  corsOrigins: '*',
} satisfies Partial<NodeConfig>;

/** A real listening node on a free port. */
export async function startTestNode(overrides: Partial<NodeConfig> = {}, options: NodeOptions = {}) {
  const fresh = await freshDatabase(overrides.databaseUrl ?? 'memory:');
  const started = await startNode(
    { ...NODE_BASE, egressAllow: EGRESS_ALLOW, ...overrides, databaseUrl: fresh.url },
    log,
    options,
  );
  const node = {
    ...started,
    close: async () => {
      await started.close();
      await fresh.drop();
    },
  };
  const fetcher: Fetcher = (path, init) => fetch(`${node.url}${path}`, init);
  return { node, fetcher };
}

/**
 * The node of `startTestNode(overrides, options)` for the enclosing suite: filled in before its
 * tests (and before the suite's own `beforeAll`), closed after them.
 */
export function testNode(overrides: Partial<NodeConfig> = {}, options: NodeOptions = {}) {
  const hub = {} as Awaited<ReturnType<typeof startTestNode>>;
  beforeAll(async () => {
    Object.assign(hub, await startTestNode(overrides, options));
  });
  afterAll(() => hub.node?.close());
  return hub;
}

/**
 * For a suite that reads the emails a node sends: the node (as `startTestNode` starts it) and a
 * local SMTP server, started before the suite's tests and closed after them.
 */
export function nodeWithSmtp(overrides: Partial<NodeConfig> = {}, options: NodeOptions = {}) {
  const smtp = {} as Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    Object.assign(smtp, await startSmtp());
  });
  afterAll(() => smtp.close?.());
  const hub = testNode(overrides, options);
  return {
    hub,
    smtp,
    /** Gives a tenant an email channel that sends to the suite's SMTP server. */
    emailChannel: (tenantId: string) =>
      hub.node.store.forTenant(tenantId).channels.create({
        kind: 'email',
        name: 'SMTP',
        config: { host: '127.0.0.1', port: smtp.port, from: 'Aviso <alerts@aviso.test>' },
      }),
  };
}

/**
 * For a suite that drives the scheduler by hand: a node on `url` whose clock starts at `start`
 * and moves only when the suite moves it, started before the suite's tests and closed after them.
 */
export function nodeOnClock(url: string, start: number) {
  const time = { clock: start };
  const hub = testNode(
    { databaseUrl: url },
    { now: () => new Date(time.clock), scheduler: { pollMs: 3_600_000 } },
  );
  return Object.assign(time, {
    hub,
    /** Moves the clock to `ms` and lets the scheduler publish what is due by then. */
    fireAt: async (ms: number) => {
      time.clock = ms;
      while ((await hub.node.scheduler.runNow()) > 0) {}
    },
  });
}

/**
 * The app of `createTestApp(url)` for the enclosing suite: filled in before its tests (and before
 * the suite's own `beforeAll`), closed after them.
 */
export function testApp(url: string) {
  const hub = {} as Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    Object.assign(hub, await createTestApp(url));
  });
  afterAll(() => hub.close?.());
  return hub;
}
