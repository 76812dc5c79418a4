// The widget side of the bench: many socket.io-client sockets in a process of their own, each
// recording when every notification reached it. Driven over IPC by `run.ts`.
import { io, type Socket } from 'socket.io-client';
import { now } from './clock.ts';
import type { FromClients, ToClients } from './messages.ts';

const send = (message: FromClients) => process.send!(message);

/** Receipts as (seq, time) pairs in growable typed arrays: 100,000s per second stay cheap. */
class Receipts {
  seq = new Float64Array(1 << 16);
  at = new Float64Array(1 << 16);
  length = 0;
  total = 0;

  add(seq: number, at: number) {
    if (this.length === this.seq.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.seq = grow(this.seq);
      this.at = grow(this.at);
    }
    this.seq[this.length] = seq;
    this.at[this.length] = at;
    this.length++;
    this.total++;
  }

  drain() {
    const out = { seq: this.seq.slice(0, this.length), at: this.at.slice(0, this.length) };
    this.length = 0;
    return out;
  }
}

const receipts = new Receipts();
const sockets: Socket[] = [];

function connectOne(url: string, path: string, token: string, since?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path,
      auth: since ? { token, since } : { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no unread count within 30 s'));
    }, 30_000);
    socket.on('notification', (n: { data?: { seq?: unknown } }) => {
      const at = now();
      if (typeof n.data?.seq === 'number') receipts.add(n.data.seq, at);
    });
    // The server pushes `unread` once the socket has joined its rooms: from then on it is live.
    socket.once('unread', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(err.data?.code ?? err.message));
    });
  });
}

async function connectAll(url: string, path: string, tokens: string[], concurrency: number, since?: string) {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      try {
        sockets.push(await connectOne(url, path, token, since));
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  send({ type: 'connected', ok: sockets.length, failed, ...(firstError ? { firstError } : {}) });
}

let reported = 0;
const progress = setInterval(() => {
  if (receipts.total !== reported) {
    reported = receipts.total;
    send({ type: 'progress', received: reported });
  }
}, 50);

process.on('message', (message: ToClients) => {
  switch (message.type) {
    case 'ping':
      send({ type: 'pong', t0: message.t0, tc: now() });
      break;
    case 'connect':
      void connectAll(message.url, message.path, message.tokens, message.concurrency, message.since);
      break;
    case 'collect':
      send({ type: 'receipts', ...receipts.drain() });
      break;
    case 'drop':
      for (const s of sockets.splice(0)) s.close();
      send({ type: 'dropped' });
      break;
    case 'close':
      clearInterval(progress);
      for (const s of sockets) s.close();
      send({ type: 'closed' });
      process.disconnect();
      break;
  }
});

// Never outlive the orchestrator.
process.on('disconnect', () => process.exit(0));
