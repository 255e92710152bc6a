/**
 * Author and thread context (issue #15, part 3): risk that shows only beside what came before.
 * The worker reads the facts (the author's recent risk signals, the screening of the post a reply
 * answers) and passes them in; this file turns them into signals and the evidence staff see, and
 * the policy decides what they call for (a LOW-priority check-in case, never a hold).
 */
import type { CrisisEvidence } from './crisis-detector';
import { type CrisisLevel, CRISIS_LEVELS } from './crisis-patterns';
import { isInside, type SpeakerContext, type TextRange } from './speaker-frames';

/** How far back an author's own MODERATE+ signal makes a LOW post worth a peer's check-in. */
export const AUTHOR_SIGNAL_WINDOW_DAYS = 14;

export interface ScreeningContext extends SpeakerContext {
  /** The author's strongest risk signal in the last AUTHOR_SIGNAL_WINDOW_DAYS, other posts only. */
  readonly authorRecentSignal?: { readonly level: CrisisLevel; readonly daysAgo: number } | null;
  /** For a reply: the screened level of the post it quotes (or, quoting none, of the thread's first post). */
  readonly repliedTo?: { readonly postId: string; readonly level: CrisisLevel } | null;
}

export interface ContextSignals {
  /** Set when the author had a MODERATE+ signal within the window. */
  readonly authorRecentSignal: { readonly level: CrisisLevel; readonly daysAgo: number } | null;
  /** Set when the author's own words agree with a reply-to post rated MODERATE+. */
  readonly agreesWith: { readonly postId: string; readonly level: CrisisLevel; readonly phrase: string } | null;
  /** What staff see beside the phrases, one item per signal. */
  readonly evidence: readonly CrisisEvidence[];
}

export const NO_CONTEXT: ContextSignals = { authorRecentSignal: null, agreesWith: null, evidence: [] };

/**
 * A reply that says it shares what it answers: "me too", "same here", "I feel the same". Only at
 * the start of the author's own words or as a whole sentence, so "the same here as everywhere"
 * in the middle of a story does not count; "not me too" or "I do not feel the same" do not either.
 */
const AGREEMENT =
  /(?:^|[.!?] )(?:(?:honestly|literally|omg|wow|yes|yeah|yep|god|ugh|oh|so|and|ok|okay) ?,? )*(?:me too|me neither|same here|same for me|same with me|same(?= *(?:[.!,?]|$))|i feel (?:exactly |the exact )?(?:the )?same(?: way)?|i am the same|i am (?:exactly )?like (?:this|that|you) too|that is (?:exactly )?(?:me|how i feel)|this is (?:exactly )?(?:me|how i feel)|exactly how i feel|i relate(?: so much| to this| to you)?|i could have written this|i feel (?:this|that) too)(?=[ .,!?]|$)/;

function levelRank(level: CrisisLevel): number {
  return CRISIS_LEVELS.indexOf(level);
}

/** The author's own agreement phrase, if any, outside quoted text. */
export function agreementPhrase(text: string, quoted: readonly TextRange[]): string | null {
  const match = AGREEMENT.exec(text);
  if (!match) return null;
  const at = match.index + match[0].length - 1;
  if (isInside(quoted, at)) return null;
  return match[0].replace(/^[.!?] /, '').trim();
}

/** The context signals for one post, and the evidence lines staff see for them. */
export function readScreeningContext(text: string, quoted: readonly TextRange[], context: ScreeningContext): ContextSignals {
  const evidence: CrisisEvidence[] = [];
  const recent = context.authorRecentSignal;
  const authorRecentSignal = recent && recent.daysAgo <= AUTHOR_SIGNAL_WINDOW_DAYS && levelRank(recent.level) >= levelRank('MODERATE') ? recent : null;
  if (authorRecentSignal) {
    const days = Math.floor(authorRecentSignal.daysAgo);
    evidence.push({
      patternId: 'context.author-recent-signal',
      construct: 'AUTHOR_CONTEXT',
      tier: 'LOW',
      effectiveTier: 'NONE',
      phrase: `author had ${authorRecentSignal.level === 'IMMINENT' ? 'an' : 'a'} ${authorRecentSignal.level} signal ${days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`}`,
      discount: null,
    });
  }

  const repliedTo = context.repliedTo;
  const phrase = repliedTo && levelRank(repliedTo.level) >= levelRank('MODERATE') ? agreementPhrase(text, quoted) : null;
  const agreesWith = repliedTo && phrase ? { postId: repliedTo.postId, level: repliedTo.level, phrase } : null;
  if (agreesWith) {
    evidence.push({
      patternId: 'context.agrees-with-post',
      construct: 'THREAD_CONTEXT',
      tier: 'LOW',
      effectiveTier: 'NONE',
      phrase: `agrees with a post rated ${agreesWith.level}: "${agreesWith.phrase}"`,
      discount: null,
    });
  }
  return { authorRecentSignal, agreesWith, evidence };
}
