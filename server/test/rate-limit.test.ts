import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/support/env.ts';
import type { AppDeps } from '../src/http/app.ts';
import { ADMIN_TOKEN, client, createTestApp, makeTenant } from './harness.ts';

describe('rate limits per API key', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  /** An app over the shared test database with its own limiter (as one more node would have). */
  const appWith = (apiRateLimit: AppDeps['apiRateLimit']) => {
    const app = hub.appWith({
      apiRateLimit,
    });
    return async (path: string, init: RequestInit) => app.request(path, init);
  };
  /** A tenant with two API keys, made before any limit applies. */
  const tenantWithTwoKeys = async () => {
    const t = await makeTenant(hub.fetcher);
    const second = await t.api.post('/v1/api-keys', { name: 'second' });
    return { t, keys: [t.apiKey, second.body.key as string] };
  };

  beforeAll(async () => {
    hub = await createTestApp('memory:');
  });
  afterAll(() => hub.close());

  it('answers 429 with Retry-After once a key spends its budget; another key has its own', async () => {
    const { keys } = await tenantWithTwoKeys();
    const fetcher = appWith({ points: 3, durationS: 60 });
    const first = client(fetcher, keys[0]);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await first.get('/v1/tenant');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      expect(res.headers.get('ratelimit-policy')).toBe('3;w=60');
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await first.post('/v1/events', { type: 'NUEVA_VENTA' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBe(retryAfter);

    const other = await client(fetcher, keys[1]).get('/v1/tenant');
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('2');
    // Operator routes and bad keys are not counted against anyone.
    expect((await client(fetcher, ADMIN_TOKEN).post('/v1/admin/tenants', { name: 'x' })).status).toBe(201);
    expect((await client(fetcher, 'ak_nope').get('/v1/tenant')).status).toBe(401);
  });

  it('lets the window pass, then serves the key again', async () => {
    const { keys } = await tenantWithTwoKeys();
    const api = client(appWith({ points: 1, durationS: 1 }), keys[0]);
    expect((await api.get('/v1/tenant')).status).toBe(200);
    const limited = await api.get('/v1/tenant');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    await new Promise((r) => setTimeout(r, 1_050));
    expect((await api.get('/v1/tenant')).status).toBe(200);
  });

  it('has no limit when none is configured', async () => {
    const { keys } = await tenantWithTwoKeys();
    const res = await client(appWith(undefined), keys[0]).get('/v1/tenant');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });

  it('keeps counting in memory while Redis is unreachable', async () => {
    const { keys } = await tenantWithTwoKeys();
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      const api = client(appWith({ points: 2, durationS: 60, redis: down }), keys[0]);
      expect((await api.get('/v1/tenant')).status).toBe(200);
      expect((await api.get('/v1/tenant')).status).toBe(200);
      expect((await api.get('/v1/tenant')).status).toBe(429);
    } finally {
      down.disconnect();
    }
  });

  describe.skipIf(!testEnv.redisUrl)('with Redis', () => {
    let redis: Redis;
    beforeAll(async () => {
      redis = new Redis(testEnv.redisUrl!, { maxRetriesPerRequest: 1 });
      // Until the connection is ready the limiter counts in memory (by design), so wait for it.
      await redis.ping();
    });
    afterAll(async () => {
      await redis.quit();
    });

    it('shares one budget per key between nodes, separate per key', async () => {
      const { keys } = await tenantWithTwoKeys();
      const options = { points: 3, durationS: 60, redis, keyPrefix: `aviso:test:${randomUUID()}` };
      const [nodeA, nodeB] = [appWith(options), appWith(options)];
      expect((await client(nodeA, keys[0]).get('/v1/tenant')).status).toBe(200);
      expect((await client(nodeB, keys[0]).get('/v1/tenant')).status).toBe(200);
      expect((await client(nodeA, keys[0]).get('/v1/tenant')).status).toBe(200);
      const limited = await client(nodeB, keys[0]).get('/v1/tenant');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await client(nodeB, keys[1]).get('/v1/tenant')).status).toBe(200);
    });
  });
});
