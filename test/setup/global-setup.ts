import { createEnvironment } from '../utils/environment';
import { RUN_DATABASE_NAME_VAR, RUN_DATABASE_URL_VAR, RUN_MIGRATION_DATABASE_URL_VAR, RUN_REDIS_PREFIX_VAR } from './test-env';

/**
 * One environment per run (test/utils/environment.ts: a fresh database migrated by the schema
 * owner, a Redis prefix of its own), so runs never see each other's data. Every test app
 * connects as the app's least-privilege login, so every e2e test shows the app works with it.
 * Teardown drops both.
 */
export default async function globalSetup(): Promise<void> {
  const environment = await createEnvironment({ label: 'test' });
  process.env[RUN_DATABASE_URL_VAR] = environment.appUrl;
  process.env[RUN_MIGRATION_DATABASE_URL_VAR] = environment.ownerUrl;
  process.env[RUN_DATABASE_NAME_VAR] = environment.databaseName;
  process.env[RUN_REDIS_PREFIX_VAR] = environment.redisPrefix;
}
