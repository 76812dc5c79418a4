import { beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { ADMIN_TOKEN, type Client, client, makeTenant, type TestTenant, testApp } from './harness.ts';

interface Item {
  id: string;
  tenant: { id: string; name: string };
  label: string;
  cancelKey: string | null;
  type: string | null;
  dueAt: string;
  status: string;
  recurrence: { cron: string } | null;
}

describe.each(databaseBackends)('operators list schedules across tenants on $name', ({ url }) => {
  const hub = testApp(url);
  let operator: Client;
  let norte: TestTenant;
  let sur: TestTenant;

  /** Every page of a listing, following `nextCursor`. */
  const all = async (query: string) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await operator.get(`/v1/admin/schedules?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    operator = client(hub.fetcher, ADMIN_TOKEN);
    norte = await makeTenant(hub.fetcher, { name: 'Tienda Norte' });
    sur = await makeTenant(hub.fetcher, { name: 'Tienda Sur' });
    for (const [t, day] of [
      [norte, '2099-01-01'],
      [norte, '2099-01-03'],
      [sur, '2099-01-02'],
    ] as const) {
      const res = await t.api.post('/v1/events', {
        type: 'SUSCRIPCION_VENCIDA',
        deliverAt: `${day}T09:00:00Z`,
        cancelKey: `vence-${day}`,
      });
      expect(res.status).toBe(202);
    }
    const recurring = await sur.api.post('/v1/schedules', {
      cancelKey: 'cobro-mensual',
      cron: '0 9 1 * *',
      maxRuns: 1,
      event: { type: 'SUSCRIPCION_VENCIDA' },
    });
    expect(recurring.status).toBe(201);
  });

  it('shows the pending schedules of every tenant, soonest first, a page at a time', async () => {
    const items = await all('limit=1');
    const ours = items.filter((i) => i.tenant.id === norte.id || i.tenant.id === sur.id);
    expect(ours).toHaveLength(4);
    expect(ours[0]).toMatchObject({
      tenant: { id: sur.id, name: 'Tienda Sur' },
      label: 'recurring',
      cancelKey: 'cobro-mensual',
      type: 'SUSCRIPCION_VENCIDA',
      status: 'pending',
      recurrence: { cron: '0 9 1 * *' },
    });
    expect(ours.slice(1).map((i) => [i.tenant.name, i.label, i.cancelKey, i.dueAt, i.recurrence])).toEqual([
      ['Tienda Norte', 'deliver', 'vence-2099-01-01', '2099-01-01T09:00:00.000Z', null],
      ['Tienda Sur', 'deliver', 'vence-2099-01-02', '2099-01-02T09:00:00.000Z', null],
      ['Tienda Norte', 'deliver', 'vence-2099-01-03', '2099-01-03T09:00:00.000Z', null],
    ]);
  });

  it('filters by tenant and status; a cancelled schedule is no longer pending', async () => {
    expect((await norte.api.delete('/v1/schedules/vence-2099-01-03')).body).toEqual({ cancelled: 1 });
    const pending = await all(`tenantId=${norte.id}`);
    expect(pending.map((i) => i.cancelKey)).toEqual(['vence-2099-01-01']);
    const cancelled = await all(`tenantId=${norte.id}&status=cancelled`);
    expect(cancelled.map((i) => [i.cancelKey, i.status])).toEqual([['vence-2099-01-03', 'cancelled']]);
    expect(await all(`tenantId=${sur.id}&status=done`)).toEqual([]);
  });

  it('refuses bad input with VALIDATION_FAILED and anyone but the operator with 401', async () => {
    for (const query of ['status=lost', 'tenantId=norte', 'limit=0', 'limit=500', 'cursor=garbage']) {
      const res = await operator.get(`/v1/admin/schedules?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
    }
    expect((await norte.api.get('/v1/admin/schedules')).status).toBe(401);
    expect((await client(hub.fetcher).get('/v1/admin/schedules')).status).toBe(401);
  });
});
