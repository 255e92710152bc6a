import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE, dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrlFor, TEST_APP_LOGIN, TEST_PG_ADMIN_URL, TEST_SCHEMA_OWNER } from './test-env';

/** Any run's setup holds this (in the admin's database) while it changes roles, which are shared by the whole cluster. */
const ROLES_LOCK = "hashtext('between-sessions-test-roles')";

export async function connectAdmin(): Promise<Client> {
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${TEST_PG_ADMIN_URL} (run them through "npm run test:all", which starts it): ${(error as Error).message}`);
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

/** A new, empty database owned by the schema owner; its URLs as the owner and as the app. */
export async function createTestDatabase(admin: Client, name: string): Promise<{ ownerUrl: string; appUrl: string }> {
  await admin.query(`CREATE DATABASE "${name}" OWNER ${TEST_SCHEMA_OWNER.name}`);
  return { ownerUrl: databaseUrlFor(name, TEST_SCHEMA_OWNER), appUrl: databaseUrlFor(name, TEST_APP_LOGIN) };
}

export async function dropTestDatabase(admin: Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Runs the real migrations as `url`'s role. */
export async function migrateAs(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 1, 'between-sessions-test-setup'));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
