import { SignJWT } from 'jose';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { type Call, client, makeTenant, type TestTenant, testApp } from './harness.ts';

/** `{a: {a: … {}}}`, `levels` objects deep. */
const nested = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
};

/** The same as JSON text, written by hand: `JSON.stringify` itself overflows the stack thousands deep. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

// Ids that the old `/^[0-9a-f-]{36}$/` check let through to PostgreSQL, which refused them.
const NOT_UUIDS = ['-'.repeat(36), '0'.repeat(36), 'abcdef01-2345-6789-abcd-ef0123456789-'.slice(1)];

/** Every answer of the list is the given 4xx with the given code. */
function expectRefused(results: [string, Call][], status: number, code: string) {
  for (const [label, res] of results) {
    expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
    expect(res.body?.error?.code, label).toBe(code);
  }
}

describe.each(databaseBackends)('bad input gets a 4xx with a stable code on $name', ({ url }) => {
  const hub = testApp(url);
  let t: TestTenant;
  let ana: Awaited<ReturnType<TestTenant['person']>>;
  const lines: string[] = [];
  let api: ReturnType<typeof client>;
  let me: ReturnType<typeof client>;

  beforeAll(async () => {
    // The same app over the same database, logging into `lines`.
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = hub.appWith({ log });
    const fetcher = async (path: string, init: RequestInit) => app.request(path, init);
    t = await makeTenant(fetcher);
    ana = await t.person('ana', { role: 'owner', branchIds: [] });
    api = client(fetcher, t.apiKey);
    me = client(fetcher, ana.token);
  });

  it('refuses NUL anywhere and unpaired surrogates in data, and keeps real emoji', async () => {
    lines.length = 0;
    const cases: [string, Call][] = [
      ['message', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', message: 'a\u0000b' })],
      ['title', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', title: '\u0000' })],
      ['entityId', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', entityId: 'x\u0000' })],
      ['data value', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { name: 'a\u0000' } })],
      ['data key', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { 'k\u0000': 1 } })],
      ['high surrogate', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { s: 'x\ud800' } })],
      [
        'low surrogate in an array',
        await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { a: [{ b: '\udc00y' }] } }),
      ],
      ['surrogate key', await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: { '\udbff': 1 } })],
      [
        'recipient name',
        await api.put('/v1/recipients/bea', { name: 'B\u0000', role: 'staff', branchIds: [] }),
      ],
      ['branch name', await api.put('/v1/branches/A', { name: '\u0000' })],
      ['branch id in the path', await api.put('/v1/branches/A%00', { name: 'A' })],
      ['template', await api.put('/v1/event-types/MI_TIPO', { message: { es: 'a\u0000' } })],
      [
        'preview data',
        await api.post('/v1/event-types/NUEVO_CLIENTE/preview', { locale: 'es', data: { x: '\ud800' } }),
      ],
      ['api key name', await api.post('/v1/api-keys', { name: 'k\u0000' })],
      ['tenant name', await api.patch('/v1/tenant', { name: 'T\u0000' })],
    ];
    expectRefused(cases, 400, 'VALIDATION_FAILED');
    expect(lines.filter((l) => /"level":50/.test(l))).toEqual([]);
    const emoji = await api.post('/v1/events', {
      type: 'NUEVO_CLIENTE',
      data: { customerName: 'Ana 😀', nested: { é: ['ñ', '𝄞'] } },
    });
    expect(emoji.status).toBe(202);
    const items = (await me.get('/v1/me/notifications')).body.items;
    expect(items[0].message).toContain('Ana 😀');
    expect(items[0].data.nested).toEqual({ é: ['ñ', '𝄞'] });
  });

  it('answers 400 and logs one line when the database itself refuses a value', async () => {
    // Stock movements are checked by their own schema; NUL in them reaches PostgreSQL, which refuses it.
    lines.length = 0;
    const res = await api.post('/v1/stock/movements', {
      branchId: 'A',
      items: [{ productId: 'P\u0000', qty: 1, min: 5 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"level":40/);
    expect(lines[0]).toMatch(/"sqlstate":"22021"/);
    expect(lines[0]).not.toMatch(/select|insert|stack|\\n\s+at /i);
  });

  it('caps data at 32 levels before hashing it', async () => {
    const deep = await api.post('/v1/events', `{"type":"NUEVO_CLIENTE","data":${nestedJson(5000)}}`, {
      'idempotency-key': 'deep',
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(deep.body.error.details)).toMatch(/32 levels/);
    const deepArrays = await api.post('/v1/events', {
      type: 'NUEVO_CLIENTE',
      data: { a: JSON.parse('['.repeat(40) + ']'.repeat(40)) },
    });
    expect(deepArrays.status).toBe(400);
    expect((await api.post('/v1/events', { type: 'NUEVO_CLIENTE', data: nested(33) })).status).toBe(400);
    const limit = await api.post(
      '/v1/events',
      { type: 'NUEVO_CLIENTE', data: nested(32) },
      { 'idempotency-key': 'k32' },
    );
    expect(limit.status).toBe(202);
    const preview = await api.post(
      '/v1/event-types/NUEVO_CLIENTE/preview',
      `{"locale":"es","data":${nestedJson(5000)}}`,
    );
    expect(preview.status).toBe(400);
  });

  it('answers 404 for ids that look like UUIDs but are not, on every route that takes one', async () => {
    lines.length = 0;
    const cases: [string, Call][] = [];
    for (const id of NOT_UUIDS) {
      cases.push(
        [`GET channel ${id}`, await api.get(`/v1/channels/${id}`)],
        [`PATCH channel ${id}`, await api.patch(`/v1/channels/${id}`, { name: 'x' })],
        [`DELETE channel ${id}`, await api.delete(`/v1/channels/${id}`)],
        [`test channel ${id}`, await api.post(`/v1/channels/${id}/test`, {})],
        [`telegram hook ${id}`, await client(hub.fetcher).post(`/v1/hooks/telegram/${id}`, { update_id: 1 })],
        [`twilio hook ${id}`, await client(hub.fetcher).post(`/v1/hooks/twilio/${id}`, {})],
        [`meta hook ${id}`, await client(hub.fetcher).post(`/v1/hooks/whatsapp/${id}`, {})],
        [`meta verify ${id}`, await client(hub.fetcher).get(`/v1/hooks/whatsapp/${id}?hub.mode=subscribe`)],
      );
    }
    expectRefused(cases, 404, 'CHANNEL_NOT_FOUND');
    const alerts = [];
    const keys = [];
    const notifications = [];
    for (const id of NOT_UUIDS) {
      alerts.push([id, await api.post(`/v1/stock/alerts/${id}/resolve`, {})] as [string, Call]);
      keys.push([id, await api.delete(`/v1/api-keys/${id}`)] as [string, Call]);
      notifications.push(
        [`read ${id}`, await me.post(`/v1/me/notifications/${id}/read`)] as [string, Call],
        [`archive ${id}`, await me.post(`/v1/me/notifications/${id}/archive`)] as [string, Call],
        [`action ${id}`, await me.post(`/v1/me/notifications/${id}/actions/ok`)] as [string, Call],
      );
    }
    expectRefused(alerts, 404, 'STOCK_ALERT_NOT_FOUND');
    expectRefused(keys, 404, 'NOT_FOUND');
    expectRefused(notifications, 404, 'NOTIFICATION_NOT_FOUND');
    for (const id of NOT_UUIDS) {
      const res = await me.get(`/v1/me/notifications?cursor=${id}`);
      expect(res.status, id).toBe(400);
      expect((await api.get(`/v1/deliveries?cursor=${id}`)).status, id).toBe(400);
      expect((await api.post(`/v1/deliveries/${id}/retry`, {})).status, id).toBe(404);
    }
    expect(lines.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  it('refuses a widget token whose tenant id is not a UUID', async () => {
    for (const tid of NOT_UUIDS) {
      const token = await new SignJWT({ tid, sub: 'ana' })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(t.widgetSecret));
      const res = await client(hub.fetcher, token).get('/v1/me/unread-count');
      expect(res.status, tid).toBe(401);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('answers 400 for a malformed percent-encoding on static routes', async () => {
    for (const path of ['/admin/%E0%A4%A', '/admin/%', '/admin/assets/%zz.js']) {
      const res = await hub.fetcher(path, { method: 'GET' });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('VALIDATION_FAILED');
    }
    expect((await hub.fetcher('/admin/%2e%2e/%2e%2e/package.json', { method: 'GET' })).status).toBe(404);
  });

  it('stores the good items of a batch and gives each bad one its own error', async () => {
    const before = (await me.get('/v1/me/unread-count')).body.count;
    const ok = (n: number) => ({ type: 'NUEVO_CLIENTE', data: { customerName: `c${n}` } });
    const events = [
      JSON.stringify(ok(1)),
      JSON.stringify({ type: 'NUEVO_CLIENTE', message: 'nul\u0000' }),
      `{"type":"NUEVO_CLIENTE","data":${nestedJson(5000)}}`,
      JSON.stringify({ type: 'NUEVO_CLIENTE', data: { s: '\ud800' } }),
      JSON.stringify({ type: 'NUEVO_CLIENTE', entityId: '\u0000' }),
      JSON.stringify(ok(2)),
    ];
    const res = await api.post('/v1/events/batch', `{"events":[${events.join(',')}]}`);
    expect(res.status).toBe(202);
    const codes = res.body.results.map(
      (r: { status?: string; error?: { code: string } }) => r.status ?? r.error?.code,
    );
    expect(codes).toEqual([
      'created',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'created',
    ]);
    expect((await me.get('/v1/me/unread-count')).body.count).toBe(before + 2);
  });
});
