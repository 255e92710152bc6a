/**
 * The run's environment (test/utils/environment.ts made it in global setup), passed to every
 * test file through these variables: Jest's workers inherit the environment, not module state.
 */
export const RUN_DATABASE_URL_VAR = 'BS_TEST_DATABASE_URL';
export const RUN_MIGRATION_DATABASE_URL_VAR = 'BS_TEST_MIGRATION_DATABASE_URL';
export const RUN_REDIS_PREFIX_VAR = 'BS_TEST_REDIS_PREFIX';
export const RUN_DATABASE_NAME_VAR = 'BS_TEST_DATABASE_NAME';

export interface RunEnvironment {
  /** The run's database as the app's least-privilege login. */
  databaseUrl: string;
  /** The same database as the schema owner. */
  migrationDatabaseUrl: string;
  redisPrefix: string;
}

export function runEnvironment(): RunEnvironment {
  const databaseUrl = process.env[RUN_DATABASE_URL_VAR];
  const migrationDatabaseUrl = process.env[RUN_MIGRATION_DATABASE_URL_VAR];
  const redisPrefix = process.env[RUN_REDIS_PREFIX_VAR];
  if (!databaseUrl || !migrationDatabaseUrl || !redisPrefix)
    throw new Error('e2e tests run through jest --selectProjects e2e (global setup makes the database).');
  return { databaseUrl, migrationDatabaseUrl, redisPrefix };
}
