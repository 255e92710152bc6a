/**
 * Where the tests' PostgreSQL and Redis are. Defaults are the local services every machine of this
 * kind runs; override with TEST_PG_ADMIN_URL / TEST_REDIS_URL. The admin URL must be a superuser
 * (or a role with CREATEDB and CREATEROLE): it makes each run's database and the login roles below.
 */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * The two login roles every run uses, as in production: the schema owner runs migrations, the
 * app (a member of APP_DATABASE_ROLE) runs everything else. Roles are cluster-wide, so runs share
 * them; the passwords only matter where the server asks for one (trust auth does not).
 */
export interface TestLogin {
  name: string;
  password: string;
}
export const TEST_SCHEMA_OWNER: TestLogin = { name: 'between_sessions_test_owner', password: 'between-sessions-test-owner' };
export const TEST_APP_LOGIN: TestLogin = { name: 'between_sessions_test_app', password: 'between-sessions-test-app' };

/** The run's database (as the app's role and as the schema owner) and Redis prefix, passed from global setup to tests through the environment. */
export const RUN_DATABASE_URL_VAR = 'BS_TEST_DATABASE_URL';
export const RUN_MIGRATION_DATABASE_URL_VAR = 'BS_TEST_MIGRATION_DATABASE_URL';
export const RUN_REDIS_PREFIX_VAR = 'BS_TEST_REDIS_PREFIX';
export const RUN_DATABASE_NAME_VAR = 'BS_TEST_DATABASE_NAME';

/** The URL of database `name` on the test server, as `login` (the admin's own login when none). */
export function databaseUrlFor(name: string, login?: TestLogin): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  if (login) {
    url.username = login.name;
    url.password = login.password;
  }
  return url.toString();
}
