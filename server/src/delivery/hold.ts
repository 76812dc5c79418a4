import { PROMOTION_QUIET_HOURS_DEFAULT, PromotionSettingsSchema } from '@aviso/protocol';
import type { DeliveryRow } from '../db/repos/deliveries.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { DeliveryContext, Outcome } from './context.ts';
import { groupStepMoot } from './groups.ts';
import { quietUntil } from './policy.ts';

/** The tenant's quiet hours for promotions: its own setting, the default when it set none, none when `null`. */
export function promotionQuietHours(tenant: Pick<TenantRow, 'settings'>) {
  const parsed = PromotionSettingsSchema.safeParse(tenant.settings.promotions ?? {});
  const set = parsed.success ? parsed.data.quietHours : undefined;
  return set === undefined ? PROMOTION_QUIET_HOURS_DEFAULT : set;
}

/**
 * What holds a due row back before anyone's preferences are read: a promotion inside the tenant's
 * promotion quiet hours waits for their end, on every channel (group chats and Slack included, which
 * have no person and so no quiet hours of their own); a group's `unseen`/`unread` step is cancelled
 * when everyone the step was for saw or read the notification.
 */
export async function heldBack(
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  tenant: TenantRow,
  n: NotificationRow,
): Promise<Outcome | undefined> {
  const moot = await groupStepMoot(row, store, n);
  if (moot) return { status: 'cancelled', lastError: moot };
  if (n.category !== 'promotions' || row.step === 'event') return undefined;
  const until = quietUntil(ctx.now(), promotionQuietHours(tenant), tenant.timezone);
  return until ? { status: 'pending', dueAt: until, lastError: 'quiet hours for promotions' } : undefined;
}
