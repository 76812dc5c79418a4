import type { ClientToServerEvents, NotificationUpdate, ServerToClientEvents } from '@aviso/protocol';
import type { Server } from 'socket.io';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { Broadcaster } from '../inbox/broadcaster.ts';
import { toWire } from '../inbox/wire.ts';
import { rooms, roomsOfNotification, roomsOfReader } from './rooms.ts';

export type AvisoServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Emits through Socket.IO rooms (and so through the Redis adapter to every node). */
export class SocketBroadcaster implements Broadcaster {
  constructor(private readonly io: AvisoServer) {}

  notification(row: NotificationRow) {
    this.io.to(roomsOfNotification(row)).emit('notification', toWire(row));
  }

  updated(tenantId: string, recipientId: string, update: NotificationUpdate) {
    this.io.to(rooms.recipient(tenantId, recipientId)).emit('notification:updated', update);
  }

  unread(tenantId: string, recipientId: string, count: number) {
    this.io.to(rooms.recipient(tenantId, recipientId)).emit('unread', { count });
  }

  recipientChanged(tenantId: string, before: RecipientRow | undefined, after: RecipientRow | undefined) {
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
    const room = recipientId ? rooms.recipient(tenantId, recipientId) : rooms.tenant(tenantId);
    this.io.in(room).disconnectSockets(true);
  }
}
