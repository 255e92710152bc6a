/**
 * `npm run bench -- engagement`: the Insights figures at program scale. Seeds (with generate_series,
 * in a few statements) a year of 1,000,000 posts in 100,000 threads, 100,000 moderation cases and
 * 10,000 escalations, lets the worker's `refresh-engagement-rollup` job build the rollup (timed),
 * then asks `engagementSummary` for 90-day periods ending now (program-wide and per space) one
 * request at a time and prints the latency percentiles, with the data size, the rollup build and
 * refresh times, the same figures read with no rollup at all for comparison, and the load average
 * (the machine may be shared).
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { JobName, QueueName } from '../../src/queue/queue.types';
import { openQueue } from '../../test/utils/queue-jobs';
import { waitFor } from '../../test/utils/wait-for';
import { startEnvironment } from './environment';
import { gql, summarise } from './harness';
import type { BenchOptions, BenchResult } from './scenarios';

const SIZES = { clients: 2_000, peers: 40, spaces: 20, threads: 100_000, postsPerThread: 10, cases: 100_000, escalations: 10_000, days: 365 };

const SUMMARY = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) {
  engagementSummary(spaceId: $spaceId, from: $from, to: $to) {
    activeClients { count fewerThanFive } newThreads replies reactions peerSpecialistReplies
    timeToFirstReply { p50Minutes p90Minutes count } peerSpecialistFirstReplyShare threadsPastFirstDay unansweredThreads
    moderation { casesOpened casesByReason { reason count } timeToFirstLook { p50Minutes p90Minutes }
      byPriority { priority opened timeToFirstLook { p50Minutes p90Minutes } decidedWithinDueShare } decidedWithinDueShare }
    escalations { fewerThanFive raised timeToAcknowledge { p50Minutes p90Minutes } acknowledgedWithinDeadlineShare climbedPastLevelOne
      bySeverity { severity raised } }
  } }`;

const SERIES = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) {
  engagementSeries(spaceId: $spaceId, from: $from, to: $to, bucket: WEEK) { points { from newThreads replies activeClients { count } timeToFirstReply { p50Minutes } } } }`;

/** The triggers that mark late-changed rollup days (migration MarkLateInsightsDays) on the tables the seed fills. */
const INSIGHTS_MARK_TRIGGERS = [
  ['posts', 'insights_mark_post_insert'],
  ['reactions', 'insights_mark_reaction'],
  ['moderation_cases', 'insights_mark_case_insert_delete'],
  ['escalations', 'insights_mark_escalation_insert_delete'],
] as const;

/** The whole data set in a handful of set-based statements (as the schema owner, outside the app). */
async function seed(db: Client): Promise<Record<string, number>> {
  const { clients, peers, spaces, threads, postsPerThread, cases, escalations, days } = SIZES;
  await db.query(`SET synchronous_commit = off`);
  // The rollup's first build reads every day anyway: no late-day marks for a million rows written at once.
  for (const [table, trigger] of INSIGHTS_MARK_TRIGGERS) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  await db.query(`INSERT INTO members (sub, role, display_name) SELECT 'bench-c-' || i, 'CLIENT', 'Client ' || i FROM generate_series(1, $1) i`, [clients]);
  await db.query(`INSERT INTO members (sub, role, display_name) SELECT 'bench-p-' || i, 'PEER_SPECIALIST', 'Peer ' || i FROM generate_series(1, $1) i`, [
    peers,
  ]);
  await db.query(`INSERT INTO spaces (slug, name) SELECT 'bench-space-' || i, 'Bench space ' || i FROM generate_series(1, $1) i`, [spaces]);
  await db.query(
    `CREATE TEMP TABLE bench_members AS SELECT row_number() OVER (ORDER BY sub) - 1 AS n, id, role FROM members WHERE sub LIKE 'bench-c-%' OR sub LIKE 'bench-p-%'`,
  );
  await db.query(`CREATE TEMP TABLE bench_spaces AS SELECT row_number() OVER (ORDER BY slug) - 1 AS n, id FROM spaces WHERE slug LIKE 'bench-space-%'`);
  const memberCount = clients + peers;
  // One row per thread: its ids, space, author (a client) and when it started, spread over the year.
  await db.query(
    `CREATE TEMP TABLE bench_threads AS
     SELECT gen_random_uuid() AS id, gen_random_uuid() AS first_post_id, s.id AS space_id, m.id AS author_id,
            now() - make_interval(secs => random() * $2 * 86400) AS started_at
       FROM generate_series(0, $1 - 1) i
       JOIN bench_spaces s ON s.n = i % $3
       JOIN bench_members m ON m.n = (i * 7919) % $4`,
    [threads, days, spaces, clients],
  );
  await db.query(
    `INSERT INTO threads (id, space_id, author_id, title, created_at, last_activity_at) SELECT id, space_id, author_id, 't', started_at, started_at FROM bench_threads`,
  );
  // Posts: the first at the start, replies minutes to a day later, by any member (peers too); 3% held, 1% removed.
  await db.query(
    `INSERT INTO posts (id, thread_id, space_id, author_id, status, held_reason, body_html, body_text, created_at, status_changed_at, published_at)
     SELECT CASE WHEN k = 0 THEN t.first_post_id ELSE gen_random_uuid() END, t.id, t.space_id,
            CASE WHEN k = 0 THEN t.author_id ELSE m.id END,
            st.status, CASE WHEN st.status = 'HELD' THEN 'TOXICITY' END, '<p>x</p>', 'x', at.at, at.at, CASE WHEN st.status <> 'HELD' THEN at.at END
       FROM bench_threads t
       CROSS JOIN generate_series(0, $1 - 1) k
       JOIN bench_members m ON m.n = abs(hashtext(t.id::text || k)) % $2
       CROSS JOIN LATERAL (SELECT least(now(), t.started_at + CASE WHEN k = 0 THEN interval '0' ELSE interval '1 minute' * (k * random() * 240) END) AS at) at
       CROSS JOIN LATERAL (SELECT CASE WHEN k > 0 AND random() < 0.03 THEN 'HELD' WHEN k > 0 AND random() < 0.01 THEN 'REMOVED' ELSE 'PUBLISHED' END AS status) st`,
    [postsPerThread, memberCount],
  );
  await db.query(`UPDATE threads t SET first_post_id = b.first_post_id FROM bench_threads b WHERE b.id = t.id`);
  // Reactions: about one published post in five, by a client.
  await db.query(
    `INSERT INTO reactions (post_id, member_id, kind, created_at)
     SELECT p.id, m.id, 'HEART', p.published_at + interval '5 minutes'
       FROM (SELECT id, published_at, seq FROM posts WHERE status = 'PUBLISHED' AND seq % 5 = 0) p
       JOIN bench_members m ON m.n = p.seq % $1
     ON CONFLICT DO NOTHING`,
    [clients],
  );
  // Cases on one post in ten: looked at within minutes to hours, most resolved.
  await db.query(
    `INSERT INTO moderation_cases (post_id, space_id, subject_id, status, reasons, priority, priority_rank, opened_at, first_looked_at, due_at, resolved_at, decision)
     SELECT p.id, p.space_id, p.author_id, CASE WHEN r.resolved THEN 'RESOLVED' ELSE 'OPEN' END,
            ARRAY[(ARRAY['TOXICITY', 'USER_REPORT', 'WATCHED_WORD', 'CRISIS'])[1 + p.seq % 4]], pr.priority, pr.rank,
            p.created_at, p.created_at + interval '1 minute' * (random() * 120), p.created_at + make_interval(mins => pr.due_minutes),
            CASE WHEN r.resolved THEN p.created_at + interval '1 minute' * (random() * 180) END, CASE WHEN r.resolved THEN 'APPROVE' END
       FROM (SELECT id, space_id, author_id, created_at, seq FROM posts ORDER BY seq LIMIT $1 * 10) p
       CROSS JOIN LATERAL (SELECT (ARRAY['URGENT', 'HIGH', 'NORMAL', 'LOW'])[1 + p.seq % 4] AS priority, p.seq % 4 AS rank, (ARRAY[15, 60, 240, 1440])[1 + p.seq % 4] AS due_minutes) pr
       CROSS JOIN LATERAL (SELECT random() < 0.97 AS resolved) r
      WHERE p.seq % 10 = 0`,
    [cases],
  );
  // Escalations on one case's post in ten: acknowledged in minutes, some late, some climbing.
  await db.query(
    `INSERT INTO escalations (dedupe_key, subject_id, post_id, case_id, trigger, severity, status, level, paged_level, created_at, ack_due_at, acknowledged_at)
     SELECT 'bench-' || c.id, c.subject_id, c.post_id, c.id, 'MANUAL', sv.severity, 'ACKNOWLEDGED', lv.level, lv.level,
            c.opened_at, c.opened_at + make_interval(mins => 15 * lv.level), c.opened_at + interval '1 minute' * (random() * 20 * lv.level)
       FROM (SELECT id, subject_id, post_id, opened_at, row_number() OVER (ORDER BY opened_at) AS n FROM moderation_cases) c
       CROSS JOIN LATERAL (SELECT (ARRAY['IMMINENT', 'HIGH', 'ELEVATED'])[1 + c.n % 3] AS severity) sv
       CROSS JOIN LATERAL (SELECT CASE WHEN c.n % 17 = 0 THEN 2 WHEN c.n % 53 = 0 THEN 3 ELSE 1 END AS level) lv
      WHERE c.n % 10 = 0 LIMIT $1`,
    [escalations],
  );
  for (const [table, trigger] of INSIGHTS_MARK_TRIGGERS) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  await db.query(`ANALYZE`);
  return dataSize(db);
}

/** Whether this database (a named one, `--database`, kept across runs) already holds the data set. */
async function seeded(db: Client): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM members WHERE sub = 'bench-c-1'`);
  return (rowCount ?? 0) > 0;
}

async function dataSize(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM threads)::int AS threads,
            (SELECT count(*) FROM moderation_cases)::int AS cases, (SELECT count(*) FROM escalations)::int AS escalations,
            (SELECT count(*) FROM reactions)::int AS reactions, (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM spaces)::int AS spaces`,
  );
  return rows[0];
}

async function liveFromAgeMs(db: Client): Promise<number> {
  const { rows } = await db.query<{ age: number }>(`SELECT extract(epoch FROM now() - live_from) * 1000 AS age FROM insights_rollup_state WHERE id = 1`);
  return rows[0] ? Number(rows[0].age) : Infinity;
}

async function refreshedAt(db: Client): Promise<string | null> {
  const { rows } = await db.query<{ at: string }>(`SELECT refreshed_at::text AS at FROM insights_rollup_state WHERE id = 1`);
  return rows[0]?.at ?? null;
}

export async function engagementScenario(options: BenchOptions): Promise<BenchResult> {
  // No worker until the data is in: its first refresh builds the rollup from the first day of data.
  const env = await startEnvironment({
    label: 'engagement',
    members: 1,
    worker: false,
    toxicityModel: false,
    database: options.database,
    publishThread: false,
  });
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  const queue = openQueue(QueueName.SWEEPS, env.env.REDIS_URL ?? '', env.prefix);
  try {
    const seedStarted = Date.now();
    const reused = await seeded(db);
    const data = reused ? await dataSize(db) : await seed(db);
    const seedMs = reused ? 0 : Date.now() - seedStarted;
    process.stderr.write(`${reused ? 'reused the data set of' : 'seeded'} ${JSON.stringify(data)} in ${seedMs} ms\n`);
    // A reused database keeps its rollup from the last run: start it again from scratch, so the build is timed.
    await db.query(
      `TRUNCATE insights_rollup_state, insights_daily_posts, insights_daily_cases, insights_daily_escalations, insights_program_daily_posts,
                insights_program_daily_cases, insights_program_daily_escalations, insights_program_weekly_posts, insights_program_weekly_cases,
                insights_program_weekly_escalations, insights_dirty_days`,
    );
    const { rows: spaceRows } = await db.query<{ id: string }>(`SELECT id FROM spaces WHERE slug LIKE 'bench-space-%' ORDER BY slug`);

    // The last 90 days as the Insights page asks for them: from midnight UTC 89 days ago to now.
    let to = new Date();
    const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - 89 * 86_400_000);
    const ask = async (spaceId: string | null, query = SUMMARY) => {
      const started = process.hrtime.bigint();
      await gql(env.graphqlUrl, env.staffToken, query, { spaceId, from: from.toISOString(), to: to.toISOString() });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    // Live only (no rollup yet): what every request would cost without it.
    const live: number[] = [];
    for (let i = 0; i < 5; i += 1) live.push(await ask(null));

    // The worker's job builds the rollup (its scheduler's first run, or this added run, whichever comes first).
    const buildStarted = Date.now();
    env.startWorker({ quiet: true });
    await queue.add(JobName.REFRESH_ENGAGEMENT_ROLLUP, {}, { jobId: 'bench-refresh-1' });
    // Built when it reaches today: its last chunk moves live_from to about a minute ago.
    await waitFor('the rollup to be built', async () => (await liveFromAgeMs(db)) < 5 * 60_000, { timeoutMs: 900_000, intervalMs: 500 });
    const buildMs = Date.now() - buildStarted;
    const first = await refreshedAt(db);
    const refreshStarted = Date.now();
    await queue.add(JobName.REFRESH_ENGAGEMENT_ROLLUP, {}, { jobId: 'bench-refresh-2' });
    await waitFor('the rollup to be refreshed again', async () => (await refreshedAt(db)) !== first, { timeoutMs: 300_000, intervalMs: 50 });
    const refreshMs = Date.now() - refreshStarted;
    const { rows: rollupRows } = await db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM insights_daily_posts) + (SELECT count(*) FROM insights_daily_cases) + (SELECT count(*) FROM insights_daily_escalations))::int AS n`,
    );

    // "Now" again: the rollup now reaches past the `to` taken before it was built, and a period ending
    // before its live_from reads the whole of today live (hours of posts), which is not what the page asks.
    to = new Date();
    for (let i = 0; i < 10; i += 1) await ask(null); // warm-up
    const loadBefore = loadavg();
    const programWide: number[] = [];
    const perSpace: number[] = [];
    const series: number[] = [];
    for (let i = 0; i < 300; i += 1) programWide.push(await ask(null));
    for (let i = 0; i < 100; i += 1) perSpace.push(await ask(spaceRows[i % spaceRows.length].id));
    for (let i = 0; i < 50; i += 1) series.push(await ask(null, SERIES));
    const loadAfter = loadavg();
    const sample = await gql<{ engagementSummary: Record<string, unknown> }>(env.graphqlUrl, env.staffToken, SUMMARY, {
      spaceId: null,
      from: from.toISOString(),
      to: to.toISOString(),
    });

    return {
      scenario: 'engagement',
      data: { ...data, seedMs, rollupRows: rollupRows[0].n },
      period: { from: from.toISOString(), to: to.toISOString(), days: 90 },
      rollup: { firstBuildMs: buildMs, refreshMs },
      engagementSummaryMs: { programWide: summarise(programWide), perSpace: summarise(perSpace), withoutRollup: summarise(live) },
      engagementSeriesWeekMs: summarise(series),
      loadAverage: { before: loadBefore.map((l) => Math.round(l * 100) / 100), after: loadAfter.map((l) => Math.round(l * 100) / 100) },
      sample: sample.engagementSummary,
    };
  } finally {
    await queue.close();
    await db.end();
    await env.close();
  }
}
