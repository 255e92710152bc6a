import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { EngagementRollupService } from '../../src/insights/engagement-rollup.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, member, Member, postWithCase, space } from '../utils/factories';

/**
 * The engagement figures against a hand-computed fixture: every row is written straight to the
 * tables with known times, in a week ten days back, then the figures are read live (no rollup) and
 * again after the rollup is refreshed; both must equal the numbers worked out by hand below.
 * Times are whole minutes here (percentiles are over times rounded to whole minutes: a test of
 * its own below pins that down with times in seconds).
 */
const DAY = 86_400_000;
const MIN = 60_000;

describe('insights: engagement figures match the hand-computed fixture', () => {
  let app: TestApp;
  let spaceId: string;
  let smallSpaceId: string;
  let clients: Member[];
  let peer: Member;
  let otherPeer: Member;
  let clinician: Member;
  let from: Date;
  let to: Date;
  const threads: Record<string, string> = {};
  const firstPosts: Record<string, string> = {};

  const at = (offsetMs: number) => new Date(from.getTime() + offsetMs);

  async function thread(key: string, author: Member, publishedAt: Date | null, status = 'PUBLISHED', inSpace = spaceId): Promise<string> {
    const [t]: Array<{ id: string }> = await app.dataSource.query(`INSERT INTO threads (space_id, author_id, title) VALUES ($1, $2, 't') RETURNING id`, [
      inSpace,
      author.id,
    ]);
    const postId = await post(t.id, author, publishedAt, status, inSpace);
    await app.dataSource.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [postId, t.id]);
    threads[key] = t.id;
    firstPosts[key] = postId;
    return t.id;
  }

  async function post(threadId: string, author: Member, publishedAt: Date | null, status = 'PUBLISHED', inSpace = spaceId): Promise<string> {
    const [p]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text, published_at, created_at)
       VALUES ($1, $2, $3, $4, $5, '<p>x</p>', 'x', $6, COALESCE($6, now())) RETURNING id`,
      [threadId, inSpace, author.id, status, status === 'HELD' ? 'TOXICITY' : null, publishedAt],
    );
    return p.id;
  }

  async function kase(postId: string, priority: string, reasons: string[], openedAt: Date, lookMin: number, dueMin: number, resolvedMin: number | null) {
    const rank = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 }[priority];
    await app.dataSource.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, status, reasons, priority, priority_rank, opened_at, first_looked_at, due_at, resolved_at, decision)
       SELECT $1, p.space_id, p.author_id, CASE WHEN $8::int IS NULL THEN 'OPEN' ELSE 'RESOLVED' END, $2, $3, $4, $5,
              $5::timestamptz + make_interval(mins => $6), $5::timestamptz + make_interval(mins => $7),
              $5::timestamptz + make_interval(mins => $8::int), CASE WHEN $8::int IS NULL THEN NULL ELSE 'APPROVE' END
         FROM posts p WHERE p.id = $1`,
      [postId, reasons, priority, rank, openedAt, lookMin, dueMin, resolvedMin],
    );
  }

  async function escalation(subject: Member, postId: string, severity: string, createdAt: Date, dueMin: number, ackMin: number | null, level: number) {
    await app.dataSource.query(
      `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, status, level, paged_level, created_at, ack_due_at, acknowledged_at)
       VALUES ($1, $2, $3, 'MANUAL', $4, CASE WHEN $7::int IS NULL THEN 'OPEN' ELSE 'ACKNOWLEDGED' END, $8, $8, $5,
               $5::timestamptz + make_interval(mins => $6), $5::timestamptz + make_interval(mins => $7::int))`,
      [randomUUID(), subject.id, postId, severity, createdAt, dueMin, ackMin, level],
    );
  }

  const SUMMARY = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) {
    engagementSummary(spaceId: $spaceId, from: $from, to: $to) {
      activeClients { count fewerThanFive } newThreads replies reactions peerSpecialistReplies
      timeToFirstReply { p50Minutes p90Minutes count } peerSpecialistFirstReplyShare threadsPastFirstDay unansweredThreads
      moderation { casesOpened casesByReason { reason count } timeToFirstLook { p50Minutes p90Minutes count } decidedWithinDueShare
        byPriority { priority opened timeToFirstLook { p50Minutes p90Minutes count } decidedWithinDueShare } }
      escalations { fewerThanFive raised timeToAcknowledge { p50Minutes p90Minutes count } acknowledgedWithinDeadlineShare climbedPastLevelOne
        bySeverity { severity raised timeToAcknowledge { p50Minutes p90Minutes count } acknowledgedWithinDeadlineShare climbedPastLevelOne } }
    } }`;

  async function summary(token: string, spaceIdArg: string | null = spaceId) {
    const res = await app.gql<{ engagementSummary: Record<string, unknown> }>(
      SUMMARY,
      { spaceId: spaceIdArg, from: from.toISOString(), to: to.toISOString() },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.engagementSummary;
  }

  /** Worked out by hand from the rows written in beforeAll (see the comments there). */
  const EXPECTED_FORUM = {
    activeClients: { count: 6, fewerThanFive: false },
    newThreads: 5,
    replies: 6,
    reactions: 3,
    peerSpecialistReplies: 2,
    // first replies by another member: G 60, A 30, B 120, C 1500 (25 h); D none
    timeToFirstReply: { p50Minutes: 90, p90Minutes: 1086, count: 4 },
    peerSpecialistFirstReplyShare: 0.25,
    threadsPastFirstDay: 5,
    unansweredThreads: 2,
  };
  const EXPECTED_MODERATION = {
    casesOpened: 3,
    casesByReason: [
      { reason: 'TOXICITY', count: 2 },
      { reason: 'CRISIS', count: 1 },
      { reason: 'USER_REPORT', count: 1 },
    ],
    // looks: 10, 30 (HIGH), 5 (URGENT)
    timeToFirstLook: { p50Minutes: 10, p90Minutes: 26, count: 3 },
    decidedWithinDueShare: 0.333,
    byPriority: [
      { priority: 'HIGH', opened: 2, timeToFirstLook: { p50Minutes: 20, p90Minutes: 28, count: 2 }, decidedWithinDueShare: 0.5 },
      { priority: 'URGENT', opened: 1, timeToFirstLook: { p50Minutes: 5, p90Minutes: 5, count: 1 }, decidedWithinDueShare: 0 },
    ],
  };
  const EXPECTED_ESCALATIONS = {
    fewerThanFive: false,
    raised: 5,
    // acknowledged after 10, 50, 3, 20 minutes; e4 never
    timeToAcknowledge: { p50Minutes: 15, p90Minutes: 41, count: 4 },
    acknowledgedWithinDeadlineShare: 0.6,
    climbedPastLevelOne: 2,
    // Every severity is about one or two clients: a breakdown would single them out (and one left out could be worked out).
    bySeverity: [],
  };

  beforeAll(async () => {
    // No worker: the rollup refreshes only when this test says so.
    app = await startTestApp({ role: 'api' });
    spaceId = await space(app.dataSource, { name: 'Insights fixture' });
    smallSpaceId = await space(app.dataSource, { name: 'Insights small' });
    clients = [];
    for (let i = 1; i <= 6; i += 1) clients.push(await member(app, Role.CLIENT, `insights-c${i}`));
    peer = await member(app, Role.PEER_SPECIALIST, 'insights-peer');
    otherPeer = await member(app, Role.PEER_SPECIALIST, 'insights-other-peer');
    clinician = await member(app, Role.CLINICIAN, 'insights-clinician');
    await assignToSpace(app.dataSource, spaceId, peer.id);
    const [c1, c2, c3, c4, c5, c6] = clients;
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    from = new Date(today.getTime() - 10 * DAY);
    to = new Date(from.getTime() + 7 * DAY);
    const H = 60 * MIN;

    // A (c1, +1 h): c1 answers themselves (+10 min, not an answer), c2 at +30 min (first reply), peer at +60 min.
    const a = await thread('A', c1, at(H));
    await post(a, c1, at(H + 10 * MIN));
    await post(a, c2, at(H + 30 * MIN));
    await post(a, peer, at(H + 60 * MIN));
    // B (c2, day 1): a held reply by c3 at +5 min does not count; the peer answers at +120 min.
    const b = await thread('B', c2, at(DAY));
    await post(b, c3, null, 'HELD');
    await post(b, peer, at(DAY + 120 * MIN));
    // C (c3, day 2): a removed reply does not count; c4 answers after 25 h (day 3): answered, but not within 24 h.
    const c = await thread('C', c3, at(2 * DAY));
    await post(c, c4, at(2 * DAY + 10 * MIN), 'REMOVED');
    await post(c, c4, at(2 * DAY + 25 * H));
    // D (c4, day 3): nobody answers.
    await thread('D', c4, at(3 * DAY));
    // E (c5): its first post is held, so the thread does not count.
    await thread('E', c5, null, 'HELD');
    // F (c6): published exactly at `to`, outside the half-open period; never answered.
    await thread('F', c6, at(7 * DAY));
    // G (c5): published exactly at `from`, inside; c6 answers after 60 min.
    const g = await thread('G', c5, at(0));
    await post(g, c6, at(60 * MIN));
    // Reactions: three on A's first post in the period, one at `to` (outside), one on the held reply of B (not counted).
    for (const who of [c2, c3, c4]) {
      await app.dataSource.query(`INSERT INTO reactions (post_id, member_id, kind, created_at) VALUES ($1, $2, 'HEART', $3)`, [
        firstPosts.A,
        who.id,
        at(2 * H),
      ]);
    }
    await app.dataSource.query(`INSERT INTO reactions (post_id, member_id, kind, created_at) VALUES ($1, $2, 'HUG', $3)`, [firstPosts.A, c5.id, at(7 * DAY)]);
    const [heldReply]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM posts WHERE thread_id = $1 AND status = 'HELD'`, [b]);
    await app.dataSource.query(`INSERT INTO reactions (post_id, member_id, kind, created_at) VALUES ($1, $2, 'HEART', $3)`, [heldReply.id, c1.id, at(DAY + H)]);

    // Cases: decided in time; decided late; never decided and past due; one opened at `to` (outside).
    await kase(firstPosts.A, 'HIGH', ['TOXICITY'], at(H), 10, 60, 20);
    await kase(firstPosts.B, 'HIGH', ['TOXICITY', 'USER_REPORT'], at(DAY), 30, 60, 90);
    await kase(firstPosts.C, 'URGENT', ['CRISIS'], at(2 * DAY), 5, 15, null);
    await kase(firstPosts.D, 'LOW', ['WATCHED_WORD'], at(7 * DAY), 1, 60, 2);

    // Escalations about five clients: acknowledged in time; late after climbing; in time; never (climbed to 3); in time.
    await escalation(c1, firstPosts.A, 'HIGH', at(H), 30, 10, 1);
    await escalation(c2, firstPosts.B, 'HIGH', at(DAY), 60, 50, 2);
    await escalation(c3, firstPosts.C, 'IMMINENT', at(2 * DAY), 5, 3, 1);
    await escalation(c4, firstPosts.C, 'IMMINENT', at(2 * DAY + H), 5, null, 3);
    await escalation(c5, firstPosts.G, 'ELEVATED', at(3 * DAY), 60, 20, 1);

    // The small space: two clients and one escalation, every client figure withheld.
    const small = await thread('S', c1, at(DAY), 'PUBLISHED', smallSpaceId);
    await post(small, c2, at(DAY + H), 'PUBLISHED', smallSpaceId);
    await escalation(c1, firstPosts.S, 'HIGH', at(DAY), 30, 5, 1);
  });

  afterAll(() => app?.close());

  /** Program-wide (every space, other files' rows too) read live in the first test, to compare with the program-wide rollup rows. */
  let programWideLive: Record<string, unknown>;
  /** Program-wide over 21 days (two whole ISO weeks at least, which the rollup reads from its weekly rows), read live. */
  let threeWeeksLive: Record<string, unknown>;
  const programWideOver = async (periodFrom: Date, periodTo: Date) => {
    const res = await app.gql<{ engagementSummary: Record<string, unknown> }>(
      SUMMARY,
      { spaceId: null, from: periodFrom.toISOString(), to: periodTo.toISOString() },
      clinician.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.engagementSummary;
  };

  it('should compute the figures live, before any rollup, exactly as worked out by hand', async () => {
    // Every day read live: forget the rollup (other test files may have refreshed it before these rows existed).
    await app.dataSource.query(`DELETE FROM insights_rollup_state`);
    const figures = await summary(clinician.token);
    expect(figures).toMatchObject({ ...EXPECTED_FORUM, moderation: EXPECTED_MODERATION, escalations: EXPECTED_ESCALATIONS });
    programWideLive = await summary(clinician.token, null);
    expect(programWideLive).toMatchObject({ newThreads: expect.any(Number) as number });
    expect(programWideLive.newThreads).toBeGreaterThanOrEqual(6);
    threeWeeksLive = await programWideOver(new Date(from.getTime() - 14 * DAY), to);
    expect(threeWeeksLive.newThreads).toBeGreaterThanOrEqual(6);
  });

  it('should give the same figures from the refreshed rollup, and for a period starting mid-day (live edges)', async () => {
    await app.running.app.get(EngagementRollupService).refresh();
    const [state]: Array<{ complete_until: string; live_from: Date }> = await app.dataSource.query(
      `SELECT complete_until::text, live_from FROM insights_rollup_state`,
    );
    // Up to a minute ago: today's rows are partial, only the last minute or so is read live.
    expect(Date.now() - state.live_from.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - state.live_from.getTime()).toBeLessThan(120_000);
    expect(state.complete_until).toBe(state.live_from.toISOString().slice(0, 10));
    const rows: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM insights_daily_posts WHERE space_id = $1`, [spaceId]);
    expect(rows[0].n).toBeGreaterThan(0);
    expect(await summary(clinician.token)).toMatchObject({ ...EXPECTED_FORUM, moderation: EXPECTED_MODERATION, escalations: EXPECTED_ESCALATIONS });
    // Program-wide, the days come from the program-wide rows (one per day, every space's minute histograms added up):
    // the very figures read live above, percentiles included.
    const programRows: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM insights_program_daily_posts WHERE day >= $1::date`, [
      from.toISOString().slice(0, 10),
    ]);
    expect(programRows[0].n).toBeGreaterThan(0);
    expect(await summary(clinician.token, null)).toEqual(programWideLive);
    // 21 days: its whole ISO weeks come from the weekly rows (each week's days summed), the days around them per day.
    // The whole week that holds `from` (fixture day 0) is one of them; the others have rows if other files wrote in them.
    const weekRows: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM insights_program_weekly_posts WHERE day >= $1::date AND day + 7 <= $2::date`,
      [new Date(from.getTime() - 14 * DAY).toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
    );
    expect(weekRows[0].n).toBeGreaterThanOrEqual(1);
    expect(await programWideOver(new Date(from.getTime() - 14 * DAY), to)).toEqual(threeWeeksLive);

    // [from + 30 min, to): G's first post (at `from`) drops out, its reply (at +60 min) stays; day 0 is read live, days 1-6 from the rollup.
    const res = await app.gql<{ engagementSummary: Record<string, unknown> }>(
      `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $spaceId, from: $from, to: $to) { newThreads replies timeToFirstReply { count } } }`,
      { spaceId, from: at(30 * MIN).toISOString(), to: to.toISOString() },
      clinician.token,
    );
    expect(res.data?.engagementSummary).toEqual({ newThreads: 4, replies: 6, timeToFirstReply: { count: 3 } });
  });

  it('should recompute an old rollup day when a reply or a decision arrives late, and only then', async () => {
    // A thread 30 days back (older than the days every refresh recomputes), in a space of its own, with a case nobody has looked at.
    const lateSpaceId = await space(app.dataSource, { name: 'Insights late' });
    const startedAt = new Date(from.getTime() - 20 * DAY + 60 * MIN);
    const late = await thread('L', clients[0], startedAt, 'PUBLISHED', lateSpaceId);
    await app.dataSource.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, status, reasons, priority, priority_rank, opened_at, due_at)
       VALUES ($1, $2, $3, 'OPEN', '{USER_REPORT}', 'HIGH', 1, $4, $4::timestamptz + interval '60 minutes')`,
      [firstPosts.L, lateSpaceId, clients[0].id, startedAt],
    );
    // Build the rollup from scratch, so the late day is in it, then read that day.
    await app.dataSource.query(`DELETE FROM insights_rollup_state`);
    await app.running.app.get(EngagementRollupService).refresh();
    const dayFrom = new Date(startedAt.toISOString().slice(0, 10) + 'T00:00:00Z');
    const LATE = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $spaceId, from: $from, to: $to) {
      timeToFirstReply { p50Minutes count } unansweredThreads moderation { timeToFirstLook { p50Minutes count } decidedWithinDueShare } } }`;
    const lateDay = async () => {
      const res = await app.gql<{ engagementSummary: Record<string, unknown> }>(
        LATE,
        { spaceId: lateSpaceId, from: dayFrom.toISOString(), to: new Date(dayFrom.getTime() + DAY).toISOString() },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.engagementSummary;
    };
    expect(await lateDay()).toEqual({
      timeToFirstReply: { p50Minutes: null, count: 0 },
      unansweredThreads: 1,
      moderation: { timeToFirstLook: { p50Minutes: null, count: 0 }, decidedWithinDueShare: 0 },
    });

    // Late facts: a reply by another client 45 minutes after the start, published today; the case looked at and decided in time.
    await post(late, clients[1], new Date(startedAt.getTime() + 45 * MIN), 'PUBLISHED', lateSpaceId);
    await app.dataSource.query(
      `UPDATE moderation_cases SET first_looked_at = opened_at + interval '12 minutes', resolved_at = opened_at + interval '20 minutes',
              status = 'RESOLVED', decision = 'APPROVE' WHERE post_id = $1`,
      [firstPosts.L],
    );
    const marked: Array<{ day: string }> = await app.dataSource.query(`SELECT day::text AS day FROM insights_dirty_days`);
    expect(marked.map((m) => m.day)).toContain(dayFrom.toISOString().slice(0, 10));
    // The rollup still holds the day as it was: nothing has recomputed it yet.
    expect(await lateDay()).toMatchObject({ timeToFirstReply: { count: 0 }, unansweredThreads: 1 });

    await app.running.app.get(EngagementRollupService).refresh();
    expect(await lateDay()).toEqual({
      timeToFirstReply: { p50Minutes: 45, count: 1 },
      unansweredThreads: 0,
      moderation: { timeToFirstLook: { p50Minutes: 12, count: 1 }, decidedWithinDueShare: 1 },
    });
    const left: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM insights_dirty_days WHERE day = $1::date`, [
      dayFrom.toISOString().slice(0, 10),
    ]);
    expect(left[0].n).toBe(0);
  });

  it('should take percentiles over the times rounded to whole minutes, live and from the rollup alike', async () => {
    // The definition: each time rounded to the nearest minute (half away from zero), then percentile_cont over those.
    const secondsSpaceId = await space(app.dataSource, { name: 'Insights seconds' });
    const SEC = 1000;
    const start = at(5 * DAY + 2 * 60 * MIN);
    // First replies after 29 s, 10 min 31 s, 20 min 30 s and 40 min 10 s: as minutes 0, 11, 21, 40.
    for (const [i, afterMs] of [29 * SEC, 10 * MIN + 31 * SEC, 20 * MIN + 30 * SEC, 40 * MIN + 10 * SEC].entries()) {
      const startedAt = new Date(start.getTime() + i * MIN);
      const t = await thread(`R${i}`, clients[0], startedAt, 'PUBLISHED', secondsSpaceId);
      await post(t, clients[1], new Date(startedAt.getTime() + afterMs), 'PUBLISHED', secondsSpaceId);
    }
    // One case looked at after 90 s: minute 2 (1.5 rounds up).
    await app.dataSource.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, status, reasons, priority, priority_rank, opened_at, first_looked_at, due_at)
       VALUES ($1, $2, $3, 'OPEN', '{USER_REPORT}', 'NORMAL', 2, $4, $4::timestamptz + interval '90 seconds', $4::timestamptz + interval '4 hours')`,
      [firstPosts.R0, secondsSpaceId, clients[0].id, start],
    );
    const SECONDS = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $spaceId, from: $from, to: $to) {
      timeToFirstReply { p50Minutes p90Minutes count } moderation { timeToFirstLook { p50Minutes p90Minutes count } } } }`;
    const read = async () => {
      const res = await app.gql<{ engagementSummary: Record<string, unknown> }>(
        SECONDS,
        { spaceId: secondsSpaceId, from: from.toISOString(), to: to.toISOString() },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.engagementSummary;
    };
    // p50 at rank 1.5 of [0, 11, 21, 40]: 11 + 0.5 * 10 = 16 (the unrounded times would give 15.5); p90 at rank 2.7: 21 + 0.7 * 19 = 34.3.
    const expected = {
      timeToFirstReply: { p50Minutes: 16, p90Minutes: 34.3, count: 4 },
      moderation: { timeToFirstLook: { p50Minutes: 2, p90Minutes: 2, count: 1 } },
    };
    await app.dataSource.query(`DELETE FROM insights_rollup_state`);
    expect(await read()).toEqual(expected);
    await app.running.app.get(EngagementRollupService).refresh();
    const [row]: Array<{ minutes: number[]; counts: number[] }> = await app.dataSource.query(
      `SELECT first_reply_minutes AS minutes, first_reply_counts AS counts FROM insights_daily_posts WHERE space_id = $1`,
      [secondsSpaceId],
    );
    expect(row).toEqual({ minutes: [0, 11, 21, 40], counts: [1, 1, 1, 1] });
    expect(await read()).toEqual(expected);
  });

  it('should bucket the series by UTC day and ISO week, every bucket present, adding up to the summary', async () => {
    const SERIES = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!, $bucket: EngagementBucket!) {
      engagementSeries(spaceId: $spaceId, from: $from, to: $to, bucket: $bucket) { bucket points { from to newThreads replies activeClients { count fewerThanFive } } } }`;
    type Series = {
      engagementSeries: {
        points: Array<{ from: string; to: string; newThreads: number; replies: number; activeClients: { count: number | null; fewerThanFive: boolean } }>;
      };
    };
    const days = await app.gql<Series>(SERIES, { spaceId, from: from.toISOString(), to: to.toISOString(), bucket: 'DAY' }, clinician.token);
    expect(days.errors).toBeUndefined();
    const points = days.data!.engagementSeries.points;
    expect(points.map((p) => p.newThreads)).toEqual([2, 1, 1, 1, 0, 0, 0]);
    expect(points.map((p) => p.replies)).toEqual([4, 1, 0, 1, 0, 0, 0]);
    expect(points[0]).toMatchObject({ from: from.toISOString(), to: at(DAY).toISOString() });
    // Day 0: c1, c2, c5, c6 posted (the peer is not a client): fewer than five, withheld. Day 4: nobody, shown as 0.
    expect(points[0].activeClients).toEqual({ count: null, fewerThanFive: true });
    expect(points[4].activeClients).toEqual({ count: 0, fewerThanFive: false });

    const weeks = await app.gql<Series>(SERIES, { spaceId, from: from.toISOString(), to: to.toISOString(), bucket: 'WEEK' }, clinician.token);
    const weekPoints = weeks.data!.engagementSeries.points;
    expect(weekPoints.length).toBeGreaterThanOrEqual(1);
    expect(weekPoints[0].from).toBe(from.toISOString());
    expect(weekPoints.reduce((sum, p) => sum + p.newThreads, 0)).toBe(5);
    expect(weekPoints.reduce((sum, p) => sum + p.replies, 0)).toBe(6);
  });

  it('should give a series the same case counts whether or not it asks for the times to first look, and the times whenever it does', async () => {
    // Cases by day: A (day 0, HIGH) looked at after 10 min, decided in time; B (day 1, HIGH) after 30, decided late; C (day 2, URGENT) after 5, past due.
    type Moderation = {
      casesOpened?: number;
      decidedWithinDueShare?: number | null;
      timeToFirstLook?: Record<string, unknown>;
      byPriority?: Array<Record<string, unknown>>;
    };
    const seriesOf = async (moderation: string, fragments = '') => {
      const res = await app.gql<{ engagementSeries: { points: Array<{ moderation: Moderation }> } }>(
        `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) {
          engagementSeries(spaceId: $spaceId, from: $from, to: $to, bucket: DAY) { points { moderation { ${moderation} } } } } ${fragments}`,
        { spaceId, from: from.toISOString(), to: to.toISOString() },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.engagementSeries.points.map((p) => p.moderation);
    };
    const none = { p50Minutes: null, count: 0 };
    const looks = [{ p50Minutes: 10, count: 1 }, { p50Minutes: 30, count: 1 }, { p50Minutes: 5, count: 1 }, none, none, none, none];
    const counts = [
      { casesOpened: 1, decidedWithinDueShare: 1 },
      { casesOpened: 1, decidedWithinDueShare: 0 },
      { casesOpened: 1, decidedWithinDueShare: 0 },
      ...Array.from({ length: 4 }, () => ({ casesOpened: 0, decidedWithinDueShare: null })),
    ];
    // The Insights page's series asks for counts only: the statement then leaves the times out.
    expect(await seriesOf('casesOpened decidedWithinDueShare')).toEqual(counts);
    expect(await seriesOf('casesOpened decidedWithinDueShare timeToFirstLook { p50Minutes count }')).toEqual(
      counts.map((c, i) => ({ ...c, timeToFirstLook: looks[i] })),
    );
    // Asked for through a fragment, or only per priority, the times are there too.
    expect(
      await seriesOf('casesOpened ...Looks', 'fragment Looks on ModerationFigures { ... on ModerationFigures { timeToFirstLook { p50Minutes count } } }'),
    ).toEqual(counts.map((c, i) => ({ casesOpened: c.casesOpened, timeToFirstLook: looks[i] })));
    const byPriority = await seriesOf('byPriority { priority opened timeToFirstLook { p50Minutes count } }');
    expect(byPriority.slice(0, 3)).toEqual([
      { byPriority: [{ priority: 'HIGH', opened: 1, timeToFirstLook: looks[0] }] },
      { byPriority: [{ priority: 'HIGH', opened: 1, timeToFirstLook: looks[1] }] },
      { byPriority: [{ priority: 'URGENT', opened: 1, timeToFirstLook: looks[2] }] },
    ]);
    // The summary the page asks for through its fragment keeps its times.
    const summaryByFragment = await app.gql<{ engagementSummary: { moderation: Moderation } }>(
      `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $spaceId, from: $from, to: $to) { ...Figures } }
       fragment Figures on EngagementSummary { moderation { casesOpened timeToFirstLook { p50Minutes p90Minutes count } } }`,
      { spaceId, from: from.toISOString(), to: to.toISOString() },
      clinician.token,
    );
    expect(summaryByFragment.data?.engagementSummary.moderation).toEqual({ casesOpened: 3, timeToFirstLook: EXPECTED_MODERATION.timeToFirstLook });
  });

  it('should withhold client figures of a group smaller than five, and escalations about fewer than five clients', async () => {
    const figures = await summary(clinician.token, smallSpaceId);
    expect(figures).toMatchObject({
      activeClients: { count: null, fewerThanFive: true },
      newThreads: 1,
      replies: 1,
      escalations: { fewerThanFive: true, raised: null, bySeverity: [], timeToAcknowledge: null },
    });
  });

  it('should show a peer specialist their space without escalations, and no other space', async () => {
    const figures = await summary(peer.token);
    expect(figures).toMatchObject({ ...EXPECTED_FORUM, moderation: EXPECTED_MODERATION, escalations: null });

    const notTheirs = await app.gql(SUMMARY, { spaceId: smallSpaceId, from: from.toISOString(), to: to.toISOString() }, peer.token);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unassigned = await app.gql(SUMMARY, { spaceId, from: from.toISOString(), to: to.toISOString() }, otherPeer.token);
    expect(unassigned.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const picker = await app.gql<{ insightSpaces: Array<{ id: string }> }>(`{ insightSpaces { id } }`, {}, peer.token);
    expect(picker.data?.insightSpaces.map((s) => s.id)).toEqual([spaceId]);
    // Program-wide for an unassigned peer: nothing of anyone's spaces.
    const nothing = await summary(otherPeer.token, null);
    expect(nothing).toMatchObject({ newThreads: 0, replies: 0, activeClients: { count: 0 }, moderation: { casesOpened: 0 } });
  });

  it('should refuse clients, and a period that is empty or too long', async () => {
    const asClient = await app.gql(SUMMARY, { spaceId, from: from.toISOString(), to: to.toISOString() }, clients[0].token);
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await app.gql(`{ unansweredThreadList { edges { node { threadId } } } }`, {}, clients[0].token);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await app.gql(SUMMARY, { spaceId, from: to.toISOString(), to: from.toISOString() }, clinician.token);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooLong = await app.gql(SUMMARY, { spaceId, from: new Date(to.getTime() - 500 * DAY).toISOString(), to: to.toISOString() }, clinician.token);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should list the threads still waiting for an answer, newest first, page by page, ids only', async () => {
    const LIST = `query ($spaceId: ID, $after: String) { unansweredThreadList(spaceId: $spaceId, first: 1, after: $after) {
      edges { node { threadId spaceId waitingHours } } pageInfo { hasNextPage endCursor } } }`;
    type List = {
      unansweredThreadList: {
        edges: Array<{ node: { threadId: string; spaceId: string; waitingHours: number } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const res: Awaited<ReturnType<typeof app.gql<List>>> = await app.gql<List>(LIST, { spaceId, after }, peer.token);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.unansweredThreadList.edges.map((e) => e.node.threadId));
      if (!res.data!.unansweredThreadList.pageInfo.hasNextPage) break;
      after = res.data!.unansweredThreadList.pageInfo.endCursor;
    }
    // F (3 days ago, never answered) then D; C was answered late, A, B, G in time, E is held.
    expect(seen).toEqual([threads.F, threads.D]);
    const other = await app.gql(LIST, { spaceId: smallSpaceId, after: null }, peer.token);
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('insights: the stable facts are set once', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });
  afterAll(() => app?.close());

  it('should set published_at when a post is first published, and keep it through a hold and an approval', async () => {
    const spaceId = await space(app.dataSource);
    const author = await member(app, Role.CLIENT, 'insights-publish');
    const [t]: Array<{ id: string }> = await app.dataSource.query(`INSERT INTO threads (space_id, author_id, title) VALUES ($1, $2, 't') RETURNING id`, [
      spaceId,
      author.id,
    ]);
    const [p]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO posts (thread_id, space_id, author_id, body_html, body_text) VALUES ($1, $2, $3, '<p>x</p>', 'x') RETURNING id`,
      [t.id, spaceId, author.id],
    );
    await app.dataSource.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [p.id, t.id]);
    await app.dataSource.query(`INSERT INTO screenings (post_id, revision, decision) VALUES ($1, 1, 'PUBLISH')`, [p.id]);
    const lifecycle = app.running.app.get(PostLifecycleService);
    const publishedAt = async () =>
      (await app.dataSource.query<Array<{ published_at: Date | null }>>(`SELECT published_at FROM posts WHERE id = $1`, [p.id]))[0].published_at;

    expect(await publishedAt()).toBeNull();
    await app.dataSource.transaction((m) => lifecycle.transition(m, { postId: p.id, from: [PostStatus.PENDING], to: PostStatus.PUBLISHED, revision: 1 }));
    const first = await publishedAt();
    expect(first).toBeInstanceOf(Date);
    await app.dataSource.transaction((m) =>
      lifecycle.transition(m, { postId: p.id, from: [PostStatus.PUBLISHED], to: PostStatus.HELD, heldReason: HeldReason.USER_REPORTS }),
    );
    await app.dataSource.transaction((m) => lifecycle.transition(m, { postId: p.id, from: [PostStatus.HELD], to: PostStatus.PUBLISHED }));
    expect(await publishedAt()).toEqual(first);
  });

  it("should set a case's first look at its first claim, and not move it when the claim is renewed", async () => {
    const spaceId = await space(app.dataSource);
    const author = await member(app, Role.CLIENT, 'insights-case-author');
    const peer = await member(app, Role.PEER_SPECIALIST, 'insights-case-peer');
    await assignToSpace(app.dataSource, spaceId, peer.id);
    const { caseId } = await postWithCase(app.dataSource, spaceId, author.id);
    const firstLook = async () =>
      (await app.dataSource.query<Array<{ first_looked_at: Date | null }>>(`SELECT first_looked_at FROM moderation_cases WHERE id = $1`, [caseId]))[0]
        .first_looked_at;
    expect(await firstLook()).toBeNull();
    const claim = `mutation ($id: ID!) { claimCase(id: $id) { id } }`;
    expect((await app.gql(claim, { id: caseId }, peer.token)).errors).toBeUndefined();
    const first = await firstLook();
    expect(first).toBeInstanceOf(Date);
    expect((await app.gql(claim, { id: caseId }, peer.token)).errors).toBeUndefined();
    expect(await firstLook()).toEqual(first);
  });
});
