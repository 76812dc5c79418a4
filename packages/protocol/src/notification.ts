import { z } from 'zod';

/** How loud a notification is; drives the widget's colour and the default fallback rules. */
export const SEVERITIES = ['info', 'success', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SeveritySchema = z.enum(SEVERITIES);

/** Roles of a recipient. Only `owner` changes visibility: owners see every branch. */
export const ROLES = ['owner', 'admin', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** A button a notification offers (confirm a reservation, acknowledge an SLA alert). */
export const ActionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, "_" or "-", at most 32'),
    label: z.string().min(1).max(40),
    style: z.enum(['primary', 'secondary', 'danger']).optional(),
  })
  .strict();
export type Action = z.infer<typeof ActionSchema>;

/** The notification as it travels to the widget (socket and `/v1/me`), with the reader's own state. */
export const NotificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** The event type's category (sales, inventory…): what the bell's filter picks by. */
  category: z.string().optional(),
  title: z.string().nullable(),
  message: z.string(),
  entityId: z.string().nullable(),
  branchIds: z.array(z.string()).nullable(),
  data: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  severity: SeveritySchema,
  icon: z.string(),
  actions: z.array(ActionSchema).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  seenAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  actionId: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** Pushed to every socket of one person when they read, archive or act in any tab or device. */
export interface NotificationUpdate {
  /** The notifications that changed; empty with `all: true` for "read all". */
  ids: string[];
  all?: boolean;
  readAt?: string;
  archivedAt?: string;
  actionId?: string;
  /** Marked unread again: `readAt` goes back to null. */
  unread?: boolean;
  /** Taken out of the archive: `archivedAt` goes back to null (it stays read). */
  unarchived?: boolean;
  /** Snoozed: out of the inbox until then, when it comes back unread. */
  snoozedUntil?: string;
  /** The snooze ended: the notification is back, unread (`item`), and toasts again. */
  snoozeEnded?: boolean;
  /**
   * The notification as the person sees it now, when the change brings it back into lists that
   * had dropped it (marked unread, unarchived, back from a snooze): every tab puts it in place.
   */
  item?: Notification;
}
