import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { servicesRequired } from './databases.ts';

/** Where the tests look for Redis; the same default as scripts/test.mjs. */
export const REDIS_URL = process.env.CONVENE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Answers whether Redis answers PING. */
export async function isRedisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 10_000,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisAvailable = await isRedisReachable();

/**
 * Runs a suite with a Redis client and a key prefix of its own, whose keys it deletes
 * afterwards. Without Redis the suite is skipped with a plain reason, or fails when services
 * are required.
 */
export function describeWithRedis(
  title: string,
  suite: (redis: () => { client: Redis; namespace: string }) => void,
): void {
  if (!redisAvailable) {
    if (servicesRequired)
      describe(title, () => {
        before(() => {
          throw new Error(
            `Redis is not reachable at ${REDIS_URL}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
          );
        });
        it('needs Redis', () => {});
      });
    else describe(title, { skip: `Redis is not reachable at ${REDIS_URL}` }, () => {});
    return;
  }
  describe(title, () => {
    const namespace = `convene-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}-`;
    const client = new Redis(REDIS_URL, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    after(async () => {
      const keys = await client.keys(`${namespace}*`);
      if (keys.length > 0) await client.del(...keys);
      client.disconnect();
    });
    suite(() => ({ client, namespace }));
  });
}
