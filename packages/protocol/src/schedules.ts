import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './rules.ts';

/** An instant with its offset, e.g. `2025-03-14T20:00:00-06:00` or `…Z`. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** How long before `dueAt` a reminder goes out: `-5d`, `-24h`, `-2h`, `0m` (at the due time). */
export const ReminderOffsetSchema = z
  .string()
  .regex(DURATION_PATTERN, 'an offset such as -24h, -2h, -5d')
  .refine((d) => (parseDuration(d) ?? 1) <= 0, {
    message: 'a reminder comes before the due time: -24h, not 24h',
  });

/** Groups scheduled notifications so that one call cancels them all (a reservation confirmed). */
export const CancelKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#]+$/, 'no spaces, "/", "?" or "#"');

/** One stored schedule: `deliver` for `deliverAt`, the offset (`-24h`) for a reminder. */
export const ScheduledItemSchema = z.object({ id: z.string(), label: z.string(), dueAt: z.string() });
export type ScheduledItem = z.infer<typeof ScheduledItemSchema>;

/** A reminder that was not stored because its time had already passed. */
export const SkippedReminderSchema = z.object({ label: z.string(), dueAt: z.string(), reason: z.string() });

export const SchedulesCancelledSchema = z.object({ cancelled: z.number().int() });

/** SLA watch settings of a tenant: K breaches within the window make one incident. */
export const SlaSettingsSchema = z
  .object({
    incidentThreshold: z.number().int().min(1).max(1000),
    incidentWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  })
  .partial()
  .strict();
export type SlaSettings = z.infer<typeof SlaSettingsSchema>;

export const SLA_DEFAULTS = { incidentThreshold: 5, incidentWindowMinutes: 30, after: '10m' } as const;
