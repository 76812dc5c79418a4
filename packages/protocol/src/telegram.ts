import { z } from 'zod';

/** `POST /v1/recipients/:id/telegram-link`: which Telegram channel (bot) to link through. */
export const TelegramLinkInputSchema = z
  .object({
    channelId: z.uuid().optional(),
  })
  .strict();
export type TelegramLinkInput = z.infer<typeof TelegramLinkInputSchema>;

/** A single-use `t.me/<bot>?start=<token>` link that ties the chat that opens it to the recipient. */
export const TelegramLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
});
export type TelegramLink = z.infer<typeof TelegramLinkSchema>;

/** How long a linking token stays valid. */
export const TELEGRAM_LINK_TTL_MS = 24 * 3600 * 1000;

/** A tenant's Telegram settings (`PATCH /v1/tenant` `{settings: {telegram: …}}`). */
export const TelegramSettingsSchema = z
  .object({
    /**
     * Whether a bare `/start` followed by a document number links a chat (on by default). Off, a
     * chat links only through a `/v1/recipients/:id/telegram-link` link.
     */
    documentLinking: z.boolean(),
  })
  .partial()
  .strict();
export type TelegramSettings = z.infer<typeof TelegramSettingsSchema>;
