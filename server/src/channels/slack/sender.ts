import { DEFAULT_HTTP_TIMEOUT_MS, httpError, postJson, providerText } from '../http.ts';
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

  constructor(private readonly timeoutMs = DEFAULT_HTTP_TIMEOUT_MS) {}

  async send(message: OutboundMessage, _address: string, config: SlackConfig): Promise<SendResult> {
    const reply = await postJson(config.url, slackPayload(message), { timeoutMs: this.timeoutMs });
    if (reply.status >= 200 && reply.status < 300) return { providerStatus: reply.status };
    // Slack answers 404 no_service / 410 channel_is_archived when the webhook is gone; both are final.
    if (reply.status === 404 && /no_service|no_team|channel_not_found/.test(reply.text)) {
      throw httpError({ status: 410, headers: reply.headers }, { message: providerText(reply.text) });
    }
    throw httpError(reply, { message: providerText(reply.text) });
  }
}
