import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { startTestNode } from './harness.ts';
import { telegramStandIn } from './telegram-harness.ts';

describe.each(databaseBackends)('linking Telegram chats on $name', ({ url }) => {
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  const telegram = telegramStandIn(() => hub.fetcher);
  const { calls, said, tenant, text, press, chatOf } = telegram;
  let nextChat = 7_000;
  const newChat = () => String(nextChat++);

  beforeAll(async () => {
    await telegram.start();
    hub = await startTestNode({
      databaseUrl: url,
      limits: {
        telegramTenant: { points: 5, durationS: 60 },
        telegramPerson: { points: 2, durationS: 60 },
      },
    });
  });
  afterAll(async () => {
    await hub.node.close();
    await telegram.close();
  });

  /** A bare /start and a document number from a chat. */
  const byDocument = async (channelId: string, chat: string, document: string) => {
    await text(channelId, chat, '/start');
    await text(channelId, chat, document);
    return said(chat).at(-1);
  };

  it('links by document number, counting wrong numbers per tenant, not per chat', async () => {
    const { t, channelId } = await tenant({ locale: 'en' });
    await t.person('bob', { role: 'staff', branchIds: [], name: 'Bob', documentId: '1-234-567' });
    await t.person('twin1', { role: 'staff', branchIds: [], documentId: '999' });
    await t.person('twin2', { role: 'staff', branchIds: [], documentId: '999' });
    const first = newChat();
    await text(channelId, first, '/start');
    expect(said(first).at(-1)).toContain('send me your document number');
    // Two people with one number link nobody, like a number nobody has.
    await text(channelId, first, '999');
    expect(said(first).at(-1)).toBe(
      'I could not find that document number. Check it and try again, or ask your company for a link.',
    );
    // A fresh chat for every guess buys nothing: the tenant's five wrong tries are spent.
    for (const guess of ['000', '111', '222', '333']) {
      expect(await byDocument(channelId, newChat(), guess)).toContain('could not find');
    }
    const late = newChat();
    expect(await byDocument(channelId, late, '1.234.567')).toBe('Too many tries. Try again in 1 min.');
    expect(await chatOf(t, 'bob')).toBeNull();

    // Another tenant's bot is not affected.
    const other = await tenant({ locale: 'en' });
    await other.t.person('bob', { role: 'staff', branchIds: [], name: 'Bob', documentId: '1234567' });
    const chat = newChat();
    expect(await byDocument(other.channelId, chat, '1234567')).toBe(
      "Done, Bob: you will get Ferretería's notifications here.",
    );
    expect(await chatOf(other.t, 'bob')).toBe(chat);
  });

  it('never takes over a linked person: the linked chat confirms, and is told the link moved', async () => {
    const { t, channelId } = await tenant();
    const old = newChat();
    await t.person('ana', {
      role: 'manager',
      branchIds: ['A'],
      name: 'Ana',
      documentId: '42',
      telegramChatId: old,
    });
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 5 } });

    const intruder = newChat();
    expect(await byDocument(channelId, intruder, '42')).toContain('ya recibe sus avisos en otro chat');
    expect(await chatOf(t, 'ana')).toBe(old);
    // The new chat learns nothing of Ana's notifications.
    await text(channelId, intruder, '/status');
    expect(said(intruder).at(-1)).toBe('Este chat no está vinculado. Escribe /start para vincularlo.');

    const ask = calls('sendMessage', old).at(-1);
    expect(ask.text).toContain('Alguien pidió recibir tus avisos de Ferretería en otro chat');
    const button = ask.reply_markup.inline_keyboard[0][0];
    expect(button.text).toBe('Sí, mover mis avisos');
    // Only the linked chat can confirm: the same button pressed elsewhere does nothing.
    await press(channelId, intruder, button.callback_data);
    expect(await chatOf(t, 'ana')).toBe(old);

    await press(channelId, old, button.callback_data);
    expect(await chatOf(t, 'ana')).toBe(intruder);
    expect(said(old).at(-1)).toContain('Tus avisos de Ferretería ya no llegan a este chat');
    expect(said(intruder).at(-1)).toBe('Listo, Ana: recibirás aquí los avisos de Ferretería.');
    // Used once.
    const stale = newChat();
    await t.api.put('/v1/recipients/ana', {
      role: 'manager',
      branchIds: ['A'],
      documentId: '42',
      telegramChatId: stale,
    });
    await press(channelId, stale, button.callback_data);
    expect(await chatOf(t, 'ana')).toBe(stale);
  });

  it('limits how often one person can be asked for, so their chat is not flooded', async () => {
    const { t, channelId } = await tenant();
    const linked = newChat();
    await t.person('eva', { role: 'staff', branchIds: [], documentId: '77', telegramChatId: linked });
    await byDocument(channelId, newChat(), '77');
    await byDocument(channelId, newChat(), '77');
    expect(await byDocument(channelId, newChat(), '77')).toBe(
      'Demasiados intentos. Vuelve a intentarlo en 1 min.',
    );
    expect(calls('sendMessage', linked).filter((m) => m.reply_markup)).toHaveLength(2);
  });

  it('moves a link with a /start token and tells the chat that had it', async () => {
    const { t, channelId } = await tenant();
    const old = newChat();
    await t.person('leo', { role: 'staff', branchIds: [], name: 'Leo', telegramChatId: old, locale: 'en' });
    const link = await t.api.post('/v1/recipients/leo/telegram-link');
    const token = new URL(link.body.url).searchParams.get('start');
    const chat = newChat();
    await text(channelId, chat, `/start ${token}`);
    expect(await chatOf(t, 'leo')).toBe(chat);
    expect(said(old).at(-1)).toContain('Your Ferretería notifications no longer come to this chat');
  });

  it('lets a tenant turn document linking off, keeping link tokens', async () => {
    const { t, channelId } = await tenant();
    await t.person('max', { role: 'staff', branchIds: [], documentId: '55' });
    const off = await t.api.patch('/v1/tenant', { settings: { telegram: { documentLinking: false } } });
    expect(off.status).toBe(200);
    expect(off.body.settings).toEqual({ telegram: { documentLinking: false } });
    expect((await t.api.get('/v1/tenant')).body.settings.telegram).toEqual({ documentLinking: false });
    expect(
      (await t.api.patch('/v1/tenant', { settings: { telegram: { documentLinking: 'no' } } })).status,
    ).toBe(400);

    const chat = newChat();
    await text(channelId, chat, '/start');
    expect(said(chat).at(-1)).toContain('no se puede vincular con el número de documento');
    await text(channelId, chat, '55');
    expect(await chatOf(t, 'max')).toBeNull();
    const token = new URL((await t.api.post('/v1/recipients/max/telegram-link')).body.url).searchParams.get(
      'start',
    );
    await text(channelId, chat, `/start ${token}`);
    expect(await chatOf(t, 'max')).toBe(chat);
  });
});
