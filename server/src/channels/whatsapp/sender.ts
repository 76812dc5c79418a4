import { e164 } from '../address.ts';
import type { ProviderHttp } from '../http.ts';
import { plainBody } from '../text.ts';
import { TwilioMessages } from '../twilio.ts';
import type { ChannelSender, OutboundMessage, SendResult } from '../types.ts';
import type { WhatsappConfig } from './config.ts';
import { sendGeneric } from './generic.ts';
import { sendMeta } from './meta.ts';

export interface WhatsappSenderOptions {
  http: ProviderHttp;
  /** Shared with the SMS sender (one client per API base); built over `http` when absent. */
  twilio?: TwilioMessages;
}

/** The WhatsApp text of a notification: bold tenant, title, message, link, numbered replies. */
export function whatsappText(message: OutboundMessage): string {
  return plainBody(message, (s) => `*${s.replace(/\*/g, '')}*`);
}

/** WhatsApp through Twilio, Meta's Cloud API, or a generic HTTP gateway, as the channel says. */
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
    const to = e164(address);
    const text = whatsappText(message);
    switch (config.provider) {
      case 'twilio': {
        const created = await this.twilio.create(config, {
          to: `whatsapp:${to}`,
          from: `whatsapp:${e164(config.from)}`,
          body: text,
        });
        return { providerMessageId: created.sid, providerStatus: 201 };
      }
      case 'meta':
        return sendMeta(this.http, config, to, text);
      case 'http':
        return sendGeneric(this.http, config, to, text, message);
    }
  }
}
