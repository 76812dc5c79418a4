import { e164 } from '../address.ts';
import type { ProviderHttp } from '../http.ts';
import { plainBody } from '../text.ts';
import { TwilioMessages } from '../twilio.ts';
import type { ChannelSender, OutboundMessage, SendResult } from '../types.ts';
import type { WhatsappConfig } from './config.ts';
import { sendGeneric } from './generic.ts';
import { sendMeta, sendMetaTemplate } from './meta.ts';
import { templateRequired, twilioVariables } from './template.ts';

/** A WhatsApp group id as gateways name it; Meta and Twilio send to numbers only. */
const GROUP_ID = /^\d{5,30}(-\d{1,20})?@g\.us$/;

export interface WhatsappSenderOptions {
  http: ProviderHttp;
  /** Shared with the SMS sender (one client per API base); built over `http` when absent. */
  twilio?: TwilioMessages;
}

/** The WhatsApp text of a notification: bold tenant, title, message, link, numbered replies. */
export function whatsappText(message: OutboundMessage): string {
  return plainBody(message, (s) => `*${s.replace(/\*/g, '')}*`);
}

/**
 * WhatsApp through Twilio, Meta's Cloud API, or a generic HTTP gateway, as the channel says. Inside
 * the 24-hour window (or when the caller does not know it) the text goes out; outside it, Meta and
 * Twilio get the event type's approved template, and without one the send fails for good with
 * `TEMPLATE_REQUIRED`. A gateway gets the text and, outside the window, the template to use.
 */
export class WhatsappSender implements ChannelSender<WhatsappConfig> {
  readonly kind = 'whatsapp' as const;
  readonly addressField = 'whatsapp' as const;
  private readonly http: ProviderHttp;
  private readonly twilio: TwilioMessages;

  constructor(options: WhatsappSenderOptions) {
    this.http = options.http;
    this.twilio = options.twilio ?? new TwilioMessages(options.http);
  }

  async send(message: OutboundMessage, address: string, config: WhatsappConfig): Promise<SendResult> {
    const to = config.provider === 'http' && GROUP_ID.test(address.trim()) ? address.trim() : e164(address);
    const text = whatsappText(message);
    const outside = message.whatsapp?.windowOpen === false;
    const template = outside ? message.whatsapp?.template : undefined;
    switch (config.provider) {
      case 'twilio': {
        const from = `whatsapp:${e164(config.from)}`;
        if (outside && !template?.contentSid) throw templateRequired(message.type, 'Twilio');
        const created = await this.twilio.create(
          config,
          template?.contentSid
            ? {
                to: `whatsapp:${to}`,
                from,
                contentSid: template.contentSid,
                contentVariables: twilioVariables(template),
              }
            : { to: `whatsapp:${to}`, from, body: text },
        );
        return { providerMessageId: created.sid, providerStatus: 201 };
      }
      case 'meta': {
        if (!outside) return sendMeta(this.http, config, to, text);
        if (!template?.name || !template.language) throw templateRequired(message.type, 'Meta');
        return sendMetaTemplate(this.http, config, to, {
          ...template,
          name: template.name,
          language: template.language,
        });
      }
      case 'http':
        return sendGeneric(this.http, config, to, text, message, template);
    }
  }
}
