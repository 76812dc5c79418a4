import type { z } from 'zod';
import { EmailConfigSchema } from './email/config.ts';
import { SlackConfigSchema } from './slack/config.ts';
import { SmsConfigSchema } from './sms/config.ts';
import { TelegramConfigSchema } from './telegram/config.ts';
import type { ChannelKind } from './types.ts';
import { WebhookConfigSchema } from './webhook/config.ts';
import { WhatsappConfigSchema } from './whatsapp/config.ts';

/** The zod schema of each kind's configuration; the channels API validates with these. */
export const channelConfigSchemas = {
  email: EmailConfigSchema,
  whatsapp: WhatsappConfigSchema,
  telegram: TelegramConfigSchema,
  sms: SmsConfigSchema,
  slack: SlackConfigSchema,
  webhook: WebhookConfigSchema,
} as const satisfies Record<ChannelKind, z.ZodType>;

/** The validated configuration type of each kind. */
export type ChannelConfigMap = { [K in ChannelKind]: z.infer<(typeof channelConfigSchemas)[K]> };

/**
 * Fields that hold secrets, per kind: encrypted at rest and masked on read by the channels API.
 * (A Slack webhook URL is itself a credential.)
 */
export const channelSecretFields: { readonly [K in ChannelKind]: readonly string[] } = {
  email: ['pass'],
  whatsapp: ['authToken', 'accessToken', 'appSecret', 'verifyToken', 'apiKey'],
  telegram: ['botToken', 'webhookSecret'],
  sms: ['authToken'],
  slack: ['url'],
  webhook: ['secret', 'secrets', 'headers'],
};
