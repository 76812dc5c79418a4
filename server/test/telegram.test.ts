import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTelegramWebhook } from '../scripts/telegram-webhook.ts';
import { localHttp, standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode } from './harness.ts';
import { settle, until } from './sockets.ts';
import { HOOK_SECRET as SECRET, telegramStandIn } from './telegram-harness.ts';

describe.each(databaseBackends)('the Telegram bot on $name', ({ url }) => {
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  const telegram = telegramStandIn(() => hub.fetcher);
  const { calls, said, tenant, update, text, chatOf } = telegram;
  let crm: Awaited<ReturnType<typeof standIn>>;
  let nextChat = 5_000;

  beforeAll(async () => {
    await telegram.start();
    crm = await standIn(() => ({ status: 204 }));
    hub = await startTestNode(
      { databaseUrl: url, publicUrl: 'https://aviso.example.com' },
      { now: () => new Date(clock), delivery: { pollMs: 50 } },
    );
  });
  afterAll(async () => {
    await hub.node.close();
    await Promise.all([telegram.close(), crm.close()]);
  });

  it('links a chat with a single-use, expiring /start token', async () => {
    const { t, channelId } = await tenant();
    await t.person('ana', { role: 'manager', branchIds: ['A'], name: 'Ana' });
    const link = await t.api.post('/v1/recipients/ana/telegram-link', {});
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(/^https:\/\/t\.me\/FerreBot\?start=[A-Za-z0-9_-]{20,64}$/);
    expect(Date.parse(link.body.expiresAt) - clock).toBe(24 * 3600 * 1000);
    const token = new URL(link.body.url).searchParams.get('start')!;

    const chat = String(nextChat++);
    expect(await text(channelId, chat, `/start ${token}`)).toBe(200);
    expect(await chatOf(t, 'ana')).toBe(chat);
    expect(said(chat).at(-1)).toBe('Listo, Ana: recibirás aquí los avisos de Ferretería.');

    // Used once: another chat cannot take it over.
    const thief = String(nextChat++);
    await text(channelId, thief, `/start ${token}`);
    expect(said(thief).at(-1)).toContain('ya no es válido');
    expect(await chatOf(t, 'ana')).toBe(chat);

    // A token not used within 24 hours has expired.
    const late = (await t.api.post('/v1/recipients/ana/telegram-link')).body.url as string;
    clock += 24 * 3600 * 1000 + 1;
    const other = String(nextChat++);
    await text(channelId, other, `/start ${new URL(late).searchParams.get('start')}`);
    expect(said(other).at(-1)).toContain('ya no es válido');
    expect(await chatOf(t, 'ana')).toBe(chat);
  });

  it('explains why it cannot make a link', async () => {
    const bare = await makeTenant(hub.fetcher);
    await bare.person('ana', { role: 'staff', branchIds: [] });
    expect((await bare.api.post('/v1/recipients/ana/telegram-link')).body.error.code).toBe(
      'TELEGRAM_NOT_CONFIGURED',
    );
    const { t } = await tenant({}, { botUsername: undefined });
    await t.person('ana', { role: 'staff', branchIds: [] });
    const res = await t.api.post('/v1/recipients/ana/telegram-link');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TELEGRAM_BOT_USERNAME_MISSING');
    expect((await t.api.post('/v1/recipients/nobody/telegram-link')).body.error.code).toBe(
      'RECIPIENT_NOT_FOUND',
    );
  });

  it('answers /help, /status and /stop in the person’s language', async () => {
    const { t, channelId } = await tenant();
    await t.person('eve', { role: 'owner', branchIds: [], documentId: '42', locale: 'en' });
    const chat = String(nextChat++);
    await text(channelId, chat, '/status');
    expect(said(chat).at(-1)).toBe('Este chat no está vinculado. Escribe /start para vincularlo.');
    await text(channelId, chat, '/start');
    await text(channelId, chat, '42');
    for (let i = 1; i <= 6; i++) {
      await t.api.post('/v1/events', { type: 'SUSCRIPCION_VENCIDA', message: `Aviso ${i}` });
    }
    await text(channelId, chat, '/help@FerreBot');
    expect(said(chat).at(-1)).toContain('/status – unread count and the last five');
    await text(channelId, chat, '/status');
    const status = said(chat).at(-1)!;
    expect(status).toMatch(/^Unread notifications: 6\n/);
    expect(status).toContain('Aviso 6');
    expect(status).toContain('Aviso 2');
    expect(status).not.toContain('Aviso 1');

    await text(channelId, chat, '/stop');
    expect(said(chat).at(-1)).toContain('you will no longer get notifications');
    expect(await chatOf(t, 'eve')).toBeNull();
  });

  it('records an inline button answer once, then refuses the second, and sends the webhook', async () => {
    const { t, channelId } = await tenant();
    const secret = newWebhookSecret();
    await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: `${crm.url}/${t.id}`, secret },
    });
    const chat = String(nextChat++);
    await t.person('cli', { role: 'staff', branchIds: [], telegramChatId: chat, locale: 'es' });
    const res = await t.api.post('/v1/events', {
      type: 'RECORDATORIO_RESERVA',
      recipientIds: ['cli'],
      data: { when: 'hoy a las 21:00' },
      actions: [
        { id: 'confirm', label: 'Confirmar' },
        { id: 'cancel', label: 'Cancelar' },
      ],
    });
    await until(() => calls('sendMessage', chat).length === 1, 'the reminder on Telegram');
    const keyboard = calls('sendMessage', chat)[0].reply_markup.inline_keyboard[0];
    expect(keyboard.map((b: { text: string }) => b.text)).toEqual(['Confirmar', 'Cancelar']);

    const press = (data: string, secretToken?: string | null) =>
      telegram.press(channelId, chat, data, secretToken);
    // A forged press (no secret, wrong secret) is refused and records nothing.
    expect(await press(keyboard[1].callback_data, null)).toBe(401);
    expect(await press(keyboard[1].callback_data, 'guess')).toBe(401);
    expect(calls('answerCallbackQuery')).toHaveLength(0);

    expect(await press(keyboard[0].callback_data)).toBe(200);
    expect(calls('answerCallbackQuery').at(-1)).toEqual({
      callback_query_id: `cb-${keyboard[0].callback_data}`,
      text: 'Respuesta registrada: Confirmar. ¡Gracias!',
    });
    await until(
      () =>
        crm.requests.filter((r) => r.path === `/${t.id}`).some((r) => r.body.includes('notification.action')),
      'the webhook',
    );
    const hook = crm.requests.find((r) => r.path === `/${t.id}` && r.body.includes('notification.action'))!;
    const headers = Object.fromEntries(Object.entries(hook.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(secret).verify(hook.body, headers)).toMatchObject({
      data: { notificationId: res.body.id, actionId: 'confirm', recipientId: 'cli', via: 'telegram' },
    });

    await press(keyboard[1].callback_data);
    expect(calls('answerCallbackQuery').at(-1).text).toContain('ya fue respondido (Confirmar)');
    // A plain "2" goes to the same, already answered, notification.
    await text(channelId, chat, '2');
    expect(said(chat).at(-1)).toContain('ya fue respondido (Confirmar)');
    await settle(100);
    expect(
      crm.requests.filter((r) => r.path === `/${t.id}` && r.body.includes('notification.action')),
    ).toHaveLength(1);
  });

  it('ignores updates with a wrong secret, and acknowledges verified ones it does not understand', async () => {
    const { t, channelId } = await tenant();
    await t.person('ana', { role: 'staff', branchIds: [] });
    const token = new URL((await t.api.post('/v1/recipients/ana/telegram-link')).body.url).searchParams.get(
      'start',
    );
    const chat = String(nextChat++);
    expect(await text(channelId, chat, `/start ${token}`, 'wrong')).toBe(401);
    expect(await text(channelId, chat, `/start ${token}`, null)).toBe(401);
    expect(said(chat)).toHaveLength(0);
    expect(await chatOf(t, 'ana')).toBeNull();
    // The token was not spent by the refused attempts.
    expect(await text(channelId, chat, `/start ${token}`)).toBe(200);
    expect(await chatOf(t, 'ana')).toBe(chat);

    expect(await update(channelId, { update_id: 3, edited_message: { text: 'hola' } })).toBe(200);
    expect(await update(channelId, { update_id: 4, callback_query: { id: 'x', data: 'garbage' } })).toBe(200);
    expect(await update(crypto.randomUUID(), {})).toBe(404);
  });

  it('registers the webhook with Telegram (pnpm telegram:webhook)', async () => {
    const http = localHttp();
    const { t, channelId } = await tenant({}, { webhookSecret: undefined });
    const done = await registerTelegramWebhook(hub.node.store, http, 'https://aviso.example.com/', t.apiKey);
    expect(done).toEqual({
      channelId,
      url: `https://aviso.example.com/v1/hooks/telegram/${channelId}`,
      generatedSecret: true,
    });
    const set = calls('setWebhook').at(-1);
    expect(set).toMatchObject({ url: done.url, allowed_updates: ['message', 'callback_query'] });
    expect(set.secret_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The secret it saved is the one the hook now checks.
    expect(await update(channelId, { update_id: 1 }, set.secret_token)).toBe(200);
    expect(await update(channelId, { update_id: 1 }, SECRET)).toBe(401);

    const again = await registerTelegramWebhook(hub.node.store, http, 'https://aviso.example.com', channelId);
    expect(again.generatedSecret).toBe(false);
    expect(calls('setWebhook').at(-1).secret_token).toBe(set.secret_token);
    await expect(registerTelegramWebhook(hub.node.store, http, 'https://x', 'ak_nope')).rejects.toThrow(
      /API key/,
    );
  });
});
