// Visibility (SPEC section 2) is SQL in `visibleTo`, prepared per shape of reader on the reconnection
// path. Here the database's answer is held against the rule written out in plain code, for every
// kind of audience and reader, in two tenants that use the same branch and person names.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import type { RecipientRow } from '../src/db/rows.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, type TestTenant, testNode } from './harness.ts';

interface Audience {
  recipientIds?: string[];
  /** null: everyone of the tenant. */
  branchIds?: string[] | null;
}

const audiences: Audience[] = [
  { branchIds: null },
  { branchIds: ['X'] },
  { branchIds: ['Y'] },
  { branchIds: ['X', 'Z'] },
  { recipientIds: ['named'] },
  { recipientIds: ['named', 'one'] },
  { recipientIds: ['one'], branchIds: ['Y'] },
];

const people: { id: string; role: 'owner' | 'staff'; branchIds: string[] }[] = [
  { id: 'owner', role: 'owner', branchIds: [] },
  // An owner's branches change nothing: they see every branch.
  { id: 'regional', role: 'owner', branchIds: ['X', 'Z', 'W', 'V', 'U'] },
  { id: 'one', role: 'staff', branchIds: ['X'] },
  { id: 'two', role: 'staff', branchIds: ['X', 'Y'] },
  { id: 'named', role: 'staff', branchIds: [] },
  { id: 'zed', role: 'staff', branchIds: ['Z'] },
];

/** SPEC section 2, word for word. */
function sees(person: (typeof people)[number], a: Audience): boolean {
  if (a.recipientIds?.includes(person.id)) return true;
  if (!a.recipientIds && !a.branchIds) return true;
  if (a.branchIds) return person.role === 'owner' || a.branchIds.some((b) => person.branchIds.includes(b));
  return false;
}

describe.each(databaseBackends)('visibility on $name', ({ url }) => {
  const hub = testNode({ databaseUrl: url });
  const tenants: { t: TestTenant; posted: { id: string; audience: Audience }[] }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const t = await makeTenant(hub.fetcher);
      for (const p of people) await t.person(p.id, { role: p.role, branchIds: p.branchIds });
      const posted = [];
      for (const audience of audiences) {
        const res = await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { total: 1 }, ...audience });
        expect({ audience, status: res.status }).toEqual({ audience, status: 202 });
        posted.push({ id: res.body.id as string, audience });
      }
      tenants.push({ t, posted });
    }
  });

  it('let each reader see exactly what the rule says, in their own tenant only', async () => {
    for (const { t, posted } of tenants) {
      const store = hub.node.store.forTenant(t.id);
      for (const person of people) {
        const reader = (await store.recipients.get(person.id)) as RecipientRow;
        const expected = posted.filter((p) => sees(person, p.audience)).map((p) => p.id);
        const page = await store.notifications.inbox(reader, { limit: 100, filter: 'all' });
        expect({ person: person.id, ids: page.items.map((i) => i.n.id).sort() }).toEqual({
          person: person.id,
          ids: [...expected].sort(),
        });
        expect(await store.notifications.unreadCount(reader)).toBe(expected.length);
        const newest = [...expected].sort().at(-1);
        expect(await store.notifications.unreadAndNewest(reader)).toEqual({
          unread: expected.length,
          newest,
          newestInInbox: newest,
        });
      }
    }
  });

  it('read audience indexes that keep no pending list', async () => {
    // A GIN pending list is read whole by every count and replay until a vacuum empties it.
    const rows = await rowsOf<{ relname: string; reloptions: string[] | null }>(
      hub.node.database.db,
      sql`select relname, reloptions from pg_class
          where relname in ('notifications_branch_ids_idx', 'notifications_recipient_ids_idx')
          order by relname`,
    );
    expect(rows.map((r) => ({ index: r.relname, options: r.reloptions }))).toEqual([
      { index: 'notifications_branch_ids_idx', options: ['fastupdate=off'] },
      { index: 'notifications_recipient_ids_idx', options: ['fastupdate=off'] },
    ]);
  });

  it('filter by branch for readers and for the console', async () => {
    for (const { t, posted } of tenants) {
      const store = hub.node.store.forTenant(t.id);
      const owner = (await store.recipients.get('owner')) as RecipientRow;
      for (const branch of ['X', 'Y', 'Z', 'W']) {
        const expected = posted.filter((p) => p.audience.branchIds?.includes(branch)).map((p) => p.id);
        const page = await store.notifications.inbox(owner, { limit: 100, filter: 'all', branchId: branch });
        expect(page.items.map((i) => i.n.id).sort()).toEqual([...expected].sort());
        const listed = await t.api.get(`/v1/notifications?branchId=${branch}&limit=100`);
        expect(listed.status).toBe(200);
        expect((listed.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual([...expected].sort());
      }
    }
  });
});
