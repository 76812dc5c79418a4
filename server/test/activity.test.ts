import { describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { makeTenant, nodeWithSmtp } from './harness.ts';
import { connect, until } from './sockets.ts';

describe.each(databaseBackends)('did Norte see it? on $name', ({ url }) => {
  const suite = nodeWithSmtp({ databaseUrl: url }, { delivery: { pollMs: 50 } });

  async function shop() {
    const t = await makeTenant(suite.hub.fetcher);
    await t.api.put('/v1/branches/norte', { name: 'Suc. Norte' });
    await t.api.post('/v1/channels', {
      kind: 'email',
      name: 'SMTP',
      config: { host: '127.0.0.1', port: suite.smtp.port, from: 'avisos@shop.test' },
    });
    // Everyone offline when it is created gets an email at once.
    await t.api.put('/v1/event-types/NUEVA_VENTA', {
      rules: { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['email'] } },
    });
    const ana = await t.person('ana', { name: 'Ana', role: 'staff', branchIds: ['norte'] });
    const beto = await t.person('beto', {
      name: 'Beto',
      role: 'staff',
      branchIds: ['norte'],
      email: 'beto@shop.test',
    });
    const owner = await t.person('dueno', { name: 'Dueño', role: 'owner', branchIds: [] });
    const elsewhere = await t.person('carla', { name: 'Carla', role: 'staff', branchIds: ['sur'] });
    return { t, ana, beto, owner, elsewhere };
  }

  it('answers who it was for, who got it live, who saw and read it, and what fallback did', async () => {
    const { t, ana, beto, owner } = await shop();
    const anaTab = await connect(suite.hub.node.url, { token: ana.token });
    const ownerTab = await connect(suite.hub.node.url, { token: owner.token });
    await until(() => anaTab.counts.length > 0 && ownerTab.counts.length > 0, 'both sockets counted online');
    const sale = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      entityId: 'V-1',
      data: { branchId: 'norte', total: 100 },
    });
    const id = sale.body.id as string;
    await until(() => anaTab.received.length === 1 && ownerTab.received.length === 1, 'the live push');
    expect(await ownerTab.emitWithAck('seen', { ids: [id] })).toEqual({ ok: true });
    expect(await anaTab.emitWithAck('read', { id })).toMatchObject({ ok: true });
    await until(
      () => suite.smtp.received.some((m) => m.to_.includes('beto@shop.test')),
      'Beto’s email',
      15_000,
    );
    // Beto opens the widget later: it reached him by email, not live.
    const betoTab = await connect(suite.hub.node.url, { token: beto.token });
    await until(() => betoTab.counts.length > 0, 'Beto online');

    const receiptsOf = async () => (await t.api.get(`/v1/notifications/${id}/receipts`)).body;
    const betoSent = (r: { people?: { recipientId: string; deliveries: { status: string }[] }[] }) =>
      r.people?.find((p) => p.recipientId === 'beto')?.deliveries[0]?.status === 'sent';
    let body = await receiptsOf();
    for (let i = 0; i < 100 && !betoSent(body); i++) {
      await new Promise((r) => setTimeout(r, 50));
      body = await receiptsOf();
    }
    const receipts = { status: 200, body };
    expect(receipts.status).toBe(200);
    expect(receipts.body.notification).toMatchObject({
      id,
      type: 'NUEVA_VENTA',
      branchIds: ['norte'],
      warnings: [],
    });
    expect(receipts.body.counts).toEqual({ audience: 3, live: 2, seen: 2, read: 1, acted: 0, deliveries: 1 });
    const [first, second, third] = receipts.body.people;
    expect(first).toMatchObject({
      recipientId: 'ana',
      name: 'Ana',
      role: 'staff',
      live: true,
      deliveries: [],
    });
    expect(first.readAt).toEqual(expect.any(String));
    expect(second).toMatchObject({ recipientId: 'dueno', live: true, readAt: null, deliveries: [] });
    expect(second.seenAt).toEqual(expect.any(String));
    expect(third).toMatchObject({ recipientId: 'beto', live: false, seenAt: null, readAt: null });
    expect(third.deliveries).toEqual([
      expect.objectContaining({
        step: 'fallback',
        condition: 'offline',
        channel: 'email',
        status: 'sent',
        attempts: 1,
      }),
    ]);
    expect(receipts.body.truncated).toBe(false);
    const limited = await t.api.get(`/v1/notifications/${id}/receipts?limit=1`);
    expect(limited.body.people).toHaveLength(1);
    expect(limited.body.truncated).toBe(true);
    for (const tab of [anaTab, ownerTab, betoTab]) tab.close();
  });

  it('counts as live only while a tab is open: two tabs, one closed, then both', async () => {
    const { t, ana } = await shop();
    const live = async () => {
      const id = (
        await t.api.post('/v1/events', { type: 'NUEVO_GASTO', data: { branchId: 'norte', total: 1 } })
      ).body.id;
      // Sessions are written off the socket's path: give the log a moment before asking.
      await new Promise((r) => setTimeout(r, 200));
      const body = (await t.api.get(`/v1/notifications/${id}/receipts`)).body;
      return body.people.find((p: { recipientId: string }) => p.recipientId === 'ana').live as boolean;
    };
    const first = await connect(suite.hub.node.url, { token: ana.token });
    const second = await connect(suite.hub.node.url, { token: ana.token });
    await until(() => first.counts.length > 0 && second.counts.length > 0, 'two tabs online');
    expect(await live()).toBe(true);
    first.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await live()).toBe(true);
    second.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await live()).toBe(false);
  });

  it('lists the tenant’s notifications with filters, and keeps other tenants out', async () => {
    const { t } = await shop();
    const sale = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      data: { branchId: 'norte', total: 5 },
    });
    const global = await t.api.post('/v1/events', { type: 'NUEVO_PROVEEDOR', data: {} });
    const personal = await t.api.post('/v1/events', { type: 'PRUEBA', recipientIds: ['carla'] });
    const ids = async (query: string) =>
      (await t.api.get(`/v1/notifications${query}`)).body.items.map((n: { id: string }) => n.id);

    expect(await ids('')).toEqual([personal.body.id, global.body.id, sale.body.id]);
    expect(await ids('?type=NUEVA_VENTA')).toEqual([sale.body.id]);
    expect(await ids('?branchId=norte')).toEqual([sale.body.id]);
    expect(await ids('?category=catalog')).toEqual([global.body.id]);
    // What one person can see: Beto (Norte) the sale and the global one; Carla (Sur) hers and the global one.
    expect(await ids('?recipientId=beto')).toEqual([global.body.id, sale.body.id]);
    expect(await ids('?recipientId=carla')).toEqual([personal.body.id, global.body.id]);
    expect(await ids('?warnings=true')).toEqual([global.body.id]);
    const page = await t.api.get('/v1/notifications?limit=2');
    expect(page.body.nextCursor).toBe(global.body.id);
    expect(await ids(`?cursor=${page.body.nextCursor}`)).toEqual([sale.body.id]);
    const one = await t.api.get(`/v1/notifications/${global.body.id}`);
    expect(one.body.warnings).toEqual([
      { field: 'message', code: 'MISSING_DATA', variables: ['supplierName'] },
    ]);

    expect((await t.api.get('/v1/notifications?recipientId=nobody')).body.error.code).toBe(
      'RECIPIENT_NOT_FOUND',
    );
    expect((await t.api.get('/v1/notifications?type=lower')).status).toBe(400);
    expect((await t.api.get('/v1/notifications/not-a-uuid/receipts')).status).toBe(404);
    const other = await makeTenant(suite.hub.fetcher);
    expect(await (async () => (await other.api.get('/v1/notifications')).body.items)()).toEqual([]);
    for (const path of [`/v1/notifications/${sale.body.id}`, `/v1/notifications/${sale.body.id}/receipts`]) {
      const res = await other.api.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    }
  });
});
