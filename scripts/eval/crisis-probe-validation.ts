/**
 * Out-of-domain check of the learned crisis model: every probe post of test/fixtures (written in
 * our own natural wording, short ones included, and not from the dev data) scored by the model
 * alone, `expected` MODERATE or above counted positive. The dev posts are long Reddit posts with
 * some words replaced by concept names; these are what the forum sees. Validation only: a probe
 * post must never become training data, or this check measures nothing.
 */
import { isAtLeast } from '../../src/screening/pipeline/crisis-detector';
import { normaliseText } from '../../src/screening/pipeline/normalise';
import { authorsOwnWords, modelReadableText } from '../../src/screening/pipeline/speaker-frames';
import { CRISIS_PROBE_POSTS, type CrisisProbePost } from '../../test/fixtures/crisis-probe-posts';
import { CRISIS_PROBE_7_LATE_POSTS, CRISIS_PROBE_7_POSTS, CRISIS_PROBE_7_TUNING_POSTS } from '../../test/fixtures/crisis-probe-7-posts';
import { CRISIS_PROBE_8_RUN_ONCE_POSTS, CRISIS_PROBE_8_TUNING_POSTS } from '../../test/fixtures/crisis-probe-8-posts';
import { SECOND_PERSON_HELDOUT_POSTS } from '../../test/fixtures/second-person-heldout-posts';
import { SECOND_PERSON_TUNING_POSTS } from '../../test/fixtures/second-person-tuning-posts';

export const CRISIS_PROBE_VALIDATION_POSTS: readonly CrisisProbePost[] = [
  ...CRISIS_PROBE_POSTS,
  ...CRISIS_PROBE_7_POSTS,
  ...CRISIS_PROBE_7_TUNING_POSTS,
  ...CRISIS_PROBE_7_LATE_POSTS,
  ...CRISIS_PROBE_8_TUNING_POSTS,
  ...CRISIS_PROBE_8_RUN_ONCE_POSTS,
  ...SECOND_PERSON_TUNING_POSTS,
  ...SECOND_PERSON_HELDOUT_POSTS,
];

/** Short enough to read as a forum check-in rather than a Reddit post. */
const SHORT_POST_CHARACTERS = 120;

export interface ProbeValidation {
  readonly posts: number;
  readonly positives: number;
  /** Area under the ROC curve of the probability: the chance a positive outscores a negative. */
  readonly auc: number;
  /** The same over the short posts only. */
  readonly shortAuc: number;
  readonly shortPosts: number;
  /** Positives at or above the threshold. */
  readonly recall: number;
  /** Negatives at or above the threshold. */
  readonly falsePositives: number;
}

/** Scores every probe post with `probability` (reading normalised text, as the worker does) against `threshold`. */
export function validateOnProbes(probability: (modelText: string) => number, threshold: number): ProbeValidation {
  const scored = CRISIS_PROBE_VALIDATION_POSTS.map((post) => ({
    positive: isAtLeast(post.expected, 'MODERATE'),
    short: post.text.length < SHORT_POST_CHARACTERS,
    probability: probability(modelReadableText(authorsOwnWords(normaliseText(post.text)))),
  }));
  const positives = scored.filter((post) => post.positive);
  const short = scored.filter((post) => post.short);
  return {
    posts: scored.length,
    positives: positives.length,
    auc: rocAuc(scored),
    shortAuc: rocAuc(short),
    shortPosts: short.length,
    recall: positives.filter((post) => post.probability >= threshold).length / positives.length,
    falsePositives: scored.filter((post) => !post.positive && post.probability >= threshold).length,
  };
}

/** Mann-Whitney form of the AUC; ties count half. */
function rocAuc(scored: ReadonlyArray<{ readonly positive: boolean; readonly probability: number }>): number {
  const positives = scored.filter((post) => post.positive).map((post) => post.probability);
  const negatives = scored.filter((post) => !post.positive).map((post) => post.probability);
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return positives.length === 0 || negatives.length === 0 ? Number.NaN : wins / (positives.length * negatives.length);
}

export function probeValidationLine(validation: ProbeValidation, threshold: number): string {
  return (
    `out-of-domain probes (model alone, ${validation.posts} posts of test/fixtures, ${validation.positives} expected MODERATE+): ` +
    `AUC ${validation.auc.toFixed(3)} (short posts, ${validation.shortPosts}: ${validation.shortAuc.toFixed(3)}); ` +
    `at threshold ${threshold}: recall ${validation.recall.toFixed(3)}, ` +
    `false positives ${validation.falsePositives} of ${validation.posts - validation.positives}`
  );
}
