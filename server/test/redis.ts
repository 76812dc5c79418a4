import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { testEnv } from './env.ts';

/** Whether the machine's Redis is there to test against (`AVISO_TEST_REDIS_URL`). */
export const hasRedis = !!testEnv.redisUrl;

/**
 * A connection to the machine's Redis for the enclosing suite: ready before its tests (until it
 * is, limiters count in memory, by design) and closed after them.
 */
export function machineRedis() {
  const suite = {} as { redis: Redis };
  beforeAll(async () => {
    suite.redis = new Redis(testEnv.redisUrl!, { maxRetriesPerRequest: 1 });
    await suite.redis.ping();
  });
  afterAll(async () => {
    await suite.redis.quit();
  });
  return suite;
}
