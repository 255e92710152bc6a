/**
 * Moderation and escalation benchmarks on a scratch database, printing one JSON object per scenario:
 *
 *   npx ts-node --transpile-only scripts/bench-moderation-queue.ts [--cases 100000] [--posts 100]
 *
 * 1. `moderationQueue` first-page latency over HTTP with N open cases seeded in bulk, for a
 *    clinician (every space) and a peer specialist (two spaces), with and without counts.
 * 2. Crisis post to escalation webhook: `createThread` with a crisis text until the signed webhook
 *    reaches a local receiver, through the real screening and paging workers (p50 / p99).
 * Needs PostgreSQL (postgres://postgres@127.0.0.1:5432) and Redis (127.0.0.1:6379).
 */
import Redis from 'ioredis';
import { Client } from 'pg';
import { parseArgs } from 'node:util';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { startApp } from '../src/bootstrap';
import { signDevToken } from '../src/common/auth/dev-token';
import { Role } from '../src/common/domain/role.enum';
import { AppConfig } from '../src/config/app-config';
import { createRootLogger } from '../src/logging/logger';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples: number[]): { p50: number; p99: number; mean: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length), n: samples.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, posts: { type: 'string', default: '100' } } });
  const caseCount = Number(values.cases);
  const crisisPosts = Number(values.posts);
  const name = `bs_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;

  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { postId: string };
      if (!received.has(body.postId)) received.set(body.postId, performance.now());
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: dbUrl.toString(),
    REDIS_PREFIX: `bs-bench-${Date.now().toString(36)}`,
    JWT_SECRET: SECRET,
    TOXICITY_REQUIRED: 'false',
    ESCALATION_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    ESCALATION_WEBHOOK_SECRET: 'bench-webhook-secret-0123',
  });
  const running = await startApp('all', config, createRootLogger('silent'));
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> => {
      const res = await fetch(running.graphqlUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const clinician = await signDevToken(SECRET, { sub: 'bench-clinician', role: Role.CLINICIAN });
    const peer = await signDevToken(SECRET, { sub: 'bench-peer', role: Role.PEER_SPECIALIST });
    await gql('{ me { id } }', {}, clinician);
    await gql('{ me { id } }', {}, peer);

    // Seed: threads spread over the seeded spaces, one held post and one open case per post.
    const seedStarted = performance.now();
    await db.query(`INSERT INTO members (sub, role, display_name) VALUES ('bench-author', 'CLIENT', 'Bench Author')`);
    await db.query(`
      INSERT INTO threads (space_id, author_id, title)
      SELECT s.id, m.id, 'bench ' || g FROM generate_series(1, 1000) g
      CROSS JOIN LATERAL (SELECT id FROM spaces ORDER BY position, id OFFSET (g % 5) LIMIT 1) s
      JOIN members m ON m.sub = 'bench-author'`);
    await db.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text)
       SELECT t.id, t.space_id, t.author_id, 'HELD', 'TOXICITY', '<p>bench</p>', 'bench'
       FROM generate_series(1, $1) g JOIN LATERAL (SELECT * FROM threads ORDER BY id OFFSET (g % 1000) LIMIT 1) t ON true`,
      [caseCount],
    );
    await db.query(`
      INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at, opened_at)
      SELECT p.id, p.space_id, p.author_id, ARRAY['TOXICITY'], (ARRAY['URGENT','HIGH','NORMAL','LOW'])[1 + (p.seq % 4)], (p.seq % 4)::smallint,
             now() + make_interval(mins => (p.seq % 1440)::int), now() - make_interval(secs => (p.seq % 86400)::int)
      FROM posts p WHERE p.body_text = 'bench'`);
    await db.query(`INSERT INTO space_moderators (space_id, member_id) SELECT s.id, m.id FROM (SELECT id FROM spaces ORDER BY position LIMIT 2) s, members m WHERE m.sub = 'bench-peer'`);
    await db.query('ANALYZE');
    const seedMs = performance.now() - seedStarted;

    const firstPage = 'query ($withCounts: Boolean!) { moderationQueue(first: 20) { edges { node { id priority dueAt post { id status } } } pageInfo { endCursor } counts @include(if: $withCounts) { status priority count } } }';
    const measure = async (token: string, withCounts: boolean, rounds = 50): Promise<ReturnType<typeof summary>> => {
      for (let i = 0; i < 5; i += 1) await gql(firstPage, { withCounts }, token);
      const samples: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const started = performance.now();
        const res = await gql(firstPage, { withCounts }, token);
        samples.push(performance.now() - started);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      }
      return summary(samples);
    };
    console.log(
      JSON.stringify({
        scenario: 'moderation-queue-first-page',
        openCases: caseCount,
        seedMs: Math.round(seedMs),
        clinicianAllSpacesMs: await measure(clinician, false),
        clinicianWithCountsMs: await measure(clinician, true),
        peerTwoSpacesMs: await measure(peer, false),
        peerWithCountsMs: await measure(peer, true),
      }),
    );

    // Crisis post -> webhook, one author per post (the forum rate-limits posting per member).
    const spaces = (await gql('{ spaces { id } }', {}, clinician)).data as { spaces: Array<{ id: string }> };
    const latencies: number[] = [];
    for (let i = 0; i < crisisPosts; i += 1) {
      const author = await signDevToken(SECRET, { sub: `bench-crisis-${i}`, role: Role.CLIENT });
      const started = performance.now();
      const res = await gql(
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
        { input: { spaceId: spaces.spaces[i % spaces.spaces.length].id, title: 'tonight', body: CRISIS_TEXT } },
        author,
      );
      const postId = (res.data as { createThread: { firstPost: { id: string } } } | undefined)?.createThread.firstPost.id;
      if (!postId) throw new Error(JSON.stringify(res.errors));
      const deadline = Date.now() + 30_000;
      while (!received.has(postId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const arrived = received.get(postId);
      if (arrived === undefined) throw new Error(`no webhook for post ${postId}`);
      latencies.push(arrived - started);
    }
    console.log(JSON.stringify({ scenario: 'crisis-post-to-webhook', ...summary(latencies), unit: 'ms' }));
  } finally {
    await db.end();
    await running.close();
    receiver.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    // The run's queues and events live under its own prefix: leave nothing behind.
    const redis = new Redis(config.redis.url);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
