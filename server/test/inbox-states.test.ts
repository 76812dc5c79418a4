import type { NotificationUpdate } from '@aviso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broadcaster } from '../src/inbox/broadcaster.ts';
import { silentBroadcaster } from '../src/inbox/broadcaster.ts';
import { databaseBackends } from './env.ts';
import { createTestApp, makeTenant } from './harness.ts';

/** What the person's other tabs would receive. */
function recording() {
  const updates: NotificationUpdate[] = [];
  const counts: number[] = [];
  const broadcaster: Broadcaster = {
    ...silentBroadcaster,
    updated: (_t, _r, update) => void updates.push(update),
    unread: (_t, _r, count) => void counts.push(count),
  };
  return { broadcaster, updates, counts };
}

describe.each(databaseBackends)('Inbox states on $name', ({ url }) => {
  const pushed = recording();
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    hub = await createTestApp(url, pushed.broadcaster);
  });
  afterAll(() => hub.close());

  async function inboxOf(n: number) {
    const t = await makeTenant(hub.fetcher, { locale: 'en' });
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    for (let i = 0; i < n; i++) {
      await t.api.post('/v1/events', {
        type: 'NUEVA_VENTA',
        entityId: `V-${i}`,
        data: { branchId: 'A', total: i },
      });
    }
    const ids = ((await ana.me.get('/v1/me/notifications')).body.items as { id: string }[]).map((i) => i.id);
    return { t, ana, ids };
  }

  it('marks one unread again, also after read-all, until the next read-all', async () => {
    const { ana, ids } = await inboxOf(3);
    const [newest, middle] = ids as [string, string];
    await ana.me.post(`/v1/me/notifications/${newest}/read`);
    const again = await ana.me.post(`/v1/me/notifications/${newest}/unread`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: newest, unreadCount: 3 });
    expect(pushed.updates.at(-1)).toMatchObject({
      ids: [newest],
      unread: true,
      item: { id: newest, readAt: null },
    });
    expect(pushed.counts.at(-1)).toBe(3);

    // Under the read-all watermark: only the one marked unread after it counts.
    await ana.me.post('/v1/me/notifications/read-all');
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(0);
    expect((await ana.me.post(`/v1/me/notifications/${middle}/unread`)).body.unreadCount).toBe(1);
    const unread = (await ana.me.get('/v1/me/notifications?filter=unread')).body.items;
    expect(unread.map((i: { id: string }) => i.id)).toEqual([middle]);
    const all = (await ana.me.get('/v1/me/notifications')).body.items as {
      id: string;
      readAt: string | null;
    }[];
    expect(all.filter((i) => !i.readAt).map((i) => i.id)).toEqual([middle]);

    // Reading it again, or a later read-all, makes it read.
    expect((await ana.me.post(`/v1/me/notifications/${middle}/read`)).body.unreadCount).toBe(0);
    await ana.me.post(`/v1/me/notifications/${middle}/unread`);
    await ana.me.post('/v1/me/notifications/read-all');
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(0);
  });

  it('unarchives one (it stays read) and archives every read one at once', async () => {
    const { t, ana, ids } = await inboxOf(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    await ana.me.post(`/v1/me/notifications/${a}/archive`);
    const back = await ana.me.post(`/v1/me/notifications/${a}/unarchive`);
    expect(back.body).toEqual({ id: a, unreadCount: 3 });
    expect(pushed.updates.at(-1)).toMatchObject({
      ids: [a],
      unarchived: true,
      item: { id: a, archivedAt: null },
    });
    const item = (await ana.me.get('/v1/me/notifications')).body.items[0];
    expect(item).toMatchObject({ id: a, archivedAt: null });
    expect(item.readAt).not.toBeNull();

    // Read: a by its mark, c and d by a read-all; b marked unread after it stays.
    await ana.me.post('/v1/me/notifications/read-all');
    await ana.me.post(`/v1/me/notifications/${b}/unread`);
    await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      entityId: 'V-new',
      data: { branchId: 'A', total: 1 },
    });
    const swept = await ana.me.post('/v1/me/notifications/archive-read');
    expect(swept.status).toBe(200);
    expect(swept.body).toMatchObject({ unreadCount: 2 });
    expect(swept.body.ids.sort()).toEqual([a, c, d].sort());
    expect(pushed.updates.at(-1)?.ids.sort()).toEqual([a, c, d].sort());
    const left = (await ana.me.get('/v1/me/notifications')).body.items.map((i: { id: string }) => i.id);
    expect(left).toHaveLength(2);
    expect(left).toContain(b);
    const archived = (await ana.me.get('/v1/me/notifications?filter=archived')).body.items;
    expect(archived).toHaveLength(3);
    expect((await ana.me.post('/v1/me/notifications/archive-read')).body.ids).toEqual([]);
  });

  it('filters the inbox by category and by branch', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'en' });
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 1 } });
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'B', total: 2 } });
    await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      data: { branchId: 'A', productName: 'Martillo', sku: 'M', qty: 1 },
    });
    const page = async (query: string) =>
      (await owner.me.get(`/v1/me/notifications?${query}`)).body as {
        items: { type: string; branchIds: string[] }[];
        unreadCount: number;
      };
    const sales = await page('category=sales');
    expect(sales.items.map((i) => i.type)).toEqual(['NUEVA_VENTA', 'NUEVA_VENTA']);
    expect(sales.unreadCount).toBe(3);
    expect((await page('category=inventory&filter=unread')).items.map((i) => i.type)).toEqual([
      'PRODUCTO_STOCK_BAJO',
    ]);
    expect((await page('branchId=B')).items.map((i) => i.branchIds)).toEqual([['B']]);
    expect((await page('branchId=A&category=sales')).items).toHaveLength(1);
    expect((await owner.me.get('/v1/me/notifications?category=nope')).status).toBe(400);
  });

  it('snoozes one until a time: out of the inbox and the count, then back unread', async () => {
    const { ana, ids } = await inboxOf(2);
    const [newest, older] = ids as [string, string];
    await ana.me.post(`/v1/me/notifications/${newest}/read`);
    const soon = new Date(Date.now() + 1500).toISOString();
    const snoozed = await ana.me.post(`/v1/me/notifications/${newest}/snooze`, { until: soon });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toEqual({ id: newest, snoozedUntil: soon, unreadCount: 1 });
    expect(pushed.updates.at(-1)).toEqual({ ids: [newest], snoozedUntil: soon });
    const listed = async (q = '') =>
      (
        (await ana.me.get(`/v1/me/notifications${q}`)).body.items as { id: string; readAt: string | null }[]
      ).map((i) => `${i.id === newest ? 'newest' : 'older'}${i.readAt ? '' : '*'}`);
    expect(await listed()).toEqual(['older*']);
    // A read-all or an archive-read meanwhile leaves it snoozed and unread when it is back.
    await ana.me.post('/v1/me/notifications/read-all');
    await ana.me.post('/v1/me/notifications/archive-read');
    expect(await listed('?filter=archived')).toEqual(['older']);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await listed()).toEqual(['newest*']);
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(1);
    await ana.me.post('/v1/me/notifications/read-all');
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(0);

    const past = await ana.me.post(`/v1/me/notifications/${older}/snooze`, { until: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses what the person cannot see', async () => {
    const { t, ids } = await inboxOf(1);
    const bob = await t.person('bob', { role: 'staff', branchIds: ['B'] });
    const until = new Date(Date.now() + 60_000).toISOString();
    expect((await bob.me.post(`/v1/me/notifications/${ids[0]}/snooze`, { until })).status).toBe(404);
    for (const verb of ['unread', 'unarchive']) {
      const res = await bob.me.post(`/v1/me/notifications/${ids[0]}/${verb}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
      expect((await bob.me.post(`/v1/me/notifications/not-a-uuid/${verb}`)).status).toBe(404);
    }
  });
});
