import { invalidAddress } from '../address.ts';
import { httpError, type ProviderHttp } from '../http.ts';
import { type ChannelSender, type OutboundMessage, SendError, type SendResult } from '../types.ts';
import type { TelegramConfig } from './config.ts';
import { inlineKeyboard, telegramText } from './render.ts';

interface BotApiReply {
  ok?: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

// Bot API `description`s, which are free text, as the short codes the delivery log keeps.
const DESCRIPTIONS: [RegExp, string][] = [
  [/chat not found/i, 'chat_not_found'],
  [/user not found/i, 'user_not_found'],
  [/chat_id is empty/i, 'chat_id_empty'],
  [/bot was blocked/i, 'bot_blocked'],
  [/bot was kicked/i, 'bot_kicked'],
  [/user is deactivated/i, 'user_deactivated'],
  [/not enough rights|have no rights/i, 'no_rights'],
  [/can't parse entities/i, 'cannot_parse_entities'],
  [/message is too long/i, 'message_too_long'],
  [/too many requests/i, 'too_many_requests'],
  [/unauthorized/i, 'unauthorized'],
  [/not found/i, 'not_found'],
];

/** The short code of a Bot API error `description` (`bot_blocked`), or undefined for one not known. */
export function telegramErrorCode(description: string | undefined): string | undefined {
  if (!description) return undefined;
  return DESCRIPTIONS.find(([pattern]) => pattern.test(description))?.[1];
}

/** Classifies a failed Bot API call: 429 (with `retry_after`) and 5xx retryable, the rest permanent. */
export function classifyTelegramError(
  status: number,
  body: BotApiReply | undefined,
  headers: Headers,
): SendError {
  const code = body?.error_code ?? status;
  const providerCode = telegramErrorCode(body?.description);
  const base = { providerStatus: code, ...(providerCode ? { providerCode } : {}) };
  const said = providerCode ? ` (${providerCode})` : '';
  if (code === 429) {
    const seconds = body?.parameters?.retry_after;
    return httpError(
      { status: 429, headers },
      { providerCode, ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }) },
    );
  }
  if (code === 403) {
    return new SendError('RECIPIENT_BLOCKED', `Telegram refused the chat${said}`, {
      ...base,
      retryable: false,
    });
  }
  // Telegram answers 401, or 404 on /bot<token>/…, when the token is wrong.
  if (code === 401 || code === 404) {
    return new SendError('AUTH_FAILED', 'Telegram rejected the bot token', { ...base, retryable: false });
  }
  if (code === 400 && /chat_not_found|user_not_found|chat_id_empty/.test(providerCode ?? '')) {
    return new SendError('INVALID_ADDRESS', `Telegram does not know the chat${said}`, {
      ...base,
      retryable: false,
    });
  }
  return httpError({ status: code, headers }, { providerCode });
}

/** Telegram through the Bot API's `sendMessage`, HTML parse mode, actions as inline buttons. */
export class TelegramSender implements ChannelSender<TelegramConfig> {
  readonly kind = 'telegram' as const;
  readonly addressField = 'telegramChatId' as const;

  constructor(private readonly http: ProviderHttp) {}

  async send(message: OutboundMessage, address: string, config: TelegramConfig): Promise<SendResult> {
    const chatId = address.trim();
    if (!CHAT_ID.test(chatId)) throw invalidAddress('a Telegram chat id');
    const keyboard = inlineKeyboard(message);
    const reply = await this.http.post(
      `${config.apiRoot.replace(/\/$/, '')}/bot${config.botToken}/sendMessage`,
      {
        chat_id: chatId,
        text: telegramText(message),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      },
    );
    const body = reply.json as BotApiReply | undefined;
    if (reply.status >= 200 && reply.status < 300 && body?.ok) {
      const id = body.result?.message_id;
      return { ...(id === undefined ? {} : { providerMessageId: String(id) }), providerStatus: reply.status };
    }
    throw classifyTelegramError(reply.status, body, reply.headers);
  }
}
