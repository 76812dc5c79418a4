import { z } from 'zod';

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** Quiet hours for promotions when a tenant sets none: no marketing at night. */
export const PROMOTION_QUIET_HOURS_DEFAULT = { start: '21:00', end: '09:00' } as const;

/**
 * A tenant's promotions settings (`PATCH /v1/tenant` `{settings: {promotions: …}}`). `quietHours`,
 * in the tenant's time zone, hold every promotion back on every channel — group chats and Slack
 * included, where a person's own quiet hours do not reach — on top of each person's own quiet
 * hours; `null` turns the tenant's off (people's own still apply).
 */
export const PromotionSettingsSchema = z
  .object({
    quietHours: z
      .strictObject({ start: HourMinute, end: HourMinute })
      .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] })
      .nullable(),
  })
  .partial()
  .strict();
export type PromotionSettings = z.infer<typeof PromotionSettingsSchema>;
