import type { Notification, NotificationUpdate } from '@aviso/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AvisoClient, InboxFilter } from './client.ts';

/** Applies a read, archive or action made in any tab to one notification. */
export function applyUpdate(n: Notification, update: NotificationUpdate): Notification {
  if (!update.all && !update.ids.includes(n.id)) return n;
  return {
    ...n,
    readAt: update.unread ? null : (n.readAt ?? update.readAt ?? update.archivedAt ?? null),
    archivedAt: update.unarchived ? null : (update.archivedAt ?? n.archivedAt),
    actionId: update.actionId ?? n.actionId,
  };
}

/**
 * The inbox list behind the panel: one tab's pages loaded by cursor, live notifications put on
 * top, and updates from every tab applied. Stale answers (tab switched meanwhile) are dropped.
 */
export class InboxController implements ReactiveController {
  tab: InboxFilter = 'all';
  /** The category and branch picked in the filter bar (empty: all). */
  query: { category?: string; branchId?: string } = {};
  items: Notification[] = [];
  cursor: string | null = null;
  loading = false;
  failed = false;
  loaded = false;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => AvisoClient | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets everything (new client, tab or reconnection); the next `load(true)` starts over. */
  reset(tab = this.tab): void {
    this.seq += 1;
    this.tab = tab;
    this.items = [];
    this.cursor = null;
    this.loading = false;
    this.failed = false;
    this.loaded = false;
    this.host.requestUpdate();
  }

  /** The first page (`fresh`) or the next one. */
  async load(fresh: boolean): Promise<void> {
    const client = this.client();
    if (!client || (!fresh && (!this.cursor || this.loading))) return;
    const seq = ++this.seq;
    this.loading = true;
    this.failed = false;
    this.host.requestUpdate();
    try {
      const page = await client.list({ ...this.query, filter: this.tab, cursor: fresh ? null : this.cursor });
      if (seq !== this.seq) return;
      const known = new Set(fresh ? [] : this.items.map((n) => n.id));
      this.items = [...(fresh ? [] : this.items), ...page.items.filter((n) => !known.has(n.id))];
      this.cursor = page.nextCursor;
      this.loaded = true;
    } catch {
      if (seq === this.seq) this.failed = true;
    } finally {
      if (seq === this.seq) this.loading = false;
      this.host.requestUpdate();
    }
  }

  /**
   * A live, replayed or returning notification goes into the list it belongs to, in its place by
   * id (newest first: a live one on top); one older than every loaded row waits for its page.
   */
  add(n: Notification): void {
    const { category = n.category, branchId } = this.query;
    const belongs =
      (this.tab === 'all' ? !n.archivedAt : this.tab === 'unread' && !n.readAt && !n.archivedAt) &&
      n.category === category &&
      (!branchId || n.branchIds?.includes(branchId));
    if (!this.loaded || !belongs || this.items.some((i) => i.id === n.id)) return;
    const items = this.items;
    let at = items.findIndex((i) => i.id < n.id);
    if (at < 0) {
      if (this.cursor) return;
      at = items.length;
    }
    this.items = [...items.slice(0, at), n, ...items.slice(at)];
    this.host.requestUpdate();
  }

  /** Applies an update; what no longer belongs to this tab leaves it (marked read stays until reload), what belongs again comes back. */
  update(update: NotificationUpdate): void {
    let items = this.items.map((n) => applyUpdate(n, update));
    if (update.archivedAt && this.tab !== 'archived') items = items.filter((n) => !n.archivedAt);
    if (update.unarchived && this.tab === 'archived') items = items.filter((n) => n.archivedAt);
    if (update.snoozedUntil) items = items.filter((n) => !update.ids.includes(n.id));
    this.items = items;
    // Back into lists that had dropped it (marked unread, unarchived, a snooze ended).
    if (update.item) this.add(update.item);
    this.host.requestUpdate();
  }
}
