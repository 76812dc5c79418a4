import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.ts';
import { newId } from '../src/db/ids.ts';
import { migrate } from '../src/db/migrate.ts';
import { type NotificationWrite, NotificationWriter } from '../src/db/repos/notification-writer.ts';
import { deliveries, idempotencyKeys, notifications, scheduledEvents } from '../src/db/schema.ts';
import { Store } from '../src/db/store.ts';
import { SecretBox } from '../src/lib/secrets.ts';
import { databaseBackends, freshDatabase } from './env.ts';
import { SECRET_KEYS } from './harness.ts';

describe.each(databaseBackends)('group commit on $name', ({ url }) => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenantId: string;

  beforeAll(async () => {
    const fresh = await freshDatabase(url);
    drop = fresh.drop;
    database = await openDatabase(fresh.url);
    await migrate(database.db);
    const store = new Store(database.db, new SecretBox(SECRET_KEYS));
    tenantId = (await store.tenants.create({ name: 'Grupo' }, () => 'sealed')).tenant.id;
  }, 90_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const write = (over: Partial<NotificationWrite> = {}): NotificationWrite => ({
    tenantId,
    values: {
      id: newId(),
      type: 'NUEVA_VENTA',
      category: 'sales',
      title: 'Nueva venta',
      message: 'Venta',
      entityId: null,
      branchIds: ['A'],
      recipientIds: null,
      data: { total: 1 },
      link: null,
      severity: 'info',
      icon: 'sale',
      actions: null,
      warnings: null,
    },
    planned: [],
    schedules: [],
    ...over,
  });
  const stored = async (id: string) =>
    (await database.db.select().from(notifications).where(eq(notifications.id, id))).length;

  it('stores what arrives meanwhile in one group, each caller answered with its own row', async () => {
    const writer = new NotificationWriter(database.db, { maxInFlight: 1 });
    const writes = Array.from({ length: 40 }, () => write());
    const results = await Promise.all(writes.map((w) => writer.write(w)));
    for (const [i, r] of results.entries()) {
      expect(r).toMatchObject({ status: 'created', row: { id: writes[i]!.values.id, tenantId } });
      expect(await stored(writes[i]!.values.id)).toBe(1);
    }
    // The first went out alone; the other 39 waited for it and went out together.
    expect(writer.written).toEqual({ groups: 2, writes: 40 });
  });

  it('keeps a batch in one group: it waits for the next group rather than split, and a larger one goes alone', async () => {
    const writer = new NotificationWriter(database.db, { maxInFlight: 1, maxGroup: 4 });
    const first = writer.write(write());
    // While the first is out: two single writes, a batch of three that would not fit beside them,
    // a single write that would, and a batch of six, more than a group holds.
    const singles = [writer.write(write()), writer.write(write())];
    const batch = writer.writeMany([write(), write(), write()]);
    const after = writer.write(write());
    const large = writer.writeMany(Array.from({ length: 6 }, () => write()));
    await first;
    await Promise.all([...singles, batch, after, large]);
    // Groups in arrival order: [first], [2 singles], [batch of 3 + the single after it], [the 6].
    expect(writer.written).toEqual({ groups: 4, writes: 13 });
    expect((await batch).map((r) => r.status)).toEqual(['created', 'created', 'created']);
    expect((await large).length).toBe(6);
  });

  it('stores deliveries and schedules with their notification, columns left out taking their defaults', async () => {
    const writer = new NotificationWriter(database.db);
    const w = write();
    const dueAt = new Date(Date.now() + 60_000);
    w.planned = [
      {
        id: newId(),
        notificationId: w.values.id,
        type: 'NUEVA_VENTA',
        recipientId: 'ana',
        step: 'fallback',
        condition: 'offline',
        plan: { channels: ['email'], mode: 'first-available' },
        status: 'pending',
        dueAt,
      },
    ];
    w.schedules = [
      {
        id: newId(),
        event: { type: 'SLA' },
        label: 'sla',
        dueAt,
        status: 'pending',
        notificationId: w.values.id,
      },
    ];
    const [result] = await writer.writeMany([w]);
    expect(result?.status).toBe('created');
    const [d] = await database.db.select().from(deliveries).where(eq(deliveries.notificationId, w.values.id));
    expect(d).toMatchObject({ tenantId, recipientId: 'ana', attempts: 0, condition: 'offline', dueAt });
    expect(d!.plan).toEqual({ channels: ['email'], mode: 'first-available' });
    expect(d!.createdAt).toBeInstanceOf(Date);
    const [s] = await database.db
      .select()
      .from(scheduledEvents)
      .where(eq(scheduledEvents.notificationId, w.values.id));
    expect(s).toMatchObject({ tenantId, label: 'sla', status: 'pending', event: { type: 'SLA' } });
    const [n] = await database.db.select().from(notifications).where(eq(notifications.id, w.values.id));
    expect(n).toMatchObject({ branchIds: ['A'], recipientIds: null, data: { total: 1 }, actions: null });
  });

  it('decides idempotency keys within a group and across groups: duplicate for the same body, conflict for another', async () => {
    const writer = new NotificationWriter(database.db);
    const key = (k: string, hash: string) => ({ idempotency: { key: k, hash } });
    const [first, same, other, plain] = await writer.writeMany([
      write(key('k-1', 'h1')),
      write(key('k-1', 'h1')),
      write(key('k-1', 'h2')),
      write(),
    ]);
    expect(first?.status).toBe('created');
    const id = first?.status === 'created' ? first.row.id : '';
    expect(same).toEqual({ status: 'duplicate', id });
    expect(other).toEqual({ status: 'conflict', id });
    expect(plain?.status).toBe('created');
    // A later group finds the key held.
    expect(await writer.write(write(key('k-1', 'h1')))).toEqual({ status: 'duplicate', id });
    // Concurrent retries of one request: one notification.
    const retries = await Promise.all(Array.from({ length: 8 }, () => writer.write(write(key('k-2', 'h')))));
    expect(retries.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(new Set(retries.map((r) => (r.status === 'created' ? r.row.id : r.id))).size).toBe(1);
  });

  it.runIf(url !== 'memory:')(
    'answers groups in the order they were formed, though a later one commits first',
    async () => {
      const writer = new NotificationWriter(database.db, { maxInFlight: 2 });
      const key = { key: `order-${newId()}`, hash: 'h' };
      // Another transaction holds the key the first group claims: that group waits on its lock.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: () => void;
      const holds = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const blocker = database.db
        .transaction(async (tx) => {
          await tx
            .insert(idempotencyKeys)
            .values({ tenantId, key: key.key, requestHash: 'other', notificationId: newId() });
          holding();
          await held;
          throw new Error('rolled back');
        })
        .catch(() => {});
      await holds;
      const order: string[] = [];
      const first = write({ idempotency: key });
      const second = write();
      const answers = [
        writer.write(first).then((r) => order.push('first') && r),
        writer.write(second).then((r) => order.push('second') && r),
      ];
      // The second group is committed while the first still waits on the lock.
      while (!(await stored(second.values.id))) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      release();
      await blocker;
      const [a, b] = await Promise.all(answers);
      expect(a).toMatchObject({ status: 'created' });
      expect(b).toMatchObject({ status: 'created' });
      expect(writer.written.groups).toBe(2);
      expect(order).toEqual(['first', 'second']);
    },
  );

  it('fails only the write the database refuses when its group fails', async () => {
    const writer = new NotificationWriter(database.db, { maxInFlight: 1 });
    const taken = write();
    await writer.write(taken);
    const writes = [write(), write({ values: { ...taken.values } }), write(), write()];
    // While one write is out, the four wait and go out as one group, which the reused id fails.
    const blocker = writer.write(write());
    const results = await Promise.allSettled(writes.map((w) => writer.write(w)));
    await blocker;
    // Six writes in at most three groups: the refused one shared its group with others.
    expect(writer.written.writes).toBe(6);
    expect(writer.written.groups).toBeLessThanOrEqual(3);
    // Written again one by one: the three others are stored, the one reusing an id is refused.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const i of [0, 2, 3]) expect(await stored(writes[i]!.values.id)).toBe(1);
  });
});
