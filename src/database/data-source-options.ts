import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';

/**
 * The group role whose grants the app's login role (DATABASE_URL) uses: DML on the app's tables,
 * INSERT and SELECT only on `audit_events`, nothing it owns. Created and granted by the migration
 * `GrantLeastPrivilegeAppRole`.
 */
export const APP_DATABASE_ROLE = 'between_sessions_app';

/**
 * The one description of the database, shared by the app and the TypeORM CLI. Entities and
 * migrations are found by file name so a feature adds its own without editing a list here.
 * `synchronize` is off everywhere: the schema changes only through reviewed migrations.
 */
export function dataSourceOptions(url: string, poolSize: number, applicationName = 'between-sessions'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast and name the database when it is not there, instead of retrying forever.
      connectionTimeoutMillis: 5_000,
      application_name: applicationName,
    },
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto',
    // Nothing needs an extension, and the app's role may not create one (no DDL).
    installExtensions: false,
  };
}
