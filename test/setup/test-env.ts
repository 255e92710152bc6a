/**
 * The environment a test file's app runs against, passed through these variables: Jest's workers
 * inherit the environment, not module state. In the e2e project they name the run's environment
 * (global setup made it); in the browser project each server has one of its own, which
 * startServer (test/browser/browser-harness.ts) points them at, for that test file only (Jest
 * gives every test file its own copy of process.env).
 */
export const RUN_DATABASE_URL_VAR = 'BS_TEST_DATABASE_URL';
export const RUN_MIGRATION_DATABASE_URL_VAR = 'BS_TEST_MIGRATION_DATABASE_URL';
export const RUN_REDIS_PREFIX_VAR = 'BS_TEST_REDIS_PREFIX';
export const RUN_DATABASE_NAME_VAR = 'BS_TEST_DATABASE_NAME';
/**
 * The browser project's run: every server's environment is named after it, so the run's teardown
 * can drop any a test file left behind (a server never stopped, a file that crashed) and no other run's.
 */
export const BROWSER_RUN_VAR = 'BS_TEST_BROWSER_RUN';

/** The label (test/utils/environment.ts) of every environment of the browser run `run`. */
export function browserEnvironmentLabel(run: string): string {
  return `browser_${run}`;
}

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
    throw new Error(
      'e2e tests run through jest --selectProjects e2e (global setup makes the database); a browser test has a database once startServer has started its server.',
    );
  return { databaseUrl, migrationDatabaseUrl, redisPrefix };
}

/** Points runEnvironment() (and every app a test starts after this) at `environment`. */
export function useRunEnvironment(environment: { appUrl: string; ownerUrl: string; databaseName: string; redisPrefix: string }): void {
  process.env[RUN_DATABASE_URL_VAR] = environment.appUrl;
  process.env[RUN_MIGRATION_DATABASE_URL_VAR] = environment.ownerUrl;
  process.env[RUN_DATABASE_NAME_VAR] = environment.databaseName;
  process.env[RUN_REDIS_PREFIX_VAR] = environment.redisPrefix;
}
