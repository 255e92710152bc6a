import { CasePriority } from '../common/domain/moderation.enums';

/** Default time to a first human look, by priority (configurable later per program). */
export const CASE_DUE_MINUTES: Record<CasePriority, number> = {
  [CasePriority.URGENT]: 5,
  [CasePriority.HIGH]: 30,
  [CasePriority.NORMAL]: 4 * 60,
  [CasePriority.LOW]: 24 * 60,
};
