import type { CasePriority, CaseReason, CaseStatus, CrisisLevel, CaseDecision } from '../../lib/gql/graphql';
import { CRISIS_LABEL, PRIORITY_LABEL } from '../../lib/risk-labels';

export { CRISIS_LABEL, PRIORITY_LABEL };

/** Plain words for the server's codes: what the peer reads, never the raw enum. */
export const PRIORITY_ORDER: CasePriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

export const REASON_LABEL: Record<CaseReason, string> = {
  CRISIS: 'Crisis signal',
  TOXICITY: 'Hurtful wording',
  WATCHED_WORD: 'Watched word',
  USER_REPORT: 'Reported by members',
  SCREENING_FAILED: 'Screening could not run',
  MANUAL: 'Raised by staff',
  CHECK_IN: 'Check in: recent risk or agreeing with a post at risk',
};
export const REASON_ORDER = Object.keys(REASON_LABEL) as CaseReason[];

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
