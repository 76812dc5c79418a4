import type { Notification, NotificationUpdate } from '@aviso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { makeTenant, type TestTenant, testNode } from './harness.ts';
import { connect, settle, type TestSocket, until } from './sockets.ts';

type Update = NotificationUpdate & { item?: Notification };

/**
 * What one person's other tabs and devices see when a notification comes back into their lists:
 * marked unread, unarchived, or back from a snooze (pushed by the schedule worker at its time).
 */
describe.each(databaseBackends)('Inbox sync across tabs on $name', ({ url }) => {
  // A short poll: the snooze row of another node's would be found within it; this node wakes itself.
  const hub = testNode({ databaseUrl: url }, { scheduler: { pollMs: 200 } });
  let t: TestTenant;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await makeTenant(hub.fetcher, { locale: 'en' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
  });

  async function person(id: string, branchId: string) {
    const p = await t.person(id, { role: 'staff', branchIds: [branchId] });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId, total: i } });
      ids.push(res.body.id);
    }
    // The person's "other tab": a real socket that did none of what follows.
    const tab = await connect(hub.node.url, { token: p.token });
    sockets.push(tab);
    await until(() => tab.counts.length > 0, 'the first count');
    return { ...p, ids, tab, updates: () => tab.updates as Update[] };
  }

  it('a notification marked unread or unarchived reaches the other tabs whole, to put back in their lists', async () => {
    const ana = await person('ana-sync', 'S1');
    const [first] = ana.ids as [string];
    await ana.me.post(`/v1/me/notifications/${first}/archive`);
    await ana.me.post(`/v1/me/notifications/${first}/unarchive`);
    await until(() => ana.updates().some((u) => u.unarchived), 'the unarchive');
    const back = ana.updates().find((u) => u.unarchived)!;
    expect(back.ids).toEqual([first]);
    expect(back.item).toMatchObject({ id: first, type: 'NUEVA_VENTA', archivedAt: null });
    expect(back.item?.readAt).not.toBeNull(); // archived is read; unarchived stays read

    await ana.me.post(`/v1/me/notifications/${first}/unread`);
    await until(() => ana.updates().some((u) => u.unread), 'the unread mark');
    const unread = ana.updates().find((u) => u.unread)!;
    expect(unread.item).toMatchObject({ id: first, readAt: null, archivedAt: null });
    expect(unread.item?.message).toContain('0');
  });

  it('a snooze comes back at its time to every tab, unread and whole, with the new count', async () => {
    const bea = await person('bea-sync', 'S2');
    const [first, second] = bea.ids as [string, string];
    await bea.me.post(`/v1/me/notifications/${first}/read`);
    const until1 = new Date(Date.now() + 800).toISOString();
    expect((await bea.me.post(`/v1/me/notifications/${first}/snooze`, { until: until1 })).status).toBe(200);
    // Snoozed again, later: the first time passes without a push.
    const until2 = new Date(Date.now() + 1_600).toISOString();
    expect((await bea.me.post(`/v1/me/notifications/${first}/snooze`, { until: until2 })).status).toBe(200);
    // Another one snoozed and then read: it does not come back.
    await bea.me.post(`/v1/me/notifications/${second}/snooze`, { until: until1 });
    await bea.me.post(`/v1/me/notifications/${second}/read`);
    await until(() => bea.tab.counts.at(-1) === 0, 'both out of the count');

    await until(() => bea.updates().some((u) => u.snoozeEnded), 'the end of the snooze', 5_000);
    const ended = bea.updates().filter((u) => u.snoozeEnded);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.ids).toEqual([first]);
    expect(ended[0]!.item).toMatchObject({ id: first, readAt: null, archivedAt: null });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until2));
    await until(() => bea.tab.counts.at(-1) === 1, 'the count with it back');
    await settle(400);
    expect(bea.updates().filter((u) => u.snoozeEnded)).toHaveLength(1);

    const rows = await t.api.get('/v1/schedules?status=cancelled');
    expect(rows.body.items.filter((r: { label: string }) => r.label === 'snooze')).toHaveLength(2);
  });

  it('lists the branches an inbox spans by name, all of them for an owner, none of another business', async () => {
    await t.api.put('/v1/branches/A', { name: 'Centro' });
    await t.api.put('/v1/branches/B', { name: 'Norte' });
    const staff = await t.person('staff-branches', { role: 'staff', branchIds: ['A', 'Z'] });
    const owner = await t.person('owner-branches', { role: 'owner', branchIds: [] });
    expect((await staff.me.get('/v1/me/branches')).body).toEqual({
      items: [
        { id: 'A', name: 'Centro' },
        { id: 'Z', name: 'Z' },
      ],
    });
    expect((await owner.me.get('/v1/me/branches')).body).toEqual({
      items: [
        { id: 'A', name: 'Centro' },
        { id: 'B', name: 'Norte' },
      ],
    });
    const other = await makeTenant(hub.fetcher);
    const stranger = await other.person('owner-branches', { role: 'owner', branchIds: [] });
    expect((await stranger.me.get('/v1/me/branches')).body).toEqual({ items: [] });
    expect((await t.api.get('/v1/me/branches')).status).toBe(401);
  });
});
