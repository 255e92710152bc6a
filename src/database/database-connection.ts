import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { reportUnnamedStatementsTo, sendStatementsUnnamed } from '../common/sql/prepared-statement';
import { AppConfig } from '../config/app-config';
import { APP_DATABASE_ROLE, dataSourceOptions } from './data-source-options';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** PostgreSQL's "permission denied" / "must be owner". */
const INSUFFICIENT_PRIVILEGE = '42501';

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`Cannot reach the database at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The database answers, but its roles are not what the app needs; said in one line, like an unreachable database. */
export class DatabaseRoleError extends Error {
  override readonly name = 'DatabaseRoleError';
}

/** Where the database lives, without credentials, for messages. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Opens the app's DataSource and runs pending migrations before anything serves, so code never
 * meets an older schema. Migrations run as the schema owner (DATABASE_MIGRATION_URL) on a
 * connection of their own, closed before the app's (DATABASE_URL) opens. Without a migration URL
 * the app's role migrates, as in a one-role install, and is told how to split when it may not.
 * Without either URL: embedded PGlite, migrated as its superuser, the app then in its own role.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<{ dataSource: DataSource; embedded?: EmbeddedPostgres }> {
  const { url, migrationUrl, poolSize } = config.database;
  if (!url) return openEmbedded(config, logger);
  if (migrationUrl) await migrate(migrationUrl);
  const dataSource = await connect(url, poolSize);
  reportUnnamedStatementsTo(dataSource, logger);
  if (!config.database.preparedStatements) sendStatementsUnnamed(dataSource);
  try {
    if (!migrationUrl) await migrateWithAppRole(dataSource);
    await checkAuditLogIsAppendOnly(dataSource, config, logger);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return { dataSource };
}

async function openEmbedded(config: AppConfig, logger: Logger): Promise<{ dataSource: DataSource; embedded: EmbeddedPostgres }> {
  const embedded = await startEmbeddedPostgres({ dataDir: config.database.pgliteDataDir });
  try {
    await migrate(embedded.url);
    await embedded.setRole(APP_DATABASE_ROLE);
    const dataSource = await connect(embedded.url, EMBEDDED_POOL_SIZE);
    reportUnnamedStatementsTo(dataSource, logger);
    // One session behind every connection: a new pooled connection would prepare again what the session has.
    sendStatementsUnnamed(dataSource);
    return { dataSource, embedded };
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
}

async function connect(url: string, poolSize: number, applicationName?: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, poolSize, applicationName));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseUnavailableError(describeDatabase(url), error);
  }
  return dataSource;
}

/** Applies pending migrations as the schema owner, on one connection closed again afterwards. */
async function migrate(ownerUrl: string): Promise<void> {
  const dataSource = await connect(ownerUrl, 1, 'between-sessions-migrations');
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function migrateWithAppRole(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    throw new DatabaseRoleError(
      "Migrations are pending and DATABASE_URL's role may not apply them: set DATABASE_MIGRATION_URL to the schema owner's URL (or run npm run migration:run with it).",
    );
  }
}

/**
 * The audit log is append-only for the app only if its role neither owns `audit_events` (an owner
 * can disable or drop the trigger) nor may change or empty it. Production refuses to start
 * otherwise; elsewhere (one-role benchmarks, old setups) it is a warning.
 */
async function checkAuditLogIsAppendOnly(dataSource: DataSource, config: AppConfig, logger: Logger): Promise<void> {
  const rows: Array<{ role: string; can_rewrite: boolean }> = await dataSource.query(
    `SELECT current_user AS role, pg_has_role(c.relowner, 'MEMBER') OR has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE, TRIGGER') AS can_rewrite
     FROM pg_class c WHERE c.oid = to_regclass('public.audit_events')`,
  );
  if (!rows[0]?.can_rewrite) return;
  const message = `The app's database role (${rows[0].role}, DATABASE_URL) can rewrite or disable the append-only audit log: run the app as a member of ${APP_DATABASE_ROLE} and migrations with DATABASE_MIGRATION_URL (see .env.example).`;
  if (config.isProduction) throw new DatabaseRoleError(message);
  logger.warn(message);
}
