import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export class DatabaseUnavailableError extends Error {
  constructor(readonly target: string, cause: unknown) {
    super(`Cannot reach the database at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Where the database lives, without credentials, for messages. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Opens the DataSource (starting embedded PostgreSQL when no DATABASE_URL is given) and runs
 * pending migrations before anything serves, so code never meets an older schema.
 */
export async function openDatabase(config: AppConfig): Promise<{ dataSource: DataSource; embedded?: EmbeddedPostgres }> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.database.pgliteDataDir });
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions(url, embedded ? EMBEDDED_POOL_SIZE : config.database.poolSize));
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new DatabaseUnavailableError(describeDatabase(url), error);
  }
  await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, embedded };
}
