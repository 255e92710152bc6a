import { DataSource } from 'typeorm';
import { parseEnv } from '../config/env.schema';
import { dataSourceOptions } from './data-source-options';

/**
 * Entry for the TypeORM CLI (`npm run migration:*`). The CLI needs a running server, so it
 * requires DATABASE_URL; the app itself migrates the embedded database at boot.
 */
const env = parseEnv({ JWT_SECRET: 'x'.repeat(32), ...process.env });
if (!env.DATABASE_URL) {
  throw new Error('DATABASE_URL is not set: the migration commands need a PostgreSQL server to talk to.');
}
export default new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
