import { RETENTION_DEFAULTS } from '@aviso/protocol';
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { idempotencyKeys, tenants } from '../src/db/schema.ts';
import { retentionJob, runRetention } from '../src/retention/retention.ts';
import { databaseBackends, freshDatabase, testEnv } from './env.ts';
import { createTestApp, log, makeTenant, startTestNode, testApp } from './harness.ts';
import { DAY, HOUR, idAt, seeder } from './retention-seed.ts';

const NOW = new Date();

describe.each(databaseBackends)('retention on $name', ({ url }) => {
  const hub = testApp(url);

  it('deletes each kind of row past its age and keeps younger ones and unread ones in their window', async () => {
    const t = await makeTenant(hub.fetcher);
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    await t.person('beto', { role: 'staff', branchIds: ['A'] });
    const seed = seeder(hub.database.db, t.id, NOW);
    const kept = {
      keys: [await seed.idempotencyKey(47 * HOUR)],
      readYoung: await seed.notification(89 * DAY, 'ana', { readBy: ['ana'] }),
      // Seen is not read: an unread notification waits for its longer window.
      unreadOld: await seed.notification(364 * DAY, 'ana', { seenBy: ['ana'] }),
      // A read notification whose fallback is still pending is not deleted under it.
      readPending: await seed.notification(120 * DAY, 'ana', { readBy: ['beto'] }),
    };
    const pendingDelivery = await seed.delivery(120 * DAY, 'pending', kept.readPending);
    const youngDelivery = await seed.delivery(89 * DAY, 'sent', kept.readYoung);
    await seed.idempotencyKey(49 * HOUR);
    const readOld = await seed.notification(91 * DAY, 'ana', { readBy: ['ana', 'beto'] });
    await seed.notification(91 * DAY, 'ana', { actedBy: ['ana'] }); // an answered action counts as read
    await seed.notification(366 * DAY, 'ana');
    await seed.delivery(91 * DAY, 'failed', kept.readYoung); // finished and old: the log's own rule
    await seed.delivery(10 * DAY, 'sent', readOld); // young, but goes with its notification
    const alerts = [await seed.stockAlert(300 * DAY, null), await seed.stockAlert(100 * DAY, 89 * DAY)];
    await seed.stockAlert(100 * DAY, 91 * DAY);
    const schedules = [await seed.schedule(29 * DAY, 'cancelled'), await seed.schedule(40 * DAY, 'pending')];
    await seed.schedule(31 * DAY, 'done');
    await seed.schedule(31 * DAY, 'failed');
    const links = [await seed.telegramLink(6 * DAY)];
    await seed.telegramLink(8 * DAY);

    const { ran, purged } = await runRetention(hub.database, { now: NOW });
    expect(ran).toBe(true);
    expect(purged).toEqual({
      idempotency_keys: 1,
      deliveries: 2,
      notification_states: 3,
      notifications: 3,
      stock_alerts: 1,
      scheduled_events: 2,
      telegram_links: 1,
    });
    // What the person sees through the API is what was kept.
    const inbox = (await ana.me.get('/v1/me/notifications?limit=100')).body.items.map(
      (n: { id: string }) => n.id,
    );
    expect(inbox.sort()).toEqual([kept.readYoung, kept.unreadOld, kept.readPending].sort());
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(2);
    const left = await seed.left();
    expect(left.idempotencyKeys).toEqual(kept.keys);
    expect(left.deliveries).toEqual([pendingDelivery, youngDelivery].sort());
    expect(left.states).toBe(3);
    expect(left.stockAlerts).toEqual(alerts.sort());
    expect(left.schedules).toEqual(schedules.sort());
    expect(left.telegramLinks).toEqual(links);

    // Another node running it again finds nothing left to delete.
    const again = await runRetention(hub.database, { now: NOW });
    expect(Object.values(again.purged).every((n) => n === 0)).toBe(true);
  });

  it("applies a tenant's own retention to that tenant only", async () => {
    const own = await makeTenant(hub.fetcher);
    const other = await makeTenant(hub.fetcher);
    const retention = {
      idempotencyKeysHours: 24,
      readNotificationsDays: 7,
      unreadNotificationsDays: 30,
      resolvedStockAlertsDays: 7,
      finishedSchedulesDays: 7,
      finishedDeliveriesDays: 7,
    };
    const patched = await own.api.patch('/v1/tenant', { settings: { retention } });
    expect(patched.status).toBe(200);
    expect((await own.api.get('/v1/tenant')).body.settings.retention).toEqual(retention);
    for (const bad of [{ idempotencyKeysHours: 12 }, { readNotificationsDays: 0 }, { unknownDays: 3 }]) {
      const res = await own.api.patch('/v1/tenant', { settings: { retention: bad } });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await own.api.get('/v1/tenant')).body.settings.retention).toEqual(retention);

    const seedBoth = async (tenantId: string) => {
      const seed = seeder(hub.database.db, tenantId, NOW);
      await seed.idempotencyKey(30 * HOUR);
      const read = await seed.notification(10 * DAY, 'ana', { readBy: ['ana'] });
      await seed.notification(40 * DAY, 'ana');
      await seed.notification(20 * DAY, 'ana'); // unread, within its 30 days
      await seed.delivery(10 * DAY, 'sent');
      await seed.stockAlert(20 * DAY, 10 * DAY);
      await seed.schedule(10 * DAY, 'done');
      return { seed, read };
    };
    const mine = await seedBoth(own.id);
    const theirs = await seedBoth(other.id);
    const before = await theirs.seed.left();

    await runRetention(hub.database, { now: NOW });
    const left = await mine.seed.left();
    expect(left.idempotencyKeys).toEqual([]);
    expect(left.notifications).toBe(1);
    expect(left.states).toBe(0);
    expect(left.deliveries).toEqual([]);
    expect(left.stockAlerts).toEqual([]);
    expect(left.schedules).toEqual([]);
    expect(await theirs.seed.left()).toEqual(before);
  });

  it('deletes in bounded batches with a pause between them, and stops when asked', async () => {
    const fresh = await createTestApp(url);
    try {
      const t = await makeTenant(fresh.fetcher);
      const seed = seeder(fresh.database.db, t.id, NOW);
      for (let i = 0; i < 25; i++) await seed.idempotencyKey(3 * DAY);
      const people = Array.from({ length: 23 }, (_, i) => `p${i}`);
      await seed.notification(100 * DAY, 'p0', { readBy: people });
      const keysLeft = async () =>
        (
          await fresh.database.db
            .select({ c: count() })
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.tenantId, t.id)))
        )[0]!.c;

      const seen: [string, number, number | null][] = [];
      const started = Date.now();
      await runRetention(fresh.database, {
        now: NOW,
        batch: 10,
        pauseMs: 40,
        onBatch: async (table, rows) => {
          // The database itself shows each statement removed at most a batch.
          seen.push([table, rows, table === 'idempotency_keys' ? await keysLeft() : null]);
        },
      });
      expect(seen).toEqual([
        ['idempotency_keys', 10, 15],
        ['idempotency_keys', 10, 5],
        ['idempotency_keys', 5, 0],
        ['notification_states', 10, null],
        ['notification_states', 10, null],
        ['notification_states', 3, null],
        ['notifications', 1, null],
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(80);

      for (let i = 0; i < 25; i++) await seed.idempotencyKey(3 * DAY);
      const stop = new AbortController();
      const stopped = await runRetention(fresh.database, {
        now: NOW,
        batch: 10,
        pauseMs: 0,
        signal: stop.signal,
        onBatch: () => stop.abort(),
      });
      expect(stopped.purged.idempotency_keys).toBe(10);
      expect(await keysLeft()).toBe(15);
    } finally {
      await fresh.close();
    }
  });

  it('runs soon after start as a background job, and stops', async () => {
    const t = await makeTenant(hub.fetcher);
    const seed = seeder(hub.database.db, t.id, NOW);
    await seed.delivery(40 * DAY, 'sent');
    const young = await seed.delivery(DAY, 'sent');
    const job = retentionJob(hub.database, { deliveryDays: 30, log, startDelayMs: 10, now: () => NOW });
    job.start();
    try {
      await expect.poll(async () => (await seed.left()).deliveries, { timeout: 5_000 }).toEqual([young]);
    } finally {
      await job.stop();
    }
  });
});

describe('retention on the embedded database', () => {
  const hub = testApp('memory:');

  it('vacuums its tables and leaves them with statistics (it has no autovacuum)', async () => {
    const stats = async () => {
      // Counters reach the statistics views when a session flushes them; now, not in a second.
      await hub.database.db.execute(sql`select pg_stat_force_next_flush()`);
      await hub.database.db.execute(sql`select 1`);
      return rowsOf<{
        relname: string;
        last_analyze: string | null;
        last_vacuum: string | null;
        dead: number;
      }>(
        hub.database.db,
        sql`select relname, last_analyze, last_vacuum, n_dead_tup::int as dead
            from pg_stat_user_tables order by relname`,
      );
    };
    // Dead rows: a table's rows deleted, as a purge leaves them.
    await hub.database.db.execute(sql`create table retention_scratch (n int primary key)`);
    await hub.database.db.execute(sql`insert into retention_scratch select generate_series(1, 500)`);
    await hub.database.db.execute(sql`delete from retention_scratch where n % 2 = 0`);
    const before = await stats();
    expect(before.map((t) => t.relname)).toContain('notifications');
    expect(before.find((t) => t.relname === 'retention_scratch')?.dead).toBe(250);
    await runRetention(hub.database, { now: NOW, pauseMs: 0 });
    const after = await stats();
    expect(after.map((t) => t.relname)).toEqual(before.map((t) => t.relname));
    for (const [i, table] of after.entries()) {
      expect(table.last_analyze, table.relname).not.toBeNull();
      expect(table.last_analyze, table.relname).not.toEqual(before[i]!.last_analyze);
      expect(table.last_vacuum, table.relname).not.toBeNull();
      expect(table.dead, table.relname).toBe(0);
    }
    await hub.database.db.execute(sql`drop table retention_scratch`);
  });

  it('answers other queries between its tables', async () => {
    // One statement per table: a query sent meanwhile waits for one table, not for all of them.
    const db = hub.database.db;
    const [started] = await rowsOf<{ at: string }>(db, sql`select clock_timestamp()::text as at`);
    const analyzedSince = async () =>
      (
        await rowsOf<{ n: number; of: number }>(
          db,
          sql`select count(*) filter (where last_analyze > ${started!.at}::timestamptz)::int as n,
                     count(*)::int as of
              from pg_stat_user_tables`,
        )
      )[0]!;
    let finished = false;
    const run = runRetention(hub.database, { now: NOW, pauseMs: 20 }).then(() => {
      finished = true;
    });
    const seen: number[] = [];
    for (let now = await analyzedSince(); !finished && now.n < now.of; now = await analyzedSince()) {
      seen.push(now.n);
    }
    await run;
    const end = await analyzedSince();
    const tables = end.of;
    expect(end.n).toBe(tables);
    // Seen part-way: some tables analyzed and others not yet, by queries answered in between.
    expect(seen.some((n) => n > 0 && n < tables)).toBe(true);
  });
});

describe.skipIf(!testEnv.postgresUrl)('retention on two nodes of one PostgreSQL', () => {
  it('runs on one node at a time: the other skips while the lock is held', async () => {
    const fresh = await freshDatabase(testEnv.postgresUrl!);
    // Two nodes: two pools on one database.
    const one = await openDatabase(fresh.url, { max: 3 });
    const two = await openDatabase(fresh.url, { max: 3 });
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    try {
      await migrate(one.db);
      const tenantId = idAt(NOW);
      await one.db.insert(tenants).values({ id: tenantId, name: 'Ferretería', widgetSecretEnc: 'unused' });
      const seed = seeder(one.db, tenantId, NOW);
      for (let i = 0; i < 4; i++) await seed.idempotencyKey(3 * DAY);
      let inside = () => {};
      const entered = new Promise<void>((r) => {
        inside = r;
      });
      const first = runRetention(one, {
        now: NOW,
        batch: 2,
        onBatch: async () => {
          inside();
          await held;
        },
      });
      await entered;
      expect((await runRetention(two, { now: NOW })).ran).toBe(false);
      release();
      expect(await first).toMatchObject({ ran: true, purged: { idempotency_keys: 4 } });
      expect((await runRetention(two, { now: NOW })).ran).toBe(true);
      expect((await seed.left()).idempotencyKeys).toEqual([]);
    } finally {
      release();
      await one.close();
      await two.close();
      await fresh.drop();
    }
  });
});

describe.each(databaseBackends)('retention in /metrics on $name', ({ url }) => {
  it('counts rows purged per table, runs, and the time of the last run', async () => {
    const { node, fetcher } = await startTestNode({ databaseUrl: url });
    try {
      const t = await makeTenant(fetcher);
      const seed = seeder(node.database.db, t.id, new Date());
      await seed.idempotencyKey(RETENTION_DEFAULTS.idempotencyKeysHours * HOUR + HOUR);
      await seed.idempotencyKey(HOUR);
      await seed.notification(400 * DAY, 'ana');
      const before = Date.now() / 1000;
      await node.background.run('retention');
      const text = await (await fetch(`${node.url}/metrics`)).text();
      expect(text).toContain('aviso_retention_purged_rows_total{table="idempotency_keys"} 1');
      expect(text).toContain('aviso_retention_purged_rows_total{table="notifications"} 1');
      expect(text).toContain('aviso_retention_runs_total{outcome="done"} 1');
      const last = Number(/^aviso_retention_last_run_timestamp_seconds (\S+)$/m.exec(text)?.[1]);
      expect(last).toBeGreaterThanOrEqual(before);
      expect(last).toBeLessThanOrEqual(Date.now() / 1000);
    } finally {
      await node.close();
    }
  }, 90_000);
});
