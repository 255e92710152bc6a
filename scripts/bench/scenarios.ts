/**
 * The load scenarios of `npm run bench`. Each sets up its own installation (fresh database, API
 * and worker processes), drives the real API over HTTP on 127.0.0.1 with autocannon (bounded in
 * time and request count), and returns one JSON-ready result.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { costlyScenario } from './costly-queries';
import { engagementScenario } from './engagement';
import { summariseCpuProfile } from './cpu-profile';
import { BenchEnvironment, startEnvironment } from './environment';
import { TEST_REDIS_URL } from '../../test/utils/environment';
import { waitFor } from '../../test/utils/wait-for';
import { cpuMs, cpuMsOfCommand, gql, summarise, tokenFor } from './harness';
import { drive, drivePaced } from './load';

export interface BenchOptions {
  seconds: number;
  connections: number;
  database?: string;
  /** Fixed request rate for `latency` (default: half the `accept` target). */
  rate?: number;
  /** Write a V8 CPU profile of the API process and summarise where its time went. */
  cpuProf?: boolean;
  /** NODE_ENV=production with RS256 tokens from a local JWKS (read, accept, latency, soak). */
  production?: boolean;
  /** read: replies in the thread (default 50, the page read is always the first 51 posts) and reactions in the table (default ~150). */
  replies?: number;
  reactions?: number;
  /** soak: how long. */
  minutes?: number;
}

export type BenchResult = Record<string, unknown>;

export const CREATE_REPLY = 'mutation($input: CreateReplyInput!) { createReply(input: $input) { id status } }';
export const SAFE_BODIES = [
  'Today was hard but I went for a walk and it helped a little.',
  'Thank you all for the kind words yesterday, it meant a lot.',
  'I tried the breathing exercise from group before my appointment.',
  'Small win: I cooked dinner for myself for the first time in weeks.',
];
export const CRISIS_BODY = 'I want to kill myself tonight, I have the pills ready.';

export function replyBody(threadId: string, i: number, text = SAFE_BODIES[i % SAFE_BODIES.length]): string {
  return JSON.stringify({ query: CREATE_REPLY, variables: { input: { threadId, body: `${text} (${i})` } } });
}

export async function withDatabase<T>(url: string, run: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

/** Posts of a thread (the first post included): written, screened, published. */
export async function countPosts(databaseUrl: string, threadId: string): Promise<{ total: number; screened: number; published: number; held: number }> {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query<{ total: number; screened: number; published: number; held: number }>(
      `SELECT count(*)::int AS total,
              count(s.id)::int AS screened,
              count(*) FILTER (WHERE p.status = 'PUBLISHED')::int AS published,
              count(*) FILTER (WHERE p.status = 'HELD')::int AS held
       FROM posts p LEFT JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision
       WHERE p.thread_id = $1`,
      [threadId],
    );
    return rows[0];
  });
}

/** Created -> screened latency of every reply in the thread, from database timestamps (one clock). */
async function screeningLatencies(databaseUrl: string, threadId: string): Promise<number[]> {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (s.screened_at - p.created_at)) * 1000 AS ms
       FROM posts p JOIN screenings s ON s.post_id = p.id AND s.revision = 1
       WHERE p.thread_id = $1 AND p.id <> (SELECT first_post_id FROM threads WHERE id = $1)`,
      [threadId],
    );
    return rows.map((r) => Number(r.ms));
  });
}

/**
 * Looks through every key in Redis (names and values of every type) for any of the given texts.
 * Jobs carry ids only, so a hit means post text leaked into Redis.
 */
export async function scanRedisForText(needles: string[], redisUrl = TEST_REDIS_URL): Promise<{ keysScanned: number; keysWithText: string[] }> {
  const redis = new Redis(redisUrl);
  const keysWithText: string[] = [];
  let keysScanned = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      keysScanned += keys.length;
      const types = await Promise.all(keys.map((k) => redis.type(k)));
      const values = await Promise.all(
        keys.map(async (key, i): Promise<string> => {
          switch (types[i]) {
            case 'string':
              return (await redis.get(key)) ?? '';
            case 'hash':
              return JSON.stringify(await redis.hgetall(key));
            case 'list':
              return JSON.stringify(await redis.lrange(key, 0, -1));
            case 'set':
              return JSON.stringify(await redis.smembers(key));
            case 'zset':
              return JSON.stringify(await redis.zrange(key, 0, -1));
            case 'stream':
              return JSON.stringify(await redis.xrange(key, '-', '+'));
            default:
              return '';
          }
        }),
      );
      keys.forEach((key, i) => {
        if (needles.some((n) => key.includes(n) || values[i].includes(n))) keysWithText.push(key);
      });
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return { keysScanned, keysWithText: keysWithText.slice(0, 20) };
}

async function withCpuProfile<T extends BenchResult>(
  enabled: boolean | undefined,
  run: (apiNodeArgs: string[], workerNodeArgs: string[]) => Promise<T>,
): Promise<T> {
  if (!enabled) return run([], []);
  const dir = await mkdtemp(join(tmpdir(), 'bs-bench-cpuprof-'));
  const workerDir = await mkdtemp(join(tmpdir(), 'bs-bench-worker-cpuprof-'));
  const result = await run(['--cpu-prof', '--cpu-prof-dir', dir], ['--cpu-prof', '--cpu-prof-dir', workerDir]);
  // The profiles are written when the processes exit (the environment was closed by then).
  const profile = summariseCpuProfile(dir);
  if (profile) console.error(`API CPU profile: ${profile.file} (open in Chrome DevTools > Performance)`);
  const workerProfile = summariseCpuProfile(workerDir);
  if (workerProfile) console.error(`worker CPU profile: ${workerProfile.file}`);
  return { ...result, apiCpuProfile: profile, ...(workerProfile ? { workerCpuProfile: workerProfile } : {}) };
}

/** `moderationQueue` seed: HELD posts with one case each, `openCases` of them still open. */
async function seedModerationCases(databaseUrl: string, total: number, openCases: number): Promise<number> {
  const started = performance.now();
  await withDatabase(databaseUrl, async (db) => {
    await db.query(`INSERT INTO members (sub, role, display_name) VALUES ('bench-author', 'CLIENT', 'Bench Author') ON CONFLICT DO NOTHING`);
    await db.query(`
      INSERT INTO threads (space_id, author_id, title)
      SELECT s.id, m.id, 'bench ' || g FROM generate_series(1, 1000) g
      CROSS JOIN LATERAL (SELECT id FROM spaces ORDER BY position, id OFFSET (g % (SELECT count(*) FROM spaces)) LIMIT 1) s
      JOIN members m ON m.sub = 'bench-author'`);
    await db.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text)
       SELECT t.id, t.space_id, t.author_id, 'HELD', 'TOXICITY', '<p>bench</p>', 'bench'
       FROM generate_series(1, $1) g
       JOIN (SELECT t.*, row_number() OVER (ORDER BY id) - 1 AS n FROM threads t WHERE title LIKE 'bench %') t ON t.n = g % 1000`,
      [total],
    );
    // The oldest `total - openCases` are resolved; the rest are open, over all priorities.
    await db.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at, opened_at, status, decision, resolved_at)
       SELECT p.id, p.space_id, p.author_id, ARRAY['TOXICITY'], (ARRAY['URGENT','HIGH','NORMAL','LOW'])[1 + (p.n % 4)], (p.n % 4)::smallint,
              now() + make_interval(mins => (p.n % 1440)::int), now() - make_interval(secs => (p.n % 86400)::int),
              CASE WHEN p.n < $1 THEN 'RESOLVED' ELSE 'OPEN' END,
              CASE WHEN p.n < $1 THEN 'KEEP_HELD' END,
              CASE WHEN p.n < $1 THEN now() END
       FROM (SELECT id, space_id, author_id, row_number() OVER (ORDER BY id) - 1 AS n FROM posts WHERE body_text = 'bench') p`,
      [total - openCases],
    );
    await db.query(
      `INSERT INTO space_moderators (space_id, member_id) SELECT s.id, m.id FROM (SELECT id FROM spaces ORDER BY position LIMIT 2) s, members m WHERE m.sub = 'bench-peer'`,
    );
    await db.query('ANALYZE');
  });
  return Math.round(performance.now() - started);
}

/** Seconds until every post in the thread is screened, checking twice a second, bounded. */
/**
 * CPU milliseconds so far of the API, the workers, PostgreSQL and Redis. PostgreSQL and Redis are
 * every process of that name on the machine: numbers from a quiet machine only.
 */
type CpuSplit = Record<'api' | 'worker' | 'postgres' | 'redis', number>;

function cpuSplit(env: BenchEnvironment): CpuSplit {
  return { api: env.apiCpuMs(), worker: env.workerCpuMs(), postgres: cpuMsOfCommand('postgres'), redis: cpuMsOfCommand('redis-server') };
}

function perPost(after: CpuSplit, before: CpuSplit, posts: number): CpuSplit & { inAll: number } {
  const round = (ms: number) => Math.round((ms / posts) * 1000) / 1000;
  const spent = (k: keyof CpuSplit) => after[k] - before[k];
  return {
    api: round(spent('api')),
    worker: round(spent('worker')),
    postgres: round(spent('postgres')),
    redis: round(spent('redis')),
    inAll: round(spent('api') + spent('worker') + spent('postgres') + spent('redis')),
  };
}

/**
 * CPU milliseconds so far of each PostgreSQL backend serving the run's database (the API's and
 * workers' connections), by pid: unlike `postgres` in cpuSplit, not the other sessions on the
 * machine, nor the shared WAL writer, checkpointer and autovacuum.
 */
async function sessionCpuMs(databaseUrl: string): Promise<Map<number, number>> {
  const rows = await withDatabase(
    databaseUrl,
    async (db) => (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows,
  );
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      byPid.set(pid, cpuMs(pid));
    } catch {
      // The backend ended between the listing and the read.
    }
  }
  return byPid;
}

function sessionCpuSpent(after: Map<number, number>, before: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** Row counts of every table (inserted, updated, of which HOT, deleted) and PL/pgSQL function calls, as PostgreSQL's statistics have them. */
interface WriteStats {
  tables: Record<string, { ins: number; upd: number; hot: number; del: number }>;
  /** Only when `track_functions` is on for the database (`ALTER DATABASE <name> SET track_functions = 'pl'`). */
  functions: Record<string, { calls: number; selfMs: number }>;
}

async function writeStats(databaseUrl: string): Promise<WriteStats> {
  return withDatabase(databaseUrl, async (db) => {
    const tables = await db.query<{ relname: string; ins: string; upd: string; hot: string; del: string }>(
      `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_del AS del FROM pg_stat_user_tables`,
    );
    const functions = await db.query<{ funcname: string; calls: string; self_time: number }>(`SELECT funcname, calls, self_time FROM pg_stat_user_functions`);
    return {
      tables: Object.fromEntries(tables.rows.map((r) => [r.relname, { ins: Number(r.ins), upd: Number(r.upd), hot: Number(r.hot), del: Number(r.del) }])),
      functions: Object.fromEntries(functions.rows.map((r) => [r.funcname, { calls: Number(r.calls), selfMs: r.self_time }])),
    };
  });
}

/** Per post, what changed between two `writeStats` (tables and functions that did something only). */
function writeStatsPerPost(after: WriteStats, before: WriteStats, posts: number): Record<string, unknown> {
  const per = (n: number) => Math.round((n / posts) * 100) / 100;
  const tables: Record<string, Record<string, number>> = {};
  for (const [name, a] of Object.entries(after.tables)) {
    const b = before.tables[name] ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const row = { ins: per(a.ins - b.ins), upd: per(a.upd - b.upd), hot: per(a.hot - b.hot), del: per(a.del - b.del) };
    if (row.ins || row.upd || row.del) tables[name] = row;
  }
  const functions: Record<string, Record<string, number>> = {};
  for (const [name, a] of Object.entries(after.functions)) {
    const b = before.functions[name] ?? { calls: 0, selfMs: 0 };
    if (a.calls > b.calls) functions[name] = { calls: per(a.calls - b.calls), selfMs: Math.round(((a.selfMs - b.selfMs) / posts) * 1000) / 1000 };
  }
  return { tables, functions };
}

/** Statements per post by head, the busiest first, from two counts by head. */
function statementsPerPost(after: Record<string, number>, before: Record<string, number>, posts: number): { total: number; byHead: Record<string, number> } {
  const rows = Object.entries(after)
    .map(([head, count]) => [head, (count - (before[head] ?? 0)) / posts] as const)
    .filter(([, n]) => n > 0.005)
    .sort((a, b) => b[1] - a[1]);
  return {
    total: Math.round(rows.reduce((sum, [, n]) => sum + n, 0) * 100) / 100,
    byHead: Object.fromEntries(rows.map(([head, n]) => [head, Math.round(n * 100) / 100])),
  };
}

async function waitAllScreened(env: BenchEnvironment, timeoutMs: number): Promise<{ screenedAll: boolean; posts: Awaited<ReturnType<typeof countPosts>> }> {
  try {
    await waitFor(
      'every post to be screened',
      async () => {
        const posts = await countPosts(env.databaseUrl, env.threadId);
        return posts.screened === posts.total;
      },
      { timeoutMs, intervalMs: 500, retryErrors: true },
    );
    return { screenedAll: true, posts: await countPosts(env.databaseUrl, env.threadId) };
  } catch {
    return { screenedAll: false, posts: await countPosts(env.databaseUrl, env.threadId) };
  }
}

/**
 * `read --replies N --reactions N`: the thread grows to N replies after its 50 real ones (PUBLISHED
 * rows written in SQL, authors spread over the bench's members, so the page read stays the first
 * 51 posts) and the reactions table to about N rows, most on the posts the page shows (the worst
 * case for counting them per read). Fast: generate_series, the reaction-count trigger off during
 * the bulk insert and the counts rebuilt after it, then ANALYZE.
 */
async function seedLargeThread(env: BenchEnvironment, replies: number, reactions: number): Promise<{ seedMs: number; replies: number; reactions: number }> {
  const started = performance.now();
  const counts = await withDatabase(env.databaseUrl, async (db) => {
    if (replies > 50) {
      await db.query(
        `INSERT INTO posts (thread_id, space_id, author_id, status, body_html, body_text)
         SELECT t.id, t.space_id, authors.ids[1 + g % array_length(authors.ids, 1)], 'PUBLISHED', '<p>Seeded reply ' || g || '</p>', 'Seeded reply ' || g
           FROM threads t,
                (SELECT array_agg(id ORDER BY sub) AS ids FROM members WHERE sub LIKE 'bench-client-%') authors,
                generate_series(1, $2::int) g
          WHERE t.id = $1`,
        [env.threadId, replies - 50],
      );
    }
    // Spread over every post of the thread: posts x reactors x 5 kinds covers the count asked for.
    const posts = Math.max(51, replies + 1);
    const reactors = Math.max(1, Math.ceil(reactions / (5 * posts)));
    await db.query(
      `INSERT INTO members (sub, role, display_name)
       SELECT 'bench-reactor-' || g, 'CLIENT', 'Reactor ' || g FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING`,
      [reactors],
    );
    await db.query('ALTER TABLE reactions DISABLE TRIGGER USER');
    try {
      await db.query(
        `WITH p AS (SELECT array_agg(id ORDER BY seq) AS ids FROM posts WHERE thread_id = $1),
              m AS (SELECT array_agg(id ORDER BY sub) AS ids FROM members WHERE sub LIKE 'bench-reactor-%')
         INSERT INTO reactions (post_id, member_id, kind)
         SELECT p.ids[1 + (g / (5 * $3::int)) % array_length(p.ids, 1)], m.ids[1 + (g / 5) % $3::int],
                (ARRAY['HEART','HUG','STRENGTH','RELATE','THANKS'])[1 + g % 5]
           FROM p, m, generate_series(0, $2::int - 1) g
         ON CONFLICT DO NOTHING`,
        [env.threadId, reactions, reactors],
      );
    } finally {
      await db.query('ALTER TABLE reactions ENABLE TRIGGER USER');
    }
    await db.query(
      `INSERT INTO post_reaction_counts (post_id, kind, count)
       SELECT post_id, kind, count(*) FROM reactions WHERE post_id IN (SELECT id FROM posts WHERE thread_id = $1) GROUP BY post_id, kind
       ON CONFLICT (post_id, kind) DO UPDATE SET count = EXCLUDED.count`,
      [env.threadId],
    );
    await db.query('ANALYZE');
    const { rows } = await db.query<{ replies: number; reactions: number }>(
      `SELECT (SELECT count(*)::int - 1 FROM posts WHERE thread_id = $1) AS replies, (SELECT count(*)::int FROM reactions) AS reactions`,
      [env.threadId],
    );
    return rows[0];
  });
  return { seedMs: Math.round(performance.now() - started), ...counts };
}

/** Sequential scans so far of the tables a thread read touches (PostgreSQL's statistics; they lag by up to half a second). */
async function tableScans(databaseUrl: string): Promise<Record<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 600));
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query<{ relname: string; seq_scan: string }>(
      `SELECT relname, seq_scan FROM pg_stat_user_tables
        WHERE relname IN ('threads', 'posts', 'reactions', 'members', 'post_reaction_counts', 'thread_post_counts')`,
    );
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.seq_scan)]));
  });
}

/** thread with its 50 replies, authors, reactions and viewer reactions; SQL statements counted in the API's driver. */
async function readScenario(options: BenchOptions, apiNodeArgs: string[]): Promise<BenchResult> {
  const env = await startEnvironment({
    label: 'read',
    members: Math.max(options.connections, 5),
    worker: true,
    database: options.database,
    countSql: true,
    apiNodeArgs,
    production: options.production,
  });
  const statements = async () => (await env.sqlStatements()) ?? 0;
  try {
    for (let i = 0; i < 50; i++) {
      await gql(env.graphqlUrl, env.clientTokens[i % env.clientTokens.length], CREATE_REPLY, {
        input: { threadId: env.threadId, body: `${SAFE_BODIES[i % 4]} (${i})` },
      });
    }
    await waitFor('replies to be published', async () => (await countPosts(env.databaseUrl, env.threadId)).published === 51, {
      timeoutMs: 120_000,
      retryErrors: true,
    });
    const { thread } = await gql<{ thread: { posts: { edges: Array<{ node: { id: string } }> } } }>(
      env.graphqlUrl,
      env.staffToken,
      `{ thread(id: "${env.threadId}") { posts(first: 51) { edges { node { id } } } } }`,
    );
    // Every post gets reactions from up to five members, so the viewers' own reactions are real too.
    const kinds = ['HEART', 'HUG', 'STRENGTH', 'RELATE', 'THANKS'];
    for (const [i, edge] of thread.posts.edges.entries()) {
      for (let r = 0; r <= i % 5; r++) {
        await gql(env.graphqlUrl, env.clientTokens[(i + r) % env.clientTokens.length], 'mutation($input: ReactInput!) { react(input: $input) { id } }', {
          input: { postId: edge.node.id, kind: kinds[(i + r) % 5] },
        });
      }
    }
    const seeded =
      options.replies !== undefined || options.reactions !== undefined ? await seedLargeThread(env, options.replies ?? 50, options.reactions ?? 0) : null;
    const query = `{ thread(id: "${env.threadId}") { id title replyCount author { id displayName } posts(first: 51) { edges { cursor node { id body status createdAt author { id displayName } reactions { kind count } viewerReactions } } pageInfo { hasNextPage endCursor } } } }`;
    const body = JSON.stringify({ query });
    // Statements per request, one request at a time (nothing else talks to the API meanwhile).
    const perRequest: number[] = [];
    const headsBefore = (await env.sqlStatementsByHead()) ?? {};
    for (let i = 0; i < 20; i++) {
      const before = await statements();
      const answer = await gql<{ thread: { posts: { edges: unknown[] } } }>(env.graphqlUrl, env.clientTokens[i % env.clientTokens.length], query);
      if (answer.thread.posts.edges.length !== 51) throw new Error(`expected 51 posts, got ${answer.thread.posts.edges.length}`);
      perRequest.push((await statements()) - before);
    }
    // Which statements a read sends (per read, over those 20): the page itself, and whatever else.
    const headsAfter = (await env.sqlStatementsByHead()) ?? {};
    const statementsPerRead = Object.fromEntries(
      Object.entries(headsAfter)
        .map(([head, n]) => [head, (n - (headsBefore[head] ?? 0)) / 20] as const)
        .filter(([, n]) => n > 0),
    );
    const scansBefore = await tableScans(env.databaseUrl);
    const run = await drive(env, { connections: options.connections, seconds: options.seconds, maxRequests: 100_000, body: () => body });
    const scansAfter = await tableScans(env.databaseUrl);
    return {
      scenario: 'read',
      // Sequential scans of the hot tables during the run: a read whose cost grows with the data shows here.
      sequentialScansUnderLoad: Object.fromEntries(Object.entries(scansAfter).map(([table, n]) => [table, n - (scansBefore[table] ?? 0)])),
      ...(seeded ? { seeded } : {}),
      ...run,
      sqlStatementsPerRequest: {
        min: Math.min(...perRequest),
        max: Math.max(...perRequest),
        averageUnderLoad: run.sqlStatementsPerRequest,
        byHead: statementsPerRead,
      },
      target: { requestsPerSecond: 600, p99Ms: 30 },
    };
  } finally {
    await env.close();
  }
}

/** Resident memory of a process in MB (Linux /proc), or null once it is gone. */
function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * `soak --minutes N [--rate R]`: replies at R/s (default 30) and thread-page reads at 50/s at once,
 * for N minutes (default 15), as the bench's members. Prints one line per minute (stderr) and
 * returns them all: reply and read latency, errors, API CPU per request, and the resident memory
 * of the API and the worker, so drift as the thread grows is visible.
 */
async function soakScenario(options: BenchOptions): Promise<BenchResult> {
  const minutes = Math.max(1, options.minutes ?? 15);
  const replyRate = options.rate ?? 30;
  const readRate = 50;
  const env = await startEnvironment({
    label: 'soak',
    members: Math.max(options.connections, 10),
    worker: true,
    database: options.database,
    production: options.production,
  });
  try {
    const readBody = JSON.stringify({
      query: `{ thread(id: "${env.threadId}") { id title replyCount posts(first: 50) { edges { node { id body status createdAt author { id displayName } reactions { kind count } viewerReactions } } pageInfo { hasNextPage endCursor } } } }`,
    });
    const perMinute: BenchResult[] = [];
    let replied = 0;
    for (let minute = 1; minute <= minutes; minute++) {
      const offset = replied;
      const cpuBefore = env.apiCpuMs();
      const [replies, reads] = await Promise.all([
        drivePaced(env, { connections: 8, seconds: 60, rate: replyRate, body: (i) => replyBody(env.threadId, offset + i) }),
        drivePaced(env, { connections: 8, seconds: 60, rate: readRate, body: () => readBody }),
      ]);
      replied += replies.requests;
      const line = {
        minute,
        postsInThread: (await countPosts(env.databaseUrl, env.threadId)).total,
        reply: { ...replies.latencyMs, errors: replies.errors + replies.non2xx + replies.graphqlErrors, late: replies.late },
        read: { ...reads.latencyMs, errors: reads.errors + reads.non2xx + reads.graphqlErrors, late: reads.late },
        // Both drives share the one API process: its CPU over every request of the minute.
        apiCpuMsPerRequest: Math.round(((env.apiCpuMs() - cpuBefore) / Math.max(1, replies.requests + reads.requests)) * 1000) / 1000,
        rssMb: { api: rssMb(env.api.pid), worker: env.worker ? rssMb(env.worker.pid) : null },
      };
      console.error(JSON.stringify(line));
      perMinute.push(line);
    }
    const drained = await waitAllScreened(env, 120_000);
    return { scenario: 'soak', minutes, replyRate, readRate, perMinute, ...drained };
  } finally {
    await env.close();
  }
}

export const SCENARIOS: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  /** Mixed replies and reads for --minutes, latency and memory per minute. */
  soak: soakScenario,

  /** Insights' engagementSummary over 90 days at program scale (1M posts), with the rollup (scripts/bench/engagement.ts). */
  engagement: engagementScenario,
  /** createReply as fast as it is accepted (post committed + screening queued). */
  async accept(options) {
    return withCpuProfile(options.cpuProf, async (apiNodeArgs, workerNodeArgs) => {
      const env = await startEnvironment({
        label: 'accept',
        members: options.connections,
        worker: true,
        database: options.database,
        apiNodeArgs,
        workerNodeArgs,
        countSql: true,
        production: options.production,
      });
      try {
        const cpuBefore = cpuSplit(env);
        const sessionsBefore = await sessionCpuMs(env.databaseUrl);
        const workerSqlBefore = (await env.workerSqlStatementsByHead()) ?? {};
        const statsBefore = await writeStats(env.databaseUrl);
        const run = await drive(env, {
          connections: options.connections,
          seconds: options.seconds,
          maxRequests: 200_000,
          body: (i) => replyBody(env.threadId, i),
        });
        const posts = await countPosts(env.databaseUrl, env.threadId);
        // Each accepted post's whole cost, its screening included: taken once the worker has caught up.
        const drained = await waitAllScreened(env, 120_000);
        const screenedPosts = Math.max(1, drained.posts.total - 1);
        const cpuMsPerPost = perPost(cpuSplit(env), cpuBefore, screenedPosts);
        const postgresSessionsMsPerPost = Math.round((sessionCpuSpent(await sessionCpuMs(env.databaseUrl), sessionsBefore) / screenedPosts) * 1000) / 1000;
        const workerSqlPerPost = statementsPerPost((await env.workerSqlStatementsByHead()) ?? {}, workerSqlBefore, screenedPosts);
        // Backends report their statistics at most once a second, and when idle.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const rowsPerPost = writeStatsPerPost(await writeStats(env.databaseUrl), statsBefore, screenedPosts);
        // After the load: no post text anywhere in Redis (names and values of every key).
        const redisScan = await scanRedisForText(SAFE_BODIES.map((b) => b.slice(0, 24)));
        return {
          scenario: 'accept',
          ...run,
          postsCommitted: posts.total - 1,
          screenedAll: drained.screenedAll,
          cpuMsPerPost: { ...cpuMsPerPost, postgresRunSessions: postgresSessionsMsPerPost },
          workerSqlPerPost,
          rowsPerPost,
          target: { postsPerSecond: 650, cpuMsPerPostInAll: 3 },
          redisTextScan: { keysScanned: redisScan.keysScanned, keysWithPostText: redisScan.keysWithText.length, examples: redisScan.keysWithText },
        };
      } finally {
        await env.close();
      }
    });
  },

  /** createReply at a fixed rate (half the accept target unless --rate says otherwise). */
  async latency(options) {
    const rate = options.rate ?? 250;
    const env = await startEnvironment({
      label: 'latency',
      members: options.connections,
      worker: true,
      database: options.database,
      countSql: true,
      production: options.production,
    });
    try {
      const run = await drivePaced(env, { connections: options.connections, seconds: options.seconds, rate, body: (i) => replyBody(env.threadId, i) });
      return { scenario: 'latency', rate, arrivals: 'evenly spaced', ...run, target: { p50Ms: 5, p99Ms: 25 } };
    } finally {
      await env.close();
    }
  },

  /** thread with its 50 replies, authors, reactions and viewer reactions; SQL statements counted in the API's driver. */
  async read(options) {
    return withCpuProfile(options.cpuProf, (apiNodeArgs) => readScenario(options, apiNodeArgs));
  },

  /** A steady 20 posts/s through the worker: created -> screened latency. */
  async screen(options) {
    const rate = 20;
    const connections = Math.min(options.connections, 8);
    const env = await startEnvironment({ label: 'screen', members: connections, worker: true, database: options.database });
    try {
      const run = await drive(env, {
        connections,
        seconds: options.seconds,
        maxRequests: rate * options.seconds,
        overallRate: rate,
        body: (i) => replyBody(env.threadId, i),
      });
      const drained = await waitAllScreened(env, 120_000);
      return {
        scenario: 'screen',
        rate,
        accepted: run,
        ...drained,
        createdToScreenedMs: summarise(await screeningLatencies(env.databaseUrl, env.threadId)),
        target: { p50Ms: 150, p99Ms: 1000 },
      };
    } finally {
      await env.close();
    }
  },

  /** Crisis posts at 2/s: created -> escalation webhook received. */
  async escalate(options) {
    const received = new Map<string, number>();
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        try {
          const payload = JSON.parse(data) as { escalationId?: string };
          if (payload.escalationId && !received.has(payload.escalationId)) received.set(payload.escalationId, Date.now());
        } catch {
          // not JSON: counted as nothing
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const connections = Math.min(options.connections, 4);
    const env = await startEnvironment({
      label: 'escalate',
      members: Math.max(connections, 4),
      worker: true,
      database: options.database,
      extraEnv: { ESCALATION_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, ESCALATION_WEBHOOK_SECRET: 'bench-webhook-secret-0123456789' },
    });
    try {
      const run = await drive(env, {
        connections,
        seconds: options.seconds,
        maxRequests: 2 * options.seconds,
        overallRate: 2,
        body: (i) => replyBody(env.threadId, i, CRISIS_BODY),
      });
      const escalations = () =>
        withDatabase(
          env.databaseUrl,
          async (db) =>
            (
              await db.query<{ id: string; created: number }>(
                `SELECT e.id, EXTRACT(EPOCH FROM p.created_at) * 1000 AS created FROM escalations e JOIN posts p ON p.id = e.post_id`,
              )
            ).rows,
        );
      await waitFor(
        'every escalation webhook',
        async () => {
          const rows = await escalations();
          return rows.length >= run.requests && rows.every((r) => received.has(r.id));
        },
        { timeoutMs: 60_000, retryErrors: true },
      ).catch(() => undefined);
      const rows = await escalations();
      const latencies = rows.filter((r) => received.has(r.id)).map((r) => (received.get(r.id) ?? 0) - Number(r.created));
      return {
        scenario: 'escalate',
        rate: 2,
        accepted: run,
        crisisPosts: run.requests,
        escalations: rows.length,
        webhooksReceived: latencies.length,
        createdToWebhookMs: summarise(latencies),
        target: { p99Ms: 1000 },
      };
    } finally {
      await env.close();
      server.close();
    }
  },

  /** The most expensive reads a client may still send under the cost limit (scripts/bench/costly-queries.ts). */
  costly: costlyScenario,

  /** moderationQueue first page over 100,000 cases (20,000 open), for a clinician (every space) and a peer specialist (two spaces). */
  async queue(options) {
    const total = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
    const open = Math.round(total / 5);
    // A moderator's view: one client at a time (the latency one person sees, not a load test).
    const connections = 1;
    const env = await startEnvironment({ label: 'queue', members: 1, worker: false, toxicityModel: false, database: options.database });
    try {
      const clinician = await tokenFor('bench-clinician', Role.CLINICIAN);
      const peer = await tokenFor('bench-peer', Role.PEER_SPECIALIST);
      await gql(env.graphqlUrl, peer, '{ me { id } }');
      const seedMs = await seedModerationCases(env.databaseUrl, total, open);
      const page = JSON.stringify({
        query: '{ moderationQueue(first: 20) { edges { node { id priority dueAt reasons post { id status } } } pageInfo { endCursor hasNextPage } } }',
      });
      const withCounts = JSON.stringify({
        query:
          '{ moderationQueue(first: 20) { edges { node { id priority dueAt reasons post { id status } } } pageInfo { endCursor hasNextPage } counts { status priority count } } }',
      });
      // Counts alone are a field of the connection: ask for a one-case page and the counts.
      const countsOnly = JSON.stringify({ query: '{ moderationQueue(first: 1) { counts { status priority count } } }' });
      const seconds = Math.max(2, Math.round(options.seconds / 4));
      const measure = async (token: string, body: string) => {
        await drive(env, { connections: 1, seconds: 1, maxRequests: 20, body: () => body, tokens: [token] });
        return drive(env, { connections, seconds, maxRequests: 50_000, body: () => body, tokens: [token] });
      };
      return {
        scenario: 'queue',
        cases: total,
        openCases: open,
        seedMs,
        clinicianFirstPage: await measure(clinician, page),
        clinicianFirstPageWithCounts: await measure(clinician, withCounts),
        clinicianCounts: await measure(clinician, countsOnly),
        peerFirstPage: await measure(peer, page),
        peerCounts: await measure(peer, countsOnly),
        connections,
        target: { firstPageP99Ms: 20, countsP99Ms: 10 },
      };
    } finally {
      await env.close();
    }
  },

  /**
   * 10,000 posts at once (as fast as the API takes them), then one worker drains them while a
   * low fixed-rate createReply probe measures the API's latency meanwhile.
   */
  async burst(options) {
    const posts = Number(process.env.BENCH_BURST_POSTS ?? 10_000);
    const probeRate = 20;
    const drainLimitMs = 10 * 60_000;
    const env = await startEnvironment({ label: 'burst', members: options.connections + 4, worker: true, database: options.database });
    try {
      const started = Date.now();
      const burst = await drive(env, {
        connections: options.connections,
        seconds: 300,
        maxRequests: posts,
        body: (i) => replyBody(env.threadId, i),
        tokens: env.clientTokens.slice(0, options.connections),
      });
      const writtenMs = Date.now() - started;
      const afterBurst = await countPosts(env.databaseUrl, env.threadId);
      // The probe runs while the backlog drains, as its own members, until the backlog is gone (or 10 min).
      const probeTokens = env.clientTokens.slice(options.connections);
      const probes = [];
      let drained = false;
      let drainedMs: number | null = null;
      const draining = (async () => {
        try {
          await waitFor(
            'the burst to be screened',
            async () => {
              const p = await countPosts(env.databaseUrl, env.threadId);
              return p.screened >= afterBurst.total;
            },
            { timeoutMs: drainLimitMs - (Date.now() - started), intervalMs: 500, retryErrors: true },
          );
          drained = true;
          drainedMs = Date.now() - started;
        } catch {
          drained = false;
        }
      })();
      while (!drained && Date.now() - started < drainLimitMs) {
        const offset: number = posts + probes.length * probeRate * Math.max(5, options.seconds);
        probes.push(
          await drivePaced(env, {
            connections: 4,
            seconds: Math.max(5, options.seconds),
            rate: probeRate,
            body: (i): string => replyBody(env.threadId, offset + i),
            tokens: probeTokens,
          }),
        );
        if (probes.length >= 120) break;
      }
      await draining;
      const finalCounts = await waitAllScreened(env, 60_000);
      const probeLatencies = probes.map((p) => p.latencyMs.p99 ?? 0);
      return {
        scenario: 'burst',
        burstPosts: posts,
        burst: { ...burst, writtenSeconds: Math.round(writtenMs / 100) / 10 },
        allBurstPostsScreenedSeconds: drainedMs === null ? null : Math.round(drainedMs / 100) / 10,
        workerPostsPerSecond: drainedMs === null ? null : Math.round((afterBurst.total / (drainedMs / 1000)) * 10) / 10,
        probe: {
          rate: probeRate,
          runs: probes.length,
          requests: probes.reduce((n, p) => n + p.requests, 0),
          errors: probes.reduce((n, p) => n + p.errors + p.non2xx + p.graphqlErrors, 0),
          worstRunLatencyMs: probes.reduce<{ p50: number; p99: number }>(
            (w, p) => ({ p50: Math.max(w.p50, p.latencyMs.p50 ?? 0), p99: Math.max(w.p99, p.latencyMs.p99 ?? 0) }),
            { p50: 0, p99: 0 },
          ),
          p99PerRun: probeLatencies,
        },
        ...finalCounts,
        target: { allScreenedSeconds: 600, probeP99Ms: 50 },
      };
    } finally {
      await env.close();
    }
  },
};
