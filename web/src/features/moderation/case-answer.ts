import type { ModerationCaseQuery, ResolveCaseMutation } from '../../lib/gql/graphql';

type CaseData = NonNullable<ModerationCaseQuery['moderationCase']>;
export type ResolveAnswer = ResolveCaseMutation['resolveCase'];

/**
 * The case as the server answered the decision, until the case view's own read catches up: the
 * read after a decision takes a moment (and one already on its way still says "Claimed"), so the
 * panel would show the claim for a second or more after "Kept held". The answer is the server's
 * own, not a guess; once a read shows the case decided, that read wins.
 */
export function caseWithAnswer(c: CaseData, answer: ResolveAnswer | null): CaseData {
  if (!answer || answer.id !== c.id || c.status === 'RESOLVED') return c;
  return {
    ...c,
    status: answer.status,
    decision: answer.decision,
    resolvedAt: answer.resolvedAt,
    assignee: answer.assignee ?? c.assignee,
    post: c.post && answer.post ? { ...c.post, status: answer.post.status, heldReason: answer.post.heldReason } : c.post,
  };
}
