import { z } from 'zod';
import { EVENT_TYPE_PATTERN } from './catalog.ts';
import { ChannelKindSchema } from './rules.ts';

/** Where a delivery is in its life: queued, being sent, or finished one way or another. */
export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'bounced',
  'cancelled',
  'skipped',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES);

/** Statuses from which a delivery can be retried by hand. */
export const RETRYABLE_DELIVERY_STATUSES = ['failed', 'bounced'] as const satisfies readonly DeliveryStatus[];

/** The longest window `GET /v1/deliveries/stats` answers for. */
export const MAX_STATS_DAYS = 90;

/** One row of the delivery log, as the API shows it (contact addresses in errors are masked). */
export const DeliverySchema = z.object({
  id: z.string(),
  notificationId: z.string().nullable(),
  type: z.string(),
  recipientId: z.string().nullable(),
  /** A group chat's delivery (`groups: true` rules): the branch whose group it is, null for the tenant's own. */
  group: z.object({ branchId: z.string().nullable() }).nullable(),
  /** Why it exists: a rule step, a webhook `event`, or a channel `test`. */
  step: z.enum(['fallback', 'escalate', 'digest', 'event', 'test']),
  condition: z.enum(['offline', 'unseen', 'unread']).nullable(),
  /** The channel kind used (or last tried); null until one was chosen. */
  channel: z.string().nullable(),
  channelId: z.string().nullable(),
  status: DeliveryStatusSchema,
  attempts: z.number().int(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  providerMessageId: z.string().nullable(),
  errorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/**
 * What became of one try: `sent` (the provider took it), `retry` (a passing error, tried again
 * later), `failed` (for good, or a provider's later failure report), `bounced` (the address refused).
 */
export const DELIVERY_ATTEMPT_OUTCOMES = ['sent', 'retry', 'failed', 'bounced'] as const;
export type DeliveryAttemptOutcome = (typeof DELIVERY_ATTEMPT_OUTCOMES)[number];

/** One try of a delivery through one provider (errors masked and short, as in the log). */
export const DeliveryAttemptSchema = z.object({
  at: z.string(),
  /** The channel kind tried; null when the try failed before one was chosen. */
  kind: z.string().nullable(),
  channelId: z.string().nullable(),
  /** The configured channel's name, while it exists. */
  channelName: z.string().nullable(),
  outcome: z.enum(DELIVERY_ATTEMPT_OUTCOMES),
  durationMs: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/**
 * One delivery with its history: `attemptLog` holds every try, oldest first, also those before a
 * retry by hand (`attempts` counts the tries since the last one).
 */
export const DeliveryDetailSchema = DeliverySchema.extend({
  attemptLog: z.array(DeliveryAttemptSchema),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;

export const DeliveryListQuerySchema = z.object({
  status: DeliveryStatusSchema.optional(),
  channel: ChannelKindSchema.optional(),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'an event type such as PRODUCTO_STOCK_BAJO').optional(),
  /** Only deliveries created in the last `days` days. */
  days: z.coerce.number().int().min(1).max(366).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;

export const DeliveryPageSchema = z.object({
  items: z.array(DeliverySchema),
  nextCursor: z.string().nullable(),
});
export type DeliveryPage = z.infer<typeof DeliveryPageSchema>;

export const DeliveryStatsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(MAX_STATS_DAYS).default(7),
});

/** Outcome counts of one channel or one type; successRate = sent / (sent + failed + bounced). */
const OutcomeCounts = {
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  bounced: z.number().int(),
  /** Null while nothing has finished as sent, failed or bounced. */
  successRate: z.number().nullable(),
};

export const DeliveryStatsSchema = z.object({
  /** Calendar days in the tenant's time zone, today included. */
  days: z.number().int(),
  timezone: z.string(),
  total: z.number().int(),
  byStatus: z.record(DeliveryStatusSchema, z.number().int()),
  byChannel: z.array(z.object({ channel: z.string().nullable(), ...OutcomeCounts })),
  byType: z.array(z.object({ type: z.string(), ...OutcomeCounts })),
  /** How many recipients can be reached on each channel (a Telegram chat linked, a number, an email). */
  linked: z.object({
    telegram: z.number().int(),
    whatsapp: z.number().int(),
    sms: z.number().int(),
    email: z.number().int(),
  }),
  /** Every day of the window, oldest first, zeros included; `pending` counts queued and in-flight rows. */
  byDay: z.array(
    z.object({
      day: z.string(),
      total: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
      bounced: z.number().int(),
      cancelled: z.number().int(),
      skipped: z.number().int(),
      pending: z.number().int(),
    }),
  ),
});
export type DeliveryStats = z.infer<typeof DeliveryStatsSchema>;
