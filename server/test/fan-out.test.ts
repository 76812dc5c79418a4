import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRow } from '../src/db/rows.ts';
import { SocketBroadcaster } from '../src/realtime/broadcaster.ts';
import { emitPreFramed, textFrame, webSocketOf } from '../src/realtime/fan-out.ts';
import { rooms } from '../src/realtime/rooms.ts';

/** A Socket.IO server whose sockets join the rooms their handshake names. */
let http: HttpServer;
let io: Server;
let url: string;
const clients: Socket[] = [];
const serverSide = new Map<string, ServerSocket>();

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on('connection', (socket) => {
    const { rooms, name } = socket.handshake.auth as { rooms: string[]; name: string };
    void socket.join(rooms);
    serverSide.set(name, socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise((resolve) => io.close(resolve));
});

/** A client in `rooms`, over WebSocket unless told; resolves once the server holds its socket. */
async function client(name: string, rooms: string[], transports = ['websocket']) {
  const socket = connect(url, { transports, auth: { rooms, name }, forceNew: true });
  clients.push(socket);
  const got: unknown[] = [];
  socket.on('note', (data) => got.push(data));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  await expect.poll(() => serverSide.get(name)?.rooms.size).toBe(rooms.length + 1);
  return { socket, got, server: serverSide.get(name)! };
}

describe('textFrame', () => {
  it('frames a payload as a final, unmasked text frame with the length in 7, 16 or 64 bits', () => {
    for (const [length, header] of [
      [0, 2],
      [125, 2],
      [126, 4],
      [65_535, 4],
      [65_536, 10],
    ] as const) {
      const payload = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
      const frame = textFrame(payload);
      expect(frame[0]).toBe(0x81);
      const bytes = Buffer.byteLength(payload);
      const stated =
        header === 2 ? frame[1] : header === 4 ? frame.readUInt16BE(2) : Number(frame.readBigUInt64BE(2));
      expect(frame[1]! & 0x80).toBe(0); // no mask bit: a server's frame
      expect(stated).toBe(bytes);
      expect(frame.length).toBe(header + bytes);
      expect(frame.subarray(header).toString()).toBe(payload);
    }
  });
});

describe('emitPreFramed', () => {
  it('reaches the sockets of the rooms, once each, and nobody else', async () => {
    const a = await client('a', ['r1']);
    const b = await client('b', ['r1', 'r2']);
    const c = await client('c', ['r3']);
    emitPreFramed(io, [{ rooms: ['r1', 'r2'], event: 'note', data: { n: 1, text: 'Nueva venta 💸' } }]);
    await expect
      .poll(() => [a.got, b.got])
      .toEqual([[{ n: 1, text: 'Nueva venta 💸' }], [{ n: 1, text: 'Nueva venta 💸' }]]);
    // A later emit to c's room arrives: had c been sent the first, it would come before it.
    emitPreFramed(io, [{ rooms: ['r3'], event: 'note', data: { n: 2 } }]);
    await expect.poll(() => c.got).toEqual([{ n: 2 }]);
    expect(b.got).toHaveLength(1);
  });

  it('carries payloads of every frame length the client reads back intact', async () => {
    const d = await client('d', ['big']);
    const sizes = [100, 200, 70_000];
    for (const size of sizes)
      emitPreFramed(io, [{ rooms: ['big'], event: 'note', data: { text: 'ñ'.repeat(size) } }]);
    await expect.poll(() => d.got.length).toBe(sizes.length);
    expect(d.got.map((m) => (m as { text: string }).text.length)).toEqual(sizes);
  });

  it('keeps the order of everything sent to a socket, whichever way each went', async () => {
    const e = await client('e', ['ordered']);
    for (let n = 0; n < 200; n++) {
      if (n % 3 === 0)
        e.server.emit('note', { n }); // engine.io's own path
      else emitPreFramed(io, [{ rooms: ['ordered'], event: 'note', data: { n } }]);
      // Now and then a burst that leaves engine.io's buffer busy, so that pre-framed writes wait in it.
      if (n % 50 === 0) for (let k = 0; k < 5; k++) e.server.emit('note', { n, k });
    }
    await expect.poll(() => e.got.length, { timeout: 5_000 }).toBe(200 + 4 * 5);
    const order = e.got
      .filter((m) => (m as { k?: number }).k === undefined)
      .map((m) => (m as { n: number }).n);
    expect(order).toEqual(Array.from({ length: 200 }, (_, n) => n));
  });

  it('reaches a socket on long-polling through engine.io', async () => {
    const f = await client('f', ['polling'], ['polling']);
    expect(f.server.conn.transport.name).toBe('polling');
    emitPreFramed(io, [{ rooms: ['polling'], event: 'note', data: { n: 1 } }]);
    emitPreFramed(io, [{ rooms: ['polling'], event: 'note', data: { n: 2 } }]);
    await expect.poll(() => f.got).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('sends binary data the way Socket.IO frames it', async () => {
    const g = await client('g', ['binary']);
    emitPreFramed(io, [{ rooms: ['binary'], event: 'note', data: { file: Buffer.from([1, 2, 3]) } }]);
    await expect.poll(() => g.got.length).toBe(1);
    expect([...new Uint8Array((g.got[0] as { file: ArrayBuffer }).file)]).toEqual([1, 2, 3]);
  });
  it('dedupes a socket across many rooms of one emit', async () => {
    const h = await client('h', ['m1', 'm3', 'm5']);
    const rooms = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    emitPreFramed(io, [{ rooms, event: 'note', data: { n: 1 } }]);
    emitPreFramed(io, [{ rooms: ['m6', 'm5'], event: 'note', data: { n: 2 } }]);
    await expect.poll(() => h.got).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

/** Counts the writes to the TCP connection under a server-side socket. */
function countWrites(server: ServerSocket) {
  const tcp = webSocketOf(server)!._socket!;
  const write = tcp.write.bind(tcp);
  const count = { writes: 0 };
  tcp.write = ((...args: Parameters<typeof write>) => {
    count.writes++;
    return write(...args);
  }) as typeof tcp.write;
  return count;
}

describe('emitPreFramed with several emits', () => {
  it('sends each socket its emits in order, once each, in one write', async () => {
    const a = await client('sa', ['s1']);
    const b = await client('sb', ['s1', 's2']);
    const c = await client('sc', ['s3']);
    const writes = [a, b, c].map((x) => countWrites(x.server));
    emitPreFramed(io, [
      { rooms: ['s1', 's2'], event: 'note', data: { n: 1 } },
      { rooms: ['s2'], event: 'note', data: { n: 2, text: 'ñ'.repeat(70_000) } },
      { rooms: ['s3'], event: 'note', data: { n: 3 } },
      { rooms: ['s1', 's2', 's3'], event: 'note', data: { n: 4 } },
    ]);
    const ns = (x: { got: unknown[] }) => x.got.map((m) => (m as { n: number }).n);
    await expect
      .poll(() => [ns(a), ns(b), ns(c)])
      .toEqual([
        [1, 4],
        [1, 2, 4],
        [3, 4],
      ]);
    expect((b.got[1] as { text: string }).text).toHaveLength(70_000);
    expect(writes.map((w) => w.writes)).toEqual([1, 1, 1]);
  });

  it('keeps their order behind what waits in engine.io, on long-polling, and around binary data', async () => {
    const d = await client('sd', ['t1']);
    const e = await client('se', ['t1'], ['polling']);
    d.server.emit('note', { n: 0 }); // engine.io's own path: may still wait when the emits come
    e.server.emit('note', { n: 0 });
    emitPreFramed(io, [
      { rooms: ['t1'], event: 'note', data: { n: 1 } },
      { rooms: ['t1'], event: 'note', data: { n: 2, file: Buffer.from([7]) } },
      { rooms: ['t1'], event: 'note', data: { n: 3 } },
    ]);
    const ns = (x: { got: unknown[] }) => x.got.map((m) => (m as { n: number }).n);
    await expect
      .poll(() => [ns(d), ns(e)])
      .toEqual([
        [0, 1, 2, 3],
        [0, 1, 2, 3],
      ]);
  });
});

describe('SocketBroadcaster on a node alone', () => {
  const tenantId = '0190a0b0-0000-7000-8000-000000000001';
  const row = (
    n: number,
    branchIds: string[] | null,
    recipientIds: string[] | null = null,
  ): NotificationRow => ({
    id: `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    tenantId,
    type: 'NUEVA_VENTA',
    category: 'ventas',
    title: null,
    message: `Venta ${n}`,
    entityId: null,
    branchIds,
    recipientIds,
    data: {},
    link: null,
    severity: 'info',
    icon: 'sale',
    actions: null,
    warnings: null,
    createdAt: new Date(),
  });

  it('sends what is pushed together in one write per socket, and before any later push', async () => {
    const broadcaster = new SocketBroadcaster(io, false);
    const cashier = await client('cashier', [rooms.recipient(tenantId, 'p1'), rooms.branch(tenantId, 'b1')]);
    const other = await client('other', [rooms.branch(tenantId, 'b2')]);
    const writes = countWrites(cashier.server);
    const got: string[] = [];
    const toOther: string[] = [];
    cashier.socket.on('notification', (n: { message: string }) => got.push(n.message));
    cashier.socket.on('unread', ({ count }: { count: number }) => got.push(`unread ${count}`));
    other.socket.on('notification', (n: { message: string }) => toOther.push(n.message));
    // As a group commit answers its callers: each pushes in its own continuation.
    await Promise.all(
      [row(1, ['b1']), row(2, ['b2']), row(3, null, ['p1'])].map(async (r) => {
        await null;
        broadcaster.notification(r);
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.writes).toBe(1); // 1 and 3 together
    broadcaster.notification(row(4, ['b1', 'b2']));
    broadcaster.unread(tenantId, 'p1', 2); // sends 4 first
    await expect.poll(() => got).toEqual(['Venta 1', 'Venta 3', 'Venta 4', 'unread 2']);
    await expect.poll(() => toOther).toEqual(['Venta 2', 'Venta 4']);
    expect(broadcaster.pushesTo(tenantId)).toBe(5);
  });
});
