import { connectAdmin, createTestDatabase, ensureTestRoles, migrateAs } from './test-databases';
import { RUN_DATABASE_NAME_VAR, RUN_DATABASE_URL_VAR, RUN_MIGRATION_DATABASE_URL_VAR, RUN_REDIS_PREFIX_VAR } from './test-env';

/**
 * A fresh database per run, owned by the schema owner role and migrated as it with the real
 * migrations, and a Redis key prefix of its own, so runs never see each other's data. Every test
 * app connects as the app's least-privilege role, so every e2e test shows the app works with it.
 * Teardown drops both.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const name = `bs_test_${run}`;
  const admin = await connectAdmin();
  let urls: { ownerUrl: string; appUrl: string };
  try {
    await ensureTestRoles(admin);
    urls = await createTestDatabase(admin, name);
  } finally {
    await admin.end();
  }
  await migrateAs(urls.ownerUrl);

  process.env[RUN_DATABASE_URL_VAR] = urls.appUrl;
  process.env[RUN_MIGRATION_DATABASE_URL_VAR] = urls.ownerUrl;
  process.env[RUN_DATABASE_NAME_VAR] = name;
  process.env[RUN_REDIS_PREFIX_VAR] = `bs-test-${run}`;
}
