import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeTenant } from './harness.ts';

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
});
