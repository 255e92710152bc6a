import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The engagement figures' definitions, written once, in SQL. Every figure is computed from "facts"
 * rows (one per UTC day and space, and per priority or severity), either read from the daily rollup
 * tables (days before `insights_rollup_state.complete_until`) or computed live from the base tables
 * by the very statements that fill the rollup. The GraphQL figures combine those rows by bucket.
 *
 * Definitions (the period is half-open, [from, to); a post counts from when it was first published;
 * every time is rounded to the nearest whole minute, and its p50 / p90 are percentile_cont's over
 * those whole minutes, read off per-day histograms of minutes rather than by sorting every time):
 * - activeClients: distinct CLIENT authors of posts PUBLISHED now and first published in the period.
 * - newThreads: threads whose first post is PUBLISHED and was first published in the period;
 *   replies: the other PUBLISHED posts first published in the period; peerSpecialistReplies: those by
 *   peer specialists. Held, removed and deleted posts do not count (nor do pending ones).
 * - reactions: reactions made in the period on posts that are PUBLISHED now.
 * - timeToFirstReply: for threads started in the period, minutes from the first post's publication
 *   to the first PUBLISHED reply by someone other than the thread's author (an author answering
 *   themselves is not an answer); peer share = such first replies written by a peer specialist.
 * - unansweredThreads: threads started in the period, at least 24 h ago, with no such reply within
 *   their first 24 h.
 * - cases: opened in the period (by `opened_at`); timeToFirstLook = `first_looked_at` (first claim
 *   or decision) - `opened_at`; decided within due = resolved at or before `due_at`, out of the cases
 *   resolved or already past due.
 * - escalations: raised in the period; timeToAcknowledge = `acknowledged_at` - `created_at`;
 *   within the deadline = acknowledged at level 1 by its `ack_due_at`, out of those acknowledged or
 *   past their first deadline; climbed = reached level 2 or higher. Their space is their post's or
 *   case's; an escalation with neither counts program-wide only.
 *
 * This feature sits at the top of the import graph and reads many features' tables: every read here
 * is a read-only aggregate (the table-ownership guard's allow-list says so, table by table). The only
 * tables it writes are its own rollup tables.
 */

/** How far the rollup reaches: days before `completeUntil` whole, that day up to `liveFrom`. */
export interface RollupState {
  completeUntil: string;
  liveFrom: Date;
}

/** Where the rows come from: rollup days [rollupFrom, rollupTo), live [live1From, live1To) ∪ [live2From, live2To). */
export interface FactsPlan {
  rollupFrom: string;
  rollupTo: string;
  live: readonly [Date, Date, Date, Date];
}

export type BucketUnit = 'day' | 'week' | 'period';

export interface PostFiguresRow {
  bucket: string;
  active_clients: number;
  new_threads: number;
  replies: number;
  peer_specialist_replies: number;
  reactions: number;
  first_replies: number;
  first_replies_by_peer: number;
  first_reply_p50: number | null;
  first_reply_p90: number | null;
  threads_due: number;
  unanswered: number;
}

export interface CaseFiguresRow {
  bucket: string;
  /** null: all priorities together. */
  priority: string | null;
  opened: number;
  due_or_decided: number;
  decided_within_due: number;
  look_count: number;
  look_p50: number | null;
  look_p90: number | null;
  reason_counts: Record<string, number> | null;
}

export interface EscalationFiguresRow {
  bucket: string;
  /** null: all severities together. */
  severity: string | null;
  raised: number;
  distinct_subjects: number;
  due_or_acknowledged: number;
  acknowledged_within_deadline: number;
  climbed: number;
  ack_count: number;
  ack_p50: number | null;
  ack_p90: number | null;
}

export interface UnansweredThreadRow {
  thread_id: string;
  space_id: string;
  started_at: Date;
  started_key: string;
}

/** Live parts of a period up to this long (a partial first day and the minutes since the last refresh) are read by a generic plan. */
const SHORT_LIVE_MS = 2 * 86_400_000;

/** A UTC day of a timestamp column. */
const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
/** In either live range ($1..$4). */
const inLive = (column: string) => `(${column} >= $1 AND ${column} < $2 OR ${column} >= $3 AND ${column} < $4)`;
/** In the scope at $5 (null for every space). */
const inScope = (column: string) => `($5::uuid[] IS NULL OR ${column} = ANY($5::uuid[]))`;

/**
 * Member slots for bitmaps: the stored ones of the members counted, then (for members the rollup
 * has not slotted yet) temporary slots past the largest, so they never collide with a stored bit.
 */
const slotsFor = (column: string, cte: string) => `
  slot_of AS (
    SELECT s.member_id, s.slot FROM insights_member_slots s WHERE s.member_id IN (SELECT ${column} FROM ${cte})
    UNION ALL
    SELECT x.member_id, (SELECT COALESCE(max(slot), -1) FROM insights_member_slots) + row_number() OVER (ORDER BY x.member_id)::int
      FROM (SELECT DISTINCT ${column} AS member_id FROM ${cte}) x
     WHERE NOT EXISTS (SELECT 1 FROM insights_member_slots s WHERE s.member_id = x.member_id)
  ), width AS (
    SELECT greatest((SELECT COALESCE(max(slot), -1) FROM insights_member_slots), (SELECT COALESCE(max(slot), -1) FROM slot_of)) + 1 AS bits
  )`;

/**
 * A histogram of whole minutes per (day, ...groups) of `source`: the distinct minutes `interval`
 * rounds to (to the nearest, half away from zero), ascending, and how many intervals round to each,
 * as two parallel arrays. Null intervals (no reply, no look, no acknowledgement yet) are left out.
 */
const minuteHistogram = (name: string, source: string, day: string, groups: string[], interval: string) => {
  const keys = ['day', ...groups].join(', ');
  return `
  ${name}_minutes AS (
    SELECT ${day} AS day, ${groups.join(', ')}, round(extract(epoch FROM ${interval}) / 60)::int AS minute, count(*)::int AS n
      FROM ${source} WHERE ${interval} IS NOT NULL GROUP BY ${keys}, minute
  ), ${name} AS (
    SELECT ${keys}, array_agg(minute ORDER BY minute) AS minutes, array_agg(n ORDER BY minute) AS counts FROM ${name}_minutes GROUP BY ${keys}
  )`;
};

/** Posts, threads and reactions per (day, space), for the live ranges and scope ($1..$5). */
const POST_FACTS = `
  pub AS (
    -- is_first by a lookup per post (the thread's primary key): the live tail is a few thousand posts, never worth a scan of threads
    SELECT p.id, p.space_id, p.author_id, p.thread_id, p.published_at, m.role,
           p.id = (SELECT t.first_post_id FROM threads t WHERE t.id = p.thread_id) AS is_first
      FROM posts p JOIN members m ON m.id = p.author_id
     WHERE p.status = 'PUBLISHED' AND ${inLive('p.published_at')} AND ${inScope('p.space_id')}
  ), clients AS (SELECT author_id FROM pub WHERE role = 'CLIENT'),
  ${slotsFor('author_id', 'clients')},
  started AS (
    SELECT s.space_id, s.published_at AS started_at, fr.published_at AS first_reply_at, fr.role AS first_reply_role
      FROM pub s
      LEFT JOIN LATERAL (
        SELECT r.published_at, rm.role FROM posts r JOIN members rm ON rm.id = r.author_id
         WHERE r.thread_id = s.thread_id AND r.id <> s.id AND r.status = 'PUBLISHED' AND r.author_id <> s.author_id
         ORDER BY r.published_at LIMIT 1
      ) fr ON true
     WHERE s.is_first
  ), post_days AS (
    SELECT ${utcDay('pub.published_at')} AS day, pub.space_id,
           count(*) FILTER (WHERE is_first)::int AS new_threads,
           count(*) FILTER (WHERE NOT is_first)::int AS replies,
           count(*) FILTER (WHERE NOT is_first AND role = 'PEER_SPECIALIST')::int AS peer_specialist_replies,
           array_agg(DISTINCT so.slot) FILTER (WHERE role = 'CLIENT') AS client_slots
      FROM pub LEFT JOIN slot_of so ON so.member_id = pub.author_id AND pub.role = 'CLIENT'
     GROUP BY 1, 2
  ), ${minuteHistogram('reply_histogram', 'started', `${utcDay('started_at')}`, ['space_id'], 'first_reply_at - started_at')},
  thread_days AS (
    SELECT ${utcDay('started_at')} AS day, space_id,
           count(*) FILTER (WHERE first_reply_role = 'PEER_SPECIALIST')::int AS first_replies_by_peer,
           count(*) FILTER (WHERE started_at <= now() - interval '24 hours')::int AS threads_due,
           count(*) FILTER (WHERE started_at <= now() - interval '24 hours'
                              AND (first_reply_at IS NULL OR first_reply_at > started_at + interval '24 hours'))::int AS unanswered
      FROM started GROUP BY 1, 2
  ), reaction_days AS (
    SELECT ${utcDay('r.created_at')} AS day, p.space_id, count(*)::int AS reactions
      FROM reactions r JOIN posts p ON p.id = r.post_id
     WHERE p.status = 'PUBLISHED' AND ${inLive('r.created_at')} AND ${inScope('p.space_id')}
     GROUP BY 1, 2
  ), post_facts AS (
    SELECT day, space_id,
           insights_bits(COALESCE(pd.client_slots, '{}'), (SELECT bits FROM width)) AS client_bits,
           COALESCE(pd.new_threads, 0) AS new_threads, COALESCE(pd.replies, 0) AS replies,
           COALESCE(pd.peer_specialist_replies, 0) AS peer_specialist_replies, COALESCE(rd.reactions, 0) AS reactions,
           COALESCE(rh.minutes, '{}') AS first_reply_minutes, COALESCE(rh.counts, '{}') AS first_reply_counts,
           COALESCE(td.first_replies_by_peer, 0) AS first_replies_by_peer, COALESCE(td.threads_due, 0) AS threads_due, COALESCE(td.unanswered, 0) AS unanswered
      FROM post_days pd LEFT JOIN thread_days td USING (day, space_id) LEFT JOIN reply_histogram rh USING (day, space_id)
      FULL JOIN reaction_days rd USING (day, space_id)
  )`;
const POST_COLUMNS =
  'day, space_id, client_bits, new_threads, replies, peer_specialist_replies, reactions, first_reply_minutes, first_reply_counts, first_replies_by_peer, threads_due, unanswered';

/** Moderation cases per (day, space, priority). */
const CASE_FACTS = `
  opened AS (
    SELECT ${utcDay('opened_at')} AS day, space_id, priority, reasons, opened_at, first_looked_at, due_at, resolved_at
      FROM moderation_cases WHERE ${inLive('opened_at')} AND ${inScope('space_id')}
  ), reason_days AS (
    SELECT day, space_id, priority, jsonb_object_agg(reason, n) AS reason_counts
      FROM (SELECT day, space_id, priority, r AS reason, count(*)::int AS n FROM opened, unnest(opened.reasons) r GROUP BY 1, 2, 3, 4) x
     GROUP BY 1, 2, 3
  ), ${minuteHistogram('look_histogram', 'opened', 'day', ['space_id', 'priority'], 'first_looked_at - opened_at')},
  case_facts AS (
    SELECT o.day, o.space_id, o.priority, count(*)::int AS opened, COALESCE(rd.reason_counts, '{}') AS reason_counts,
           COALESCE(lh.minutes, '{}') AS first_look_minutes, COALESCE(lh.counts, '{}') AS first_look_counts,
           count(*) FILTER (WHERE o.resolved_at IS NOT NULL OR o.due_at <= now())::int AS due_or_decided,
           count(*) FILTER (WHERE o.resolved_at <= o.due_at)::int AS decided_within_due
      FROM opened o LEFT JOIN reason_days rd USING (day, space_id, priority) LEFT JOIN look_histogram lh USING (day, space_id, priority)
     GROUP BY o.day, o.space_id, o.priority, rd.reason_counts, lh.minutes, lh.counts
  )`;
const CASE_COLUMNS = 'day, space_id, priority, opened, reason_counts, first_look_minutes, first_look_counts, due_or_decided, decided_within_due';

/** Escalations per (day, space or none, severity). */
const ESCALATION_FACTS = `
  raised AS (
    SELECT ${utcDay('e.created_at')} AS day, COALESCE(p.space_id, c.space_id) AS space_id, e.severity, e.subject_id,
           e.created_at, e.acknowledged_at, e.ack_due_at, e.level
      FROM escalations e LEFT JOIN posts p ON p.id = e.post_id LEFT JOIN moderation_cases c ON c.id = e.case_id
     WHERE ${inLive('e.created_at')}
  ), scoped AS (SELECT * FROM raised WHERE ${inScope('space_id')}),
  ${slotsFor('subject_id', 'scoped')},
  ${minuteHistogram('ack_histogram', 'scoped', 'day', ['space_id', 'severity'], 'acknowledged_at - created_at')},
  escalation_days AS (
    SELECT e.day, e.space_id, e.severity,
           insights_bits(array_agg(DISTINCT so.slot), (SELECT bits FROM width)) AS subject_bits,
           count(*)::int AS raised,
           count(*) FILTER (WHERE e.acknowledged_at IS NOT NULL OR e.level > 1 OR e.ack_due_at <= now())::int AS due_or_acknowledged,
           count(*) FILTER (WHERE e.acknowledged_at IS NOT NULL AND e.level = 1 AND e.acknowledged_at <= e.ack_due_at)::int AS acknowledged_within_deadline,
           count(*) FILTER (WHERE e.level > 1)::int AS climbed
      FROM scoped e JOIN slot_of so ON so.member_id = e.subject_id
     GROUP BY e.day, e.space_id, e.severity
  ), escalation_facts AS (
    -- space_id is null for an escalation with neither post nor case: matched with IS NOT DISTINCT FROM
    SELECT ed.*, COALESCE(ah.minutes, '{}') AS ack_minutes, COALESCE(ah.counts, '{}') AS ack_counts
      FROM escalation_days ed
      LEFT JOIN ack_histogram ah ON ah.day = ed.day AND ah.space_id IS NOT DISTINCT FROM ed.space_id AND ah.severity = ed.severity
  )`;
const ESCALATION_COLUMNS = 'day, space_id, severity, subject_bits, raised, ack_minutes, ack_counts, due_or_acknowledged, acknowledged_within_deadline, climbed';

/** The bucket of a facts row ($8): a day, an ISO week (Monday), or the whole period. */
const BUCKET = `CASE $8::text WHEN 'period' THEN 'period' ELSE to_char(date_trunc($8::text, f.day::timestamp), 'YYYY-MM-DD') END`;
/** The first Monday on or after $6, and the last on or before $7: the whole ISO weeks of the rollup days [$6, $7) are [first, last). */
const FIRST_WEEK = `date_trunc('week', $6::date::timestamp + interval '6 days')::date`;
const LAST_WEEK = `date_trunc('week', $7::date::timestamp)::date`;
/**
 * Rollup rows of days [$6, $7) in the scope: a list of spaces reads the per-space rows, every space
 * ($5 null) the program-wide ones (the same facts summed over the spaces), which keeps a
 * program-wide figure's work at one row per day however many spaces there are; and, unless the
 * figures are per day ($8), one row per whole ISO week inside the days (its days summed), the
 * days before and after those weeks one row each: a 90-day period reads 12 weeks and 6 days.
 */
const fromRollup = (table: string, columns: string) => `
  SELECT ${columns} FROM ${table} WHERE $5::uuid[] IS NOT NULL AND day >= $6::date AND day < $7::date AND space_id = ANY($5::uuid[])
  UNION ALL
  SELECT ${columns.replace('space_id', 'NULL::uuid AS space_id')} FROM ${weeklyTable(table)}
   WHERE $5::uuid[] IS NULL AND $8::text <> 'day' AND day >= ${FIRST_WEEK} AND day < ${LAST_WEEK}
  UNION ALL
  SELECT ${columns.replace('space_id', 'NULL::uuid AS space_id')} FROM ${programTable(table)}
   WHERE $5::uuid[] IS NULL AND day >= $6::date AND day < $7::date AND ($8::text = 'day' OR day < ${FIRST_WEEK} OR day >= ${LAST_WEEK})`;
const programTable = (table: string) => table.replace('insights_daily_', 'insights_program_daily_');
const weeklyTable = (table: string) => table.replace('insights_daily_', 'insights_program_weekly_');

/** What a program-wide day row sums: the per-space rows of the days [$1, $2]. */
const spaceRowsOfDays = (table: string) => `SELECT * FROM ${table} WHERE day >= $1::date AND day <= $2::date`;
/** What a program-wide week row sums: the program-wide day rows of the ISO weeks that meet [$1, $2], each dated by its week's Monday. */
const dayRowsOfWeeks = (table: string, columns: string) => `
  SELECT date_trunc('week', day::timestamp)::date AS day, ${columns.replace('day, space_id, ', '')} FROM ${programTable(table)}
   WHERE day >= date_trunc('week', $1::date::timestamp)::date AND day < date_trunc('week', $2::date::timestamp)::date + 7`;

/** The minute histograms of the rows in `src` added up per `groups`, minute by minute (the same two parallel arrays). */
const sumHistograms = (minutes: string, counts: string, groups: string) => `
  SELECT ${groups}, array_agg(minute ORDER BY minute) AS minutes, array_agg(n ORDER BY minute) AS counts
    FROM (SELECT ${groups}, h.minute, sum(h.n)::int AS n FROM src, unnest(src.${minutes}, src.${counts}) h(minute, n) GROUP BY ${groups}, h.minute) x
   GROUP BY ${groups}`;
/**
 * Program-wide rows into `target`, one per `day` of the rows `src` selects (the spaces' rows of a
 * day, or a week's day rows): counts summed, bitmaps OR-ed (distinct clients over all of them),
 * reasons added up, and the minute histograms added up, so percentiles over them are the same as
 * over the rows they sum.
 */
const programPosts = (src: string, target: string) => `
  WITH src AS (${src}),
  w AS (SELECT COALESCE(max(length(client_bits)), 0) AS bits FROM src),
  sums AS (
    SELECT day, bit_or(insights_pad(client_bits, w.bits)) AS client_bits, sum(new_threads)::int AS new_threads, sum(replies)::int AS replies,
           sum(peer_specialist_replies)::int AS peer_specialist_replies, sum(reactions)::int AS reactions,
           sum(first_replies_by_peer)::int AS first_replies_by_peer, sum(threads_due)::int AS threads_due, sum(unanswered)::int AS unanswered
      FROM src, w GROUP BY day
  ), times AS (${sumHistograms('first_reply_minutes', 'first_reply_counts', 'day')})
  INSERT INTO ${target} (day, client_bits, new_threads, replies, peer_specialist_replies, reactions, first_reply_minutes,
                                            first_reply_counts, first_replies_by_peer, threads_due, unanswered)
  SELECT s.day, s.client_bits, s.new_threads, s.replies, s.peer_specialist_replies, s.reactions, COALESCE(t.minutes, '{}'), COALESCE(t.counts, '{}'),
         s.first_replies_by_peer, s.threads_due, s.unanswered
    FROM sums s LEFT JOIN times t USING (day)`;
const programCases = (src: string, target: string) => `
  WITH src AS (${src}),
  sums AS (
    SELECT day, priority, sum(opened)::int AS opened, sum(due_or_decided)::int AS due_or_decided, sum(decided_within_due)::int AS decided_within_due
      FROM src GROUP BY day, priority
  ), reasons AS (
    SELECT day, priority, jsonb_object_agg(reason, n) AS reason_counts
      FROM (SELECT day, priority, r.key AS reason, sum(r.value::int)::int AS n FROM src, jsonb_each_text(src.reason_counts) r GROUP BY 1, 2, 3) x
     GROUP BY day, priority
  ), times AS (${sumHistograms('first_look_minutes', 'first_look_counts', 'day, priority')})
  INSERT INTO ${target} (day, priority, opened, reason_counts, first_look_minutes, first_look_counts, due_or_decided, decided_within_due)
  SELECT s.day, s.priority, s.opened, COALESCE(r.reason_counts, '{}'), COALESCE(t.minutes, '{}'), COALESCE(t.counts, '{}'),
         s.due_or_decided, s.decided_within_due
    FROM sums s LEFT JOIN reasons r USING (day, priority) LEFT JOIN times t USING (day, priority)`;
const programEscalations = (src: string, target: string) => `
  WITH src AS (${src}),
  w AS (SELECT COALESCE(max(length(subject_bits)), 0) AS bits FROM src),
  sums AS (
    SELECT day, severity, bit_or(insights_pad(subject_bits, w.bits)) AS subject_bits, sum(raised)::int AS raised,
           sum(due_or_acknowledged)::int AS due_or_acknowledged, sum(acknowledged_within_deadline)::int AS acknowledged_within_deadline,
           sum(climbed)::int AS climbed
      FROM src, w GROUP BY day, severity
  ), times AS (${sumHistograms('ack_minutes', 'ack_counts', 'day, severity')})
  INSERT INTO ${target} (day, severity, subject_bits, raised, ack_minutes, ack_counts, due_or_acknowledged,
                                                  acknowledged_within_deadline, climbed)
  SELECT s.day, s.severity, s.subject_bits, s.raised, COALESCE(t.minutes, '{}'), COALESCE(t.counts, '{}'), s.due_or_acknowledged,
         s.acknowledged_within_deadline, s.climbed
    FROM sums s LEFT JOIN times t USING (day, severity)`;

/**
 * p50 and p90 (and how many times) per `groups` of a period's minute histograms: the counts added
 * up per minute over the rows in `rows` (with `minutes` / `counts` columns), then each percentile
 * read off the cumulative counts by percentile_cont's definition (the value at rank p * (n - 1),
 * 0-based, interpolated linearly between the two nearest ranks) over the times as whole minutes.
 * The work is one row per (group, minute) with a time, not one per time.
 */
const percentilesOf = (rows: string, minutes: string, counts: string, groups: string, groupBy = groups) => {
  // In float8, as percentile_cont computes its ranks (floor / ceil of p * (n - 1)).
  const rank = (p: number) => `${p}::float8 * (total - 1)`;
  const at = (p: number, pick: 'floor' | 'ceil') => `min(minute) FILTER (WHERE upto > ${pick}(${rank(p)}))`;
  const pct = (p: number) => `${at(p, 'floor')} + (${rank(p)} - floor(${rank(p)})) * (${at(p, 'ceil')} - ${at(p, 'floor')})`;
  return `
  hist AS (SELECT ${groups}, h.minute, sum(h.n)::int AS n FROM ${rows}, unnest(${rows}.${minutes}, ${rows}.${counts}) h(minute, n) GROUP BY ${groupBy}),
  ranked AS (
    SELECT hist.*, (sum(n) OVER (PARTITION BY ${groups} ORDER BY minute))::int AS upto, (sum(n) OVER (PARTITION BY ${groups}))::int AS total FROM hist
  ),
  pct AS (SELECT ${groups}, total AS count, ${pct(0.5)} AS p50, ${pct(0.9)} AS p90 FROM ranked GROUP BY ${groups}, total)`;
};

const POST_FIGURES = `
  WITH ${POST_FACTS},
  f AS (${fromRollup('insights_daily_posts', POST_COLUMNS)} UNION ALL SELECT ${POST_COLUMNS} FROM post_facts),
  b AS (SELECT ${BUCKET} AS bucket, f.* FROM f),
  w AS (SELECT COALESCE(max(length(client_bits)), 0) AS bits FROM f),
  sums AS (
    SELECT bucket, bit_count(bit_or(insights_pad(client_bits, w.bits)))::int AS active_clients,
           sum(new_threads)::int AS new_threads, sum(replies)::int AS replies, sum(peer_specialist_replies)::int AS peer_specialist_replies,
           sum(reactions)::int AS reactions, sum(first_replies_by_peer)::int AS first_replies_by_peer, sum(threads_due)::int AS threads_due,
           sum(unanswered)::int AS unanswered
      FROM b, w GROUP BY bucket
  ), ${percentilesOf('b', 'first_reply_minutes', 'first_reply_counts', 'bucket', 'bucket, h.minute')}
  SELECT sums.*, COALESCE(pct.count, 0) AS first_replies, pct.p50 AS first_reply_p50, pct.p90 AS first_reply_p90
    FROM sums LEFT JOIN pct USING (bucket) ORDER BY bucket`;

/**
 * Cases per bucket (and per priority); with `lookTimes`, their time-to-first-look percentiles too.
 * Those are most of the statement's work when there are many buckets: a 90-day weekly series
 * program-wide ranks ~8,000 (bucket, priority, minute) rows for them (~17 ms of ~18), while the
 * counts alone read the same ~90 rollup rows in under a millisecond. Without them, look_count is 0
 * and the percentiles null: for requests that do not ask for them (the Insights page's series).
 */
const caseFigures = (lookTimes: boolean) => `
  WITH ${CASE_FACTS},
  f AS (${fromRollup('insights_daily_cases', CASE_COLUMNS)} UNION ALL SELECT ${CASE_COLUMNS} FROM case_facts),
  b AS (SELECT ${BUCKET} AS bucket, f.* FROM f),
  sums AS (
    SELECT bucket, priority, sum(opened)::int AS opened, sum(due_or_decided)::int AS due_or_decided, sum(decided_within_due)::int AS decided_within_due
      FROM b GROUP BY GROUPING SETS ((bucket, priority), (bucket))
  ), ${
    lookTimes
      ? percentilesOf('b', 'first_look_minutes', 'first_look_counts', 'bucket, priority', 'GROUPING SETS ((bucket, priority, h.minute), (bucket, h.minute))')
      : `pct AS (SELECT NULL::text AS bucket, NULL::text AS priority, NULL::int AS count, NULL::float8 AS p50, NULL::float8 AS p90 WHERE false)`
  },
  reasons AS (
    SELECT bucket, jsonb_object_agg(reason, n) AS reason_counts
      FROM (SELECT bucket, r.key AS reason, sum(r.value::int)::int AS n FROM b, jsonb_each_text(b.reason_counts) r GROUP BY 1, 2) x
     GROUP BY bucket
  )
  SELECT s.bucket, s.priority, s.opened, s.due_or_decided, s.decided_within_due, COALESCE(l.count, 0) AS look_count, l.p50 AS look_p50, l.p90 AS look_p90,
         CASE WHEN s.priority IS NULL THEN r.reason_counts END AS reason_counts
    FROM sums s
    LEFT JOIN pct l ON l.bucket = s.bucket AND l.priority IS NOT DISTINCT FROM s.priority
    LEFT JOIN reasons r ON r.bucket = s.bucket
   ORDER BY s.bucket, s.priority NULLS FIRST`;
const CASE_FIGURES = caseFigures(true);
const CASE_COUNTS = caseFigures(false);

const ESCALATION_FIGURES = `
  WITH ${ESCALATION_FACTS},
  f AS (${fromRollup('insights_daily_escalations', ESCALATION_COLUMNS)} UNION ALL SELECT ${ESCALATION_COLUMNS} FROM escalation_facts),
  b AS (SELECT ${BUCKET} AS bucket, f.* FROM f),
  w AS (SELECT COALESCE(max(length(subject_bits)), 0) AS bits FROM f),
  sums AS (
    SELECT bucket, severity, sum(raised)::int AS raised, bit_count(bit_or(insights_pad(subject_bits, w.bits)))::int AS distinct_subjects,
           sum(due_or_acknowledged)::int AS due_or_acknowledged, sum(acknowledged_within_deadline)::int AS acknowledged_within_deadline,
           sum(climbed)::int AS climbed
      FROM b, w GROUP BY GROUPING SETS ((bucket, severity), (bucket))
  ), ${percentilesOf('b', 'ack_minutes', 'ack_counts', 'bucket, severity', 'GROUPING SETS ((bucket, severity, h.minute), (bucket, h.minute))')}
  SELECT s.*, COALESCE(a.count, 0) AS ack_count, a.p50 AS ack_p50, a.p90 AS ack_p90 FROM sums s
    LEFT JOIN pct a ON a.bucket = s.bucket AND a.severity IS NOT DISTINCT FROM s.severity
   ORDER BY s.bucket, s.severity NULLS FIRST`;

@Injectable()
export class InsightsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private params(plan: FactsPlan, scope: string[] | null, bucket: BucketUnit): unknown[] {
    return [...plan.live, scope, plan.rollupFrom, plan.rollupTo, bucket];
  }

  async postFigures(plan: FactsPlan, scope: string[] | null, bucket: BucketUnit): Promise<PostFiguresRow[]> {
    return this.figures('insights_post_figures', POST_FIGURES, plan, this.params(plan, scope, bucket));
  }

  /** Without `lookTimes`, every row's look_count is 0 and its look percentiles null (see caseFigures). */
  async caseFigures(plan: FactsPlan, scope: string[] | null, bucket: BucketUnit, lookTimes = true): Promise<CaseFiguresRow[]> {
    return lookTimes
      ? this.figures('insights_case_figures', CASE_FIGURES, plan, this.params(plan, scope, bucket))
      : this.figures('insights_case_counts', CASE_COUNTS, plan, this.params(plan, scope, bucket));
  }

  async escalationFigures(plan: FactsPlan, scope: string[] | null, bucket: BucketUnit): Promise<EscalationFiguresRow[]> {
    return this.figures('insights_escalation_figures', ESCALATION_FIGURES, plan, this.params(plan, scope, bucket));
  }

  /**
   * Runs a figures statement with JIT off: they run in milliseconds, but their estimated cost (a
   * lateral lookup per thread) crosses PostgreSQL's JIT threshold, and compiling them took ~600 ms
   * at program scale (bench engagement).
   *
   * Planning them took about as long as running them (posts program-wide: ~7 of ~15 ms). When the
   * rollup covers the period and the live part is short (the usual case), the statement is a named
   * prepared statement with a generic plan, planned once per pooled connection: posts program-wide
   * ran in 2.4 ms instead of 10-14 (measured against the bench database). A period read mostly live
   * (before the first refresh, or a stalled rollup) is planned for its own ranges, as before.
   */
  private async figures<T>(name: string, sql: string, plan: FactsPlan, params: unknown[]): Promise<T[]> {
    const [liveFrom, liveDayEnd, tailFrom, to] = plan.live.map((at) => at.getTime());
    const generic = plan.rollupFrom < plan.rollupTo && liveDayEnd - liveFrom + (to - tailFrom) <= SHORT_LIVE_MS;
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query(`BEGIN; SET LOCAL jit = off; SET LOCAL plan_cache_mode = ${generic ? 'force_generic_plan' : 'auto'}`);
      const result = await client.query<T & QueryResultRow>(generic ? { name, text: sql, values: params } : { text: sql, values: params });
      await client.query('COMMIT');
      return result.rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** How far the rollup reaches; null before the first refresh (everything is then read live). */
  async rollupState(): Promise<RollupState | null> {
    const rows: Array<{ complete_until: string; live_from: Date }> = await this.dataSource.query(
      `SELECT complete_until::text, live_from FROM insights_rollup_state WHERE id = 1`,
    );
    return rows[0] ? { completeUntil: rows[0].complete_until, liveFrom: rows[0].live_from } : null;
  }

  /** The spaces in the scope, in the forum's order: what the Insights page offers to pick. */
  async spacesIn(scope: string[] | null): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query(`SELECT id, name FROM spaces WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY position, name`, [scope]);
  }

  async spaceExists(spaceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM spaces WHERE id = $1`, [spaceId]);
    return rows.length > 0;
  }

  /**
   * Threads in the scope whose first post is PUBLISHED, published at least 24 h ago, with no
   * PUBLISHED reply by anyone but their author: newest first (the ones that just crossed 24 h
   * are the likeliest to still help), keyset on (published_at, id). Ids and times only, no text.
   */
  async unansweredThreads(scope: string[] | null, limit: number, after: [string, string] | null): Promise<UnansweredThreadRow[]> {
    return this.dataSource.query(
      `SELECT t.id AS thread_id, t.space_id, fp.published_at AS started_at, fp.published_at::text AS started_key
         FROM posts fp JOIN threads t ON t.first_post_id = fp.id
        WHERE fp.status = 'PUBLISHED' AND fp.published_at <= now() - interval '24 hours'
          AND ($1::uuid[] IS NULL OR fp.space_id = ANY($1::uuid[]))
          AND ($2::timestamptz IS NULL OR (fp.published_at, t.id) < ($2::timestamptz, $3::uuid))
          AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.thread_id = t.id AND r.id <> fp.id AND r.status = 'PUBLISHED' AND r.author_id <> t.author_id)
        ORDER BY fp.published_at DESC, t.id DESC
        LIMIT $4`,
      [scope, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  /** The earliest day anything countable happened; null on an empty database. */
  async firstDataDay(): Promise<string | null> {
    const rows: Array<{ day: string | null }> = await this.dataSource.query(
      `SELECT least((SELECT min(published_at) FROM posts), (SELECT min(opened_at) FROM moderation_cases), (SELECT min(created_at) FROM escalations),
                    (SELECT min(created_at) FROM reactions))::date::text AS day`,
    );
    return rows[0]?.day ?? null;
  }

  /**
   * Recomputes the rollup rows of [fromDay, until) with the live definitions, in one transaction
   * (serialised by an advisory lock): whole days, and the day `until` falls in up to `until`. Then
   * days before that one are complete and everything from `until` on is read live.
   */
  async refreshUntil(fromDay: string, until: Date): Promise<void> {
    const untilDay = until.toISOString().slice(0, 10);
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await this.recompute(manager, fromDay, untilDay, until);
      await manager.query(
        `INSERT INTO insights_rollup_state (id, complete_until, live_from, refreshed_at) VALUES (1, $1::date, $2, now())
         ON CONFLICT (id) DO UPDATE SET complete_until = EXCLUDED.complete_until, live_from = EXCLUDED.live_from, refreshed_at = now()
          WHERE insights_rollup_state.live_from <= EXCLUDED.live_from`,
        [untilDay, until],
      );
    });
  }

  /** The days a late write changed (marked by the migration MarkLateInsightsDays' triggers), oldest first. */
  async dirtyDays(): Promise<string[]> {
    const rows: Array<{ day: string }> = await this.dataSource.query(`SELECT day::text AS day FROM insights_dirty_days ORDER BY day`);
    return rows.map((r) => r.day);
  }

  /** Recomputes the whole days [fromDay, toDay) of the rollup (days a late write marked), in one transaction. */
  async recomputeDays(fromDay: string, toDay: string): Promise<void> {
    const end = new Date(`${toDay}T00:00:00Z`);
    const lastDay = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
    await this.dataSource.transaction((manager: EntityManager) => this.recompute(manager, fromDay, lastDay, end));
  }

  /**
   * Deletes and rewrites the rollup rows of the days [fromDay, lastDay], counting what happened in
   * [fromDay 00:00, until). The days' late-write marks go first, in this transaction: a write that
   * commits before the statements below is counted by them, and one that commits later (or is
   * waited for by the delete) leaves its mark for the next refresh.
   */
  private async recompute(manager: EntityManager, fromDay: string, lastDay: string, until: Date): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('insights_rollup'))`);
    await manager.query(`DELETE FROM insights_dirty_days WHERE day >= $1::date AND day <= $2::date`, [fromDay, lastDay]);
    // Slot every member first, so the stored bitmaps use stored slots only.
    await manager.query(
      `INSERT INTO insights_member_slots (member_id, slot)
       SELECT m.id, (SELECT COALESCE(max(slot), -1) FROM insights_member_slots) + row_number() OVER (ORDER BY m.created_at, m.id)::int
         FROM members m WHERE NOT EXISTS (SELECT 1 FROM insights_member_slots s WHERE s.member_id = m.id)`,
    );
    const live = [`${fromDay}T00:00:00Z`, until, until, until];
    for (const table of ['insights_daily_posts', 'insights_daily_cases', 'insights_daily_escalations']) {
      await manager.query(`DELETE FROM ${table} WHERE day >= $1::date AND day <= $2::date`, [fromDay, lastDay]);
      await manager.query(`DELETE FROM ${programTable(table)} WHERE day >= $1::date AND day <= $2::date`, [fromDay, lastDay]);
      // Every week that meets the days: rewritten below from all its day rows, the ones kept and the ones rewritten.
      await manager.query(`DELETE FROM ${weeklyTable(table)} WHERE day >= date_trunc('week', $1::date::timestamp)::date AND day <= $2::date`, [
        fromDay,
        lastDay,
      ]);
    }
    await manager.query(`WITH ${POST_FACTS} INSERT INTO insights_daily_posts (${POST_COLUMNS}) SELECT ${POST_COLUMNS} FROM post_facts`, [...live, null]);
    await manager.query(`WITH ${CASE_FACTS} INSERT INTO insights_daily_cases (${CASE_COLUMNS}) SELECT ${CASE_COLUMNS} FROM case_facts`, [...live, null]);
    await manager.query(
      `WITH ${ESCALATION_FACTS} INSERT INTO insights_daily_escalations (${ESCALATION_COLUMNS}) SELECT ${ESCALATION_COLUMNS} FROM escalation_facts`,
      [...live, null],
    );
    const programWide = [
      [programPosts, 'insights_daily_posts', POST_COLUMNS],
      [programCases, 'insights_daily_cases', CASE_COLUMNS],
      [programEscalations, 'insights_daily_escalations', ESCALATION_COLUMNS],
    ] as const;
    for (const [sql, table] of programWide) await manager.query(sql(spaceRowsOfDays(table), programTable(table)), [fromDay, lastDay]);
    for (const [sql, table, columns] of programWide) await manager.query(sql(dayRowsOfWeeks(table, columns), weeklyTable(table)), [fromDay, lastDay]);
  }
}
