/**
 * `npm run bench -- costly`: the most expensive reads a CLIENT can still send under the query
 * cost limit, against a space of a few hundred threads with replies and reactions. For each
 * request: wall time, response size, values returned, SQL statements, and the API process's
 * resident memory before, after and at its peak during the request (the peak is reset through
 * /proc/<pid>/clear_refs, so this needs Linux and the right to write there). The tester's attack
 * is sent too, to show how fast it is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { BenchEnvironment, startEnvironment } from './environment';
import type { BenchOptions, BenchResult } from './scenarios';

const THREADS = 300;
const SENTENCE = 'Some days are heavier than others; today I went for a walk and called my sister. ';
const POST_FIELDS = 'id body status createdAt editedAt statusNote revision author { id displayName } reactions { kind count } viewerReactions';
const NESTED_POSTS = 'edges { node { posts { edges { node { thread { posts { edges { node { id body } } } } } } } } }';

/** Each is accepted by the cost limit (cost in the name's comment); the last is the tester's. */
function requests(spaceId: string): Record<string, { query: string; refused?: boolean }> {
  return {
    // 100 threads x 4 posts: about the most post bodies (cost 20 each) one request may ask for (cost 9,501).
    mostBodies: { query: `{ threads(spaceId: "${spaceId}", first: 100) { edges { node { posts(first: 4) { edges { node { id body } } } } } } }` },
    // 100 threads with every field, and every field of their first posts (cost 6,701).
    mostFields: {
      query: `{ threads(spaceId: "${spaceId}", first: 100) { edges { cursor node { id title status replyCount lastActivityAt createdAt author { id displayName }
        firstPost { ${POST_FIELDS} } } } pageInfo { hasNextPage endCursor } } }`,
    },
    // 15 aliases of different page sizes, so no two lists share a batch, two levels deep (cost 5,639).
    mostStatements: {
      query: `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: threads(spaceId: "${spaceId}", first: ${1 + i}) { edges { node { posts(first: ${1 + (i % 2)}) { edges { node { id body thread { posts(first: ${1 + (i % 2)}) { edges { node { id } } } } } } } } } }`).join(' ')} }`,
    },
    testersAttack: { query: `{ a0: threads(spaceId: "${spaceId}", first: 100) { ${NESTED_POSTS} } }`, refused: true },
  };
}

async function seed(env: BenchEnvironment): Promise<{ threads: number; posts: number; reactions: number }> {
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    const members = env.clientTokens.length;
    await db.query(
      `INSERT INTO threads (space_id, author_id, title, last_activity_at)
       SELECT $1, m.id, 'Seeded thread ' || g, now() - make_interval(mins => g) FROM generate_series(1, $2) g
       JOIN members m ON m.sub = 'bench-client-' || (g % $3)`,
      [env.spaceId, THREADS, members],
    );
    // 11 to 31 posts a thread, bodies of 1 to 12 sentences (80 to 1,000 characters).
    await db.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, body_html, body_text)
       SELECT t.id, $1, m.id, 'PUBLISHED', '<p>' || b.text || '</p>', b.text
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM threads WHERE space_id = $1 AND title LIKE 'Seeded thread %') t
       CROSS JOIN LATERAL generate_series(0, 10 + (t.n % 21)::int) r
       JOIN members m ON m.sub = 'bench-client-' || ((t.n + r) % $2)
       CROSS JOIN LATERAL (SELECT repeat($3, 1 + ((t.n * 7 + r * 13) % 12)::int) AS text) b
       ORDER BY t.n, r`,
      [env.spaceId, members, SENTENCE],
    );
    await db.query(
      `UPDATE threads t SET first_post_id = (SELECT p.id FROM posts p WHERE p.thread_id = t.id ORDER BY p.seq LIMIT 1) WHERE t.title LIKE 'Seeded thread %'`,
    );
    await db.query(
      `INSERT INTO reactions (post_id, member_id, kind)
       SELECT p.id, m.id, (ARRAY['HEART','HUG','STRENGTH','RELATE','THANKS'])[1 + (p.seq % 5)]
       FROM posts p JOIN members m ON m.sub LIKE 'bench-client-%' WHERE p.space_id = $1 AND p.seq % 3 = 0 ON CONFLICT DO NOTHING`,
      [env.spaceId],
    );
    await db.query('ANALYZE');
    const [counts] = (
      await db.query<{ threads: number; posts: number; reactions: number }>(
        `SELECT (SELECT count(*)::int FROM threads WHERE space_id = $1) AS threads, (SELECT count(*)::int FROM posts WHERE space_id = $1) AS posts,
                (SELECT count(*)::int FROM reactions r JOIN posts p ON p.id = r.post_id WHERE p.space_id = $1) AS reactions`,
        [env.spaceId],
      )
    ).rows;
    return counts;
  } finally {
    await db.end();
  }
}

function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Values in a JSON answer: every object, array and scalar. */
function values(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((sum: number, item) => sum + values(item), 0);
  if (value && typeof value === 'object') return 1 + Object.values(value).reduce((sum: number, item) => sum + values(item), 0);
  return 1;
}

interface Measured {
  wallMs: number;
  responseBytes: number;
  values: number;
  errors: string[];
  sqlStatements: number | null;
  rssBeforeMb: number;
  rssAfterMb: number;
  peakRssGrowthMb: number;
}

async function send(env: BenchEnvironment, token: string, query: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(env.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { text, ms: performance.now() - started };
}

/** `copies` identical requests at once; memory is the API's, from just before to its peak during them. */
async function measure(env: BenchEnvironment, query: string, copies: number): Promise<Measured> {
  const pid = env.api.pid;
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const rssBefore = memoryKb(pid, 'VmRSS');
  const sqlBefore = await env.sqlStatements();
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: copies }, (_, i) => send(env, env.clientTokens[i % env.clientTokens.length], query)));
  const wallMs = performance.now() - started;
  const sqlAfter = await env.sqlStatements();
  const body = JSON.parse(answers[0].text) as { data?: unknown; errors?: Array<{ message: string }> };
  return {
    wallMs: Math.round(wallMs),
    responseBytes: answers[0].text.length,
    values: values(body.data ?? null),
    errors: (body.errors ?? []).map((e) => e.message),
    sqlStatements: sqlBefore === null || sqlAfter === null ? null : (sqlAfter - sqlBefore) / copies,
    rssBeforeMb: Math.round(rssBefore / 102.4) / 10,
    rssAfterMb: Math.round(memoryKb(pid, 'VmRSS') / 102.4) / 10,
    peakRssGrowthMb: Math.round((memoryKb(pid, 'VmHWM') - rssBefore) / 102.4) / 10,
  };
}

/** Each request three times alone (warm, the slowest kept), then four at once. */
async function runAll(env: BenchEnvironment): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const [name, { query, refused }] of Object.entries(requests(env.spaceId))) {
    await send(env, env.clientTokens[0], query);
    const alone: Measured[] = [];
    for (let i = 0; i < 3; i++) alone.push(await measure(env, query, 1));
    const slowest = alone.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
    if (refused ? slowest.errors.length === 0 : slowest.errors.length > 0) throw new Error(`${name}: unexpected answer ${JSON.stringify(slowest.errors)}`);
    results[name] = { alone: slowest, fourAtOnce: await measure(env, query, 4) };
  }
  return results;
}

export async function costlyScenario(options: BenchOptions): Promise<BenchResult> {
  const env = await startEnvironment({
    label: 'costly',
    members: 8,
    worker: false,
    toxicityModel: false,
    database: options.database,
    countSql: true,
    publishThread: false,
  });
  try {
    const data = await seed(env);
    const realistic = await runAll(env);
    // The ceiling: every post of the first 100 threads at the 20,000-character maximum.
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE posts SET body_html = '<p>' || repeat($2, 240) || '</p>' WHERE thread_id IN (SELECT id FROM threads WHERE space_id = $1 ORDER BY last_activity_at DESC LIMIT 100)`,
        [env.spaceId, SENTENCE.slice(0, 83)],
      );
    } finally {
      await db.end();
    }
    const longest = await runAll(env);
    return { scenario: 'costly', data, realisticBodies: realistic, maximumLengthBodies: longest };
  } finally {
    await env.close();
  }
}
