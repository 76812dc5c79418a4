import { e164 } from '../address.ts';
import { plainBody } from '../text.ts';
import type { TwilioMessages } from '../twilio.ts';
import type { ChannelSender, OutboundMessage, SendResult } from '../types.ts';
import type { SmsConfig } from './config.ts';

/** SMS through Twilio's Messages API. */
export class SmsSender implements ChannelSender<SmsConfig> {
  readonly kind = 'sms' as const;
  readonly addressField = 'phone' as const;

  constructor(private readonly twilio: TwilioMessages) {}

  async send(message: OutboundMessage, address: string, config: SmsConfig): Promise<SendResult> {
    const to = e164(address);
    const from = config.from;
    const created = await this.twilio.create(config, { to, from, body: plainBody(message) });
    return { providerMessageId: created.sid, providerStatus: 201 };
  }
}
