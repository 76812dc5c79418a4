import { httpError, type ProviderHttp, shortCode } from '../http.ts';
import { safeLink, words } from '../text.ts';
import type { ChannelSender, OutboundMessage, SendResult } from '../types.ts';
import type { SlackConfig } from './config.ts';

/** Escapes Slack mrkdwn control characters: `&`, `<`, `>`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const EMOJI = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  critical: ':rotating_light:',
};

/** The incoming-webhook payload: a plain `text` fallback and blocks (section, context, link button). */
export function slackPayload(message: OutboundMessage) {
  const e = escapeMrkdwn;
  const link = safeLink(message.link);
  const headline = message.title ? `*${e(message.title)}*\n` : '';
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${EMOJI[message.severity] ?? ''} ${headline}${e(message.text)}`.trim() },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: e(message.tenantName) }] },
  ];
  if (link) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: words(message.locale).open },
          url: link,
          action_id: `open:${message.notificationId}`,
        },
      ],
    });
  }
  const fallback = message.title ? `${message.title}: ${message.text}` : message.text;
  return { text: e(`[${message.tenantName}] ${fallback}`), blocks };
}

/** Slack through an incoming webhook (the URL is in the channel's config; `address` is unused). */
export class SlackSender implements ChannelSender<SlackConfig> {
  readonly kind = 'slack' as const;
  readonly addressField = null;

  constructor(private readonly http: ProviderHttp) {}

  async send(message: OutboundMessage, _address: string, config: SlackConfig): Promise<SendResult> {
    const reply = await this.http.post(config.url, slackPayload(message));
    if (reply.status >= 200 && reply.status < 300) return { providerStatus: reply.status };
    // Slack answers with a bare error code in text/plain (`no_service`, `invalid_payload`).
    const providerCode = shortCode(reply.text.trim());
    // 404 no_service / 410 channel_is_archived mean the webhook is gone; both are final.
    if (reply.status === 404 && providerCode && /no_service|no_team|channel_not_found/.test(providerCode)) {
      throw httpError({ status: 410, headers: reply.headers }, { providerCode });
    }
    throw httpError(reply, { providerCode });
  }
}
