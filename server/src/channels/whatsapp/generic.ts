import { httpError, postJson, providerText } from '../http.ts';
import type { OutboundMessage, SendResult } from '../types.ts';
import type { WhatsappHttpConfig } from './config.ts';

/**
 * Sends through a generic HTTP gateway: `POST url` with the key header, an `Idempotency-Key`, and
 * JSON `{to, text, title, link, type, severity, notificationId, actions, locale}`. A 2xx answer is
 * success; `id` or `messageId` in its JSON body is kept as the provider's id.
 */
export async function sendGeneric(
  config: WhatsappHttpConfig,
  to: string,
  text: string,
  message: OutboundMessage,
  timeoutMs: number,
): Promise<SendResult> {
  const reply = await postJson(
    config.url,
    {
      to,
      text,
      title: message.title,
      link: message.link,
      type: message.type,
      severity: message.severity,
      notificationId: message.notificationId,
      actions: message.actions ?? [],
      locale: message.locale,
    },
    {
      headers: { [config.apiKeyHeader]: config.apiKey, 'idempotency-key': message.idempotencyKey },
      timeoutMs,
    },
  );
  if (reply.status >= 200 && reply.status < 300) {
    const body = (reply.json ?? {}) as { id?: unknown; messageId?: unknown };
    const id = body.id ?? body.messageId;
    return {
      ...(typeof id === 'string' || typeof id === 'number' ? { providerMessageId: String(id) } : {}),
      providerStatus: reply.status,
    };
  }
  const body = (reply.json ?? {}) as { message?: unknown; error?: unknown };
  const said =
    typeof body.message === 'string'
      ? body.message
      : typeof body.error === 'string'
        ? body.error
        : reply.text;
  throw httpError(reply, { message: providerText(said) });
}
