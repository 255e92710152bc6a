import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RUN_DATABASE_NAME_VAR, RUN_DATABASE_URL_VAR, RUN_REDIS_PREFIX_VAR, TEST_PG_ADMIN_URL, databaseUrlFor } from './test-env';

/**
 * A fresh database per run, migrated with the real migrations, and a Redis key prefix of its own,
 * so runs never see each other's data. Teardown drops both.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const name = `bs_test_${run}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${TEST_PG_ADMIN_URL} (run them through "npm run test:all", which starts it): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = databaseUrlFor(name);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  process.env[RUN_DATABASE_URL_VAR] = url;
  process.env[RUN_DATABASE_NAME_VAR] = name;
  process.env[RUN_REDIS_PREFIX_VAR] = `bs-test-${run}`;
}
