import { z } from 'zod';
import { TwilioAccountSchema } from '../twilio.ts';

const phone = z.string().regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, 'an E.164 number (+countrycode…)');

/** WhatsApp through Twilio: `from` is the WhatsApp-enabled sender number. */
export const WhatsappTwilioConfigSchema = z.strictObject({
  ...TwilioAccountSchema.shape,
  provider: z.literal('twilio'),
  from: phone,
});

/** WhatsApp Cloud API (Meta). `appSecret` and `verifyToken` are for the inbound hook. */
export const WhatsappMetaConfigSchema = z.strictObject({
  provider: z.literal('meta'),
  phoneNumberId: z.string().regex(/^\d+$/, 'the numeric Phone Number ID'),
  accessToken: z.string().min(1),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  apiRoot: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
  appSecret: z.string().min(1).optional(),
  verifyToken: z.string().min(1).optional(),
});

/** Any HTTP gateway: a JSON POST to `url` with the key in `apiKeyHeader`. */
export const WhatsappHttpConfigSchema = z.strictObject({
  provider: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1),
  apiKeyHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/)
    .default('X-API-Key'),
});

/** One WhatsApp channel: the provider is chosen per channel. */
export const WhatsappConfigSchema = z.discriminatedUnion('provider', [
  WhatsappTwilioConfigSchema,
  WhatsappMetaConfigSchema,
  WhatsappHttpConfigSchema,
]);
export type WhatsappConfig = z.infer<typeof WhatsappConfigSchema>;
export type WhatsappTwilioConfig = z.infer<typeof WhatsappTwilioConfigSchema>;
export type WhatsappMetaConfig = z.infer<typeof WhatsappMetaConfigSchema>;
export type WhatsappHttpConfig = z.infer<typeof WhatsappHttpConfigSchema>;
