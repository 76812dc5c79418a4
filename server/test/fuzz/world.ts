/**
 * The world the property-based suites attack: a real node (high limits, so the suites test input
 * handling; an egress policy that refuses every address, so fuzzed channels reach nothing), two
 * tenants seeded with distinct marker strings, every kind of credential, and the ids of seeded rows.
 */
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { createChannelRegistry } from '../../src/channels/index.ts';
import { EgressPolicy, EgressRefusedError } from '../../src/lib/egress.ts';
import type { LimitSettings } from '../../src/lib/limiter.ts';
import { ADMIN_TOKEN, makeTenant, startTestNode, type TestTenant } from '../harness.ts';

const HIGH = { points: 1_000_000, durationS: 60 };
/** Limits far above what the suites send: they test input handling, not the limiter. */
export const FUZZ_LIMITS: LimitSettings = {
  apiKey: HIGH,
  tenant: HIGH,
  person: HIGH,
  authFailures: HIGH,
  telegramTenant: HIGH,
  telegramPerson: HIGH,
  socketsPerPerson: 1_000,
};

/** Refuses every destination: a fuzzed channel (test sends, deliveries) never leaves the machine. */
class SealedEgress extends EgressPolicy {
  override allows() {
    return false;
  }

  // Not even a DNS lookup: a name is refused as it is.
  override async resolve(host: string): Promise<never> {
    throw new EgressRefusedError(host);
  }
}

export type TenantLabel = 'a' | 'b';

/** A credential a request or a socket handshake may carry, and whose data it may see. */
export interface Credential {
  name: string;
  /** The Authorization header (none when absent). */
  authorization?: string;
  /** The raw token for a socket handshake. */
  token?: unknown;
  /** Headers an inbound hook is verified with (a secret, or a signature of the request's body). */
  hookHeaders?: (body: string) => Record<string, string>;
  /** The tenant whose data the credential may see; none for the rest. */
  tenant: TenantLabel | null;
}

/** A seeded tenant: its clients, its marker strings and the ids of its rows. */
export interface SeededTenant {
  label: TenantLabel;
  t: TestTenant;
  markers: string[];
  notificationIds: string[];
  /** Ids of its rows other than notifications (channels, spare API keys, stock alerts, deliveries). */
  rowIds: string[];
  /** Its channels with inbound hooks, by the hook route that serves them. */
  hookChannelIds: Record<'telegram' | 'whatsapp' | 'twilio', string[]>;
  people: Awaited<ReturnType<TestTenant['person']>>[];
  expiredToken: string;
  /** The Telegram webhook secret and the Meta app secret of its hook channels. */
  hookSecrets: { telegram: string; meta: string };
  /** Puts its people back and mints them fresh tokens (a batch may delete them or rotate the secret). */
  restore(): Promise<void>;
}

/** Host ids both tenants use (hosts pick ids on their own, so they collide across tenants). */
export const SHARED_IDS = ['ana', 'beto', 'b1', 'b2', 'ck-1'];

const seconds = () => Math.floor(Date.now() / 1000);
/** A host-minted widget token (HS256 with the tenant's widget secret), issued now or just before `exp`. */
export const sign = (secret: string, claims: Record<string, unknown>, exp: number) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(Math.min(seconds(), exp - 60))
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

async function ok<T extends { status: number; body: unknown }>(what: string, res: Promise<T>): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`seeding ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Seeds a tenant whose every name, secret id, message and label carries a marker `zq<label>…mk`. */
async function seedTenant(
  fetcher: Parameters<typeof makeTenant>[0],
  label: TenantLabel,
): Promise<SeededTenant> {
  const markers: string[] = [];
  const m = (what: string) => {
    const marker = `zq${label}${what}mk`;
    markers.push(marker);
    return marker;
  };
  const t = await makeTenant(fetcher, { name: m('tenant') });
  const { api } = t;
  const secretBranch = m('branch');
  for (const [id, name] of [
    ['b1', m('branchone')],
    ['b2', m('branchtwo')],
    [secretBranch, m('branchthree')],
  ]) {
    await ok('branch', api.put(`/v1/branches/${id}`, { name }));
  }
  const bodies: [string, Record<string, unknown>][] = [
    ['ana', { role: 'owner', branchIds: [], name: m('ana'), email: `${m('mail')}@example.com` }],
    ['beto', { role: 'staff', branchIds: ['b1'], name: m('beto') }],
    [m('rcp'), { role: 'staff', branchIds: [secretBranch], name: m('rcpname') }],
  ];
  const people = [];
  for (const [id, body] of bodies) people.push(await t.person(id, body));
  const spare = await ok('api key', api.post('/v1/api-keys', { name: m('keyname') }));
  const channel = await ok(
    'channel',
    api.post('/v1/channels', {
      kind: 'webhook',
      name: m('channel'),
      config: {
        url: `https://hooks.example.com/${m('hookpath')}`,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    }),
  );
  // Channels with inbound hooks, so the hook routes reach their checks (secrets and signatures).
  const hookChannels = [
    {
      kind: 'telegram',
      config: {
        botToken: `12345:${'A'.repeat(24)}`,
        botUsername: `${m('bot')}_x`,
        webhookSecret: m('hooksecret'),
      },
    },
    {
      kind: 'whatsapp',
      config: {
        provider: 'meta',
        phoneNumberId: '123',
        accessToken: m('token'),
        appSecret: m('appsecret'),
        verifyToken: m('verify'),
      },
    },
    {
      kind: 'whatsapp',
      config: {
        provider: 'twilio',
        accountSid: `AC${'0'.repeat(32)}`,
        authToken: m('authtoken'),
        from: '+15005550006',
      },
    },
  ];
  const hookIds: string[] = [];
  for (const c of hookChannels)
    hookIds.push(
      (await ok('channel', api.post('/v1/channels', { ...c, name: m(`channel${hookIds.length}`) }))).body.id,
    );
  const events = [
    {
      type: 'NUEVO_CLIENTE',
      message: m('msgbranch'),
      title: m('title'),
      branchIds: ['b1'],
      data: { customerName: m('customer') },
      actions: [{ id: 'ok', label: m('label') }],
    },
    {
      type: 'NUEVO_CLIENTE',
      message: m('msgana'),
      recipientIds: ['ana'],
      cancelKey: 'ck-1',
      requireAck: true,
    },
    { type: 'NUEVO_CLIENTE', message: m('msgglobal') },
    { type: 'NUEVO_CLIENTE', message: m('msgsecret'), branchIds: [secretBranch], entityId: m('entity') },
  ];
  const notificationIds: string[] = [];
  for (const e of events) notificationIds.push((await ok('event', api.post('/v1/events', e))).body.id);
  const item = (qty: number) => ({
    productId: m('product'),
    sku: m('sku'),
    name: m('productname'),
    qty,
    min: 5,
  });
  await ok('stock', api.post('/v1/stock/movements', { branchId: 'b1', items: [item(10)] }));
  await ok('stock', api.post('/v1/stock/movements', { branchId: 'b1', items: [item(1)] }));
  const alerts = (await ok('alerts', api.get('/v1/stock/alerts'))).body.items as { id: string }[];
  const deliveries = (await ok('deliveries', api.get('/v1/deliveries'))).body.items as { id: string }[];
  const expiredToken = await sign(t.widgetSecret, { sub: 'ana', tid: t.id }, seconds() - 3600);
  return {
    label,
    t,
    markers,
    notificationIds,
    hookChannelIds: { telegram: [hookIds[0]!], whatsapp: [hookIds[1]!], twilio: [hookIds[2]!] },
    rowIds: [
      spare.body.id,
      channel.body.id,
      ...hookIds,
      ...alerts.map((a) => a.id),
      ...deliveries.map((d) => d.id),
    ],
    people,
    expiredToken,
    hookSecrets: {
      telegram: hookChannels[0]!.config.webhookSecret!,
      meta: hookChannels[1]!.config.appSecret!,
    },
    async restore() {
      for (const [i, [id, body]] of bodies.entries()) people[i] = await t.person(id, body);
    },
  };
}

/** The real channel senders behind an egress policy that refuses every address. */
export const sealedRegistry = () => createChannelRegistry({ egress: new SealedEgress(), timeoutMs: 2_000 });

/** A fuzz node with two seeded tenants, their credentials and the pools of ids requests draw from. */
export async function startFuzzWorld(databaseUrl: string) {
  const registry = sealedRegistry();
  const { node, fetcher } = await startTestNode(
    { databaseUrl, limits: FUZZ_LIMITS, egressAllow: [] },
    { registry },
  );
  const a = await seedTenant(fetcher, 'a');
  const b = await seedTenant(fetcher, 'b');
  const bearer = (token: string) => `Bearer ${token}`;
  const later = seconds() + 3600;
  // Signed with A's secret, naming B (or no tenant at all): must not open B's inbox.
  const forged = await sign(a.t.widgetSecret, { sub: 'ana', tid: b.t.id }, later);
  const notUuidTid = await sign(a.t.widgetSecret, { sub: 'ana', tid: '-'.repeat(36) }, later);
  const revoked = await ok('api key', a.t.api.post('/v1/api-keys', { name: 'revoked' }));
  await ok('revoke', a.t.api.delete(`/v1/api-keys/${revoked.body.id}`));
  const token = (name: string, value: unknown, tenant: TenantLabel | null): Credential => ({
    name,
    token: value,
    tenant,
    ...(typeof value === 'string' ? { authorization: bearer(value) } : {}),
  });
  const credentials: Credential[] = [
    { name: 'none', tenant: null },
    { name: 'admin token', authorization: bearer(ADMIN_TOKEN), token: ADMIN_TOKEN, tenant: null },
    { name: 'API key of A', authorization: bearer(a.t.apiKey), token: a.t.apiKey, tenant: 'a' },
    { name: 'API key of B', authorization: bearer(b.t.apiKey), token: b.t.apiKey, tenant: 'b' },
    {
      name: 'revoked API key of A',
      authorization: bearer(revoked.body.key),
      token: revoked.body.key,
      tenant: null,
    },
    token('widget token of A owner', a.people[0]!.token, 'a'),
    token('widget token of A staff', a.people[1]!.token, 'a'),
    token('widget token of B owner', b.people[0]!.token, 'b'),
    token('expired widget token of A', a.expiredToken, null),
    token('A-signed token naming B', forged, null),
    token('token with a non-UUID tid', notUuidTid, null),
    token('wrong key', 'ak_wrong_0123456789abcdef', null),
    token('garbage', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbmEifQ.', null),
    // What Telegram and Meta send A's hooks: a hook request with them reaches the update's handling.
    {
      name: 'Telegram secret of A',
      hookHeaders: () => ({ 'x-telegram-bot-api-secret-token': a.hookSecrets.telegram }),
      tenant: 'a',
    },
    {
      name: 'Meta signature of A',
      hookHeaders: (body) => ({
        'x-hub-signature-256': `sha256=${createHmac('sha256', a.hookSecrets.meta).update(body).digest('hex')}`,
      }),
      tenant: 'a',
    },
    { name: 'Basic auth', authorization: 'Basic YWRtaW46YWRtaW4=', token: 42, tenant: null },
    { name: 'empty bearer', authorization: 'Bearer ', token: { token: 'x' }, tenant: null },
  ];
  /** The credentials that follow a tenant's people (their tokens are minted anew by `refresh`). */
  const personal = [
    [credentials[5]!, a, 0],
    [credentials[6]!, a, 1],
    [credentials[7]!, b, 0],
  ] as const;
  const owner = new Map<string, TenantLabel>();
  for (const s of [a, b]) for (const id of [...s.notificationIds, ...s.rowIds]) owner.set(id, s.label);
  return {
    node,
    fetcher,
    tenants: { a, b },
    credentials,
    /** Server-made ids of both tenants: a request may name either tenant's rows. */
    serverIds: [...owner.keys()],
    /** Both tenants' channels with inbound hooks, by hook route (`telegram`, `whatsapp`, `twilio`). */
    hookChannelIds: (route: string) => {
      const kind = route as keyof SeededTenant['hookChannelIds'];
      return [...(a.hookChannelIds[kind] ?? []), ...(b.hookChannelIds[kind] ?? [])];
    },
    /** Which tenant a server-made id belongs to. */
    ownerOf: (id: string) => owner.get(id),
    /** Undoes what a batch may have done to the people the credentials speak for. */
    async refresh() {
      await a.restore();
      await b.restore();
      for (const [cred, s, i] of personal) {
        cred.token = s.people[i]!.token;
        cred.authorization = bearer(s.people[i]!.token);
      }
    },
    async close() {
      await node.close();
    },
  };
}
export type FuzzWorld = Awaited<ReturnType<typeof startFuzzWorld>>;
