/**
 * A running installation for one benchmark or drill: the shared environment (test/utils: fresh
 * database migrated by its owner, Redis prefix), the API and worker as processes of the production
 * build, a thread to post in and members to post as. `close()` stops everything, drops the
 * database and deletes the run's Redis keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/domain/role.enum';
import { writeToxicityFixture } from '../../test/fixtures/toxicity-fixture';
import { childPids, ensureBuilt, freePort, ROOT, ServerProcess, spawnApp, waitReady } from '../../test/utils/app-process';
import { createEnvironment, TEST_JWT_SECRET } from '../../test/utils/environment';
import { waitFor } from '../../test/utils/wait-for';
import { cpuMs, gql, tokenFor, useProductionSigner } from './harness';
import { startProductionSigner } from './production-tokens';

export interface BenchEnvironment {
  graphqlUrl: string;
  port: number;
  /** The schema owner's URL, for the run's own seeding and ledger reads (ANALYZE needs the owner); the app uses its least-privilege login. */
  databaseUrl: string;
  prefix: string;
  api: ServerProcess;
  worker: ServerProcess | null;
  env: NodeJS.ProcessEnv;
  threadId: string;
  spaceId: string;
  /** One client token per connection: each connection is its own member. */
  clientTokens: string[];
  staffToken: string;
  apiCpuMs(): number;
  /** CPU milliseconds of the workers this environment started. */
  workerCpuMs(): number;
  /** SQL statements the API process has sent so far (only with `countSql`; otherwise null). */
  sqlStatements(): Promise<number | null>;
  /** The same count by statement head (its first 90 characters, no values; only with `countSql`). */
  sqlStatementsByHead(): Promise<Record<string, number> | null>;
  /** Statements the workers started with the environment have sent, by head (only with `countSql`; otherwise null). */
  workerSqlStatementsByHead(): Promise<Record<string, number> | null>;
  /** Starts (another) worker process; `extraEnv` and `preload` apply to it only. */
  startWorker(options?: { extraEnv?: Record<string, string>; preload?: string[]; nodeArgs?: string[]; quiet?: boolean }): ServerProcess;
  /** Restarts the API process on the same port (a drill changing its environment). */
  restartApi(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  label: string;
  members: number;
  worker: boolean;
  database?: string;
  extraEnv?: Record<string, string>;
  /** Screen with the deterministic fixture toxicity model, so every post runs all five phases. */
  toxicityModel?: boolean;
  apiPreload?: string[];
  workerPreload?: string[];
  /** Extra `node` flags for the API process (e.g. `--cpu-prof`). */
  apiNodeArgs?: string[];
  /** Extra `node` flags for the workers started with the environment. */
  workerNodeArgs?: string[];
  /** A private PostgreSQL / Redis (drills that stop them); default the machine's. */
  pgAdminUrl?: string;
  redisUrl?: string;
  /** Count the API's SQL statements (a `node -r` preload in the API process; see sql-counter.preload.cjs). */
  countSql?: boolean;
  /** Whether the thread's first post must be published before the run (replies need it visible). */
  publishThread?: boolean;
  /** NODE_ENV=production with RS256 tokens from a JWKS of the run's own (production-tokens.ts), instead of test mode's HS256 secret. */
  production?: boolean;
}

/**
 * How many API processes (`--processes N` under one cluster primary, one port) and worker
 * processes every environment starts: `npm run bench -- --api-processes N --workers N` sets them.
 */
export const processCounts = { api: 1, workers: 1 };

export async function startEnvironment(options: EnvironmentOptions): Promise<BenchEnvironment> {
  ensureBuilt();
  const environment = await createEnvironment({
    label: `bench-${options.label}`,
    database: options.database,
    pgAdminUrl: options.pgAdminUrl,
    redisUrl: options.redisUrl,
  });
  const signer = options.production ? await startProductionSigner() : null;
  useProductionSigner(signer);
  let port = await freePort();
  let fixtureDir: string | null = null;
  const modelEnv: Record<string, string> = {};
  if (options.toxicityModel !== false) {
    fixtureDir = await mkdtemp(join(tmpdir(), 'bs-bench-model-'));
    const fixture = await writeToxicityFixture(fixtureDir);
    Object.assign(modelEnv, { TOXICITY_MODEL_URL: fixture.modelUrl, TOXICITY_VOCAB_URL: fixture.vocabUrl, TOXICITY_REQUIRED: 'true' });
  }
  const apiPreload = [...(options.apiPreload ?? [])];
  // The counter is one HTTP port per process: under a cluster the processes would share it, so it is off there.
  const sqlCounterPort = options.countSql && processCounts.api === 1 ? await freePort() : null;
  if (sqlCounterPort) apiPreload.push(join(ROOT, 'scripts', 'bench', 'sql-counter.preload.cjs'));
  // Each worker started with the environment counts on a port of its own.
  const workerCounterPorts: number[] = [];
  if (options.countSql && options.worker) for (let i = 0; i < processCounts.workers; i++) workerCounterPorts.push(await freePort());
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: options.extraEnv?.NODE_ENV === 'production' ? 'production' : 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: environment.appUrl,
    DATABASE_POOL_SIZE: '16',
    REDIS_URL: environment.redisUrl,
    REDIS_PREFIX: environment.redisPrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    TOXICITY_REQUIRED: 'false',
    PORT: String(port),
    // Load tests drive far more posts per member than a person writes; the limiter still runs.
    FORUM_RATE_LIMIT_MULTIPLIER: '100000',
    ...modelEnv,
    ...(sqlCounterPort ? { BENCH_SQL_COUNTER_PORT: String(sqlCounterPort) } : {}),
    ...options.extraEnv,
    ...signer?.env,
  };
  // Production verifies provider tokens only: no development secret beside the JWKS.
  if (signer) delete env.JWT_SECRET;
  const apiArgs = processCounts.api > 1 ? ['--processes', String(processCounts.api)] : [];
  let api = spawnApp('api', env, { preload: apiPreload, nodeArgs: options.apiNodeArgs, args: apiArgs });
  await waitReady(port, api);
  const workers: ServerProcess[] = [];
  let worker: ServerProcess | null = null;
  const startWorker: BenchEnvironment['startWorker'] = (workerOptions = {}) => {
    worker = spawnApp(
      'worker',
      { ...env, ...workerOptions.extraEnv },
      { preload: workerOptions.preload ?? options.workerPreload, nodeArgs: workerOptions.nodeArgs, quiet: workerOptions.quiet },
    );
    workers.push(worker);
    return worker;
  };
  if (options.worker) {
    for (let i = 0; i < processCounts.workers; i++) {
      const counterPort = workerCounterPorts[i];
      if (counterPort === undefined) startWorker({ nodeArgs: options.workerNodeArgs });
      else
        startWorker({
          extraEnv: { BENCH_SQL_COUNTER_PORT: String(counterPort) },
          preload: [...(options.workerPreload ?? []), join(ROOT, 'scripts', 'bench', 'sql-counter.preload.cjs')],
          nodeArgs: options.workerNodeArgs,
        });
    }
  }
  const graphqlUrl = () => `http://127.0.0.1:${port}/graphql`;

  const clientTokens = await Promise.all(Array.from({ length: options.members }, (_, i) => tokenFor(`bench-client-${i}`, Role.CLIENT)));
  const staffToken = await tokenFor('bench-admin', Role.ADMIN);
  // First sight creates the members, outside the measured part; a clinician makes paging real.
  for (let i = 0; i < clientTokens.length; i += 50) await Promise.all(clientTokens.slice(i, i + 50).map((t) => gql(graphqlUrl(), t, '{ me { id } }')));
  await gql(graphqlUrl(), staffToken, '{ me { id } }');
  await gql(graphqlUrl(), await tokenFor('bench-clinician', Role.CLINICIAN), '{ me { id } }');
  const { spaces } = await gql<{ spaces: Array<{ id: string }> }>(graphqlUrl(), clientTokens[0], '{ spaces { id } }');
  const spaceId = spaces[0].id;
  const { createThread } = await gql<{ createThread: { id: string } }>(
    graphqlUrl(),
    clientTokens[0],
    'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    { input: { spaceId, title: 'Benchmark thread', body: 'A thread for measuring how the forum copes with load.' } },
  );

  // Other members can reply only once the thread is visible to them, i.e. screened and published.
  const threadQuery = '{ thread(id: "' + createThread.id + '") { status } }';
  if (options.worker && options.publishThread !== false) {
    await waitFor(
      'the benchmark thread to be published',
      async () => (await gql<{ thread: { status: string } | null }>(graphqlUrl(), staffToken, threadQuery)).thread?.status === 'PUBLISHED',
      { timeoutMs: 120_000, intervalMs: 100, retryErrors: true },
    );
  }

  return {
    get graphqlUrl() {
      return graphqlUrl();
    },
    get port() {
      return port;
    },
    databaseUrl: environment.ownerUrl,
    prefix: environment.redisPrefix,
    get api() {
      return api;
    },
    get worker() {
      return worker;
    },
    env,
    threadId: createThread.id,
    spaceId,
    clientTokens,
    staffToken,
    // A cluster's primary and its API processes together (a process that exited is not counted).
    apiCpuMs: () => [api.pid, ...childPids(api.pid)].reduce((sum, pid) => sum + cpuMs(pid), 0),
    workerCpuMs: () => workers.reduce((sum, w) => sum + cpuMs(w.pid), 0),
    async sqlStatements() {
      if (!sqlCounterPort) return null;
      return ((await (await fetch(`http://127.0.0.1:${sqlCounterPort}/`)).json()) as { statements: number }).statements;
    },
    async sqlStatementsByHead() {
      if (!sqlCounterPort) return null;
      return ((await (await fetch(`http://127.0.0.1:${sqlCounterPort}/`)).json()) as { byHead: Record<string, number> }).byHead;
    },
    async workerSqlStatementsByHead() {
      if (workerCounterPorts.length === 0) return null;
      const total: Record<string, number> = {};
      for (const counterPort of workerCounterPorts) {
        const { byHead } = (await (await fetch(`http://127.0.0.1:${counterPort}/`)).json()) as { byHead: Record<string, number> };
        for (const [head, count] of Object.entries(byHead)) total[head] = (total[head] ?? 0) + count;
      }
      return total;
    },
    startWorker,
    async restartApi(extraEnv = {}) {
      await api.stop();
      port = Number(extraEnv.PORT ?? port);
      api = spawnApp('api', { ...env, ...extraEnv, PORT: String(port) }, { preload: apiPreload, args: apiArgs });
      await waitReady(port, api);
      return api;
    },
    async close() {
      // Every process is stopped (a hung one is killed) before the database goes; then say which hung.
      const stopped = await Promise.allSettled([api.stop(), ...workers.map((w) => w.stop())]);
      await environment.destroy();
      await signer?.close();
      useProductionSigner(null);
      if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
      const hung = stopped.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (hung.length) throw new Error(hung.map((h) => String((h.reason as Error).message)).join('\n'));
    },
  };
}
