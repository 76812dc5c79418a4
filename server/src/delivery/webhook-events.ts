import type { WebhookSender } from '../channels/webhook/sender.ts';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { attemptOf, type DeliveryContext, type Outcome, retryOrFail, sentOutcome } from './context.ts';
import { outboundMessage } from './message.ts';
import { webhookRows } from './planner.ts';
import { asSendError, disableChannel } from './send.ts';

/** The webhook event a finished delivery is told to the host as. */
export type DeliveryEvent = 'delivery.sent' | 'delivery.failed';

/** Queues the `delivery.sent` / `delivery.failed` webhook events of a finished delivery. */
export async function queueDeliveryEvent(
  ctx: DeliveryContext,
  store: TenantStore,
  row: DeliveryRow,
  event: DeliveryEvent,
) {
  const n = row.notificationId ? await store.notifications.byId(row.notificationId) : undefined;
  if (!n) return;
  const rows = await webhookRows(store, event, n, ctx.now());
  if (!rows.length) return;
  await store.deliveries.insert(rows.map((r) => ({ ...r, plan: { ...r.plan, about: row.id } })));
  ctx.wake();
}

/** Sends one signed webhook event (step `event`) to the endpoint the row names. */
export async function sendWebhookEvent(
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  tenant: TenantRow,
  n: NotificationRow,
  tried: NewAttempt[],
): Promise<Outcome> {
  const hook = row.channelId ? await store.channels.get(row.channelId) : undefined;
  if (!hook?.enabled) return { status: 'cancelled', lastError: 'the webhook endpoint is disabled or gone' };
  const wait = ctx.limiter.take(hook.id, hook.ratePerMinute, 'webhook', ctx.now());
  if (wait > 0) return { status: 'pending', dueAt: new Date(ctx.now().getTime() + wait) };
  const { about, action, read } = row.plan as {
    about?: string;
    action?: Record<string, unknown>;
    read?: Record<string, unknown>;
  };
  const started = performance.now();
  const via = { kind: 'webhook', channelId: hook.id };
  try {
    const sender = ctx.registry.get('webhook') as unknown as WebhookSender;
    const config = hook.config as Parameters<WebhookSender['sendEvent']>[1];
    const data =
      row.plan.event === 'notification.created'
        ? undefined
        : { notificationId: n.id, type: n.type, ...(about ? { deliveryId: about } : {}), ...action, ...read };
    const sent = data
      ? await sender.sendEvent({ id: row.id, type: row.plan.event as never, data }, config)
      : await ctx.registry.send('webhook', outboundMessage(n, tenant, row.id, null), '', hook.config);
    tried.push(attemptOf(ctx, via, started, sent));
    return sentOutcome(ctx, row, sent, started);
  } catch (err) {
    const e = asSendError(err);
    tried.push(attemptOf(ctx, via, started, e));
    if (e.code === 'ENDPOINT_GONE') await disableChannel(ctx, tenant.id, hook, e.message);
    if (e.code === 'ENDPOINT_GONE' || !e.retryable) {
      return { status: 'failed', attempts: row.attempts + 1, errorCode: e.code, lastError: e.message };
    }
    return retryOrFail(ctx, row, { code: e.code, message: e.message, retryAfterMs: e.retryAfterMs ?? 0 });
  }
}
