import { runEnvironment } from '../setup/test-env';
import { freePort, ServerProcess, spawnApp, waitReady } from '../utils/app-process';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../utils/environment';
import { GraphqlResponse, postGraphql } from '../utils/graphql';

/** One API process from dist/ on a port of its own, and GraphQL calls to it. */
export interface ApiProcess {
  process: ServerProcess;
  url: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
}

/**
 * What every process of one scale-out test shares: this run's database and Redis, with Redis keys
 * and channels under `prefix`, so the processes hear each other and no other test file's.
 */
export function scaleOutEnv(prefix: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: runEnvironment().databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    TOXICITY_REQUIRED: 'false',
  };
}

/** Spawns an API process (`env` plus a free PORT) and waits until it answers /health/ready. */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const port = await freePort();
  const server = spawnApp('api', { ...env, PORT: String(port) });
  await waitReady(port, server, 90_000);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    process: server,
    url,
    gql: (query, variables = {}, token) => postGraphql(url, query, { variables, token, timeoutMs: 20_000 }),
  };
}
