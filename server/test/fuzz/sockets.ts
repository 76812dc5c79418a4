/**
 * Real socket.io-client sockets for the property-based realtime suite, opened with any handshake
 * auth, and the checks on what the hub answers and sends them.
 */
import { type Ack, type ClientToServerEvents, ERROR_CODES, type ServerToClientEvents } from '@aviso/protocol';
import { io, type Socket } from 'socket.io-client';
import type { Credential, FuzzWorld } from './world.ts';

export const ACK_MS = 5_000;
const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** A socket that keeps, as text, everything the hub sent it. */
export type FuzzSocket = Socket<ServerToClientEvents, ClientToServerEvents> & { seen: string[] };

/** How a handshake ended: the hub set the socket up (its first `unread`), or refused it (with a code). */
export interface Opened {
  socket: FuzzSocket;
  outcome: 'ready' | 'refused';
  code?: string;
}

/** Opens a socket with `auth` (any value); resolves once the hub has set it up or refused it. */
export function open(
  url: string,
  auth: unknown,
  transport: 'websocket' | 'polling' = 'websocket',
): Promise<Opened> {
  const socket = io(url, {
    auth: auth as Record<string, unknown>,
    transports: [transport],
    reconnection: false,
    forceNew: true,
    timeout: ACK_MS,
  }) as FuzzSocket;
  socket.seen = [];
  socket.onAny((event, ...args) => socket.seen.push(`${event} ${JSON.stringify(args)}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer to the handshake in ${ACK_MS * 2} ms`)),
      ACK_MS * 2,
    );
    const done = (outcome: Opened['outcome'], code?: string) => {
      clearTimeout(timer);
      if (outcome === 'refused') socket.close();
      resolve({ socket, outcome, ...(code ? { code } : {}) });
    };
    socket.once('unread', () => done('ready'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      done('refused', err.data?.code ?? 'none'),
    );
    socket.once('disconnect', () => done('refused'));
  });
}

/** Emits any event with any arguments and waits for its ack; undefined when the hub closed the socket. */
export function ask(socket: FuzzSocket, event: string, args: unknown[], what: string): Promise<unknown> {
  return (socket as unknown as Socket)
    .timeout(ACK_MS)
    .emitWithAck(event, ...args)
    .catch((err: Error) => {
      if (socket.disconnected) return undefined; // a message past the size limit closes the socket
      throw new Error(`no ack to ${what}: ${err.message}`);
    });
}

/** A handshake refusal carries a stable code (never INTERNAL), or none when the hub closed the transport. */
export function checkRefusal(code: string | undefined, what: string): void {
  if (code !== undefined && (!KNOWN_CODES.has(code) || code === 'INTERNAL'))
    throw new Error(`refused ${what} with ${code}`);
}

/** An ack is `{ok: true, count?}` or `{ok: false, error: {code, message}}` with a stable code, never INTERNAL. */
export function checkAck(ack: unknown, what: string): Ack {
  const a = ack as Ack;
  const wellFormed =
    !!a &&
    typeof a === 'object' &&
    (a.ok === true
      ? a.count === undefined || (Number.isInteger(a.count) && a.count >= 0)
      : a.ok === false && typeof a.error?.message === 'string' && KNOWN_CODES.has(a.error?.code));
  if (!wellFormed) throw new Error(`malformed ack ${JSON.stringify(ack)} to ${what}`);
  if (!a.ok && a.error.code === 'INTERNAL') throw new Error(`INTERNAL ack to ${what}`);
  return a;
}

/** No marker of a tenant other than the credential's in anything the hub sent the socket. */
export function checkNoLeak(
  world: FuzzWorld,
  tenant: Credential['tenant'],
  socket: FuzzSocket,
  what: string,
): void {
  const text = socket.seen.join('\n');
  for (const s of Object.values(world.tenants)) {
    if (s.label === tenant) continue;
    const leaked = s.markers.find((m) => text.includes(m));
    if (leaked) throw new Error(`tenant ${s.label}'s data (${leaked}) sent to ${what}`);
  }
}
