import { existsSync } from 'node:fs';
import { ProcessRole } from './app.module';
import { startApp } from './bootstrap';
import { AppConfig } from './config/app-config';
import { InvalidEnvironmentError } from './config/env.schema';
import { DatabaseRoleError, DatabaseUnavailableError } from './database/database-connection';
import { createRootLogger } from './logging/logger';

/**
 * Shared start-up for the entry points: load `.env` if present, validate the environment, start,
 * and turn the expected start-up failures into one line and exit code 1 instead of a stack.
 */
export async function runEntry(role: ProcessRole): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createRootLogger(config.logLevel);
  try {
    const running = await startApp(role, config, logger);
    logger.info({ role, graphqlUrl: running.graphqlUrl }, `between-sessions ${role} started`);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError || error instanceof DatabaseRoleError) {
      console.error(error.message);
      process.exit(1);
    }
    logger.fatal({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'start-up failed');
    process.exit(1);
  }
}

/** `.env` if present, then the validated environment; an invalid one is one line on stderr and exit code 1. */
export function loadConfigOrExit(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
