import { clearRedisPrefix, connectAdmin, dropTestDatabase, environmentNamePrefixes, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from '../utils/environment';
import { BROWSER_RUN_VAR, browserEnvironmentLabel } from './test-env';

/**
 * Each server drops its environment when it stops; this drops what is left of the run's (a file
 * that never stopped its server, a test process that crashed), found by the run's name, so
 * another run's environments are never touched. BS_TEST_KEEP_DATABASE=1 keeps the databases.
 */
export default async function browserGlobalTeardown(): Promise<void> {
  const run = process.env[BROWSER_RUN_VAR];
  if (!run) return;
  const names = environmentNamePrefixes(browserEnvironmentLabel(run));
  await clearRedisPrefix(names.redis, TEST_REDIS_URL);
  if (process.env.BS_TEST_KEEP_DATABASE === '1') return;
  const admin = await connectAdmin(TEST_PG_ADMIN_URL);
  try {
    const { rows } = await admin.query<{ name: string }>('SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)', [names.database]);
    if (rows.length > 0) console.warn(`browser teardown: dropping ${rows.length} database(s) a browser file left behind (a server it never stopped?)`);
    for (const { name } of rows) await dropTestDatabase(admin, name);
  } finally {
    await admin.end();
  }
}
