import type { EscalationOutcome, EscalationSeverity, EscalationStatus, EscalationTrigger } from '../../lib/gql/graphql';

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
/** The outcomes a clinician chooses from, in the order the form offers them. */
export const OUTCOME_ORDER: EscalationOutcome[] = [
  'REACHED_CLIENT',
  'SAFETY_PLAN_REVIEWED',
  'EMERGENCY_SERVICES',
  'DUTY_TO_WARN_REVIEWED',
  'NO_CONTACT_POSSIBLE',
  'FALSE_ALARM',
];

/** Who a level pages, in words (1 on-call, 2 backup, 3 all clinicians, 4 clinicians and admins). */
export function levelLabel(level: number): string {
  if (level <= 1) return 'The on-call clinician';
  if (level === 2) return 'The backup clinician, after the on-call one';
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
