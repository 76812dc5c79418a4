import { afterEach, describe, expect, it } from 'vitest';
import { failure, localHttp, message, type RecordedRequest, type StandInReply, standIn } from '../testing.ts';
import { TwilioMessages } from '../twilio.ts';
import { SmsConfigSchema } from './config.ts';
import { SmsSender } from './sender.ts';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'twilio-auth-token';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function twilioStandIn(reply: (req: RecordedRequest) => StandInReply) {
  const s = await standIn(reply);
  closers.push(s.close);
  const config = SmsConfigSchema.parse({
    accountSid: SID,
    authToken: TOKEN,
    from: '+15005550006',
    apiBase: s.url,
  });
  return { ...s, config };
}

const created = (): StandInReply => ({
  status: 201,
  body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' },
});

describe('SmsSender (Twilio)', () => {
  it('POSTs the documented Messages request with basic auth and form fields', async () => {
    const { requests, config } = await twilioStandIn(created);
    const result = await new SmsSender(new TwilioMessages(localHttp())).send(
      message({ actions: [{ id: 'ok', label: 'Confirmar' }] }),
      '+52 55 1234 5678',
      config,
    );

    expect(result.providerMessageId).toBe('SM0123456789abcdef0123456789abcdef');
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(req.body);
    expect(form.get('To')).toBe('+525512345678');
    expect(form.get('From')).toBe('+15005550006');
    expect(form.get('Body')).toBe(
      "Ferretería Central: Stock bajo\nEl producto 'Martillo' tiene stock bajo (2 unidades) en tu sucursal.\n" +
        'https://pos.example.com/#/inventarios?search=MRT-1\n\nResponde con el número: 1 = Confirmar',
    );
  });

  it('reports a 429 as retryable with its Retry-After', async () => {
    const { config } = await twilioStandIn(() => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
    }));
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '+525512345678', config),
    );
    expect(err).toMatchObject({ code: 'HTTP_429', retryable: true, retryAfterMs: 2000, providerStatus: 429 });
  });

  it('reports a 503 as retryable', async () => {
    const { config } = await twilioStandIn(() => ({ status: 503, body: 'Service Unavailable' }));
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '+525512345678', config),
    );
    expect(err).toMatchObject({ code: 'HTTP_503', retryable: true });
  });

  it('reports an invalid number (21211) as a permanent address error, masked', async () => {
    const { config } = await twilioStandIn(() => ({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +525512345678 is not a valid phone number.",
        status: 400,
      },
    }));
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '+525512345678', config),
    );
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', retryable: false, providerCode: '21211' });
    expect((err as Error).message).not.toContain('5512345678');
  });

  it('reports bad credentials (401) as permanent', async () => {
    const { config } = await twilioStandIn(() => ({
      status: 401,
      body: { code: 20003, message: 'Authenticate', status: 401 },
    }));
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '+525512345678', config),
    );
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false, providerStatus: 401 });
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('reports a refused connection as retryable', async () => {
    const { config, close } = await twilioStandIn(created);
    await close();
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '+525512345678', config),
    );
    expect(err).toMatchObject({ code: 'CONNECTION_FAILED', retryable: true });
  });

  it('rejects a number that is not E.164 without calling Twilio', async () => {
    const { requests, config } = await twilioStandIn(created);
    const err = await failure(
      new SmsSender(new TwilioMessages(localHttp())).send(message(), '5512345678', config),
    );
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', retryable: false });
    expect(requests).toHaveLength(0);
  });
});
