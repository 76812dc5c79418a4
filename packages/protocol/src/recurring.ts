import { z } from 'zod';
import { EventInputSchema, TimeZoneSchema } from './api.ts';
import { safeText } from './safe.ts';
import { CancelKeySchema, InstantSchema, ReminderOffsetSchema, ScheduledItemSchema } from './schedules.ts';

/**
 * A recurring schedule: the event is published at every occurrence of a cron pattern (croner
 * syntax, 5 or 6 fields, in the tenant's time zone unless another is given), or at each of its
 * reminders before every occurrence. `DELETE /v1/schedules/{cancelKey}` stops it.
 */
export const RecurringScheduleInputSchema = z
  .object({
    /** Names the series: listing, and cancelling it with `DELETE /v1/schedules/{cancelKey}`. */
    cancelKey: CancelKeySchema,
    /** `0 9 1 * *`: the 1st of every month at 9:00; `0 9 1 *\/3 *`: every three months. */
    cron: z.string().min(9).max(120),
    timezone: TimeZoneSchema.optional(),
    /** No occurrence before this instant (now by default). */
    startAt: InstantSchema.optional(),
    /** No occurrence after this instant. */
    until: InstantSchema.optional(),
    /** At most this many occurrences. */
    maxRuns: z.number().int().min(1).max(10_000).optional(),
    /**
     * Offsets from each occurrence (`-3d`, `0m`), each published with the occurrence as its due
     * date (`dueAt`, `dueDate`, `when`, `days` in the data); without them, once at each occurrence.
     */
    reminders: z
      .array(ReminderOffsetSchema)
      .min(1)
      .max(10)
      .refine((r) => new Set(r).size === r.length, { message: 'each offset once' })
      .optional(),
    /** The event published each time; its own scheduling fields are not allowed here. */
    event: EventInputSchema.refine(
      (e) => !e.deliverAt && !e.dueAt && !e.reminders && !e.cancelKey && !e.idempotencyKey,
      {
        message:
          'the event of a recurring schedule has no deliverAt, dueAt, reminders, cancelKey or idempotencyKey',
      },
    ),
    idempotencyKey: safeText(255, 1).optional(),
  })
  .strict();
export type RecurringScheduleInput = z.infer<typeof RecurringScheduleInputSchema>;

/** The rule a recurring schedule's rows carry (stored with each pending occurrence). */
export interface Recurrence {
  /** The id the series was created with (`POST /v1/schedules` answered it). */
  seriesId: string;
  cron: string;
  timezone: string;
  /** The reminder offset of this series of rows (`-3d`), or `0m` for the occurrence itself. */
  offset: string;
  /** ISO instant of the occurrence this row is for. */
  occurrence: string;
  until: string | null;
  /** Occurrences left after this one (null: no limit). */
  remaining: number | null;
  /** Set when the series was cancelled while one of its rows was running: no next row. */
  stopped?: boolean;
}

export const RecurringScheduleCreatedSchema = z.object({
  id: z.string(),
  status: z.literal('scheduled'),
  /** The first row of each reminder series. */
  scheduled: z.array(ScheduledItemSchema),
  /** The next few occurrences, for a person to check the pattern. */
  nextOccurrences: z.array(z.string()),
});

const STATUSES = ['pending', 'running', 'done', 'cancelled', 'failed'] as const;

/** One stored schedule: a one-off `deliverAt`, a reminder, a recurring occurrence, or an SLA check. */
export const ScheduleSchema = z.object({
  id: z.string(),
  cancelKey: z.string().nullable(),
  /** `deliver`, a reminder offset (`-24h`), `recurring`, or the hub's own `sla` / `sla-incident`. */
  label: z.string(),
  /** The event type it publishes. */
  type: z.string().nullable(),
  dueAt: z.string(),
  status: z.enum(STATUSES),
  recurrence: z
    .object({
      seriesId: z.string(),
      cron: z.string(),
      timezone: z.string(),
      offset: z.string(),
      occurrence: z.string(),
      until: z.string().nullable(),
      remaining: z.number().int().nullable(),
    })
    .nullable(),
  notificationId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const ScheduleListQuerySchema = z.object({
  status: z.enum(STATUSES).default('pending'),
  cancelKey: CancelKeySchema.optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ScheduleListQuery = z.infer<typeof ScheduleListQuerySchema>;

export const SchedulePageSchema = z.object({
  items: z.array(ScheduleSchema),
  nextCursor: z.string().nullable(),
});
