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
 * The TCP connection under a socket when a frame can go straight to it, with nothing able to be
 * ahead of it or change it on the way: an open WebSocket transport, not upgrading, nothing waiting
 * in engine.io's buffer or in `ws`'s queue, no compression. (A frame engine.io handed to `ws` and
 * whose write has not called back yet is already in the connection, ahead of this one.) Undefined
 * when not: the caller sends the usual way, which queues behind whatever waits.
 */
function directWire(socket: Socket): Duplex | undefined {
  const conn = socket.conn;
  const waiting = (conn as unknown as { writeBuffer: unknown[] }).writeBuffer;
  if (conn.readyState !== 'open' || conn.upgrading || waiting.length) return undefined;
  if ((conn.transport as unknown as Transport).perMessageDeflate) return undefined;
  const ws = webSocketOf(socket);
  const tcp = ws?._socket;
  if (ws?.readyState !== 1 || !tcp?.writable || ws._sender?._queue?.length) return undefined;
  return tcp;
}

/** One emit of a fan-out: an event to the sockets of this node in any of `rooms`. */
export interface RoomEmit {
  rooms: readonly string[];
  event: string;
  data: unknown;
}

/** An emit encoded once: the Socket.IO packet engine.io carries, and the WebSocket frame of it. */
interface Framed {
  packet: string;
  frame: Buffer;
}

/** Sends a socket its frames, in order: in one write when they can go straight to its connection. */
function send(socket: Socket, framed: readonly Framed[]) {
  const tcp = directWire(socket);
  if (tcp) tcp.write(framed.length === 1 ? framed[0]!.frame : Buffer.concat(framed.map((f) => f.frame)));
  else for (const f of framed) socket.conn.write(f.packet);
}

/**
 * Emits each of `emits`, in order, to the sockets of this node in any of its rooms, each socket
 * once per emit: encoded once, framed once, and written to each WebSocket as one buffer. Socket.IO's
 * room emit encodes once too, but then goes through engine.io's per-packet machinery for every
 * socket (events, buffers, callbacks, two writes per frame): about a quarter of a notification's
 * fan-out to 100 sockets (BENCHMARKS.md, item 15). Emits given together reach each socket in one
 * write: a system call per socket rather than one per socket and emit, the largest cost of a
 * fan-out. What the client receives is byte for byte what room emits send, in the same order.
 * A socket on long-polling, or with something queued ahead, gets them through engine.io, behind
 * what waits.
 * Only for this node's sockets: on a cluster the adapter carries emits to the other nodes. Unlike
 * a room emit, it does not call `onAnyOutgoing` listeners (the hub registers none).
 */
export function emitPreFramed(io: Server, emits: readonly RoomEmit[]): void {
  const nsp = io.of('/');
  const byRoom = nsp.adapter.rooms;
  /** Each socket's emits (with more than one emit), in order. */
  const bySocket = emits.length > 1 ? new Map<Socket, Framed[]>() : undefined;
  const sendGathered = () => {
    if (!bySocket) return;
    for (const [socket, framed] of bySocket) send(socket, framed);
    bySocket.clear();
  };
  for (const { rooms, event, data } of emits) {
    const encoded = io.encoder.encode({ type: EVENT, nsp: '/', data: [event, data] });
    const packet = encoded.length === 1 ? encoded[0] : undefined;
    if (typeof packet !== 'string') {
      // Binary attachments: more than one engine.io packet, as Socket.IO frames them, after what
      // the emits before it gathered.
      sendGathered();
      io.local.to([...rooms]).emit(event, data);
      continue;
    }
    // "4": engine.io's MESSAGE packet, which carries a Socket.IO packet.
    const framed: Framed = { packet, frame: textFrame(`4${packet}`) };
    const one = [framed];
    // Rooms overlap (a reader's own room and their branches): with one emit, a socket is skipped
    // when an earlier room had it; with several, when its last gathered frame is this one.
    const seen = !bySocket && rooms.length > 1 ? new Set<string>() : undefined;
    for (const room of rooms) {
      const ids = byRoom.get(room);
      if (!ids) continue;
      for (const id of ids) {
        if (seen) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const socket = nsp.sockets.get(id);
        if (!socket) continue;
        if (!bySocket) send(socket, one);
        else {
          const gathered = bySocket.get(socket);
          if (!gathered) bySocket.set(socket, [framed]);
          else if (gathered.at(-1) !== framed) gathered.push(framed);
        }
      }
    }
  }
  sendGathered();
}
