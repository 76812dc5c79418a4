import { beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { client, makeTenant, type TestTenant, testApp } from './harness.ts';

describe.each(databaseBackends)('resource bounds on $name', ({ url }) => {
  const hub = testApp(url);
  let t: TestTenant;
  let ana: Awaited<ReturnType<TestTenant['person']>>;

  beforeAll(async () => {
    t = await makeTenant(hub.fetcher);
    ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
  });

  it('limits the body of every route, not only /v1', async () => {
    const big = JSON.stringify({ lines: 'x'.repeat(5 * 1024 * 1024) });
    for (const path of ['/v1/events', '/v1/hooks/telegram/x', '/admin/x', '/healthz', '/nothing/here']) {
      const res = await hub.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(res.status, path).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('PAYLOAD_TOO_LARGE');
    }
    // Judged by its Content-Length alone (as every body over node:http), before anything is read.
    const said = await hub.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(said.status).toBe(413);
    // Without a Content-Length (a stream), the limit holds while reading.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    const chunked = await hub.app.request('/v1/hooks/telegram/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('takes only known channel kinds and categories, and well-formed quiet hours, as preferences', async () => {
    const many = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, false]));
    const huge = await ana.me.put('/v1/me/preferences', { channels: many });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('VALIDATION_FAILED');
    // The refusal names what is allowed; it does not echo 150,000 keys back.
    expect(JSON.stringify(huge.body).length).toBeLessThan(2_000);
    const refused: Record<string, unknown>[] = [
      { channels: { fax: false } },
      { channels: { email: 'no' } },
      { categories: { gossip: false } },
      { quietHours: { start: '22:00' } },
      { quietHours: { start: '22:00', end: '22:00' } },
      { quietHours: { start: '7:00', end: '22:00' } },
      { quietHours: { start: '22:00', end: '07:00', tz: 'UTC' } },
      { theme: 'dark' },
    ];
    for (const body of refused) {
      const res = await ana.me.put('/v1/me/preferences', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    // The same rules when the host sets preferences on the recipient.
    const viaApi = await t.api.put('/v1/recipients/ana', {
      role: 'staff',
      branchIds: ['A'],
      preferences: { channels: { carrier_pigeon: false } },
    });
    expect(viaApi.status).toBe(400);
    const good = {
      channels: { email: false, whatsapp: true },
      categories: { sales: false },
      quietHours: { start: '22:00', end: '07:00' },
    };
    const saved = await ana.me.put('/v1/me/preferences', good);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(good);
    expect((await ana.me.get('/v1/me/preferences')).body).toEqual(good);
    expect((await ana.me.put('/v1/me/preferences', { quietHours: null })).status).toBe(200);
    expect((await client(hub.fetcher).put('/v1/me/preferences', good)).status).toBe(401);
  });
});
