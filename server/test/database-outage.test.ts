import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AvisoNode, startNode } from '../src/compose.ts';
import { freshDatabase, testEnv } from './env.ts';
import { type Cut, startTcpProxy } from './faults.ts';
import { type Client, client, log, makeTenant, NODE_BASE } from './harness.ts';
import { connect, until } from './sockets.ts';

/** `AVISO_DB_TIMEOUT_MS` of this node. */
const DB_TIMEOUT_MS = 1_500;
/** The bound a request must answer within, with room for a busy machine. */
const BOUND_MS = DB_TIMEOUT_MS + 1_000;

// The node reaches the machine's PostgreSQL through a TCP proxy that the test cuts: the real
// server is never stopped.
describe.skipIf(!testEnv.postgresUrl)('PostgreSQL out of reach', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let node: AvisoNode;

  beforeAll(async () => {
    db = await freshDatabase(testEnv.postgresUrl!);
    const real = new URL(db.url);
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const through = new URL(db.url);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    node = await startNode(
      { ...NODE_BASE, databaseUrl: through.toString(), dbTimeoutMs: DB_TIMEOUT_MS },
      log,
      { delivery: { pollMs: 200 } },
    );
  });
  afterAll(async () => {
    proxy?.restore();
    await node?.close();
    await proxy?.close();
    await db?.drop();
  });

  /** A call with its time; a hang fails the test instead of stalling it. */
  const timed = async (work: (signal: AbortSignal) => Promise<Response>) => {
    const started = performance.now();
    const res = await work(AbortSignal.timeout(15_000));
    const body = (await res.json().catch(() => null)) as { error: { code: string } } | null;
    return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
  };

  it('leaves a slow but reachable database alone: a query longer than the timeout completes', async () => {
    const slow = node.database.db.execute(sql`select pg_sleep(${(DB_TIMEOUT_MS * 2) / 1000})`);
    await new Promise((r) => setTimeout(r, DB_TIMEOUT_MS));
    const ready = await timed((signal) => fetch(`${node.url}/readyz`, { signal }));
    expect(ready.status).toBe(200);
    await expect(slow).resolves.toBeDefined();
    expect(node.database.available()).toBe(true);
  });

  it.each<Cut>(['silence', 'reset'])(
    'answers 503 DATABASE_UNAVAILABLE in bounded time while the database is cut (%s), keeps sockets, and comes back alone',
    async (how) => {
      const fetcher = (path: string, init: RequestInit) => fetch(`${node.url}${path}`, init);
      const t = await makeTenant(fetcher);
      const cashier = await t.person('caja', { role: 'staff', branchIds: ['A'] });
      const socket = await connect(node.url, { token: cashier.token });
      const statuses: string[] = [];
      socket.on('status', ({ database }) => statuses.push(database));
      const sale = (api: Client) =>
        api.post('/v1/events', { type: 'NUEVA_VENTA', branchIds: ['A'], data: { total: 1 } });
      const before = await sale(t.api);
      await until(() => socket.received.some((n) => n.id === before.body.id), 'the sale before the cut');
      // Set up to the end (its count told): a socket whose set-up meets the outage is closed for its
      // client to retry, which is another test's matter.
      await until(() => socket.counts.length > 0, 'the socket’s first count');

      proxy.cut(how);
      const post = (signal: AbortSignal) =>
        fetch(`${node.url}/v1/events`, {
          method: 'POST',
          signal,
          headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'NUEVA_VENTA', branchIds: ['A'], data: { total: 2 } }),
        });
      // The first calls meet the outage: many at once, none past the bound, none a 500.
      const burst = await Promise.all(Array.from({ length: 20 }, () => timed(post)));
      for (const r of burst) {
        expect(r.status).toBe(503);
        expect(r.body?.error.code).toBe('DATABASE_UNAVAILABLE');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(r.ms).toBeLessThan(BOUND_MS);
      }
      // Known down now: answers come at once, and /readyz says so within a second.
      const inbox = await timed((signal) =>
        fetch(`${node.url}/v1/me/notifications`, {
          signal,
          headers: { authorization: `Bearer ${cashier.token}` },
        }),
      );
      expect(inbox.status).toBe(503);
      expect(inbox.ms).toBeLessThan(500);
      const ready = await timed((signal) => fetch(`${node.url}/readyz`, { signal }));
      expect(ready.status).toBe(503);
      expect(ready.body?.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(ready.ms).toBeLessThan(1_000);
      // The socket stays, is told, and its answers fail fast with the same code.
      await until(() => statuses.includes('unavailable'), 'the status event');
      expect(socket.connected).toBe(true);
      const ack = await socket.timeout(BOUND_MS).emitWithAck('read', { id: before.body.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });

      proxy.restore();
      const back = Date.now();
      await until(() => statuses.at(-1) === 'available', 'the database to come back', 10_000);
      const readyAgain = await timed((signal) => fetch(`${node.url}/readyz`, { signal }));
      expect(readyAgain.status).toBe(200);
      const after = await sale(t.api);
      expect(after.status).toBe(202);
      await until(() => socket.received.some((n) => n.id === after.body.id), 'the sale after the outage');
      expect(Date.now() - back).toBeLessThan(10_000);
      expect(socket.connected).toBe(true);
      socket.close();
      expect((await client(fetcher).get('/healthz')).status).toBe(200);
    },
    60_000,
  );
});
