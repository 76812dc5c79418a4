import { describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { type Client, makeTenant, nodeOnClock, type TestTenant } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const M = 60_000;

async function types(me: Client): Promise<string[]> {
  const page = await me.get('/v1/me/notifications?limit=100');
  return [...page.body.items].reverse().map((n: { type: string }) => n.type);
}

describe.each(databaseBackends)('SLA watch on $name', ({ url }) => {
  const suite = nodeOnClock(url, Date.UTC(2025, 2, 10, 15, 0));

  /** A branch with a cashier, its manager, the owner and a manager of another branch. */
  async function shop(settings?: Record<string, unknown>) {
    const t = await makeTenant(suite.hub.fetcher);
    if (settings) expect((await t.api.patch('/v1/tenant', { settings })).status).toBe(200);
    const people = {
      owner: await t.person('own', { role: 'owner', branchIds: [] }),
      manager: await t.person('ger-a', { role: 'manager', branchIds: ['A'] }),
      cashier: await t.person('caja-a', { role: 'staff', branchIds: ['A'] }),
      otherCashier: await t.person('caja-b', { role: 'staff', branchIds: ['B'] }),
    };
    return { t, ...people };
  }
  const waiting = (t: TestTenant, id: string) =>
    t.api.post('/v1/events', {
      type: 'ATENCION_PENDIENTE',
      entityId: id,
      data: { branchId: 'A', minutes: 3 },
      requireAck: true,
    });

  it('tells owners and managers when nobody acknowledged in the escalate rule time', async () => {
    const s = await shop();
    const rules = { escalate: { after: '5m', if: 'unread', to: ['owner'], channels: ['email'] } };
    expect((await s.t.api.put('/v1/event-types/ATENCION_PENDIENTE', { rules })).status).toBe(200);
    const socket = await connect(suite.hub.node.url, { token: s.owner.token });
    try {
      const start = suite.clock;
      const res = await waiting(s.t, 'C-1');
      expect(res.body.status).toBe('created');
      await until(() => socket.received.length === 1, 'the original notification');

      await suite.fireAt(start + 5 * M - 1000);
      await settle(100);
      expect(socket.received).toHaveLength(1);
      await suite.fireAt(start + 5 * M);
      await until(() => socket.received.length === 2, 'SLA_INCUMPLIDO on the owner socket');
      const breach = socket.received[1]!;
      expect(breach).toMatchObject({
        type: 'SLA_INCUMPLIDO',
        message: "Se incumplió el tiempo de atención de 'Atención pendiente' (C-1).",
        link: '#/conversaciones/C-1',
        data: { notificationId: res.body.id, notificationType: 'ATENCION_PENDIENTE', after: '5m' },
      });
      expect(await types(s.manager.me)).toEqual(['ATENCION_PENDIENTE', 'SLA_INCUMPLIDO']);
      expect(await types(s.cashier.me)).toEqual(['ATENCION_PENDIENTE']);
      // Checked once: nothing more later.
      await suite.fireAt(start + 60 * M);
      expect(await types(s.manager.me)).toEqual(['ATENCION_PENDIENTE', 'SLA_INCUMPLIDO']);
    } finally {
      socket.close();
    }
  });

  it('says nothing when someone targeted read it in time; 10 minutes by default', async () => {
    const s = await shop();
    const start = suite.clock;
    const read = await waiting(s.t, 'C-2');
    expect((await s.cashier.me.post(`/v1/me/notifications/${read.body.id}/read`)).status).toBe(200);
    // A type with no escalate rule gets 10 minutes.
    const order = await s.t.api.post('/v1/events', {
      type: 'NUEVO_PEDIDO_RETIRO',
      entityId: 'W-9',
      data: { branchId: 'A', folio: 'W-9' },
      requireAck: true,
    });
    // Read through "read all" by the manager, before the check.
    const unread = await s.t.api.post('/v1/events', {
      type: 'NUEVO_PEDIDO_RETIRO',
      entityId: 'W-10',
      data: { branchId: 'B', folio: 'W-10' },
      requireAck: true,
    });
    expect((await s.otherCashier.me.post('/v1/me/notifications/read-all')).status).toBe(200);

    await suite.fireAt(start + 10 * M - 1000);
    expect(await types(s.owner.me)).not.toContain('SLA_INCUMPLIDO');
    await suite.fireAt(start + 10 * M);
    const breaches = (await s.owner.me.get('/v1/me/notifications?limit=100')).body.items.filter(
      (n: { type: string }) => n.type === 'SLA_INCUMPLIDO',
    );
    expect(breaches.map((n: { data: { notificationId: string } }) => n.data.notificationId)).toEqual([
      order.body.id,
    ]);
    expect(unread.body.status).toBe('created');
  });

  it('opens one INCIDENTE_SLA for 5 breaches in 30 minutes, not one per breach after that', async () => {
    const s = await shop();
    const start = suite.clock;
    for (let i = 0; i < 7; i++) {
      suite.clock = start + i * 3 * M;
      await waiting(s.t, `C-${i}`);
      await suite.fireAt(start + i * 3 * M + 10 * M);
    }
    const all = await types(s.owner.me);
    expect(all.filter((x) => x === 'SLA_INCUMPLIDO')).toHaveLength(7);
    expect(all.filter((x) => x === 'INCIDENTE_SLA')).toHaveLength(1);
    const page = await s.owner.me.get('/v1/me/notifications?limit=100');
    const incident = page.body.items.find((n: { type: string }) => n.type === 'INCIDENTE_SLA');
    expect(incident.message).toBe('5 incumplimientos de atención en los últimos 30 minutos.');
    // Managers are not told of incidents; owners are.
    expect(await types(s.manager.me)).not.toContain('INCIDENTE_SLA');
  });

  it('takes the threshold and window from the tenant settings', async () => {
    const s = await shop({ sla: { incidentThreshold: 2, incidentWindowMinutes: 10 } });
    const bad = await s.t.api.patch('/v1/tenant', { settings: { sla: { incidentThreshold: 0 } } });
    expect(bad.status).toBe(400);
    const start = suite.clock;
    await waiting(s.t, 'C-1');
    await suite.fireAt(start + 10 * M);
    // The second breach is 11 minutes after the first: outside the window.
    suite.clock = start + 11 * M;
    await waiting(s.t, 'C-2');
    await suite.fireAt(start + 21 * M);
    expect(await types(s.owner.me)).not.toContain('INCIDENTE_SLA');
    suite.clock = start + 15 * M;
    await waiting(s.t, 'C-3');
    await suite.fireAt(start + 25 * M);
    const page = await s.owner.me.get('/v1/me/notifications?limit=100');
    const incidents = page.body.items.filter((n: { type: string }) => n.type === 'INCIDENTE_SLA');
    expect(incidents.map((n: { message: string }) => n.message)).toEqual([
      '2 incumplimientos de atención en los últimos 10 minutos.',
    ]);
  });
});
