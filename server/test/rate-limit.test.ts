import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimits, type LimitSettings } from '../src/lib/limiter.ts';
import { ADMIN_TOKEN, client, createTestApp, makeTenant } from './harness.ts';
import { hasRedis, machineRedis } from './redis.ts';

describe('rate limits', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  /** An app over the shared test database with limiters of its own (as one more node would have). */
  const appWith = (settings?: LimitSettings, options?: Parameters<typeof createLimits>[1]) => {
    const app = hub.appWith({ limits: settings && createLimits(settings, options) });
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
    const fetcher = appWith({ apiKey: { points: 3, durationS: 60 } });
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
    const api = client(appWith({ apiKey: { points: 1, durationS: 1 } }), keys[0]);
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

  it('sets a tenant-wide budget beside the per-key one: more keys do not buy more requests', async () => {
    const { keys } = await tenantWithTwoKeys();
    const fetcher = appWith({ apiKey: { points: 100, durationS: 60 }, tenant: { points: 3, durationS: 60 } });
    const minted = await client(fetcher, keys[0]).post('/v1/api-keys', { name: 'third' });
    expect(minted.status).toBe(201);
    expect((await client(fetcher, keys[1]).get('/v1/tenant')).status).toBe(200);
    // The headers show the budget closest to its end: the tenant's.
    const last = await client(fetcher, minted.body.key).get('/v1/tenant');
    expect(last.headers.get('ratelimit-remaining')).toBe('0');
    expect(last.headers.get('ratelimit-policy')).toBe('3;w=60');
    for (const key of [keys[0], keys[1], minted.body.key]) {
      const limited = await client(fetcher, key).get('/v1/tenant');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Another tenant has its own budget.
    const other = await makeTenant(hub.fetcher);
    expect((await client(fetcher, other.apiKey).get('/v1/tenant')).status).toBe(200);
  });

  it('limits widget-token requests per person', async () => {
    const t = await makeTenant(hub.fetcher);
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    const bea = await t.person('bea', { role: 'staff', branchIds: ['A'] });
    const fetcher = appWith({ person: { points: 2, durationS: 60 } });
    const me = client(fetcher, ana.token);
    expect((await me.get('/v1/me/unread-count')).status).toBe(200);
    expect((await me.post('/v1/me/notifications/read-all')).status).toBe(200);
    const limited = await me.get('/v1/me/notifications');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    // A second token of the same person shares the budget; another person has their own.
    const again = await t.api.post('/v1/widget-tokens', { recipientId: 'ana' });
    expect((await client(fetcher, again.body.token).get('/v1/me/unread-count')).status).toBe(429);
    expect((await client(fetcher, bea.token).get('/v1/me/unread-count')).status).toBe(200);
    // The host's API key is not the person's budget.
    expect((await client(fetcher, t.apiKey).get('/v1/recipients/ana')).status).toBe(200);
  });

  describe('failed credentials per client address', () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });

    it('refuses an address that sent too many wrong credentials of any kind, before checking the next', async () => {
      const t = await makeTenant(hub.fetcher);
      const channel = await t.api.post('/v1/channels', {
        kind: 'telegram',
        name: 'bot',
        config: { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', webhookSecret: 'hook-secret_1' },
      });
      expect(channel.status).toBe(201);
      const fetcher = appWith({ authFailures: { points: 4, durationS: 60 } }, { trustedProxies: 1 });
      const call = (token: string, path: string, address: string, method = 'GET') =>
        client(fetcher, token).raw(method, path, method === 'POST' ? {} : undefined, from(address));
      const attacker = '203.0.113.7';
      expect((await call('ak_guess', '/v1/tenant', attacker)).status).toBe(401);
      expect((await call('adm_guess', '/v1/admin/tenants', attacker, 'POST')).status).toBe(401);
      expect((await call('not-a-jwt', '/v1/me/unread-count', attacker)).status).toBe(401);
      const hook = await fetcher(`/v1/hooks/telegram/${channel.body.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': 'guess',
          ...from(attacker),
        },
        body: '{}',
      });
      expect(hook.status).toBe(401);
      // Four failures spent the budget: the next try, even with the right key, is not looked at.
      const blocked = await call(t.apiKey, '/v1/tenant', attacker);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(50);
      // Other addresses, and requests that need no credential, are not affected.
      expect((await call(t.apiKey, '/v1/tenant', '198.51.100.1')).status).toBe(200);
      expect((await fetcher('/healthz', { headers: from(attacker) })).status).toBe(200);
    });

    it('reads X-Forwarded-For only from trusted proxies, so a client cannot pick a fresh address', async () => {
      const t = await makeTenant(hub.fetcher);
      const fetcher = appWith({ authFailures: { points: 2, durationS: 60 } });
      for (const forged of ['192.0.2.1', '192.0.2.2']) {
        expect(
          (await client(fetcher, 'ak_guess').raw('GET', '/v1/tenant', undefined, from(forged))).status,
        ).toBe(401);
      }
      const blocked = await client(fetcher, t.apiKey).raw('GET', '/v1/tenant', undefined, from('192.0.2.3'));
      expect(blocked.status).toBe(429);
    });

    it('does not count successful or expired-but-genuine credentials', async () => {
      const t = await makeTenant(hub.fetcher);
      const fetcher = appWith({ authFailures: { points: 1, durationS: 60 } }, { trustedProxies: 1 });
      await t.person('eva', { role: 'staff', branchIds: [] });
      const expired = await new SignJWT({ tid: t.id })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('eva')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
        .sign(new TextEncoder().encode(t.widgetSecret));
      for (let i = 0; i < 3; i++) {
        expect(
          (await client(fetcher, t.apiKey).raw('GET', '/v1/tenant', undefined, from('198.51.100.9'))).status,
        ).toBe(200);
        const stale = await client(fetcher, expired).raw(
          'GET',
          '/v1/me/unread-count',
          undefined,
          from('198.51.100.9'),
        );
        expect(stale.body.error.code).toBe('TOKEN_EXPIRED');
      }
    });
  });

  it('keeps counting in memory while Redis is unreachable', async () => {
    const { keys } = await tenantWithTwoKeys();
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      const api = client(appWith({ apiKey: { points: 2, durationS: 60 } }, { redis: down }), keys[0]);
      expect((await api.get('/v1/tenant')).status).toBe(200);
      expect((await api.get('/v1/tenant')).status).toBe(200);
      expect((await api.get('/v1/tenant')).status).toBe(429);
    } finally {
      down.disconnect();
    }
  });

  describe.skipIf(!hasRedis)('with Redis', () => {
    const shared = machineRedis();

    it('shares one budget per key between nodes, separate per key', async () => {
      const { keys } = await tenantWithTwoKeys();
      const options = { redis: shared.redis, keyPrefix: `aviso:test:${randomUUID()}` };
      const settings = { apiKey: { points: 3, durationS: 60 } };
      const [nodeA, nodeB] = [appWith(settings, options), appWith(settings, options)];
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
