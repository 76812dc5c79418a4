import { type ChannelKind, SendError } from '../channels/index.ts';
import { newId } from '../db/ids.ts';
import type { ChannelRow } from '../db/repos/channels.ts';
import type { DeliveryRow, NewAttempt } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { maskPii } from '../lib/log.ts';
import { type Candidate, candidates } from './candidates.ts';
import { attemptOf, type DeliveryContext, type Outcome, retryOrFail, sentOutcome } from './context.ts';
import { emailTextsFor } from './email-texts.ts';
import { outboundMessage } from './message.ts';
import { whatsappSession } from './whatsapp.ts';

type KindResult = Outcome & { retryable?: boolean; retryAfterMs?: number };

/** Any error of a sender as a `SendError`; unknown ones are taken as passing. */
export function asSendError(err: unknown): SendError {
  return err instanceof SendError
    ? err
    : new SendError('PROVIDER_ERROR', (err as Error).message, { retryable: true });
}

/** Turns a channel off after its endpoint answered 410 Gone. */
export async function disableChannel(
  ctx: DeliveryContext,
  tenantId: string,
  channel: ChannelRow,
  why: string,
) {
  await ctx.store.forTenant(tenantId).channels.update(channel.id, { enabled: false, disabledReason: why });
  ctx.log.warn({ tenant: tenantId, channel: channel.id }, 'channel disabled: the endpoint is gone');
}

/** How a row that reached a person is sent (through its plan, or as a digest); each send is added to `tried`. */
export type PersonSend = (
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  tenant: TenantRow,
  n: NotificationRow,
  recipient: RecipientRow | undefined,
  tried: NewAttempt[],
) => Promise<Outcome>;

/**
 * Sends a notification to one person through the kinds of the row's plan: `all` fans out into
 * a row per kind, `first-available` tries kinds in order and, within a kind, its providers.
 * Each send is added to `tried`, in order.
 */
export const sendThroughPlan: PersonSend = async (ctx, row, store, tenant, n, recipient, tried) => {
  let options = await candidates(ctx, row, store, n, recipient);
  if (!options.length)
    return { status: 'skipped', lastError: 'no enabled channel and address for this person' };
  if (row.plan.mode === 'all' && !row.kind) {
    await fanOut(ctx, row, store, options.slice(1));
    options = options.slice(0, 1);
  }
  // A retry resumes at the kind it was on; kinds that failed for good before it are not tried again.
  const start = row.kind
    ? Math.max(
        0,
        options.findIndex((o) => o.kind === row.kind),
      )
    : 0;
  let last: { code: string; message: string; kind: string } | undefined;
  const passed: string[] = [];
  for (const option of options.slice(start)) {
    const result = await sendKind(ctx, row, option, tenant, n, recipient, tried);
    if (result.status === 'sent' && passed.length) {
      // Sent by a later kind: the log still says why the earlier ones were passed over.
      return { ...result, lastError: maskPii(`sent after ${passed.join('; ')}`).slice(0, 500) };
    }
    if (result.status) return result;
    last = { code: result.errorCode!, message: result.lastError!, kind: option.kind };
    passed.push(`${option.kind} failed: ${last.code} (${last.message})`);
    if (result.retryable) {
      return retryOrFail(ctx, row, { ...last, retryAfterMs: result.retryAfterMs ?? 0 });
    }
    if (result.errorCode === 'RECIPIENT_REJECTED' && options.length === 1) {
      return {
        status: 'bounced',
        attempts: row.attempts + 1,
        errorCode: last.code,
        lastError: last.message,
        kind: option.kind,
      };
    }
  }
  return {
    status: 'failed',
    attempts: row.attempts + 1,
    errorCode: last?.code ?? 'NO_CHANNEL',
    lastError: maskPii(last?.message ?? 'no channel could send it'),
    kind: last?.kind ?? row.kind,
  };
};

/** Mode `all`: this row keeps the first kind, a new row takes each of the others. */
async function fanOut(ctx: DeliveryContext, row: DeliveryRow, store: TenantStore, rest: Candidate[]) {
  if (!rest.length) return;
  await store.deliveries.insert(
    rest.map(({ kind }) => ({
      id: newId(),
      notificationId: row.notificationId,
      type: row.type,
      recipientId: row.recipientId,
      step: row.step,
      condition: row.condition,
      plan: { channels: [kind], mode: 'first-available' as const },
      kind,
      status: 'pending' as const,
      dueAt: ctx.now(),
    })),
  );
  ctx.wake();
}

/** Tries every provider of one kind in order. Returns a final outcome, or the last error. */
async function sendKind(
  ctx: DeliveryContext,
  row: DeliveryRow,
  option: Candidate,
  tenant: TenantRow,
  n: NotificationRow,
  recipient: RecipientRow | undefined,
  tried: NewAttempt[],
): Promise<KindResult> {
  let retryable = false;
  let retryAfterMs = 0;
  let last: SendError | undefined;
  for (const provider of option.providers) {
    const wait = ctx.limiter.take(provider.id, provider.ratePerMinute, option.kind, ctx.now());
    if (wait > 0) {
      // Over the provider's rate: come back when there is room, without counting an attempt.
      return { status: 'pending', dueAt: new Date(ctx.now().getTime() + wait), kind: option.kind };
    }
    const message = outboundMessage(n, tenant, row.id, recipient?.locale ?? null);
    const started = performance.now();
    const via = { kind: option.kind, channelId: provider.id };
    try {
      // The 24-hour window is per business number, so per provider of the kind.
      if (option.kind === 'whatsapp') {
        const store = ctx.store.forTenant(tenant.id);
        message.whatsapp = await whatsappSession(store, provider, option.address, n, tenant, ctx.now());
      }
      if (option.kind === 'email') {
        message.email = await emailTextsFor(ctx.store.forTenant(tenant.id), n, tenant, message.locale);
      }
      const sent = await ctx.registry.send(
        option.kind as ChannelKind,
        message,
        option.address,
        provider.config,
      );
      tried.push(attemptOf(ctx, via, started, sent));
      return { ...sentOutcome(ctx, row, sent, started), ...via };
    } catch (err) {
      const e = asSendError(err);
      tried.push(attemptOf(ctx, via, started, e));
      last = e;
      retryable ||= e.retryable;
      retryAfterMs = Math.max(retryAfterMs, e.retryAfterMs ?? 0);
      if (e.code === 'ENDPOINT_GONE') await disableChannel(ctx, tenant.id, provider, e.message);
    }
  }
  return {
    errorCode: last?.code ?? 'PROVIDER_ERROR',
    lastError: last?.message ?? 'failed',
    retryable,
    retryAfterMs,
  };
}
