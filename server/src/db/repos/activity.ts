import type { NotificationListQuery } from '@aviso/protocol';
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { NotificationRow, NotificationStateRow, Reader } from '../rows.ts';
import { deliveries, notificationStates, notifications } from '../schema.ts';
import type { DeliveryRow } from './deliveries.ts';
import { textArray, visibleTo } from './notifications.ts';

/** What a tenant's admins ask of their notifications: the listing, and who did what with one. */
export class ActivityRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /** The tenant's notifications, newest first, a page at a time; `reader` narrows to what one person sees. */
  async list(
    q: NotificationListQuery,
    reader: Reader | undefined,
    now = new Date(),
  ): Promise<{ items: NotificationRow[]; nextCursor: string | null }> {
    const n = notifications;
    const rows = await this.db
      .select()
      .from(n)
      .where(
        and(
          eq(n.tenantId, this.tenantId),
          q.type ? eq(n.type, q.type) : undefined,
          q.category ? eq(n.category, q.category) : undefined,
          q.severity ? eq(n.severity, q.severity) : undefined,
          q.entityId ? eq(n.entityId, q.entityId) : undefined,
          q.branchId ? sql`${n.branchIds} @> ${textArray([q.branchId])}` : undefined,
          reader ? visibleTo(reader) : undefined,
          q.warnings === 'true'
            ? isNotNull(n.warnings)
            : q.warnings === 'false'
              ? isNull(n.warnings)
              : undefined,
          q.days ? gte(n.createdAt, new Date(now.getTime() - q.days * 86_400_000)) : undefined,
          q.cursor ? lt(n.id, q.cursor) : undefined,
        ),
      )
      .orderBy(desc(n.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? items.at(-1)!.id : null };
  }

  /** Every person's state of one notification (a row exists once someone saw, read, archived or acted). */
  states(notificationId: string): Promise<NotificationStateRow[]> {
    const s = notificationStates;
    return this.db
      .select()
      .from(s)
      .where(and(eq(s.tenantId, this.tenantId), eq(s.notificationId, notificationId)));
  }

  /** Every delivery of one notification, oldest first. */
  deliveries(notificationId: string): Promise<DeliveryRow[]> {
    return this.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, this.tenantId), eq(deliveries.notificationId, notificationId)))
      .orderBy(asc(deliveries.id));
  }
}
