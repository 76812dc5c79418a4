import type { ClientToServerEvents, Notification, ServerToClientEvents } from '@aviso/protocol';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  received: Notification[];
  counts: number[];
  updates: unknown[];
};

/** A real socket.io-client that records what it receives. Resolves once connected (or rejects). */
export function connect(url: string, auth: { token: string; since?: string }): Promise<TestSocket> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  }) as TestSocket;
  socket.received = [];
  socket.counts = [];
  socket.updates = [];
  socket.on('notification', (n) => socket.received.push(n));
  socket.on('unread', ({ count }) => socket.counts.push(count));
  socket.on('notification:updated', (u) => socket.updates.push(u));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Waits until `check` holds, polling briefly; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits a little to be sure nothing more arrives (used for "does not receive" checks). */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
