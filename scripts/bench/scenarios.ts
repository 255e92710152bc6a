/**
 * The load scenarios of `npm run bench`. Each sets up its own installation, drives the real API
 * and worker over HTTP on 127.0.0.1 with autocannon (bounded in time and request count), and
 * returns one JSON-ready result.
 */
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { Client } from 'pg';
import { BenchEnvironment, startEnvironment } from './environment';
import { gql, summarise, waitFor } from './harness';

export interface BenchOptions {
  seconds: number;
  connections: number;
  database?: string;
}

export type BenchResult = Record<string, unknown>;

const CREATE_REPLY = 'mutation($input: CreateReplyInput!) { createReply(input: $input) { id status } }';
const SAFE_BODIES = [
  'Today was hard but I went for a walk and it helped a little.',
  'Thank you all for the kind words yesterday, it meant a lot.',
  'I tried the breathing exercise from group before my appointment.',
  'Small win: I cooked dinner for myself for the first time in weeks.',
];

function replyBody(threadId: string, i: number): string {
  return JSON.stringify({ query: CREATE_REPLY, variables: { input: { threadId, body: `${SAFE_BODIES[i % SAFE_BODIES.length]} (${i})` } } });
}

interface LoadRun {
  requests: number;
  durationSeconds: number;
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  apiCpuMsPerRequest: number;
}

/** One autocannon run where connection i always sends as member i. */
async function drive(env: BenchEnvironment, options: { connections: number; seconds: number; amount?: number; overallRate?: number; body: (i: number) => string }): Promise<LoadRun> {
  let counter = 0;
  let connectionIndex = 0;
  const cpuBefore = env.apiCpuMs();
  const instance = autocannon({
    url: env.graphqlUrl,
    connections: options.connections,
    duration: options.seconds,
    amount: options.amount,
    overallRate: options.overallRate,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      const token = env.clientTokens[connectionIndex++ % env.clientTokens.length];
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    },
    requests: [{ setupRequest: (req) => ({ ...req, body: options.body(counter++) }) }],
  });
  const result = await instance;
  const cpu = env.apiCpuMs() - cpuBefore;
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    throughput: Math.round((result.requests.total / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p95: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    apiCpuMsPerRequest: result.requests.total ? Math.round((cpu / result.requests.total) * 1000) / 1000 : 0,
  };
}

async function countPosts(databaseUrl: string, threadId: string): Promise<{ total: number; screened: number; published: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: number; screened: number; published: number }>(
      `SELECT count(*)::int AS total,
              count(s.id)::int AS screened,
              count(*) FILTER (WHERE p.status = 'PUBLISHED')::int AS published
       FROM posts p LEFT JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision
       WHERE p.thread_id = $1`,
      [threadId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Created -> screened latency of every post in the thread, from database timestamps (one clock). */
async function screeningLatencies(databaseUrl: string, threadId: string): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (s.screened_at - p.created_at)) * 1000 AS ms
       FROM posts p JOIN screenings s ON s.post_id = p.id AND s.revision = 1
       WHERE p.thread_id = $1 AND p.id <> (SELECT first_post_id FROM threads WHERE id = $1)`,
      [threadId],
    );
    return rows.map((r) => Number(r.ms));
  } finally {
    await client.end();
  }
}

export const SCENARIOS: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  /** createReply as fast as it is accepted (post committed + screening queued). */
  async accept(options) {
    const env = await startEnvironment({ label: 'accept', members: options.connections, worker: true, database: options.database });
    try {
      const run = await drive(env, { connections: options.connections, seconds: options.seconds, amount: 200_000, body: (i) => replyBody(env.threadId, i) });
      const posts = await countPosts(env.databaseUrl, env.threadId);
      // A GraphQL error still answers 200: what was not committed was refused.
      const committed = posts.total - 1;
      return { scenario: 'accept', ...run, postsCommitted: committed, refused: run.requests - run.non2xx - committed };
    } finally {
      await env.close();
    }
  },

  /** createReply at a fixed rate (default: half of a measured accept maximum, --rate overrides). */
  async latency(options) {
    const rate = Number(process.env.BENCH_RATE ?? 0) || 250;
    const env = await startEnvironment({ label: 'latency', members: options.connections, worker: true, database: options.database });
    try {
      const run = await drive(env, { connections: options.connections, seconds: options.seconds, overallRate: rate, body: (i) => replyBody(env.threadId, i) });
      return { scenario: 'latency', rate, ...run };
    } finally {
      await env.close();
    }
  },

  /** thread with its 50 replies, authors, reactions and viewer reactions. */
  async read(options) {
    const env = await startEnvironment({ label: 'read', members: options.connections, worker: true, database: options.database });
    try {
      for (let i = 0; i < 50; i++) {
        await gql(env.graphqlUrl, env.clientTokens[i % env.clientTokens.length], CREATE_REPLY, { input: { threadId: env.threadId, body: `${SAFE_BODIES[i % 4]} (${i})` } });
      }
      await waitFor(async () => (await countPosts(env.databaseUrl, env.threadId)).published === 51, 60_000, 'replies to be published');
      const { thread } = await gql<{ thread: { posts: { edges: Array<{ node: { id: string } }> } } }>(env.graphqlUrl, env.staffToken, `{ thread(id: "${env.threadId}") { posts(first: 51) { edges { node { id } } } } }`);
      const kinds = ['HEART', 'HUG', 'STRENGTH', 'RELATE', 'THANKS'];
      for (const [i, edge] of thread.posts.edges.entries()) {
        await gql(env.graphqlUrl, env.clientTokens[(i + 1) % env.clientTokens.length], 'mutation($input: ReactInput!) { react(input: $input) { id } }', { input: { postId: edge.node.id, kind: kinds[i % 5] } });
      }
      const query = `{ thread(id: "${env.threadId}") { id title replyCount posts(first: 51) { edges { cursor node { id body status createdAt author { id displayName } reactions { kind count } viewerReactions } } pageInfo { hasNextPage endCursor } } } }`;
      const body = JSON.stringify({ query });
      const run = await drive(env, { connections: options.connections, seconds: options.seconds, amount: 100_000, body: () => body });
      return { scenario: 'read', ...run };
    } finally {
      await env.close();
    }
  },

  /** A steady 20 posts/s through the worker: created -> screened latency. */
  async screen(options) {
    const rate = 20;
    const env = await startEnvironment({ label: 'screen', members: Math.max(options.connections, 4), worker: true, database: options.database });
    try {
      const run = await drive(env, { connections: Math.max(options.connections, 4), seconds: options.seconds, overallRate: rate, body: (i) => replyBody(env.threadId, i) });
      const expected = (await countPosts(env.databaseUrl, env.threadId)).total;
      await waitFor(async () => (await countPosts(env.databaseUrl, env.threadId)).screened === expected, 120_000, 'every post to be screened');
      return { scenario: 'screen', rate, accepted: run, createdToScreenedMs: summarise(await screeningLatencies(env.databaseUrl, env.threadId)) };
    } finally {
      await env.close();
    }
  },

  /** Crisis posts at 2/s: created -> escalation webhook received. */
  async escalate(options) {
    const received: Array<{ escalationId: string; at: number }> = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        try {
          const payload = JSON.parse(data) as { escalationId?: string; escalation?: { id?: string } };
          received.push({ escalationId: payload.escalationId ?? payload.escalation?.id ?? '', at: Date.now() });
        } catch {
          // not JSON: counted as nothing
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const env = await startEnvironment({
      label: 'escalate',
      members: Math.max(options.connections, 4),
      worker: true,
      database: options.database,
      extraEnv: { ESCALATION_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, ESCALATION_WEBHOOK_SECRET: 'bench-webhook-secret-0123456789' },
    });
    try {
      const crisis = 'I want to kill myself tonight, I have the pills ready.';
      const run = await drive(env, { connections: Math.max(options.connections, 4), seconds: options.seconds, overallRate: 2, body: (i) => JSON.stringify({ query: CREATE_REPLY, variables: { input: { threadId: env.threadId, body: `${crisis} (${i})` } } }) });
      const client = new Client({ connectionString: env.databaseUrl });
      await client.connect();
      const escalations = async () =>
        (await client.query<{ id: string; created: number }>(`SELECT e.id, EXTRACT(EPOCH FROM p.created_at) * 1000 AS created FROM escalations e JOIN posts p ON p.id = e.post_id WHERE e.level = 1 OR true`)).rows;
      await waitFor(async () => {
        const rows = await escalations();
        return rows.length > 0 && rows.every((r) => received.some((h) => h.escalationId === r.id));
      }, 60_000, 'every escalation webhook');
      const rows = await escalations();
      await client.end();
      const latencies = rows.map((r) => Math.min(...received.filter((h) => h.escalationId === r.id).map((h) => h.at)) - Number(r.created));
      return { scenario: 'escalate', rate: 2, accepted: run, escalations: rows.length, createdToWebhookMs: summarise(latencies) };
    } finally {
      await env.close();
      server.close();
    }
  },
};
