import {
  type ActionResult,
  type ActionSource,
  type InboxPage,
  type InboxQuery,
  isUuid,
  type MyBranches,
  type NotificationUpdate,
} from '@aviso/protocol';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { webhookRows } from '../delivery/planner.ts';
import { fail } from '../lib/errors.ts';
import { snoozeEndRow } from '../scheduling/snooze.ts';
import type { Broadcaster } from './broadcaster.ts';
import { ReplyRepo } from './replies.ts';
import { itemsToWire, toWire } from './wire.ts';

/** What acting needs besides the store: the clock, and a way to wake the delivery worker. */
export interface ActOptions {
  now?: Date;
  onQueued?: () => void;
}

/** An answer to an action, with the label of the action that counts. */
export type ActOutcome = ActionResult & { label: string };

/** What the inbox needs besides the broadcaster. */
export interface InboxOptions {
  /** Wakes the delivery worker when webhooks were queued (a read, an answer). */
  onQueued?: () => void;
  /** The node's clock, which the webhooks it queues are due by. */
  now?: () => Date;
  /** Wakes the schedule worker when a snooze's end was stored. */
  onScheduled?: () => void;
}

/** One person's inbox: what they see and what they do with it, the same over HTTP and sockets. */
export class Inbox {
  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly options: InboxOptions = {},
  ) {}

  /** Whether this reader had already read the notification (a mark, or under their read-all watermark). */
  private async wasRead(store: TenantStore, reader: RecipientRow, id: string): Promise<boolean> {
    const state = await store.notifications.state(reader.id, id);
    if (state?.readAt) return true;
    const remarked = state?.unreadAt && (!reader.readUpToAt || state.unreadAt > reader.readUpToAt);
    return !!(reader.readUpTo && id <= reader.readUpTo && !remarked);
  }

  /** Queues the `notification.read` webhooks of a read (`all`: the read-all up to this notification). */
  private async queueRead(
    store: TenantStore,
    reader: RecipientRow,
    n: Pick<NotificationRow, 'id' | 'type' | 'category'>,
    readAt: string,
    all = false,
  ) {
    const rows = await webhookRows(store, 'notification.read', n, this.options.now?.() ?? new Date());
    if (!rows.length) return;
    const read = { recipientId: reader.id, readAt, ...(all ? { all: true } : {}) };
    await store.deliveries.insert(rows.map((r) => ({ ...r, plan: { ...r.plan, read } })));
    this.options.onQueued?.();
  }

  async page(store: TenantStore, reader: RecipientRow, query: InboxQuery): Promise<InboxPage> {
    const [{ items, nextCursor }, unreadCount] = await Promise.all([
      store.notifications.inbox(reader, query),
      store.notifications.unreadCount(reader),
    ]);
    return { items: itemsToWire(items, reader), unreadCount, nextCursor };
  }

  /**
   * The branches the person's inbox spans, by name: every branch of the tenant for an owner, else
   * their own (a branch the host never named shows its id).
   */
  async branches(store: TenantStore, reader: RecipientRow): Promise<MyBranches> {
    if (reader.role === 'owner') {
      return { items: (await store.branches.list()).map(({ id, name }) => ({ id, name })) };
    }
    const ids = reader.branchIds ?? [];
    const names = new Map((await store.branches.some(ids)).map((b) => [b.id, b.name]));
    return { items: ids.map((id) => ({ id, name: names.get(id) ?? id })) };
  }

  unreadCount(store: TenantStore, reader: RecipientRow): Promise<number> {
    return store.notifications.unreadCount(reader);
  }

  private async visibleOr404(store: TenantStore, reader: RecipientRow, id: string) {
    const n = isUuid(id) ? await store.notifications.visible(reader, id) : undefined;
    if (!n) fail('NOTIFICATION_NOT_FOUND', { id });
    return n;
  }

  /** The person as stored now (a read-all in another tab may have moved their watermark). */
  private async current(store: TenantStore, reader: RecipientRow): Promise<RecipientRow> {
    return (await store.recipients.get(reader.id)) ?? reader;
  }

  /** Counts for the person as stored now (`current` when just read) and pushes it to their sockets. */
  private async pushCount(store: TenantStore, reader: RecipientRow, current?: RecipientRow): Promise<number> {
    const count = await store.notifications.unreadCount(current ?? (await this.current(store, reader)));
    this.broadcaster.unread(store.tenantId, reader.id, count);
    return count;
  }

  /**
   * Pushes a notification back into the lists of the person's tabs that had dropped it (as they
   * see it now), with the new count.
   */
  private async pushBack(
    store: TenantStore,
    reader: RecipientRow,
    n: NotificationRow,
    change: Omit<NotificationUpdate, 'ids' | 'item'>,
  ) {
    const current = await this.current(store, reader);
    const item = toWire(n, (await store.notifications.state(reader.id, n.id)) ?? null, current);
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [n.id], ...change, item });
    return this.pushCount(store, reader, current);
  }

  async read(store: TenantStore, reader: RecipientRow, id: string) {
    const n = await this.visibleOr404(store, reader, id);
    const wasRead = await this.wasRead(store, reader, id);
    await store.notifications.mark(reader.id, [id], { read: true });
    await store.deliveries.cancelPending([id], reader.id, ['unseen', 'unread']);
    await store.schedules.cancelSla([id]); // read in time: the SLA check has nothing to do
    const state = await store.notifications.state(reader.id, id);
    const readAt = (state?.readAt ?? new Date()).toISOString();
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [id], readAt });
    if (!wasRead) await this.queueRead(store, reader, n, readAt);
    return { id, readAt, unreadCount: await this.pushCount(store, reader) };
  }

  async readAll(store: TenantStore, reader: RecipientRow) {
    const at = new Date();
    const newest = await store.notifications.newestVisibleId(reader);
    if (newest) await store.deliveries.cancelUpTo(reader.id, newest, at);
    if (await store.notifications.readAll(reader, at)) {
      this.broadcaster.updated(store.tenantId, reader.id, { ids: [], all: true, readAt: at.toISOString() });
      // One event for the whole read-all, naming the newest notification it covers.
      const n = newest ? await store.notifications.byId(newest) : undefined;
      if (n) await this.queueRead(store, reader, n, at.toISOString(), true);
    }
    return { readAt: at.toISOString(), unreadCount: await this.pushCount(store, reader) };
  }

  async archive(store: TenantStore, reader: RecipientRow, id: string) {
    const n = await this.visibleOr404(store, reader, id);
    const wasRead = await this.wasRead(store, reader, id);
    await store.notifications.mark(reader.id, [id], { archived: true });
    await store.deliveries.cancelPending([id], reader.id, ['unseen', 'unread']);
    await store.schedules.cancelSla([id]); // read in time: the SLA check has nothing to do
    const state = await store.notifications.state(reader.id, id);
    const archivedAt = (state?.archivedAt ?? new Date()).toISOString();
    const readAt = (state?.readAt ?? new Date()).toISOString();
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [id], archivedAt, readAt });
    if (!wasRead) await this.queueRead(store, reader, n, readAt);
    return { id, archivedAt, unreadCount: await this.pushCount(store, reader) };
  }

  /** Marks one notification unread again, also when a read-all covered it; every tab follows. */
  async unread(store: TenantStore, reader: RecipientRow, id: string) {
    const n = await this.visibleOr404(store, reader, id);
    await store.notifications.markUnread(reader.id, id);
    return { id, unreadCount: await this.pushBack(store, reader, n, { unread: true }) };
  }

  /**
   * Snoozes one notification until a time: it leaves the inbox and the count of every tab, and
   * comes back unread when due. The inbox query checks the time; the schedule row stored first
   * (a crash in between leaves a row that finds no snooze) pushes it back to every tab and
   * device then, to toast again (`snoozeEnded`).
   */
  async snooze(store: TenantStore, reader: RecipientRow, id: string, until: Date) {
    await this.visibleOr404(store, reader, id);
    await store.schedules.insert([snoozeEndRow(reader.id, id, until)]);
    await store.notifications.snooze(reader.id, id, until);
    this.options.onScheduled?.();
    const snoozedUntil = until.toISOString();
    this.broadcaster.updated(store.tenantId, reader.id, { ids: [id], snoozedUntil });
    return { id, snoozedUntil, unreadCount: await this.pushCount(store, reader) };
  }

  /**
   * A snooze's time came (the schedule worker): when it still stands (not snoozed again, read or
   * archived since, and still visible to the person), every tab and device gets the notification
   * back unread, to put in place and toast, with the new count. False when there was nothing to do.
   */
  async snoozeEnded(store: TenantStore, recipientId: string, id: string, until: Date): Promise<boolean> {
    const reader = await store.recipients.get(recipientId);
    const n = reader && (await store.notifications.visible(reader, id));
    const state = n && (await store.notifications.state(recipientId, id));
    if (!reader || !n || !state || state.snoozedUntil?.getTime() !== until.getTime()) return false;
    if (state.readAt || state.archivedAt) return false;
    const item = toWire(n, state, reader);
    this.broadcaster.updated(store.tenantId, recipientId, { ids: [id], snoozeEnded: true, item });
    await this.pushCount(store, reader, reader);
    return true;
  }

  /** Takes one notification out of the archive; it stays read. */
  async unarchive(store: TenantStore, reader: RecipientRow, id: string) {
    const n = await this.visibleOr404(store, reader, id);
    await store.notifications.unarchive(reader.id, id);
    return { id, unreadCount: await this.pushBack(store, reader, n, { unarchived: true }) };
  }

  /**
   * Archives everything visible that is read and not archived yet (unread ones stay), in batches
   * so that a large inbox is not one huge statement.
   */
  async archiveRead(store: TenantStore, reader: RecipientRow) {
    const at = new Date();
    const ids: string[] = [];
    for (;;) {
      const batch = await store.notifications.readNotArchivedIds(reader, 500);
      if (!batch.length) break;
      await store.notifications.mark(reader.id, batch, { archived: true }, at);
      ids.push(...batch);
    }
    const archivedAt = at.toISOString();
    if (ids.length) this.broadcaster.updated(store.tenantId, reader.id, { ids, archivedAt });
    return { ids, archivedAt, unreadCount: await this.pushCount(store, reader) };
  }

  /**
   * Answers one of a notification's actions. The first answer from anyone, over any channel, is
   * recorded, marks the notification read for the person, is pushed to their sockets and goes to
   * the tenant's `notification.action` webhooks; a later answer changes nothing and says so.
   */
  async act(
    store: TenantStore,
    reader: RecipientRow,
    id: string,
    actionId: string,
    via: ActionSource,
    { now = new Date(), onQueued }: ActOptions = {},
  ): Promise<ActOutcome> {
    const n = await this.visibleOr404(store, reader, id);
    const action = n.actions?.find((a) => a.id === actionId);
    if (!action) {
      fail(
        'ACTION_NOT_FOUND',
        { id, action: actionId },
        { details: { actions: (n.actions ?? []).map((a) => a.id) } },
      );
    }
    const data = {
      notificationId: id,
      type: n.type,
      actionId,
      label: action.label,
      recipientId: reader.id,
      via,
    };
    const hooks = (await webhookRows(store, 'notification.action', n, now)).map((r) => ({
      ...r,
      plan: { ...r.plan, action: { ...data, actedAt: now.toISOString() } },
    }));
    const wasRead = await this.wasRead(store, reader, id);
    const outcome = await new ReplyRepo(store.db, store.tenantId).record(id, reader.id, actionId, now, hooks);
    if (!outcome.recorded) await store.notifications.mark(reader.id, [id], { read: true }, now);
    await store.deliveries.cancelPending([id], reader.id, ['unseen', 'unread'], now);
    await store.schedules.cancelSla([id], now);
    // The answer that counts cancels what its action names (the reminders it makes moot).
    if (outcome.recorded) {
      for (const key of action.cancels ?? []) await store.schedules.cancel(key, now);
    }
    if (outcome.recorded && hooks.length) onQueued?.();
    const state = await store.notifications.state(reader.id, id);
    const readAt = (state?.readAt ?? now).toISOString();
    if (!wasRead) await this.queueRead(store, reader, n, readAt);
    this.broadcaster.updated(store.tenantId, reader.id, {
      ids: [id],
      readAt,
      ...(outcome.recorded ? { actionId } : {}),
    });
    const label = n.actions?.find((a) => a.id === outcome.actionId)?.label ?? outcome.actionId;
    return {
      id,
      recorded: outcome.recorded,
      actionId: outcome.actionId,
      label,
      readAt,
      unreadCount: await this.pushCount(store, reader),
    };
  }

  /** Records that these notifications were shown on a visible screen (cancels `unseen` fallback). */
  async seen(store: TenantStore, reader: RecipientRow, ids: readonly string[]) {
    const valid = ids.filter((id) => isUuid(id)).slice(0, 500);
    const visible = await store.notifications.visibleIds(reader, valid);
    await store.notifications.mark(reader.id, visible, { seen: true });
    await store.deliveries.cancelPending(visible, reader.id, ['unseen']);
    return { ids: visible };
  }
}
