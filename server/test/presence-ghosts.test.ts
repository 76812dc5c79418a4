import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeConfig } from '../src/compose.ts';
import { testEnv } from './env.ts';
import { makeTenant, startTestNode, type TestTenant } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const PEOPLE = 40;
const STORM = 600;
const CAP = 3;

/**
 * One socket that is gone almost at once: closed as soon as the hub accepts it (while the hub is
 * still replaying and joining rooms), right after its CONNECT packet (while the hub is still
 * checking the token and the socket cap), or a few milliseconds after it was opened.
 */
function flicker(url: string, auth: { token: string; since?: string }, i: number): Promise<void> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    const done = () => {
      socket.close();
      resolve();
    };
    if (i % 2) socket.once('connect', done);
    // The socket's CONNECT goes out, then the connection closes while the hub runs its handshake.
    else if (i % 4 === 0) socket.io.once('open', done);
    else setTimeout(done, i % 11);
    socket.once('connect_error', done);
    socket.once('disconnect', done);
  });
}

const backends: { name: string; redisUrl: string | null }[] = [
  { name: 'in memory', redisUrl: null },
  ...(testEnv.redisUrl ? [{ name: 'in Redis', redisUrl: testEnv.redisUrl }] : []),
];

describe.each(backends)(
  'presence $name under a storm of sockets that open and close at once',
  ({ redisUrl }) => {
    let hub: Awaited<ReturnType<typeof startTestNode>>;
    let t: TestTenant;
    let people: { id: string; token: string }[];
    let since: string;

    beforeAll(async () => {
      const config: Partial<NodeConfig> = {
        // The embedded database answers without giving sockets a turn; PostgreSQL, like production, does.
        databaseUrl: testEnv.postgresUrl ?? 'memory:',
        redisUrl,
        limits: { socketsPerPerson: CAP },
      };
      hub = await startTestNode(config);
      t = await makeTenant(hub.fetcher);
      people = [];
      for (let i = 0; i < PEOPLE; i++)
        people.push(await t.person(`storm-${i}`, { role: 'staff', branchIds: ['S'] }));
      // Something to replay, so that every set-up awaits database reads before it is done.
      const first = await t.api.post('/v1/events', {
        type: 'NUEVA_VENTA',
        data: { branchId: 'S', total: 1 },
      });
      since = first.body.id;
      for (let i = 0; i < 5; i++) {
        await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'S', total: i + 2 } });
      }
    });
    afterAll(() => hub.node.close());

    it('leaves no ghost: nobody counts as online, and every person can open their full quota again', async () => {
      const ids = people.map((p) => p.id);
      for (let wave = 0; wave < STORM; wave += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, j) => {
            const i = wave + j;
            const person = people[i % PEOPLE]!;
            return flicker(hub.node.url, { token: person.token, ...(i % 3 ? { since } : {}) }, i);
          }),
        );
      }
      await until(() => hub.node.io.engine.clientsCount === 0, 'every socket to close on the hub', 15_000);
      // Set-ups still awaiting their reads finish now; none may leave a trace.
      await settle(1_500);

      expect([...(await hub.node.presence.online(t.id, ids))]).toEqual([]);
      for (const id of ids) expect(await hub.node.presence.count(t.id, id)).toBe(0);
      expect((await t.api.get(`/v1/presence?recipientIds=${ids.join(',')}`)).body.online).toEqual([]);

      // No slot of the socket cap was kept by a socket that left during its handshake. A set-up
      // still awaiting its reads on a busy machine holds its slot until it ends: tried again for a
      // while, a slot kept for good still fails.
      const ana = people[0]!;
      const live: Awaited<ReturnType<typeof connect>>[] = [];
      const quota = async () => {
        try {
          for (let i = 0; i < CAP; i++) live.push(await connect(hub.node.url, { token: ana.token }));
          return true;
        } catch {
          for (const s of live.splice(0)) s.close();
          await settle(500);
          return false;
        }
      };
      const start = Date.now();
      while (!(await quota())) {
        if (Date.now() - start > 10_000) throw new Error('a slot of the socket cap is still held after 10 s');
      }
      // A socket counts as online once its set-up ended, which its first count tells (`connect`
      // resolves at the handshake, before the replay and presence).
      await until(() => live.every((s) => s.counts.length > 0), "the quota sockets' set-ups to end");
      expect([...(await hub.node.presence.online(t.id, ids))]).toEqual([ana.id]);
      for (const s of live) s.close();
      await until(() => hub.node.io.engine.clientsCount === 0, 'the quota sockets to close');
      await settle(200);
      expect(await hub.node.presence.count(t.id, ana.id)).toBe(0);
    }, 60_000);
  },
);
