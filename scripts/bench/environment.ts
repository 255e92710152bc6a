/**
 * A running installation for one benchmark or drill: fresh database, API and worker processes,
 * a thread to post in and members to post as. `close()` stops everything, drops the database and
 * deletes the run's Redis keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/domain/role.enum';
import { writeToxicityFixture } from '../../test/fixtures/toxicity-fixture';
import {
  baseEnv,
  ROOT,
  clearRedisPrefix,
  cpuMs,
  ensureBuilt,
  freePort,
  freshDatabase,
  gql,
  ServerProcess,
  startProcess,
  tokenFor,
  waitFor,
  waitReady,
} from './harness';

export interface BenchEnvironment {
  graphqlUrl: string;
  port: number;
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
  /** SQL statements the API process has sent so far (only with `countSql`; otherwise null). */
  sqlStatements(): Promise<number | null>;
  /** Starts (another) worker process; `extraEnv` and `preload` apply to it only. */
  startWorker(options?: { extraEnv?: Record<string, string>; preload?: string[]; quiet?: boolean }): ServerProcess;
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
  /** A private PostgreSQL / Redis (drills that stop them); default the machine's. */
  pgAdminUrl?: string;
  redisUrl?: string;
  /** Count the API's SQL statements (a `node -r` preload in the API process; see sql-counter.preload.cjs). */
  countSql?: boolean;
  /** Whether the thread's first post must be published before the run (replies need it visible). */
  publishThread?: boolean;
}

export async function startEnvironment(options: EnvironmentOptions): Promise<BenchEnvironment> {
  ensureBuilt();
  const database = await freshDatabase(options.label, options.database, options.pgAdminUrl);
  const prefix = `bs-bench-${options.label}-${Date.now().toString(36)}`;
  let port = await freePort();
  let fixtureDir: string | null = null;
  const modelEnv: Record<string, string> = {};
  if (options.toxicityModel !== false) {
    fixtureDir = await mkdtemp(join(tmpdir(), 'bs-bench-model-'));
    const fixture = await writeToxicityFixture(fixtureDir);
    Object.assign(modelEnv, { TOXICITY_MODEL_URL: fixture.modelUrl, TOXICITY_VOCAB_URL: fixture.vocabUrl, TOXICITY_REQUIRED: 'true' });
  }
  const apiPreload = [...(options.apiPreload ?? [])];
  const sqlCounterPort = options.countSql ? await freePort() : null;
  if (sqlCounterPort) apiPreload.push(join(ROOT, 'scripts', 'bench', 'sql-counter.preload.cjs'));
  // Load tests drive far more posts per member than a person writes; the limiter still runs.
  const env = baseEnv(database.url, prefix, {
    PORT: String(port),
    FORUM_RATE_LIMIT_MULTIPLIER: '100000',
    ...modelEnv,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(sqlCounterPort ? { BENCH_SQL_COUNTER_PORT: String(sqlCounterPort) } : {}),
    ...options.extraEnv,
  });
  let api = startProcess('api', env, { preload: apiPreload, nodeArgs: options.apiNodeArgs });
  await waitReady(port);
  const workers: ServerProcess[] = [];
  let worker: ServerProcess | null = null;
  const startWorker: BenchEnvironment['startWorker'] = (workerOptions = {}) => {
    worker = startProcess(
      'worker',
      { ...env, ...workerOptions.extraEnv },
      { preload: workerOptions.preload ?? options.workerPreload, quiet: workerOptions.quiet },
    );
    workers.push(worker);
    return worker;
  };
  if (options.worker) startWorker();
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
      async () => (await gql<{ thread: { status: string } | null }>(graphqlUrl(), staffToken, threadQuery)).thread?.status === 'PUBLISHED',
      120_000,
      'the benchmark thread to be published',
    );
  }

  return {
    get graphqlUrl() {
      return graphqlUrl();
    },
    get port() {
      return port;
    },
    databaseUrl: database.url,
    prefix,
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
    apiCpuMs: () => cpuMs(api.pid),
    async sqlStatements() {
      if (!sqlCounterPort) return null;
      return ((await (await fetch(`http://127.0.0.1:${sqlCounterPort}/`)).json()) as { statements: number }).statements;
    },
    startWorker,
    async restartApi(extraEnv = {}) {
      await api.stop();
      port = Number(extraEnv.PORT ?? port);
      api = startProcess('api', { ...env, ...extraEnv, PORT: String(port) }, { preload: apiPreload });
      await waitReady(port);
      return api;
    },
    async close() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
      await database.drop();
      await clearRedisPrefix(prefix, env.REDIS_URL).catch(() => undefined);
      if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
    },
  };
}
