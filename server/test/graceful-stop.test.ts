import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AvisoNode, startNode } from '../src/compose.ts';
import { freshDatabase, testEnv } from './env.ts';
import { client, log, makeTenant, NODE_BASE } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

// Two nodes need a shared database and Redis: the machine's real ones.
describe.skipIf(!testEnv.postgresUrl || !testEnv.redisUrl)('a graceful stop of one node', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: AvisoNode;
  let b: AvisoNode;

  const start = () => startNode({ ...NODE_BASE, databaseUrl: db.url, redisUrl: testEnv.redisUrl! }, log);

  beforeAll(async () => {
    db = await freshDatabase(testEnv.postgresUrl!);
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    await b.close();
    await db.drop();
  });

  it('closes only its own sockets, as a transport close the widget reconnects from, and the other node goes on', async () => {
    const fetchB = (path: string, init: RequestInit) => fetch(`${b.url}${path}`, init);
    const t = await makeTenant(fetchB);
    const cashier = await t.person('cajero-1', { role: 'staff', branchIds: ['A'] });
    const onA = await connect(a.url, { token: cashier.token });
    const onB = await connect(b.url, { token: cashier.token });
    const reasons: string[] = [];
    onA.on('disconnect', (reason) => reasons.push(`A:${reason}`));
    onB.on('disconnect', (reason) => reasons.push(`B:${reason}`));

    await a.close();
    await until(() => reasons.length > 0, 'node A’s socket to close');
    await settle(300);
    // Not "io server disconnect" (which the client reads as a refusal and stops retrying).
    expect(reasons).toEqual(['A:transport close']);
    expect(onB.connected).toBe(true);

    const published = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      branchIds: ['A'],
      data: { total: 5 },
    });
    expect(published.status).toBe(202);
    await until(() => onB.received.some((n) => n.id === published.body.id), 'the sale on node B');
    onB.close();

    const refused = await fetch(`${a.url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(refused).toBe('refused');
    expect((await client(fetchB).get('/readyz')).status).toBe(200);
  });
});
