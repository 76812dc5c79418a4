import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest, type StandInReply, standIn } from '../src/channels/testing.ts';
import { metaStockTemplate } from '../src/channels/whatsapp/testing.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode, type TestTenant } from './harness.ts';
import { APP_SECRET, AUTH_TOKEN, metaPost, metaWebhook, PUBLIC_URL, twilioPost } from './provider-hooks.ts';
import { settle } from './sockets.ts';
import { BOT_TOKEN } from './telegram-harness.ts';

const SID = `AC${'c'.repeat(32)}`;
const CONTENT_SID = `HX${'0123456789abcdef'.repeat(2)}`;
const HOUR = 3600_000;

/** Low stock straight to the owner's phone, WhatsApp first and Telegram next. */
const RULES = { fallback: { after: '0s', if: 'offline', to: ['owner'], channels: ['whatsapp', 'telegram'] } };
const TEMPLATE = {
  name: 'stock_bajo',
  language: 'es_MX',
  contentSid: CONTENT_SID,
  body: ['data.productName', 'data.qty', 'tenant'],
  buttons: [{ type: 'url', index: 0, value: 'data.sku' }],
};

const metaBody = (from: string, message: Record<string, unknown>) =>
  metaWebhook({ messages: [{ from, id: 'wamid.IN', ...message }] });

describe.each(databaseBackends)('WhatsApp and the 24-hour window on $name', ({ url }) => {
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let metaReply: (req: RecordedRequest) => StandInReply = () => ({
    status: 200,
    body: { messages: [{ id: 'wamid.OUT' }] },
  });
  let meta: Awaited<ReturnType<typeof standIn>>;
  let twilioApi: Awaited<ReturnType<typeof standIn>>;
  let telegram: Awaited<ReturnType<typeof standIn>>;

  beforeAll(async () => {
    meta = await standIn((req) => metaReply(req));
    twilioApi = await standIn(() => ({ status: 201, body: { sid: 'MM0001', status: 'queued' } }));
    telegram = await standIn(() => ({ status: 200, body: { ok: true, result: { message_id: 7 } } }));
    hub = await startTestNode(
      { databaseUrl: url, publicUrl: PUBLIC_URL },
      { now: () => new Date(clock), delivery: { pollMs: 50, backoffBaseMs: 100 } },
    );
  });
  afterAll(async () => {
    await hub.node.close();
    await Promise.all([meta.close(), twilioApi.close(), telegram.close()]);
  });

  /** A tenant with WhatsApp through `provider` and a Telegram bot, and an owner on both (or WhatsApp only). */
  async function shop(provider: 'meta' | 'twilio', withTelegram = true) {
    const t = await makeTenant(hub.fetcher, { name: 'Ferretería Norte', locale: 'es-MX' });
    const config =
      provider === 'meta'
        ? {
            provider,
            phoneNumberId: '1065',
            accessToken: 'EAAG-token',
            apiRoot: meta.url,
            appSecret: APP_SECRET,
          }
        : { provider, accountSid: SID, authToken: AUTH_TOKEN, from: '+14155238886', apiBase: twilioApi.url };
    const wa = await t.api.post('/v1/channels', { kind: 'whatsapp', name: provider, config });
    expect(wa.status).toBe(201);
    await t.api.post('/v1/channels', {
      kind: 'telegram',
      name: 'bot',
      config: { botToken: BOT_TOKEN, apiRoot: telegram.url },
    });
    const phone = `+52155${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await t.person('own', {
      role: 'owner',
      branchIds: [],
      whatsapp: phone,
      ...(withTelegram ? { telegramChatId: String(Math.floor(Math.random() * 1e9)) } : {}),
    });
    expect((await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { rules: RULES })).status).toBe(200);
    return { t, channelId: wa.body.id as string, phone };
  }

  const lowStock = async (t: TestTenant, productName = 'Martillo') => {
    const res = await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      data: { branchId: 'A', productName, sku: 'MRT-1', qty: 1500 },
    });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };

  /** The delivery log row of a notification, once it is finished. */
  async function finished(t: TestTenant, notificationId: string) {
    for (let i = 0; i < 200; i++) {
      const log = await t.api.get('/v1/deliveries?limit=200');
      const row = log.body.items.find(
        (d: { notificationId: string; status: string }) =>
          d.notificationId === notificationId && d.status !== 'pending' && d.status !== 'sending',
      );
      if (row) return row;
      await settle(25);
    }
    throw new Error('the delivery did not finish');
  }

  const toMeta = (phone: string) =>
    meta.requests.filter((r) => JSON.parse(r.body).to === phone.slice(1)).map((r) => JSON.parse(r.body));

  it('without a template, fails WhatsApp for good (TEMPLATE_REQUIRED) and goes on to Telegram', async () => {
    const { t, phone } = await shop('meta');
    const id = await lowStock(t);
    const row = await finished(t, id);
    expect(row).toMatchObject({ status: 'sent', channel: 'telegram', attempts: 1 });
    expect(row.lastError).toMatch(/^sent after whatsapp failed: TEMPLATE_REQUIRED/);
    expect(toMeta(phone)).toHaveLength(0);

    // With nowhere else to go, the delivery fails at once with the code, not retried.
    const alone = await shop('meta', false);
    const row2 = await finished(alone.t, await lowStock(alone.t));
    expect(row2).toMatchObject({
      status: 'failed',
      channel: 'whatsapp',
      errorCode: 'TEMPLATE_REQUIRED',
      attempts: 1,
    });
    expect(row2.lastError).toContain('PRODUCTO_STOCK_BAJO has no Meta template name and language mapped');
  });

  it('sends the mapped template outside the window, and text for 24 hours after the person writes', async () => {
    const { t, channelId, phone } = await shop('meta');
    const put = await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', {
      rules: RULES,
      whatsappTemplate: TEMPLATE,
    });
    expect(put.status).toBe(200);
    expect(put.body.definition.whatsappTemplate).toMatchObject({ name: 'stock_bajo', language: 'es_MX' });

    const first = await lowStock(t);
    expect(await finished(t, first)).toMatchObject({
      status: 'sent',
      channel: 'whatsapp',
      providerMessageId: 'wamid.OUT',
    });
    expect(toMeta(phone).at(-1)).toEqual(metaStockTemplate(phone.slice(1), '1500', 'Ferretería Norte'));

    // The owner answers (any message, here a picture): the window opens on this number.
    const body = metaBody(phone.slice(1), { type: 'image', image: { id: 'img-1' } });
    const hook = await hub.fetcher(`/v1/hooks/whatsapp/${channelId}`, metaPost(body));
    expect(hook.status).toBe(200);
    await finished(t, await lowStock(t, 'Clavos'));
    expect(toMeta(phone).at(-1)).toMatchObject({
      type: 'text',
      text: { body: expect.stringContaining('Clavos') },
    });

    clock += 23 * HOUR;
    await finished(t, await lowStock(t, 'Tornillos'));
    expect(toMeta(phone).at(-1)).toMatchObject({ type: 'text' });
    clock += 2 * HOUR;
    await finished(t, await lowStock(t, 'Tuercas'));
    expect(toMeta(phone).at(-1)).toMatchObject({ type: 'template', template: { name: 'stock_bajo' } });
  });

  it('shows a template the provider refuses in the delivery log, with a short code', async () => {
    const { t, phone } = await shop('meta', false);
    await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { rules: RULES, whatsappTemplate: TEMPLATE });
    metaReply = () => ({
      status: 404,
      body: { error: { message: '(#132001) Template name does not exist in the translation', code: 132001 } },
    });
    try {
      const row = await finished(t, await lowStock(t));
      expect(row).toMatchObject({ status: 'failed', errorCode: 'TEMPLATE_NOT_FOUND', attempts: 1 });
      expect(row.lastError).toContain('(132001)');
      expect(toMeta(phone)).toHaveLength(1);
      const failed = await t.api.get('/v1/deliveries?status=failed');
      expect(failed.body.items.map((d: { errorCode: string }) => d.errorCode)).toContain(
        'TEMPLATE_NOT_FOUND',
      );
    } finally {
      metaReply = () => ({ status: 200, body: { messages: [{ id: 'wamid.OUT' }] } });
    }
  });

  it('sends Twilio the Content SID outside the window and text once the person wrote through the hook', async () => {
    const { t, channelId, phone } = await shop('twilio');
    await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { rules: RULES, whatsappTemplate: TEMPLATE });
    const toTwilio = () =>
      twilioApi.requests
        .map((r) => new URLSearchParams(r.body))
        .filter((f) => f.get('To') === `whatsapp:${phone}`);

    await finished(t, await lowStock(t));
    const template = toTwilio().at(-1)!;
    expect(template.get('ContentSid')).toBe(CONTENT_SID);
    expect(JSON.parse(template.get('ContentVariables')!)).toEqual({
      1: 'Martillo',
      2: '1500',
      3: 'Ferretería Norte',
      4: 'MRT-1',
    });
    expect(template.has('Body')).toBe(false);

    const path = `/v1/hooks/twilio/${channelId}`;
    const params = {
      From: `whatsapp:${phone}`,
      To: 'whatsapp:+14155238886',
      Body: 'hola',
      MessageSid: 'SM9',
    };
    const res = await hub.fetcher(path, twilioPost(path, params));
    expect(res.status).toBe(200);
    await finished(t, await lowStock(t, 'Clavos'));
    const text = toTwilio().at(-1)!;
    expect(text.get('Body')).toContain('Clavos');
    expect(text.has('ContentSid')).toBe(false);
  });

  it('fails a sent message that the provider reports failed later, with the template code', async () => {
    // Meta: a status webhook says the message could not be delivered outside the window (131047).
    const { t, channelId, phone } = await shop('meta', false);
    await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { rules: RULES, whatsappTemplate: TEMPLATE });
    metaReply = () => ({ status: 200, body: { messages: [{ id: `wamid.${phone}` }] } });
    try {
      const id = await lowStock(t);
      expect(await finished(t, id)).toMatchObject({ status: 'sent', providerMessageId: `wamid.${phone}` });
      const body = metaWebhook({
        statuses: [
          {
            id: `wamid.${phone}`,
            status: 'failed',
            recipient_id: phone.slice(1),
            errors: [{ code: 131047, title: 'Re-engagement message' }],
          },
        ],
      });
      const res = await hub.fetcher(`/v1/hooks/whatsapp/${channelId}`, metaPost(body));
      expect(res.status).toBe(200);
      const failed = await finished(t, id);
      expect(failed).toMatchObject({ status: 'failed', errorCode: 'TEMPLATE_REQUIRED' });
      // The history keeps the send the provider took, then its report.
      const history = (await t.api.get(`/v1/deliveries/${failed.id}`)).body.attemptLog;
      expect(history).toMatchObject([
        { kind: 'whatsapp', channelId, outcome: 'sent', providerMessageId: `wamid.${phone}` },
        { kind: 'whatsapp', channelId, outcome: 'failed', errorCode: 'TEMPLATE_REQUIRED' },
      ]);
    } finally {
      metaReply = () => ({ status: 200, body: { messages: [{ id: 'wamid.OUT' }] } });
    }

    // Twilio: the status callback of an undelivered message (63016), signed like any request.
    const tw = await shop('twilio', false);
    await tw.t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { rules: RULES, whatsappTemplate: TEMPLATE });
    const sent = await lowStock(tw.t);
    expect(await finished(tw.t, sent)).toMatchObject({ status: 'sent', providerMessageId: 'MM0001' });
    const path = `/v1/hooks/twilio/${tw.channelId}`;
    const params = {
      MessageSid: 'MM0001',
      MessageStatus: 'undelivered',
      ErrorCode: '63016',
      To: `whatsapp:${tw.phone}`,
      From: 'whatsapp:+14155238886',
    };
    const callback = await hub.fetcher(path, twilioPost(path, params));
    expect(callback.status).toBe(200);
    const row = await finished(tw.t, sent);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'TEMPLATE_REQUIRED' });
    expect(row.lastError).toContain('(63016)');
  });

  it('refuses a malformed mapping with 400 and names the field', async () => {
    const t = await makeTenant(hub.fetcher);
    for (const bad of [
      { body: ['data.productName'] },
      { name: 'stock_bajo', body: [] },
      { contentSid: 'HX123', body: [] },
      { name: 'Stock Bajo', language: 'es' },
      { name: 'ok', language: 'es', body: ['process.env'] },
      {
        name: 'ok',
        language: 'es',
        buttons: [
          { type: 'url', index: 0, value: 'link' },
          { type: 'url', index: 0, value: 'link' },
        ],
      },
    ]) {
      const res = await t.api.put('/v1/event-types/PRODUCTO_STOCK_BAJO', { whatsappTemplate: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details)).toContain('whatsappTemplate');
    }
  });
});
