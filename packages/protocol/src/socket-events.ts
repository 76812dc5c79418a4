import type { Notification, NotificationUpdate } from './notification.ts';

/** Default Socket.IO path of the hub. */
export const SOCKET_PATH = '/socket.io';

/** What the client sends in the handshake: `io(url, {auth})`. */
export interface HandshakeAuth {
  token: string;
  /** Id of the last notification this client saw: newer visible ones are replayed, oldest first. */
  since?: string;
}

/** The answer to every client → server event. */
export type Ack = { ok: true; count?: number } | { ok: false; error: { code: string; message: string } };

/**
 * The hub's unread count. The one sent when a socket connects (after the replay) also carries
 * `latestId`, the newest notification the person may see (null when none): the client's replay
 * mark even before it has received anything; and `locale`, the person's language (their own,
 * else their tenant's), for a widget the page gives no `lang`.
 */
export interface UnreadPayload {
  count: number;
  latestId?: string | null;
  locale?: string;
}

/** Events the hub sends to a widget. */
export interface ServerToClientEvents {
  notification: (notification: Notification) => void;
  'notification:updated': (update: NotificationUpdate) => void;
  unread: (payload: UnreadPayload) => void;
  /**
   * The hub lost its link to the other nodes (Redis) for a while, so pushes made on them may not
   * have arrived. Right after this event come the visible notifications newer than `since` (a
   * time-ordered id from shortly before the link was lost), oldest first, as `notification` events
   * that may repeat ones already received (dedupe by id), then `unread` with `latestId`. Read
   * states shown from before may be stale.
   */
  resync: (payload: { since: string }) => void;
  /**
   * The hub's database went away or came back. While it is `unavailable` the socket stays connected
   * but answers and reads fail with `DATABASE_UNAVAILABLE`; nothing new is published meanwhile.
   */
  status: (payload: { database: 'available' | 'unavailable' }) => void;
}

/** Events a widget sends to the hub; each takes an acknowledgement callback. */
export interface ClientToServerEvents {
  read: (payload: { id: string }, ack: (result: Ack) => void) => void;
  'read-all': (ack: (result: Ack) => void) => void;
  seen: (payload: { ids: string[] }, ack: (result: Ack) => void) => void;
}
