import { registerEnumType } from '@nestjs/graphql';

export enum CaseStatus {
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

/** Declared in queue order: the most urgent first. */
export enum CasePriority {
  URGENT = 'URGENT',
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}
registerEnumType(CasePriority, { name: 'CasePriority' });

/** Sort key stored beside the priority so the queue orders by an index, not a CASE expression. */
export const CASE_PRIORITY_RANK: Record<CasePriority, number> = {
  [CasePriority.URGENT]: 0,
  [CasePriority.HIGH]: 1,
  [CasePriority.NORMAL]: 2,
  [CasePriority.LOW]: 3,
};

export enum CaseReason {
  CRISIS = 'CRISIS',
  TOXICITY = 'TOXICITY',
  WATCHED_WORD = 'WATCHED_WORD',
  USER_REPORT = 'USER_REPORT',
  SCREENING_FAILED = 'SCREENING_FAILED',
  MANUAL = 'MANUAL',
  /** Published, and a peer reaches out: the author's recent risk, or a reply agreeing with a post in crisis. */
  CHECK_IN = 'CHECK_IN',
}
registerEnumType(CaseReason, { name: 'CaseReason' });

export enum CaseDecision {
  APPROVE = 'APPROVE',
  REMOVE = 'REMOVE',
  KEEP_HELD = 'KEEP_HELD',
}
registerEnumType(CaseDecision, { name: 'CaseDecision' });
