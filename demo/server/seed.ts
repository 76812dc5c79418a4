import { BRANCHES, PERSONAS } from './backoffice.ts';
import { demoBranding } from './brand.ts';
import { DEMO_GROUP_CHAT } from './chat-catcher.ts';
import { DemoError, type HubClient } from './hub.ts';
import type { DemoState, DemoTenant } from './state.ts';

export interface SeedOptions {
  /** The hub, without a key. */
  hub: HubClient;
  /** The operator token, asked for only when the demo tenant has to be created. */
  adminToken: () => string | undefined;
  /** Where `adminToken` looks after the environment, for the error when it finds nothing. */
  devSecretsFile: string;
  state: DemoState;
  /** The demo's mail catcher, as the hub reaches it: the demo tenant's email channel points at it. */
  smtp: { host: string; port: number };
  /** Email links open this page (the owner's screen of the demo). */
  appUrl: string;
  /** The demo's stand-in of the Telegram Bot API, as the hub reaches it (`…/telegram`). */
  telegramApiRoot: string;
}

/** The demo tenant, and its email channel's id, or why the hub refused the channel. */
export interface SeedResult {
  tenant: DemoTenant;
  channelId: string | null;
  refused: string | null;
  /** Why the hub refused the demo's Telegram channel (the branch group then gets nothing); null when saved. */
  telegramRefused: string | null;
}

export const DEMO_TENANT_NAME = 'Abarrotes La Esquina (demo)';
export const DEMO_CHANNEL_NAME = 'Buzón de la demo';
export const DEMO_BOT_NAME = 'Bot de la demo';
/** The branch whose Telegram group ("encargados") gets the low-stock alerts too. */
export const DEMO_GROUP_BRANCH = 'central';
/** The demo shortens the low-stock fallback to the owner (2 minutes in the catalog) so it can be watched. */
export const DEMO_LOW_STOCK_AFTER = '5s';

/** The demo tenant saved for this hub if its key still works there, else a new one made with the admin token. */
async function tenantFor(o: SeedOptions): Promise<DemoTenant> {
  const saved = o.state.load();
  if (saved && (await o.hub.call('GET', '/v1/tenant', undefined, saved.apiKey)).status === 200) return saved;
  const admin = o.adminToken();
  if (!admin) {
    throw new Error(
      "the demo needs the hub's operator token to create its tenant: set AVISO_ADMIN_TOKEN, or start " +
        `a development hub from this folder first (it writes its token to ${o.devSecretsFile})`,
    );
  }
  const created = await o.hub.ok(
    'POST',
    '/v1/admin/tenants',
    { name: DEMO_TENANT_NAME, currency: 'MXN', locale: 'es-MX', timezone: 'America/Mexico_City' },
    admin,
  );
  // A new tenant (a fresh hub database) starts a fresh store too.
  const tenant = { tenantId: String(created.id), apiKey: String(created.apiKey), name: DEMO_TENANT_NAME };
  o.state.save(tenant);
  return tenant;
}

/**
 * Creates (once per hub) the demo tenant, and brings its branches, people, email channel and
 * low-stock rules to the demo's shape on every start, through the hub's public API only.
 */
export async function seedDemo(o: SeedOptions): Promise<SeedResult> {
  const tenant = await tenantFor(o);
  const hub = o.hub.withKey(tenant.apiKey);
  // The emails look like the shop: its colour, and its logo when the demo is served over https.
  await hub.ok('PATCH', '/v1/tenant', {
    appUrl: o.appUrl,
    settings: { branding: demoBranding(o.appUrl) },
  });
  for (const b of BRANCHES) {
    const addresses = b.id === DEMO_GROUP_BRANCH ? { telegram: DEMO_GROUP_CHAT } : undefined;
    await hub.ok('PUT', `/v1/branches/${b.id}`, { name: b.name, ...(addresses ? { addresses } : {}) });
  }
  for (const { id, name, role, branchIds, email } of Object.values(PERSONAS)) {
    await hub.ok('PUT', `/v1/recipients/${id}`, { name, role, branchIds, email });
  }

  const channel = await emailChannel(hub, o.smtp).then(
    (id) => ({ channelId: id, refused: null }),
    (err: unknown) => {
      // A hub whose egress policy refuses the catcher's address says so when the channel is saved:
      // the demo still runs, without fallback emails, and says why.
      if (err instanceof DemoError && err.status < 500) return { channelId: null, refused: err.message };
      throw err;
    },
  );
  const telegram = await telegramChannel(hub, o.telegramApiRoot).then(
    () => null,
    (err: unknown) => {
      if (err instanceof DemoError && err.status < 500) return err.message;
      throw err;
    },
  );
  // The owner by email, and the branch's group chat once (groups: true), through the demo's bot.
  const fallback = {
    after: DEMO_LOW_STOCK_AFTER,
    if: 'unseen',
    to: ['owner'],
    channels: ['email', 'telegram'],
    groups: true,
  };
  for (const type of ['PRODUCTO_STOCK_BAJO', 'MULTIPLE_PRODUCTOS_STOCK_BAJO']) {
    await hub.ok('PUT', `/v1/event-types/${type}`, { rules: { fallback } });
  }
  return { tenant, ...channel, telegramRefused: telegram };
}

/** The demo's Telegram bot, pointed at the demo's own stand-in of the Bot API. */
async function telegramChannel(hub: HubClient, apiRoot: string): Promise<void> {
  const config = {
    botToken: '123456789:demo-bot-token-not-a-real-one',
    apiRoot,
    botUsername: 'AbarrotesDemoBot',
  };
  const channels = (await hub.ok('GET', '/v1/channels')) as {
    items?: { id: string; kind: string; name: string }[];
  };
  const id = channels.items?.find((c) => c.kind === 'telegram' && c.name === DEMO_BOT_NAME)?.id;
  if (id) await hub.ok('PATCH', `/v1/channels/${id}`, { config, enabled: true });
  else await hub.ok('POST', '/v1/channels', { kind: 'telegram', name: DEMO_BOT_NAME, config });
}

/** The demo's email channel, created or pointed at the catcher again; resolves to its id. */
async function emailChannel(hub: HubClient, smtp: { host: string; port: number }): Promise<string> {
  const config = { host: smtp.host, port: smtp.port, from: 'Aviso demo <aviso@abarrotes-demo.mx>' };
  const channels = (await hub.ok('GET', '/v1/channels')) as {
    items?: { id: string; kind: string; name: string }[];
  };
  const id = channels.items?.find((c) => c.kind === 'email' && c.name === DEMO_CHANNEL_NAME)?.id;
  if (id) {
    await hub.ok('PATCH', `/v1/channels/${id}`, { config, enabled: true });
    return id;
  }
  const made = await hub.ok('POST', '/v1/channels', { kind: 'email', name: DEMO_CHANNEL_NAME, config });
  return String(made.id);
}
