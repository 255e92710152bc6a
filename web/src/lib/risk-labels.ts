import type { CasePriority, CrisisLevel } from './gql/graphql';

/** Plain words for risk codes that peers and clinicians both read (never the raw enum). */
export const CRISIS_LABEL: Record<CrisisLevel, string> = {
  IMMINENT: 'Imminent risk',
  HIGH: 'High risk',
  MODERATE: 'Moderate risk',
  LOW: 'Low risk',
  NONE: 'No crisis signal',
};

export const PRIORITY_LABEL: Record<CasePriority, string> = { URGENT: 'Urgent', HIGH: 'High', NORMAL: 'Normal', LOW: 'Low' };
