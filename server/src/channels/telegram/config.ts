import { z } from 'zod';

/** A Telegram bot. `botUsername` and `webhookSecret` serve the linking flow and the inbound hook. */
export const TelegramConfigSchema = z.strictObject({
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a bot token from @BotFather (123456:ABC…)'),
  apiRoot: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  botUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/)
    .optional(),
  webhookSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .optional(),
});
export type TelegramConfig = z.infer<typeof TelegramConfigSchema>;
