import Redis from 'ioredis';
import { Client } from 'pg';
import { RUN_DATABASE_NAME_VAR, RUN_REDIS_PREFIX_VAR, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

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
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
