import type { CombinedError } from 'urql';

/** What a refused case action means for the peer: someone got there first, or something else went wrong. */
export type CaseActionProblem = { kind: 'conflict'; message: string } | { kind: 'invalid'; message: string } | { kind: 'failed' };

export function caseActionProblemOf(error: CombinedError): CaseActionProblem {
  const first = error.graphQLErrors[0];
  if (first?.extensions.code === 'CONFLICT') return { kind: 'conflict', message: first.message };
  if (first?.extensions.code === 'BAD_USER_INPUT') return { kind: 'invalid', message: first.message };
  return { kind: 'failed' };
}
