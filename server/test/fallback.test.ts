import { describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { WhatsappSessionRepo } from '../src/db/repos/whatsapp.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, nodeWithSmtp, type TestTenant } from './harness.ts';
import { freePort } from './processes.ts';
import { startSmtp } from './smtp.ts';
import { connect, settle, until } from './sockets.ts';

describe.each(databaseBackends)('fallback delivery on $name', ({ url }) => {
  let clock = Date.now();
  const suite = nodeWithSmtp(
    { databaseUrl: url },
    { now: () => new Date(clock), delivery: { pollMs: 50, backoffBaseMs: 200, backoffCapMs: 5_000 } },
  );
  const advance = async (ms: number) => {
    clock += ms;
    await suite.hub.node.worker.runNow();
  };
  const deliveriesOf = async (t: TestTenant, notificationId: string) =>
    (await suite.hub.node.store.forTenant(t.id).deliveries.list({ limit: 100 })).items.filter(
      (d) => d.notificationId === notificationId,
    );

  it('emails a low-stock alert to an owner who did not see it, and not to the one who did', async () => {
    const t = await makeTenant(suite.hub.fetcher, { appUrl: 'https://pos.example.com/app' });
    await suite.emailChannel(t.id);
    await t.person('away', { role: 'owner', branchIds: [], email: 'away@example.com' });
    const here = await t.person('here', { role: 'owner', branchIds: [], email: 'here@example.com' });
    const socket = await connect(suite.hub.node.url, { token: here.token });
    const res = await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      entityId: 'P-1',
      data: { branchId: 'A', productName: 'Martillo', sku: 'MRT-1', qty: 2 },
    });
    await until(() => socket.received.length === 1, 'the live notification');
    expect(await socket.emitWithAck('seen', { ids: [res.body.id] })).toEqual({ ok: true });

    await advance(60_000);
    await settle(100);
    expect(suite.smtp.received).toHaveLength(0);
    await advance(70_000);
    await until(() => suite.smtp.received.length >= 1, 'the email', 10_000);
    await settle(300);
    expect(suite.smtp.received).toHaveLength(1);
    const mail = suite.smtp.received[0]!;
    expect(mail.to_).toEqual(['away@example.com']);
    expect(mail.subject).toContain('Stock bajo');
    expect(mail.text).toContain('El producto “Martillo” tiene stock bajo (2 unidades) en tu sucursal.');
    expect(`${mail.html}`).toContain('https://pos.example.com/app#/inventarios?search=MRT-1');
    const rows = await deliveriesOf(t, res.body.id);
    const byPerson = Object.fromEntries(rows.map((d) => [d.recipientId, d]));
    expect(byPerson.away).toMatchObject({ status: 'sent', kind: 'email', attempts: 1 });
    expect(byPerson.here).toMatchObject({ status: 'cancelled' });
    socket.close();
  });

  it('tries Telegram, then WhatsApp when Telegram fails for good, then email; providers of a kind fail over', async () => {
    const blocked = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    const telegram = await standIn(() => ({ status: 403, body: blocked }));
    let metaStatus = 200;
    const meta = await standIn(() =>
      metaStatus === 200
        ? { status: 200, body: { messages: [{ id: 'wamid.OK1' }] } }
        : { status: 400, body: { error: { code: 131026, message: 'Message undeliverable' } } },
    );
    let gatewayStatus = 503;
    const gateway = await standIn(() => ({ status: gatewayStatus, body: { error: 'no' } }));
    try {
      const t = await makeTenant(suite.hub.fetcher);
      const channels = suite.hub.node.store.forTenant(t.id).channels;
      await channels.create({
        kind: 'telegram',
        name: 'bot',
        config: { botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', apiRoot: telegram.url },
      });
      await channels.create({
        kind: 'whatsapp',
        name: 'gateway',
        priority: 0,
        config: { provider: 'http', url: `${gateway.url}/send`, apiKey: 'k-gateway' },
      });
      const metaChannel = await channels.create({
        kind: 'whatsapp',
        name: 'meta',
        priority: 1,
        config: { provider: 'meta', phoneNumberId: '1065', accessToken: 'EAAG-token', apiRoot: meta.url },
      });
      await suite.emailChannel(t.id);
      await t.person('own', {
        role: 'owner',
        branchIds: [],
        email: 'own@example.com',
        whatsapp: '+5215512345678',
        telegramChatId: '777',
      });
      // The owner wrote to the Meta number lately: inside the 24-hour window, text may go.
      await new WhatsappSessionRepo(suite.hub.node.store.db, t.id).touch(
        metaChannel.id,
        '+5215512345678',
        new Date(clock),
      );
      const first = await t.api.post('/v1/events', {
        type: 'PRODUCTO_STOCK_BAJO',
        data: { branchId: 'A', productName: 'Clavos', sku: 'CLV', qty: 1 },
      });
      await advance(130_000);
      await until(() => meta.requests.length === 1, 'the WhatsApp message through Meta');
      expect(JSON.parse(telegram.requests[0]!.body)).toMatchObject({ chat_id: '777', parse_mode: 'HTML' });
      expect(gateway.requests[0]!.headers['x-api-key']).toBe('k-gateway');
      expect(meta.requests[0]!.path).toBe('/v21.0/1065/messages');
      expect(meta.requests[0]!.headers.authorization).toBe('Bearer EAAG-token');
      expect(JSON.parse(meta.requests[0]!.body)).toMatchObject({
        messaging_product: 'whatsapp',
        to: '5215512345678',
      });
      const [sent] = await deliveriesOf(t, first.body.id);
      expect(sent).toMatchObject({ status: 'sent', kind: 'whatsapp', providerMessageId: 'wamid.OK1' });

      // WhatsApp refuses for good too (both providers): the email gets through.
      metaStatus = 400;
      gatewayStatus = 401;
      const before = suite.smtp.received.length;
      const second = await t.api.post('/v1/events', {
        type: 'PRODUCTO_STOCK_BAJO',
        data: { branchId: 'A', productName: 'Tornillos', sku: 'TRN', qty: 0 },
      });
      await advance(130_000);
      await until(
        () => suite.smtp.received.length === before + 1,
        'the email after Telegram and WhatsApp failed',
      );
      expect(suite.smtp.received.at(-1)!.text).toContain('Tornillos');
      expect(telegram.requests).toHaveLength(2);
      const [third] = await deliveriesOf(t, second.body.id);
      expect(third).toMatchObject({ status: 'sent', kind: 'email' });
    } finally {
      await Promise.all([telegram.close(), meta.close(), gateway.close()]);
    }
  });

  it('retries while SMTP is down with growing delays, and sends once when it is back', async () => {
    const port = await freePort();
    const t = await makeTenant(suite.hub.fetcher);
    await suite.hub.node.store.forTenant(t.id).channels.create({
      kind: 'email',
      name: 'flaky SMTP',
      config: { host: '127.0.0.1', port, from: 'Aviso <alerts@aviso.test>' },
    });
    await t.person('own', { role: 'owner', branchIds: [], email: 'own@example.com' });
    const res = await t.api.post('/v1/events', { type: 'SUSCRIPCION_VENCIDA' });
    const row = async () => (await deliveriesOf(t, res.body.id))[0]!;
    const delays: number[] = [];
    await advance(0);
    for (let attempt = 1; attempt <= 3; attempt++) {
      let r = await row();
      for (let i = 0; i < 200 && r.attempts < attempt; i++) {
        await settle(20);
        r = await row();
      }
      expect(r).toMatchObject({ status: 'pending', attempts: attempt, errorCode: 'CONNECTION_FAILED' });
      delays.push(r.dueAt.getTime() - clock);
      await advance(r.dueAt.getTime() - clock);
    }
    expect(delays[0]!).toBeLessThanOrEqual(200);
    expect(delays[1]!).toBeGreaterThanOrEqual(200);
    expect(delays[2]!).toBeGreaterThanOrEqual(400);
    expect(delays[2]!).toBeGreaterThan(delays[0]!);

    const back = await startSmtp({ port });
    try {
      let r = await row();
      for (let i = 0; i < 50 && r.status !== 'sent'; i++) {
        await advance(Math.max(0, r.dueAt.getTime() - clock));
        await settle(50);
        r = await row();
      }
      expect(r).toMatchObject({ status: 'sent', kind: 'email' });
      await advance(10_000);
      await settle(300);
      expect(back.received).toHaveLength(1);
      expect(back.received[0]!.subject).toContain('Suscripción vencida');
    } finally {
      await back.close();
    }
  });

  it('respects opt-outs and defers during quiet hours instead of dropping', async () => {
    const t = await makeTenant(suite.hub.fetcher, { timezone: 'UTC' });
    await suite.emailChannel(t.id);
    await t.person('optout', {
      role: 'owner',
      branchIds: [],
      email: 'optout@example.com',
      preferences: { categories: { subscription: false } },
    });
    const hourNow = new Date(clock).getUTCHours();
    const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    await t.person('sleepy', {
      role: 'owner',
      branchIds: [],
      email: 'sleepy@example.com',
      preferences: { quietHours: { start: pad(hourNow), end: pad(hourNow + 2) } },
    });
    const res = await t.api.post('/v1/events', { type: 'SUSCRIPCION_VENCIDA' });
    await advance(0);
    await settle(300);
    const rows = Object.fromEntries((await deliveriesOf(t, res.body.id)).map((d) => [d.recipientId, d]));
    expect(rows.optout).toMatchObject({ status: 'skipped' });
    expect(rows.sleepy).toMatchObject({ status: 'pending', lastError: 'quiet hours' });
    expect(rows.sleepy!.dueAt.getTime()).toBeGreaterThan(clock + 60 * 60_000);
    expect(suite.smtp.received.filter((m) => m.to_.includes('sleepy@example.com'))).toHaveLength(0);
    await advance(rows.sleepy!.dueAt.getTime() - clock);
    await until(
      () => suite.smtp.received.some((m) => m.to_.includes('sleepy@example.com')),
      'the deferred email',
    );
  });

  it('batches digest notifications per person per window into one email', async () => {
    const t = await makeTenant(suite.hub.fetcher);
    await suite.emailChannel(t.id);
    await t.person('boss', { role: 'owner', branchIds: [], email: 'digest@example.com' });
    const put = await t.api.put('/v1/event-types/NUEVO_CLIENTE', {
      rules: { digest: { window: '15m', channels: ['email'] } },
    });
    expect(put.status).toBe(200);
    const names = ['Ana Gómez', 'Luis Pérez', 'Marta Ríos'];
    const ids: string[] = [];
    for (const customerName of names) {
      ids.push((await t.api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { customerName } })).body.id);
    }
    const mine = () => suite.smtp.received.filter((m) => m.to_.includes('digest@example.com'));
    await advance(0);
    await settle(200);
    expect(mine()).toHaveLength(0);
    await advance(16 * 60_000);
    await until(() => mine().length >= 1, 'the digest email');
    await advance(10_000);
    await settle(300);
    expect(mine()).toHaveLength(1);
    for (const name of names) expect(mine()[0]!.text).toContain(name);
    expect(mine()[0]!.subject).toContain('3 notificaciones');
    const rows = (await Promise.all(ids.map((id) => deliveriesOf(t, id)))).flat();
    expect(rows.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(rows.map((d) => d.providerMessageId)).size).toBe(1);
  });
});
