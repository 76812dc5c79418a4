import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BRANCHES, PERSONAS } from './backoffice.ts';

/** Calls the hub's own HTTP API in process (`app.request`), exactly as a host backend would over HTTP. */
export type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

export interface SeedOptions {
  request: Fetcher;
  adminToken: string;
  databaseUrl: string;
  /** Where the demo tenant's API key is kept (never in the repository). */
  stateFile: string;
  /** The demo's mail catcher: the demo tenant's email channel points at it. */
  smtpPort: number;
  appUrl: string;
}

export interface DemoTenant {
  tenantId: string;
  apiKey: string;
  name: string;
}

export const DEMO_TENANT_NAME = 'Abarrotes La Esquina (demo)';
export const DEMO_CHANNEL_NAME = 'Buzón de la demo';
/** The demo shortens the low-stock fallback to the owner (2 minutes in the catalog) so it can be watched. */
export const DEMO_LOW_STOCK_AFTER = '5s';

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`demo seed: ${what} answered ${res.status} ${JSON.stringify(body)}`);
  return body;
}

function readState(file: string): Record<string, DemoTenant> {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  } catch {
    return {};
  }
}

/**
 * Creates (once) the demo tenant, and brings its branches, people, email channel and low-stock
 * rules to the demo's shape on every start. The API key is kept in `stateFile`, keyed by database,
 * so each database has its own demo tenant; a throwaway `memory:` database keeps nothing.
 */
export async function seedDemo(o: SeedOptions): Promise<DemoTenant> {
  const dbKey = createHash('sha256').update(o.databaseUrl).digest('hex').slice(0, 16);
  const keep = o.databaseUrl !== 'memory:';
  const state = keep ? readState(o.stateFile) : {};
  let tenant = state[dbKey];
  const call = (method: string, path: string, body?: unknown, token = tenant?.apiKey) =>
    o.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  if (!tenant || !(await call('GET', '/v1/tenant')).ok) {
    const created = await json(
      await call(
        'POST',
        '/v1/admin/tenants',
        { name: DEMO_TENANT_NAME, currency: 'MXN', locale: 'es-MX', timezone: 'America/Mexico_City' },
        o.adminToken,
      ),
      'creating the demo tenant',
    );
    tenant = { tenantId: String(created.id), apiKey: String(created.apiKey), name: DEMO_TENANT_NAME };
    if (keep) {
      state[dbKey] = tenant;
      mkdirSync(dirname(o.stateFile), { recursive: true });
      writeFileSync(o.stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
    }
  }
  // Email links open the owner's screen of the demo.
  await call('PATCH', '/v1/tenant', { appUrl: o.appUrl });
  for (const b of BRANCHES)
    await json(await call('PUT', `/v1/branches/${b.id}`, { name: b.name }), 'a branch');
  for (const p of Object.values(PERSONAS)) {
    const { id, name, role, branchIds, email } = p;
    await json(await call('PUT', `/v1/recipients/${id}`, { name, role, branchIds, email }), 'a recipient');
  }

  const config = { host: '127.0.0.1', port: o.smtpPort, from: 'Aviso demo <aviso@abarrotes-demo.mx>' };
  const channels = (await json(await call('GET', '/v1/channels'), 'listing channels')) as {
    items?: { id: string; kind: string; name: string }[];
  };
  const mine = channels.items?.find((c) => c.kind === 'email' && c.name === DEMO_CHANNEL_NAME);
  if (mine) {
    await json(await call('PATCH', `/v1/channels/${mine.id}`, { config, enabled: true }), 'the channel');
  } else {
    await json(
      await call('POST', '/v1/channels', { kind: 'email', name: DEMO_CHANNEL_NAME, config }),
      'creating the email channel',
    );
  }
  const fallback = { after: DEMO_LOW_STOCK_AFTER, if: 'unseen', to: ['owner'], channels: ['email'] };
  for (const type of ['PRODUCTO_STOCK_BAJO', 'MULTIPLE_PRODUCTOS_STOCK_BAJO']) {
    await json(await call('PUT', `/v1/event-types/${type}`, { rules: { fallback } }), 'a low-stock rule');
  }
  return tenant;
}
