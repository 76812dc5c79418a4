import { httpError, type ProviderHttp } from '../http.ts';
import type { ChannelSender, OutboundMessage, SendResult } from '../types.ts';
import { signingSecrets, type WebhookConfig, type WebhookEventType } from './config.ts';
import { signedHeaders } from './sign.ts';

/** One webhook event: `id` is the `webhook-id`, the same on every retry so receivers can dedupe. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  data: unknown;
  /** When the event happened; defaults to now. */
  timestamp?: Date;
}

export interface WebhookSenderOptions {
  http: ProviderHttp;
  /** The clock, for tests. */
  now?: () => Date;
}

/** The `data` of a `notification.*` event built from a rendered notification. */
export function notificationData(message: OutboundMessage) {
  return {
    id: message.notificationId,
    type: message.type,
    title: message.title,
    message: message.text,
    link: message.link,
    severity: message.severity,
    entityId: message.entityId ?? null,
    data: message.data ?? {},
    actions: message.actions ?? [],
    createdAt: message.createdAt ?? null,
  };
}

/**
 * Signed HTTP POSTs following Standard Webhooks. 2xx is success; 410 is `ENDPOINT_GONE` (the
 * caller disables the endpoint); 408, 429 and 5xx are retried honouring `Retry-After`; redirects
 * and other 4xx are final.
 */
export class WebhookSender implements ChannelSender<WebhookConfig> {
  readonly kind = 'webhook' as const;
  readonly addressField = null;
  private readonly http: ProviderHttp;
  private readonly now: () => Date;

  constructor(options: WebhookSenderOptions) {
    this.http = options.http;
    this.now = options.now ?? (() => new Date());
  }

  /** Posts a notification event (`notification.created` unless told); `address` is unused, the URL is in `config`. */
  send(
    message: OutboundMessage,
    _address: string,
    config: WebhookConfig,
    type: WebhookEventType = 'notification.created',
  ): Promise<SendResult> {
    const timestamp =
      message.createdAt && type === 'notification.created' ? new Date(message.createdAt) : undefined;
    return this.sendEvent(
      {
        id: message.idempotencyKey,
        type,
        data: notificationData(message),
        ...(timestamp ? { timestamp } : {}),
      },
      config,
    );
  }

  /** Posts any event of the catalog (`notification.read`, `delivery.failed`, …). */
  async sendEvent(event: WebhookEvent, config: WebhookConfig): Promise<SendResult> {
    const now = this.now();
    const body = JSON.stringify({
      type: event.type,
      timestamp: (event.timestamp ?? now).toISOString(),
      data: event.data,
    });
    const headers = {
      ...config.headers,
      'user-agent': 'Aviso-Webhooks/1',
      ...signedHeaders(signingSecrets(config), event.id, Math.floor(now.getTime() / 1000), body),
    };
    const reply = await this.http.post(config.url, body, { headers });
    if (reply.status >= 200 && reply.status < 300) return { providerStatus: reply.status };
    throw httpError(reply);
  }
}
