/**
 * Screening latency, post created to screened, on a scratch database; prints one JSON object:
 *
 *   npx ts-node --transpile-only scripts/bench-screening.ts [--posts 500] [--concurrency 16]
 *
 * The API runs in this process and posts through GraphQL `createThread`; the worker runs as its
 * own process (as in production) with the fixture toxicity model, so every post goes through all
 * five phases. Latency is measured in PostgreSQL: `screenings.screened_at - posts.created_at`.
 * Needs PostgreSQL (postgres://postgres@127.0.0.1:5432) and Redis (127.0.0.1:6379).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { startApp } from '../src/bootstrap';
import { signDevToken } from '../src/common/auth/dev-token';
import { Role } from '../src/common/domain/role.enum';
import { AppConfig } from '../src/config/app-config';
import { createRootLogger } from '../src/logging/logger';
import { TOXICITY_FIXTURE_SENTENCES } from '../src/screening/toxicity/toxicity-fixture-words';
import { writeToxicityFixture } from '../test/fixtures/toxicity-fixture';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** Below the forum's per-member post limit, so no request is rate limited. */
const POSTS_PER_MEMBER = 25;

function textFor(i: number): string {
  if (i % 10 === 0) return 'I want to kill myself. I have the pills counted out.';
  if (i % 20 === 1) return TOXICITY_FIXTURE_SENTENCES.insult;
  return `Check-in ${i}: slept a little better, tried the grounding exercise from group and it helped.`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '16' } } });
  const posts = Number(values.posts);
  const concurrency = Number(values.concurrency);
  const name = `bs_bench_screening_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const fixtureDir = await mkdtemp(join(tmpdir(), 'bs-bench-fixture-'));
  const fixture = await writeToxicityFixture(fixtureDir);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: dbUrl.toString(),
    REDIS_PREFIX: `bs-bench-screening-${Date.now().toString(36)}`,
    JWT_SECRET: SECRET,
    TOXICITY_REQUIRED: 'true',
    TOXICITY_MODEL_URL: fixture.modelUrl,
    TOXICITY_VOCAB_URL: fixture.vocabUrl,
    TFJS_BACKEND: process.env.TFJS_BACKEND ?? 'auto',
  };

  let worker: ChildProcess | undefined;
  const api = await startApp('api', AppConfig.fromEnv(env), createRootLogger('silent'));
  try {
    const db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const [{ id: spaceId }] = (await db.query<{ id: string }>(`INSERT INTO spaces (slug, name) VALUES ('bench', 'Bench') RETURNING id`)).rows;

    // The worker in its own process, started and warmed (model loaded) before any post is written.
    worker = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const tokens = await Promise.all(
      Array.from({ length: Math.ceil((posts + 1) / POSTS_PER_MEMBER) }, (_, i) => signDevToken(SECRET, { sub: `bench-${i}`, role: Role.CLIENT })),
    );
    const create = async (i: number, body: string): Promise<string> => {
      const res = await fetch(api.graphqlUrl ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[Math.floor(i / POSTS_PER_MEMBER)]}` },
        body: JSON.stringify({
          query: 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
          variables: { input: { spaceId, title: `Post ${i}`, body } },
        }),
      });
      const json = (await res.json()) as { data?: { createThread: { firstPost: { id: string } } }; errors?: unknown[] };
      if (!json.data) throw new Error(`createThread failed: ${JSON.stringify(json.errors)}`);
      return json.data.createThread.firstPost.id;
    };
    const waitScreened = async (ids: string[], timeoutMs: number): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screenings WHERE post_id = ANY($1::uuid[])`, [ids]);
        if (rows[0].n === ids.length) return;
        if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${ids.length} posts screened`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitScreened([await create(posts, 'warming up')], 120_000);

    const ids: string[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < posts) {
          const i = next++;
          ids.push(await create(i, textFor(i)));
        }
      }),
    );
    const written = performance.now();
    await waitScreened(ids, 300_000);
    const finished = performance.now();

    const { rows } = await db.query<{ ms: number; decision: string; backend: string | null }>(
      `SELECT extract(epoch FROM s.screened_at - p.created_at) * 1000 AS ms, s.decision, s.tfjs_backend AS backend
       FROM screenings s JOIN posts p ON p.id = s.post_id WHERE s.post_id = ANY($1::uuid[])`,
      [ids],
    );
    const latencies = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(
      JSON.stringify({
        scenario: 'post-created-to-screened',
        posts,
        concurrency,
        tfjsBackend: rows[0]?.backend ?? null,
        held: rows.filter((r) => r.decision === 'HOLD').length,
        latencyMs: {
          p50: round(percentile(latencies, 50)),
          p90: round(percentile(latencies, 90)),
          p99: round(percentile(latencies, 99)),
          max: round(latencies[latencies.length - 1]),
        },
        writeSeconds: round((written - started) / 1000),
        drainSeconds: round((finished - started) / 1000),
        postsPerSecond: round(posts / ((finished - started) / 1000)),
      }),
    );
    await db.end();
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker?.once('exit', resolve));
    }
    await api.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // The run's jobs hold ids only, but leave nothing behind in a shared Redis.
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${env.REDIS_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
    await admin.end();
    await rm(fixtureDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
