/**
 * A running installation for one benchmark or drill: fresh database, API and worker processes,
 * a thread to post in and members to post as. `close()` stops everything and drops the database.
 */
import { Role } from '../../src/common/domain/role.enum';
import { baseEnv, cpuMs, ensureBuilt, freePort, freshDatabase, gql, ServerProcess, startProcess, tokenFor, waitFor, waitReady } from './harness';

export interface BenchEnvironment {
  graphqlUrl: string;
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
  startWorker(): ServerProcess;
  close(): Promise<void>;
}

export async function startEnvironment(options: {
  label: string;
  members: number;
  worker: boolean;
  database?: string;
  extraEnv?: Record<string, string>;
}): Promise<BenchEnvironment> {
  ensureBuilt();
  const database = await freshDatabase(options.label, options.database);
  const prefix = `bs-bench-${options.label}-${Date.now().toString(36)}`;
  const port = await freePort();
  // Load tests drive far more posts per member than a person writes; the limiter still runs.
  const env = baseEnv(database.url, prefix, { PORT: String(port), FORUM_RATE_LIMIT_MULTIPLIER: '100000', ...options.extraEnv });
  const api = startProcess('api', env);
  await waitReady(port);
  let worker = options.worker ? startProcess('worker', env) : null;
  const graphqlUrl = `http://127.0.0.1:${port}/graphql`;

  const clientTokens = await Promise.all(Array.from({ length: options.members }, (_, i) => tokenFor(`bench-client-${i}`, Role.CLIENT)));
  const staffToken = await tokenFor('bench-admin', Role.ADMIN);
  // First sight creates the members, outside the measured part.
  await Promise.all(clientTokens.map((t) => gql(graphqlUrl, t, '{ me { id } }')));
  await gql(graphqlUrl, staffToken, '{ me { id } }');
  const { spaces } = await gql<{ spaces: Array<{ id: string }> }>(graphqlUrl, clientTokens[0], '{ spaces { id } }');
  const spaceId = spaces[0].id;
  const { createThread } = await gql<{ createThread: { id: string } }>(
    graphqlUrl,
    clientTokens[0],
    'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    { input: { spaceId, title: 'Benchmark thread', body: 'A thread for measuring how the forum copes with load.' } },
  );

  // Other members can reply only once the thread is visible to them, i.e. screened and published.
  const threadQuery = '{ thread(id: "' + createThread.id + '") { status } }';
  if (worker) {
    await waitFor(async () => (await gql<{ thread: { status: string } | null }>(graphqlUrl, staffToken, threadQuery)).thread?.status === 'PUBLISHED', 30_000, 'the benchmark thread to be published');
  }

  return {
    graphqlUrl,
    databaseUrl: database.url,
    prefix,
    api,
    get worker() {
      return worker;
    },
    env,
    threadId: createThread.id,
    spaceId,
    clientTokens,
    staffToken,
    apiCpuMs: () => cpuMs(api.pid),
    startWorker() {
      worker = startProcess('worker', env);
      return worker;
    },
    async close() {
      await Promise.all([api.stop(), worker?.stop()]);
      await database.drop();
    },
  };
}
