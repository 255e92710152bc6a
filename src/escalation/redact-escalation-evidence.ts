import { redactQuotedText } from '../common/text/redact-quoted-text';

/** An attached signal's post and the evidence it appended to its escalation. */
export interface AttachedEvidence {
  postId: string | null;
  evidence: unknown[];
}

/**
 * An escalation's evidence with the items quoting these posts redacted. The escalation's own post
 * wrote what it opened with; each attached signal appended a copy of its own evidence
 * (EscalationsService.attach), so an item equal to a signal's item is that signal's post's. Items
 * are matched as a multiset (two posts quoting the same words each own one copy), a purged post's
 * copy claimed first: whichever copy stays, it reads the same. An item no signal accounts for is
 * the opening evidence, the escalation's own post's.
 *
 * A copy whose signal was redacted by an earlier run that missed the escalation (before this
 * matched by signal) no longer equals it; it still matches the signal's redacted item once its
 * own words are taken out, and is redacted too. Those are matched from the end, where appended
 * copies are, so the opening item of a post that keeps its text is not taken for one.
 */
export function redactEscalationEvidence(
  evidence: unknown,
  ownPostId: string | null,
  attached: readonly AttachedEvidence[],
  purged: ReadonlySet<string>,
): unknown {
  const ownPurged = ownPostId !== null && purged.has(ownPostId);
  if (!Array.isArray(evidence)) return ownPurged ? redactQuotedText(evidence) : evidence;
  const items: readonly unknown[] = evidence;
  const copies = attached.flatMap((signal) =>
    (Array.isArray(signal.evidence) ? signal.evidence : []).map((item) => {
      const exact = JSON.stringify(item);
      const redacted = JSON.stringify(redactQuotedText(item));
      const removed = (signal.postId !== null && purged.has(signal.postId)) || exact === redacted;
      return { exact, redacted, removed, used: false };
    }),
  );
  const claim = (matches: (copy: (typeof copies)[number]) => boolean) => {
    const copy = copies.find((c) => !c.used && c.removed && matches(c)) ?? copies.find((c) => !c.used && matches(c));
    if (copy) copy.used = true;
    return copy;
  };
  const decided: Array<boolean | undefined> = items.map((item) => claim((c) => c.exact === JSON.stringify(item))?.removed);
  for (let i = items.length - 1; i >= 0; i--) {
    if (decided[i] !== undefined) continue;
    const redacted = JSON.stringify(redactQuotedText(items[i]));
    if (claim((c) => c.removed && c.redacted === redacted)) decided[i] = true;
  }
  return items.map((item, i) => ((decided[i] ?? ownPurged) ? redactQuotedText(item) : item));
}
