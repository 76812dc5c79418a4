import type { Server as HttpServer, IncomingMessage } from 'node:http';
import {
  type Ack,
  type ClientToServerEvents,
  type HandshakeAuth,
  isUuid,
  type ServerToClientEvents,
  SOCKET_PATH,
} from '@aviso/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { Database } from '../db/client.ts';
import type { Counts, InboxItem } from '../db/repos/notifications.ts';
import type { Store } from '../db/store.ts';
import type { WidgetSession, WidgetTokens } from '../identity/widget-tokens.ts';
import type { Inbox } from '../inbox/inbox.ts';
import { itemsToWire } from '../inbox/wire.ts';
import { appError, asAppError, fail, socketError } from '../lib/errors.ts';
import { clientAddress, isWrongCredential, type Limits, personKey, rateLimited } from '../lib/limiter.ts';
import type { Presence } from '../presence/presence.ts';
import type { AvisoServer, SocketBroadcaster } from './broadcaster.ts';
import { webSocketOf } from './fan-out.ts';
import { idAt, timeOfId, watchAdapter, watchPeers } from './resync.ts';
import { roomsOfReader } from './rooms.ts';

export interface RealtimeOptions {
  tokens: WidgetTokens;
  store: Store;
  inbox: Inbox;
  presence: Presence;
  log: Logger;
  corsOrigins: string[] | '*';
  /** Publisher and subscriber connections for the Redis adapter; absent on a single node. */
  redis?: { pub: Redis; sub: Redis };
  /** Most notifications replayed on reconnect; the rest are in `/v1/me/notifications`. */
  replayLimit?: number;
  /** Failed tokens per address, sockets per person, events per person; none when absent. */
  limits?: Limits;
  /** The node's database: its sockets are told when it goes away and comes back. */
  database?: Pick<Database, 'onAvailability'>;
  /** What the node pushed to each tenant (see `SocketBroadcaster.pushesTo`); absent: always recount. */
  pushes?: Pick<SocketBroadcaster, 'pushesTo'>;
}

interface SocketData {
  /** Set by the handshake, dropped once the socket is set up. */
  session?: WidgetSession;
  /** Frees the person's slot among the sockets being set up (with a socket cap only). */
  release?: () => void;
  tenantId?: string;
  recipientId?: string;
  /** Until the set-up (replay, rooms, count) ends: what the socket asks meanwhile waits for it. */
  setUp?: Promise<void>;
}

type AvisoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function failure(err: unknown): Ack {
  const e = asAppError(err) ?? appError('INTERNAL');
  return { ok: false, error: { code: e.code, message: e.message } };
}

/**
 * The Socket.IO server, not yet attached to an HTTP server: the broadcaster and the services are
 * built on its rooms first, then `attachRealtime` opens it on the node's HTTP server.
 */
export function createSocketServer(options: Pick<RealtimeOptions, 'corsOrigins' | 'redis'>): AvisoServer {
  const { corsOrigins } = options;
  // A page may open a socket from its own origin or from an allowed one. Programs send no Origin
  // (and could send any): the check is for browsers, which CORS alone does not stop on a WebSocket.
  const allowed = (origin: string | undefined, host: string | undefined) =>
    corsOrigins === '*' ||
    origin === undefined ||
    corsOrigins.includes(origin) ||
    (URL.canParse(origin) && new URL(origin).host === host);
  return new Server({
    path: SOCKET_PATH,
    serveClient: false,
    allowRequest: (req, done) => {
      const ok = allowed(req.headers.origin, req.headers.host);
      done(ok ? null : 'origin not allowed', ok);
    },
    // Tokens travel in the handshake, never in cookies: no credentials across origins.
    cors: { origin: corsOrigins === '*' ? '*' : corsOrigins, credentials: false },
    ...(options.redis
      ? { adapter: createAdapter(options.redis.pub, options.redis.sub, { key: 'aviso' }) }
      : {}),
  });
}

/** What a socket's handshake keeps of its credentials once they were used: nothing. */
const SPENT_AUTH = Object.freeze({});

/** How far before `since` a replay looks again, for notifications committed after later ones. */
const REPLAY_OVERLAP_MS = 5_000;
/**
 * How long before `since` was minted another node's group may have begun and still be committing
 * when the client saw `since` (a node answers its own groups in order, see `NotificationWriter`).
 * What such groups stored is replayed again; the client keeps one of each id.
 */
const SLOW_GROUP_MS = 2_000;

/** Attaches Socket.IO to the HTTP server: token check, rooms, replay, read sync, presence. */
export function attachRealtime(io: AvisoServer, http: HttpServer, options: RealtimeOptions): AvisoServer {
  const { tokens, inbox, presence, log, replayLimit = 200, store: stores, limits } = options;
  io.attach(http);
  if (options.redis) {
    watchAdapter(io, options.redis.sub, { store: stores, inbox, log });
    const stopWatching = watchPeers(io, { store: stores, inbox, log });
    http.once('close', stopWatching);
  }
  // Only this node's sockets: each node tells its own what it sees of the database.
  options.database?.onAvailability((up) =>
    io.local.emit('status', { database: up ? 'available' : 'unavailable' }),
  );
  // Handshakes past the socket cap check but not yet in presence, so a burst cannot slip past it.
  const opening = new Map<string, number>();
  const release = (person: string) => {
    const n = (opening.get(person) ?? 1) - 1;
    if (n > 0) opening.set(person, n);
    else opening.delete(person);
  };

  // The upgrade request is not needed after the handshake; dropping it saves memory per socket.
  // Behind trusted proxies the client's address is in its X-Forwarded-For, so it is read first and
  // kept as the connection's address (the handshake's `address`).
  io.engine.on('connection', (raw: { request: IncomingMessage | null; remoteAddress: string }) => {
    const trusted = limits?.trustedProxies ?? 0;
    const forwarded = raw.request?.headers['x-forwarded-for'];
    raw.remoteAddress = clientAddress(raw.remoteAddress, forwarded, trusted);
    raw.request = null;
  });

  io.use(async (socket, next) => {
    const { handshake } = socket;
    const address = handshake.address;
    try {
      const wait = limits?.authFailures?.blockedMs(address) ?? 0;
      if (wait > 0) throw rateLimited(wait);
      const auth = (handshake.auth ?? {}) as Partial<HandshakeAuth>;
      const session = await tokens
        .verify(typeof auth.token === 'string' ? auth.token : undefined)
        .catch(async (err: unknown) => {
          if (isWrongCredential(err)) await limits?.authFailures?.consume(address);
          throw err;
        });
      const cap = limits?.socketsPerPerson;
      if (cap) {
        // The new socket is refused, never an older one: a kicked tab would reconnect and kick back.
        const person = personKey(session.tenant.id, session.recipient.id);
        const live =
          (await presence.count(session.tenant.id, session.recipient.id)) + (opening.get(person) ?? 0);
        if (live >= cap) fail('TOO_MANY_CONNECTIONS', { max: cap });
        opening.set(person, (opening.get(person) ?? 0) + 1);
        // Released once: when set-up ends, or when the client leaves before `connection` fires
        // (Socket.IO then drops the socket silently, and the slot would stay taken for good).
        let held = true;
        const drop = () => {
          if (held) release(person);
          held = false;
          socket.conn.off('close', drop);
        };
        (socket.data as SocketData).release = drop;
        if (socket.conn.readyState === 'open') socket.conn.once('close', drop);
        else drop();
      }
      (socket.data as SocketData).session = session;
      next();
    } catch (err) {
      const e = asAppError(err) ?? appError('INTERNAL');
      if (e.code === 'INTERNAL') log.error({ err }, 'socket auth failed');
      next(socketError(e));
    }
  });

  io.on('connection', (raw) => {
    const socket = raw as unknown as AvisoSocket;
    const drop = socket.data.release;
    // The replay and the count leave in one write rather than one per frame (each write to a
    // socket is a system call, the largest cost of a connection storm after the queries).
    const wire = webSocketOf(socket)?._socket;
    wire?.cork();
    void onConnection(socket)
      .catch((err) => {
        if (!(asAppError(err)?.status === 503)) log.error({ err }, 'socket setup failed');
        // A transport close, which the client retries with backoff (a server disconnect it would not).
        socket.conn.close();
      })
      .finally(() => {
        wire?.uncork();
        drop?.();
      });
  });

  async function onConnection(socket: AvisoSocket) {
    const session = socket.data.session!;
    const auth = socket.handshake.auth as Partial<HandshakeAuth>;
    const since = typeof auth.since === 'string' && isUuid(auth.since) ? auth.since.toLowerCase() : undefined;
    // The token (a few hundred bytes) would otherwise stay with the socket for its whole life.
    socket.handshake.auth = SPENT_AUTH;
    // From here on a socket keeps ids only (memory per idle socket): rows are read when needed.
    let setUp!: () => void;
    socket.data = {
      tenantId: session.tenant.id,
      recipientId: session.recipient.id,
      setUp: new Promise((resolve) => {
        setUp = resolve;
      }),
    };
    // Listening from the first moment: a client may ask (read-all…) as soon as it is connected, and
    // an event nobody listens to is dropped unanswered. What it asks waits for the set-up to end.
    socket.on('read', onRead);
    socket.on('read-all', onReadAll);
    socket.on('seen', onSeen);
    try {
      await setUpSocket(socket, session, since);
    } finally {
      socket.data.setUp = undefined;
      setUp();
    }
  }

  /** Replay, rooms, presence and the count, for a socket that just connected. */
  async function setUpSocket(socket: AvisoSocket, session: WidgetSession, since: string | undefined) {
    const { store, tenant, recipient: reader } = session;
    const tenantId = tenant.id;
    const readerId = reader.id;
    // Cleanup first: a socket may close during any await below, and must then never count as online.
    socket.on('disconnect', onDisconnect);

    // Replay first, then join: nothing new is pushed between the replayed items. The replay's
    // statement also counts; its counts stand if nothing was pushed to the tenant until the join.
    const pushedBefore = options.pushes?.pushesTo(tenantId);
    // Ids are minted before their commit: one minted a little before the mark on another node may
    // have been stored after the client saw the mark. Those come first; the client keeps one of
    // each id, and none is sent twice here.
    const replay = (mark: string, limit: number) => {
      const minted = timeOfId(mark);
      return store.notifications.replayFrom(
        reader,
        mark,
        {
          from: idAt(minted - REPLAY_OVERLAP_MS),
          begunAfter: new Date(minted - SLOW_GROUP_MS),
          limit: 50,
        },
        limit,
      );
    };
    const sent = new Set<string>();
    const send = (items: InboxItem[]) => {
      const fresh = items.filter((i) => !sent.has(i.n.id));
      for (const i of fresh) sent.add(i.n.id);
      for (const n of itemsToWire(fresh, reader)) socket.emit('notification', n);
    };
    let counts: Counts | undefined;
    let last = since;
    let replayed = 0;
    if (since) {
      const { late, missed, ...replayCounts } = await replay(since, replayLimit);
      send([...late, ...missed]);
      last = missed.at(-1)?.n.id ?? since;
      replayed = missed.length;
      counts = replayCounts;
    }
    socket.join(roomsOfReader(tenant.id, reader));
    const pushedMeanwhile = pushedBefore === undefined || options.pushes?.pushesTo(tenantId) !== pushedBefore;
    // Also when the replay stopped at its limit: the newest id it counted is past what it sent.
    const cutShort = Boolean(last && counts?.newest && counts.newest > last);
    if (since && last && (pushedMeanwhile || cutShort)) {
      // What was stored while the replay ran was pushed to rooms this socket had not joined yet:
      // newer than `since`, or minted a little before it and stored late. Read again after the
      // join (as far again as the replay went, and as much further), whatever this does not see
      // was stored later, so pushed to the rooms just joined; the count then includes everything.
      const { late, missed, ...again } = await replay(since, replayed + replayLimit);
      send([...late, ...missed]);
      const newest = missed.at(-1)?.n.id;
      if (newest && newest > last) last = newest;
      counts = again;
    } else if (!counts) {
      counts = await store.notifications.unreadAndNewest(reader);
      // The client's replay mark for its next reconnection, though it has not received anything.
      last = counts.newestInInbox;
    }
    const count = counts.unread;
    if (socket.disconnected) return;
    // Synchronously after the check: presence records the socket before any disconnect can run.
    await presence.connected(tenantId, readerId, socket.id);
    socket.emit('unread', {
      count,
      latestId: last ?? null,
      locale: reader.locale ?? tenant.locale,
    });
  }

  // The handlers are shared by every socket (`this` is the socket) rather than made per socket:
  // an idle socket then costs only its ids and room memberships.
  async function reader(socket: AvisoSocket) {
    if (socket.data.setUp) await socket.data.setUp;
    const { tenantId, recipientId } = socket.data;
    if (limits?.person) {
      const spent = await limits.person.consume(personKey(tenantId!, recipientId!));
      if (!spent.ok) throw rateLimited(spent.retryAfterMs);
    }
    const store = stores.forTenant(tenantId!);
    const row = await store.recipients.get(recipientId!);
    if (!row) fail('RECIPIENT_NOT_FOUND', { id: recipientId! });
    return { store, row };
  }

  // The ack is the event's last argument: a client may send a payload `read-all` does not take, or
  // none where `read` takes one, and must still get its answer.
  function answer(args: unknown[], work: Promise<Ack>) {
    const ack = args.at(-1);
    const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => {};
    work.then(reply, (err) => {
      if (!asAppError(err)) log.error({ err }, 'socket handler failed');
      reply(failure(err));
    });
  }

  function onDisconnect(this: AvisoSocket) {
    const { tenantId, recipientId } = this.data;
    if (tenantId && recipientId) void presence.disconnected(tenantId, recipientId, this.id).catch(() => {});
  }

  function onRead(this: AvisoSocket, ...args: unknown[]) {
    const payload = args[0] as { id?: unknown } | undefined;
    const id = typeof payload?.id === 'string' ? payload.id : '';
    answer(
      args,
      reader(this).then(async ({ store, row }) => ({
        ok: true,
        count: (await inbox.read(store, row, id)).unreadCount,
      })),
    );
  }

  function onReadAll(this: AvisoSocket, ...args: unknown[]) {
    answer(
      args,
      reader(this).then(async ({ store, row }) => ({
        ok: true,
        count: (await inbox.readAll(store, row)).unreadCount,
      })),
    );
  }

  function onSeen(this: AvisoSocket, ...args: unknown[]) {
    const payload = args[0] as { ids?: unknown } | undefined;
    const ids = Array.isArray(payload?.ids)
      ? payload.ids.filter((i): i is string => typeof i === 'string')
      : [];
    answer(
      args,
      reader(this).then(async ({ store, row }) => {
        await inbox.seen(store, row, ids);
        return { ok: true } as const;
      }),
    );
  }

  return io;
}
