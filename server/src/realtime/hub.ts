import type { Server as HttpServer } from 'node:http';
import {
  type Ack,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  SOCKET_PATH,
} from '@aviso/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { WidgetSession, WidgetTokens } from '../auth/widget-tokens.ts';
import type { Inbox } from '../domain/inbox.ts';
import { itemsToWire } from '../domain/wire.ts';
import { AppError } from '../errors.ts';
import type { AvisoServer } from './broadcaster.ts';
import type { Presence } from './presence.ts';
import { roomsOfReader } from './rooms.ts';

export interface RealtimeOptions {
  tokens: WidgetTokens;
  inbox: Inbox;
  presence: Presence;
  log: Logger;
  corsOrigins: string[] | '*';
  /** Publisher and subscriber connections for the Redis adapter; absent on a single node. */
  redis?: { pub: Redis; sub: Redis };
  /** Most notifications replayed on reconnect; the rest are in `/v1/me/notifications`. */
  replayLimit?: number;
}

interface SocketData {
  session: WidgetSession;
}

type AvisoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failure(err: unknown): Ack {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
}

/** Attaches Socket.IO to the HTTP server: token check, rooms, replay, read sync, presence. */
export function attachRealtime(http: HttpServer, options: RealtimeOptions): AvisoServer {
  const { tokens, inbox, presence, log, replayLimit = 200 } = options;
  const io: AvisoServer = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    cors: { origin: options.corsOrigins === '*' ? true : options.corsOrigins, credentials: true },
    ...(options.redis
      ? { adapter: createAdapter(options.redis.pub, options.redis.sub, { key: 'aviso' }) }
      : {}),
  });

  // The upgrade request is not needed after the handshake; dropping it saves memory per socket.
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
      (socket.data as SocketData).session = await tokens.verify(
        typeof auth.token === 'string' ? auth.token : undefined,
      );
      next();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(500, 'INTERNAL', 'internal error');
      if (!(err instanceof AppError)) log.error({ err }, 'socket auth failed');
      next(Object.assign(new Error(e.message), { data: { code: e.code } }));
    }
  });

  io.on('connection', (raw) => {
    const socket = raw as unknown as AvisoSocket;
    void onConnection(socket).catch((err) => {
      log.error({ err }, 'socket setup failed');
      socket.disconnect(true);
    });
  });

  async function onConnection(socket: AvisoSocket) {
    const { session } = socket.data;
    const { store, tenant } = session;
    const reader = session.recipient;
    const auth = socket.handshake.auth as Partial<HandshakeAuth>;
    const since = typeof auth.since === 'string' && UUID.test(auth.since) ? auth.since : undefined;

    // Replay first, then join: nothing new is pushed between the replayed items.
    let last = since;
    if (since) {
      const missed = await store.notifications.since(reader, since, replayLimit);
      for (const n of itemsToWire(missed, reader)) socket.emit('notification', n);
      last = missed.at(-1)?.n.id ?? since;
    }
    socket.join(roomsOfReader(tenant.id, reader));
    if (last) {
      // What was stored while the replay ran was pushed to rooms this socket had not joined yet.
      const gap = await store.notifications.since(reader, last, replayLimit);
      for (const n of itemsToWire(gap, reader)) socket.emit('notification', n);
    }
    await presence.connected(tenant.id, reader.id, socket.id);
    socket.on('disconnect', () => {
      void presence.disconnected(tenant.id, reader.id, socket.id).catch(() => {});
    });
    socket.emit('unread', { count: await inbox.unreadCount(store, reader) });

    const fresh = async () => {
      const row = await store.recipients.get(reader.id);
      if (!row) throw new AppError(401, 'RECIPIENT_NOT_FOUND', 'this recipient was removed');
      return row;
    };
    const handle =
      <A extends unknown[]>(fn: (...args: A) => Promise<Ack>) =>
      (...args: [...A, unknown]) => {
        const ack = args[args.length - 1];
        const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => {};
        fn(...(args.slice(0, -1) as A)).then(reply, (err) => {
          if (!(err instanceof AppError)) log.error({ err }, 'socket handler failed');
          reply(failure(err));
        });
      };

    socket.on(
      'read',
      handle(async (payload: { id?: unknown }) => {
        const id = typeof payload?.id === 'string' ? payload.id : '';
        const result = await inbox.read(store, await fresh(), id);
        return { ok: true, count: result.unreadCount };
      }),
    );
    socket.on(
      'read-all',
      handle(async () => {
        const result = await inbox.readAll(store, await fresh());
        return { ok: true, count: result.unreadCount };
      }),
    );
    socket.on(
      'seen',
      handle(async (payload: { ids?: unknown }) => {
        const ids = Array.isArray(payload?.ids)
          ? payload.ids.filter((i): i is string => typeof i === 'string')
          : [];
        await inbox.seen(store, await fresh(), ids);
        return { ok: true };
      }),
    );
  }

  return io;
}
