import type { Duplex } from 'node:stream';
import type { Server, Socket } from 'socket.io';

/** Socket.IO's EVENT packet type (socket.io-parser's `PacketType.EVENT`). */
const EVENT = 2;

/**
 * A WebSocket text frame as a server sends it (RFC 6455, section 5.2: FIN, opcode 1, no mask), in
 * one buffer: the header takes 2, 4 or 10 bytes by the payload's length.
 */
export function textFrame(payload: string): Buffer {
  const length = Buffer.byteLength(payload);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(payload, header);
  return frame;
}

/** What of `ws`'s socket, under engine.io's WebSocket transport, the hub looks at. */
interface WsSocket {
  readyState: number;
  /** The TCP connection. */
  _socket?: Duplex;
  _sender?: { _queue?: unknown[] };
}

/** Engine.io's transport, as far as the hub looks at it. */
interface Transport {
  name: string;
  perMessageDeflate?: unknown;
  socket?: WsSocket;
}

/**
 * The `ws` socket under a socket's WebSocket transport (engine.io's transport holds it, and it
 * holds the TCP connection); undefined on long-polling.
 */
export function webSocketOf(socket: Socket): WsSocket | undefined {
  const transport = socket.conn.transport as unknown as Transport;
  return transport.name === 'websocket' ? transport.socket : undefined;
}

/**
 * Writes a frame straight to the socket's TCP connection when nothing can be ahead of it or
 * change it on the way: an open WebSocket transport, not upgrading, nothing waiting in engine.io's
 * buffer or in `ws`'s queue, no compression. (A frame engine.io handed to `ws` and whose write has
 * not called back yet is already in the connection, ahead of this one.) Whether it did; if not,
 * the caller sends it the usual way, which queues behind whatever waits.
 */
function writeFrame(socket: Socket, frame: Buffer): boolean {
  const conn = socket.conn;
  const waiting = (conn as unknown as { writeBuffer: unknown[] }).writeBuffer;
  if (conn.readyState !== 'open' || conn.upgrading || waiting.length) return false;
  if ((conn.transport as unknown as Transport).perMessageDeflate) return false;
  const ws = webSocketOf(socket);
  const tcp = ws?._socket;
  if (ws?.readyState !== 1 || !tcp?.writable || ws._sender?._queue?.length) return false;
  tcp.write(frame);
  return true;
}

/**
 * Emits `event` to the sockets of this node in any of `rooms`, each once: encoded once, framed
 * once, and written to each WebSocket as one buffer. Socket.IO's room emit encodes once too, but
 * then goes through engine.io's per-packet machinery for every socket (events, buffers, callbacks,
 * two writes per frame): about a quarter of a notification's fan-out to 100 sockets
 * (BENCHMARKS.md, item 15). What the client receives is byte for byte what the room emit sends.
 * A socket on long-polling, or with something queued ahead, gets it through engine.io, behind
 * what waits.
 * Only for this node's sockets: on a cluster the adapter carries emits to the other nodes. Unlike
 * a room emit, it does not call `onAnyOutgoing` listeners (the hub registers none).
 */
export function emitPreFramed(io: Server, rooms: readonly string[], event: string, data: unknown): void {
  const nsp = io.of('/');
  const encoded = io.encoder.encode({ type: EVENT, nsp: '/', data: [event, data] });
  const only = encoded.length === 1 ? encoded[0] : undefined;
  if (typeof only !== 'string') {
    // Binary attachments: more than one engine.io packet, as Socket.IO frames them.
    io.local.to([...rooms]).emit(event, data);
    return;
  }
  // "4": engine.io's MESSAGE packet, which carries a Socket.IO packet.
  const frame = textFrame(`4${only}`);
  const byRoom = nsp.adapter.rooms;
  const done = rooms.length > 1 ? new Set<string>() : undefined;
  for (const room of rooms) {
    const ids = byRoom.get(room);
    if (!ids) continue;
    for (const id of ids) {
      if (done) {
        if (done.has(id)) continue;
        done.add(id);
      }
      const socket = nsp.sockets.get(id);
      if (socket && !writeFrame(socket, frame)) socket.conn.write(only);
    }
  }
}
