import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../../test/support/env.ts';
import { channelLimiter, createLimiter } from './limiter.ts';

describe('createLimiter', () => {
  it('allows `points` per window, then says how long to wait', async () => {
    const limiter = createLimiter({ points: 2, durationS: 60 });
    expect(await limiter.consume('k')).toMatchObject({ ok: true, limit: 2, remaining: 1 });
    expect(await limiter.consume('k')).toMatchObject({ ok: true, remaining: 0 });
    const denied = await limiter.consume('k');
    expect(denied.ok).toBe(false);
    if (!denied.ok) {
      expect(denied.retryAfterMs).toBeGreaterThan(59_000);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect((await limiter.consume('other')).ok).toBe(true);
  });

  it('refuses options that cannot limit anything', () => {
    expect(() => createLimiter({ points: 0, durationS: 60 })).toThrow(/points/);
    expect(() => createLimiter({ points: 10, durationS: 0.5 })).toThrow(/durationS/);
  });
});

describe('channelLimiter', () => {
  it('keeps a budget per key and per rate', async () => {
    const limiter = channelLimiter();
    expect(await limiter.consume('t1:whatsapp', 1)).toEqual({ ok: true });
    const wait = await limiter.consume('t1:whatsapp', 1);
    expect(wait.ok).toBe(false);
    expect(wait.ok === false && wait.retryAfterMs).toBeGreaterThan(0);
    expect(await limiter.consume('t2:whatsapp', 1)).toEqual({ ok: true });
    expect(await limiter.consume('t1:telegram', 30)).toEqual({ ok: true });
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

    it('shares the budget between nodes', async () => {
      const prefix = `aviso:test:${randomUUID()}`;
      const [nodeA, nodeB] = [channelLimiter(redis, prefix), channelLimiter(redis, prefix)];
      expect((await nodeA.consume('t1:sms', 2)).ok).toBe(true);
      expect((await nodeB.consume('t1:sms', 2)).ok).toBe(true);
      expect((await nodeA.consume('t1:sms', 2)).ok).toBe(false);
      expect((await nodeB.consume('t2:sms', 2)).ok).toBe(true);
    });
  });
});
