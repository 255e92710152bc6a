import Redis from 'ioredis';
import { connectAdmin, dropTestDatabase } from './test-databases';
import { RUN_DATABASE_NAME_VAR, RUN_REDIS_PREFIX_VAR, TEST_REDIS_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const name = process.env[RUN_DATABASE_NAME_VAR];
  const prefix = process.env[RUN_REDIS_PREFIX_VAR];
  if (prefix) {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
  if (name && process.env.BS_TEST_KEEP_DATABASE !== '1') {
    const admin = await connectAdmin();
    try {
      await dropTestDatabase(admin, name);
    } finally {
      await admin.end();
    }
  }
}
