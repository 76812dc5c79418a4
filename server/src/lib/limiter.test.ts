import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasRedis, machineRedis } from '../../test/redis.ts';
import { ChannelRateLimiter, clientAddress, createLimiter } from './limiter.ts';

describe('createLimiter', () => {
  it('allows `points` per window, then says how long to wait', async () => {
    const limiter = createLimiter({ points: 2, durationS: 60 });
    expect(await limiter.consume('k')).toMatchObject({ ok: true, limit: 2, remaining: 1 });
    expect(limiter.blockedMs('k')).toBe(0);
    expect(await limiter.consume('k')).toMatchObject({ ok: true, remaining: 0 });
    // Once spent, the key is known to be blocked without another round trip.
    expect(limiter.blockedMs('k')).toBeGreaterThan(59_000);
    const denied = await limiter.consume('k');
    expect(denied.ok).toBe(false);
    if (!denied.ok) {
      expect(denied.retryAfterMs).toBeGreaterThan(59_000);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect(limiter.blockedMs('k')).toBeGreaterThan(59_000);
    expect((await limiter.consume('other')).ok).toBe(true);
    expect(limiter.blockedMs('other')).toBe(0);
  });

  it('refuses options that cannot limit anything', () => {
    expect(() => createLimiter({ points: 0, durationS: 60 })).toThrow(/points/);
    expect(() => createLimiter({ points: 10, durationS: 0.5 })).toThrow(/durationS/);
  });
});

describe('ChannelRateLimiter', () => {
  const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms);

  it('lets a minute’s worth through at once, then paces at the rate', () => {
    const limiter = new ChannelRateLimiter();
    for (let i = 0; i < 60; i++) expect(limiter.take('wa', 60, 'whatsapp', at(0))).toBe(0);
    expect(limiter.take('wa', 60, 'whatsapp', at(0))).toBe(1_000);
    expect(limiter.take('wa', 60, 'whatsapp', at(1_000))).toBe(0);
    // Another channel has its own budget; a channel without a rate gets its kind's default.
    expect(limiter.take('tg', null, 'telegram', at(0))).toBe(0);
    for (let i = 1; i < 60; i++) limiter.take('sms', null, 'sms', at(0));
    expect(limiter.take('sms', null, 'sms', at(0))).toBe(0);
    expect(limiter.take('sms', null, 'sms', at(0))).toBeGreaterThan(0);
  });

  describe.skipIf(!hasRedis)('with Redis', () => {
    const shared = machineRedis();

    it('shares one per-minute budget between nodes', async () => {
      const keyPrefix = `aviso:test:${randomUUID()}`;
      const [nodeA, nodeB] = [
        new ChannelRateLimiter({ redis: shared.redis, keyPrefix }),
        new ChannelRateLimiter({ redis: shared.redis, keyPrefix }),
      ];
      const sends = async (node: ChannelRateLimiter, n: number) => {
        let sent = 0;
        for (let i = 0; i < n; i++) {
          if (node.take('ch', 4, 'sms', at(0)) === 0) sent++;
          // The shared count is settled in the background, as between two real sends.
          await new Promise((r) => setTimeout(r, 5));
        }
        return sent;
      };
      expect(await sends(nodeA, 3)).toBe(3);
      // Node B's own bucket is full, but only one of the four shared sends is left (plus the one
      // that learns the budget is spent).
      expect(await sends(nodeB, 4)).toBeLessThanOrEqual(2);
      expect(nodeB.take('ch', 4, 'sms', at(0))).toBeGreaterThan(1_000);
      expect(nodeA.take('other', 4, 'sms', at(0))).toBe(0);
    });
  });
});

describe('clientAddress', () => {
  it('reads only the peer unless proxies are trusted', () => {
    expect(clientAddress('::ffff:10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the entry the outermost trusted proxy saw, never one the client wrote', () => {
    // The client forged "6.6.6.6"; the one proxy appended the address it saw.
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', ['6.6.6.6', '203.0.113.7, 10.0.0.1'], 2)).toBe('203.0.113.7');
    // Fewer entries than trusted hops: the leftmost one.
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  });
});
