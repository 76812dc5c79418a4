import { randomUUID } from 'node:crypto';
import { POS_ERP_CATALOG } from '@aviso/protocol';
import type { ChannelKind, OutboundMessage } from '../channels/index.ts';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
import type { TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { pickLocale } from '../ingest/templates.ts';
import { attemptOf, type DeliveryContext, errorText, type Outcome, sentOutcome } from './context.ts';
import { asSendError, disableChannel } from './send.ts';

/** The catalog's test message (`PRUEBA`) in the tenant's language, for one test delivery. */
export function testMessage(tenant: TenantRow, deliveryId: string, at: Date): OutboundMessage {
  const test = POS_ERP_CATALOG.PRUEBA;
  return {
    notificationId: deliveryId,
    type: 'PRUEBA',
    tenantName: tenant.name,
    title: pickLocale(test.title, tenant.locale) ?? null,
    text: pickLocale(test.message, tenant.locale)!,
    link: null,
    severity: test.severity,
    locale: tenant.locale,
    // Each test is a new message, also when a failed one is sent again.
    idempotencyKey: randomUUID(),
    createdAt: at.toISOString(),
  };
}

/**
 * A failed channel test retried by hand: the test message again, to the same channel and the
 * address the test kept. Sent once, like the test itself: its outcome is the answer.
 */
export async function sendChannelTest(
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  tenant: TenantRow,
  tried: NewAttempt[],
): Promise<Outcome> {
  const channel = row.channelId ? await store.channels.get(row.channelId) : undefined;
  if (!channel) return { status: 'cancelled', lastError: 'the channel no longer exists' };
  const address = row.plan.address;
  if (address === undefined) return { status: 'cancelled', lastError: 'the test kept no address' };
  const via = { kind: channel.kind, channelId: channel.id };
  const started = performance.now();
  try {
    const sent = await ctx.registry.send(
      channel.kind as ChannelKind,
      testMessage(tenant, row.id, ctx.now()),
      address,
      channel.config,
    );
    tried.push(attemptOf(ctx, via, started, sent));
    return { ...sentOutcome(ctx, row, sent, started), ...via };
  } catch (err) {
    const e = asSendError(err);
    const attempt = attemptOf(ctx, via, started, e);
    tried.push(attempt);
    if (e.code === 'ENDPOINT_GONE') await disableChannel(ctx, tenant.id, channel, e.message);
    return {
      status: 'failed',
      attempts: row.attempts + 1,
      errorCode: e.code,
      lastError: errorText(e.message),
      durationMs: attempt.durationMs,
      ...via,
    };
  }
}
