import { z } from 'zod';
import { CATEGORIES, EVENT_TYPE_PATTERN } from './catalog.ts';
import { DeliverySchema } from './deliveries.ts';
import { ActionSchema, RoleSchema, SeveritySchema } from './notification.ts';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from './safe.ts';

/** A host's id in a query (a branch, a person, an entity): storable text, no control characters. */
const QueryId = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    .regex(/^[^\x00-\x1f\x7f]+$/, 'no control characters')
    .refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });

/**
 * A template that wrote nothing where it named data the event did not bring (`{{supplierName}}`
 * with no `supplierName`): told in the event's answer and the preview, and kept on the notification.
 */
export const TemplateWarningSchema = z.object({
  /** Which text: the title, the message, or a per-type email subject or body. */
  field: z.enum(['title', 'message', 'emailSubject', 'emailBody']),
  code: z.literal('MISSING_DATA'),
  /** The variables that were missing, as the template names them (`supplierName`, `p.name`). */
  variables: z.array(z.string()),
});
export type TemplateWarning = z.infer<typeof TemplateWarningSchema>;

/** Filters of the tenant-wide notification listing (`GET /v1/notifications`). */
export const NotificationListQuerySchema = z.object({
  type: z.string().regex(EVENT_TYPE_PATTERN, 'an event type such as NUEVA_VENTA').optional(),
  category: z.enum(CATEGORIES).optional(),
  severity: SeveritySchema.optional(),
  /** Notifications addressed to this branch (global and personal ones are not). */
  branchId: QueryId(64).optional(),
  /** Notifications this person can see (the visibility rule: named, branch, owner, global). */
  recipientId: QueryId(64).optional(),
  entityId: QueryId(128).optional(),
  /** Only those whose templates reported missing data. */
  warnings: z.enum(['true', 'false']).optional(),
  /** Only notifications created in the last `days` days. */
  days: z.coerce.number().int().min(1).max(366).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

/** A notification as the tenant's admins see it: whom it names, and what its templates missed. */
export const TenantNotificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  category: z.string(),
  title: z.string().nullable(),
  message: z.string(),
  entityId: z.string().nullable(),
  branchIds: z.array(z.string()).nullable(),
  recipientIds: z.array(z.string()).nullable(),
  data: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  severity: SeveritySchema,
  icon: z.string(),
  actions: z.array(ActionSchema).nullable(),
  warnings: z.array(TemplateWarningSchema),
  createdAt: z.string(),
});
export type TenantNotification = z.infer<typeof TenantNotificationSchema>;

export const TenantNotificationPageSchema = z.object({
  items: z.array(TenantNotificationSchema),
  nextCursor: z.string().nullable(),
});

/** One person the notification was for, and what became of it for them. */
export const ReceiptSchema = z.object({
  recipientId: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  /**
   * Whether they had the widget open when it was created, so it was pushed to them live
   * (`null`: not known, e.g. the notification predates the presence log).
   */
  live: z.boolean().nullable(),
  /** Shown on a visible screen (a toast, the open inbox). */
  seenAt: z.string().nullable(),
  readAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  /** Their answer to one of the notification's actions. */
  actionId: z.string().nullable(),
  actedAt: z.string().nullable(),
  /** The fallback, escalation and digest deliveries to them, oldest first, with their outcome. */
  deliveries: z.array(DeliverySchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** `GET /v1/notifications/:id/receipts`: who it was for, who got it live, saw it, read it, and what was sent. */
export const ReceiptsSchema = z.object({
  notification: TenantNotificationSchema,
  counts: z.object({
    /** People who can see it now (the visibility rule over today's recipients). */
    audience: z.number().int(),
    live: z.number().int(),
    seen: z.number().int(),
    read: z.number().int(),
    acted: z.number().int(),
    deliveries: z.number().int(),
  }),
  /** The people, those who read it first; at most `limit` of them. */
  people: z.array(ReceiptSchema),
  /** More people can see it than are listed. */
  truncated: z.boolean(),
  /** Deliveries to no person: webhooks, Slack, group chats. */
  endpoints: z.array(DeliverySchema),
});
export type Receipts = z.infer<typeof ReceiptsSchema>;

export const ReceiptsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
