import { postJson } from '../http.ts';
import type { TelegramConfig } from './config.ts';

/** The Bot API methods the bot itself calls (sending notifications is the channel sender's job). */
export type BotMethod = 'sendMessage' | 'answerCallbackQuery' | 'setWebhook' | 'getWebhookInfo';

export interface BotApiResult {
  ok: boolean;
  description?: string;
  result?: unknown;
}

/** Calls one Bot API method at the channel's `apiRoot` (a local stand-in in tests). */
export async function botApi(
  config: Pick<TelegramConfig, 'botToken' | 'apiRoot'>,
  method: BotMethod,
  params: Record<string, unknown>,
  timeoutMs = 10_000,
): Promise<BotApiResult> {
  const root = (config.apiRoot ?? 'https://api.telegram.org').replace(/\/$/, '');
  const reply = await postJson(`${root}/bot${config.botToken}/${method}`, params, { timeoutMs });
  const body = reply.json as BotApiResult | undefined;
  return body && typeof body.ok === 'boolean'
    ? body
    : { ok: false, description: `the Bot API answered ${reply.status}` };
}
