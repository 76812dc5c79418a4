import type { Ack } from '@aviso/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestNode } from './harness.ts';
import { connect, type TestSocket, until } from './sockets.ts';

/** Emits `event` with `args` and waits for its ack (rejects after 3 s: no answer). */
const ask = (socket: TestSocket, event: string, ...args: unknown[]) =>
  (socket as unknown as Socket).timeout(3_000).emitWithAck(event, ...args) as Promise<Ack>;

// The ack is the last argument of an event. A client that sent `read-all` a payload, or `read` and
// `seen` none, used to wait for an answer that never came (found by fuzz-socket.test.ts).
describe('socket events answer their ack whatever comes before it', () => {
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let socket: TestSocket;
  let id: string;
  let token: string;

  beforeAll(async () => {
    hub = await startTestNode();
    const t = await makeTenant(hub.fetcher);
    const ana = await t.person('ana', { role: 'owner', branchIds: [] });
    id = (await t.api.post('/v1/events', { type: 'NUEVO_CLIENTE', message: 'hola' })).body.id;
    token = ana.token;
    socket = await connect(hub.node.url, { token });
    await until(() => socket.counts.length > 0, 'the unread count');
  });
  afterAll(async () => {
    socket?.close();
    await hub?.node.close();
  });

  it('answers read-all sent with a payload', async () => {
    expect(await ask(socket, 'read-all', {})).toEqual({ ok: true, count: 0 });
  });

  it('answers read and seen sent without a payload, and read with extra arguments', async () => {
    const missing = await ask(socket, 'read');
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOTIFICATION_NOT_FOUND' } });
    expect(await ask(socket, 'seen')).toEqual({ ok: true });
    expect(await ask(socket, 'read', { id }, 'extra')).toEqual({ ok: true, count: 0 });
  });
  it('answers what a client asks the moment it connects, before its set-up (replay, count) ends', async () => {
    // socket.io-client sends what was emitted before the connection right after it: these reach
    // the hub while it still replays and counts, when nothing listened to them yet.
    const early = io(hub.node.url, {
      auth: { token, since: id },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      const answers = await Promise.all([
        early.timeout(3_000).emitWithAck('read-all'),
        early.timeout(3_000).emitWithAck('seen', { ids: [id] }),
      ]);
      expect(answers).toEqual([{ ok: true, count: 0 }, { ok: true }]);
    } finally {
      early.close();
    }
  });
});
