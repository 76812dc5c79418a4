// Prints the live notifications of one widget token: `pnpm watch <token> [hubUrl]`.
import type { ClientToServerEvents, ServerToClientEvents } from '@aviso/protocol';
import { io, type Socket } from 'socket.io-client';

const [token, url = 'http://localhost:3000'] = process.argv.slice(2).filter((a) => a !== '--');
if (!token) {
  console.error('usage: pnpm watch <widget token> [hub url]');
  process.exit(2);
}
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token } });
socket.on('connect', () => console.log(`connected to ${url}; waiting for notifications (Ctrl+C to stop)`));
socket.on('connect_error', (err) => {
  console.error(`cannot connect: ${err.message} ${JSON.stringify((err as { data?: unknown }).data ?? {})}`);
  process.exit(1);
});
socket.on('unread', ({ count }) => console.log(`unread: ${count}`));
socket.on('notification', (n) => console.log(`[${n.severity}] ${n.type}: ${n.message}  ${n.link ?? ''}`));
socket.on('notification:updated', (u) => console.log(`updated: ${JSON.stringify(u)}`));
