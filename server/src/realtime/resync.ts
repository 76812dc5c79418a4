import type { Notification } from '@aviso/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Store } from '../db/store.ts';
import type { Inbox } from '../inbox/inbox.ts';
import { itemsToWire } from '../inbox/wire.ts';
import type { AvisoServer } from './broadcaster.ts';

/**
 * How far before the moment the link was lost the refill starts: pushes in flight then, and the
 * clocks of other nodes (which mint the time-ordered ids) being a little behind this one's.
 */
export const RESYNC_MARGIN_MS = 10_000;
/** People refilled at once, so that thousands of sockets do not queue on the database together. */
const PEOPLE_AT_ONCE = 16;
const PAGE = 500;
const MAX_PAGES = 10;

/** The smallest time-ordered (v7) id minted at `ms`: every notification created since sorts after it. */
export function idAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** When a time-ordered (v7) id was minted, ms since the epoch (its first 48 bits). */
export function timeOfId(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** How often a node counts its peers, to notice one that died (see `watchPeers`). */
const PEER_CHECK_MS = 2_000;

/**
 * Fills the gap a peer's death leaves. A node killed between its commit and its publish to Redis
 * took the push of a notification with it; the sockets on the other nodes stayed connected, so no
 * `since` replays it. Each node counts the nodes subscribed to the adapter's channel; when one is
 * gone, its own sockets get the refill of a Redis outage, from shortly before.
 */
export function watchPeers(io: AvisoServer, options: ResyncOptions): () => void {
  let known: number | undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void io
      .of('/')
      .adapter.serverCount()
      .then(async (count) => {
        const lost = known !== undefined && count < known;
        known = count;
        if (lost) await refill(io, idAt(Date.now() - RESYNC_MARGIN_MS), options);
      })
      .catch(() => {}) // Redis away: the adapter's own watch refills once it is back
      .finally(() => {
        running = false;
      });
  }, PEER_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export interface ResyncOptions {
  store: Store;
  inbox: Inbox;
  log: Logger;
}

/**
 * Fills the gap a Redis outage leaves. While the adapter's subscriber is cut off, pushes made on
 * other nodes never reach this node's sockets, and `since` on a reconnection cannot help (a socket
 * that stayed connected got newer pushes from this node). So once the subscriber is back and has
 * subscribed again, each person with a socket here gets `resync`, every visible notification since
 * shortly before the link was lost (clients dedupe by id), and the unread count.
 */
export function watchAdapter(io: AvisoServer, sub: Redis, options: ResyncOptions): void {
  let lostAt: number | undefined;
  sub.on('close', () => {
    lostAt ??= Date.now();
  });
  sub.on('ready', () => {
    if (lostAt === undefined) return;
    const since = idAt(lostAt - RESYNC_MARGIN_MS);
    lostAt = undefined;
    // PING is answered after the subscriptions ioredis sends again on reconnection: from then on
    // pushes arrive live, and the refill below covers everything before.
    void sub
      .ping()
      .catch(() => {})
      .then(() => refill(io, since, options))
      .catch((err: unknown) => options.log.warn({ err }, 'resync after the Redis outage failed'));
  });
}

/** Sends every local socket what its person may have missed since `since`. */
export async function refill(io: AvisoServer, since: string, { store, inbox, log }: ResyncOptions) {
  const people = new Map<string, { tenantId: string; recipientId: string; ids: string[] }>();
  for (const socket of io.of('/').sockets.values()) {
    const { tenantId, recipientId } = socket.data as { tenantId?: string; recipientId?: string };
    if (!tenantId || !recipientId) continue;
    const key = `${tenantId}:${recipientId}`;
    const person = people.get(key) ?? { tenantId, recipientId, ids: [] };
    person.ids.push(socket.id);
    people.set(key, person);
  }
  const queue = [...people.values()];
  let sent = 0;
  const worker = async () => {
    for (let person = queue.shift(); person; person = queue.shift()) {
      sent += await refillOne(person).catch((err: unknown) => {
        log.warn({ err, recipient: person?.recipientId }, 'resync of one person failed');
        return 0;
      });
    }
  };
  const refillOne = async (person: { tenantId: string; recipientId: string; ids: string[] }) => {
    const tenant = store.forTenant(person.tenantId);
    const reader = await tenant.recipients.get(person.recipientId);
    if (!reader) return 0;
    const missed: Notification[] = [];
    let from = since;
    for (let page = 0; page < MAX_PAGES; page++) {
      const items = await tenant.notifications.since(reader, from, PAGE);
      missed.push(...itemsToWire(items, reader));
      if (items.length < PAGE) break;
      from = items.at(-1)!.n.id;
    }
    const count = await inbox.unreadCount(tenant, reader);
    // As on a connection: the newest id the person may see, which closes the refill for the client.
    const latestId =
      missed.at(-1)?.id ??
      (await tenant.notifications.inbox(reader, { limit: 1, filter: 'all' })).items[0]?.n.id;
    for (const id of person.ids) {
      const socket = io.of('/').sockets.get(id);
      if (!socket?.connected) continue;
      socket.emit('resync', { since });
      for (const n of missed) socket.emit('notification', n);
      socket.emit('unread', { count, latestId: latestId ?? null });
    }
    return missed.length;
  };
  await Promise.all(Array.from({ length: PEOPLE_AT_ONCE }, worker));
  log.info({ people: people.size, notifications: sent }, 'sockets resynced after the Redis outage');
}
