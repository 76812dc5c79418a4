// Long because stock alerts are one feature with many paths (levels, digests, transfers, sweeps),
// tested end to end on both databases with one shared setup.
import { beforeAll, describe, expect, it } from 'vitest';
import { planDeliveries } from '../src/delivery/planner.ts';
import type { IngestHooks } from '../src/ingest/events.ts';
import { ingestHooks } from '../src/ingest/hooks.ts';
import { runStockSweep, settleStockNotices } from '../src/stock/sweep.ts';
import { databaseBackends } from './env.ts';
import { log, makeTenant, nodeWithSmtp, type TestTenant } from './harness.ts';
import { until } from './sockets.ts';

const HOUR = 3_600_000;

describe.each(databaseBackends)('stock alerts on $name', ({ url }) => {
  let clock = Date.parse('2030-03-01T10:00:00Z');
  const suite = nodeWithSmtp(
    { databaseUrl: url },
    { now: () => new Date(clock), delivery: { pollMs: 60_000 } },
  );
  let hooks: IngestHooks;

  const sweep = () => runStockSweep(suite.hub.node.store, { now: new Date(clock), log, hooks });
  /** A tenant with a cashier at branch A and an owner. */
  const shop = async () => {
    const t = await makeTenant(suite.hub.fetcher);
    const cashier = await t.person('cajero-a', { role: 'staff', branchIds: ['A'] });
    const other = await t.person('cajero-b', { role: 'staff', branchIds: ['B'] });
    const owner = await t.person('duena', { role: 'owner', branchIds: [], email: 'duena@example.com' });
    return { t, cashier, other, owner };
  };
  const inbox = async (p: { me: TestTenant['api'] }) =>
    (await p.me.get('/v1/me/notifications?limit=100')).body.items as {
      id: string;
      type: string;
      message: string;
      link: string | null;
      entityId: string | null;
      branchIds: string[] | null;
      data: Record<string, unknown>;
    }[];
  const move = (t: TestTenant, body: Record<string, unknown>) => t.api.post('/v1/stock/movements', body);

  beforeAll(async () => {
    // The node's own hooks would wake its worker; this suite runs the worker by hand.
    hooks = ingestHooks({
      broadcaster: suite.hub.node.broadcaster,
      plan: (n, def, s) => planDeliveries(n, def, s, suite.hub.node.presence, new Date(clock)),
      now: () => new Date(clock),
    });
  });

  it('one product crossing its minimum alerts its branch once, with the SKU in the link', async () => {
    const { t, cashier, other } = await shop();
    const first = await move(t, {
      branchId: 'A',
      items: [
        { productId: 'P-1', sku: 'MRT-1', name: 'Martillo', qty: 8, min: 5 },
        // Never seen before and already low: no crossing was observed (the sweep reports it).
        { productId: 'P-2', sku: 'CLV-2', name: 'Clavos', qty: 1, min: 5 },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ crossings: [], alerts: [], notification: null, resolved: [] });

    const sale = await move(t, {
      branchId: 'A',
      reference: { type: 'sale', id: 'V-100' },
      items: [{ productId: 'P-1', sku: 'MRT-1', name: 'Martillo', qty: 5, min: 5 }],
    });
    expect(sale.status).toBe(200);
    expect(sale.body.crossings).toEqual([
      expect.objectContaining({ productId: 'P-1', previous: 8, qty: 5, min: 5, difference: 0 }),
    ]);
    expect(sale.body.alerts).toHaveLength(1);
    expect(sale.body.crossings[0].alertId).toBe(sale.body.alerts[0]);
    expect(sale.body.notification).toMatchObject({ status: 'created' });

    const [n] = await inbox(cashier);
    expect(n).toMatchObject({
      id: sale.body.notification.id,
      type: 'PRODUCTO_STOCK_BAJO',
      entityId: 'P-1',
      branchIds: ['A'],
      link: '#/inventarios?search=MRT-1',
      message:
        'El producto “Martillo” tiene stock bajo (5 unidades, mínimo 5) en tu sucursal tras la venta V-100.',
    });
    expect(n!.data).toMatchObject({ branchId: 'A', sku: 'MRT-1', qty: 5, min: 5, reference: 'V-100' });
    expect(await inbox(other)).toEqual([]);

    const alerts = await t.api.get('/v1/stock/alerts?status=active');
    expect(alerts.body.items).toEqual([
      expect.objectContaining({
        id: sale.body.alerts[0],
        branchId: 'A',
        productId: 'P-1',
        sku: 'MRT-1',
        level: 5,
        min: 5,
        difference: 0,
        status: 'active',
        source: 'movement',
        reference: { type: 'sale', id: 'V-100' },
        notificationId: n!.id,
      }),
    ]);
  });

  it('several crossings in one sale make a single notification tied to the sale', async () => {
    const { t, cashier } = await shop();
    const items = (qty: number) =>
      ['Martillo', 'Clavos', 'Pegamento', 'Lija'].map((name, i) => ({
        productId: `P-${i}`,
        sku: `SKU-${i}`,
        name,
        qty: i === 3 ? 50 : qty,
        min: 5,
      }));
    await move(t, { branchId: 'A', items: items(10) });
    const sale = await move(t, { branchId: 'A', reference: { type: 'sale', id: 'V-777' }, items: items(2) });
    expect(sale.status).toBe(200);
    expect(sale.body.crossings.map((c: { productId: string }) => c.productId).sort()).toEqual([
      'P-0',
      'P-1',
      'P-2',
    ]);
    expect(sale.body.alerts).toHaveLength(3);

    const got = await inbox(cashier);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      id: sale.body.notification.id,
      type: 'MULTIPLE_PRODUCTOS_STOCK_BAJO',
      entityId: 'V-777',
      link: '#/inventarios?status=low_stock',
      title: 'Varios productos con stock bajo',
      message: expect.stringMatching(/^En tu sucursal tras la venta V-777: .+, .+ y .+\.$/),
    });
    expect(got[0]!.data).toMatchObject({ branchId: 'A', reference: 'V-777', count: 3 });
    expect((got[0]!.data.products as unknown[]).length).toBe(3);
  });

  it('does not re-alert below the minimum, resolves on recovery, and waits 24 h before a second alert', async () => {
    const { t, cashier } = await shop();
    const item = (qty: number) => ({ productId: 'P-9', sku: 'TLD-9', name: 'Taladro', qty, min: 3 });
    await move(t, { branchId: 'A', items: [item(10)] });
    const crossed = await move(t, { branchId: 'A', items: [item(2)] });
    expect(crossed.body.alerts).toHaveLength(1);
    const alertId = crossed.body.alerts[0];

    const lower = await move(t, { branchId: 'A', items: [item(1)] });
    expect(lower.body).toEqual({ crossings: [], alerts: [], notification: null, resolved: [] });
    const active = (await t.api.get('/v1/stock/alerts?status=active')).body.items;
    expect(active).toEqual([expect.objectContaining({ id: alertId, level: 1, difference: 2 })]);

    const restocked = await move(t, { branchId: 'A', items: [item(20)] });
    expect(restocked.body.resolved).toEqual([alertId]);
    const resolved = (await t.api.get('/v1/stock/alerts?status=resolved')).body.items;
    expect(resolved).toEqual([
      expect.objectContaining({ id: alertId, status: 'resolved', resolvedBy: 'stock' }),
    ]);

    clock += 2 * HOUR;
    const again = await move(t, { branchId: 'A', items: [item(0)] });
    expect(again.body.crossings).toEqual([expect.objectContaining({ productId: 'P-9', alertId: null })]);
    expect(again.body.alerts).toEqual([]);
    expect(again.body.notification).toBeNull();
    expect(await inbox(cashier)).toHaveLength(1);

    await move(t, { branchId: 'A', items: [item(20)] });
    clock += 23 * HOUR;
    const nextDay = await move(t, { branchId: 'A', items: [item(1)] });
    expect(nextDay.body.alerts).toHaveLength(1);
    expect(nextDay.body.notification).toMatchObject({ status: 'created' });
    expect(await inbox(cashier)).toHaveLength(2);
  });

  it('ten simultaneous sales of one product open exactly one alert and miss none of the others', async () => {
    const { t, cashier } = await shop();
    await move(t, {
      branchId: 'A',
      items: [
        { productId: 'HOT', qty: 100, min: 20 },
        ...Array.from({ length: 10 }, (_, i) => ({ productId: `X-${i}`, qty: 50, min: 10 })),
      ],
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        move(t, {
          branchId: 'A',
          reference: { type: 'sale', id: `V-${i}` },
          items: [
            { productId: 'HOT', qty: 19 - i, min: 20 },
            { productId: `X-${i}`, qty: 5, min: 10 },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const hot = results
      .flatMap((r) => r.body.crossings)
      .filter((c: { productId: string }) => c.productId === 'HOT');
    expect(hot).toHaveLength(1);
    const alerts = (await t.api.get('/v1/stock/alerts?status=active&limit=200')).body.items as {
      productId: string;
    }[];
    expect(alerts.filter((a) => a.productId === 'HOT')).toHaveLength(1);
    expect(alerts).toHaveLength(11);
    // One notification per sale: the one that crossed HOT too tells of both products at once.
    const got = await inbox(cashier);
    expect(got).toHaveLength(10);
    expect(got.filter((n) => n.type === 'MULTIPLE_PRODUCTOS_STOCK_BAJO')).toHaveLength(1);
  });

  it('a snapshot alerts nobody at once; the sweep opens alerts and sends owners one summary by email', async () => {
    const { t, cashier, owner } = await shop();
    await suite.emailChannel(t.id);
    const put = await t.api.put('/v1/stock/levels', {
      branchId: 'A',
      items: [
        { productId: 'S-1', sku: 'ARZ-1', name: 'Arroz', qty: 2, min: 10 },
        { productId: 'S-2', sku: 'FRJ-2', name: 'Frijol', qty: 0, min: 4 },
        { productId: 'S-3', sku: 'ACT-3', name: 'Aceite', qty: 40, min: 4 },
      ],
    });
    expect(put.status).toBe(202);
    expect(put.body).toEqual({ stored: 3 });
    await t.api.put('/v1/stock/levels', {
      branchId: 'B',
      items: [{ productId: 'S-1', name: 'Arroz', qty: 1, min: 10 }],
    });
    expect(await inbox(owner)).toEqual([]);
    expect((await t.api.get('/v1/stock/alerts')).body.items).toEqual([]);

    const before = suite.smtp.received.length;
    const run = await sweep();
    expect(run.ran).toBe(true);
    const mine = run.summaries.filter((s) => s.tenantId === t.id);
    expect(mine).toEqual([expect.objectContaining({ alerts: 3 })]);

    const ownerSees = await inbox(owner);
    expect(ownerSees).toHaveLength(1);
    expect(ownerSees[0]).toMatchObject({ type: 'MULTIPLE_PRODUCTOS_STOCK_BAJO', branchIds: [] });
    expect(ownerSees[0]!.message).toContain('3 productos con stock bajo');
    expect(ownerSees[0]!.message).toContain('Arroz (ARZ-1): 2 (mínimo 10) en “A”');
    expect(ownerSees[0]!.message).toContain('Frijol (FRJ-2): 0 (mínimo 4) en “A”');
    expect(ownerSees[0]!.message).not.toContain('Aceite');
    expect(await inbox(cashier)).toEqual([]);

    while ((await suite.hub.node.worker.runNow()) > 0) {}
    await until(() => suite.smtp.received.length > before, 'the summary email', 10_000);
    const mail = suite.smtp.received.at(-1)!;
    expect(mail.to_).toEqual(['duena@example.com']);
    expect(mail.text).toContain('Frijol');
    expect(await settleStockNotices(suite.hub.node.store, new Date(clock))).toBeGreaterThanOrEqual(3);
    const alerts = (await t.api.get('/v1/stock/alerts?status=active')).body.items;
    expect(alerts).toHaveLength(3);
    for (const a of alerts) {
      expect(a).toMatchObject({
        source: 'snapshot',
        notificationId: ownerSees[0]!.id,
        notifiedVia: ['email'],
      });
      expect(a.notifiedAt).toBe(new Date(clock).toISOString());
    }

    // Nothing new: the next sweep tells nobody again; a recovered product is resolved.
    expect((await sweep()).summaries.filter((s) => s.tenantId === t.id)).toEqual([]);
    await t.api.put('/v1/stock/levels', { branchId: 'A', items: [{ productId: 'S-2', qty: 30, min: 4 }] });
    const later = await sweep();
    expect(later.resolved).toBe(1);
    expect(later.summaries.filter((s) => s.tenantId === t.id)).toEqual([]);
    expect((await t.api.get('/v1/stock/alerts?status=resolved')).body.items).toEqual([
      expect.objectContaining({ productId: 'S-2', resolvedBy: 'stock' }),
    ]);
    expect(await inbox(owner)).toHaveLength(1);
  });

  it('without channels the summary stays in the inbox; two sweeps at once send it once', async () => {
    const { t, owner } = await shop();
    await t.api.put('/v1/stock/levels', {
      branchId: 'A',
      items: [{ productId: 'Q-1', name: 'Sal', qty: 0, min: 2 }],
    });
    const runs = await Promise.all([sweep(), sweep()]);
    const mine = runs.flatMap((r) => r.summaries).filter((s) => s.tenantId === t.id);
    expect(mine).toHaveLength(1);
    expect(await inbox(owner)).toHaveLength(1);
    // The owner has an email address but the tenant no email channel: nothing leaves the inbox.
    while ((await suite.hub.node.worker.runNow()) > 0) {}
    await settleStockNotices(suite.hub.node.store, new Date(clock));
    const [alert] = (await t.api.get('/v1/stock/alerts')).body.items;
    expect(alert).toMatchObject({ productId: 'Q-1', notifiedVia: ['inbox'] });
  });

  it('lists by status and branch a page at a time, and resolves by hand once', async () => {
    const { t } = await shop();
    for (const branchId of ['A', 'B']) {
      await move(t, {
        branchId,
        items: [
          { productId: 'L-1', qty: 9, min: 3 },
          { productId: 'L-2', qty: 9, min: 3 },
        ],
      });
      await move(t, {
        branchId,
        items: [
          { productId: 'L-1', qty: 1, min: 3 },
          { productId: 'L-2', qty: 1, min: 3 },
        ],
      });
    }
    const a = await t.api.get('/v1/stock/alerts?branchId=A');
    expect(a.body.items.map((x: { branchId: string }) => x.branchId)).toEqual(['A', 'A']);
    const page1 = await t.api.get('/v1/stock/alerts?limit=3');
    expect(page1.body.items).toHaveLength(3);
    const page2 = await t.api.get(`/v1/stock/alerts?limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ nextCursor: null });
    expect(page2.body.items).toHaveLength(1);

    const id = a.body.items[0].id;
    const done = await t.api.post(`/v1/stock/alerts/${id}/resolve`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, status: 'resolved', resolvedBy: 'manual' });
    const twice = await t.api.post(`/v1/stock/alerts/${id}/resolve`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('STOCK_ALERT_RESOLVED');
    const missing = await t.api.post('/v1/stock/alerts/0190a0a0-0000-7000-8000-000000000000/resolve');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('STOCK_ALERT_NOT_FOUND');
    expect((await t.api.post('/v1/stock/alerts/nope/resolve')).status).toBe(404);
  });

  it('keeps tenants apart: levels, alerts and resolving', async () => {
    const one = await shop();
    const two = await shop();
    await move(one.t, { branchId: 'A', items: [{ productId: 'T-1', qty: 9, min: 3 }] });
    const crossed = await move(one.t, { branchId: 'A', items: [{ productId: 'T-1', qty: 1, min: 3 }] });
    const id = crossed.body.alerts[0];
    // The other tenant's first sight of the same product ids is not a crossing of the first's.
    const other = await move(two.t, { branchId: 'A', items: [{ productId: 'T-1', qty: 0, min: 3 }] });
    expect(other.body.crossings).toEqual([]);
    expect((await two.t.api.get('/v1/stock/alerts')).body.items).toEqual([]);
    const steal = await two.t.api.post(`/v1/stock/alerts/${id}/resolve`);
    expect(steal.status).toBe(404);
    expect(await inbox(two.cashier)).toEqual([]);
    expect((await one.t.api.get('/v1/stock/alerts?status=active')).body.items).toEqual([
      expect.objectContaining({ id, status: 'active' }),
    ]);
  });

  it('refuses bad input with 400 and a code, and callers without a key with 401', async () => {
    const { t } = await shop();
    const item = { productId: 'B-1', qty: 1, min: 2 };
    const bad: [string, unknown][] = [
      ['/v1/stock/movements', { items: [item] }],
      ['/v1/stock/movements', { branchId: 'A', items: [] }],
      ['/v1/stock/movements', { branchId: 'A', items: [{ ...item, qty: '3' }] }],
      ['/v1/stock/movements', { branchId: 'A', items: [{ ...item, extra: true }] }],
      ['/v1/stock/movements', { branchId: 'a/b', items: [item] }],
      ['/v1/stock/movements', { branchId: 'A', reference: { id: 'V-1' }, items: [item] }],
      ['/v1/stock/movements', { branchId: 'A', items: Array(1001).fill(item) }],
    ];
    for (const [path, body] of bad) {
      const res = await t.api.post(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const notJson = await t.api.raw('POST', '/v1/stock/movements', '{"branchId":', {});
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    expect((await t.api.put('/v1/stock/levels', { branchId: 'A', items: [{ productId: 'x' }] })).status).toBe(
      400,
    );
    expect((await t.api.get('/v1/stock/alerts?status=open')).status).toBe(400);
    expect((await t.api.get('/v1/stock/alerts?limit=0')).status).toBe(400);
    expect((await t.api.get('/v1/stock/alerts?cursor=zzz')).status).toBe(400);
    const anonymous = await fetch(`${suite.hub.node.url}/v1/stock/alerts`);
    expect(anonymous.status).toBe(401);
  });
});
