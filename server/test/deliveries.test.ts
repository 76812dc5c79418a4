// Long because it follows deliveries end to end (planning, sending, failover, retry, the log and
// its stats, retention) on both databases, with one shared setup.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../src/db/repos/deliveries.ts';
import { retentionJob, runRetention } from '../src/retention/retention.ts';
import { databaseBackends } from './env.ts';
import { log, makeTenant, type TestTenant, testApp } from './harness.ts';

// 03:30 UTC on 10 March is still 9 March, 21:30 in Mexico City (UTC−6): the tenant's "today".
const NOW = new Date('2025-03-10T03:30:00Z');
const DAY = 86_400_000;

/** A uuidv7 whose time part is `at`, so rows sort as if they had been written then. */
function idAt(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function row(createdAt: string | number | Date, fields: Partial<NewDelivery> = {}): NewDelivery {
  const at = new Date(createdAt);
  return {
    id: idAt(at),
    type: 'PRODUCTO_STOCK_BAJO',
    recipientId: 'u-1',
    step: 'fallback',
    condition: 'unseen',
    plan: { channels: ['email'], mode: 'first-available' },
    kind: 'email',
    status: 'sent',
    dueAt: at,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

describe.each(databaseBackends)('delivery log and stats on $name', ({ url }) => {
  const hub = testApp(url);
  let fetcher: typeof hub.fetcher;
  let wakeUps = 0;
  let a: TestTenant;
  let b: TestTenant;
  const insert = (t: TestTenant, rows: NewDelivery[]) => hub.store.forTenant(t.id).deliveries.insert(rows);

  beforeAll(async () => {
    // The same database behind an app with a fixed clock and a worker to wake.
    const app = hub.appWith({
      now: () => NOW,
      onQueued: () => {
        wakeUps++;
      },
    });
    fetcher = async (path, init) => app.request(path, init);
    a = await makeTenant(fetcher, { timezone: 'America/Mexico_City' });
    b = await makeTenant(fetcher);
  });

  it('lists newest first with filters and a cursor, masking addresses in errors', async () => {
    const t = await makeTenant(fetcher);
    const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000);
    const [failed] = await insert(t, [
      row(at(1), {
        status: 'failed',
        attempts: 5,
        errorCode: 'SMTP_550',
        lastError: '550 mailbox juan.perez@gmail.com unknown, fallback +52 55 1234 5678',
      }),
    ]);
    await insert(t, [
      row(at(2), { kind: 'telegram', providerMessageId: 'tg-42', durationMs: 180, sentAt: at(2) }),
      row(at(3), { type: 'NUEVA_VENTA', kind: 'whatsapp', status: 'pending', condition: null }),
      row(at(30), { kind: 'telegram', status: 'bounced' }),
      row(at(24 * 10), { kind: 'email', status: 'sent' }),
    ]);

    const all = await t.api.get('/v1/deliveries');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();
    const first = all.body.items[0];
    expect(first).toMatchObject({
      id: failed!.id,
      type: 'PRODUCTO_STOCK_BAJO',
      recipientId: 'u-1',
      step: 'fallback',
      condition: 'unseen',
      channel: 'email',
      status: 'failed',
      attempts: 5,
      errorCode: 'SMTP_550',
      sentAt: null,
      createdAt: at(1).toISOString(),
    });
    expect(first.lastError).toBe('550 mailbox j***@g***.com unknown, fallback ***78');
    expect(all.body.items[1]).toMatchObject({
      channel: 'telegram',
      providerMessageId: 'tg-42',
      durationMs: 180,
    });

    const pages: string[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await t.api.get(`/v1/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all.body.items.map((i: { id: string }) => i.id));

    const statuses = async (query: string) =>
      (await t.api.get(`/v1/deliveries?${query}`)).body.items.map((i: { status: string }) => i.status);
    expect(await statuses('status=bounced')).toEqual(['bounced']);
    expect(await statuses('channel=telegram')).toEqual(['sent', 'bounced']);
    expect(await statuses('type=NUEVA_VENTA')).toEqual(['pending']);
    expect(await statuses('days=1')).toEqual(['failed', 'sent', 'pending']);
    expect(await statuses('channel=email&days=7')).toEqual(['failed']);
    expect(await statuses('status=skipped')).toEqual([]);
  });

  it('counts per status, channel, type and day in the tenant’s time zone', async () => {
    await insert(a, [
      // local 9 March 19:00 (10 March in UTC)
      row('2025-03-10T01:00:00Z'),
      // local 9 March 00:00
      row('2025-03-09T06:00:00Z', { status: 'failed' }),
      // local 8 March 23:59
      row('2025-03-09T05:59:00Z', { type: 'NUEVA_VENTA', kind: 'telegram' }),
      // local 7 March 01:00
      row('2025-03-07T07:00:00Z', { kind: 'telegram', status: 'bounced' }),
      // local 9 March 06:00
      row('2025-03-09T12:00:00Z', { type: 'SLA_INCUMPLIDO', kind: 'whatsapp', status: 'pending' }),
      // local 6 March 22:00: inside the last 72 hours but not one of the last 3 local days
      row('2025-03-07T04:00:00Z'),
      // local 8 March
      row('2025-03-08T18:00:00Z', { status: 'cancelled' }),
      row('2025-03-08T20:00:00Z', { type: 'SLA_INCUMPLIDO', kind: null, status: 'skipped' }),
      // long before the window
      row('2025-02-01T12:00:00Z'),
    ]);

    const stats = await a.api.get('/v1/deliveries/stats?days=3');
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      days: 3,
      timezone: 'America/Mexico_City',
      total: 7,
      byStatus: { pending: 1, sending: 0, sent: 2, failed: 1, bounced: 1, cancelled: 1, skipped: 1 },
      byChannel: [
        { channel: 'email', total: 3, sent: 1, failed: 1, bounced: 0, successRate: 0.5 },
        { channel: 'telegram', total: 2, sent: 1, failed: 0, bounced: 1, successRate: 0.5 },
        { channel: 'whatsapp', total: 1, sent: 0, failed: 0, bounced: 0, successRate: null },
        { channel: null, total: 1, sent: 0, failed: 0, bounced: 0, successRate: null },
      ],
      byType: [
        { type: 'PRODUCTO_STOCK_BAJO', total: 4, sent: 1, failed: 1, bounced: 1, successRate: 0.3333 },
        { type: 'SLA_INCUMPLIDO', total: 2, sent: 0, failed: 0, bounced: 0, successRate: null },
        { type: 'NUEVA_VENTA', total: 1, sent: 1, failed: 0, bounced: 0, successRate: 1 },
      ],
      linked: { telegram: 0, whatsapp: 0, sms: 0, email: 0 },
      byDay: [
        { day: '2025-03-07', total: 1, sent: 0, failed: 0, bounced: 1, cancelled: 0, skipped: 0, pending: 0 },
        { day: '2025-03-08', total: 3, sent: 1, failed: 0, bounced: 0, cancelled: 1, skipped: 1, pending: 0 },
        { day: '2025-03-09', total: 3, sent: 1, failed: 1, bounced: 0, cancelled: 0, skipped: 0, pending: 1 },
      ],
    });

    // Linked recipients count: a Telegram chat, a WhatsApp number, a phone, an email.
    await a.api.put('/v1/recipients/tg', {
      role: 'owner',
      branchIds: [],
      telegramChatId: '123',
      email: 'o@example.com',
    });
    await a.api.put('/v1/recipients/wa', { role: 'staff', branchIds: ['A'], whatsapp: '+5215512345678' });
    expect((await a.api.get('/v1/deliveries/stats?days=3')).body.linked).toEqual({
      telegram: 1,
      whatsapp: 1,
      sms: 0,
      email: 1,
    });

    const week = (await a.api.get('/v1/deliveries/stats')).body;
    expect(week.days).toBe(7);
    expect(week.byDay.map((d: { day: string }) => d.day)).toEqual([
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
      '2025-03-08',
      '2025-03-09',
    ]);
    expect(week.byDay.find((d: { day: string }) => d.day === '2025-03-06').total).toBe(1);
    expect(week.byDay.find((d: { day: string }) => d.day === '2025-03-04').total).toBe(0);
    expect(week.total).toBe(8);

    // The same instants in a UTC tenant fall on other days.
    const utc = await makeTenant(fetcher);
    await insert(utc, [row('2025-03-10T01:00:00Z'), row('2025-03-09T05:59:00Z')]);
    const utcDays = (await utc.api.get('/v1/deliveries/stats?days=2')).body.byDay;
    expect(utcDays.map((d: { day: string; total: number }) => [d.day, d.total])).toEqual([
      ['2025-03-09', 1],
      ['2025-03-10', 1],
    ]);
  });

  it('retries failed and bounced deliveries only, and wakes the worker', async () => {
    const t = await makeTenant(fetcher);
    const [failed, bounced, sent] = await insert(t, [
      row(NOW.getTime() - 3 * DAY, { status: 'failed', attempts: 6, lastError: 'timeout' }),
      row(NOW.getTime() - 2 * DAY, { status: 'bounced', attempts: 1 }),
      row(NOW.getTime() - DAY, { status: 'sent', attempts: 1 }),
    ]);
    const before = wakeUps;
    const retried = await t.api.post(`/v1/deliveries/${failed!.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({
      id: failed!.id,
      status: 'pending',
      attempts: 0,
      dueAt: NOW.toISOString(),
    });
    expect(wakeUps).toBe(before + 1);
    expect(
      (await t.api.get('/v1/deliveries?status=pending')).body.items.map((i: { id: string }) => i.id),
    ).toEqual([failed!.id]);
    expect((await t.api.post(`/v1/deliveries/${bounced!.id}/retry`)).status).toBe(202);

    const again = await t.api.post(`/v1/deliveries/${failed!.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'DELIVERY_NOT_RETRYABLE',
      details: { status: 'pending' },
    });
    expect((await t.api.post(`/v1/deliveries/${sent!.id}/retry`)).body.error.code).toBe(
      'DELIVERY_NOT_RETRYABLE',
    );
    for (const id of [idAt(NOW), 'not-a-uuid', '------------------------------------']) {
      const missing = await t.api.post(`/v1/deliveries/${id}/retry`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('DELIVERY_NOT_FOUND');
    }
    expect(wakeUps).toBe(before + 2);
  });

  it('keeps each tenant’s log to itself', async () => {
    const [mine] = await insert(a, [row(NOW.getTime() - DAY, { status: 'failed', kind: 'sms' })]);
    const list = await b.api.get('/v1/deliveries?channel=sms');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect((await b.api.get('/v1/deliveries')).body.items).toEqual([]);
    expect((await b.api.get('/v1/deliveries/stats')).body.total).toBe(0);
    const steal = await b.api.post(`/v1/deliveries/${mine!.id}/retry`);
    expect(steal.status).toBe(404);
    expect(steal.body.error.code).toBe('DELIVERY_NOT_FOUND');
    const still = await a.api.get('/v1/deliveries?channel=sms');
    expect(still.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [mine!.id, 'failed'],
    ]);
    expect(
      (await b.api.get(`/v1/deliveries?cursor=${idAt(new Date(NOW.getTime() + DAY))}`)).body.items,
    ).toEqual([]);
  });

  it('rejects bad query input with 400 and the fields at fault', async () => {
    const cases: [string, string][] = [
      ['/v1/deliveries?status=lost', 'status'],
      ['/v1/deliveries?channel=fax', 'channel'],
      ['/v1/deliveries?type=low%20stock', 'type'],
      ['/v1/deliveries?days=0', 'days'],
      ['/v1/deliveries?days=many', 'days'],
      ['/v1/deliveries?cursor=42', 'cursor'],
      ['/v1/deliveries?limit=1000', 'limit'],
      ['/v1/deliveries/stats?days=91', 'days'],
      ['/v1/deliveries/stats?days=1.5', 'days'],
    ];
    for (const [path, field] of cases) {
      const res = await a.api.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const anon = await fetcher('/v1/deliveries', {});
    expect(anon.status).toBe(401);
  });

  it('purges finished deliveries past the retention window and keeps pending ones', async () => {
    const t = await makeTenant(fetcher);
    const old = NOW.getTime() - 120 * DAY;
    const rows = await insert(t, [
      row(old, { status: 'sent' }),
      row(old, { status: 'failed' }),
      row(old, { status: 'cancelled' }),
      row(old, { status: 'pending' }),
      row(old, { status: 'sending' }),
      row(NOW.getTime() - 89 * DAY, { status: 'sent' }),
    ]);
    // Each delivery's tries go with it.
    const repo = hub.store.forTenant(t.id).deliveries;
    const sent = { kind: 'email', outcome: 'sent' as const, durationMs: 40 };
    await repo.addAttempts(rows[0]!.id, [{ ...sent, at: new Date(old) }]);
    await repo.addAttempts(rows[5]!.id, [{ ...sent, at: new Date(NOW.getTime() - 89 * DAY) }]);
    const { purged } = await runRetention(hub.database, { deliveryDays: 90, now: NOW });
    expect(purged.deliveries).toBeGreaterThanOrEqual(3);
    const left = (await t.api.get('/v1/deliveries')).body.items.map((i: { id: string }) => i.id);
    expect(left.sort()).toEqual([rows[3]!.id, rows[4]!.id, rows[5]!.id].sort());
    expect(await repo.attempts(rows[0]!.id)).toEqual([]);
    expect(await repo.attempts(rows[5]!.id)).toHaveLength(1);
    // A second run (another node doing the same) finds nothing more to delete.
    await runRetention(hub.database, { deliveryDays: 90, now: NOW });
    expect((await t.api.get('/v1/deliveries')).body.items).toHaveLength(3);
  });

  it('schedules the purge soon after start, and stops', async () => {
    const t = await makeTenant(fetcher);
    await insert(t, [
      row(NOW.getTime() - 40 * DAY, { status: 'sent' }),
      row(NOW.getTime() - DAY, { status: 'sent' }),
    ]);
    const job = retentionJob(hub.database, { deliveryDays: 30, log, startDelayMs: 10, now: () => NOW });
    job.start();
    try {
      await expect
        .poll(async () => (await hub.store.forTenant(t.id).deliveries.list({ limit: 10 })).items.length, {
          timeout: 5_000,
        })
        .toBe(1);
    } finally {
      await job.stop();
    }
  });
});
