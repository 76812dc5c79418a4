import type { Category, Preferences } from '@aviso/protocol';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
import type { RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { sendChannelTest } from './channel-test.ts';
import type { DeliveryContext, Outcome } from './context.ts';
import { sendDigest } from './digest.ts';
import { heldBack } from './hold.ts';
import { quietUntil } from './policy.ts';
import { sendThroughPlan } from './send.ts';
import { sendWebhookEvent } from './webhook-events.ts';

/**
 * What becomes of one due row: cancelled when its notification was seen or read in time, skipped
 * for an opt-out, deferred through quiet hours, otherwise sent as a webhook event, a digest or
 * through the channels of its plan; a channel test retried by hand is sent again. Each send made
 * is added to `tried`.
 */
export async function deliver(
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  tried: NewAttempt[],
): Promise<Outcome> {
  const tenant = await store.settings.get();
  if (row.step === 'test') return sendChannelTest(ctx, row, store, tenant, tried);
  const n = row.notificationId ? await store.notifications.byId(row.notificationId) : undefined;
  if (!n) return { status: 'cancelled', lastError: 'the notification no longer exists' };

  if (row.step === 'event') return sendWebhookEvent(ctx, row, store, tenant, n, tried);
  const held = await heldBack(ctx, row, store, tenant, n);
  if (held) return held;

  let recipient: RecipientRow | undefined;
  if (row.recipientId) {
    recipient = await store.recipients.get(row.recipientId);
    if (!recipient) return { status: 'skipped', lastError: 'the recipient was removed' };
    const why = await noLongerNeeded(row, store, recipient);
    if (why) return { status: 'cancelled', lastError: why };
    if (row.condition === 'offline') {
      const now = await presenceNow(ctx, store.tenantId, recipient.id);
      if (now) return now;
    }
    const prefs = recipient.preferences as Preferences;
    if (prefs.categories?.[n.category as Category] === false) {
      return { status: 'skipped', lastError: `opted out of ${n.category}` };
    }
    const quiet = quietUntil(ctx.now(), prefs.quietHours, tenant.timezone);
    if (quiet) return { status: 'pending', dueAt: quiet, lastError: 'quiet hours' };
  }
  if (row.step === 'digest') return sendDigest(ctx, row, store, tenant, n, recipient, tried);
  return sendThroughPlan(ctx, row, store, tenant, n, recipient, tried);
}

/** Why a step should not fire any more: its notification was seen or read in time. */
async function noLongerNeeded(row: DeliveryRow, store: TenantStore, recipient: RecipientRow) {
  if (!row.condition || row.condition === 'offline') return undefined;
  const field = row.condition === 'unseen' ? 'seenAt' : 'readAt';
  const verb = row.condition === 'unseen' ? 'seen' : 'read';
  if (row.step === 'escalate') {
    // An escalation is moot once any target acted on the notification.
    return (await store.notifications.anyState(row.notificationId!, field))
      ? `${verb} by a target before escalation`
      : undefined;
  }
  const state = await store.notifications.state(recipient.id, row.notificationId!);
  const underWatermark = recipient.readUpTo && row.notificationId! <= recipient.readUpTo;
  if (state?.[field] || state?.readAt || underWatermark) return `${verb} before the step fired`;
  return undefined;
}

/** How long an `offline` step waits for presence to be known again before it counts the person as offline. */
export const PRESENCE_WAIT_MS = 60_000;
const PRESENCE_RETRY_MS = 5_000;

/**
 * An `offline` step asks again when it is due (the person may have come online since it was
 * planned): online → cancelled. While presence is unknown (Redis away or being rebuilt) the step
 * waits a little, up to `PRESENCE_WAIT_MS` of unknown presence; then it goes out, because a
 * fallback sent once too often is better than a notification nobody gets (ADR 0012).
 */
async function presenceNow(ctx: DeliveryContext, tenantId: string, recipientId: string) {
  if (!ctx.presence) return undefined;
  try {
    const online = await ctx.presence.online(tenantId, [recipientId]);
    if (online.has(recipientId)) {
      return { status: 'cancelled', lastError: 'online when the step fell due' } satisfies Outcome;
    }
    return undefined;
  } catch {
    if ((ctx.presence.unknownForMs() ?? 0) >= PRESENCE_WAIT_MS) return undefined;
    return {
      status: 'pending',
      dueAt: new Date(ctx.now().getTime() + PRESENCE_RETRY_MS),
      lastError: 'presence unknown (Redis away); checked again shortly',
    } satisfies Outcome;
  }
}
