import type { Category, Preferences } from '@aviso/protocol';
import type { Logger } from 'pino';
import type { ChannelKind, ChannelRegistry } from '../channels/index.ts';
import { SendError } from '../channels/index.ts';
import type { WebhookSender } from '../channels/webhook/sender.ts';
import type { ChannelRow } from '../db/repos/channels.ts';
import type { DeliveryRow } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow, TenantRow } from '../db/rows.ts';
import type { Store, TenantStore } from '../db/store.ts';
import { maskPii } from '../lib/log.ts';
import type { Metrics } from '../lib/metrics.ts';
import { PollingLoop } from '../lib/polling-loop.ts';
import { outboundMessage } from './message.ts';
import { webhookRows } from './planner.ts';
import { backoffMs, quietUntil } from './policy.ts';
import { ChannelRateLimiter } from './rate-limiter.ts';

export interface DeliveryWorkerOptions {
  store: Store;
  registry: ChannelRegistry;
  log: Logger;
  now?: () => Date;
  /** Rows claimed per round. */
  batch?: number;
  /** How long a claim is held before another node may take the row over (a crashed node's rows). */
  leaseMs?: number;
  /** Longest sleep between rounds when nothing is due sooner. */
  pollMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  limiter?: ChannelRateLimiter;
  /** Counts delivery outcomes for `/metrics`. */
  metrics?: Pick<Metrics, 'deliveries'>;
  /** The hub's own SMTP account, for tenants that configured no email channel. */
  defaultEmail?: Record<string, unknown>;
}

type Outcome = Partial<Omit<DeliveryRow, 'id' | 'tenantId'>>;

const ADDRESS: Record<ChannelKind, keyof RecipientRow | null> = {
  email: 'email',
  whatsapp: 'whatsapp',
  telegram: 'telegramChatId',
  sms: 'phone',
  slack: null,
  webhook: null,
};

/**
 * Sends what the queue says is due: claims rows, checks that their condition still holds, applies
 * preferences and quiet hours, picks channels (first-available or all, with failover between
 * providers of a kind), and records the outcome or the next retry.
 */
export class DeliveryWorker {
  private readonly now: () => Date;
  private readonly limiter: ChannelRateLimiter;
  private readonly loop: PollingLoop;

  constructor(private readonly o: DeliveryWorkerOptions) {
    this.now = o.now ?? (() => new Date());
    this.limiter = o.limiter ?? new ChannelRateLimiter();
    this.loop = new PollingLoop({
      name: 'delivery',
      log: o.log,
      round: () => this.claimAndSend(),
      nextDue: () => o.store.queue.nextDue(),
      now: this.now,
      batch: o.batch ?? 16,
      pollMs: o.pollMs ?? 1_000,
    });
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
  }

  /** Runs a round now (new deliveries were queued). */
  wake() {
    this.loop.wake();
  }

  /** Claims and processes one batch; returns how many rows it handled. For tests and the loop. */
  runOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async claimAndSend(): Promise<number> {
    const rows = await this.o.store.queue.claim(this.o.batch ?? 16, this.o.leaseMs ?? 60_000, this.now());
    await Promise.all(rows.map((row) => this.process(row)));
    return rows.length;
  }

  private async process(row: DeliveryRow) {
    const store = this.o.store.forTenant(row.tenantId);
    let outcome: Outcome;
    try {
      outcome = await this.decide(row, store);
    } catch (err) {
      this.o.log.error({ err, delivery: row.id }, 'delivery failed unexpectedly');
      outcome = this.retryOrFail(row, 'INTERNAL', (err as Error).message, 0);
    }
    await this.o.store.queue.finish(row.id, outcome, this.now());
    this.o.metrics?.deliveries.inc({
      kind: outcome.kind ?? row.kind ?? 'none',
      status: outcome.status ?? 'pending',
    });
    if (outcome.status && outcome.status !== 'pending') {
      this.o.log.info(
        { delivery: row.id, tenant: row.tenantId, kind: outcome.kind ?? row.kind, status: outcome.status },
        'delivery finished',
      );
    }
    if (
      (outcome.status === 'sent' || outcome.status === 'failed') &&
      row.step !== 'event' &&
      row.notificationId
    ) {
      await this.emitEvent(store, row, outcome.status === 'sent' ? 'delivery.sent' : 'delivery.failed');
    }
  }

  private async emitEvent(store: TenantStore, row: DeliveryRow, event: string) {
    const n = row.notificationId ? await store.notifications.byId(row.notificationId) : undefined;
    if (!n) return;
    const rows = await webhookRows(store, event, n, this.now());
    if (rows.length) {
      await store.deliveries.insert(rows.map((r) => ({ ...r, plan: { ...r.plan, about: row.id } })));
      this.wake();
    }
  }

  private retryOrFail(
    row: DeliveryRow,
    code: string,
    message: string,
    retryAfterMs: number,
    kind?: string | null,
  ): Outcome {
    const attempts = row.attempts + 1;
    const base = {
      attempts,
      errorCode: code,
      lastError: maskPii(message).slice(0, 500),
      kind: kind ?? row.kind,
    };
    if (attempts >= (this.o.maxAttempts ?? 8)) return { ...base, status: 'failed' };
    const wait = backoffMs(attempts, {
      baseMs: this.o.backoffBaseMs,
      capMs: this.o.backoffCapMs,
      retryAfterMs,
    });
    return { ...base, status: 'pending', dueAt: new Date(this.now().getTime() + wait) };
  }

  private async decide(row: DeliveryRow, store: TenantStore): Promise<Outcome> {
    const tenant = await store.settings.get();
    const n = row.notificationId ? await store.notifications.byId(row.notificationId) : undefined;
    if (!n) return { status: 'cancelled', lastError: 'the notification no longer exists' };

    if (row.step === 'event') return this.sendEvent(row, store, tenant, n);

    let recipient: RecipientRow | undefined;
    if (row.recipientId) {
      recipient = await store.recipients.get(row.recipientId);
      if (!recipient) return { status: 'skipped', lastError: 'the recipient was removed' };
      const why = await this.noLongerNeeded(row, store, recipient);
      if (why) return { status: 'cancelled', lastError: why };
      const prefs = recipient.preferences as Preferences;
      if (prefs.categories?.[n.category as Category] === false) {
        return { status: 'skipped', lastError: `opted out of ${n.category}` };
      }
      const quiet = quietUntil(this.now(), prefs.quietHours, tenant.timezone);
      if (quiet) return { status: 'pending', dueAt: quiet, lastError: 'quiet hours' };
    }
    if (row.step === 'digest') return this.sendDigest(row, store, tenant, n, recipient);
    return this.sendThroughPlan(row, store, tenant, n, recipient);
  }

  /** Why a step should not fire any more: its notification was seen or read in time. */
  private async noLongerNeeded(row: DeliveryRow, store: TenantStore, recipient: RecipientRow) {
    if (!row.condition || row.condition === 'offline') return undefined;
    const field = row.condition === 'unseen' ? 'seenAt' : 'readAt';
    if (row.step === 'escalate') {
      // An escalation is moot once any target acted on the notification.
      return (await store.notifications.anyState(row.notificationId!, field))
        ? `${row.condition === 'unseen' ? 'seen' : 'read'} by a target before escalation`
        : undefined;
    }
    const state = await store.notifications.state(recipient.id, row.notificationId!);
    const underWatermark = recipient.readUpTo && row.notificationId! <= recipient.readUpTo;
    if (state?.[field] || state?.readAt || underWatermark) {
      return `${row.condition === 'unseen' ? 'seen' : 'read'} before the step fired`;
    }
    return undefined;
  }

  /** The kinds of the plan this person can get: tenant has the channel, person has the address and did not opt out. */
  private async candidates(
    row: DeliveryRow,
    store: TenantStore,
    n: NotificationRow,
    recipient?: RecipientRow,
  ) {
    const prefs = (recipient?.preferences ?? {}) as Preferences;
    const out: { kind: ChannelKind; providers: ChannelRow[]; address: string }[] = [];
    for (const kind of row.plan.channels as ChannelKind[]) {
      if (prefs.channels?.[kind] === false) continue;
      const field = ADDRESS[kind];
      const address = field ? (recipient?.[field] as string | null | undefined) : '';
      if (field && !address) continue;
      let providers = await store.channels.usable(kind, n.category, n.type);
      if (!providers.length && kind === 'email' && this.o.defaultEmail)
        providers = [this.defaultEmailChannel(store)];
      if (providers.length) out.push({ kind, providers, address: address ?? '' });
    }
    return out;
  }

  private defaultEmailChannel(store: TenantStore): ChannelRow {
    const at = this.now();
    return {
      id: '00000000-0000-0000-0000-000000000000',
      tenantId: store.tenantId,
      kind: 'email',
      name: 'hub SMTP',
      config: this.o.defaultEmail!,
      enabled: true,
      priority: 0,
      categories: null,
      types: null,
      ratePerMinute: null,
      disabledReason: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  private async sendThroughPlan(
    row: DeliveryRow,
    store: TenantStore,
    tenant: TenantRow,
    n: NotificationRow,
    recipient?: RecipientRow,
  ): Promise<Outcome> {
    let options = await this.candidates(row, store, n, recipient);
    if (!options.length)
      return { status: 'skipped', lastError: 'no enabled channel and address for this person' };
    if (row.plan.mode === 'all' && !row.kind) {
      // Fan out: this row takes the first kind, a new row each of the others.
      const [, ...rest] = options;
      if (rest.length) {
        await store.deliveries.insert(
          rest.map(({ kind }) => ({
            id: crypto.randomUUID(),
            notificationId: row.notificationId,
            type: row.type,
            recipientId: row.recipientId,
            step: row.step,
            condition: row.condition,
            plan: { channels: [kind], mode: 'first-available' as const },
            kind,
            status: 'pending' as const,
            dueAt: this.now(),
          })),
        );
        this.wake();
      }
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
    for (const option of options.slice(start)) {
      const result = await this.sendKind(row, option, tenant, n, recipient);
      if (result.status) return result;
      last = { code: result.errorCode!, message: result.lastError!, kind: option.kind };
      if (result.retryable)
        return this.retryOrFail(row, last.code, last.message, result.retryAfterMs ?? 0, option.kind);
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
  }

  /** Tries every provider of one kind in order. Returns a final outcome, or the last error. */
  private async sendKind(
    row: DeliveryRow,
    option: { kind: ChannelKind; providers: ChannelRow[]; address: string },
    tenant: TenantRow,
    n: NotificationRow,
    recipient?: RecipientRow,
  ): Promise<Outcome & { retryable?: boolean; retryAfterMs?: number }> {
    let retryable = false;
    let retryAfterMs = 0;
    let last: SendError | undefined;
    for (const provider of option.providers) {
      const wait = this.limiter.take(provider.id, provider.ratePerMinute, option.kind, this.now());
      if (wait > 0) {
        // Over the provider's rate: come back when there is room, without counting an attempt.
        return { status: 'pending', dueAt: new Date(this.now().getTime() + wait), kind: option.kind };
      }
      const message = outboundMessage(n, tenant, row.id, recipient?.locale ?? null);
      const started = performance.now();
      try {
        const sent = await this.o.registry.send(option.kind, message, option.address, provider.config);
        return {
          status: 'sent',
          kind: option.kind,
          channelId: provider.id,
          attempts: row.attempts + 1,
          providerMessageId: sent.providerMessageId ?? null,
          durationMs: Math.round(performance.now() - started),
          sentAt: this.now(),
          errorCode: null,
          lastError: null,
        };
      } catch (err) {
        const e =
          err instanceof SendError
            ? err
            : new SendError('PROVIDER_ERROR', (err as Error).message, { retryable: true });
        last = e;
        retryable ||= e.retryable;
        retryAfterMs = Math.max(retryAfterMs, e.retryAfterMs ?? 0);
        if (e.code === 'ENDPOINT_GONE') await this.disable(tenant.id, provider, e.message);
      }
    }
    return {
      errorCode: last?.code ?? 'PROVIDER_ERROR',
      lastError: last?.message ?? 'failed',
      retryable,
      retryAfterMs,
    };
  }

  private async disable(tenantId: string, channel: ChannelRow, why: string) {
    await this.o.store
      .forTenant(tenantId)
      .channels.update(channel.id, { enabled: false, disabledReason: why });
    this.o.log.warn({ tenant: tenantId, channel: channel.id }, 'channel disabled: the endpoint is gone');
  }

  private async sendEvent(
    row: DeliveryRow,
    store: TenantStore,
    tenant: TenantRow,
    n: NotificationRow,
  ): Promise<Outcome> {
    const hook = row.channelId ? await store.channels.get(row.channelId) : undefined;
    if (!hook?.enabled) return { status: 'cancelled', lastError: 'the webhook endpoint is disabled or gone' };
    const wait = this.limiter.take(hook.id, hook.ratePerMinute, 'webhook', this.now());
    if (wait > 0) return { status: 'pending', dueAt: new Date(this.now().getTime() + wait) };
    const message = outboundMessage(n, tenant, row.id, null);
    const { about, action } = row.plan as { about?: string; action?: Record<string, unknown> };
    const started = performance.now();
    try {
      const sender = this.o.registry.get('webhook') as unknown as WebhookSender;
      const config = hook.config as Parameters<WebhookSender['sendEvent']>[1];
      const data =
        row.plan.event === 'notification.created'
          ? undefined
          : { notificationId: n.id, type: n.type, ...(about ? { deliveryId: about } : {}), ...action };
      const sent = data
        ? await sender.sendEvent({ id: row.id, type: row.plan.event as never, data }, config)
        : await this.o.registry.send('webhook', message, '', hook.config);
      return {
        status: 'sent',
        attempts: row.attempts + 1,
        durationMs: Math.round(performance.now() - started),
        providerMessageId: sent.providerMessageId ?? null,
        sentAt: this.now(),
        errorCode: null,
        lastError: null,
      };
    } catch (err) {
      const e =
        err instanceof SendError
          ? err
          : new SendError('PROVIDER_ERROR', (err as Error).message, { retryable: true });
      if (e.code === 'ENDPOINT_GONE') {
        await this.disable(tenant.id, hook, e.message);
        return { status: 'failed', attempts: row.attempts + 1, errorCode: e.code, lastError: e.message };
      }
      if (!e.retryable)
        return { status: 'failed', attempts: row.attempts + 1, errorCode: e.code, lastError: e.message };
      return this.retryOrFail(row, e.code, e.message, e.retryAfterMs ?? 0);
    }
  }

  /**
   * One message for all the digest rows of one person in one window. The oldest row sends it and
   * settles the others; the others, when their turn comes, leave it to that row.
   */
  private async sendDigest(
    row: DeliveryRow,
    store: TenantStore,
    tenant: TenantRow,
    n: NotificationRow,
    recipient?: RecipientRow,
  ): Promise<Outcome> {
    const group = await store.deliveries.digestGroup(row);
    if (!group.some((d) => d.id === row.id)) {
      // Another row of this window already sent the digest and settled this one with it.
      const settled = await store.deliveries.get(row.id);
      return { status: settled?.status ?? 'sent' };
    }
    const leader = group[0];
    if (leader && leader.id !== row.id) {
      return {
        status: 'pending',
        dueAt: new Date(this.now().getTime() + 5_000),
        lastError: `in digest ${leader.id}`,
      };
    }
    const others = group.filter((d) => d.id !== row.id);
    const notes = (await Promise.all(others.map((d) => store.notifications.byId(d.notificationId!)))).filter(
      (x): x is NotificationRow => !!x,
    );
    const all = [n, ...notes];
    const es = (recipient?.locale ?? tenant.locale).startsWith('es');
    const digest: NotificationRow = {
      ...n,
      title: all.length === 1 ? n.title : es ? `${all.length} notificaciones` : `${all.length} notifications`,
      message: all.length === 1 ? n.message : all.map((x) => `• ${x.message}`).join('\n'),
      link: all.length === 1 ? n.link : null,
      actions: null,
    };
    const outcome = await this.sendThroughPlan(row, store, tenant, digest, recipient);
    if (outcome.status === 'sent') {
      await store.deliveries.settle(
        others.map((d) => d.id),
        {
          status: 'sent',
          kind: outcome.kind,
          channelId: outcome.channelId,
          providerMessageId: outcome.providerMessageId,
          sentAt: outcome.sentAt,
          lastError: `sent in digest ${row.id}`,
        },
        this.now(),
      );
    }
    return outcome;
  }
}
