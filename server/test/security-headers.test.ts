import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, makeTenant, testNode } from './harness.ts';

describe('security headers', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  const get = (path: string) => hub.fetcher(path, { method: 'GET' });

  beforeAll(async () => {
    hub = await createTestApp('memory:');
  });
  afterAll(() => hub.close());

  it.each(['/docs', '/docs/swagger-ui-init.js', '/admin/', '/admin/assets/missing.js'])(
    'the page %s may run only the hub’s own scripts and is never framed',
    async (path) => {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      await res.arrayBuffer();
    },
  );

  it('gives API answers, errors included, a policy under which nothing runs', async () => {
    const t = await makeTenant(hub.fetcher);
    const answers = [await get('/openapi.json'), await get('/v1/tenant')];
    for (const res of [...answers, await t.api.raw('GET', '/v1/tenant')]) {
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    for (const res of answers) await res.arrayBuffer();
  });

  it('lets other origins load the widget bundle and call the API', async () => {
    const res = await get('/widget/aviso.js');
    expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.arrayBuffer();
  });

  describe('cross-origin calls', () => {
    const POS = 'https://pos.example';
    const call =
      (app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }) =>
      async (path: string, init: RequestInit = {}) => {
        const res = await app.request(path, init);
        await res.arrayBuffer();
        return res;
      };

    it('with any origin allowed, every answer says so, errors included', async () => {
      const t = await makeTenant(hub.fetcher);
      const request = call(hub.app);
      const answers = [
        await request('/v1/tenant', { headers: { authorization: `Bearer ${t.apiKey}`, origin: POS } }),
        await request('/v1/tenant', { headers: { authorization: `Bearer ${t.apiKey}` } }),
        await request('/v1/tenant', { headers: { origin: POS } }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 401]);
      for (const res of answers) expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('with a list, only a listed origin is allowed, and every answer varies by origin', async () => {
      const t = await makeTenant(hub.fetcher);
      const request = call(hub.appWith({ corsOrigins: [POS] }));
      const auth = { authorization: `Bearer ${t.apiKey}` };
      const listed = await request('/v1/tenant', { headers: { ...auth, origin: POS } });
      const other = await request('/v1/tenant', { headers: { ...auth, origin: 'https://evil.example' } });
      const none = await request('/v1/tenant', { headers: auth });
      const refused = await request('/v1/tenant', { headers: { origin: POS } });
      expect([listed, other, none, refused].map((r) => r.status)).toEqual([200, 200, 200, 401]);
      expect(listed.headers.get('access-control-allow-origin')).toBe(POS);
      expect(refused.headers.get('access-control-allow-origin')).toBe(POS);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(none.headers.get('access-control-allow-origin')).toBeNull();
      for (const res of [listed, other, none, refused]) expect(res.headers.get('vary')).toContain('Origin');
    });

    it('answers a preflight from a listed origin with what it may send, and none from another', async () => {
      const request = call(hub.appWith({ corsOrigins: [POS] }));
      const preflight = (origin: string) =>
        request('/v1/events', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type, idempotency-key',
          },
        });
      const ok = await preflight(POS);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(POS);
      expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      expect(ok.headers.get('access-control-max-age')).toBe('600');
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('served by Node, where they go onto its response before the route answers', () => {
    const POS = 'https://pos.example';
    const hub = testNode({ corsOrigins: [POS], limits: { apiKey: { points: 100, durationS: 60 } } });
    const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

    it('joins them with each answer’s own headers: API answers, errors, pages and preflights', async () => {
      const t = await makeTenant(hub.fetcher);
      const event = { type: 'NUEVA_VENTA', entityId: 'V-1', data: { branchId: 'norte', total: 100 } };
      const published = await t.api.post('/v1/events', event, { origin: POS });
      expect(published.status).toBe(202);
      expect(published.headers.get('content-type')).toMatch(/^application\/json/);
      expect(published.headers.get('ratelimit-limit')).toBe('100');
      expect(published.headers.get('ratelimit-remaining')).toBe('99');
      expect(published.headers.get('access-control-allow-origin')).toBe(POS);
      const refused = await client(hub.fetcher).raw('GET', '/v1/tenant', undefined, { origin: POS });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHORIZED');
      const stranger = await t.api.raw('GET', '/v1/tenant', undefined, { origin: 'https://evil.example' });
      expect(stranger.status).toBe(200);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
      for (const res of [published, refused, stranger]) {
        expect(res.headers.get('content-security-policy')).toBe(apiPolicy);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('vary')).toBe('Origin');
        expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
        expect(res.headers.get('strict-transport-security')).toBeNull();
      }
      expect(refused.headers.get('access-control-allow-origin')).toBe(POS);

      const page = await hub.fetcher('/docs', { method: 'GET' });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      await page.arrayBuffer();

      const preflight = await hub.fetcher('/v1/events', {
        method: 'OPTIONS',
        headers: { origin: POS, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(POS);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('content-security-policy')).toBe(apiPolicy);
    });
  });
});
