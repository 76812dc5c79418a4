import { z } from 'zod';
import type { ChannelKind } from './rules.ts';
import { WEBHOOK_EVENT_TYPES, WebhookSecretSchema } from './webhooks.ts';

// The configuration of each channel kind, validated by the hub and drawn as a form by the console.
// Field metadata (zod `.meta()`): `description`; `examples`, whose first entry is a form's
// placeholder; `advanced: true` for fields set through the API, which a form may leave out (the
// hub keeps their stored value).

const httpUrl = () => z.url({ protocol: /^https?$/ });

/** An SMTP account. `secure: true` is implicit TLS (port 465); otherwise STARTTLS when offered, or always with `requireTls`. */
export const EmailConfigSchema = z.strictObject({
  host: z
    .string()
    .min(1)
    .meta({ examples: ['smtp.example.com'] }),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false).meta({ description: 'Implicit TLS (port 465)' }),
  requireTls: z.boolean().default(false).meta({ description: 'Refuse to send without STARTTLS' }),
  user: z.string().min(1).optional(),
  pass: z.string().min(1).optional(),
  from: z
    .string()
    .min(3)
    .meta({ description: '`Name <address>` or a bare address', examples: ['Aviso <alerts@example.com>'] }),
  replyTo: z.string().min(3).optional(),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;
export type EmailConfigInput = z.input<typeof EmailConfigSchema>;

/** A Slack incoming webhook. The URL is the secret: whoever has it can post to the channel. */
export const SlackConfigSchema = z.strictObject({
  url: httpUrl().meta({ examples: ['https://hooks.slack.com/services/T000/B000/XXXX'] }),
});
export type SlackConfig = z.infer<typeof SlackConfigSchema>;

/** The account fields shared by Twilio SMS and Twilio WhatsApp. */
export const TwilioAccountSchema = z.object({
  accountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID (AC…)')
    .meta({ examples: ['AC0123456789abcdef0123456789abcdef'] }),
  authToken: z.string().min(1),
  apiBase: httpUrl()
    .optional()
    .meta({ description: 'Overrides https://api.twilio.com (a proxy, or a local stand-in)', advanced: true }),
  region: z.string().min(1).optional().meta({ advanced: true }),
  edge: z.string().min(1).optional().meta({ advanced: true }),
  statusCallback: z.url().optional().meta({
    description: 'Twilio calls it with the message status (delivered, undelivered)',
    advanced: true,
  }),
});
export type TwilioAccount = z.infer<typeof TwilioAccountSchema>;

/** SMS through Twilio: the account and the sending number (E.164) or a Messaging Service SID. */
export const SmsConfigSchema = z.strictObject({
  ...TwilioAccountSchema.shape,
  provider: z.literal('twilio').default('twilio'),
  from: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number, MG… or a sender id')
    .meta({ examples: ['+15005550006'] }),
});
export type SmsConfig = z.infer<typeof SmsConfigSchema>;

/** A Telegram bot. `botUsername` and `webhookSecret` serve the linking flow and the inbound hook. */
export const TelegramConfigSchema = z.strictObject({
  botToken: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a bot token from @BotFather (123456:ABC…)')
    .meta({ examples: ['123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11'] }),
  botUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/)
    .optional()
    .meta({ examples: ['MyStoreBot'] }),
  webhookSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .optional(),
  apiRoot: httpUrl().default('https://api.telegram.org'),
});
export type TelegramConfig = z.infer<typeof TelegramConfigSchema>;

/**
 * A signed webhook endpoint. During a rotation `secrets` holds the new and the old secret and every
 * request carries one signature per secret. `events` limits what the endpoint receives (all if absent).
 */
export const WebhookConfigSchema = z
  .strictObject({
    url: httpUrl().meta({ examples: ['https://example.com/hooks/aviso'] }),
    secret: WebhookSecretSchema.optional(),
    secrets: z
      .array(WebhookSecretSchema)
      .min(1)
      .max(5)
      .optional()
      .meta({ description: 'During a rotation: the new and the old secret', advanced: true }),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).optional(),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string())
      .optional()
      .meta({
        description: "Extra static headers (e.g. a key the receiver's gateway wants)",
        advanced: true,
      }),
  })
  .refine((c) => c.secret !== undefined || (c.secrets?.length ?? 0) > 0, {
    message: 'give `secret` or `secrets`',
    path: ['secrets'],
  });
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

const phone = z
  .string()
  .regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, 'an E.164 number (+countrycode…)')
  .meta({ examples: ['+5215512345678'] });

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
  apiRoot: httpUrl().default('https://graph.facebook.com').meta({ advanced: true }),
  appSecret: z.string().min(1).optional(),
  verifyToken: z.string().min(1).optional(),
});

/** Any HTTP gateway: a JSON POST to `url` with the key in `apiKeyHeader`. */
export const WhatsappHttpConfigSchema = z.strictObject({
  provider: z.literal('http'),
  url: httpUrl(),
  apiKey: z.string().min(1),
  apiKeyHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/)
    .default('X-API-Key'),
});

/** One WhatsApp channel: the provider is chosen per channel (the first one is the default). */
export const WhatsappConfigSchema = z.discriminatedUnion('provider', [
  WhatsappTwilioConfigSchema,
  WhatsappMetaConfigSchema,
  WhatsappHttpConfigSchema,
]);
export type WhatsappConfig = z.infer<typeof WhatsappConfigSchema>;
export type WhatsappTwilioConfig = z.infer<typeof WhatsappTwilioConfigSchema>;
export type WhatsappMetaConfig = z.infer<typeof WhatsappMetaConfigSchema>;
export type WhatsappHttpConfig = z.infer<typeof WhatsappHttpConfigSchema>;

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
