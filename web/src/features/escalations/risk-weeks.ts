import type { ClientRiskTimelineQuery, CrisisLevel, EscalationSeverity } from '../../lib/gql/graphql';

export type RiskEntry = ClientRiskTimelineQuery['clientRiskTimeline']['edges'][number]['node'];

export interface RiskWeek {
  /** Monday 00:00, local time, in ms. */
  start: number;
  signals: number;
  highestSignal: CrisisLevel | null;
  cases: number;
  escalations: number;
  escalationsBySeverity: Record<EscalationSeverity, number>;
}

const DAY = 86_400_000;
/** A quarter at least, so one week's spike reads against what came before; half a year at most. */
const MIN_WEEKS = 12;
const MAX_WEEKS = 26;
const SIGNAL_RANK: Record<CrisisLevel, number> = { NONE: 0, LOW: 1, MODERATE: 2, HIGH: 3, IMMINENT: 4 };

function weekStart(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  const sinceMonday = (day.getDay() + 6) % 7;
  day.setDate(day.getDate() - sinceMonday);
  return day.getTime();
}

/** Buckets the timeline into weeks, oldest first, from the first entry (or 12 weeks back) to this week. */
export function riskWeeks(entries: readonly RiskEntry[], now: number): RiskWeek[] {
  const thisWeek = weekStart(now);
  const oldest = entries.reduce((min, e) => Math.min(min, new Date(e.at).getTime()), now);
  const span = Math.min(MAX_WEEKS, Math.max(MIN_WEEKS, Math.round((thisWeek - weekStart(oldest)) / (7 * DAY)) + 1));
  const weeks: RiskWeek[] = [];
  for (let i = span - 1; i >= 0; i -= 1) {
    // Stepping by dates, not 7 × 24 h, keeps Mondays on Mondays across daylight-saving changes.
    const start = new Date(thisWeek);
    start.setDate(start.getDate() - 7 * i);
    weeks.push({
      start: start.getTime(),
      signals: 0,
      highestSignal: null,
      cases: 0,
      escalations: 0,
      escalationsBySeverity: { IMMINENT: 0, HIGH: 0, ELEVATED: 0 },
    });
  }
  const byStart = new Map(weeks.map((w) => [w.start, w]));
  for (const e of entries) {
    const week = byStart.get(weekStart(new Date(e.at).getTime()));
    if (!week) continue;
    if (e.kind === 'RISK_SIGNAL') {
      week.signals += 1;
      if (e.crisisLevel && (!week.highestSignal || SIGNAL_RANK[e.crisisLevel] > SIGNAL_RANK[week.highestSignal])) week.highestSignal = e.crisisLevel;
    } else if (e.kind === 'CASE') week.cases += 1;
    else {
      week.escalations += 1;
      if (e.grade && e.grade in week.escalationsBySeverity) week.escalationsBySeverity[e.grade as EscalationSeverity] += 1;
    }
  }
  return weeks;
}

const weekFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
/** "Nov 30" (in the reader's locale): the Monday a week starts on. */
export function weekLabel(start: number): string {
  return weekFormat.format(start);
}

/** The chart's words for a screen reader: the span, the totals and the busiest week. */
export function riskSummary(weeks: readonly RiskWeek[]): string {
  const total = (pick: (w: RiskWeek) => number) => weeks.reduce((sum, w) => sum + pick(w), 0);
  const busiest = weeks.reduce<RiskWeek | null>((best, w) => {
    const load = w.signals + w.cases + w.escalations;
    return load > 0 && (!best || load >= best.signals + best.cases + best.escalations) ? w : best;
  }, null);
  const first = weeks[0];
  const span = first ? `${weeks.length} weeks from ${weekFormat.format(first.start)}` : 'no weeks';
  return (
    `Risk over ${span}: ${total((w) => w.signals)} risk signals, ${total((w) => w.cases)} cases, ${total((w) => w.escalations)} escalations.` +
    (busiest ? ` Busiest: the week of ${weekLabel(busiest.start)}.` : '') +
    ' The table below has each week.'
  );
}
