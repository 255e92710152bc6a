/**
 * Screening latency, post created to screened, on a scratch database; prints one JSON object:
 *
 *   npx ts-node --transpile-only scripts/bench-screening.ts [--posts 500] [--concurrency 16]
 *
 * The API and the worker run as processes of the production build (scripts/bench/environment.ts,
 * as `npm run bench` does), the worker with the fixture toxicity model, so every post goes through
 * all five phases; the worker is warm (model loaded) before the first measured post. Posts are
 * GraphQL `createThread`s. Latency is measured in PostgreSQL: `screenings.screened_at -
 * posts.created_at`. Needs PostgreSQL (postgres://postgres@127.0.0.1:5432) and Redis (127.0.0.1:6379).
 */
import { parseArgs } from 'node:util';
import { TOXICITY_FIXTURE_SENTENCES } from '../src/screening/toxicity/toxicity-fixture-words';
import { waitFor } from '../test/utils/wait-for';
import { startEnvironment } from './bench/environment';
import { gql } from './bench/harness';
import { withDatabase } from './bench/scenarios';

/** Below the forum's per-member post limit, as real members would post. */
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
  // The environment's own thread is screened before it returns: the worker has loaded the model by then.
  const env = await startEnvironment({
    label: 'screening',
    members: Math.ceil(posts / POSTS_PER_MEMBER),
    worker: true,
    extraEnv: { TFJS_BACKEND: process.env.TFJS_BACKEND ?? 'auto' },
  });
  try {
    const create = async (i: number, body: string): Promise<string> => {
      const { createThread } = await gql<{ createThread: { firstPost: { id: string } } }>(
        env.graphqlUrl,
        env.clientTokens[Math.floor(i / POSTS_PER_MEMBER)],
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
        { input: { spaceId: env.spaceId, title: `Post ${i}`, body } },
      );
      return createThread.firstPost.id;
    };
    const screenedCount = (ids: string[]) =>
      withDatabase(env.databaseUrl, async (db) => {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screenings WHERE post_id = ANY($1::uuid[])`, [ids]);
        return rows[0].n;
      });

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
    await waitFor(`all ${ids.length} posts to be screened`, async () => (await screenedCount(ids)) === ids.length, { timeoutMs: 300_000 });
    const finished = performance.now();

    const rows = await withDatabase(env.databaseUrl, async (db) => {
      const result = await db.query<{ ms: number; decision: string; backend: string | null }>(
        `SELECT extract(epoch FROM s.screened_at - p.created_at) * 1000 AS ms, s.decision, s.tfjs_backend AS backend
         FROM screenings s JOIN posts p ON p.id = s.post_id WHERE s.post_id = ANY($1::uuid[])`,
        [ids],
      );
      return result.rows;
    });
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
  } finally {
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
