import { expect } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { makeTenant, type TestTenant } from './harness.ts';

export const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
export const HOOK_SECRET = 'tg-hook-secret_1';

type Fetcher = (path: string, init: RequestInit) => Promise<Response>;

/**
 * A stand-in for the Telegram Bot API (it records what the bot sends) and helpers that talk to a
 * hub's bot the way Telegram does: updates posted to the channel's hook with its secret. The
 * helpers can be taken apart at once; `start()` (in `beforeAll`) opens the stand-in.
 */
export function telegramStandIn(fetcher: () => Fetcher) {
  let messageId = 1;
  let bot: Awaited<ReturnType<typeof standIn>> | undefined;
  const start = async () => {
    bot = await standIn(() => ({ status: 200, body: { ok: true, result: { message_id: messageId++ } } }));
  };

  /** What the bot sent with `method` (to one chat when given), oldest first. */
  const calls = (method: string, chatId?: string) =>
    bot!.requests
      .filter((r) => r.path === `/bot${BOT_TOKEN}/${method}`)
      .map((r) => JSON.parse(r.body))
      .filter((b) => chatId === undefined || String(b.chat_id) === chatId);
  const said = (chatId: string) => calls('sendMessage', chatId).map((b) => b.text as string);

  /** A tenant with a Telegram channel whose API root is the stand-in. */
  async function tenant(input: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    const t = await makeTenant(fetcher(), input);
    const channel = await t.api.post('/v1/channels', {
      kind: 'telegram',
      name: 'bot',
      config: {
        botToken: BOT_TOKEN,
        apiRoot: bot!.url,
        botUsername: 'FerreBot',
        webhookSecret: HOOK_SECRET,
        ...config,
      },
    });
    expect(channel.status).toBe(201);
    return { t, channelId: channel.body.id as string };
  }

  /** Posts an update to the hook, as Telegram does, and returns the status. */
  async function update(channelId: string, body: unknown, secret: string | null = HOOK_SECRET) {
    const res = await fetcher()(`/v1/hooks/telegram/${channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
      },
      body: JSON.stringify(body),
    });
    return res.status;
  }

  /** A text message from a private chat. */
  const text = (channelId: string, chatId: string, t: string, secret?: string | null) =>
    update(
      channelId,
      { update_id: 1, message: { message_id: 1, chat: { id: Number(chatId), type: 'private' }, text: t } },
      secret,
    );

  /** An inline button pressed in a chat. */
  const press = (channelId: string, chatId: string, data: string, secret?: string | null) =>
    update(
      channelId,
      {
        update_id: 9,
        callback_query: {
          id: `cb-${data}`,
          from: { id: Number(chatId) },
          message: { chat: { id: Number(chatId) } },
          data,
        },
      },
      secret,
    );

  const chatOf = async (t: TestTenant, id: string) =>
    (await t.api.get(`/v1/recipients/${id}`)).body.telegramChatId;

  return { start, close: () => bot!.close(), calls, said, tenant, update, text, press, chatOf };
}
