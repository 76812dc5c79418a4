import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelRegistry, newWebhookSecret } from '../src/channels/index.ts';
import { type StandInReply, standIn } from '../src/channels/testing.ts';
import { EgressPolicy } from '../src/lib/egress.ts';
import { databaseBackends } from './env.ts';
import { client, makeTenant, startTestNode, type TestTenant, testApp } from './harness.ts';
import { settle } from './sockets.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

// Names a tenant controls, pointed at the hub's own machine (what DNS rebinding would do).
const DNS: Record<string, string> = { 'hooks.tenant.test': '127.0.0.1', 'mail.tenant.test': '127.0.0.1' };
const resolve = async (host: string) => {
  const address = DNS[host];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = '123456:AAE_telegram_bot_token_value_1234';
const MARKER = 'INTERNAL-BODY-4f2a';

/** One configuration per kind and provider, all pointing at `base` (an http://host:port origin). */
function configsAt(base: string, host: string, port: number) {
  return [
    { kind: 'webhook', config: { url: `${base}/hook`, secret: newWebhookSecret() }, field: 'url' },
    { kind: 'slack', config: { url: `${base}/services/x` }, field: 'url' },
    { kind: 'telegram', config: { botToken: TOKEN, apiRoot: base }, field: 'apiRoot' },
    {
      kind: 'whatsapp',
      config: { provider: 'meta', phoneNumberId: '106', accessToken: 'EAAG-x', apiRoot: base },
      field: 'apiRoot',
    },
    { kind: 'whatsapp', config: { provider: 'http', url: `${base}/send`, apiKey: 'gw-key' }, field: 'url' },
    {
      kind: 'whatsapp',
      config: { provider: 'twilio', accountSid: SID, authToken: 'tok', from: '+14155238886', apiBase: base },
      field: 'apiBase',
    },
    {
      kind: 'sms',
      config: { accountSid: SID, authToken: 'tok', from: '+15005550006', apiBase: base },
      field: 'apiBase',
    },
    { kind: 'email', config: { host, port, from: 'Aviso <a@aviso.test>', pass: 'pw' }, field: 'host' },
  ] as const;
}
const ADDRESS: Record<string, string> = { telegram: '42', whatsapp: '+5215512345678', sms: '+5215512345678' };
const addressOf = (kind: string) => ADDRESS[kind] ?? 'owner@example.com';

/** A real SMTP server on 127.0.0.1 that counts connections; `reject` answers RCPT with it. */
async function smtpServer(reject?: string) {
  let connections = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onConnect: (_s, cb) => {
      connections++;
      cb();
    },
    onRcptTo: (_a, _s, cb) =>
      cb(reject ? Object.assign(new Error(reject), { responseCode: 550 }) : undefined),
    onData: (stream, _s, cb) => stream.on('end', () => cb()).resume(),
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.server.address() as AddressInfo).port, connections: () => connections };
}

async function endpoint(reply: (path: string) => StandInReply) {
  const s = await standIn((req) => reply(req.path));
  closers.push(s.close);
  return s;
}

describe.each(databaseBackends)('the egress policy, through the channels API on $name', ({ url }) => {
  const hub = testApp(url);

  /** The API of a hub whose registry has this policy (the suite's own hub allows 127.0.0.1). */
  function hubWith(allow: string[]) {
    const registry = createChannelRegistry({ egress: new EgressPolicy({ allow, resolve }), timeoutMs: 3000 });
    closers.push(() => registry.close());
    const app = hub.appWith({ registry });
    return async (path: string, init: RequestInit) => app.request(path, init);
  }
  const create = (t: TestTenant, c: { kind: string; config: object }) =>
    t.api.post('/v1/channels', { name: 'x', kind: c.kind, config: c.config });

  it('refuses a channel whose host is an internal address, in any notation, when it is saved', async () => {
    const strict = hubWith([]);
    const t = await makeTenant(strict);
    const hosts = ['127.0.0.1', 'localhost', '169.254.169.254', '10.0.0.7', '192.168.1.1', '172.16.5.4'];
    hosts.push('100.64.0.1', '0.0.0.0', '[::1]', '[::ffff:127.0.0.1]', '[fd00::1]', '2130706433', '0x7f.1');
    for (const host of hosts) {
      for (const c of configsAt(`http://${host}:8080`, host.replace(/^\[|\]$/g, ''), 25)) {
        const res = await create(t, c);
        expect(res.status, `${c.kind} ${host}`).toBe(400);
        expect(res.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
        expect(res.body.error.details).toEqual([{ path: `config.${c.field}`, message: expect.any(String) }]);
      }
    }
    expect((await t.api.get('/v1/channels')).body.items).toEqual([]);

    // A change to an internal address is refused too, and leaves the channel as it was.
    const hook = (await create(t, configsAt('https://crm.example.com', 'smtp.example.com', 25)[0])).body;
    const moved = await t.api.patch(`/v1/channels/${hook.id}`, {
      config: { url: 'http://169.254.169.254/latest/meta-data/', secret: newWebhookSecret() },
    });
    expect(moved.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
    expect((await t.api.get(`/v1/channels/${hook.id}`)).body.config.url).toBe('https://crm.example.com/hook');

    // The operator's allow-list lets exactly what it names through.
    const a = await makeTenant(hubWith(['127.0.0.1:8080', '10.0.0.0/8', 'smtp.lan']));
    expect((await create(a, configsAt('http://127.0.0.1:8080', '10.1.2.3', 25)[0])).status).toBe(201);
    expect((await create(a, configsAt('http://10.9.9.9', 'smtp.lan', 25)[7])).status).toBe(201);
    expect((await create(a, configsAt('http://127.0.0.1:8081', 'x', 25)[0])).status).toBe(400);
  });

  it('refuses at send time a name that resolves to an internal address, for every kind, without a retry', async () => {
    let calls = 0;
    const provider = await endpoint(() => {
      calls++;
      return {
        status: 200,
        body: { ok: true, result: { message_id: 1 }, sid: 'SM1', messages: [{ id: 'w' }] },
      };
    });
    const smtp = await smtpServer();
    const port = Number(new URL(provider.url).port);
    const strict = hubWith([]);
    const t = await makeTenant(strict);
    for (const c of configsAt(`http://hooks.tenant.test:${port}`, 'mail.tenant.test', smtp.port)) {
      // A name is not judged when saved: only the address it resolves to counts.
      const channel = (await create(t, c)).body;
      expect(channel.id, c.kind).toBeDefined();
      const res = await t.api.post(`/v1/channels/${channel.id}/test`, { to: addressOf(c.kind) });
      expect(res.body, `${c.kind} ${JSON.stringify(c.config)}`).toMatchObject({
        ok: false,
        error: { code: 'DESTINATION_NOT_ALLOWED', retryable: false },
      });
      const log = await hub.store.forTenant(t.id).deliveries.get(res.body.deliveryId);
      expect(log).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'DESTINATION_NOT_ALLOWED' });
    }
    expect(calls).toBe(0);
    expect(smtp.connections()).toBe(0);

    // Allowing the names (as AVISO_EGRESS_ALLOW=hooks.tenant.test,mail.tenant.test) lets the same channels through.
    const allowing = hubWith(['hooks.tenant.test', 'mail.tenant.test']);
    const a = await makeTenant(allowing);
    for (const c of configsAt(`http://hooks.tenant.test:${port}`, 'mail.tenant.test', smtp.port)) {
      const channel = (await create(a, c)).body;
      const res = await a.api.post(`/v1/channels/${channel.id}/test`, { to: addressOf(c.kind) });
      expect(res.body, c.kind).toMatchObject({ ok: true });
    }
    expect(calls).toBe(7);
    expect(smtp.connections()).toBe(1);

    // A channel saved while its address was allowed is refused once the operator no longer allows it.
    const saved = (await a.api.get('/v1/channels')).body.items[0];
    const res = await client(strict, a.apiKey).post(`/v1/channels/${saved.id}/test`, {
      to: addressOf(saved.kind),
    });
    expect(res.body.error.code).toBe('DESTINATION_NOT_ALLOWED');
    expect(calls).toBe(7);
  });
  it('does not follow a redirect: a 3xx is a provider error and the target is never called', async () => {
    const target = await endpoint(() => ({ status: 200, body: { ok: true } }));
    let status = 302;
    const redirector = await endpoint((path) => ({ status, headers: { location: `${target.url}${path}` } }));
    const port = Number(new URL(redirector.url).port);
    const t = await makeTenant(hub.fetcher);
    for (const c of configsAt(redirector.url, '127.0.0.1', port).filter((c) => c.kind !== 'email')) {
      const channel = (await create(t, c)).body;
      for (const code of [302, 307]) {
        status = code;
        const res = await t.api.post(`/v1/channels/${channel.id}/test`, { to: addressOf(c.kind) });
        expect(res.body, `${c.kind} ${code}`).toMatchObject({
          ok: false,
          error: { code: `HTTP_${code}`, retryable: false },
        });
      }
    }
    expect(redirector.requests).toHaveLength(14);
    expect(target.requests).toHaveLength(0);
  });

  it('keeps the status and the provider’s code, never its body, in the test result and the delivery log', async () => {
    const said = `${MARKER} <html>root:x:0:0 internal admin panel</html>`;
    const answers: Record<string, StandInReply> = {
      '/hook': { status: 404, body: said },
      '/services/x': { status: 400, body: said },
      [`/bot${TOKEN}/sendMessage`]: {
        status: 400,
        body: { ok: false, error_code: 400, description: `Bad Request: chat not found ${MARKER}` },
      },
      '/v21.0/106/messages': { status: 400, body: { error: { message: said, code: 100 } } },
      '/send': { status: 422, body: { error: said, message: said } },
      [`/2010-04-01/Accounts/${SID}/Messages.json`]: { status: 400, body: { code: 21211, message: said } },
    };
    const provider = await endpoint((path) => answers[path] ?? { status: 500, body: said });
    const smtp = await smtpServer(`5.1.1 ${said}`);
    const t = await makeTenant(hub.fetcher);
    const expected: Record<string, RegExp> = {
      webhook: /404/,
      slack: /400/,
      telegram: /chat_not_found/,
      meta: /400 \(100\)/,
      http: /422/,
      twilio: /21211/,
      sms: /21211/,
      email: /550 5\.1\.1/,
    };
    for (const c of configsAt(provider.url, '127.0.0.1', smtp.port)) {
      const channel = (await create(t, c)).body;
      const res = await t.api.post(`/v1/channels/${channel.id}/test`, { to: addressOf(c.kind) });
      const which = 'provider' in c.config && c.kind === 'whatsapp' ? c.config.provider : c.kind;
      expect(res.body.ok, which).toBe(false);
      expect(res.body.error.message, which).toMatch(expected[which]!);
      const log = await hub.store.forTenant(t.id).deliveries.get(res.body.deliveryId);
      for (const shown of [JSON.stringify(res.body), JSON.stringify(log)]) {
        expect(shown, which).not.toContain(MARKER);
        expect(shown, which).not.toContain('root:x');
      }
    }
    expect(provider.requests.length).toBeGreaterThanOrEqual(7);
  });
});

describe('the egress policy in the delivery worker', () => {
  it('fails a delivery to a name that resolves inside for good, after one attempt, and calls nothing', async () => {
    const hook = await endpoint(() => ({ status: 204 }));
    const port = Number(new URL(hook.url).port);
    const registry = createChannelRegistry({ egress: new EgressPolicy({ resolve }), timeoutMs: 3000 });
    const { node, fetcher } = await startTestNode({}, { registry, delivery: { pollMs: 50, maxAttempts: 5 } });
    closers.push(node.close);
    const t = await makeTenant(fetcher);
    const channel = await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: `http://hooks.tenant.test:${port}/aviso`, secret: newWebhookSecret() },
    });
    expect(channel.status).toBe(201);
    await t.person('ana', { role: 'owner', branchIds: [] });
    const event = await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      entityId: 'P-1',
      recipientIds: ['ana'],
      data: { branchId: 'A', productName: 'Martillo', sku: 'MRT-1', qty: 2 },
    });
    expect(event.status).toBe(202);
    const webhookRows = async () =>
      (await node.store.forTenant(t.id).deliveries.list({ limit: 50 })).items.filter(
        (d) => d.kind === 'webhook',
      );
    let rows = await webhookRows();
    for (let i = 0; i < 100 && !rows.some((d) => d.status === 'failed'); i++) {
      await settle(100);
      rows = await webhookRows();
    }
    await settle(300);
    rows = await webhookRows();
    expect(rows).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1, errorCode: 'DESTINATION_NOT_ALLOWED' }),
    ]);
    expect(hook.requests).toHaveLength(0);
  }, 90_000);
});
