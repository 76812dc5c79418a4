import type { InboxPage, InboxQuery } from '@aviso/protocol';
import type { RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { AppError } from '../errors.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { itemsToWire } from './wire.ts';

/** One person's inbox: what they see and what they do with it, the same over HTTP and sockets. */
export class Inbox {
  constructor(private readonly broadcaster: Broadcaster) {}

  async page(store: TenantStore, reader: RecipientRow, query: InboxQuery): Promise<InboxPage> {
    const [{ items, nextCursor }, unreadCount] = await Promise.all([
      store.notifications.inbox(reader, query),
      store.notifications.unreadCount(reader),
    ]);
    return { items: itemsToWire(items, reader), unreadCount, nextCursor };
  }

  unreadCount(store: TenantStore, reader: RecipientRow): Promise<number> {
    return store.notifications.unreadCount(reader);
  }

  private async visibleOr404(store: TenantStore, reader: RecipientRow, id: string) {
    const n = /^[0-9a-f-]{36}$/i.test(id) ? await store.notifications.visible(reader, id) : undefined;
    if (!n) throw new AppError(404, 'NOTIFICATION_NOT_FOUND', 'notification not found');
    return n;
  }

  /** Re-reads the count and pushes it to every socket of the person. */
  private async pushCount(store: TenantStore, reader: RecipientRow): Promise<number> {
    const fresh = (await store.recipients.get(reader.id)) ?? reader;
    const count = await store.notifications.unreadCount(fresh);
    this.broadcaster.unread(store.tenantId, reader.id, count);
    return count;
  }

  async read(store: TenantStore, reader: RecipientRow, id: string) {
    await this.visibleOr404(store, reader, id);
    await store.notifications.mark(reader.id, [id], { read: true });
    await store.deliveries.cancelPending([id], reader.id, ['unseen', 'unread']);
    const state = await store.notifications.state(reader.id, id);
    const readAt = (state?.readAt ?? new Date()).toISOString();
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [id], readAt });
    return { id, readAt, unreadCount: await this.pushCount(store, reader) };
  }

  async readAll(store: TenantStore, reader: RecipientRow) {
    const at = new Date();
    const newest = await store.notifications.newestVisibleId(reader);
    if (newest) await store.deliveries.cancelUpTo(reader.id, newest, at);
    if (await store.notifications.readAll(reader, at)) {
      this.broadcaster.updated(store.tenantId, reader.id, { ids: [], all: true, readAt: at.toISOString() });
    }
    return { readAt: at.toISOString(), unreadCount: await this.pushCount(store, reader) };
  }

  async archive(store: TenantStore, reader: RecipientRow, id: string) {
    await this.visibleOr404(store, reader, id);
    await store.notifications.mark(reader.id, [id], { archived: true });
    await store.deliveries.cancelPending([id], reader.id, ['unseen', 'unread']);
    const state = await store.notifications.state(reader.id, id);
    const archivedAt = (state?.archivedAt ?? new Date()).toISOString();
    const readAt = (state?.readAt ?? new Date()).toISOString();
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [id], archivedAt, readAt });
    return { id, archivedAt, unreadCount: await this.pushCount(store, reader) };
  }

  /** Records that these notifications were shown on a visible screen (cancels `unseen` fallback). */
  async seen(store: TenantStore, reader: RecipientRow, ids: readonly string[]) {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).slice(0, 500);
    const visible = await store.notifications.visibleIds(reader, valid);
    await store.notifications.mark(reader.id, visible, { seen: true });
    await store.deliveries.cancelPending(visible, reader.id, ['unseen']);
    return { ids: visible };
  }
}
