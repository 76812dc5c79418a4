import {
  type Action,
  isUuid,
  NotificationListQuerySchema,
  type Receipt,
  ReceiptsQuerySchema,
  ReceiptsSchema,
  type TenantNotification,
  TenantNotificationPageSchema,
  TenantNotificationSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { PresenceLogRepo } from '../../db/repos/presence-log.ts';
import type { NotificationRow } from '../../db/rows.ts';
import type { TenantStore } from '../../db/store.ts';
import { toWire } from '../../inbox/wire.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';
import { deliveryOut } from './deliveries.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A stored notification as the tenant's admins see it. */
export const tenantNotificationOut = (n: NotificationRow): TenantNotification => {
  // What every view shows of a notification, less what only a reader has.
  const { readAt: _r, seenAt: _s, archivedAt: _a, actionId: _i, actions: _x, ...body } = toWire(n);
  return {
    ...body,
    category: n.category, // optional on the wire, always given to admins
    recipientIds: n.recipientIds,
    actions:
      n.actions?.map(({ id, label, style }) => ({
        id,
        label,
        ...(style ? { style: style as Action['style'] } : {}),
      })) ?? null,
    warnings: n.warnings ?? [],
  };
};

const IdParam = z.object({ id: z.string().min(1).max(64) });

async function notificationOr404(store: TenantStore, id: string) {
  // Anything that is not a uuid names no notification (and must not reach the uuid column).
  const n = isUuid(id) ? await store.notifications.byId(id) : undefined;
  if (!n) fail('NOTIFICATION_NOT_FOUND', { id });
  return n;
}

/**
 * The tenant-wide view of notifications ("did Norte see it?"): the listing with filters, one
 * notification, and its receipts: who it was for, who had the widget open when it was created,
 * who saw, read or answered it and when, and what each fallback delivery did.
 */
export function notificationRoutes(deps: { guard: Guard; presenceLog: PresenceLogRepo; now?: () => Date }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security, tags: ['Activity'] };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/notifications',
      operationId: 'listNotifications',
      summary:
        'The tenant’s notifications, newest first, filtered by type, category, branch, person, entity or age',
      ...secured,
      request: { query: NotificationListQuerySchema },
      responses: { 200: jsonContent(TenantNotificationPageSchema, 'A page of notifications'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      let reader: Awaited<ReturnType<TenantStore['recipients']['get']>>;
      if (q.recipientId) {
        reader = await c.var.store.recipients.get(q.recipientId);
        if (!reader) fail('RECIPIENT_NOT_FOUND', { id: q.recipientId });
      }
      const page = await c.var.store.activity.list(q, reader, deps.now?.() ?? new Date());
      return c.json({ items: page.items.map(tenantNotificationOut), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/notifications/{id}',
      operationId: 'getNotification',
      summary: 'One notification, with the data its templates missed',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(TenantNotificationSchema, 'The notification'), ...errors },
    }),
    async (c) =>
      c.json(tenantNotificationOut(await notificationOr404(c.var.store, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/notifications/{id}/receipts',
      operationId: 'getNotificationReceipts',
      summary: 'Who it was for, who got it live, who saw, read or answered it and when, and every delivery',
      ...secured,
      request: { params: IdParam, query: ReceiptsQuerySchema },
      responses: { 200: jsonContent(ReceiptsSchema, 'The receipts'), ...errors },
    }),
    async (c) => {
      const store = c.var.store;
      const n = await notificationOr404(store, c.req.valid('param').id);
      const { limit } = c.req.valid('query');
      const [audience, states, rows] = await Promise.all([
        store.recipients.audienceOf(n),
        store.activity.states(n.id),
        store.activity.deliveries(n.id),
      ]);
      // An escalation may reach people outside the audience (managers of other branches): they count too.
      const known = new Set(audience.map((r) => r.id));
      const others = [...new Set(rows.map((d) => d.recipientId).filter((id) => id && !known.has(id)))];
      for (const id of others.slice(0, 100)) {
        const r = await store.recipients.get(id!);
        if (r) audience.push(r);
      }
      const live = await deps.presenceLog.liveAt(
        store.tenantId,
        audience.map((r) => r.id),
        n.createdAt,
      );
      const stateOf = new Map(states.map((s) => [s.recipientId, s]));
      const people: Receipt[] = audience.map((r) => {
        const s = stateOf.get(r.id);
        // "Read all" moves a watermark instead of writing a row per notification.
        const watermark = r.readUpTo && n.id <= r.readUpTo ? r.readUpToAt : null;
        const readAt = s?.readAt ?? watermark;
        return {
          recipientId: r.id,
          name: r.name,
          role: r.role,
          live: live.has(r.id),
          seenAt: iso(s?.seenAt ?? readAt),
          readAt: iso(readAt),
          archivedAt: iso(s?.archivedAt),
          actionId: s?.actionId ?? null,
          actedAt: iso(s?.actedAt),
          deliveries: rows.filter((d) => d.recipientId === r.id).map(deliveryOut),
        };
      });
      // Those who read it first, then those who only saw it, then the others by name.
      const rank = (p: Receipt) => p.readAt ?? (p.seenAt ? `~${p.seenAt}` : `~~${p.name ?? p.recipientId}`);
      people.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
      return c.json(
        {
          notification: tenantNotificationOut(n),
          counts: {
            audience: people.length,
            live: people.filter((p) => p.live).length,
            seen: people.filter((p) => p.seenAt).length,
            read: people.filter((p) => p.readAt).length,
            acted: people.filter((p) => p.actionId).length,
            deliveries: rows.length,
          },
          people: people.slice(0, limit),
          truncated: people.length > limit,
          endpoints: rows.filter((d) => !d.recipientId).map(deliveryOut),
        },
        200,
      );
    },
  );
  return app;
}
