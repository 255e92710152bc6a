import { destroyEnvironment, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from '../utils/environment';
import { RUN_DATABASE_NAME_VAR, RUN_REDIS_PREFIX_VAR } from './test-env';

/** Drops the run's database (BS_TEST_KEEP_DATABASE=1 keeps it to look at) and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const databaseName = process.env[RUN_DATABASE_NAME_VAR];
  const redisPrefix = process.env[RUN_REDIS_PREFIX_VAR];
  if (!databaseName || !redisPrefix) return;
  await destroyEnvironment({
    databaseName,
    redisPrefix,
    adminUrl: TEST_PG_ADMIN_URL,
    redisUrl: TEST_REDIS_URL,
    keepDatabase: process.env.BS_TEST_KEEP_DATABASE === '1',
  });
}
