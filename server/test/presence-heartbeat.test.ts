import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { HEARTBEAT_ROWS, PresenceLogRepo } from '../src/db/repos/presence-log.ts';
import { presenceSessions } from '../src/db/schema.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, testApp } from './harness.ts';

describe.each(databaseBackends)('the presence heartbeat on $name', ({ url }) => {
  const hub = testApp(url);

  it('moves every open session of its node forward, a bounded number of rows a statement', async () => {
    const tenant = await makeTenant(hub.fetcher);
    const node = `node-${randomUUID()}`;
    const other = `node-${randomUUID()}`;
    const opened = new Date('2026-12-01T10:00:00Z');
    const beat = new Date('2026-12-01T10:00:30Z');
    const repo = hub.store.presenceLog;
    const open = Math.floor(HEARTBEAT_ROWS * 2.4);
    const session = (nodeId: string, i: number) => ({
      id: randomUUID(),
      tenantId: tenant.id,
      recipientId: `p${i}`,
      nodeId,
      at: opened,
    });
    await repo.open(Array.from({ length: open + 2 }, (_, i) => session(node, i)));
    await repo.open([0, 1].map((i) => session(other, i)));
    const closedAt = new Date('2026-12-01T10:00:10Z');
    await repo.close(
      node,
      [0, 1].map((i) => ({ tenantId: tenant.id, recipientId: `p${open + i}`, at: closedAt })),
    );

    // The same repository on a database that counts its UPDATE statements.
    let updates = 0;
    const db = hub.database.db;
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'update') updates++;
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    await new PresenceLogRepo(counting).heartbeat(node, beat);

    const s = presenceSessions;
    const rows = await db
      .select({ nodeId: s.nodeId, endedAt: s.endedAt, aliveAt: s.aliveAt })
      .from(s)
      .where(eq(s.tenantId, tenant.id));
    const alive = (nodeId: string, ended: boolean) =>
      rows
        .filter((r) => r.nodeId === nodeId && (r.endedAt !== null) === ended)
        .map((r) => r.aliveAt.toISOString());
    expect(alive(node, false)).toEqual(Array(open).fill(beat.toISOString()));
    // Ended sessions keep their end, and another node's sessions are that node's to keep alive.
    expect(alive(node, true)).toEqual(Array(2).fill(closedAt.toISOString()));
    expect(alive(other, false)).toEqual(Array(2).fill(opened.toISOString()));
    expect(updates).toBe(Math.ceil(open / HEARTBEAT_ROWS));

    // Again at the same instant: nothing left to move, and no statement that moves nothing.
    updates = 0;
    await new PresenceLogRepo(counting).heartbeat(node, beat);
    expect(updates).toBe(0);
  });
});
