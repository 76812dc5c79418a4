import { z } from 'zod';

const days = () => z.number().int().min(1).max(3650);

/**
 * How long a tenant's stored data is kept (`PATCH /v1/tenant` `{settings: {retention: …}}`); each
 * absent field keeps its default (`RETENTION_DEFAULTS`). The hub deletes older rows daily.
 */
export const RetentionSettingsSchema = z
  .object({
    /** Hours an `Idempotency-Key` is remembered; at least the 24 h in which a retry is a duplicate. */
    idempotencyKeysHours: z.number().int().min(24).max(8760),
    /** Days a notification somebody read, answered or archived is kept (with its read states). */
    readNotificationsDays: days(),
    /** Days any notification is kept, read or not (never less than `readNotificationsDays`). */
    unreadNotificationsDays: days(),
    /** Days a resolved stock alert is kept after it was resolved. */
    resolvedStockAlertsDays: days(),
    /** Days a schedule that ran, was cancelled or failed is kept after it finished. */
    finishedSchedulesDays: days(),
    /** Days a finished delivery (sent, failed, bounced, cancelled, skipped) stays in the log. */
    finishedDeliveriesDays: days(),
  })
  .partial()
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

/**
 * The defaults. `finishedDeliveriesDays` is the hub's `AVISO_DELIVERY_RETENTION_DAYS` (90 unless
 * the operator set it).
 */
export const RETENTION_DEFAULTS = {
  idempotencyKeysHours: 48,
  readNotificationsDays: 90,
  unreadNotificationsDays: 365,
  resolvedStockAlertsDays: 90,
  finishedSchedulesDays: 30,
  finishedDeliveriesDays: 90,
} as const satisfies Required<RetentionSettings>;
