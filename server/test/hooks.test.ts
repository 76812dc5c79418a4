import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode, type TestTenant } from './harness.ts';
import {
  APP_SECRET,
  AUTH_TOKEN,
  metaSignature,
  metaWebhook,
  PUBLIC_URL,
  twilioHeaders,
  twilioSignature,
} from './provider-hooks.ts';
import { settle, until } from './sockets.ts';

const ACTIONS = [
  { id: 'confirm', label: 'Confirmar' },
  { id: 'cancel', label: 'Cancelar' },
];

type Stand = Awaited<ReturnType<typeof standIn>>;
const headersOf = (req: Stand['requests'][number]) =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));

/** A Meta webhook body with one text message from `from`. */
const metaBody = (from: string, text: string) =>
  metaWebhook({
    messaging_product: 'whatsapp',
    metadata: { phone_number_id: '1065' },
    messages: [{ from, id: `wamid.${Math.random()}`, type: 'text', text: { body: text } }],
  });

describe.each(databaseBackends)('inbound reply hooks on $name', ({ url }) => {
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let meta: Stand;
  let twilioApi: Stand;
  let crm: Stand;

  beforeAll(async () => {
    meta = await standIn(() => ({ status: 200, body: { messages: [{ id: 'wamid.OUT' }] } }));
    twilioApi = await standIn(() => ({ status: 201, body: { sid: 'SM0001', status: 'queued' } }));
    crm = await standIn(() => ({ status: 204 }));
    hub = await startTestNode(
      { databaseUrl: url, publicUrl: PUBLIC_URL },
      { delivery: { pollMs: 50, backoffBaseMs: 100 } },
    );
  });
  afterAll(async () => {
    await hub.node.close();
    await Promise.all([meta.close(), twilioApi.close(), crm.close()]);
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    hub.fetcher(path, { method: 'POST', headers, body });

  /** A tenant with WhatsApp through Meta, a webhook endpoint, and one offline customer. */
  async function reservationTenant() {
    const t = await makeTenant(hub.fetcher);
    const secret = newWebhookSecret();
    const wa = await t.api.post('/v1/channels', {
      kind: 'whatsapp',
      name: 'Meta',
      config: {
        provider: 'meta',
        phoneNumberId: '1065',
        accessToken: 'EAAG-token',
        apiRoot: meta.url,
        appSecret: APP_SECRET,
        verifyToken: 'verify-me',
      },
    });
    expect(wa.status).toBe(201);
    await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: `${crm.url}/aviso/${t.id}`, secret, events: ['notification.action'] },
    });
    const phone = `+52155${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const customer = await t.person('cust-1', {
      role: 'staff',
      branchIds: [],
      whatsapp: phone,
      locale: 'es',
    });
    // The customer wrote first (booking by WhatsApp): the 24-hour window is open, so text may go.
    const hello = metaBody(phone.slice(1), 'Hola, quiero reservar');
    const said = await post(`/v1/hooks/whatsapp/${wa.body.id}`, hello, {
      'x-hub-signature-256': metaSignature(hello),
    });
    expect(said.status).toBe(200);
    return { t, secret, channelId: wa.body.id as string, phone, customer };
  }

  async function remind(t: TestTenant) {
    const res = await t.api.post('/v1/events', {
      type: 'RECORDATORIO_RESERVA',
      entityId: 'R-77',
      recipientIds: ['cust-1'],
      data: { when: 'mañana a las 20:00' },
      actions: ACTIONS,
    });
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  const toPhone = (phone: string) => meta.requests.filter((r) => JSON.parse(r.body).to === phone.slice(1));
  const hooksOf = (t: TestTenant) => crm.requests.filter((r) => r.path === `/aviso/${t.id}`);

  it('confirms a reservation by a "1" on WhatsApp: recorded once, marked, and sent to the host signed', async () => {
    const { t, secret, channelId, phone, customer } = await reservationTenant();
    const id = await remind(t);

    await until(() => toPhone(phone).length === 1, 'the WhatsApp reminder');
    const sent = JSON.parse(toPhone(phone)[0]!.body);
    expect(sent.text.body).toContain('1 = Confirmar, 2 = Cancelar');

    const one = metaBody(phone.slice(1), '1');
    const res = await post(`/v1/hooks/whatsapp/${channelId}`, one, {
      'content-type': 'application/json',
      'x-hub-signature-256': metaSignature(one),
    });
    expect(res.status).toBe(200);
    await until(() => toPhone(phone).length === 2, 'the confirmation reply');
    expect(JSON.parse(toPhone(phone)[1]!.body).text.body).toBe('Respuesta registrada: Confirmar. ¡Gracias!');

    await until(() => hooksOf(t).length === 1, 'the notification.action webhook');
    const hook = hooksOf(t)[0]!;
    expect(new Webhook(secret).verify(hook.body, headersOf(hook))).toMatchObject({
      type: 'notification.action',
      data: {
        notificationId: id,
        type: 'RECORDATORIO_RESERVA',
        actionId: 'confirm',
        label: 'Confirmar',
        recipientId: 'cust-1',
        via: 'whatsapp',
      },
    });

    const inbox = await customer.me.get('/v1/me/notifications');
    expect(inbox.body.items[0]).toMatchObject({ id, actionId: 'confirm' });
    expect(inbox.body.items[0].readAt).not.toBeNull();
    expect(inbox.body.unreadCount).toBe(0);

    // A second answer changes nothing, and the customer is told so.
    const two = metaBody(phone.slice(1), '2');
    await post(`/v1/hooks/whatsapp/${channelId}`, two, { 'x-hub-signature-256': metaSignature(two) });
    await until(() => toPhone(phone).length === 3, 'the "already answered" reply');
    expect(JSON.parse(toPhone(phone)[2]!.body).text.body).toContain('ya fue respondido (Confirmar)');
    await settle(200);
    expect(hooksOf(t)).toHaveLength(1);
    expect((await customer.me.get('/v1/me/notifications')).body.items[0].actionId).toBe('confirm');
    // The widget, too, is told that the first answer stands.
    expect((await customer.me.post(`/v1/me/notifications/${id}/actions/cancel`)).body).toMatchObject({
      recorded: false,
      actionId: 'confirm',
    });
  });

  it('refuses badly signed Meta requests and records nothing', async () => {
    const { t, channelId, phone, customer } = await reservationTenant();
    const id = await remind(t);
    await until(() => toPhone(phone).length === 1, 'the WhatsApp reminder');
    const one = metaBody(phone.slice(1), '1');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-hub-signature-256': metaSignature(one, 'someone-else') },
      { 'x-hub-signature-256': metaSignature(metaBody(phone.slice(1), '2')) },
      { 'x-hub-signature-256': 'sha256=not-hex' },
      { 'x-hub-signature-256': metaSignature(one).replace('sha256=', 'sha1=') },
    ];
    for (const headers of attempts) {
      const res = await post(`/v1/hooks/whatsapp/${channelId}`, one, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_SIGNATURE');
    }
    await settle(200);
    expect(toPhone(phone)).toHaveLength(1);
    expect(hooksOf(t)).toHaveLength(0);
    const item = (await customer.me.get('/v1/me/notifications')).body.items[0];
    expect(item).toMatchObject({ id, actionId: null, readAt: null });

    expect((await post(`/v1/hooks/whatsapp/${crypto.randomUUID()}`, one, {})).status).toBe(404);
  });

  it('answers the Meta verify challenge only with the right verify token', async () => {
    const { channelId } = await reservationTenant();
    const q = (token: string) =>
      `/v1/hooks/whatsapp/${channelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = await hub.fetcher(q('verify-me'), { method: 'GET' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await hub.fetcher(q('guess'), { method: 'GET' })).status).toBe(403);
  });

  it('takes numbered replies through the Twilio hook, signed for the public URL', async () => {
    const t = await makeTenant(hub.fetcher);
    const wa = await t.api.post('/v1/channels', {
      kind: 'whatsapp',
      name: 'Twilio',
      config: {
        provider: 'twilio',
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: AUTH_TOKEN,
        from: 'whatsapp:+14155238886',
        apiBase: twilioApi.url,
      },
    });
    const phone = '+5215587654321';
    const customer = await t.person('cust-1', {
      role: 'staff',
      branchIds: [],
      whatsapp: phone,
      locale: 'en',
    });
    const path = `/v1/hooks/twilio/${wa.body.id}`;
    // The customer wrote first, so the reminder may be free text (inside the 24-hour window).
    const hello = { From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: 'hi', MessageSid: 'SM0' };
    const opened = await post(path, new URLSearchParams(hello).toString(), twilioHeaders(path, hello));
    expect(await opened.text()).toContain('<Response/>');
    const id = await remind(t);
    await until(
      () => twilioApi.requests.some((r) => r.body.includes(encodeURIComponent(phone))),
      'the reminder',
    );

    const params = { From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: ' 2 ', MessageSid: 'SM1' };
    const form = new URLSearchParams(params).toString();
    const send = (signature: string) =>
      post(path, form, {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
      });

    // Signed for the node's own address instead of AVISO_PUBLIC_URL, or with another token: refused.
    const local = twilioSignature(path, params, { base: hub.node.url });
    expect((await send(local)).status).toBe(401);
    expect((await send(twilioSignature(path, params, { token: 'nope' }))).status).toBe(401);
    expect((await customer.me.get('/v1/me/notifications')).body.items[0].actionId).toBeNull();

    const res = await send(twilioSignature(path, params));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toContain('<Message>Answer recorded: Cancelar. Thank you!</Message>');
    expect((await customer.me.get('/v1/me/notifications')).body.items[0]).toMatchObject({
      id,
      actionId: 'cancel',
    });

    const again = await send(twilioSignature(path, params));
    expect(await again.text()).toContain('already answered (Cancelar)');
  });
});
