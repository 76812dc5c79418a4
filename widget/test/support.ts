import type { InboxPage, Notification } from '@aviso/protocol';
import { AvisoClient, type InboxFilter, NotificationUpdatedEvent } from '../src/client.ts';

let seq = 0;

/** A wire notification with sensible defaults. */
export function notification(fields: Partial<Notification> = {}): Notification {
  seq += 1;
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    type: 'NUEVA_VENTA',
    title: 'Nueva venta',
    message: `Nueva venta de $${seq}.00 registrada en tu sucursal.`,
    entityId: `V-${seq}`,
    branchIds: ['central'],
    data: { branchId: 'central' },
    link: `#/ventas/V-${seq}`,
    severity: 'success',
    icon: 'sale',
    actions: null,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    readAt: null,
    seenAt: null,
    archivedAt: null,
    actionId: null,
    ...fields,
  };
}

/**
 * An in-memory stand-in for the hub behind a real `AvisoClient`: the same class the bell uses,
 * with the network replaced. `push` plays a live notification as the socket would.
 */
export class MemoryClient extends AvisoClient {
  items: Notification[] = [];
  seenIds: string[] = [];
  pageSize = 20;
  /** How many of the next `list` calls fail, as an unreachable hub would. */
  failures = 0;
  /** The hub's answer to the next action: refused when set. */
  refuseAction: Error | undefined;
  /** Holds action answers until released, as a slow hub would. */
  actionGate: Promise<void> = Promise.resolve();

  constructor(items: Notification[] = []) {
    super({ server: 'http://hub.invalid', token: 't' });
    this.items = items;
  }

  override connect(): void {
    this.setStatus('online');
    this.setCount(this.unread());
  }

  override disconnect(): void {}

  override async list(options: { filter?: InboxFilter; cursor?: string | null } = {}): Promise<InboxPage> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('hub unreachable');
    }
    const filter = options.filter ?? 'all';
    const all = this.items.filter((n) =>
      filter === 'archived' ? n.archivedAt : !n.archivedAt && (filter === 'all' || !n.readAt),
    );
    const start = Number(options.cursor ?? 0);
    const items = all.slice(start, start + this.pageSize);
    const next = start + this.pageSize < all.length ? String(start + this.pageSize) : null;
    return { items, unreadCount: this.unread(), nextCursor: next };
  }

  override async read(id: string): Promise<void> {
    const n = this.items.find((i) => i.id === id);
    if (n) n.readAt = new Date().toISOString();
    this.setCount(this.unread());
  }

  /** As the hub: records the answer and tells every tab, or refuses. */
  override async act(id: string, actionId: string): Promise<void> {
    await this.actionGate;
    if (this.refuseAction) throw this.refuseAction;
    const n = this.items.find((i) => i.id === id);
    if (n) n.actionId = actionId;
    this.dispatchEvent(new NotificationUpdatedEvent({ ids: [id], actionId }));
  }

  override seen(ids: readonly string[]): void {
    this.seenIds.push(...ids);
  }

  push(n: Notification): void {
    this.items.unshift(n);
    this.receive(n);
  }

  goOffline(): void {
    this.setStatus('offline');
  }

  setUnread(count: number): void {
    this.setCount(count);
  }

  private unread(): number {
    return this.items.filter((n) => !n.readAt && !n.archivedAt).length;
  }
}
