import type { ClientToServerEvents, NotificationUpdate, ServerToClientEvents } from '@aviso/protocol';
import type { Server } from 'socket.io';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { Broadcaster } from '../inbox/broadcaster.ts';
import { toWire } from '../inbox/wire.ts';
import { emitPreFramed, type RoomEmit } from './fan-out.ts';
import { rooms, roomsOfNotification, roomsOfReader } from './rooms.ts';

export type AvisoServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Emits through Socket.IO rooms (and so through the Redis adapter to every node). */
export class SocketBroadcaster implements Broadcaster {
  /**
   * `clustered`: rooms span the nodes (the Redis adapter). On a node alone, an empty room here has
   * nobody anywhere.
   */
  constructor(
    private readonly io: AvisoServer,
    private readonly clustered = true,
  ) {}

  /** How many times this node pushed to each tenant's rooms (on a node alone; see `pushesTo`). */
  private readonly pushes = new Map<string, number>();

  /**
   * How many times anything was pushed to the tenant's rooms, on a node alone: a socket being set
   * up reads it before a statement and after joining its rooms, and an unchanged figure means it
   * missed nothing in between. Undefined on a cluster, where other nodes push too.
   */
  pushesTo(tenantId: string): number | undefined {
    return this.clustered ? undefined : (this.pushes.get(tenantId) ?? 0);
  }

  private pushed(tenantId: string) {
    if (!this.clustered) this.pushes.set(tenantId, (this.pushes.get(tenantId) ?? 0) + 1);
  }

  /** Notifications waiting for the fan-out that `notification` scheduled (on a node alone). */
  private pending: RoomEmit[] = [];

  notification(row: NotificationRow) {
    this.pushed(row.tenantId);
    const targets = roomsOfNotification(row);
    if (this.clustered) {
      this.io.to(targets).emit('notification', toWire(row));
      return;
    }
    // On one node with nobody in those rooms, nothing to encode (events published by night, batches).
    const rooms = this.io.of('/').adapter.rooms;
    if (!targets.some((r) => rooms.has(r))) return;
    // Sent once the callers answered with this one (a group commit, a batch) have pushed theirs
    // too: each socket then gets all of them in one write, and the more events gather while the
    // node is busy, the less each costs (BENCHMARKS.md, item 27).
    this.pending.push({ rooms: targets, event: 'notification', data: toWire(row) });
    if (this.pending.length === 1) setImmediate(this.fanOut);
  }

  /**
   * Sends the notifications waiting; called before any other push, so that each socket still
   * receives everything in the order it was pushed, and rooms change only after what was sent to
   * them before.
   */
  private readonly fanOut = () => {
    if (!this.pending.length) return;
    const emits = this.pending;
    this.pending = [];
    emitPreFramed(this.io, emits);
  };

  updated(tenantId: string, recipientId: string, update: NotificationUpdate) {
    this.fanOut();
    this.pushed(tenantId);
    this.io.to(rooms.recipient(tenantId, recipientId)).emit('notification:updated', update);
  }

  unread(tenantId: string, recipientId: string, count: number) {
    this.fanOut();
    this.pushed(tenantId);
    this.io.to(rooms.recipient(tenantId, recipientId)).emit('unread', { count });
  }

  recipientChanged(tenantId: string, before: RecipientRow | undefined, after: RecipientRow | undefined) {
    this.fanOut();
    this.pushed(tenantId);
    const own = rooms.recipient(tenantId, (after ?? before)!.id);
    const sockets = this.io.in(own);
    if (!after) {
      sockets.disconnectSockets(true);
      return;
    }
    const next = new Set(roomsOfReader(tenantId, after));
    const stale = before ? roomsOfReader(tenantId, before).filter((r) => !next.has(r)) : [];
    if (stale.length) sockets.socketsLeave(stale);
    sockets.socketsJoin([...next]);
  }

  disconnect(tenantId: string, recipientId?: string) {
    this.fanOut();
    this.pushed(tenantId);
    const room = recipientId ? rooms.recipient(tenantId, recipientId) : rooms.tenant(tenantId);
    this.io.in(room).disconnectSockets(true);
  }
}
