import { z } from 'zod';

/** Where an answer to a notification's action came from. */
export const ACTION_SOURCES = ['widget', 'whatsapp', 'telegram', 'sms'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];
export const ActionSourceSchema = z.enum(ACTION_SOURCES);

/**
 * The answer to `POST /v1/me/notifications/:id/actions/:actionId`. The first answer to a
 * notification, from anyone and any channel, wins: a later one gets `recorded: false` and the
 * `actionId` that was recorded first.
 */
export const ActionResultSchema = z.object({
  id: z.string(),
  recorded: z.boolean(),
  actionId: z.string(),
  readAt: z.string(),
  unreadCount: z.number().int(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

/** The `data` of a `notification.action` webhook. */
export const ActionEventDataSchema = z.object({
  notificationId: z.string(),
  type: z.string(),
  actionId: z.string(),
  label: z.string(),
  recipientId: z.string(),
  via: ActionSourceSchema,
  actedAt: z.string(),
});
export type ActionEventData = z.infer<typeof ActionEventDataSchema>;
