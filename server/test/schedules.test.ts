// Long because it walks every scheduling path end to end (deliverAt, reminders, cancelKey,
// restarts) on both databases; the cases share one node and tenant set up once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { type NodeOptions, startNode } from '../src/compose.ts';
import { ingestEvent } from '../src/ingest/events.ts';
import { whenPhrase } from '../src/scheduling/when.ts';
import { scheduleKey } from '../src/scheduling/worker.ts';
import { databaseBackends, freshDatabase, testEnv } from './env.ts';
import { type Client, client, log, makeTenant, NODE_BASE, nodeOnClock, startTestNode } from './harness.ts';
import { settle, until } from './sockets.ts';

const MX = 'America/Mexico_City'; // UTC-6 all year
const at = (local: string) => new Date(`${local}-06:00`).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;
const D = 24 * H;

/** The messages of a person's inbox, oldest first. */
async function inbox(
  me: Client,
): Promise<{ type: string; message: string; data: Record<string, unknown> }[]> {
  const page = await me.get('/v1/me/notifications?limit=100');
  expect(page.status).toBe(200);
  return [...page.body.items].reverse();
}

describe('whenPhrase', () => {
  const from = new Date(at('2025-03-10T09:00:00'));
  it('says today, tomorrow, a weekday or the date, in the tenant zone', () => {
    expect(whenPhrase(new Date(at('2025-03-10T18:30:00')), from, 'es', MX)).toBe('hoy a las 18:30');
    expect(whenPhrase(new Date(at('2025-03-11T20:00:00')), from, 'es-MX', MX)).toBe('mañana a las 20:00');
    expect(whenPhrase(new Date(at('2025-03-11T01:15:00')), from, 'es', MX)).toBe('mañana a la 1:15');
    expect(whenPhrase(new Date(at('2025-03-14T21:00:00')), from, 'es', MX)).toBe('el viernes a las 21:00');
    expect(whenPhrase(new Date(at('2025-04-02T09:00:00')), from, 'es', MX)).toBe('el 2 de abril a las 9:00');
    expect(whenPhrase(new Date(at('2026-01-05T09:00:00')), from, 'es', MX)).toBe(
      'el 5 de enero de 2026 a las 9:00',
    );
    expect(whenPhrase(new Date(at('2025-03-11T20:00:00')), from, 'en', MX)).toBe('tomorrow at 8:00 PM');
    expect(whenPhrase(new Date(at('2025-03-10T18:30:00')), from, 'en-US', MX)).toBe('today at 6:30 PM');
    // 23:30 in Mexico City is already the next day in UTC: the day counts in the tenant's zone.
    expect(whenPhrase(new Date(at('2025-03-10T23:30:00')), from, 'es', MX)).toBe('hoy a las 23:30');
  });
});

describe.each(databaseBackends)('reminders and schedules on $name', ({ url }) => {
  const suite = nodeOnClock(url, at('2025-03-10T09:00:00'));

  const tenant = () => makeTenant(suite.hub.fetcher, { timezone: MX, locale: 'es-MX', currency: 'MXN' });

  it('reminds a reservation at T-24h and T-2h, and a confirmation cancels the rest', async () => {
    suite.clock = at('2025-03-10T09:00:00');
    const t = await tenant();
    const ana = await t.person('cli-ana', { role: 'staff', branchIds: [] });
    const luis = await t.person('cli-luis', { role: 'staff', branchIds: [] });
    const reserve = (who: string, code: string) => ({
      type: 'RECORDATORIO_RESERVA',
      entityId: code,
      recipientIds: [who],
      data: { code, people: 4 },
      dueAt: '2025-03-11T20:00:00-06:00',
      reminders: ['-24h', '-2h'],
      cancelKey: `reserva-${code}`,
    });
    const first = await t.api.post('/v1/events', reserve('cli-ana', 'R-1'), { 'idempotency-key': 'res-R-1' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      status: 'scheduled',
      scheduled: [
        { label: '-24h', dueAt: '2025-03-11T02:00:00.000Z' },
        { label: '-2h', dueAt: '2025-03-12T00:00:00.000Z' },
      ],
    });
    // The same key and body: the same answer; another body under the key: 409.
    const again = await t.api.post('/v1/events', reserve('cli-ana', 'R-1'), { 'idempotency-key': 'res-R-1' });
    expect(again.body).toEqual({ ...first.body, status: 'duplicate' });
    const other = await t.api.post('/v1/events', reserve('cli-luis', 'R-1'), {
      'idempotency-key': 'res-R-1',
    });
    expect(other.status).toBe(409);
    await t.api.post('/v1/events', reserve('cli-luis', 'R-2'));

    await suite.fireAt(at('2025-03-10T19:59:00'));
    expect(await inbox(ana.me)).toEqual([]);
    await suite.fireAt(at('2025-03-10T20:00:00'));
    const [reminder] = await inbox(ana.me);
    expect(reminder?.message).toBe(
      'Recordatorio: tu reserva es mañana a las 20:00. Responde 1 para confirmar o 2 para cancelar.',
    );
    expect(reminder?.data).toMatchObject({ code: 'R-1', dueAt: '2025-03-12T02:00:00.000Z' });

    // Ana confirms: the host cancels her T-2h reminder; Luis does not and gets his.
    const cancelled = await t.api.delete('/v1/schedules/reserva-R-1');
    expect(cancelled).toMatchObject({ status: 200, body: { cancelled: 1 } });
    const none = await t.api.delete('/v1/schedules/reserva-R-1');
    expect(none).toMatchObject({ status: 404, body: { error: { code: 'SCHEDULE_NOT_FOUND' } } });

    await suite.fireAt(at('2025-03-11T18:00:00'));
    expect(await inbox(ana.me)).toHaveLength(1);
    expect((await inbox(luis.me)).map((n) => n.message)).toEqual([
      'Recordatorio: tu reserva es mañana a las 20:00. Responde 1 para confirmar o 2 para cancelar.',
      'Recordatorio: tu reserva es hoy a las 20:00. Responde 1 para confirmar o 2 para cancelar.',
    ]);
    // Nothing fires twice.
    await suite.fireAt(at('2025-03-12T18:00:00'));
    expect(await inbox(luis.me)).toHaveLength(2);
  });

  it('warns owners 7, 3 and 1 days before a subscription expires, then says it expired', async () => {
    suite.clock = at('2025-03-10T09:00:00');
    const t = await tenant();
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    const due = '2025-03-20T00:00:00-06:00';
    const soon = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_POR_VENCER',
      dueAt: due,
      reminders: ['-30d', '-7d', '-3d', '-1d'],
      cancelKey: 'subscription-2025',
    });
    expect(soon.status).toBe(202);
    expect(soon.body.scheduled.map((s: { label: string }) => s.label)).toEqual(['-7d', '-3d', '-1d']);
    expect(soon.body.skipped).toEqual([
      { label: '-30d', dueAt: '2025-02-18T06:00:00.000Z', reason: 'its time had already passed' },
    ]);
    const expired = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_VENCIDA',
      deliverAt: due,
      cancelKey: 'subscription-2025',
    });
    expect(expired.body).toMatchObject({
      status: 'scheduled',
      scheduled: [{ id: expired.body.id, label: 'deliver', dueAt: '2025-03-20T06:00:00.000Z' }],
    });

    for (const day of ['2025-03-13', '2025-03-17', '2025-03-19', '2025-03-20']) {
      await suite.fireAt(at(`${day}T00:00:00`));
    }
    expect((await inbox(owner.me)).map((n) => n.message)).toEqual([
      'Tu suscripción vence en 7 días.',
      'Tu suscripción vence en 3 días.',
      'Tu suscripción vence en 1 día.',
      'Tu suscripción ha vencido.',
    ]);
  });

  it('tells a customer a payment is due, twice, and then that it is overdue', async () => {
    suite.clock = at('2025-03-10T09:00:00');
    const t = await tenant();
    const payer = await t.person('cli-7', { role: 'staff', branchIds: [] });
    const payment = {
      entityId: 'PAY-77',
      recipientIds: ['cli-7'],
      data: { amount: 1500 },
      cancelKey: 'pago-77',
    };
    const due = '2025-03-15T23:59:00-06:00';
    await t.api.post('/v1/events', {
      ...payment,
      type: 'PAGO_PROXIMO',
      dueAt: due,
      reminders: ['-3d', '-1d'],
    });
    await t.api.post('/v1/events', {
      ...payment,
      type: 'PAGO_VENCIDO',
      dueAt: due,
      deliverAt: '2025-03-16T09:00:00-06:00',
    });
    await suite.fireAt(at('2025-03-12T23:59:00'));
    await suite.fireAt(at('2025-03-14T23:59:00'));
    await suite.fireAt(at('2025-03-16T09:00:00'));
    const items = await inbox(payer.me);
    expect(items.map((n) => n.type)).toEqual(['PAGO_PROXIMO', 'PAGO_PROXIMO', 'PAGO_VENCIDO']);
    for (const n of items) expect(n.message).toMatch(/^Tu pago de \$1,500\.00 (vence|venció) el 15/);
    expect(items[2]!.message).toContain('venció');
    expect(items[0]!.data).toMatchObject({ dueAt: '2025-03-16T05:59:00.000Z', days: 3 });

    // A payment made before its reminders: one call cancels both the reminder and the overdue notice.
    const t2 = await t.api.post('/v1/events', {
      ...payment,
      cancelKey: 'pago-78',
      type: 'PAGO_PROXIMO',
      dueAt: '2025-04-15T23:59:00-06:00',
      reminders: ['-3d'],
    });
    expect(t2.status).toBe(202);
    await t.api.post('/v1/events', {
      ...payment,
      cancelKey: 'pago-78',
      type: 'PAGO_VENCIDO',
      deliverAt: '2025-04-16T09:00:00-06:00',
    });
    expect((await t.api.delete('/v1/schedules/pago-78')).body).toEqual({ cancelled: 2 });
    await suite.fireAt(at('2025-04-20T00:00:00'));
    expect(await inbox(payer.me)).toHaveLength(3);
  });

  it('reminds a branch of maintenance the day before and on the day', async () => {
    suite.clock = at('2025-03-10T09:00:00');
    const t = await tenant();
    const staff = await t.person('cocina', { role: 'staff', branchIds: ['A'] });
    const elsewhere = await t.person('caja-b', { role: 'staff', branchIds: ['B'] });
    const res = await t.api.post('/v1/events', {
      type: 'MANTENIMIENTO_PROGRAMADO',
      entityId: 'MT-3',
      data: { branchId: 'A', subject: 'la cámara fría' },
      dueAt: '2025-03-18T08:00:00-06:00',
      reminders: ['-1d', '0m'],
    });
    expect(res.body.scheduled).toHaveLength(2);
    await suite.fireAt(at('2025-03-17T08:00:00'));
    await suite.fireAt(at('2025-03-18T08:00:00'));
    const items = await inbox(staff.me);
    expect(items).toHaveLength(2);
    expect(items[0]!.message).toMatch(/^Recordatorio: mantenimiento de la cámara fría el 18/);
    expect(items[1]!.data).toMatchObject({ when: 'hoy a las 8:00', days: 0 });
    expect(await inbox(elsewhere.me)).toEqual([]);
  });

  it('publishes a deliverAt already due at once, without waiting for the next poll', async () => {
    const t = await tenant();
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    const res = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_VENCIDA',
      deliverAt: iso(suite.clock - 1000),
    });
    expect(res.body.status).toBe('scheduled');
    let items: unknown[] = [];
    for (let i = 0; i < 50 && !items.length; i++) {
      items = await inbox(owner.me);
      if (!items.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(items).toHaveLength(1);
  });

  it('refuses reminders it cannot keep, and schedules from a batch', async () => {
    const t = await tenant();
    await t.person('own', { role: 'owner', branchIds: [] });
    const bad = [
      { type: 'SUSCRIPCION_POR_VENCER', reminders: ['-1d'] },
      { type: 'SUSCRIPCION_POR_VENCER', dueAt: iso(suite.clock + 10 * D), reminders: ['1d'] },
      { type: 'SUSCRIPCION_POR_VENCER', dueAt: 'mañana', reminders: ['-1d'] },
      { type: 'SUSCRIPCION_VENCIDA', deliverAt: iso(suite.clock + D), cancelKey: 'a/b' },
      { type: 'NO_EXISTE', deliverAt: iso(suite.clock + D) },
    ];
    for (const body of bad) {
      const res = await t.api.post('/v1/events', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const batch = await t.api.post('/v1/events/batch', {
      events: [
        { type: 'SUSCRIPCION_VENCIDA', deliverAt: iso(suite.clock + D) },
        { type: 'SUSCRIPCION_POR_VENCER', dueAt: iso(suite.clock + 10 * D), reminders: ['-2d', '-1d'] },
        { type: 'SUSCRIPCION_VENCIDA' },
      ],
    });
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual([
      'scheduled',
      'scheduled',
      'created',
    ]);
    expect(batch.body.results[1].scheduled).toHaveLength(2);
  });

  it('publishes once when a node died between publishing and marking the schedule done', async () => {
    suite.clock = at('2025-03-10T09:00:00');
    const t = await tenant();
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    const res = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_VENCIDA',
      deliverAt: iso(suite.clock + H),
    });
    const store = suite.hub.node.store.forTenant(t.id);
    // A node claims the row and publishes, then dies before writing `done`.
    suite.clock += H;
    const [claimed] = await suite.hub.node.store.scheduleQueue.claim(10, 60_000, new Date(suite.clock));
    expect(claimed?.id).toBe(res.body.id);
    const event = { ...(claimed!.event as { type: string }), idempotencyKey: scheduleKey(claimed!.id) };
    const published = await ingestEvent(store, await store.settings.get(), new Map(), event, {
      onCreated: () => {},
    });
    // After the lease another node takes the row over: same notification, not a second one.
    await suite.fireAt(suite.clock + 30_000);
    expect(await inbox(owner.me)).toHaveLength(1);
    await suite.fireAt(suite.clock + 61_000);
    expect(await inbox(owner.me)).toHaveLength(1);
    const [row] = await store.schedules.byIds([res.body.id]);
    expect(row).toMatchObject({ status: 'done', notificationId: published.id });
  });
});

/** A node on a database that outlives it (a PGlite folder, or one PostgreSQL database). */
async function nodeOn(url: string, options: NodeOptions) {
  const node = await startNode({ ...NODE_BASE, databaseUrl: url }, log, options);
  const fetcher = (path: string, init: RequestInit) => fetch(`${node.url}${path}`, init);
  return { node, fetcher };
}

const durable = [
  {
    name: 'a PGlite folder',
    make: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aviso-sched-'));
      return { url: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(testEnv.postgresUrl ? [{ name: 'PostgreSQL', make: () => freshDatabase(testEnv.postgresUrl!) }] : []),
];

describe.each(durable)('schedules on $name', ({ make }) => {
  let clock = at('2025-03-10T09:00:00');
  const options: NodeOptions = { now: () => new Date(clock), scheduler: { pollMs: 3_600_000 } };

  // Two hubs opened one after the other on the same database: on a PGlite folder each start reads
  // the whole folder, 8–10 s apiece on a slow hour of a 2-core VM.
  it('survive a restart', { timeout: 60_000 }, async () => {
    const db = await make();
    try {
      const before = await nodeOn(db.url, options);
      const t = await makeTenant(before.fetcher);
      const owner = await t.person('own', { role: 'owner', branchIds: [] });
      const res = await t.api.post('/v1/events', { type: 'SUSCRIPCION_VENCIDA', deliverAt: iso(clock + D) });
      expect(res.body.status).toBe('scheduled');
      await before.node.close();

      const after = await nodeOn(db.url, options);
      try {
        clock += D;
        await after.node.scheduler.runNow();
        const me = client(after.fetcher, owner.token);
        expect((await inbox(me)).map((n) => n.type)).toEqual(['SUSCRIPCION_VENCIDA']);
      } finally {
        await after.node.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe.skipIf(!testEnv.postgresUrl)('schedules with two nodes on one PostgreSQL database', () => {
  it('fire once', async () => {
    let clock = at('2025-03-10T09:00:00');
    const options: NodeOptions = { now: () => new Date(clock), scheduler: { pollMs: 3_600_000, batch: 4 } };
    const db = await freshDatabase(testEnv.postgresUrl!);
    const a = await nodeOn(db.url, options);
    const b = await nodeOn(db.url, options);
    try {
      const t = await makeTenant(a.fetcher);
      const owner = await t.person('own', { role: 'owner', branchIds: [] });
      const events = Array.from({ length: 30 }, (_, i) => ({
        type: 'SUSCRIPCION_VENCIDA',
        entityId: `S-${i}`,
        deliverAt: iso(clock + H + i * 1000),
      }));
      expect((await t.api.post('/v1/events/batch', { events })).status).toBe(202);
      clock += 2 * H;
      const drain = async (node: typeof a.node) => {
        while ((await node.scheduler.runNow()) > 0) {}
      };
      await Promise.all([drain(a.node), drain(b.node), drain(a.node), drain(b.node)]);
      const items = await inbox(client(b.fetcher, owner.token));
      expect(items).toHaveLength(30);
      expect(new Set(items.map((n) => (n as unknown as { entityId: string }).entityId)).size).toBe(30);
    } finally {
      await a.node.close();
      await b.node.close();
      await db.drop();
    }
  });
});

describe('mass send', () => {
  let clock = at('2025-03-10T09:00:00');
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  beforeAll(async () => {
    hub = await startTestNode({}, { now: () => new Date(clock), delivery: { pollMs: 3_600_000 } });
  });
  afterAll(async () => {
    await hub.node.close();
  });

  it('spreads a 100-event batch over time at the channel rate instead of sending it at once', async () => {
    const sentAt: number[] = [];
    const gateway = await standIn(() => {
      sentAt.push(clock);
      return { status: 200, body: { id: `m-${sentAt.length}` } };
    });
    try {
      const t = await makeTenant(hub.fetcher);
      await hub.node.store.forTenant(t.id).channels.create({
        kind: 'whatsapp',
        name: 'gateway',
        ratePerMinute: 60,
        config: { provider: 'http', url: `${gateway.url}/send`, apiKey: 'k' },
      });
      // Offline: every notification falls back to WhatsApp at once (SUSCRIPCION_VENCIDA's rule).
      await t.person('own', { role: 'owner', branchIds: [], whatsapp: '+5215512345678' });
      const events = Array.from({ length: 100 }, (_, i) => ({
        type: 'SUSCRIPCION_VENCIDA',
        entityId: `S-${i}`,
      }));
      const batch = await t.api.post('/v1/events/batch', { events });
      expect(batch.status).toBe(202);
      expect(batch.body.results.filter((r: { status: string }) => r.status === 'created')).toHaveLength(100);

      // The worker's own loop (woken by the batch) may hold rows of a round: wait for it to settle.
      const drainAt = async (ms: number, expected: number) => {
        clock = ms;
        while ((await hub.node.worker.runNow()) > 0) {}
        await until(() => sentAt.length >= expected, `${expected} messages`, 10_000);
        await settle(200);
        expect(sentAt).toHaveLength(expected);
      };
      const start = clock;
      // A minute's worth goes out at once (the bucket starts full), the rest waits for tokens.
      await drainAt(start, 60);
      await drainAt(start + 10_000, 70);
      await drainAt(start + 40_000, 100);
      expect(sentAt.filter((s) => s > start)).toHaveLength(40);
      const log = await hub.node.store.forTenant(t.id).deliveries.list({ limit: 200, status: 'sent' });
      expect(log.items.filter((d) => d.kind === 'whatsapp')).toHaveLength(100);
    } finally {
      await gateway.close();
    }
  });
});
