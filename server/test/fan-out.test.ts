import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPreFramed, textFrame } from '../src/realtime/fan-out.ts';

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
    emitPreFramed(io, ['r1', 'r2'], 'note', { n: 1, text: 'Nueva venta 💸' });
    await expect
      .poll(() => [a.got, b.got])
      .toEqual([[{ n: 1, text: 'Nueva venta 💸' }], [{ n: 1, text: 'Nueva venta 💸' }]]);
    // A later emit to c's room arrives: had c been sent the first, it would come before it.
    emitPreFramed(io, ['r3'], 'note', { n: 2 });
    await expect.poll(() => c.got).toEqual([{ n: 2 }]);
    expect(b.got).toHaveLength(1);
  });

  it('carries payloads of every frame length the client reads back intact', async () => {
    const d = await client('d', ['big']);
    const sizes = [100, 200, 70_000];
    for (const size of sizes) emitPreFramed(io, ['big'], 'note', { text: 'ñ'.repeat(size) });
    await expect.poll(() => d.got.length).toBe(sizes.length);
    expect(d.got.map((m) => (m as { text: string }).text.length)).toEqual(sizes);
  });

  it('keeps the order of everything sent to a socket, whichever way each went', async () => {
    const e = await client('e', ['ordered']);
    for (let n = 0; n < 200; n++) {
      if (n % 3 === 0)
        e.server.emit('note', { n }); // engine.io's own path
      else emitPreFramed(io, ['ordered'], 'note', { n });
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
    emitPreFramed(io, ['polling'], 'note', { n: 1 });
    emitPreFramed(io, ['polling'], 'note', { n: 2 });
    await expect.poll(() => f.got).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('sends binary data the way Socket.IO frames it', async () => {
    const g = await client('g', ['binary']);
    emitPreFramed(io, ['binary'], 'note', { file: Buffer.from([1, 2, 3]) });
    await expect.poll(() => g.got.length).toBe(1);
    expect([...new Uint8Array((g.got[0] as { file: ArrayBuffer }).file)]).toEqual([1, 2, 3]);
  });
});
