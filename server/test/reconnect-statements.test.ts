// The statements a reconnection runs (replay, count and newest ids) are prepared once per shape of
// reader and per tenant: each reader must still get exactly their own rows, whoever ran them first.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecipientRow } from '../src/db/rows.ts';
import { idAt, timeOfId } from '../src/realtime/resync.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, type TestTenant, testNode } from './harness.ts';

describe.each(databaseBackends)('reconnection statements on $name', ({ url }) => {
  const hub = testNode({ databaseUrl: url });
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    a = await makeTenant(hub.fetcher);
    b = await makeTenant(hub.fetcher);
  });

  const post = (t: TestTenant, audience: Record<string, unknown>) =>
    t.api
      .post('/v1/events', { type: 'NUEVA_VENTA', data: { total: 1 }, ...audience })
      .then((r) => r.body.id as string);
  const row = async (t: TestTenant, id: string) =>
    (await hub.node.store.forTenant(t.id).recipients.get(id)) as RecipientRow;
  const ids = (items: { n: { id: string } }[]) => items.map((i) => i.n.id);

  it('give each reader of one shape their own rows, in their own tenant only', async () => {
    const x = await a.person('x', { role: 'staff', branchIds: ['X'] });
    const y = await a.person('y', { role: 'staff', branchIds: ['Y'] });
    await a.person('o', { role: 'owner', branchIds: [] });
    await b.person('x', { role: 'staff', branchIds: ['X'] });
    const start = idAt(Date.now() - 1_000);
    const inX = await post(a, { branchIds: ['X'] });
    const inY = await post(a, { branchIds: ['Y'] });
    const toX = await post(a, { recipientIds: ['x'] });
    const inXOfB = await post(b, { branchIds: ['X'] });

    const store = hub.node.store.forTenant(a.id);
    // x and y have the same shape (staff, one branch, no watermark): one statement serves both.
    expect(ids(await store.notifications.since(await row(a, 'x'), start, 50))).toEqual([inX, toX]);
    expect(ids(await store.notifications.since(await row(a, 'y'), start, 50))).toEqual([inY]);
    expect(ids(await store.notifications.since(await row(a, 'o'), start, 50))).toEqual([inX, inY]);
    const storeOfB = hub.node.store.forTenant(b.id);
    expect(ids(await storeOfB.notifications.since(await row(b, 'x'), start, 50))).toEqual([inXOfB]);
    expect(await storeOfB.notifications.unreadAndNewest(await row(b, 'x'))).toEqual({
      unread: 1,
      newest: inXOfB,
      newestInInbox: inXOfB,
    });

    const replay = await store.notifications.replayFrom(
      await row(a, 'x'),
      inX,
      { from: start, begunAfter: new Date(timeOfId(inX)), limit: 50 },
      1,
    );
    expect({ late: ids(replay.late), missed: ids(replay.missed) }).toEqual({ late: [], missed: [toX] });
    // The replay's statement counts too, from the same snapshot as a count alone.
    expect({ unread: replay.unread, newest: replay.newest, newestInInbox: replay.newestInInbox }).toEqual({
      unread: 2,
      newest: toX,
      newestInInbox: toX,
    });

    expect(await store.notifications.unreadAndNewest(await row(a, 'x'))).toEqual({
      unread: 2,
      newest: toX,
      newestInInbox: toX,
    });
    // Archived: no longer unread nor in the inbox, still what a replay would send.
    expect((await x.me.post(`/v1/me/notifications/${toX}/archive`)).status).toBe(200);
    expect(await store.notifications.unreadAndNewest(await row(a, 'x'))).toEqual({
      unread: 1,
      newest: toX,
      newestInInbox: inX,
    });
    // Read all: y has a watermark now (another shape), and only what comes after it is unread.
    expect((await y.me.post('/v1/me/notifications/read-all')).status).toBe(200);
    expect((await store.notifications.unreadAndNewest(await row(a, 'y'))).unread).toBe(0);
    const inY2 = await post(a, { branchIds: ['Y'] });
    expect(await store.notifications.unreadAndNewest(await row(a, 'y'))).toEqual({
      unread: 1,
      newest: inY2,
      newestInInbox: inY2,
    });
    expect((await store.notifications.unreadAndNewest(await row(a, 'x'))).unread).toBe(1);
  });

  it('replay what was stored late before since, then what is newer, each within its limit', async () => {
    await a.person('late', { role: 'staff', branchIds: ['L'] });
    const start = idAt(Date.now() - 1_000);
    const before = [await post(a, { branchIds: ['L'] }), await post(a, { branchIds: ['L'] })];
    const since = await post(a, { branchIds: ['L'] });
    const after = [await post(a, { branchIds: ['L'] }), await post(a, { branchIds: ['L'] })];
    const store = hub.node.store.forTenant(a.id);
    const reader = await row(a, 'late');
    // Everything before since was stored by a group begun after the moment given: all "late",
    // and the newest of them kept (the likeliest to have been missed).
    const replay = await store.notifications.replayFrom(
      reader,
      since,
      { from: start, begunAfter: new Date(Date.now() - 60_000), limit: 1 },
      1,
    );
    expect({ late: ids(replay.late), missed: ids(replay.missed) }).toEqual({
      late: [before[1]],
      missed: [after[0]],
    });
    // Stored before since was minted: none is late.
    const none = await store.notifications.replayFrom(
      reader,
      since,
      { from: start, begunAfter: new Date(Date.now() + 60_000), limit: 50 },
      50,
    );
    expect({ late: ids(none.late), missed: ids(none.missed) }).toEqual({ late: [], missed: after });
    // Nothing to replay: the counts come alone.
    const empty = await store.notifications.replayFrom(
      reader,
      after[1]!,
      { from: after[1]!, begunAfter: new Date(Date.now() + 60_000), limit: 50 },
      50,
    );
    expect(empty).toEqual({ late: [], missed: [], unread: 5, newest: after[1], newestInInbox: after[1] });
  });
  it('replay for reconnections that come together, each reader their own rows and counts', async () => {
    const people = [
      ['g1', { role: 'staff', branchIds: ['G1'] }],
      ['g2', { role: 'staff', branchIds: ['G2'] }],
      ['g12', { role: 'staff', branchIds: ['G1', 'G2'] }],
      ['gOwner', { role: 'owner', branchIds: [] }],
    ] as const;
    for (const [id, p] of people) await a.person(id, { ...p, branchIds: [...p.branchIds] });
    const start = idAt(Date.now() - 1_000);
    const since = await post(a, { branchIds: ['G1'] });
    const inG1 = await post(a, { branchIds: ['G1'] });
    const inG2 = await post(a, { branchIds: ['G2'] });
    const toG2 = await post(a, { recipientIds: ['g2'] });
    // g1 read everything: a read-all watermark, another shape of reader.
    const g1 = await a.person('g1', { role: 'staff', branchIds: ['G1'] });
    expect((await g1.me.post('/v1/me/notifications/read-all')).status).toBe(200);
    const inG1Later = await post(a, { branchIds: ['G1'] });
    const store = hub.node.store.forTenant(a.id);
    const readers = await Promise.all(people.map(([id]) => row(a, id)));
    const overlap = { from: start, begunAfter: new Date(Date.now() + 60_000), limit: 50 };
    // One at a time, then all at once (and each twice, with other limits): the same answers.
    const alone = [];
    for (const r of readers) alone.push(await store.notifications.replayFrom(r, since, overlap, 50));
    const together = await Promise.all([
      ...readers.map((r) => store.notifications.replayFrom(r, since, overlap, 50)),
      ...readers.map((r) => store.notifications.replayFrom(r, since, overlap, 1)),
    ]);
    expect(together.slice(0, readers.length)).toEqual(alone);
    const missed = (r: { missed: { n: { id: string } }[] }) => ids(r.missed);
    expect(alone.map(missed)).toEqual([
      [inG1, inG1Later],
      [inG2, toG2],
      [inG1, inG2, inG1Later],
      [inG1, inG2, inG1Later],
    ]);
    // The owner sees the other tests' notifications of this tenant too.
    expect(alone.slice(0, 3).map((r) => r.unread)).toEqual([1, 2, 4]);
    expect(together.slice(readers.length).map(missed)).toEqual([[inG1], [inG2], [inG1], [inG1]]);
    // A mark from the far future (a client may send any UUID) replays nothing, and does not fail
    // the replays that go with it.
    const far = 'ffffffff-ffff-7fff-bfff-ffffffffffff';
    const withFar = await Promise.all([
      store.notifications.replayFrom(readers[0]!, since, overlap, 50),
      store.notifications.replayFrom(
        readers[0]!,
        far,
        { ...overlap, begunAfter: new Date(timeOfId(far)) },
        50,
      ),
      store.notifications.replayFrom(readers[0]!, since, overlap, 50),
    ]);
    expect(withFar.map(missed)).toEqual([[inG1, inG1Later], [], [inG1, inG1Later]]);
  });

  it('look up the tenants and people of handshakes that come together, each its own', async () => {
    await a.person('both', { role: 'staff', branchIds: ['X'] });
    await b.person('both', { role: 'owner', branchIds: [] });
    const directory = hub.node.store.tenants;
    const found = await Promise.all([
      directory.withRecipient(a.id, 'both'),
      directory.withRecipient(b.id, 'both'),
      directory.withRecipient(a.id, 'nobody'),
      directory.withRecipient(a.id.toUpperCase(), 'both'),
      directory.withRecipient(idAt(Date.now()), 'both'),
      directory.withRecipient('not-a-uuid', 'both'),
      directory.withRecipient(a.id, 'both'),
    ]);
    const seen = found.map((f) => f && { tenant: f.tenant.id, role: f.recipient?.role ?? null });
    expect(seen).toEqual([
      { tenant: a.id, role: 'staff' },
      { tenant: b.id, role: 'owner' },
      { tenant: a.id, role: null },
      { tenant: a.id, role: 'staff' },
      undefined,
      undefined,
      { tenant: a.id, role: 'staff' },
    ]);
  });
});
