import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE, dataSourceOptions } from '../../src/database/data-source-options';

/**
 * The one "fresh database + Redis prefix" harness, for Jest's global setup, the benchmarks and
 * the drills alike: a database of its own, owned and migrated (the real migrations) by the schema
 * owner login, used by the app through its least-privilege login as in production, and a Redis
 * key prefix of its own, so runs never see each other's data. `destroy()` drops both.
 *
 * Like everything in test/utils it uses no Jest globals: scripts import it too.
 */

/**
 * Where PostgreSQL and Redis are. Defaults are the local services every machine of this kind
 * runs; override with TEST_PG_ADMIN_URL / TEST_REDIS_URL. The admin URL must be a superuser (or
 * a role with CREATEDB and CREATEROLE): it makes each run's database and the login roles below.
 */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Signs and checks the development tokens of every app started on such an environment. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * The two login roles every run uses, as in production: the schema owner runs migrations, the
 * app (a member of APP_DATABASE_ROLE) runs everything else. Roles are cluster-wide, so runs share
 * them; the passwords only matter where the server asks for one (trust auth does not).
 */
export interface DatabaseLogin {
  name: string;
  password: string;
}
export const TEST_SCHEMA_OWNER: DatabaseLogin = { name: 'between_sessions_test_owner', password: 'between-sessions-test-owner' };
export const TEST_APP_LOGIN: DatabaseLogin = { name: 'between_sessions_test_app', password: 'between-sessions-test-app' };

/** Any run's setup holds this (in the admin's database) while it changes roles, which are shared by the whole cluster. */
const ROLES_LOCK = "hashtext('between-sessions-test-roles')";

/** What `destroy` needs; Jest's global teardown rebuilds it from the variables global setup exported. */
export interface EnvironmentLocation {
  databaseName: string;
  adminUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** A named database (`--database` of the benchmarks) outlives the run. */
  keepDatabase: boolean;
}

export interface Environment extends EnvironmentLocation {
  /** DATABASE_URL: the app's least-privilege login. */
  appUrl: string;
  /** DATABASE_MIGRATION_URL: the schema owner. */
  ownerUrl: string;
  /** Drops the database (unless kept) and deletes every key under the prefix. */
  destroy(): Promise<void>;
}

export interface EnvironmentOptions {
  /** Names the database (`bs_<label>_<run>`) and prefix (`bs-<label>-<run>`), e.g. "test", "bench-read". */
  label: string;
  /** Another PostgreSQL (a drill's private cluster); default TEST_PG_ADMIN_URL. */
  pgAdminUrl?: string;
  /** Another Redis (a drill's private server); default TEST_REDIS_URL. */
  redisUrl?: string;
  /** Use (and keep) this database, creating it when missing: a benchmark's data set reused across runs. */
  database?: string;
  /** Leave the new database empty (a test of the app's own boot-time migration); default true. */
  migrate?: boolean;
}

/** Environments this process made so far: two made in the same millisecond (a browser file's servers) still get names of their own. */
let environmentsMade = 0;

export async function createEnvironment(options: EnvironmentOptions): Promise<Environment> {
  environmentsMade += 1;
  const run = `${Date.now().toString(36)}_${process.pid}_${environmentsMade}`;
  const names = environmentNamePrefixes(options.label);
  const adminUrl = options.pgAdminUrl ?? TEST_PG_ADMIN_URL;
  const databaseName = options.database ?? `${names.database}${run}`;
  const admin = await connectAdmin(adminUrl);
  try {
    await ensureTestRoles(admin);
    const exists = ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName])).rowCount ?? 0) > 0;
    if (!exists) await createTestDatabase(admin, databaseName);
  } finally {
    await admin.end();
  }
  const ownerUrl = databaseUrlFor(adminUrl, databaseName, TEST_SCHEMA_OWNER);
  if (options.migrate !== false) await migrateAs(ownerUrl);
  const location: EnvironmentLocation = {
    databaseName,
    adminUrl,
    redisUrl: options.redisUrl ?? TEST_REDIS_URL,
    redisPrefix: `${names.redis}${run}`,
    keepDatabase: options.database !== undefined,
  };
  return { ...location, appUrl: databaseUrlFor(adminUrl, databaseName, TEST_APP_LOGIN), ownerUrl, destroy: () => destroyEnvironment(location) };
}

/** How every database and Redis prefix made with `label` begins: a sweep finds them all by it. */
export function environmentNamePrefixes(label: string): { database: string; redis: string } {
  const name = label.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return { database: `bs_${name}_`, redis: `bs-${name.replace(/_/g, '-')}-` };
}

export async function destroyEnvironment(location: EnvironmentLocation): Promise<void> {
  await clearRedisPrefix(location.redisPrefix, location.redisUrl).catch((error: Error) =>
    console.warn(`could not delete the keys under ${location.redisPrefix}: ${error.message}`),
  );
  if (location.keepDatabase) return;
  const admin = await connectAdmin(location.adminUrl);
  try {
    await dropTestDatabase(admin, location.databaseName);
  } finally {
    await admin.end();
  }
}

export async function connectAdmin(adminUrl = TEST_PG_ADMIN_URL): Promise<Client> {
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests and benchmarks need PostgreSQL at ${adminUrl} ("npm run test:all" starts it): ${(error as Error).message}`);
  }
  return admin;
}

/**
 * The schema owner and app login roles, and the app's group role, as a DBA would set them up once
 * per cluster: created when missing, never dropped (other runs use them at the same time). The
 * group role is made here, not by the migration, so the owner needs no CREATEROLE.
 */
export async function ensureTestRoles(admin: Client): Promise<void> {
  await admin.query(`SELECT pg_advisory_lock(${ROLES_LOCK})`);
  try {
    const [{ may }] = (await admin.query(`SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user`)).rows as Array<{ may: boolean }>;
    if (!may) throw new Error(`TEST_PG_ADMIN_URL must be a superuser, or have CREATEROLE and CREATEDB: tests make their own login roles and databases.`);
    const exists = async (role: string) => ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount ?? 0) > 0;
    for (const login of [TEST_SCHEMA_OWNER, TEST_APP_LOGIN]) {
      await admin.query(
        `${(await exists(login.name)) ? 'ALTER' : 'CREATE'} ROLE ${login.name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${login.password}'`,
      );
    }
    if (!(await exists(APP_DATABASE_ROLE))) await admin.query(`CREATE ROLE ${APP_DATABASE_ROLE} NOLOGIN`);
    await admin.query(`GRANT ${APP_DATABASE_ROLE} TO ${TEST_APP_LOGIN.name}`);
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(${ROLES_LOCK})`);
  }
}

/** A new, empty database owned by the schema owner. */
export async function createTestDatabase(admin: Client, name: string): Promise<void> {
  await admin.query(`CREATE DATABASE "${name}" OWNER ${TEST_SCHEMA_OWNER.name}`);
}

export async function dropTestDatabase(admin: Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** The URL of database `name` on the server of `adminUrl`, as `login` (the admin's own login when none). */
export function databaseUrlFor(adminUrl: string, name: string, login?: DatabaseLogin): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (login) {
    url.username = login.name;
    url.password = login.password;
  }
  return url.toString();
}

/** Runs the real migrations as `url`'s role. Migrations are SQL only, so no entity is loaded. */
export async function migrateAs(url: string): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, 1, 'between-sessions-test-setup'), entities: [] });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Deletes every key under a run's prefix (queues, rate limits), leaving other runs alone. */
export async function clearRedisPrefix(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      // A test may run an app on a prefix of its own beside the run's (`<prefix>-shutdown`).
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
