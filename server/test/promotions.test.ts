import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { databaseBackends } from './env.ts';
import type { TestTenant } from './harness.ts';
import { startTestNode } from './harness.ts';
import { settle, until } from './sockets.ts';
import { telegramStandIn } from './telegram-harness.ts';

const HOUR = 3600_000;

/** The fixed-offset zone in which `at` is `hour` o'clock (Etc/GMT-5 is UTC+5). */
function zoneWhere(at: number, hour: number): string {
  let offset = (hour - new Date(at).getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe.each(databaseBackends)('promotions on $name', ({ url }) => {
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let gateway: Awaited<ReturnType<typeof standIn>>;
  const telegram = telegramStandIn(() => hub.fetcher);
  const { said, tenant, text } = telegram;

  beforeAll(async () => {
    await telegram.start();
    gateway = await standIn(() => ({ status: 202, body: { id: 'gw-1' } }));
    hub = await startTestNode({ databaseUrl: url }, { now: () => new Date(clock), delivery: { pollMs: 50 } });
  });
  afterAll(async () => {
    await hub.node.close();
    await Promise.all([telegram.close(), gateway.close()]);
  });

  const uniqueChat = () => String(Math.floor(Math.random() * 1e9));
  const uniquePhone = () => `+52155${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const toGateway = (phone: string) => gateway.requests.filter((r) => JSON.parse(r.body).to === phone);

  /** A shop with a Telegram bot and a WhatsApp gateway, in a zone where it is `hour` o'clock now. */
  async function shop(hour = 12) {
    const { t, channelId } = await tenant({ name: 'Ferretería', timezone: zoneWhere(clock, hour) });
    const wa = await t.api.post('/v1/channels', {
      kind: 'whatsapp',
      name: 'gateway',
      config: { provider: 'http', url: `${gateway.url}/send`, apiKey: 'k' },
    });
    expect(wa.status).toBe(201);
    return { t, channelId };
  }

  /** A mass send: one PROMOCION per person, in one batch; resolves to the notification ids by person. */
  async function promote(t: TestTenant, recipientIds: string[], description: string) {
    const batch = await t.api.post('/v1/events/batch', {
      events: recipientIds.map((id) => ({ type: 'PROMOCION', recipientIds: [id], data: { description } })),
    });
    expect(batch.status).toBe(202);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(
      recipientIds.map(() => 'created'),
    );
    return Object.fromEntries(recipientIds.map((id, i) => [id, batch.body.results[i].id as string]));
  }

  /** The finished delivery row of a notification. */
  async function finished(t: TestTenant, notificationId: string) {
    for (let i = 0; i < 200; i++) {
      const done = (await t.api.get('/v1/deliveries?limit=200')).body.items.find(
        (d: { notificationId: string; status: string }) =>
          d.notificationId === notificationId && d.status !== 'pending' && d.status !== 'sending',
      );
      if (done) return done;
      await settle(25);
    }
    throw new Error(`no finished delivery for ${notificationId}`);
  }

  it('is a catalog type of its own category, with Spanish and English defaults', async () => {
    const { t } = await shop();
    const types = (await t.api.get('/v1/event-types')).body.items;
    const promo = types.find((x: { type: string }) => x.type === 'PROMOCION');
    expect(promo.definition).toMatchObject({ category: 'promotions', icon: 'promotion' });
    expect(promo.definition.message.es).toContain('{{description}}');
    expect(promo.definition.message.en).toContain('Valid until');
  });

  it('lets people turn promotions off per channel or altogether, and a batch respects it', async () => {
    const { t } = await shop();
    const phones = { perChannel: uniquePhone(), off: uniquePhone(), on: uniquePhone() };
    const perChannel = await t.person('c1', {
      role: 'staff',
      branchIds: [],
      whatsapp: phones.perChannel,
      telegramChatId: uniqueChat(),
    });
    const off = await t.person('c2', { role: 'staff', branchIds: [], whatsapp: phones.off });
    await t.person('c3', { role: 'staff', branchIds: [], whatsapp: phones.on });

    const put = await perChannel.me.put('/v1/me/preferences', {
      categories: { promotions: { whatsapp: false } },
    });
    expect(put.status).toBe(200);
    expect((await perChannel.me.get('/v1/me/preferences')).body).toEqual({
      categories: { promotions: { whatsapp: false } },
    });
    expect((await off.me.put('/v1/me/preferences', { categories: { promotions: false } })).status).toBe(200);
    for (const bad of [{ promotions: { fax: false } }, { promotions: 'no' }, { promos: false }]) {
      const res = await off.me.put('/v1/me/preferences', { categories: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }

    const ids = await promote(t, ['c1', 'c2', 'c3'], '2x1 en brocas');
    expect(await finished(t, ids.c1!)).toMatchObject({ status: 'sent', channel: 'telegram' });
    expect(await finished(t, ids.c2!)).toMatchObject({
      status: 'skipped',
      lastError: 'opted out of promotions',
    });
    expect(await finished(t, ids.c3!)).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    expect(toGateway(phones.perChannel)).toHaveLength(0);
    expect(toGateway(phones.off)).toHaveLength(0);
    expect(JSON.parse(toGateway(phones.on)[0]!.body).text).toContain('2x1 en brocas');
  });

  it('turns promotions off and on from the bot with /stop promociones and /start promociones', async () => {
    const { t, channelId } = await shop();
    const chat = uniqueChat();
    await t.person('c4', { role: 'staff', branchIds: [], telegramChatId: chat, name: 'Dora' });
    expect(await text(channelId, chat, '/stop promociones')).toBe(200);
    expect(said(chat).at(-1)).toContain('ya no recibirás promociones');
    expect((await t.api.get('/v1/recipients/c4')).body.preferences).toEqual({
      categories: { promotions: false },
    });
    // Still linked: other notifications keep coming.
    expect((await t.api.get('/v1/recipients/c4')).body.telegramChatId).toBe(chat);

    const tuesday = await promote(t, ['c4'], 'Martes de pintura');
    expect(await finished(t, tuesday.c4!)).toMatchObject({ status: 'skipped' });
    await text(channelId, chat, '/start promociones');
    expect(said(chat).at(-1)).toBe('Listo: volverás a recibir promociones.');
    const thursday = await promote(t, ['c4'], 'Jueves de jardín');
    expect(await finished(t, thursday.c4!)).toMatchObject({ status: 'sent', channel: 'telegram' });
    expect(said(chat).at(-1)).toContain('Jueves de jardín');

    const stranger = uniqueChat();
    await text(channelId, stranger, '/stop promociones');
    expect(said(stranger).at(-1)).toContain('no está vinculado');
  });

  it('holds promotions through the tenant’s promotion quiet hours on every channel, groups included', async () => {
    const { t } = await shop(22);
    const chat = uniqueChat();
    const group = `-100${Math.floor(Math.random() * 1e10)}`;
    await t.api.put('/v1/branches/centro', { name: 'Centro', addresses: { telegram: group } });
    await t.person('c5', { role: 'staff', branchIds: ['centro'], telegramChatId: chat });
    const rules = {
      fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['telegram'], groups: true },
    };
    await t.api.put('/v1/event-types/PROMOCION', { rules });
    await t.api.put('/v1/event-types/NUEVO_PRODUCTO', { rules });

    await t.api.post('/v1/events', {
      type: 'PROMOCION',
      branchIds: ['centro'],
      data: { description: 'Noche de ofertas' },
    });
    await t.api.post('/v1/events', {
      type: 'NUEVO_PRODUCTO',
      branchIds: ['centro'],
      data: { productName: 'Sierra' },
    });
    // Not a promotion: it goes at 22:00.
    await until(() => said(chat).some((m) => m.includes('Sierra')), 'the product notice');
    await until(() => said(group).some((m) => m.includes('Sierra')), 'the product notice in the group');
    await settle(300);
    expect(said(chat).some((m) => m.includes('Noche de ofertas'))).toBe(false);
    expect(said(group).some((m) => m.includes('Noche de ofertas'))).toBe(false);
    const held = (await t.api.get('/v1/deliveries?limit=200')).body.items.filter(
      (d: { type: string }) => d.type === 'PROMOCION',
    );
    expect(held).toHaveLength(2);
    for (const d of held)
      expect(d).toMatchObject({ status: 'pending', lastError: 'quiet hours for promotions' });
    // 11 hours later it is 09:00 there: both go out.
    expect(new Date(held[0].dueAt).getTime() - clock).toBeGreaterThan(10 * HOUR);
    clock += 11 * HOUR;
    await hub.node.worker.runNow();
    await until(() => said(chat).some((m) => m.includes('Noche de ofertas')), 'the promotion in the morning');
    await until(() => said(group).some((m) => m.includes('Noche de ofertas')), 'the promotion in the group');
  });

  it('uses the tenant’s own promotion quiet hours, and none when it turns them off', async () => {
    const { t } = await shop(22);
    const chat = uniqueChat();
    await t.person('c6', { role: 'staff', branchIds: [], telegramChatId: chat });
    const patch = await t.api.patch('/v1/tenant', { settings: { promotions: { quietHours: null } } });
    expect(patch.status).toBe(200);
    expect(patch.body.settings.promotions).toEqual({ quietHours: null });
    const night = await promote(t, ['c6'], 'Ofertas nocturnas');
    expect(await finished(t, night.c6!)).toMatchObject({ status: 'sent' });
    // Quiet from 20:00 to 23:00 there: it is 22:00, so it waits.
    await t.api.patch('/v1/tenant', {
      settings: { promotions: { quietHours: { start: '20:00', end: '23:00' } } },
    });
    await promote(t, ['c6'], 'Más ofertas');
    await settle(300);
    expect(said(chat).some((m) => m.includes('Más ofertas'))).toBe(false);
    const bad = await t.api.patch('/v1/tenant', {
      settings: { promotions: { quietHours: { start: '9', end: '10:00' } } },
    });
    expect(bad.status).toBe(400);
  });

  it('answers /contact with the tenant’s contact text, or a default', async () => {
    const { t, channelId } = await shop();
    const chat = uniqueChat();
    await text(channelId, chat, '/contact');
    expect(said(chat).at(-1)).toBe(
      'Para hablar con Ferretería, comunícate con tu sucursal o con tu contacto habitual.',
    );
    const contactText = 'Llámanos al 55 1234 5678 o escribe a ventas@ferreteria.mx (lun–sáb, 9 a 19 h).';
    const patch = await t.api.patch('/v1/tenant', { settings: { contactText } });
    expect(patch.body.settings.contactText).toBe(contactText);
    await text(channelId, chat, '/contact');
    expect(said(chat).at(-1)).toBe(contactText);
    await text(channelId, chat, '/help');
    expect(said(chat).at(-1)).toContain('/contact – cómo contactar a la empresa');
  });
});
