import type { CasePriority, CaseReason, CaseStatus, QueueCaseFieldsFragment } from '../../lib/gql/graphql';

/** The queue's filters, kept in the address (?state=&space=&priority=&reason=) so the case view's next/previous follow them. */
export interface QueueFilters {
  state: CaseStatus | null;
  spaceId: string | null;
  priority: CasePriority | null;
  reason: CaseReason | null;
}

const STATES = ['OPEN', 'CLAIMED'];
const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const REASONS = ['CRISIS', 'TOXICITY', 'WATCHED_WORD', 'USER_REPORT', 'SCREENING_FAILED', 'MANUAL'];

function oneOf<T extends string>(value: string | null, allowed: readonly string[]): T | null {
  return value !== null && allowed.includes(value) ? (value as T) : null;
}

export function filtersFrom(search: string): QueueFilters {
  const params = new URLSearchParams(search);
  return {
    state: oneOf<CaseStatus>(params.get('state'), STATES),
    spaceId: params.get('space') || null,
    priority: oneOf<CasePriority>(params.get('priority'), PRIORITIES),
    reason: oneOf<CaseReason>(params.get('reason'), REASONS),
  };
}

export function searchOf(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.state) params.set('state', filters.state);
  if (filters.spaceId) params.set('space', filters.spaceId);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.reason) params.set('reason', filters.reason);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The same order the server gave (priority, then due time); filtering never reorders. */
export function applyFilters(cases: readonly QueueCaseFieldsFragment[], filters: QueueFilters): QueueCaseFieldsFragment[] {
  return cases.filter(
    (c) =>
      (!filters.state || c.status === filters.state) &&
      (!filters.spaceId || c.post?.thread?.space.id === filters.spaceId) &&
      (!filters.priority || c.priority === filters.priority) &&
      (!filters.reason || c.reasons.includes(filters.reason)),
  );
}
