import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, serve, startHub } from '../test/hub.ts';
import { Aviso, verifyWebhook, WebhookVerificationError } from './index.ts';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

describe('verifyWebhook on webhooks the hub signed and sent', () => {
  let hub: Hub;
  let receiver: Awaited<ReturnType<typeof serve>>;
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const current = newSecret();
  const previous = newSecret();
  let webhook: (typeof received)[number];
  let notificationId: string;

  beforeAll(async () => {
    receiver = await serve((req, res, body) => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
    hub = await startHub();
    const tenant = await hub.tenant();
    const aviso = new Aviso({ url: hub.url, apiKey: tenant.apiKey });
    // Mid-rotation: the hub signs with both secrets, and a receiver that knows either accepts it.
    await aviso.request('POST', '/v1/channels', {
      kind: 'webhook',
      name: 'ERP',
      config: {
        url: `${receiver.url}/aviso`,
        secrets: [current, previous],
        events: ['notification.created'],
      },
    });
    ({ id: notificationId } = await aviso.publish({
      type: 'NUEVA_VENTA',
      branchIds: ['A'],
      entityId: 'V-77',
    }));
    const deadline = Date.now() + 15_000;
    while (!received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    webhook = received[0]!;
    expect(webhook, 'the hub posted no webhook').toBeDefined();
  });
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });

  it('accepts the genuine request and returns its event', () => {
    const event = verifyWebhook<{ id: string; entityId: string }>(current, webhook.headers, webhook.body);
    expect(event.type).toBe('notification.created');
    expect(event.data).toMatchObject({ id: notificationId, entityId: 'V-77' });
    expect(Date.parse(event.timestamp)).not.toBeNaN();
    expect(verifyWebhook(previous, webhook.headers, webhook.body.toString('utf8')).type).toBe(
      'notification.created',
    );
    expect(
      verifyWebhook(
        [newSecret(), previous],
        new Headers(webhook.headers as Record<string, string>),
        webhook.body,
      ).data,
    ).toEqual(event.data);
  });

  it('refuses a tampered body, a foreign secret or a swapped id', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(WebhookVerificationError);
        return (err as WebhookVerificationError).code;
      }
      return 'accepted';
    };
    const tampered = Buffer.from(webhook.body.toString('utf8').replace('V-77', 'V-78'));
    expect(refusal(() => verifyWebhook(current, webhook.headers, tampered))).toBe('INVALID_SIGNATURE');
    expect(refusal(() => verifyWebhook(newSecret(), webhook.headers, webhook.body))).toBe(
      'INVALID_SIGNATURE',
    );
    const otherId = { ...webhook.headers, 'webhook-id': 'another' };
    expect(refusal(() => verifyWebhook(current, otherId, webhook.body))).toBe('INVALID_SIGNATURE');
    const { 'webhook-signature': _, ...unsigned } = webhook.headers;
    expect(refusal(() => verifyWebhook(current, unsigned, webhook.body))).toBe('MISSING_HEADERS');
  });

  it('refuses a replay older or newer than the tolerance (5 minutes)', () => {
    const sentAt = Number(webhook.headers['webhook-timestamp']) * 1000;
    const at = (ms: number) => ({ now: new Date(sentAt + ms) });
    expect(verifyWebhook(current, webhook.headers, webhook.body, at(4 * 60_000)).type).toBe(
      'notification.created',
    );
    expect(() => verifyWebhook(current, webhook.headers, webhook.body, at(6 * 60_000))).toThrow(/too far/);
    expect(() => verifyWebhook(current, webhook.headers, webhook.body, at(-6 * 60_000))).toThrow(/too far/);
  });
});
