import type { CasePriority, CaseReason, CaseStatus, CrisisLevel, CaseDecision } from '../../lib/gql/graphql';

/** Plain words for the server's codes: what the peer reads, never the raw enum. */
export const PRIORITY_LABEL: Record<CasePriority, string> = { URGENT: 'Urgent', HIGH: 'High', NORMAL: 'Normal', LOW: 'Low' };
export const PRIORITY_ORDER: CasePriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

export const REASON_LABEL: Record<CaseReason, string> = {
  CRISIS: 'Crisis signal',
  TOXICITY: 'Hurtful wording',
  WATCHED_WORD: 'Watched word',
  USER_REPORT: 'Reported by members',
  SCREENING_FAILED: 'Screening could not run',
  MANUAL: 'Raised by staff',
};
export const REASON_ORDER = Object.keys(REASON_LABEL) as CaseReason[];

export const CRISIS_LABEL: Record<CrisisLevel, string> = {
  IMMINENT: 'Imminent risk',
  HIGH: 'High risk',
  MODERATE: 'Moderate risk',
  LOW: 'Low risk',
  NONE: 'No crisis signal',
};

export const STATUS_LABEL: Record<CaseStatus, string> = { OPEN: 'Open', CLAIMED: 'Claimed', RESOLVED: 'Decided' };

export const DECISION_LABEL: Record<CaseDecision, string> = {
  APPROVE: 'Approved: shared with the group',
  KEEP_HELD: 'Kept held: the author will be contacted',
  REMOVE: 'Removed from the group',
};

/** A case the peer should never publish with a single key press: any crisis reason or a crisis level above low. */
export function needsCarefulApproval(reasons: readonly CaseReason[], crisisLevel: CrisisLevel | null | undefined): boolean {
  return reasons.includes('CRISIS') || crisisLevel === 'IMMINENT' || crisisLevel === 'HIGH' || crisisLevel === 'MODERATE';
}
