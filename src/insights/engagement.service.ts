import { Injectable } from '@nestjs/common';
import { scopeCovers, scopeSqlValue, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { EscalationSeverity } from '../common/domain/escalation.enums';
import { CasePriority } from '../common/domain/moderation.enums';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { Connection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { BucketUnit, CaseFiguresRow, EscalationFiguresRow, FactsPlan, InsightsRepository, PostFiguresRow, RollupState } from './insights.repository';
import {
  EngagementBucket,
  EngagementFigures,
  EngagementPoint,
  EngagementSeries,
  EngagementSummary,
  EscalationFigures,
  InsightSpace,
  MinutesPercentiles,
  ModerationFigures,
  UnansweredThread,
} from './models/engagement.model';

const DAY_MS = 86_400_000;
/** Longest period asked for at once (a year and a bit): bounds the live work and a series' length. */
export const MAX_PERIOD_DAYS = 400;
/** Fewer clients than this behind a figure and it is withheld. */
export const SMALL_GROUP = 5;

const unansweredCursor = cursorFormat<[string, string]>(CursorParts.timestamp, CursorParts.uuid);

/** The UTC day (YYYY-MM-DD) a time falls in, and day arithmetic on such strings. */
function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * Which rows come from the rollup and which are read live. The rollup holds whole UTC days before
 * `completeUntil` and that day up to `liveFrom` (a few minutes ago). Rollup days wholly inside
 * [from, to) come from it; the partial first day (when `from` is not midnight UTC), and either
 * [liveFrom, to) or the partial last day, are computed live by the same definitions.
 */
export function factsPlan(from: Date, to: Date, state: RollupState | null): FactsPlan {
  const allLive: FactsPlan = { rollupFrom: '1970-01-01', rollupTo: '1970-01-01', live: [from, to, to, to] };
  if (state === null) return allLive;
  const firstWholeDay = dayStart(dayOf(from)).getTime() === from.getTime() ? dayOf(from) : addDays(dayOf(from), 1);
  if (to.getTime() >= state.liveFrom.getTime()) {
    // The rollup's partial last day is inside the period: the live tail is [liveFrom, to).
    if (firstWholeDay > state.completeUntil) return allLive;
    return { rollupFrom: firstWholeDay, rollupTo: addDays(state.completeUntil, 1), live: [from, dayStart(firstWholeDay), state.liveFrom, to] };
  }
  const rollupTo = dayOf(to) < state.completeUntil ? dayOf(to) : state.completeUntil;
  if (firstWholeDay >= rollupTo) return allLive;
  return { rollupFrom: firstWholeDay, rollupTo, live: [from, dayStart(firstWholeDay), dayStart(rollupTo), to] };
}

/**
 * Which figures a request may ask for, so the statements leave out what it surely does not: the
 * moderation figures, and within them the times to first look (most of the cases statement's work
 * for a series). Figures left out read as nothing happened; they are never shown.
 */
export interface FiguresWanted {
  moderation: boolean;
  lookTimes: boolean;
}
export const ALL_FIGURES: FiguresWanted = { moderation: true, lookTimes: true };

function percentiles(p50: number | null | undefined, p90: number | null | undefined, count: number): MinutesPercentiles {
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  return { p50Minutes: round(p50), p90Minutes: round(p90), count };
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

const EMPTY_POSTS: Omit<PostFiguresRow, 'bucket'> = {
  active_clients: 0,
  new_threads: 0,
  replies: 0,
  peer_specialist_replies: 0,
  reactions: 0,
  first_replies: 0,
  first_replies_by_peer: 0,
  first_reply_p50: null,
  first_reply_p90: null,
  threads_due: 0,
  unanswered: 0,
};

function moderationFigures(rows: CaseFiguresRow[]): ModerationFigures {
  const total = rows.find((r) => r.priority === null);
  const byPriority = rows
    .filter((r) => r.priority !== null)
    .map((r) => ({
      priority: r.priority as CasePriority,
      opened: r.opened,
      timeToFirstLook: percentiles(r.look_p50, r.look_p90, r.look_count),
      decidedWithinDueShare: share(r.decided_within_due, r.due_or_decided),
    }));
  return {
    casesOpened: total?.opened ?? 0,
    casesByReason: Object.entries(total?.reason_counts ?? {})
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    byPriority,
    timeToFirstLook: percentiles(total?.look_p50, total?.look_p90, total?.look_count ?? 0),
    decidedWithinDueShare: total ? share(total.decided_within_due, total.due_or_decided) : null,
  };
}

function escalationFigures(rows: EscalationFiguresRow[]): EscalationFigures {
  const total = rows.find((r) => r.severity === null);
  const clients = total?.distinct_subjects ?? 0;
  if (clients > 0 && clients < SMALL_GROUP) {
    return { fewerThanFive: true, raised: null, bySeverity: [], timeToAcknowledge: null, acknowledgedWithinDeadlineShare: null, climbedPastLevelOne: null };
  }
  // A severity about 1 to 4 clients would single them out (one IMMINENT escalation and its time to
  // acknowledge); leaving out only that one, it could be worked out from the total: the breakdown goes.
  const severities = rows.filter((r) => r.severity !== null);
  const smallCell = severities.some((r) => r.distinct_subjects > 0 && r.distinct_subjects < SMALL_GROUP);
  return {
    fewerThanFive: false,
    raised: total?.raised ?? 0,
    bySeverity: (smallCell ? [] : severities).map((r) => ({
      severity: r.severity as EscalationSeverity,
      raised: r.raised,
      timeToAcknowledge: percentiles(r.ack_p50, r.ack_p90, r.ack_count),
      acknowledgedWithinDeadlineShare: share(r.acknowledged_within_deadline, r.due_or_acknowledged),
      climbedPastLevelOne: r.climbed,
    })),
    timeToAcknowledge: percentiles(total?.ack_p50, total?.ack_p90, total?.ack_count ?? 0),
    acknowledgedWithinDeadlineShare: total ? share(total.acknowledged_within_deadline, total.due_or_acknowledged) : null,
    climbedPastLevelOne: total?.climbed ?? 0,
  };
}

/** One bucket's figures from its rows (absent rows: nothing happened). */
export function figuresOf(posts: PostFiguresRow | undefined, cases: CaseFiguresRow[], escalations: EscalationFiguresRow[] | null): EngagementFigures {
  const p = posts ?? { bucket: '', ...EMPTY_POSTS };
  const clients = p.active_clients;
  return {
    activeClients: clients > 0 && clients < SMALL_GROUP ? { count: null, fewerThanFive: true } : { count: clients, fewerThanFive: false },
    newThreads: p.new_threads,
    replies: p.replies,
    reactions: p.reactions,
    peerSpecialistReplies: p.peer_specialist_replies,
    timeToFirstReply: percentiles(p.first_reply_p50, p.first_reply_p90, p.first_replies),
    peerSpecialistFirstReplyShare: share(p.first_replies_by_peer, p.first_replies),
    threadsPastFirstDay: p.threads_due,
    unansweredThreads: p.unanswered,
    moderation: moderationFigures(cases),
    escalations: escalations === null ? null : escalationFigures(escalations),
  };
}

/** The figures behind the Insights page, each limited to the viewer's spaces where it is loaded. */
@Injectable()
export class EngagementService {
  constructor(private readonly insights: InsightsRepository) {}

  async summary(viewer: Viewer, spaceId: string | null, from: Date, to: Date, wanted = ALL_FIGURES): Promise<EngagementSummary> {
    checkPeriod(from, to);
    const scope = await this.scopeFor(viewer, spaceId);
    const byBucket = await this.figures(viewer, scope, from, to, 'period', wanted);
    return { ...(byBucket.get('period') ?? figuresOf(undefined, [], seesEscalations(viewer) ? [] : null)), spaceId, from, to };
  }

  async series(viewer: Viewer, spaceId: string | null, from: Date, to: Date, bucket: EngagementBucket, wanted = ALL_FIGURES): Promise<EngagementSeries> {
    checkPeriod(from, to);
    const scope = await this.scopeFor(viewer, spaceId);
    const unit: BucketUnit = bucket === EngagementBucket.WEEK ? 'week' : 'day';
    const byBucket = await this.figures(viewer, scope, from, to, unit, wanted);
    const points: EngagementPoint[] = bucketStarts(from, to, unit).map((start, i, starts) => {
      const key = dayOf(start);
      const pointFrom = start < from ? from : start;
      const next = starts[i + 1] ?? to;
      return { ...(byBucket.get(key) ?? figuresOf(undefined, [], seesEscalations(viewer) ? [] : null)), from: pointFrom, to: next };
    });
    return { spaceId, bucket, points };
  }

  async unansweredThreads(viewer: Viewer, spaceId: string | null, first: number, after: string | null | undefined): Promise<Connection<UnansweredThread>> {
    const scope = await this.scopeFor(viewer, spaceId);
    const rows = await this.insights.unansweredThreads(scope, first + 1, unansweredCursor.decode(after));
    const page = rows.slice(0, first);
    const now = Date.now();
    return {
      edges: page.map((row) => ({
        cursor: unansweredCursor.encode([row.started_key, row.thread_id]),
        node: {
          threadId: row.thread_id,
          spaceId: row.space_id,
          startedAt: row.started_at,
          waitingHours: Math.round((now - row.started_at.getTime()) / 360_000) / 10,
        },
      })),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: page.length ? unansweredCursor.encode([page[page.length - 1].started_key, page[page.length - 1].thread_id]) : null,
      },
    };
  }

  /** The spaces whose figures the viewer may see (a peer specialist: the ones they are assigned to). */
  async spaces(viewer: Viewer): Promise<InsightSpace[]> {
    return this.insights.spacesIn(scopeSqlValue(staffScopeOf(viewer)));
  }

  /** The space ids to count (null: every space). A space outside a peer's assignments reads as not found. */
  private async scopeFor(viewer: Viewer, spaceId: string | null): Promise<string[] | null> {
    const scope = staffScopeOf(viewer);
    if (spaceId === null) return scopeSqlValue(scope);
    if (!scopeCovers(scope, spaceId) || !(await this.insights.spaceExists(spaceId))) throw AppError.notFound('Space');
    return [spaceId];
  }

  private async figures(
    viewer: Viewer,
    scope: string[] | null,
    from: Date,
    to: Date,
    unit: BucketUnit,
    wanted: FiguresWanted,
  ): Promise<Map<string, EngagementFigures>> {
    const plan = factsPlan(from, to, await this.insights.rollupState());
    const [posts, cases, escalations] = await Promise.all([
      this.insights.postFigures(plan, scope, unit),
      wanted.moderation ? this.insights.caseFigures(plan, scope, unit, wanted.lookTimes) : Promise.resolve([]),
      seesEscalations(viewer) ? this.insights.escalationFigures(plan, scope, unit) : Promise.resolve(null),
    ]);
    const buckets = new Set([...posts.map((r) => r.bucket), ...cases.map((r) => r.bucket), ...(escalations ?? []).map((r) => r.bucket)]);
    return new Map(
      [...buckets].map((bucket) => [
        bucket,
        figuresOf(
          posts.find((r) => r.bucket === bucket),
          cases.filter((r) => r.bucket === bucket),
          escalations === null ? null : escalations.filter((r) => r.bucket === bucket),
        ),
      ]),
    );
  }
}

/** Escalations are clinical: clinicians and admins see their figures, peer specialists do not. */
function seesEscalations(viewer: Viewer): boolean {
  return viewer.role === Role.CLINICIAN || viewer.role === Role.ADMIN;
}

function checkPeriod(from: Date, to: Date): void {
  if (!(from.getTime() < to.getTime())) throw AppError.badInput('to', 'to must be after from.');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw AppError.badInput('to', `A period can be at most ${MAX_PERIOD_DAYS} days.`);
}

/** The start of every bucket that meets [from, to): UTC days, or ISO weeks starting Monday. */
export function bucketStarts(from: Date, to: Date, unit: 'day' | 'week'): Date[] {
  let start = dayStart(dayOf(from));
  if (unit === 'week') start = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * DAY_MS);
  const step = unit === 'week' ? 7 * DAY_MS : DAY_MS;
  const starts: Date[] = [];
  for (let at = start; at < to; at = new Date(at.getTime() + step)) starts.push(at);
  return starts;
}
