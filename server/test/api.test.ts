// Long because it is the API's tour: every resource once, through HTTP, on both databases.
import { CATALOG_EVENT_TYPES } from '@aviso/protocol';
import { describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { ADMIN_TOKEN, client, createTestApp, makeTenant, testApp } from './harness.ts';

describe.each(databaseBackends)('HTTP API on $name', ({ url }) => {
  const hub = testApp(url);

  it('creates a tenant only with the operator token, and shows its secrets once', async () => {
    const anon = client(hub.fetcher);
    expect((await anon.post('/v1/admin/tenants', { name: 'x' })).body.error.code).toBe('UNAUTHORIZED');
    const wrong = client(hub.fetcher, 'adm_wrong');
    expect((await wrong.post('/v1/admin/tenants', { name: 'x' })).status).toBe(401);
    const admin = client(hub.fetcher, ADMIN_TOKEN);
    const bad = await admin.post('/v1/admin/tenants', {
      name: 'x',
      currency: 'PESOS',
      timezone: 'Mars/Base',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect([...new Set(bad.body.error.details.map((d: { path: string }) => d.path))].sort()).toEqual([
      'currency',
      'timezone',
    ]);
    const t = await makeTenant(hub.fetcher, {
      currency: 'MXN',
      locale: 'es-MX',
      timezone: 'America/Mexico_City',
    });
    expect(t.apiKey).toMatch(/^ak_/);
    expect(t.widgetSecret).toMatch(/^wsec_/);
    const tenant = await t.api.get('/v1/tenant');
    expect(tenant.status).toBe(200);
    expect(tenant.body).toMatchObject({ id: t.id, currency: 'MXN', locale: 'es-MX' });
    expect(JSON.stringify(tenant.body)).not.toContain(t.widgetSecret);
    expect(JSON.stringify(tenant.body)).not.toContain(t.apiKey);
  });

  it('patches settings and manages API keys; a revoked key stops working', async () => {
    const t = await makeTenant(hub.fetcher);
    expect(
      (await t.api.patch('/v1/tenant', { currency: 'COP', appUrl: 'https://pos.example.com' })).body,
    ).toMatchObject({
      currency: 'COP',
      appUrl: 'https://pos.example.com',
    });
    expect((await t.api.patch('/v1/tenant', { appUrl: 'javascript:alert(1)' })).status).toBe(400);
    const created = await t.api.post('/v1/api-keys', { name: 'erp' });
    expect(created.status).toBe(201);
    const second = client(hub.fetcher, created.body.key);
    expect((await second.get('/v1/tenant')).status).toBe(200);
    const list = await t.api.get('/v1/api-keys');
    expect(list.body.items).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await t.api.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
    // The verified-key cache is per app; a fresh app sees the revocation at once.
    const fresh = await createTestApp(url);
    try {
      expect((await client(fresh.fetcher, created.body.key).get('/v1/tenant')).status).toBe(401);
    } finally {
      await fresh.close();
    }
    expect((await t.api.delete(`/v1/api-keys/${created.body.id}`)).body.error.code).toBe('NOT_FOUND');
  });

  it('syncs branches and recipients by the host’s own ids', async () => {
    const t = await makeTenant(hub.fetcher);
    expect((await t.api.put('/v1/branches/suc-01', { name: 'Central' })).status).toBe(201);
    expect((await t.api.put('/v1/branches/suc-01', { name: 'Suc. Central' })).status).toBe(200);
    expect((await t.api.put('/v1/branches/42', { name: 'Norte' })).status).toBe(201);
    expect((await t.api.get('/v1/branches')).body.items.map((b: { name: string }) => b.name)).toEqual([
      'Norte',
      'Suc. Central',
    ]);
    expect((await t.api.delete('/v1/branches/42')).status).toBe(204);
    expect((await t.api.delete('/v1/branches/42')).body.error.code).toBe('BRANCH_NOT_FOUND');
    const r = await t.api.put('/v1/recipients/u-7', {
      name: 'Ana',
      role: 'manager',
      branchIds: ['suc-01'],
      email: 'ana@example.com',
      whatsapp: '+5215512345678',
      documentId: 'V-12345678',
    });
    expect(r.status).toBe(201);
    expect((await t.api.get('/v1/recipients/u-7')).body).toMatchObject({
      role: 'manager',
      branchIds: ['suc-01'],
    });
    expect((await t.api.put('/v1/recipients/u-7', { role: 'chief', branchIds: [] })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await t.api.put('/v1/recipients/u-7', { role: 'staff', branchIds: [], phone: '555' })).status,
    ).toBe(400);
    expect((await t.api.get('/v1/recipients')).body.items).toHaveLength(1);
    expect((await t.api.delete('/v1/recipients/u-7')).status).toBe(204);
    expect((await t.api.get('/v1/recipients/u-7')).body.error.code).toBe('RECIPIENT_NOT_FOUND');
    expect((await t.api.post('/v1/widget-tokens', { recipientId: 'u-7' })).body.error.code).toBe(
      'RECIPIENT_NOT_FOUND',
    );
  });

  it('renders messages with the tenant’s currency and locale, and builds deep links', async () => {
    const t = await makeTenant(hub.fetcher, { currency: 'MXN', locale: 'es-MX' });
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    const sale = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      entityId: 'V-1001',
      data: { branchId: 'A', total: 1234.5 },
    });
    expect(sale.status).toBe(202);
    expect(sale.body.status).toBe('created');
    await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      entityId: 'P-9',
      data: { branchId: 'A', productName: 'Martillo <b>', sku: 'MART 16/OZ', qty: 2 },
    });
    await t.api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: {} });
    const inbox = await ana.me.get('/v1/me/notifications');
    const [client_, low, venta] = inbox.body.items;
    expect(venta.message).toBe('Nueva venta de $1,234.50 registrada en tu sucursal.');
    expect(venta.link).toBe('#/ventas/V-1001');
    expect(venta.icon).toBe('sale');
    expect(low.message).toBe('El producto “Martillo <b>” tiene stock bajo (2 unidades) en tu sucursal.');
    expect(low.link).toBe('#/inventarios?search=MART%2016%2FOZ');
    // A missing variable renders empty, never fails.
    expect(client_.message).toBe('Se ha registrado un nuevo cliente: “”.');
    const en = await makeTenant(hub.fetcher, { currency: 'USD', locale: 'en-US' });
    const bob = await en.person('bob', { role: 'owner', branchIds: [] });
    await en.api.post('/v1/events', {
      type: 'PAGO_VENCIDO',
      recipientIds: ['bob'],
      data: { amount: 99, dueDate: '2026-12-01' },
    });
    expect((await bob.me.get('/v1/me/notifications')).body.items[0].message).toBe(
      'Your payment of $99.00 was due on December 1, 2026.',
    );
  });

  it('honours idempotency keys: same body → first result, other body → 409', async () => {
    const t = await makeTenant(hub.fetcher);
    const body = { type: 'NUEVA_VENTA', entityId: 'V-1', data: { branchId: 'A', total: 10 } };
    const first = await t.api.post('/v1/events', body, { 'idempotency-key': 'sale-V-1' });
    const again = await t.api.post('/v1/events', body, { 'idempotency-key': 'sale-V-1' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ id: first.body.id, status: 'duplicate' });
    const inBody = await t.api.post('/v1/events', { ...body, idempotencyKey: 'sale-V-1' });
    expect(inBody.body).toEqual({ id: first.body.id, status: 'duplicate' });
    const other = await t.api.post(
      '/v1/events',
      { ...body, entityId: 'V-2' },
      { 'idempotency-key': 'sale-V-1' },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // Keys are per tenant.
    const u = await makeTenant(hub.fetcher);
    expect((await u.api.post('/v1/events', body, { 'idempotency-key': 'sale-V-1' })).body.status).toBe(
      'created',
    );
    // Concurrent retries of one request store one notification.
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.api.post('/v1/events', { ...body, entityId: 'V-3' }, { 'idempotency-key': 'k3' }),
      ),
    );
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(burst.filter((r) => r.body.status === 'created')).toHaveLength(1);
  });

  it('takes a batch with one result per event, in order', async () => {
    const t = await makeTenant(hub.fetcher);
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    const res = await t.api.post(
      '/v1/events/batch',
      {
        events: [
          { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 1 } },
          { type: 'NOT_A_TYPE' },
          { type: 'nuevo' },
          { type: 'NUEVA_VENTA', data: {} },
          { type: 'NUEVO_PRODUCTO', data: { productName: 'Clavo' } },
        ],
      },
      { 'idempotency-key': 'batch-1' },
    );
    expect(res.status).toBe(202);
    const codes = res.body.results.map(
      (r: { status?: string; error?: { code: string } }) => r.status ?? r.error?.code,
    );
    expect(codes).toEqual([
      'created',
      'UNKNOWN_EVENT_TYPE',
      'VALIDATION_FAILED',
      'TARGET_REQUIRED',
      'created',
    ]);
    const replay = await t.api.post(
      '/v1/events/batch',
      { events: [{ type: 'NUEVA_VENTA', data: { branchId: 'A', total: 1 } }] },
      { 'idempotency-key': 'batch-1' },
    );
    expect(replay.body.results[0]).toEqual({ id: res.body.results[0].id, status: 'duplicate' });
    expect((await owner.me.get('/v1/me/unread-count')).body.count).toBe(2);
    expect((await t.api.post('/v1/events/batch', { events: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, () => ({ type: 'PRUEBA' }));
    expect((await t.api.post('/v1/events/batch', { events: tooMany })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('answers bad input on every route with a 4xx and a stable code, never a 5xx', async () => {
    const t = await makeTenant(hub.fetcher);
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    const cases: [ReturnType<typeof client>, string, string, unknown][] = [
      [t.api, 'POST', '/v1/events', '{"type":'],
      [t.api, 'POST', '/v1/events', 'null'],
      [t.api, 'POST', '/v1/events', []],
      [
        t.api,
        'POST',
        '/v1/events',
        { type: 'NUEVA_VENTA', link: 'javascript:alert(1)', data: { branchId: 'A' } },
      ],
      [t.api, 'POST', '/v1/events', { type: 'NUEVA_VENTA', branchIds: ['a b'] }],
      [t.api, 'POST', '/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A' }, extra: 1 }],
      [t.api, 'POST', '/v1/events', { type: 'NUEVA_VENTA', data: { big: 'x'.repeat(40_000) } }],
      [t.api, 'POST', '/v1/events', { type: 'PAGO_PROXIMO', data: {} }],
      [t.api, 'POST', '/v1/events/batch', { events: 'x' }],
      [t.api, 'PUT', '/v1/branches/x', { name: '' }],
      [t.api, 'PUT', `/v1/branches/${'x'.repeat(65)}`, { name: 'a' }],
      [t.api, 'PUT', '/v1/recipients/u', { role: 'staff' }],
      [t.api, 'GET', '/v1/recipients?limit=0', undefined],
      [t.api, 'POST', '/v1/widget-tokens', { recipientId: 'ana', expiresIn: 5 }],
      [t.api, 'PATCH', '/v1/tenant', { locale: '!!' }],
      [t.api, 'PUT', '/v1/event-types/nuevo', { message: { es: 'x' } }],
      [t.api, 'PUT', '/v1/event-types/MI_TIPO', { message: { es: '{% if %}' } }],
      [t.api, 'DELETE', '/v1/api-keys/not-a-uuid', undefined],
      [ana.me, 'GET', '/v1/me/notifications?limit=1000', undefined],
      [ana.me, 'GET', '/v1/me/notifications?filter=some', undefined],
      [ana.me, 'GET', '/v1/me/notifications?cursor=abc', undefined],
      [ana.me, 'POST', '/v1/me/notifications/abc/read', undefined],
      [ana.me, 'POST', '/v1/me/notifications/01a1ff9a-c3dd-7e1c-b40f-787f8d433142/archive', undefined],
      [ana.me, 'PUT', '/v1/me/preferences', { quietHours: { start: '25:00', end: '07:00' } }],
      [client(hub.fetcher, 'garbage'), 'GET', '/v1/me/unread-count', undefined],
      [client(hub.fetcher), 'GET', '/v1/tenant', undefined],
      [t.api, 'GET', '/v1/nothing-here', undefined],
    ];
    for (const [who, method, path, body] of cases) {
      const res = await who.raw(method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 60)}`;
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect(res.body?.error?.code, label).toMatch(/^[A-Z_]+$/);
    }
    // Tenant templates have a budget: a runaway loop is refused when saved (see template-budget.test.ts).
    const loop = await t.api.put('/v1/event-types/BUCLE', {
      message: { es: '{% for x in (1..100000000) %}x{% endfor %}' },
    });
    expect(loop.status).toBe(422);
    expect(loop.body.error.code).toBe('TEMPLATE_TOO_COSTLY');
    const noType = await t.api.raw('POST', '/v1/events', 'x', { 'content-type': 'text/plain' });
    expect(noType.status).toBe(415);
    expect(noType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps every tenant’s data to itself', async () => {
    const a = await makeTenant(hub.fetcher);
    const b = await makeTenant(hub.fetcher);
    await a.api.put('/v1/branches/A', { name: 'A' });
    const ana = await a.person('ana', { role: 'owner', branchIds: [] });
    const sale = await a.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 5 } });
    // Same host ids in the other tenant: separate rows.
    const bob = await b.person('ana', { role: 'owner', branchIds: [] });
    expect((await b.api.get('/v1/branches')).body.items).toEqual([]);
    expect((await b.api.get('/v1/recipients/ana')).body.role).toBe('owner');
    expect((await bob.me.get('/v1/me/notifications')).body.items).toEqual([]);
    expect((await bob.me.post(`/v1/me/notifications/${sale.body.id}/read`)).body.error.code).toBe(
      'NOTIFICATION_NOT_FOUND',
    );
    expect((await bob.me.post(`/v1/me/notifications/${sale.body.id}/archive`)).status).toBe(404);
    expect((await ana.me.get('/v1/me/unread-count')).body.count).toBe(1);
    // A's key cannot revoke B's keys.
    const bKeys = await b.api.get('/v1/api-keys');
    expect((await a.api.delete(`/v1/api-keys/${bKeys.body.items[0].id}`)).status).toBe(404);
    expect((await b.api.get('/v1/tenant')).status).toBe(200);
    // A token signed with another tenant's secret is refused.
    const forged = await hub.tokens.mint({ ...(await hub.store.tenants.get(b.id))!, id: a.id }, 'ana');
    expect((await client(hub.fetcher, forged.token).get('/v1/me/unread-count')).body.error.code).toBe(
      'INVALID_TOKEN',
    );
  });

  it('lets a tenant add a type and override a catalog entry', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'es' });
    const owner = await t.person('own', { role: 'owner', branchIds: [] });
    const put = await t.api.put('/v1/event-types/CIERRE_CAJA', {
      category: 'sales',
      icon: 'sale',
      target: { kind: 'branches', from: ['branchId'] },
      link: '#/cajas/{entityId}',
      message: { es: 'Caja {{caja}} cerrada con {{total}}.', en: 'Till {{caja}} closed with {{total}}.' },
      formats: { total: 'currency' },
    });
    expect(put.status).toBe(200);
    await t.api.put('/v1/event-types/NUEVA_VENTA', {
      message: { es: 'Venta {{total}} 🎉' },
      severity: 'info',
    });
    const types = (await t.api.get('/v1/event-types')).body.items;
    expect(types.find((x: { type: string }) => x.type === 'CIERRE_CAJA').custom).toBe(true);
    // The catalog's types and the one added.
    expect(types).toHaveLength(CATALOG_EVENT_TYPES.length + 1);
    await t.api.post('/v1/events', {
      type: 'CIERRE_CAJA',
      entityId: 'C1',
      data: { branchId: 'A', caja: 3, total: 50 },
    });
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 7 } });
    const [venta, caja] = (await owner.me.get('/v1/me/notifications')).body.items;
    expect(caja).toMatchObject({ message: 'Caja 3 cerrada con 50,00\u00a0US$.', link: '#/cajas/C1' });
    expect(venta).toMatchObject({
      message: 'Venta 7,00\u00a0US$ 🎉',
      severity: 'info',
      title: 'Nueva venta',
    });
  });

  it('serves the OpenAPI document made from the validating schemas, and the docs', async () => {
    const doc = (await client(hub.fetcher).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/events',
      '/v1/events/batch',
      '/v1/me/notifications',
      '/v1/recipients/{recipientId}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const event = doc.paths['/v1/events'].post.requestBody.content['application/json'].schema;
    expect(event.properties.type).toBeDefined();
    expect(event.required).toContain('type');
    const docs = await hub.app.request('/docs');
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await hub.app.request('/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await client(hub.fetcher).get('/readyz')).body.ok).toBe(true);
  });
});
