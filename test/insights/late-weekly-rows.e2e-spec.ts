import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { EngagementRollupService } from '../../src/insights/engagement-rollup.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, member, Member, space } from '../utils/factories';

/**
 * Late writes into days the rollup already covers, seen through the program-wide weekly rows
 * (insights_program_weekly_*). A program-wide period of whole ISO weeks reads nothing but those
 * rows, so a late reply, publication, removal, decision, acknowledgement or escalation must reach
 * its day's rows and then its week's row on the next refresh, or the figures drift from the live
 * computation for good. The two weeks are five and six weeks back, older than the days every
 * refresh recomputes: only the late-day marks bring them back.
 *
 * Program-wide figures hold other files' rows too (one database per run), so those are checked
 * as changes of the weekly rows (every member and space here is this file's own) and as equality
 * with the live computation; this file's own space is checked against numbers worked out by hand.
 */
const DAY = 86_400_000;
const MIN = 60_000;

type Row = Record<string, unknown>;

/** The rollup's weekly rows of the two weeks, flattened to numbers per (table, week, group): counts, bitmap sizes, histogram cells, reasons. */
async function weeklyCells(app: TestApp, weeks: string[]): Promise<Map<string, number>> {
  const cells = new Map<string, number>();
  const add = (key: string, n: number) => cells.set(key, (cells.get(key) ?? 0) + n);
  const histogram = (prefix: string, minutes: number[], counts: number[]) => minutes.forEach((m, i) => add(`${prefix} minute ${m}`, counts[i]));
  const posts: Row[] = await app.dataSource.query(
    `SELECT day::text AS week, bit_count(client_bits)::int AS clients, new_threads, replies, peer_specialist_replies, reactions,
            first_reply_minutes, first_reply_counts, first_replies_by_peer, threads_due, unanswered
       FROM insights_program_weekly_posts WHERE day = ANY($1::date[])`,
    [weeks],
  );
  for (const { week, first_reply_minutes, first_reply_counts, ...counts } of posts) {
    for (const [name, n] of Object.entries(counts)) add(`posts ${String(week)} ${name}`, n as number);
    histogram(`posts ${String(week)} first reply`, first_reply_minutes as number[], first_reply_counts as number[]);
  }
  const cases: Row[] = await app.dataSource.query(
    `SELECT day::text AS week, priority, opened, reason_counts, first_look_minutes, first_look_counts, due_or_decided, decided_within_due
       FROM insights_program_weekly_cases WHERE day = ANY($1::date[])`,
    [weeks],
  );
  for (const { week, priority, reason_counts, first_look_minutes, first_look_counts, ...counts } of cases) {
    const prefix = `cases ${String(week)} ${String(priority)}`;
    for (const [name, n] of Object.entries(counts)) add(`${prefix} ${name}`, n as number);
    for (const [reason, n] of Object.entries(reason_counts as Record<string, number>)) add(`${prefix} reason ${reason}`, n);
    histogram(`${prefix} first look`, first_look_minutes as number[], first_look_counts as number[]);
  }
  const escalations: Row[] = await app.dataSource.query(
    `SELECT day::text AS week, severity, bit_count(subject_bits)::int AS subjects, raised, ack_minutes, ack_counts, due_or_acknowledged,
            acknowledged_within_deadline, climbed
       FROM insights_program_weekly_escalations WHERE day = ANY($1::date[])`,
    [weeks],
  );
  for (const { week, severity, ack_minutes, ack_counts, ...counts } of escalations) {
    const prefix = `escalations ${String(week)} ${String(severity)}`;
    for (const [name, n] of Object.entries(counts)) add(`${prefix} ${name}`, n as number);
    histogram(`${prefix} ack`, ack_minutes as number[], ack_counts as number[]);
  }
  return cells;
}

/** What changed between two readings of the cells: only the cells that moved, and by how much. */
function changes(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (delta !== 0) moved[key] = delta;
  }
  return moved;
}

/** percentile_cont over whole minutes, as the figures define it, rounded to 0.1 as the API shows it. */
function percentile(sorted: number[], p: number): number {
  const rank = p * (sorted.length - 1);
  const low = sorted[Math.floor(rank)];
  const value = low + (rank - Math.floor(rank)) * (sorted[Math.ceil(rank)] - low);
  return Math.round(value * 10) / 10;
}

describe('insights: late writes reach the program-wide weekly rows', () => {
  let app: TestApp;
  let spaceId: string;
  let c: Member[];
  let peer: Member;
  let clinician: Member;
  /** Monday of the first week (UTC), five weeks before this week's Monday; the period is [monday, monday + 14 days). */
  let monday: Date;
  let periodTo: Date;
  let weeks: string[];
  /** When the late facts below happen: today, a few minutes ago, on a whole minute. */
  let lateAt: Date;
  const posts: Record<string, string> = {};
  const threadIds: Record<string, string> = {};
  const cases: Record<string, string> = {};
  const escalations: Record<string, string> = {};

  const at = (offsetMs: number) => new Date(monday.getTime() + offsetMs);
  const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / MIN);

  async function thread(key: string, author: Member, publishedAt: Date): Promise<string> {
    const [t]: Array<{ id: string }> = await app.dataSource.query(`INSERT INTO threads (space_id, author_id, title) VALUES ($1, $2, 't') RETURNING id`, [
      spaceId,
      author.id,
    ]);
    posts[key] = await post(key, t.id, author, publishedAt);
    await app.dataSource.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [posts[key], t.id]);
    threadIds[key] = t.id;
    return t.id;
  }

  async function post(key: string, threadId: string, author: Member, publishedAt: Date | null, status = 'PUBLISHED'): Promise<string> {
    const [p]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, body_html, body_text, published_at, created_at)
       VALUES ($1, $2, $3, $4, '<p>x</p>', 'x', $5, COALESCE($5, now())) RETURNING id`,
      [threadId, spaceId, author.id, status, publishedAt],
    );
    posts[key] = p.id;
    return p.id;
  }

  async function kase(
    key: string,
    postKey: string,
    priority: string,
    reasons: string[],
    openedAt: Date,
    dueAt: Date,
    look: Date | null,
    resolved: Date | null,
  ) {
    const rank = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 }[priority];
    const [row]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, status, reasons, priority, priority_rank, opened_at, first_looked_at, due_at, resolved_at, decision)
       SELECT $1, p.space_id, p.author_id, CASE WHEN $8::timestamptz IS NULL THEN 'OPEN' ELSE 'RESOLVED' END, $2, $3, $4, $5, $6, $7, $8,
              CASE WHEN $8::timestamptz IS NULL THEN NULL ELSE 'APPROVE' END
         FROM posts p WHERE p.id = $1 RETURNING id`,
      [posts[postKey], reasons, priority, rank, openedAt, look, dueAt, resolved],
    );
    cases[key] = row.id;
  }

  async function escalation(key: string, subject: Member, postKey: string, createdAt: Date, ackDueMin: number, ackMin: number | null) {
    const [row]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, status, level, paged_level, created_at, ack_due_at, acknowledged_at)
       VALUES ($1, $2, $3, 'MANUAL', 'HIGH', CASE WHEN $6::int IS NULL THEN 'OPEN' ELSE 'ACKNOWLEDGED' END, 1, 1, $4,
               $4::timestamptz + make_interval(mins => $5), $4::timestamptz + make_interval(mins => $6::int)) RETURNING id`,
      [randomUUID(), subject.id, posts[postKey], createdAt, ackDueMin, ackMin],
    );
    escalations[key] = row.id;
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
  const SERIES = `query ($spaceId: ID, $from: DateTime!, $to: DateTime!) {
    engagementSeries(spaceId: $spaceId, from: $from, to: $to, bucket: WEEK) { points { from to
      activeClients { count fewerThanFive } newThreads replies peerSpecialistReplies timeToFirstReply { p50Minutes p90Minutes count }
      threadsPastFirstDay unansweredThreads
      moderation { casesOpened timeToFirstLook { p50Minutes p90Minutes count } decidedWithinDueShare
        byPriority { priority opened timeToFirstLook { p50Minutes p90Minutes count } decidedWithinDueShare } }
      escalations { fewerThanFive raised timeToAcknowledge { p50Minutes p90Minutes count } acknowledgedWithinDeadlineShare climbedPastLevelOne } } } }`;

  async function read(query: string, scope: string | null): Promise<Row> {
    const res = await app.gql<Row>(query, { spaceId: scope, from: monday.toISOString(), to: periodTo.toISOString() }, clinician.token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  /** The same request with no rollup (its state row set aside, then put back as it was): every day computed live from the base tables. */
  async function readLive(query: string, scope: string | null): Promise<Row> {
    const saved: Array<{ complete_until: string; live_from: Date; refreshed_at: Date }> = await app.dataSource.query(
      `SELECT complete_until::text, live_from, refreshed_at FROM insights_rollup_state`,
    );
    await app.dataSource.query(`DELETE FROM insights_rollup_state`);
    try {
      return await read(query, scope);
    } finally {
      for (const s of saved) {
        await app.dataSource.query(`INSERT INTO insights_rollup_state (id, complete_until, live_from, refreshed_at) VALUES (1, $1::date, $2, $3)`, [
          s.complete_until,
          s.live_from,
          s.refreshed_at,
        ]);
      }
    }
  }

  const refresh = () => app.running.app.get(EngagementRollupService).refresh();

  beforeAll(async () => {
    // No worker: the rollup refreshes only when this test says so.
    app = await startTestApp({ role: 'api' });
    spaceId = await space(app.dataSource, { name: 'Insights late weeks' });
    c = [];
    for (let i = 1; i <= 6; i += 1) c.push(await member(app, Role.CLIENT, `late-weeks-c${i}`));
    peer = await member(app, Role.PEER_SPECIALIST, 'late-weeks-peer');
    clinician = await member(app, Role.CLINICIAN, 'late-weeks-clinician');
    await assignToSpace(app.dataSource, spaceId, peer.id);
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const thisMonday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY);
    monday = new Date(thisMonday.getTime() - 6 * 7 * DAY);
    periodTo = new Date(monday.getTime() + 14 * DAY);
    weeks = [monday, new Date(monday.getTime() + 7 * DAY)].map((d) => d.toISOString().slice(0, 10));
    lateAt = new Date(Math.floor((Date.now() - 5 * MIN) / MIN) * MIN);
    const H = 60 * MIN;

    // Week 1. A (c1, Tuesday 10:00): nobody answers. B (c2, Sunday 23:30): nobody answers yet. E (c5, Thursday 14:00): c6 after 20 min.
    await thread('A', c[0], at(DAY + 10 * H));
    await thread('B', c[1], at(6 * DAY + 23 * H + 30 * MIN));
    const e = await thread('E', c[4], at(3 * DAY + 14 * H));
    await post('E1', e, c[5], at(3 * DAY + 14 * H + 20 * MIN));
    // Week 2. C (c3, Wednesday 09:00): c4 after 30 min, the peer after 60. D (c4, Thursday 08:00): c5's reply still being screened.
    const cThread = await thread('C', c[2], at(9 * DAY + 9 * H));
    await post('C1', cThread, c[3], at(9 * DAY + 9 * H + 30 * MIN));
    await post('C2', cThread, peer, at(9 * DAY + 10 * H));
    const d = await thread('D', c[3], at(10 * DAY + 8 * H));
    await post('D1', d, c[4], null, 'PENDING');
    // Cases in week 1, nobody has looked at either: K1 (HIGH) past due; K2 (LOW) due in 30 days.
    await kase('K1', 'A', 'HIGH', ['TOXICITY'], at(DAY + 10 * H), at(DAY + 11 * H), null, null);
    await kase('K2', 'B', 'LOW', ['USER_REPORT'], at(6 * DAY + 23 * H + 30 * MIN), new Date(Date.now() + 30 * DAY), null, null);
    // Escalations in week 1 about c1..c5 (Wednesday from 12:00, an hour apart): four acknowledged after 10 min, e5 never (past its 30 min).
    for (let i = 0; i < 5; i += 1) await escalation(`e${i + 1}`, c[i], 'A', at(2 * DAY + (12 + i) * H), 30, i < 4 ? 10 : null);
  });

  afterAll(() => app?.close());

  /** Worked out by hand for this file's space over the two weeks, before the late writes. */
  const BEFORE = {
    // A, B, E, C, D; replies E1, C1, C2 (D1 pending); clients c1..c6.
    activeClients: { count: 6, fewerThanFive: false },
    newThreads: 5,
    replies: 3,
    reactions: 0,
    peerSpecialistReplies: 1,
    // first replies by another member: E 20, C 30
    timeToFirstReply: { p50Minutes: 25, p90Minutes: 29, count: 2 },
    peerSpecialistFirstReplyShare: 0,
    threadsPastFirstDay: 5,
    unansweredThreads: 3,
    moderation: {
      casesOpened: 2,
      casesByReason: [
        { reason: 'TOXICITY', count: 1 },
        { reason: 'USER_REPORT', count: 1 },
      ],
      timeToFirstLook: { p50Minutes: null, p90Minutes: null, count: 0 },
      // K1 past due and undecided; K2 not due yet
      decidedWithinDueShare: 0,
      byPriority: [
        { priority: 'HIGH', opened: 1, timeToFirstLook: { p50Minutes: null, p90Minutes: null, count: 0 }, decidedWithinDueShare: 0 },
        { priority: 'LOW', opened: 1, timeToFirstLook: { p50Minutes: null, p90Minutes: null, count: 0 }, decidedWithinDueShare: null },
      ],
    },
    escalations: {
      fewerThanFive: false,
      raised: 5,
      timeToAcknowledge: { p50Minutes: 10, p90Minutes: 10, count: 4 },
      acknowledgedWithinDeadlineShare: 0.8,
      climbedPastLevelOne: 0,
      bySeverity: [
        {
          severity: 'HIGH',
          raised: 5,
          timeToAcknowledge: { p50Minutes: 10, p90Minutes: 10, count: 4 },
          acknowledgedWithinDeadlineShare: 0.8,
          climbedPastLevelOne: 0,
        },
      ],
    },
  };

  let cellsBefore: Map<string, number>;
  let programWideBefore: Row;

  it('should hold the two weeks in the weekly rows once refreshed, as the live computation gives them', async () => {
    await refresh();
    const [state]: Array<{ complete_until: string }> = await app.dataSource.query(`SELECT complete_until::text FROM insights_rollup_state`);
    // The weeks are older than the days every refresh recomputes: after this, only a late-day mark brings them back.
    expect(state.complete_until > new Date(periodTo.getTime() + 14 * DAY).toISOString().slice(0, 10)).toBe(true);
    expect(await read(SUMMARY, spaceId)).toEqual({ engagementSummary: expect.objectContaining(BEFORE) as unknown });
    cellsBefore = await weeklyCells(app, weeks);
    expect(cellsBefore.get(`posts ${weeks[0]} new_threads`)).toBeGreaterThanOrEqual(3);
    expect(cellsBefore.get(`escalations ${weeks[0]} HIGH raised`)).toBeGreaterThanOrEqual(5);
    programWideBefore = await read(SUMMARY, null);
    expect(await readLive(SUMMARY, null)).toEqual(programWideBefore);
  });

  it('should recompute the days late writes touch and their weeks on the next refresh, and not before', async () => {
    const H = 60 * MIN;
    // A reply to A (week 1) published today: A's first reply, weeks late (so A stays unanswered: not within 24 h).
    await post('A1', threadIds.A, c[1], lateAt);
    // A reply to B landing late with its publication in week 2 (Monday 00:10): B answered after 40 min; a reply of week 2.
    await post('B1', threadIds.B, c[2], at(7 * DAY + 10 * MIN));
    // c4's reply to C removed: C's first reply is now the peer's, after 60 min; one reply fewer in week 2.
    await app.dataSource.query(`UPDATE posts SET status = 'REMOVED' WHERE id = $1`, [posts.C1]);
    // c5's reply to D published (screening done) with its publication 90 min after D: D answered; one more reply in week 2.
    await app.dataSource.query(`UPDATE posts SET status = 'PUBLISHED', published_at = $2 WHERE id = $1`, [posts.D1, at(10 * DAY + 9 * H + 30 * MIN)]);
    // K1 and K2 claimed and decided today: K1 late (past due), K2 within its due time.
    await app.dataSource.query(
      `UPDATE moderation_cases SET first_looked_at = $2, resolved_at = $2, status = 'RESOLVED', decision = 'APPROVE' WHERE id = ANY($1::uuid[])`,
      [[cases.K1, cases.K2], lateAt],
    );
    // A case opened in week 2 (Friday 00:00) written only now: looked at after 3 min, decided after 10, due after 15.
    await kase('K3', 'D', 'URGENT', ['CRISIS'], at(11 * DAY), at(11 * DAY + 15 * MIN), at(11 * DAY + 3 * MIN), at(11 * DAY + 10 * MIN));
    // e5 climbed to level 2 and was acknowledged today; e6 (c6, week 2 Thursday 15:00, acknowledged after 5 min) written only now.
    await app.dataSource.query(`UPDATE escalations SET level = 2, paged_level = 2, acknowledged_at = $2, status = 'ACKNOWLEDGED' WHERE id = $1`, [
      escalations.e5,
      lateAt,
    ]);
    await escalation('e6', c[5], 'D', at(10 * DAY + 15 * H), 30, 5);

    // Every day those writes count on is marked...
    const marked: Array<{ day: string }> = await app.dataSource.query(`SELECT day::text AS day FROM insights_dirty_days`);
    const day = (offsetMs: number) => at(offsetMs).toISOString().slice(0, 10);
    expect(marked.map((m) => m.day)).toEqual(
      expect.arrayContaining([day(DAY), day(2 * DAY), day(6 * DAY), day(7 * DAY), day(9 * DAY), day(10 * DAY), day(11 * DAY)]),
    );
    // ...but until the next refresh the weekly rows, and so the program-wide figures of whole weeks, are as they were; the live computation is not.
    expect(changes(cellsBefore, await weeklyCells(app, weeks))).toEqual({});
    expect(await read(SUMMARY, null)).toEqual(programWideBefore);
    expect(await readLive(SUMMARY, null)).not.toEqual(programWideBefore);

    await refresh();
    const [w1, w2] = weeks;
    const mA = minutesBetween(at(DAY + 10 * H), lateAt);
    const mK1 = minutesBetween(at(DAY + 10 * H), lateAt);
    const mK2 = minutesBetween(at(6 * DAY + 23 * H + 30 * MIN), lateAt);
    const m5 = minutesBetween(at(2 * DAY + 16 * H), lateAt);
    const firstReply = (week: string, minute: number) => `posts ${week} first reply minute ${minute}`;
    expect(changes(cellsBefore, await weeklyCells(app, weeks))).toEqual({
      // Week 1: A and B have a first reply (A's weeks late, B's after 40 min); B no longer unanswered.
      [firstReply(w1, mA)]: 1,
      [firstReply(w1, 40)]: 1,
      [`posts ${w1} unanswered`]: -1,
      // Week 2: replies B1 + D1 - C1; c5 posts in it; C's first reply is the peer's at 60 instead of c4's at 30; D answered after 90.
      [`posts ${w2} replies`]: 1,
      [`posts ${w2} clients`]: 1,
      [`posts ${w2} first_replies_by_peer`]: 1,
      [firstReply(w2, 30)]: -1,
      [firstReply(w2, 60)]: 1,
      [firstReply(w2, 90)]: 1,
      [`posts ${w2} unanswered`]: -1,
      // Week 1 cases: K1's first look (it was already past due, decided late: not within); K2 decided within due.
      [`cases ${w1} HIGH first look minute ${mK1}`]: 1,
      [`cases ${w1} LOW first look minute ${mK2}`]: 1,
      [`cases ${w1} LOW due_or_decided`]: 1,
      [`cases ${w1} LOW decided_within_due`]: 1,
      // Week 2: K3.
      [`cases ${w2} URGENT opened`]: 1,
      [`cases ${w2} URGENT reason CRISIS`]: 1,
      [`cases ${w2} URGENT first look minute 3`]: 1,
      [`cases ${w2} URGENT due_or_decided`]: 1,
      [`cases ${w2} URGENT decided_within_due`]: 1,
      // Week 1 escalations: e5 climbed and acknowledged (at level 2: not within the deadline). Week 2: e6.
      [`escalations ${w1} HIGH climbed`]: 1,
      [`escalations ${w1} HIGH ack minute ${m5}`]: 1,
      [`escalations ${w2} HIGH raised`]: 1,
      [`escalations ${w2} HIGH subjects`]: 1,
      [`escalations ${w2} HIGH ack minute 5`]: 1,
      [`escalations ${w2} HIGH due_or_acknowledged`]: 1,
      [`escalations ${w2} HIGH acknowledged_within_deadline`]: 1,
    });
    const left: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM insights_dirty_days WHERE day >= $1::date AND day < $2::date`,
      [weeks[0], periodTo.toISOString().slice(0, 10)],
    );
    expect(left[0].n).toBe(0);

    // Program-wide over the whole weeks (weekly rows only) equals the live computation again, and so do the weekly series.
    const programWide = await read(SUMMARY, null);
    expect(programWide).not.toEqual(programWideBefore);
    expect(programWide).toEqual(await readLive(SUMMARY, null));
    expect(await read(SERIES, null)).toEqual(await readLive(SERIES, null));

    // This file's space, by hand: first replies E 20, B 40, C 60, D 90, A mA; looks K3 3, K2 mK2, K1 mK1; acks 5, 10 x 4, m5.
    const replies = [20, 40, 60, 90, mA];
    const looks = [3, mK2, mK1];
    const acks = [5, 10, 10, 10, 10, m5];
    expect(await read(SUMMARY, spaceId)).toEqual({
      engagementSummary: expect.objectContaining({
        activeClients: { count: 6, fewerThanFive: false },
        newThreads: 5,
        // E1, C2, B1, D1 (A1 is today's, outside the period; C1 removed)
        replies: 4,
        reactions: 0,
        peerSpecialistReplies: 1,
        timeToFirstReply: { p50Minutes: 60, p90Minutes: percentile(replies, 0.9), count: 5 },
        peerSpecialistFirstReplyShare: 0.2,
        threadsPastFirstDay: 5,
        unansweredThreads: 1,
        moderation: {
          casesOpened: 3,
          casesByReason: [
            { reason: 'CRISIS', count: 1 },
            { reason: 'TOXICITY', count: 1 },
            { reason: 'USER_REPORT', count: 1 },
          ],
          timeToFirstLook: { p50Minutes: mK2, p90Minutes: percentile(looks, 0.9), count: 3 },
          decidedWithinDueShare: 0.667,
          byPriority: [
            { priority: 'HIGH', opened: 1, timeToFirstLook: { p50Minutes: mK1, p90Minutes: mK1, count: 1 }, decidedWithinDueShare: 0 },
            { priority: 'LOW', opened: 1, timeToFirstLook: { p50Minutes: mK2, p90Minutes: mK2, count: 1 }, decidedWithinDueShare: 1 },
            { priority: 'URGENT', opened: 1, timeToFirstLook: { p50Minutes: 3, p90Minutes: 3, count: 1 }, decidedWithinDueShare: 1 },
          ],
        },
        escalations: {
          fewerThanFive: false,
          raised: 6,
          timeToAcknowledge: { p50Minutes: 10, p90Minutes: percentile(acks, 0.9), count: 6 },
          acknowledgedWithinDeadlineShare: 0.833,
          climbedPastLevelOne: 1,
          bySeverity: [
            {
              severity: 'HIGH',
              raised: 6,
              timeToAcknowledge: { p50Minutes: 10, p90Minutes: percentile(acks, 0.9), count: 6 },
              acknowledgedWithinDeadlineShare: 0.833,
              climbedPastLevelOne: 1,
            },
          ],
        },
      }) as unknown,
    });
  });
});
