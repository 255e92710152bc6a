import { DataSource } from 'typeorm';
import { parseEnv } from '../config/env.schema';
import { dataSourceOptions } from './data-source-options';

/**
 * Entry for the TypeORM CLI (`npm run migration:*`), which changes the schema: it connects as the
 * schema owner, DATABASE_MIGRATION_URL (DATABASE_URL in a one-role install). The CLI needs a
 * running server; the app itself migrates the embedded database at boot.
 */
// The app's own settings do not matter to the CLI: placeholders satisfy their checks.
const env = parseEnv({ JWT_SECRET: 'x'.repeat(32), DATABASE_URL: process.env.DATABASE_MIGRATION_URL, ...process.env });
const url = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
if (!url) {
  throw new Error("DATABASE_MIGRATION_URL is not set: the migration commands need the schema owner's PostgreSQL URL.");
}
export default new DataSource(dataSourceOptions(url, 2, 'between-sessions-migrations'));
