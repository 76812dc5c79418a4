import { safeLink, words } from '../text.ts';
import type { OutboundMessage } from '../types.ts';

/** Escapes text for Telegram's HTML parse mode: only `&`, `<` and `>` (and `"` inside attributes). */
export function escapeTelegram(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The HTML text of a notification for `sendMessage`. */
export function telegramText(message: OutboundMessage): string {
  const e = escapeTelegram;
  const lines: string[] = [];
  if (message.title) lines.push(`<b>${e(message.title)}</b>`);
  lines.push(e(message.text));
  const link = safeLink(message.link);
  if (link) lines.push(`<a href="${e(link).replace(/"/g, '&quot;')}">${e(words(message.locale).open)}</a>`);
  lines.push(`<i>${e(message.tenantName)}</i>`);
  return lines.join('\n').slice(0, 4096);
}

/** `callback_data` of an action button: `a:<notificationId>:<actionIndex>` (Telegram allows 64 bytes). */
export function telegramCallbackData(notificationId: string, actionIndex: number): string {
  return `a:${notificationId}:${actionIndex}`;
}

/** Reads `callback_data` back; null when it is not one of ours. */
export function parseTelegramCallbackData(
  data: string,
): { notificationId: string; actionIndex: number } | null {
  const m = /^a:([^:]+):(\d{1,2})$/.exec(data);
  return m ? { notificationId: m[1]!, actionIndex: Number(m[2]) } : null;
}

/** Actions as inline buttons, up to three per row. */
export function inlineKeyboard(message: OutboundMessage) {
  const buttons = (message.actions ?? []).map((a, i) => ({
    text: a.label,
    callback_data: telegramCallbackData(message.notificationId, i),
  }));
  const rows: (typeof buttons)[] = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  return rows;
}
