/**
 * Where the tests' PostgreSQL and Redis are. Defaults are the local services every machine of this
 * kind runs; override with TEST_PG_ADMIN_URL / TEST_REDIS_URL.
 */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The run's database and Redis prefix are passed from global setup to tests through the environment. */
export const RUN_DATABASE_URL_VAR = 'BS_TEST_DATABASE_URL';
export const RUN_REDIS_PREFIX_VAR = 'BS_TEST_REDIS_PREFIX';
export const RUN_DATABASE_NAME_VAR = 'BS_TEST_DATABASE_NAME';

export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
