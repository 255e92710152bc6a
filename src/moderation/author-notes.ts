import { CaseDecision, CaseReason } from '../common/domain/moderation.enums';

/** The one notice a case's decision sends its author (its dedupe key): found again by retention. */
export const caseDecisionNoticeKey = (caseId: string): string => `case-decision:${caseId}`;

/**
 * What the author reads after a decision: kind, specific to why, never a label ("flagged as ...").
 * Crisis resources are added whenever the case was about the author's safety.
 */
export function authorNoteFor(
  decision: CaseDecision,
  reasons: readonly CaseReason[],
  crisisResources: string | undefined,
  /** The moderator's own words (an edited template), in place of the standard body; resources are still added. */
  customBody?: string | null,
): { title: string; body: string } {
  const crisis = reasons.includes(CaseReason.CRISIS);
  const resources = crisis ? ` ${crisisResources ?? 'If you are in crisis, call or text 988 (Suicide & Crisis Lifeline) any time.'}` : '';
  if (customBody) return { title: authorNoteFor(decision, reasons, crisisResources).title, body: `${customBody}${resources}` };
  switch (decision) {
    case CaseDecision.APPROVE:
      return {
        title: 'Your post is shared with the group',
        body: `A peer specialist read your post and it is now visible to the group. Thank you for sharing.${resources}`,
      };
    case CaseDecision.KEEP_HELD:
      return {
        title: 'A peer specialist will be in touch',
        body: `A peer specialist is keeping your post private for now and will reach out to you. You have not done anything wrong.${resources}`,
      };
    case CaseDecision.REMOVE: {
      const why =
        reasons.includes(CaseReason.TOXICITY) || reasons.includes(CaseReason.WATCHED_WORD)
          ? 'some of its wording could hurt others in the group'
          : reasons.includes(CaseReason.USER_REPORT)
            ? 'members of the group were concerned by it'
            : crisis
              ? 'it is better talked through with someone directly, and a peer specialist will reach out'
              : 'it did not fit the group guidelines';
      return {
        title: 'Your post was removed from the group',
        body: `A peer specialist removed your post because ${why}. Only you can still see it. You are welcome to keep posting, and your care team is here for you.${resources}`,
      };
    }
  }
}
