import type { ProviderHttp } from '../http.ts';
import type { TelegramConfig } from './config.ts';
import { telegramErrorCode } from './sender.ts';

/** The Bot API methods the bot itself calls (sending notifications is the channel sender's job). */
export type BotMethod = 'sendMessage' | 'answerCallbackQuery' | 'setWebhook' | 'getWebhookInfo';

export interface BotApiResult {
  ok: boolean;
  /** On failure: a short code (`chat_not_found`) or the status, never Telegram's own text. */
  description?: string;
  result?: unknown;
}

/** Calls one Bot API method at the channel's `apiRoot` (a local stand-in in tests), through `http`. */
export async function botApi(
  http: ProviderHttp,
  config: Pick<TelegramConfig, 'botToken' | 'apiRoot'>,
  method: BotMethod,
  params: Record<string, unknown>,
): Promise<BotApiResult> {
  const root = (config.apiRoot ?? 'https://api.telegram.org').replace(/\/$/, '');
  const reply = await http.post(`${root}/bot${config.botToken}/${method}`, params);
  const body = reply.json as BotApiResult | undefined;
  if (body?.ok === true) return { ok: true, result: body.result };
  return {
    ok: false,
    description: telegramErrorCode(body?.description) ?? `the Bot API answered ${reply.status}`,
  };
}
