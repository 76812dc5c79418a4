import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, localHttp, message, type RecordedRequest, type StandInReply, standIn } from '../testing.ts';
import { WebhookConfigSchema } from './config.ts';
import { WebhookSender } from './sender.ts';
import { newWebhookSecret } from './sign.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function endpoint(reply: (req: RecordedRequest) => StandInReply, extra: Record<string, unknown> = {}) {
  const s = await standIn(reply);
  closers.push(s.close);
  const secret = newWebhookSecret();
  const config = WebhookConfigSchema.parse({ url: `${s.url}/hooks/aviso`, secret, ...extra });
  return { ...s, secret, config };
}

const asHeaders = (req: RecordedRequest) =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));

describe('WebhookSender', () => {
  it('POSTs a Standard Webhooks request that standardwebhooks verifies', async () => {
    const { requests, secret, config } = await endpoint(() => ({ status: 204 }));
    const msg = message({
      entityId: 'MRT-1',
      data: { sku: 'MRT-1', qty: 2 },
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    const result = await new WebhookSender({ http: localHttp() }).send(msg, '', config);
    expect(result.providerStatus).toBe(204);

    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/aviso');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['webhook-id']).toBe(msg.idempotencyKey);
    expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(secret).verify(req.body, asHeaders(req));
    expect(payload).toEqual({
      type: 'notification.created',
      timestamp: '2025-01-02T03:04:05.000Z',
      data: {
        id: msg.notificationId,
        type: 'PRODUCTO_STOCK_BAJO',
        title: 'Stock bajo',
        message: msg.text,
        link: msg.link,
        severity: 'warning',
        entityId: 'MRT-1',
        data: { sku: 'MRT-1', qty: 2 },
        actions: [],
        createdAt: '2025-01-02T03:04:05.000Z',
      },
    });
  });

  it('signs with every secret during a rotation, so old and new receivers verify', async () => {
    const next = newWebhookSecret();
    const previous = newWebhookSecret();
    const { requests, config } = await endpoint(() => ({ status: 200 }), {
      secret: undefined,
      secrets: [next, previous],
    });
    await new WebhookSender({ http: localHttp() }).sendEvent(
      { id: 'evt_read_1', type: 'notification.read', data: { id: 'n1', recipientId: 'u1' } },
      config,
    );
    const req = requests[0]!;
    expect(String(req.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [next, previous]) {
      expect(new Webhook(s).verify(req.body, asHeaders(req))).toMatchObject({ type: 'notification.read' });
    }
    expect(() => new Webhook(newWebhookSecret()).verify(req.body, asHeaders(req))).toThrow();
  });

  it('takes the event type for notification events', async () => {
    const { requests, secret, config } = await endpoint(() => ({ status: 200 }));
    await new WebhookSender({ http: localHttp() }).send(
      message({ actions: [{ id: 'ok', label: 'OK' }] }),
      '',
      config,
      'notification.action',
    );
    const req = requests[0]!;
    expect(new Webhook(secret).verify(req.body, asHeaders(req))).toMatchObject({
      type: 'notification.action',
    });
  });

  it('reports 410 as ENDPOINT_GONE, permanent', async () => {
    const { config } = await endpoint(() => ({ status: 410, body: 'gone' }));
    expect(await failure(new WebhookSender({ http: localHttp() }).send(message(), '', config))).toMatchObject(
      {
        code: 'ENDPOINT_GONE',
        retryable: false,
        providerStatus: 410,
      },
    );
  });

  it('retries 429 and 503, reading Retry-After as seconds or as an HTTP date', async () => {
    let answer: StandInReply = { status: 429, headers: { 'retry-after': '1' } };
    const { config } = await endpoint(() => answer);
    expect(await failure(new WebhookSender({ http: localHttp() }).send(message(), '', config))).toMatchObject(
      {
        code: 'HTTP_429',
        retryable: true,
        retryAfterMs: 1000,
      },
    );
    answer = { status: 503, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } };
    const err = (await failure(new WebhookSender({ http: localHttp() }).send(message(), '', config))) as {
      retryAfterMs: number;
    };
    expect(err).toMatchObject({ code: 'HTTP_503', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('fails for good on another 4xx and on a redirect', async () => {
    let answer: StandInReply = { status: 400, body: { error: 'bad' } };
    const { config } = await endpoint(() => answer);
    expect(await failure(new WebhookSender({ http: localHttp() }).send(message(), '', config))).toMatchObject(
      {
        code: 'HTTP_400',
        retryable: false,
      },
    );
    answer = { status: 302, headers: { location: 'http://169.254.169.254/' } };
    expect(await failure(new WebhookSender({ http: localHttp() }).send(message(), '', config))).toMatchObject(
      {
        code: 'HTTP_302',
        retryable: false,
      },
    );
  });

  it('retries a timeout', async () => {
    const { config } = await endpoint(() => ({ status: 200, delayMs: 500 }));
    expect(
      await failure(new WebhookSender({ http: localHttp({ timeoutMs: 100 }) }).send(message(), '', config)),
    ).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
    });
  });

  it('refuses a config without a secret or with a malformed one', () => {
    expect(WebhookConfigSchema.safeParse({ url: 'https://crm.example.com/hook' }).success).toBe(false);
    expect(
      WebhookConfigSchema.safeParse({ url: 'https://crm.example.com/hook', secret: 'abc' }).success,
    ).toBe(false);
  });
});
