import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AvisoNode, startNode } from '../src/compose.ts';
import { freshDatabase, testEnv } from './env.ts';
import { startRedis } from './faults.ts';
import { client, log, makeTenant, NODE_BASE } from './harness.ts';
import { connect, type TestSocket, until } from './sockets.ts';

/** The longest any request may take while Redis is down (Redis timeout 300 ms, a busy machine). */
const BOUND_MS = 2_500;
/** Within this long after Redis is back, every socket has everything it may see. */
const RECOVERY_MS = 8_000;

// Two nodes share one PostgreSQL (the machine's) and one Redis (the test's own, which it kills).
describe.skipIf(!testEnv.postgresUrl)('a Redis outage', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: AvisoNode;
  let b: AvisoNode;

  const start = () =>
    startNode(
      {
        ...NODE_BASE,
        databaseUrl: db.url,
        redisUrl: redis.url,
        redisTimeoutMs: 300,
        // Shared limits live in Redis: they must not hold requests either.
        limits: { apiKey: { points: 10_000, durationS: 60 }, person: { points: 10_000, durationS: 60 } },
      },
      log,
      { delivery: { pollMs: 200 } },
    );

  beforeAll(async () => {
    db = await freshDatabase(testEnv.postgresUrl!);
    redis = await startRedis();
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
    await db?.drop();
  });

  it('holds no request, and every socket gets what was published meanwhile once Redis is back', async () => {
    const onA = (path: string, init: RequestInit) =>
      fetch(`${a.url}${path}`, { ...init, signal: AbortSignal.timeout(BOUND_MS) });
    const onB = (path: string, init: RequestInit) =>
      fetch(`${b.url}${path}`, { ...init, signal: AbortSignal.timeout(BOUND_MS) });
    const t = await makeTenant(onA);
    const apiB = client(onB, t.apiKey);
    const cashierA = await t.person('caja-a', { role: 'staff', branchIds: ['N'] });
    const cashierB = await t.person('caja-b', { role: 'staff', branchIds: ['N'] });
    const latecomer = await t.person('caja-c', { role: 'staff', branchIds: ['N'] });
    const owner = await t.person('duena', { role: 'owner', branchIds: [], email: 'duena@example.com' });
    const sA = await connect(a.url, { token: cashierA.token });
    const sB = await connect(b.url, { token: cashierB.token });
    const sO = await connect(b.url, { token: owner.token });
    const resyncs: TestSocket[] = [];
    for (const s of [sA, sB, sO]) s.on('resync', () => resyncs.push(s));

    const timed = async <T>(work: () => Promise<T>) => {
      const started = performance.now();
      const result = await work();
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      return result;
    };
    const has = (s: TestSocket, ids: string[]) => ids.every((id) => s.received.some((n) => n.id === id));
    const sale = { type: 'NUEVA_VENTA', branchIds: ['N'], data: { total: 10 } };
    const first = await t.api.post('/v1/events', sale);
    await until(
      () => [sA, sB, sO].every((s) => s.received.some((n) => n.id === first.body.id)),
      'the first sale',
    );

    // First Redis hangs: connections stay open, nothing answers.
    redis.freeze();
    const frozen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await timed(() =>
        t.api.post('/v1/events', { type: 'PAGO_VENCIDO', recipientIds: ['duena'] }),
      );
      expect(s.status).toBe(202);
      frozen.push(s.body.id);
    }
    const sF = await timed(() => connect(a.url, { token: latecomer.token }));
    sF.close();
    redis.thaw();
    await until(() => has(sO, frozen), 'what was published while Redis hung', RECOVERY_MS);

    // Then it crashes, and comes back empty.
    await redis.kill();
    await until(
      () => a.presence.unknownForMs() !== undefined && b.presence.unknownForMs() !== undefined,
      'both nodes to notice',
    );

    const sales: string[] = [];
    const dues: string[] = [...frozen];
    for (let i = 0; i < 6; i++) {
      const api = i % 2 ? t.api : apiB;
      const s = await timed(() => api.post('/v1/events', { ...sale, data: { total: i } }));
      expect(s.status).toBe(202);
      sales.push(s.body.id);
      // Its rule checks presence (offline fallback): it must not wait for Redis either.
      const due = await timed(() =>
        api.post('/v1/events', { type: 'PAGO_VENCIDO', recipientIds: ['duena'], data: { amount: i } }),
      );
      expect(due.status).toBe(202);
      dues.push(due.body.id);
    }
    const presence = await timed(() => t.api.get('/v1/presence?recipientIds=caja-a'));
    expect(presence.status).toBe(503);
    expect(presence.body.error.code).toBe('UNAVAILABLE');
    // A new socket is set up without Redis.
    const sC = await timed(() => connect(b.url, { token: latecomer.token }));
    sC.on('resync', () => resyncs.push(sC));
    const late = await timed(() => t.api.post('/v1/events', sale));
    expect(late.status).toBe(202);
    sales.push(late.body.id);

    await redis.restart();
    await until(
      () => has(sA, sales) && has(sB, sales) && has(sO, [...sales, ...dues]) && has(sC, [late.body.id]),
      'every notification on every socket',
      RECOVERY_MS,
    );
    // Pushes the publisher queued while Redis was away may arrive before the refill does; the refill
    // (announced by `resync`) must come all the same.
    await until(() => resyncs.length > 0, 'the resync', RECOVERY_MS);
    // Once each: the widget dedupes by id, but nothing is counted twice here either.
    expect(new Set(sB.received.map((n) => n.id)).size).toBe(new Set([first.body.id, ...sales]).size);

    // Presence is rebuilt (Redis came back empty) before it is trusted again.
    const everyone = ['caja-a', 'caja-b', 'caja-c', 'duena'];
    for (const node of [a, b]) {
      await until(
        () => node.presence.unknownForMs() === undefined,
        'presence to be known again',
        RECOVERY_MS,
      );
      expect([...(await node.presence.online(t.id, everyone))].sort()).toEqual(everyone);
    }
    // The offline fallbacks planned while presence was unknown were checked again when due: the owner
    // was online all along, so none went out.
    const store = a.store.forTenant(t.id);
    const fallbacks = async () =>
      (await store.deliveries.list({ limit: 100 })).items.filter((d) =>
        dues.includes(d.notificationId ?? ''),
      );
    const deadline = Date.now() + 15_000;
    let rows = await fallbacks();
    while (rows.some((d) => d.status === 'pending' || d.status === 'sending') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await fallbacks();
    }
    expect(rows.length).toBe(dues.length);
    expect(rows.map((d) => d.status)).toEqual(dues.map(() => 'cancelled'));
    for (const s of [sA, sB, sO, sC]) s.close();
  }, 60_000);
});
