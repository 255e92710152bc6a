import type { CaseDecision, CaseStatus, EscalationOutcome, EscalationSeverity, EscalationStatus, EscalationTrigger } from '../../lib/gql/graphql';

/** Plain words for the server's codes: what the clinician reads, never the raw enum. */
export const SEVERITY_LABEL: Record<EscalationSeverity, string> = { IMMINENT: 'Imminent risk', HIGH: 'High risk', ELEVATED: 'Elevated risk' };
/** The shared priority badges (styles/workspace.css): imminent reads as urgent. */
export const SEVERITY_BADGE: Record<EscalationSeverity, 'urgent' | 'high' | 'normal'> = { IMMINENT: 'urgent', HIGH: 'high', ELEVATED: 'normal' };
export const SEVERITY_ORDER: EscalationSeverity[] = ['IMMINENT', 'HIGH', 'ELEVATED'];

export const TRIGGER_LABEL: Record<EscalationTrigger, string> = {
  CRISIS: 'Crisis signal in a post',
  THREAT_TO_OTHERS: 'Threat to others (duty-to-warn review)',
  REPEATED_SIGNALS: 'Repeated risk signals',
  MANUAL: 'Raised by a peer specialist',
};

export const STATUS_LABEL: Record<EscalationStatus, string> = { OPEN: 'Waiting for a clinician', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved' };

export const OUTCOME_LABEL: Record<EscalationOutcome, string> = {
  REACHED_CLIENT: 'Reached the client',
  SAFETY_PLAN_REVIEWED: 'Reviewed the safety plan with them',
  EMERGENCY_SERVICES: 'Referred to emergency services',
  DUTY_TO_WARN_REVIEWED: 'Duty-to-warn reviewed',
  NO_CONTACT_POSSIBLE: 'Could not reach the client (peers keep trying)',
  FALSE_ALARM: 'False alarm: not a risk after all',
  // Older names, still on escalations resolved before the roster work; not offered any more.
  CONTACTED_CLIENT: 'Reached the client',
  NO_ACTION_NEEDED: 'No action needed',
};
/**
 * What each outcome means and what resolving with it does to the linked moderation cases (the
 * escalation's own and each attached signal's), in the words of the server's close-escalation-cases
 * rule (src/moderation/close-escalation-cases.service.ts): the escalation never publishes or removes
 * a post, so a held post always goes back to peer specialists with an open case; only a post that
 * is already public or removed has its case closed. `satisfies` makes a new server outcome a type
 * error here until it is described or marked as not offered.
 */
type OutcomeRule = { offered: true; description: string; cases: string } | { offered: false };
const HELD_GOES_BACK = 'A held post stays held and its case goes back to peer specialists to decide; a case on a public or removed post is closed.';
export const OUTCOME_RULES = {
  REACHED_CLIENT: { offered: true, description: 'You spoke with the client and know how they are.', cases: HELD_GOES_BACK },
  SAFETY_PLAN_REVIEWED: { offered: true, description: 'You went through their safety plan with them.', cases: HELD_GOES_BACK },
  EMERGENCY_SERVICES: { offered: true, description: 'You passed them to emergency services.', cases: HELD_GOES_BACK },
  DUTY_TO_WARN_REVIEWED: { offered: true, description: 'You reviewed a threat to others and any duty to warn.', cases: HELD_GOES_BACK },
  NO_CONTACT_POSSIBLE: {
    offered: true,
    description: 'You tried but could not reach them.',
    cases: 'Every linked case goes back to peer specialists, who keep trying to reach them; a held post stays held.',
  },
  FALSE_ALARM: { offered: true, description: 'On a closer look the posts were not a risk.', cases: HELD_GOES_BACK },
  // Older names, still on escalations resolved before the roster work; not offered any more.
  CONTACTED_CLIENT: { offered: false },
  NO_ACTION_NEEDED: { offered: false },
} as const satisfies Record<EscalationOutcome, OutcomeRule>;

/** The outcomes a clinician chooses from, in the order the form offers them. */
export const OUTCOME_ORDER = (Object.keys(OUTCOME_RULES) as EscalationOutcome[]).filter((o) => OUTCOME_RULES[o].offered);

/** The description and case rule of an offered outcome. */
export function outcomeRule(outcome: EscalationOutcome): { description: string; cases: string } | null {
  const rule: OutcomeRule = OUTCOME_RULES[outcome];
  return rule.offered ? rule : null;
}

/**
 * Who a level pages, in words (1 on-call, 2 backup, 3 all clinicians, 4 clinicians and admins).
 * `rosterCovered` false: the roster had nobody for level 1 or 2, so every clinician was paged
 * (EscalationPage.rosterCovered); naming "the on-call clinician" then would send a reader
 * looking for someone who is not there.
 */
export function levelLabel(level: number, rosterCovered = true): string {
  if (level <= 1) return rosterCovered ? 'The on-call clinician' : 'Every clinician, as nobody was on call';
  if (level === 2) return rosterCovered ? 'The backup clinician, after the on-call one' : 'Every clinician, as the on-call roster had a gap';
  if (level === 3) return 'All clinicians';
  return 'All clinicians and admins';
}

/**
 * How many acknowledgement deadlines have passed: each one moved the escalation up a level (or, at
 * the last level, re-paged everyone) and set a new deadline, so the countdown alone would look fresh.
 */
export function missedDeadlines(e: { level: number; reminders: number }): number {
  return Math.max(0, e.level - 1) + e.reminders;
}

/** Acknowledgement deadlines read "Acknowledge within 4 minutes" and, once past, "Overdue by 2 minutes". */
export const ACK_WORDS = { due: 'Acknowledge within', overdue: 'Not acknowledged: overdue by' };

const SEVERITY_RANK: Record<EscalationSeverity, number> = { IMMINENT: 0, HIGH: 1, ELEVATED: 2 };

/** Most severe first, then the nearest acknowledgement deadline (overdue ones lead). */
export function byUrgency<T extends { severity: EscalationSeverity; ackDueAt: string }>(a: T, b: T): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || new Date(a.ackDueAt).getTime() - new Date(b.ackDueAt).getTime();
}

/** Where a moderation case stands, read-only, in the words the escalation view uses: "open", "decided (kept held)". */
export function caseStateWords(c: { status: CaseStatus; decision?: CaseDecision | null }): string {
  if (c.status === 'RESOLVED') return c.decision ? `decided (${c.decision.toLowerCase().replace(/_/g, ' ')})` : 'decided';
  return c.status === 'CLAIMED' ? 'claimed by a peer specialist' : 'open, waiting for a peer specialist';
}

/** Whether the latest page at the escalation's current level followed the roster (true before any page is listed). */
export function currentLevelCovered(e: { level: number; pages: ReadonlyArray<{ level: number; rosterCovered: boolean }> }): boolean {
  const atLevel = e.pages.filter((p) => p.level === e.level);
  return atLevel.length === 0 ? true : atLevel[atLevel.length - 1].rosterCovered;
}
