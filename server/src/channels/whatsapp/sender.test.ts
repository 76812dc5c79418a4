// Long because it checks the exact request of each WhatsApp provider (Meta, Twilio, a plain HTTP
// gateway) and each of their failures against local stand-ins.
import { afterEach, describe, expect, it } from 'vitest';
import { failure, localHttp, message, type RecordedRequest, type StandInReply, standIn } from '../testing.ts';
import { type WhatsappConfig, WhatsappConfigSchema } from './config.ts';
import { WhatsappSender } from './sender.ts';
import { metaStockTemplate } from './testing.ts';

const SID = `AC${'fedcba9876543210'.repeat(2)}`;
const reservation = message({
  type: 'RECORDATORIO_RESERVA',
  title: 'Recordatorio',
  text: 'Recordatorio: tu reserva es mañana a las 20:00.',
  link: null,
  actions: [
    { id: 'confirm', label: 'Confirmar' },
    { id: 'cancel', label: 'Cancelar' },
  ],
});
const EXPECTED_TEXT =
  '*Ferretería Central*: Recordatorio\nRecordatorio: tu reserva es mañana a las 20:00.\n\n' +
  'Responde con el número: 1 = Confirmar, 2 = Cancelar';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function provider(reply: (req: RecordedRequest) => StandInReply, config: (url: string) => unknown) {
  const s = await standIn(reply);
  closers.push(s.close);
  return { ...s, config: WhatsappConfigSchema.parse(config(s.url)) as WhatsappConfig };
}

/** The providers' settings, as a channel stores them, with the stand-in's URL. */
const twilio = (url: string) => ({
  provider: 'twilio',
  accountSid: SID,
  authToken: 'tok',
  from: '+14155238886',
  apiBase: url,
});
const meta = (url: string) => ({
  provider: 'meta',
  phoneNumberId: '106540352242922',
  accessToken: 'EAAGm0PX4ZCps',
  apiVersion: 'v21.0',
  apiRoot: url,
});

const send = (config: WhatsappConfig, to = '+5215512345678') =>
  new WhatsappSender({ http: localHttp({ timeoutMs: 2000 }) }).send(reservation, to, config);

describe('WhatsappSender with Twilio', () => {
  it('sends From/To with the whatsapp: prefix and the actions as numbered replies', async () => {
    const { requests, config } = await provider(
      () => ({ status: 201, body: { sid: 'SMwhatsapp0001', status: 'queued' } }),
      twilio,
    );
    const result = await send(config);
    expect(result.providerMessageId).toBe('SMwhatsapp0001');
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:tok`).toString('base64')}`);
    const form = new URLSearchParams(req.body);
    expect(form.get('From')).toBe('whatsapp:+14155238886');
    expect(form.get('To')).toBe('whatsapp:+5215512345678');
    expect(form.get('Body')).toBe(EXPECTED_TEXT);
  });

  it('retries a 503 from Twilio', async () => {
    const { config } = await provider(
      () => ({ status: 503, body: { code: 20500, message: 'Internal' } }),
      twilio,
    );
    expect(await failure(send(config))).toMatchObject({ code: 'HTTP_503', retryable: true });
  });
});

describe('WhatsappSender with Meta Cloud API', () => {
  it('POSTs {version}/{phoneNumberId}/messages with a Bearer token and a text body', async () => {
    const { requests, config } = await provider(
      () => ({
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          contacts: [{ input: '5215512345678', wa_id: '5215512345678' }],
          messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI' }],
        },
      }),
      meta,
    );
    const result = await send(config);
    expect(result.providerMessageId).toBe('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI');
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v21.0/106540352242922/messages');
    expect(req.headers.authorization).toBe('Bearer EAAGm0PX4ZCps');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toMatchObject({
      messaging_product: 'whatsapp',
      to: '5215512345678',
      type: 'text',
      text: { body: EXPECTED_TEXT },
    });
  });

  it('retries a throttled call (130429) honouring Retry-After', async () => {
    const { config } = await provider(
      () => ({
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } },
      }),
      meta,
    );
    expect(await failure(send(config))).toMatchObject({
      code: 'HTTP_429',
      retryable: true,
      retryAfterMs: 1000,
      providerCode: '130429',
    });
  });

  it('fails permanently on an expired token (190) without leaking it', async () => {
    const { config } = await provider(
      () => ({
        status: 401,
        body: { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } },
      }),
      meta,
    );
    const err = await failure(send(config));
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false, providerStatus: 401 });
    expect(JSON.stringify(err)).not.toContain('EAAGm0PX4ZCps');
  });

  it('fails permanently when the number cannot receive messages (131026)', async () => {
    const { config } = await provider(
      () => ({ status: 400, body: { error: { message: 'Message undeliverable', code: 131026 } } }),
      meta,
    );
    expect(await failure(send(config))).toMatchObject({ code: 'INVALID_ADDRESS', retryable: false });
  });
});

describe('WhatsappSender with a generic HTTP gateway', () => {
  const http = (url: string) => ({ provider: 'http', url: `${url}/send`, apiKey: 'gw-key-1' });

  it('POSTs JSON {to, text, …} with the API key and an idempotency key', async () => {
    const { requests, config } = await provider(() => ({ status: 202, body: { id: 'gw-42' } }), http);
    const result = await send(config);
    expect(result).toEqual({ providerMessageId: 'gw-42', providerStatus: 202 });
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/send');
    expect(req.headers['x-api-key']).toBe('gw-key-1');
    expect(req.headers['idempotency-key']).toBe(reservation.idempotencyKey);
    expect(JSON.parse(req.body)).toMatchObject({
      to: '+5215512345678',
      text: EXPECTED_TEXT,
      notificationId: reservation.notificationId,
      actions: reservation.actions,
    });
  });

  it('retries a 503 and fails a 400 for good', async () => {
    let status = 503;
    const { config } = await provider(() => ({ status, body: { error: 'nope' } }), http);
    expect(await failure(send(config))).toMatchObject({ code: 'HTTP_503', retryable: true });
    status = 400;
    expect(await failure(send(config))).toMatchObject({ code: 'HTTP_400', retryable: false });
  });

  it('retries when the gateway does not answer in time', async () => {
    const { config } = await provider(() => ({ status: 200, delayMs: 600 }), http);
    const err = await failure(
      new WhatsappSender({ http: localHttp({ timeoutMs: 150 }) }).send(reservation, '+5215512345678', config),
    );
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });
});

describe('WhatsappSender outside the 24-hour window', () => {
  const stock = message({
    type: 'PRODUCTO_STOCK_BAJO',
    whatsapp: {
      windowOpen: false,
      template: {
        name: 'stock_bajo',
        language: 'es_MX',
        contentSid: `HX${'b5b62575e6e4ff6129ad7c8efe1f983e'}`,
        parameters: {
          body: ['Martillo', '2', 'Sucursal Norte'],
          buttons: [
            { type: 'url', index: 0, text: 'MRT-1' },
            { type: 'quick_reply', index: 1, text: 'ack' },
          ],
        },
      },
    },
  });
  const sender = () => new WhatsappSender({ http: localHttp({ timeoutMs: 2000 }) });

  it('sends Meta a template message with its body and button components', async () => {
    const { requests, config } = await provider(
      () => ({ status: 200, body: { messages: [{ id: 'wamid.TPL1', message_status: 'accepted' }] } }),
      meta,
    );
    const result = await sender().send(stock, '+5215512345678', config);
    expect(result.providerMessageId).toBe('wamid.TPL1');
    const req = requests[0]!;
    expect(req.path).toBe('/v21.0/106540352242922/messages');
    expect(req.headers.authorization).toBe('Bearer EAAGm0PX4ZCps');
    expect(JSON.parse(req.body)).toEqual(
      metaStockTemplate('5215512345678', '2', 'Sucursal Norte', [
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '1',
          parameters: [{ type: 'payload', payload: 'ack' }],
        },
      ]),
    );
  });

  it('sends Twilio the Content SID and its numbered variables instead of a body', async () => {
    const { requests, config } = await provider(
      () => ({ status: 201, body: { sid: 'MMtemplate01', status: 'queued' } }),
      twilio,
    );
    expect((await sender().send(stock, '+5215512345678', config)).providerMessageId).toBe('MMtemplate01');
    const req = requests[0]!;
    expect(req.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    const form = new URLSearchParams(req.body);
    expect(form.get('To')).toBe('whatsapp:+5215512345678');
    expect(form.get('From')).toBe('whatsapp:+14155238886');
    expect(form.get('ContentSid')).toBe('HXb5b62575e6e4ff6129ad7c8efe1f983e');
    expect(JSON.parse(form.get('ContentVariables')!)).toEqual({
      1: 'Martillo',
      2: '2',
      3: 'Sucursal Norte',
      4: 'MRT-1',
      5: 'ack',
    });
    expect(form.has('Body')).toBe(false);
  });

  it('fails for good with TEMPLATE_REQUIRED, calling nobody, when no template is mapped', async () => {
    const bare = message({ whatsapp: { windowOpen: false } });
    for (const config of [meta, twilio]) {
      const { requests, config: c } = await provider(() => ({ status: 200, body: {} }), config);
      expect(await failure(sender().send(bare, '+5215512345678', c))).toMatchObject({
        code: 'TEMPLATE_REQUIRED',
        retryable: false,
      });
      expect(requests).toHaveLength(0);
    }
    // A template for one provider only does not serve the other.
    const metaOnly = message({
      whatsapp: {
        windowOpen: false,
        template: { name: 'x', language: 'es', parameters: { body: [], buttons: [] } },
      },
    });
    const { config: c } = await provider(() => ({ status: 201, body: { sid: 'SM1' } }), twilio);
    expect(await failure(sender().send(metaOnly, '+5215512345678', c))).toMatchObject({
      code: 'TEMPLATE_REQUIRED',
    });
  });

  it('sends the text inside the window, even with a template mapped', async () => {
    const open = { ...stock, whatsapp: { ...stock.whatsapp!, windowOpen: true } };
    const { requests, config } = await provider(
      () => ({ status: 200, body: { messages: [{ id: 'w' }] } }),
      meta,
    );
    await sender().send(open, '+5215512345678', config);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ type: 'text' });
  });

  it.each([
    [132001, 'TEMPLATE_NOT_FOUND', 404],
    [132000, 'TEMPLATE_PARAMS', 400],
    [132012, 'TEMPLATE_PARAMS', 400],
    [132015, 'TEMPLATE_PAUSED', 400],
    [131047, 'TEMPLATE_REQUIRED', 400],
  ])('classifies Meta’s template error %i as a permanent %s', async (code, expected, status) => {
    const { config } = await provider(
      () => ({ status, body: { error: { message: '(#x) Template', type: 'OAuthException', code } } }),
      meta,
    );
    expect(await failure(sender().send(stock, '+5215512345678', config))).toMatchObject({
      code: expected,
      retryable: false,
      providerCode: String(code),
    });
  });

  it.each([
    [21656, 'TEMPLATE_PARAMS'],
    [21655, 'TEMPLATE_NOT_FOUND'],
    [63016, 'TEMPLATE_REQUIRED'],
  ])('classifies Twilio’s error %i as a permanent %s', async (code, expected) => {
    const { config } = await provider(
      () => ({
        status: 400,
        body: { code, message: 'The ContentVariables Parameter is invalid.', status: 400 },
      }),
      twilio,
    );
    expect(await failure(sender().send(stock, '+5215512345678', config))).toMatchObject({
      code: expected,
      retryable: false,
      providerCode: String(code),
    });
  });

  it('gives a gateway the text and the template, and sends to a group id', async () => {
    const { requests, config } = await provider(
      () => ({ status: 202, body: { id: 'gw-7' } }),
      (url) => ({ provider: 'http', url: `${url}/send`, apiKey: 'k' }),
    );
    await sender().send(stock, '120363025246125486@g.us', config);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({
      to: '120363025246125486@g.us',
      text: expect.stringContaining('Martillo'),
      template: { name: 'stock_bajo', parameters: { body: ['Martillo', '2', 'Sucursal Norte'] } },
    });
    const { config: metaConfig } = await provider(() => ({ status: 200 }), meta);
    expect(await failure(sender().send(stock, '120363025246125486@g.us', metaConfig))).toMatchObject({
      code: 'INVALID_ADDRESS',
    });
  });
});
