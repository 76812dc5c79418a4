// Long because it is the channels API's tour: every kind's config, validation paths, secrets that
// never leave, test sends over real SMTP and webhooks, tenant isolation and what is logged.
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../src/channels/index.ts';
import { type RecordedRequest, type StandInReply, standIn } from '../src/channels/testing.ts';
import { channels } from '../src/db/schema.ts';
import { databaseBackends } from './env.ts';
import { ADMIN_TOKEN, client, makeTenant, testApp } from './harness.ts';
import { startSmtp } from './smtp.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A local SMTP server for one test. */
async function smtp(options: Parameters<typeof startSmtp>[0] = {}) {
  const server = await startSmtp(options);
  closers.push(server.close);
  return server;
}

async function endpoint(reply: (req: RecordedRequest) => StandInReply) {
  const s = await standIn(reply);
  closers.push(s.close);
  return s;
}

const SMTP_PASS = 'sm7p-pa55';
const emailChannel = (port: number, extra: Record<string, unknown> = {}) => ({
  kind: 'email',
  name: 'Correo',
  config: { host: '127.0.0.1', port, from: 'Aviso <alerts@aviso.test>', user: 'mailer', pass: SMTP_PASS },
  ...extra,
});

describe.each(databaseBackends)('channels API on $name', ({ url }) => {
  const hub = testApp(url);

  const rawRow = async (id: string) =>
    (await hub.database.db.select().from(channels).where(eq(channels.id, id)))[0]!;

  it('creates, lists, reads, patches and deletes channels, validating each kind’s config', async () => {
    const t = await makeTenant(hub.fetcher);
    const created = await t.api.post('/v1/channels', {
      ...emailChannel(2525),
      priority: 2,
      categories: ['inventory', 'system'],
      types: ['PRODUCTO_STOCK_BAJO'],
      ratePerMinute: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'email',
      name: 'Correo',
      enabled: true,
      priority: 2,
      categories: ['inventory', 'system'],
      types: ['PRODUCTO_STOCK_BAJO'],
      ratePerMinute: 30,
      disabledReason: null,
      // Defaults of the kind are filled in, the password masked.
      config: {
        host: '127.0.0.1',
        port: 2525,
        secure: false,
        requireTls: false,
        user: 'mailer',
        pass: '••••',
      },
    });
    const slack = await t.api.post('/v1/channels', {
      kind: 'slack',
      name: 'Ops',
      config: { url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXabcd' },
    });
    expect(slack.status).toBe(201);
    expect(slack.body.config).toEqual({ url: '••••abcd' });

    const list = await t.api.get('/v1/channels');
    expect(list.body.items.map((c: { kind: string }) => c.kind)).toEqual(['email', 'slack']);
    expect((await t.api.get(`/v1/channels/${created.body.id}`)).body).toEqual(created.body);

    const patched = await t.api.patch(`/v1/channels/${created.body.id}`, {
      name: 'Correo principal',
      enabled: false,
      categories: null,
      ratePerMinute: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Correo principal',
      enabled: false,
      categories: null,
      ratePerMinute: null,
    });
    expect(patched.body.types).toEqual(['PRODUCTO_STOCK_BAJO']);

    expect((await t.api.delete(`/v1/channels/${slack.body.id}`)).status).toBe(204);
    expect((await t.api.get(`/v1/channels/${slack.body.id}`)).body.error.code).toBe('CHANNEL_NOT_FOUND');
    expect((await t.api.delete(`/v1/channels/${slack.body.id}`)).status).toBe(404);
    expect((await t.api.get('/v1/channels/not-a-uuid')).status).toBe(404);
    expect((await t.api.get('/v1/channels')).body.items).toHaveLength(1);
  });

  it('rejects an invalid configuration with paths under `config.`', async () => {
    const t = await makeTenant(hub.fetcher);
    const bad = await t.api.post('/v1/channels', {
      kind: 'telegram',
      name: 'Bot',
      config: { botToken: 'nope', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('config.botToken');
    expect(paths.every((p: string) => p.startsWith('config'))).toBe(true);

    const webhook = await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: 'https://crm.test/h' },
    });
    expect(webhook.body.error.details.map((d: { path: string }) => d.path)).toEqual(['config.secrets']);

    for (const body of [
      { kind: 'pigeon', name: 'x', config: {} },
      { ...emailChannel(25), categories: ['gossip'] },
      { ...emailChannel(25), types: ['lower-case'] },
      { ...emailChannel(25), priority: -1 },
      { ...emailChannel(25), name: '' },
    ]) {
      const res = await t.api.post('/v1/channels', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.api.get('/v1/channels')).body.items).toEqual([]);
  });

  it('never returns or stores a secret in the clear, and a masked secret round-trips', async () => {
    const t = await makeTenant(hub.fetcher);
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const headerKey = 'gateway-key-0123456789-zyxw';
    const botToken = '123456:AAE_telegram_bot_token_value_1234';
    const created = await Promise.all([
      t.api.post('/v1/channels', emailChannel(2525)),
      t.api.post('/v1/channels', {
        kind: 'webhook',
        name: 'CRM',
        config: {
          url: 'https://crm.test/hooks',
          secrets: [oldSecret],
          headers: { 'X-Gateway-Key': headerKey },
        },
      }),
      t.api.post('/v1/channels', {
        kind: 'telegram',
        name: 'Bot',
        config: { botToken, webhookSecret: 'tg-hook' },
      }),
    ]);
    const [email, webhook, telegram] = created.map((r) => r.body);
    expect(webhook.config).toEqual({
      url: 'https://crm.test/hooks',
      secrets: [`••••${oldSecret.slice(-4)}`],
      headers: { 'X-Gateway-Key': '••••zyxw' },
    });
    expect(telegram.config).toMatchObject({ botToken: '••••1234', webhookSecret: '••••' });

    const plain = [SMTP_PASS, oldSecret, headerKey, botToken, 'tg-hook'];
    const reads = [
      ...created,
      await t.api.get('/v1/channels'),
      await t.api.get(`/v1/channels/${webhook.id}`),
    ];
    for (const read of reads)
      for (const secret of plain) expect(JSON.stringify(read.body)).not.toContain(secret);
    for (const { id } of [email, webhook, telegram]) {
      const row = await rawRow(id);
      expect(row.configEnc).toMatch(/^v2:test:/);
      for (const secret of plain) expect(row.configEnc).not.toContain(secret);
    }

    // An admin form sends the config back as read: the password stays, the sender changes.
    const form = (await t.api.get(`/v1/channels/${email.id}`)).body;
    const saved = await t.api.patch(`/v1/channels/${email.id}`, {
      config: { ...form.config, from: 'Avisos <avisos@aviso.test>' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.config).toMatchObject({ from: 'Avisos <avisos@aviso.test>', pass: '••••' });
    const stored = (id: string) =>
      hub.store
        .forTenant(t.id)
        .channels.get(id)
        .then((c) => c!.config);
    expect(await stored(email.id)).toMatchObject({ from: 'Avisos <avisos@aviso.test>', pass: SMTP_PASS });
    await t.api.patch(`/v1/channels/${email.id}`, { config: { ...form.config, pass: 'n3w-pass' } });
    expect((await stored(email.id)).pass).toBe('n3w-pass');

    // A rotation: the new secret first, the old one sent back masked; headers kept as read.
    const rotated = await t.api.patch(`/v1/channels/${webhook.id}`, {
      config: { ...webhook.config, secrets: [newSecret, ...webhook.config.secrets] },
    });
    expect(rotated.status).toBe(200);
    expect(await stored(webhook.id)).toEqual({
      url: 'https://crm.test/hooks',
      secrets: [newSecret, oldSecret],
      headers: { 'X-Gateway-Key': headerKey },
    });
    expect(JSON.stringify(rotated.body)).not.toContain(newSecret);

    // A masked value that matches nothing stored is refused, not saved as the secret.
    const wrong = await t.api.patch(`/v1/channels/${webhook.id}`, {
      config: { url: 'https://crm.test/hooks', secrets: ['••••nope'] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'config.secrets.0', message: expect.any(String) }]);
    const copied = await t.api.post('/v1/channels', { ...emailChannel(25), config: form.config });
    expect(copied.body.error.details[0].path).toBe('config.pass');
  });

  it('sends a test email to the given address and logs it', async () => {
    const { port, received } = await smtp();
    const t = await makeTenant(hub.fetcher, { name: 'Ferretería Central' });
    const channel = (await t.api.post('/v1/channels', emailChannel(port))).body;

    const missing = await t.api.post(`/v1/channels/${channel.id}/test`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'ADDRESS_REQUIRED', details: [{ path: 'to' }] });

    const res = await t.api.post(`/v1/channels/${channel.id}/test`, { to: 'owner@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      deliveryId: expect.any(String),
      durationMs: expect.any(Number),
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.to_).toEqual(['owner@example.com']);
    expect(received[0]!.subject).toContain('Ferretería Central');
    expect(received[0]!.text).toContain('Notificación de prueba.');
    expect(res.body.providerMessageId).toBe(received[0]!.messageId);

    const log = await hub.store.forTenant(t.id).deliveries.get(res.body.deliveryId);
    expect(log).toMatchObject({
      step: 'test',
      type: 'PRUEBA',
      notificationId: null,
      recipientId: null,
      kind: 'email',
      channelId: channel.id,
      status: 'sent',
      attempts: 1,
      providerMessageId: res.body.providerMessageId,
      plan: { channels: ['email'], mode: 'first-available' },
    });
    expect(log!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a provider refusal as ok: false, in English for an English tenant, and logs it failed', async () => {
    const { port, received } = await smtp({
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody')) {
          callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
        } else callback();
      },
    });
    const t = await makeTenant(hub.fetcher, { locale: 'en' });
    const channel = (await t.api.post('/v1/channels', emailChannel(port))).body;
    const refused = await t.api.post(`/v1/channels/${channel.id}/test`, { to: 'nobody@example.com' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      ok: false,
      error: { code: 'RECIPIENT_REJECTED', retryable: false, message: expect.stringContaining('550') },
    });
    const log = await hub.store.forTenant(t.id).deliveries.get(refused.body.deliveryId);
    expect(log).toMatchObject({
      status: 'failed',
      errorCode: 'RECIPIENT_REJECTED',
      attempts: 1,
      channelId: channel.id,
    });
    expect(log!.lastError).toContain('550');

    expect((await t.api.post(`/v1/channels/${channel.id}/test`, { to: 'boss@example.com' })).body.ok).toBe(
      true,
    );
    expect(received[0]!.text).toContain('Test notification.');
  });

  it('tests a webhook with a signed request, and disables it when the endpoint is gone', async () => {
    let status = 204;
    const hook = await endpoint(() => ({ status }));
    const secret = newWebhookSecret();
    const t = await makeTenant(hub.fetcher);
    const channel = (
      await t.api.post('/v1/channels', {
        kind: 'webhook',
        name: 'CRM',
        config: { url: `${hook.url}/aviso`, secret },
      })
    ).body;

    const ok = await t.api.post(`/v1/channels/${channel.id}/test`, { to: 'ignored' });
    expect(ok.body).toMatchObject({ ok: true });
    const req = hook.requests[0]!;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(secret).verify(req.body, headers)).toMatchObject({
      type: 'notification.created',
      data: { type: 'PRUEBA', message: 'Notificación de prueba.', link: null },
    });

    status = 410;
    const gone = await t.api.post(`/v1/channels/${channel.id}/test`);
    expect(gone.body).toMatchObject({ ok: false, error: { code: 'ENDPOINT_GONE', retryable: false } });
    const after = (await t.api.get(`/v1/channels/${channel.id}`)).body;
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toContain('410');
    expect((await hub.store.forTenant(t.id).deliveries.get(gone.body.deliveryId))?.status).toBe('failed');

    // Enabling it again clears the reason.
    const enabled = await t.api.patch(`/v1/channels/${channel.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('keeps every tenant to its own channels', async () => {
    const hook = await endpoint(() => ({ status: 200 }));
    const a = await makeTenant(hub.fetcher);
    const b = await makeTenant(hub.fetcher);
    const secret = newWebhookSecret();
    const mine = (
      await a.api.post('/v1/channels', { kind: 'webhook', name: 'A', config: { url: hook.url, secret } })
    ).body;
    await b.api.post('/v1/channels', {
      kind: 'slack',
      name: 'B',
      config: { url: 'https://hooks.slack.com/x' },
    });

    expect((await b.api.get('/v1/channels')).body.items.map((c: { name: string }) => c.name)).toEqual(['B']);
    for (const res of [
      await b.api.get(`/v1/channels/${mine.id}`),
      await b.api.patch(`/v1/channels/${mine.id}`, { name: 'stolen', enabled: false }),
      await b.api.patch(`/v1/channels/${mine.id}`, { config: { url: 'https://evil.test', secret } }),
      await b.api.post(`/v1/channels/${mine.id}/test`, {}),
      await b.api.delete(`/v1/channels/${mine.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CHANNEL_NOT_FOUND');
    }
    expect(hook.requests).toHaveLength(0);
    expect((await a.api.get(`/v1/channels/${mine.id}`)).body).toEqual(mine);
    for (const tenant of [a, b]) {
      expect((await hub.store.forTenant(tenant.id).deliveries.list({ limit: 10 })).items).toEqual([]);
    }
    expect((await client(hub.fetcher).get('/v1/channels')).status).toBe(401);
    expect((await client(hub.fetcher, ADMIN_TOKEN).get('/v1/channels')).status).toBe(401);
  });

  it('never logs a channel secret, whatever happens to the channel', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The same database as the suite, but an app whose logger keeps every line at every level.
    const app = hub.appWith({
      log: pino({ level: 'trace' }, sink),
    });
    const fetcher = async (path: string, init: RequestInit) => app.request(path, init);
    const t = await makeTenant(fetcher);
    let status = 500;
    const hook = await endpoint(() => ({ status }));
    const secret = newWebhookSecret();
    const headerKey = 'gateway-key-0123456789';
    const { port } = await smtp();

    const webhook = (
      await t.api.post('/v1/channels', {
        kind: 'webhook',
        name: 'CRM',
        config: { url: hook.url, secret, headers: { 'X-Key': headerKey } },
      })
    ).body;
    const email = (await t.api.post('/v1/channels', emailChannel(port))).body;
    await t.api.post(`/v1/channels/${webhook.id}/test`);
    status = 410;
    await t.api.post(`/v1/channels/${webhook.id}/test`);
    await t.api.post(`/v1/channels/${email.id}/test`, { to: 'owner@example.com' });
    await t.api.patch(`/v1/channels/${email.id}`, { config: { ...email.config, pass: 'another-pass' } });
    await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'bad',
      config: { url: 'x', secret: `${secret}!` },
    });
    await t.api.get('/v1/channels');

    expect(lines.length).toBeGreaterThan(0);
    const logged = lines.join('');
    for (const plain of [secret, headerKey, SMTP_PASS, 'another-pass']) expect(logged).not.toContain(plain);
  });
});
