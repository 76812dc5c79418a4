import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NotificationRepo } from '../src/db/repos/notifications.ts';
import { notifications } from '../src/db/schema.ts';
import { idAt, timeOfId } from '../src/realtime/resync.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, type TestTenant, testNode } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const sign = (secret: string, claims: Record<string, unknown>, exp: number) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
const now = () => Math.floor(Date.now() / 1000);

describe.each(databaseBackends)('realtime on $name', ({ url }) => {
  const hub = testNode({ databaseUrl: url });
  let t: TestTenant;
  const sale = (branchId: string, total = 1) =>
    t.api
      .post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId, total } })
      .then((r) => r.body.id as string);

  beforeAll(async () => {
    t = await makeTenant(hub.fetcher);
  });

  it('refuses bad, expired, forged and unknown-person tokens with a code', async () => {
    const codeOf = (token: string) =>
      connect(hub.node.url, { token }).then(
        (s) => {
          s.close();
          return 'connected';
        },
        (err: Error & { data?: { code: string } }) => err.data?.code,
      );
    expect(await codeOf('')).toBe('UNAUTHORIZED');
    expect(await codeOf('not-a-jwt')).toBe('INVALID_TOKEN');
    expect(await codeOf(await sign(t.widgetSecret, { sub: 'x', tid: t.id, role: 'staff' }, now() - 10))).toBe(
      'TOKEN_EXPIRED',
    );
    expect(await codeOf(await sign('wsec_wrong', { sub: 'x', tid: t.id, role: 'staff' }, now() + 60))).toBe(
      'INVALID_TOKEN',
    );
    expect(await codeOf(await sign(t.widgetSecret, { sub: 'nobody', tid: t.id }, now() + 60))).toBe(
      'RECIPIENT_NOT_FOUND',
    );
  });

  it('accepts a host-minted token whose claims create the person and their rooms', async () => {
    const token = await sign(
      t.widgetSecret,
      { sub: 'cajero-9', tid: t.id, role: 'staff', branchIds: ['H'], name: 'Luis' },
      now() + 600,
    );
    const s = await connect(hub.node.url, { token });
    await until(() => s.counts.length > 0, 'the first unread count');
    const id = await sale('H');
    await sale('OTHER');
    await until(() => s.received.length === 1, 'the sale at H');
    await settle();
    expect(s.received.map((n) => n.id)).toEqual([id]);
    expect((await t.api.get('/v1/recipients/cajero-9')).body).toMatchObject({
      name: 'Luis',
      branchIds: ['H'],
    });
    expect((await t.api.get('/v1/presence?recipientIds=cajero-9,ghost')).body.online).toEqual(['cajero-9']);
    // The token is not kept with the live socket (memory per idle socket, and one secret less in memory).
    const live = [...hub.node.io.of('/').sockets.values()];
    expect(live.length).toBeGreaterThan(0);
    for (const socket of live) expect(JSON.stringify(socket.handshake.auth)).not.toContain(token);
    s.close();
    await settle(100);
    expect((await t.api.get('/v1/presence?recipientIds=cajero-9')).body.online).toEqual([]);
  });

  it('replays what was missed, oldest first, once, before anything new', async () => {
    const ana = await t.person('replay-ana', { role: 'staff', branchIds: ['R'] });
    const first = await connect(hub.node.url, { token: ana.token });
    const seen = await sale('R');
    await until(() => first.received.length === 1, 'the first sale');
    first.close();
    const missed = [await sale('R', 2), await sale('R', 3)];
    await sale('NOT-R');
    missed.push(
      await t.api.post('/v1/events', { type: 'PRUEBA', recipientIds: ['replay-ana'] }).then((r) => r.body.id),
    );
    const again = await connect(hub.node.url, { token: ana.token, since: seen });
    await until(() => again.received.length === 3, 'the replay');
    const live = await sale('R', 4);
    await until(() => again.received.length === 4, 'the live one');
    await settle();
    expect(again.received.map((n) => n.id)).toEqual([...missed, live]);
    expect(again.counts.at(-1)).toBe(4);
    again.close();
  });

  it('sends and counts what was pushed between the replay and the join', async () => {
    const ana = await t.person('between-ana', { role: 'staff', branchIds: ['B'] });
    const seen = await sale('B');
    const missed = await sale('B', 2);
    // The replay's statement (which also counts) has run; a sale is stored and pushed to the rooms
    // before the socket joins them. The hub must see that and count again, and send the sale.
    let pushedMeanwhile: string | undefined;
    const replayFrom = NotificationRepo.prototype.replayFrom;
    const spy = vi.spyOn(NotificationRepo.prototype, 'replayFrom').mockImplementationOnce(async function (
      this: NotificationRepo,
      ...args
    ) {
      const found = await replayFrom.apply(this, args);
      pushedMeanwhile = await sale('B', 3);
      await settle(50);
      return found;
    });
    try {
      const again = await connect(hub.node.url, { token: ana.token, since: seen });
      await until(() => again.counts.length > 0, 'the unread count');
      expect(pushedMeanwhile).toBeDefined();
      expect(again.received.map((n) => n.id)).toEqual([missed, pushedMeanwhile]);
      expect(again.counts).toEqual([3]);
      again.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('sends what was stored late, older than the replay mark, between the replay and the join', async () => {
    const ana = await t.person('between-late', { role: 'staff', branchIds: ['BL'] });
    const seen = await sale('BL');
    const missed = await sale('BL', 2);
    // While the replay runs, a notification minted just before the last one it sends is stored
    // (a slower group) and pushed before the socket joins its rooms.
    const late = idAt(timeOfId(missed) - 1);
    const replayFrom = NotificationRepo.prototype.replayFrom;
    const spy = vi.spyOn(NotificationRepo.prototype, 'replayFrom').mockImplementationOnce(async function (
      this: NotificationRepo,
      ...args
    ) {
      const found = await replayFrom.apply(this, args);
      const [row] = await hub.node.database.db
        .insert(notifications)
        .values({
          id: late,
          tenantId: t.id,
          type: 'NUEVA_VENTA',
          category: 'sales',
          message: 'tardía',
          branchIds: ['BL'],
          severity: 'success',
          icon: 'sale',
        })
        .returning();
      hub.node.broadcaster.notification(row!);
      await settle(50);
      return found;
    });
    try {
      const again = await connect(hub.node.url, { token: ana.token, since: seen });
      await until(() => again.counts.length > 0, 'the unread count');
      expect(again.received.map((n) => n.id)).toEqual([missed, late]);
      expect(again.counts).toEqual([3]);
      again.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('replays past its limit of 200 in a second read after the join', async () => {
    const ana = await t.person('long-away', { role: 'staff', branchIds: ['LA'] });
    const seen = await sale('LA');
    const res = await t.api.post('/v1/events/batch', {
      events: Array.from({ length: 230 }, (_, i) => ({
        type: 'NUEVA_VENTA',
        data: { branchId: 'LA', total: i + 1 },
      })),
    });
    expect(res.status).toBe(202);
    const ids = (res.body.results as { id: string }[]).map((r) => r.id);
    const again = await connect(hub.node.url, { token: ana.token, since: seen });
    await until(() => again.counts.length > 0, 'the unread count');
    expect(again.received.map((n) => n.id)).toEqual(ids);
    expect(again.counts).toEqual([231]);
    again.close();
  });

  it('replays what was minted before `since` but stored after it, and nothing else before it', async () => {
    const ana = await t.person('overlap-ana', { role: 'staff', branchIds: ['O'] });
    const idAtMs = (ms: number, tail: string) => {
      const hex = ms.toString(16).padStart(12, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${tail}`;
    };
    const now = Date.now();
    const row = (id: string, createdAt: Date, message: string) => ({
      id,
      tenantId: t.id,
      type: 'NUEVA_VENTA',
      category: 'sales',
      message,
      branchIds: ['O'],
      severity: 'success' as const,
      icon: 'sale',
      createdAt,
    });
    // Minted 4.5 s ago and stored then: the client that saw a later id had it.
    const seen = idAtMs(now - 4_500, '000-8000-000000000001');
    // Minted 2 s ago, stored only now (another node's slow commit): the client may not have it.
    const late = idAtMs(now - 2_000, '000-8000-000000000002');
    // Minted 1.8 s ago by a group that began 1.5 s ago, before the client's `since` was minted, and
    // committed after the client saw `since`: the client may not have it either.
    const slow = idAtMs(now - 1_800, '000-8000-000000000003');
    await hub.node.database.db
      .insert(notifications)
      .values([
        row(seen, new Date(now - 4_500), 'vista'),
        row(late, new Date(now), 'tardía'),
        row(slow, new Date(now - 1_500), 'lenta'),
      ]);
    // The client saw a notification minted 1 s ago.
    const since = idAtMs(now - 1_000, 'fff-bfff-ffffffffffff');
    const again = await connect(hub.node.url, { token: ana.token, since });
    await until(() => again.counts.length > 0, 'the first count');
    expect(again.received.map((n) => n.id)).toEqual([late, slow]);
    again.close();
  });

  it('keeps every tab of one person in step: read, read-all, archive', async () => {
    const bea = await t.person('sync-bea', { role: 'staff', branchIds: ['S'] });
    const tab1 = await connect(hub.node.url, { token: bea.token });
    const tab2 = await connect(hub.node.url, { token: bea.token });
    const other = await connect(hub.node.url, {
      token: (await t.person('sync-eve', { role: 'staff', branchIds: ['S'] })).token,
    });
    // Her count at connect is told once she has joined: before the sales, so that it is 0.
    await until(() => other.counts.length === 1, 'the other person’s first count');
    const ids = [await sale('S'), await sale('S'), await sale('S')];
    await until(() => tab2.received.length === 3 && tab1.received.length === 3, 'three sales in both tabs');

    const ack = await tab1.emitWithAck('read', { id: ids[0]! });
    expect(ack).toEqual({ ok: true, count: 2 });
    await until(() => tab2.counts.at(-1) === 2, 'tab 2 count to drop to 2');
    expect(tab2.updates).toContainEqual(expect.objectContaining({ ids: [ids[0]] }));

    const archived = await bea.me.post(`/v1/me/notifications/${ids[1]}/archive`);
    expect(archived.body.unreadCount).toBe(1);
    await until(() => tab1.counts.at(-1) === 1 && tab2.counts.at(-1) === 1, 'both tabs at 1');

    expect(await tab2.emitWithAck('read-all')).toEqual({ ok: true, count: 0 });
    await until(() => tab1.counts.at(-1) === 0, 'tab 1 at 0');
    expect(tab1.updates).toContainEqual(expect.objectContaining({ all: true }));
    // The other person's count is untouched, and the list agrees with every count.
    expect((await bea.me.get('/v1/me/notifications?filter=unread')).body.items).toEqual([]);
    expect(
      (await bea.me.get('/v1/me/notifications?filter=archived')).body.items.map((n: { id: string }) => n.id),
    ).toEqual([ids[1]]);
    await settle(100);
    expect(other.updates).toEqual([]);
    expect(other.counts).toEqual([0]);
    expect((await bea.me.get('/v1/me/unread-count')).body.count).toBe(0);

    const bad = await tab1.emitWithAck('read', { id: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOTIFICATION_NOT_FOUND' } });
    const seenAck = await tab1.emitWithAck('seen', { ids: [ids[2]!, 'junk'] });
    expect(seenAck).toEqual({ ok: true });
    for (const s of [tab1, tab2, other]) s.close();
  });

  it('moves live sockets when the host changes a person’s branches, and closes them when removed', async () => {
    const carl = await t.person('move-carl', { role: 'staff', branchIds: ['M1'] });
    const s = await connect(hub.node.url, { token: carl.token });
    await t.api.put('/v1/recipients/move-carl', { role: 'staff', branchIds: ['M2'] });
    await settle(100);
    await sale('M1');
    const m2 = await sale('M2');
    await until(() => s.received.length === 1, 'the sale at M2');
    await settle();
    expect(s.received.map((n) => n.id)).toEqual([m2]);
    const gone = new Promise((resolve) => s.once('disconnect', resolve));
    await t.api.delete('/v1/recipients/move-carl');
    await gone;
  });

  it('never lets a socket read another tenant’s notification', async () => {
    const u = await makeTenant(hub.fetcher);
    const spy = await connect(hub.node.url, {
      token: (await u.person('spy', { role: 'owner', branchIds: ['A'] })).token,
    });
    const id = await sale('A');
    const ack = await spy.emitWithAck('read', { id });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOTIFICATION_NOT_FOUND' } });
    await settle();
    expect(spy.received).toEqual([]);
    // A token whose tid names another tenant but is signed with this one's secret is refused.
    const forged = await sign(u.widgetSecret, { sub: 'spy', tid: t.id, role: 'owner' }, now() + 60);
    await expect(connect(hub.node.url, { token: forged })).rejects.toMatchObject({
      data: { code: 'INVALID_TOKEN' },
    });
    spy.close();
  });
});
