import {
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryAttempt,
  DeliveryDetailSchema,
  DeliveryListQuerySchema,
  DeliveryPageSchema,
  DeliverySchema,
  type DeliveryStats,
  DeliveryStatsQuerySchema,
  DeliveryStatsSchema,
  type DeliveryStatus,
  ErrorBodySchema,
  isUuid,
  RETRYABLE_DELIVERY_STATUSES,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { AttemptRow, DeliveryRow } from '../../db/repos/deliveries.ts';
import { fail } from '../../lib/errors.ts';
import { maskPii } from '../../lib/log.ts';
import { wallClock } from '../../lib/wall-clock.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A log row as the API shows it; provider errors may quote an address, so they are masked. */
export const deliveryOut = (r: DeliveryRow): Delivery => ({
  id: r.id,
  notificationId: r.notificationId,
  type: r.type,
  recipientId: r.recipientId,
  group: r.plan.group ? { branchId: r.plan.group.branchId } : null,
  step: r.step,
  condition: r.condition,
  channel: r.kind,
  channelId: r.channelId,
  status: r.status,
  attempts: r.attempts,
  dueAt: r.dueAt.toISOString(),
  sentAt: iso(r.sentAt),
  durationMs: r.durationMs,
  providerMessageId: r.providerMessageId,
  errorCode: r.errorCode,
  lastError: r.lastError === null ? null : maskPii(r.lastError),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** One try as the API shows it, with its channel's name while the channel exists. */
export const attemptOut = (a: AttemptRow, names: ReadonlyMap<string, string>): DeliveryAttempt => ({
  at: a.at.toISOString(),
  kind: a.kind,
  channelId: a.channelId,
  channelName: (a.channelId && names.get(a.channelId)) ?? null,
  outcome: a.outcome,
  durationMs: a.durationMs,
  errorCode: a.errorCode,
  error: a.error === null ? null : maskPii(a.error),
  providerMessageId: a.providerMessageId,
});

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDay(at: Date, timezone: string): string {
  const get = wallClock(at, timezone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The last `days` calendar days ending with `today` (`YYYY-MM-DD`), oldest first. */
export function dayRange(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

export interface CountRow {
  day: string;
  status: DeliveryStatus;
  kind: string | null;
  type: string;
  count: number;
}

type Outcomes = { total: number; sent: number; failed: number; bounced: number; successRate: number | null };
const outcomes = (): Outcomes => ({ total: 0, sent: 0, failed: 0, bounced: 0, successRate: null });

function addOutcome(o: Outcomes, status: DeliveryStatus, n: number) {
  o.total += n;
  if (status === 'sent' || status === 'failed' || status === 'bounced') o[status] += n;
}

function withRate<T extends Outcomes>(o: T): T {
  const finished = o.sent + o.failed + o.bounced;
  return { ...o, successRate: finished ? Math.round((o.sent / finished) * 10_000) / 10_000 : null };
}

/** Biggest first, then by name; rows without a channel last. */
const byTotal = <T extends { total: number }>(a: T, b: T, ka: string | null, kb: string | null) =>
  b.total - a.total || (ka === null ? 1 : 0) - (kb === null ? 1 : 0) || (ka ?? '').localeCompare(kb ?? '');

/**
 * Folds grouped counts into the stats answer. Only the `days` calendar days ending today in the
 * tenant's zone count: the query's rolling window may reach into the day before them.
 */
export function summarize(
  rows: readonly CountRow[],
  days: number,
  timezone: string,
  now: Date,
): Omit<DeliveryStats, 'linked'> {
  const range = dayRange(localDay(now, timezone), days);
  const first = range[0]!;
  const last = range.at(-1)!;
  const byDay = new Map(
    range.map((day) => [
      day,
      { day, total: 0, sent: 0, failed: 0, bounced: 0, cancelled: 0, skipped: 0, pending: 0 },
    ]),
  );
  const byStatus = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  const byChannel = new Map<string | null, Outcomes>();
  const byType = new Map<string, Outcomes>();
  let total = 0;
  for (const r of rows) {
    if (r.day < first || r.day > last) continue;
    const n = Number(r.count);
    total += n;
    byStatus[r.status] += n;
    const d = byDay.get(r.day)!;
    d.total += n;
    d[r.status === 'sending' ? 'pending' : r.status] += n;
    if (!byChannel.has(r.kind)) byChannel.set(r.kind, outcomes());
    addOutcome(byChannel.get(r.kind)!, r.status, n);
    if (!byType.has(r.type)) byType.set(r.type, outcomes());
    addOutcome(byType.get(r.type)!, r.status, n);
  }
  return {
    days,
    timezone,
    total,
    byStatus,
    byChannel: [...byChannel]
      .map(([channel, o]) => ({ channel, ...withRate(o) }))
      .sort((a, b) => byTotal(a, b, a.channel, b.channel)),
    byType: [...byType]
      .map(([type, o]) => ({ type, ...withRate(o) }))
      .sort((a, b) => byTotal(a, b, a.type, b.type)),
    byDay: [...byDay.values()],
  };
}

const RETRYABLE = new Set<string>(RETRYABLE_DELIVERY_STATUSES);
const IdParam = z.object({ id: z.string().min(1).max(64) });

/** The delivery log, its stats, and retrying a delivery by hand. */
export function deliveryRoutes(deps: { guard: Guard; onQueued?: () => void; now?: () => Date }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security };
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/deliveries',
      operationId: 'listDeliveries',
      tags: ['Deliveries'],
      summary: 'The delivery log, newest first, a page at a time',
      ...secured,
      request: { query: DeliveryListQuerySchema },
      responses: { 200: jsonContent(DeliveryPageSchema, 'A page of deliveries'), ...errors },
    }),
    async (c) => {
      const page = await c.var.store.deliveries.list(c.req.valid('query'), now());
      return c.json({ items: page.items.map(deliveryOut), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/deliveries/stats',
      operationId: 'getDeliveryStats',
      tags: ['Deliveries'],
      summary: 'Counts per status, channel, type and day, in the tenant’s time zone',
      ...secured,
      request: { query: DeliveryStatsQuerySchema },
      responses: { 200: jsonContent(DeliveryStatsSchema, 'Delivery stats'), ...errors },
    }),
    async (c) => {
      const { days } = c.req.valid('query');
      const at = now();
      const timezone = c.var.tenant.timezone;
      const [rows, linked] = await Promise.all([
        c.var.store.deliveries.counts(days, timezone, at),
        c.var.store.recipients.linkedCounts(),
      ]);
      return c.json({ ...summarize(rows, days, timezone, at), linked }, 200);
    },
  );

  // After `/stats`, which this path would otherwise take.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/deliveries/{id}',
      operationId: 'getDelivery',
      tags: ['Deliveries'],
      summary: 'One delivery with every try made, oldest first',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(DeliveryDetailSchema, 'The delivery and its tries'), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const store = c.var.store;
      const row = await store.deliveries.get(id);
      if (!row) fail('DELIVERY_NOT_FOUND', { id });
      const [tries, channels] = await Promise.all([store.deliveries.attempts(id), store.channels.list()]);
      const names = new Map(channels.map((ch) => [ch.id, ch.name]));
      return c.json({ ...deliveryOut(row), attemptLog: tries.map((a) => attemptOut(a, names)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/deliveries/{id}/retry',
      operationId: 'retryDelivery',
      tags: ['Deliveries'],
      summary: 'Queue a failed or bounced delivery again, due now; its tries so far stay in its history',
      description:
        'A failed channel test is sent again to the same channel and address. ' +
        'Tests made before Aviso kept their address cannot be retried (`TEST_NOT_RETRYABLE`).',
      ...secured,
      request: { params: IdParam },
      responses: {
        202: jsonContent(DeliverySchema, 'Queued again (status `pending`)'),
        409: jsonContent(
          ErrorBodySchema,
          'Not failed or bounced (`DELIVERY_NOT_RETRYABLE`), or a test that kept no address (`TEST_NOT_RETRYABLE`)',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      // Anything that is not a uuid names no delivery (and must not reach the uuid column).
      if (!isUuid(id)) fail('DELIVERY_NOT_FOUND', { id });
      const deliveries = c.var.store.deliveries;
      const row = await deliveries.retry(id, now());
      if (!row) {
        const existing = await deliveries.get(id);
        if (!existing) fail('DELIVERY_NOT_FOUND', { id });
        // An old test kept no address to send to again: the row stays as it was, its error with it.
        if (existing.step === 'test' && RETRYABLE.has(existing.status)) {
          fail('TEST_NOT_RETRYABLE', { id, channelId: existing.channelId ?? ':id' });
        }
        fail('DELIVERY_NOT_RETRYABLE', { status: existing.status }, { details: { status: existing.status } });
      }
      deps.onQueued?.();
      return c.json(deliveryOut(row), 202);
    },
  );

  return app;
}
