import { httpError, type ProviderHttp, shortCode } from '../http.ts';
import type { OutboundMessage, ResolvedTemplate, SendResult } from '../types.ts';
import type { WhatsappHttpConfig } from './config.ts';

/**
 * Sends through a generic HTTP gateway: `POST url` with the key header, an `Idempotency-Key`, and
 * JSON `{to, text, title, link, type, severity, notificationId, actions, locale}`, plus `template`
 * (`{name, language, contentSid, parameters: {body, buttons}}`) when the person is outside the
 * 24-hour window and the event type maps one. A 2xx answer is success; `id` or `messageId` in its JSON body is kept as the provider's id; on failure, a short
 * `code` or `error` token is kept as the provider's code.
 */
export async function sendGeneric(
  http: ProviderHttp,
  config: WhatsappHttpConfig,
  to: string,
  text: string,
  message: OutboundMessage,
  template?: ResolvedTemplate,
): Promise<SendResult> {
  const reply = await http.post(
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
      ...(template ? { template } : {}),
    },
    {
      headers: { [config.apiKeyHeader]: config.apiKey, 'idempotency-key': message.idempotencyKey },
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
  // A gateway's `code` or `error`, when it is a short token; its free text is never kept.
  const body = (reply.json ?? {}) as { code?: unknown; error?: unknown };
  throw httpError(reply, { providerCode: shortCode(body.code) ?? shortCode(body.error) });
}
