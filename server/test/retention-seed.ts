import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../src/db/client.ts';
import {
  deliveries,
  idempotencyKeys,
  notificationStates,
  notifications,
  scheduledEvents,
  stockAlerts,
  telegramLinks,
} from '../src/db/schema.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A uuidv7 whose time part is `at`, so a row sorts as if it had been written then. */
export function idAt(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes one tenant's rows as if they had been written in the past (retention is about age, and
 * no API backdates a row), and counts what is left of them.
 */
export function seeder(db: Db, tenantId: string, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  let n = 0;
  return {
    /** A notification for `recipientId`, `age` old; `readBy` (or `actedBy`) people have a state row. */
    async notification(
      age: number,
      recipientId: string,
      { readBy = [] as string[], actedBy = [] as string[], seenBy = [] as string[] } = {},
    ): Promise<string> {
      const at = ago(age);
      const id = idAt(at);
      await db.insert(notifications).values({
        id,
        tenantId,
        type: 'NUEVO_PRODUCTO',
        category: 'inventory',
        message: `old ${++n}`,
        recipientIds: [recipientId],
        severity: 'info',
        icon: 'package',
        createdAt: at,
      });
      const states = [
        ...readBy.map((r) => ({ recipientId: r, seenAt: at, readAt: at })),
        ...actedBy.map((r) => ({ recipientId: r, actionId: 'ok', actedAt: at })),
        ...seenBy.map((r) => ({ recipientId: r, seenAt: at })),
      ];
      if (states.length) {
        await db
          .insert(notificationStates)
          .values(states.map((s) => ({ ...s, tenantId, notificationId: id })));
      }
      return id;
    },
    async delivery(age: number, status: 'sent' | 'failed' | 'pending', notificationId: string | null = null) {
      const at = ago(age);
      const id = idAt(at);
      await db.insert(deliveries).values({
        id,
        tenantId,
        notificationId,
        type: 'NUEVO_PRODUCTO',
        recipientId: 'ana',
        step: 'fallback',
        plan: { channels: ['email'], mode: 'first-available' },
        kind: 'email',
        status,
        dueAt: at,
        createdAt: at,
        updatedAt: at,
      });
      return id;
    },
    async idempotencyKey(age: number, key = `k-${++n}`) {
      await db
        .insert(idempotencyKeys)
        .values({ tenantId, key, requestHash: 'h', notificationId: idAt(ago(age)), createdAt: ago(age) });
      return key;
    },
    /** A stock alert opened `age` ago, resolved `resolvedAge` ago (active when null). */
    async stockAlert(age: number, resolvedAge: number | null) {
      const id = idAt(ago(age));
      await db.insert(stockAlerts).values({
        id,
        tenantId,
        branchId: 'A',
        productId: `p-${++n}`,
        level: 1,
        min: 2,
        difference: 1,
        status: resolvedAge === null ? 'active' : 'resolved',
        source: 'movement',
        openedAt: ago(age),
        resolvedAt: resolvedAge === null ? null : ago(resolvedAge),
      });
      return id;
    },
    /** A schedule last changed (finished, for a finished one) `age` ago. */
    async schedule(age: number, status: 'pending' | 'done' | 'cancelled' | 'failed') {
      const id = idAt(ago(age + DAY));
      await db.insert(scheduledEvents).values({
        id,
        tenantId,
        event: { type: 'NUEVO_PRODUCTO' },
        label: 'deliver',
        dueAt: ago(age),
        status,
        createdAt: ago(age + DAY),
        updatedAt: ago(age),
      });
      return id;
    },
    /** A Telegram link token that expired `age` ago. */
    async telegramLink(age: number) {
      const tokenHash = randomBytes(16).toString('hex');
      await db.insert(telegramLinks).values({
        tokenHash,
        tenantId,
        recipientId: 'ana',
        channelId: idAt(now),
        expiresAt: ago(age),
      });
      return tokenHash;
    },
    /** What is left of this tenant's rows, per table. */
    async left() {
      type Owned = PgTable & { tenantId: PgColumn };
      const of = async (table: Owned) =>
        (await db.select({ c: count() }).from(table).where(eq(table.tenantId, tenantId)))[0]!.c;
      const keys = async (table: Owned, key: PgColumn) =>
        (await db.select({ key }).from(table).where(eq(table.tenantId, tenantId)))
          .map((r) => String(r.key))
          .sort();
      return {
        idempotencyKeys: await keys(idempotencyKeys, idempotencyKeys.key),
        notifications: await of(notifications),
        deliveries: await keys(deliveries, deliveries.id),
        states: await of(notificationStates),
        stockAlerts: await keys(stockAlerts, stockAlerts.id),
        schedules: await keys(scheduledEvents, scheduledEvents.id),
        telegramLinks: await keys(telegramLinks, telegramLinks.tokenHash),
      };
    },
  };
}
