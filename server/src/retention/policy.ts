import { RETENTION_DEFAULTS, type RetentionSettings, RetentionSettingsSchema } from '@aviso/protocol';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A tenant's retention in force: every field set, from its settings or the defaults. */
export type RetentionPolicy = Required<RetentionSettings>;

/** The oldest moment kept, per kind of row: rows from before it are deleted. */
export interface RetentionCutoffs {
  idempotencyKeys: Date;
  readNotifications: Date;
  notifications: Date;
  stockAlerts: Date;
  schedules: Date;
  deliveries: Date;
}

/**
 * The policy of a tenant from its stored settings (`settings.retention`), each absent field
 * taking its default; `deliveryDays` is the operator's default for finished deliveries. A stored
 * group that no longer validates is ignored as a whole rather than half-applied.
 */
export function retentionPolicy(settings: Record<string, unknown>, deliveryDays: number): RetentionPolicy {
  const parsed = RetentionSettingsSchema.safeParse(settings.retention ?? {});
  const own = parsed.success ? parsed.data : {};
  const policy = { ...RETENTION_DEFAULTS, finishedDeliveriesDays: deliveryDays, ...own };
  // Unread notifications are never dropped before read ones.
  policy.unreadNotificationsDays = Math.max(policy.unreadNotificationsDays, policy.readNotificationsDays);
  return policy;
}

/** The cut-off dates of a policy at `now`. */
export function cutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    idempotencyKeys: before(policy.idempotencyKeysHours * HOUR),
    readNotifications: before(policy.readNotificationsDays * DAY),
    notifications: before(policy.unreadNotificationsDays * DAY),
    stockAlerts: before(policy.resolvedStockAlertsDays * DAY),
    schedules: before(policy.finishedSchedulesDays * DAY),
    deliveries: before(policy.finishedDeliveriesDays * DAY),
  };
}
