import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelRegistry } from '../src/channels/index.ts';
import { standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { newId } from '../src/db/ids.ts';
import { DeliveryWorker } from '../src/delivery/worker.ts';
import { databaseBackends } from './env.ts';
import { EGRESS_ALLOW, log, makeTenant, type TestTenant, testApp } from './harness.ts';

describe.each(databaseBackends)('the tries of a delivery on $name', ({ url }) => {
  const hub = testApp(url);
  let registry: ReturnType<typeof createChannelRegistry>;
  let worker: DeliveryWorker;
  // What each stand-in endpoint answers; a test switches them.
  const up = { primary: false, backup: true };
  let primary: Awaited<ReturnType<typeof standIn>>;
  let backup: Awaited<ReturnType<typeof standIn>>;
  const answer = (ok: boolean) =>
    ok ? { status: 200, body: { ok: true } } : { status: 500, body: { error: 'down for maintenance' } };

  beforeAll(async () => {
    registry = createChannelRegistry({ egressAllow: EGRESS_ALLOW });
    worker = new DeliveryWorker({ store: hub.store, registry, log, maxAttempts: 1 });
    primary = await standIn(() => answer(up.primary));
    backup = await standIn(() => answer(up.backup));
  });
  afterAll(async () => {
    await Promise.all([primary.close(), backup.close(), registry.close()]);
  });

  /** A tenant with two webhook endpoints, the primary tried first. */
  async function shop() {
    const t = await makeTenant(hub.fetcher);
    const ids: string[] = [];
    for (const [name, endpoint, priority] of [
      ['Primary', primary, 0],
      ['Backup', backup, 1],
    ] as const) {
      const res = await t.api.post('/v1/channels', {
        kind: 'webhook',
        name,
        priority,
        // Subscribed to an event these tests never raise: only the rows made here reach them.
        config: { url: `${endpoint.url}/hook`, secret: newWebhookSecret(), events: ['notification.action'] },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return { t, primaryId: ids[0]!, backupId: ids[1]! };
  }

  /** A due delivery of a new notification through the webhook endpoints. */
  async function due(t: TestTenant) {
    const event = await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      data: { branchId: 'A', productName: 'Martillo', sku: 'MRT-1', qty: 2 },
    });
    expect(event.status).toBe(202);
    const [row] = await hub.store.forTenant(t.id).deliveries.insert([
      {
        id: newId(),
        notificationId: event.body.id,
        type: 'PRODUCTO_STOCK_BAJO',
        recipientId: null,
        step: 'fallback',
        plan: { channels: ['webhook'], mode: 'first-available' },
        status: 'pending',
        dueAt: new Date(),
      },
    ]);
    return row!.id;
  }

  const detail = async (t: TestTenant, id: string) => {
    const res = await t.api.get(`/v1/deliveries/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows a failed first channel and the one that sent it, in order', async () => {
    const { t, primaryId, backupId } = await shop();
    up.primary = false;
    up.backup = true;
    const id = await due(t);
    await worker.runNow();
    const d = await detail(t, id);
    expect(d).toMatchObject({ id, status: 'sent', attempts: 1, channelId: backupId });
    expect(d.attemptLog).toHaveLength(2);
    expect(d.attemptLog[0]).toMatchObject({
      kind: 'webhook',
      channelId: primaryId,
      channelName: 'Primary',
      outcome: 'retry',
      errorCode: 'HTTP_500',
    });
    expect(d.attemptLog[0].error).toBeTruthy();
    expect(d.attemptLog[1]).toMatchObject({
      kind: 'webhook',
      channelId: backupId,
      channelName: 'Backup',
      outcome: 'sent',
      errorCode: null,
      error: null,
    });
    expect(d.attemptLog[1].durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(d.attemptLog[0].at)).toBeLessThanOrEqual(Date.parse(d.attemptLog[1].at));
  });

  it('keeps the first tries when a failed delivery is retried by hand, and adds the new ones', async () => {
    const { t, primaryId, backupId } = await shop();
    up.primary = false;
    up.backup = false;
    const id = await due(t);
    await worker.runNow();
    const failed = await detail(t, id);
    expect(failed.status).toBe('failed');
    expect(failed.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'failed']);

    up.primary = true;
    const retried = await t.api.post(`/v1/deliveries/${id}/retry`);
    expect(retried.status).toBe(202);
    // Queued again, nothing of the history lost.
    expect((await detail(t, id)).attemptLog).toEqual(failed.attemptLog);
    await worker.runNow();
    const d = await detail(t, id);
    expect(d.status).toBe('sent');
    expect(d.attemptLog.map((a: { channelId: string; outcome: string }) => [a.channelId, a.outcome])).toEqual(
      [
        [primaryId, 'retry'],
        [backupId, 'failed'],
        [primaryId, 'sent'],
      ],
    );
  });

  it('sends a failed channel test again to the same channel when it is retried', async () => {
    const { t, primaryId } = await shop();
    up.primary = false;
    const test = await t.api.post(`/v1/channels/${primaryId}/test`);
    expect(test.body).toMatchObject({ ok: false });
    const id = test.body.deliveryId as string;
    const first = await detail(t, id);
    expect(first).toMatchObject({ step: 'test', status: 'failed', errorCode: 'HTTP_500' });
    expect(first.attemptLog).toMatchObject([
      { channelId: primaryId, outcome: 'failed', errorCode: 'HTTP_500' },
    ]);

    up.primary = true;
    const before = primary.requests.length;
    const retried = await t.api.post(`/v1/deliveries/${id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ step: 'test', status: 'pending' });
    await worker.runNow();
    expect(primary.requests.length).toBe(before + 1);
    const d = await detail(t, id);
    expect(d).toMatchObject({ step: 'test', status: 'sent', channelId: primaryId, errorCode: null });
    expect(d.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'sent']);
    expect(d.attemptLog[0].errorCode).toBe('HTTP_500');
  });

  it('answers 404 for a delivery of another tenant or no delivery at all', async () => {
    const { t } = await shop();
    const other = await makeTenant(hub.fetcher);
    const id = await due(t);
    for (const [who, path] of [
      [other, `/v1/deliveries/${id}`],
      [t, `/v1/deliveries/${newId()}`],
      [t, '/v1/deliveries/not-a-uuid'],
    ] as const) {
      const res = await who.api.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('DELIVERY_NOT_FOUND');
    }
  });
});
