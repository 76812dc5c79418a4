import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { newId } from '../src/db/ids.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, testApp } from './harness.ts';

describe.each(databaseBackends)('what the console relies on, on $name', ({ url }) => {
  const hub = testApp(url);
  let endpoint: Awaited<ReturnType<typeof standIn>>;

  beforeAll(async () => {
    endpoint = await standIn(() => ({ status: 500, body: { error: 'down for maintenance' } }));
  });
  afterAll(async () => {
    await endpoint.close();
  });

  it('queues a failed channel test again, and refuses one that kept no address, keeping its error', async () => {
    const t = await makeTenant(hub.fetcher);
    const channel = (
      await t.api.post('/v1/channels', {
        kind: 'webhook',
        name: 'CRM',
        config: { url: `${endpoint.url}/hook`, secret: newWebhookSecret() },
      })
    ).body;
    const test = await t.api.post(`/v1/channels/${channel.id}/test`);
    expect(test.body).toMatchObject({ ok: false });
    const before = (await t.api.get('/v1/deliveries?status=failed')).body.items;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ step: 'test', status: 'failed' });
    const retry = await t.api.post(`/v1/deliveries/${before[0].id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id: before[0].id, step: 'test', status: 'pending' });

    // A test from before Aviso kept the address it was sent to cannot be sent again.
    const [old] = await hub.store.forTenant(t.id).deliveries.insert([
      {
        id: newId(),
        type: 'PRUEBA',
        step: 'test',
        plan: { channels: ['webhook'], mode: 'first-available' },
        kind: 'webhook',
        channelId: channel.id,
        status: 'failed',
        attempts: 1,
        dueAt: new Date(),
        errorCode: 'HTTP_500',
        lastError: 'the endpoint answered 500',
      },
    ]);
    const listed = async () =>
      (await t.api.get('/v1/deliveries')).body.items.find((d: { id: string }) => d.id === old!.id);
    const unchanged = await listed();
    const refused = await t.api.post(`/v1/deliveries/${old!.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TEST_NOT_RETRYABLE');
    expect(refused.body.error.message).toContain(`/v1/channels/${channel.id}/test`);
    // Nothing was changed: the row is as the test left it.
    expect(await listed()).toEqual(unchanged);
  });

  it('writes when an API key was last used', async () => {
    const t = await makeTenant(hub.fetcher);
    const created = await t.api.post('/v1/api-keys', { name: 'erp' });
    const unused = (await t.api.get('/v1/api-keys')).body.items.find(
      (k: { id: string }) => k.id === created.body.id,
    );
    expect(unused.lastUsedAt).toBeNull();
    const before = Date.now();
    const { client } = await import('./harness.ts');
    const erp = client(hub.fetcher, created.body.key);
    expect((await erp.get('/v1/branches')).status).toBe(200);
    let used: { lastUsedAt: string | null } | undefined;
    for (let i = 0; i < 50 && !used?.lastUsedAt; i++) {
      await new Promise((r) => setTimeout(r, 20));
      used = (await t.api.get('/v1/api-keys')).body.items.find(
        (k: { id: string }) => k.id === created.body.id,
      );
    }
    expect(Date.parse(used!.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(used!.lastUsedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('previews money exactly as the notification shows it', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'es-MX', currency: 'MXN' });
    await t.person('cajero', { role: 'staff', branchIds: ['centro'] });
    const data = { total: 1250.5, branchId: 'centro' };
    const preview = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', { locale: 'es', data });
    expect(preview.status).toBe(200);
    const event = await t.api.post('/v1/events', { type: 'NUEVA_VENTA', entityId: 'V-1', data });
    const stored = await hub.store.forTenant(t.id).notifications.byId(event.body.id);
    expect(preview.body.message).toContain('$1,250.50');
    expect(preview.body.message).toBe(stored!.message);
    // Another language formats in that language.
    const en = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', { locale: 'en-US', data });
    expect(en.body.message).toContain('MX$1,250.50');
  });

  it('resets an override to the catalog, and adds and deletes a type of its own', async () => {
    const t = await makeTenant(hub.fetcher);
    const catalogText = async () =>
      (await t.api.get('/v1/event-types')).body.items.find((i: { type: string }) => i.type === 'NUEVO_GASTO')
        .definition.message.es;
    const original = await catalogText();
    const put = await t.api.put('/v1/event-types/NUEVO_GASTO', { message: { es: 'Gasto: {{total}}' } });
    expect(put.status).toBe(200);
    expect(await catalogText()).toBe('Gasto: {{total}}');
    expect((await t.api.delete('/v1/event-types/NUEVO_GASTO')).status).toBe(204);
    expect(await catalogText()).toBe(original);
    const again = await t.api.delete('/v1/event-types/NUEVO_GASTO');
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');

    const created = await t.api.put('/v1/event-types/CORTE_DE_CAJA', {
      category: 'sales',
      message: { es: 'Corte de caja de {{cashier}}.', en: 'Cash count by {{cashier}}.' },
    });
    expect(created.status).toBe(200);
    const listed = (await t.api.get('/v1/event-types')).body.items.find(
      (i: { type: string }) => i.type === 'CORTE_DE_CAJA',
    );
    expect(listed).toMatchObject({ custom: true, definition: { category: 'sales' } });
    const event = await t.api.post('/v1/events', {
      type: 'CORTE_DE_CAJA',
      branchIds: null,
      data: { cashier: 'Ana' },
    });
    expect(event.status).toBe(202);
    expect((await hub.store.forTenant(t.id).notifications.byId(event.body.id))!.message).toBe(
      'Corte de caja de Ana.',
    );
    expect((await t.api.delete('/v1/event-types/CORTE_DE_CAJA')).status).toBe(204);
    const gone = await t.api.post('/v1/events', { type: 'CORTE_DE_CAJA', branchIds: null });
    expect(gone.status).toBe(422);
    expect(gone.body.error.code).toBe('UNKNOWN_EVENT_TYPE');
  });
});
