import { Client } from 'pg';
import { Logger } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProcessRole } from '../../src/app.module';
import { startApp, RunningApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';
import { runEnvironment } from '../setup/test-env';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../utils/environment';
import { signToken, TokenClaims } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';
import { assertNoTransactionConnectionViolations, guardTransactionConnections, transactionConnectionViolationCount } from './transaction-connection-guard';

export interface TestApp {
  running: RunningApp;
  dataSource: DataSource;
  config: AppConfig;
  url: string;
  /** Sends one GraphQL operation as the given token (or anonymously). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  token(sub: string, role: Role, claims?: TokenClaims): Promise<string>;
  /** Closes the app; fails when a query left its transaction's connection while it ran. */
  close(): Promise<void>;
}

/**
 * The environment a test process runs with: the run's database as the app's least-privilege role
 * (global setup migrated it), its Redis prefix, test secrets.
 */
export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { databaseUrl, redisPrefix: prefix } = runEnvironment();
  return {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    TOXICITY_REQUIRED: 'false',
    ...overrides,
  };
}

/** Boots the real application (HTTP API, and the worker too unless role says otherwise); `logger` to read its logs. */
export async function startTestApp(options: { role?: ProcessRole; env?: Record<string, string>; logger?: Logger } = {}): Promise<TestApp> {
  guardTransactionConnections();
  const violationsBefore = transactionConnectionViolationCount();
  const config = AppConfig.fromEnv(testEnv(options.env));
  const running = await startApp(options.role ?? 'all', config, options.logger ?? createRootLogger(config.logLevel));
  const url = running.graphqlUrl;
  if (!url) throw new Error('the test app serves no HTTP');
  const dataSource = running.app.get(DataSource);
  const http = request(url.replace(/\/graphql$/, ''));
  return {
    running,
    dataSource,
    config,
    url,
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      let req = http.post('/graphql').set('content-type', 'application/json');
      if (token) req = req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      const body = res.body as { data?: T | null; errors?: GraphqlResponse['errors'] };
      return { status: res.status, data: body.data, errors: body.errors };
    },
    token: (sub, role, claims = {}) => signToken(sub, role, claims),
    async close() {
      await running.close();
      assertNoTransactionConnectionViolations(violationsBefore);
    },
  };
}

/** The run's database as the schema owner, for the few tests that change the schema (the app never may). */
export async function connectAsSchemaOwner(): Promise<Client> {
  const client = new Client({ connectionString: runEnvironment().migrationDatabaseUrl });
  await client.connect();
  return client;
}
