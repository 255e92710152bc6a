/**
 * The project's own posts in natural wording (test/fixtures: probes 1-10 and the second-person
 * sets, each post with the level a clinician would give it), as named sets. They are what the
 * forum sees and the dev data is not: short posts, plain words, therapists' answers, recovery
 * stories. The learned model trains on them beside the dev posts (ownPostsTrainingSet), so they
 * are checked leaving one set out at a time (validateLeavingOneSetOut): each set scored by a
 * model that learned from the dev posts and every other set, never from it.
 */
import type { CrisisFeatureSpec, LexiconMatcher } from '../../src/screening/crisis-model/crisis-features';
import { isAtLeast } from '../../src/screening/pipeline/crisis-detector';
import { normaliseText } from '../../src/screening/pipeline/normalise';
import { authorsOwnWords, modelReadableText } from '../../src/screening/pipeline/speaker-frames';
import { CRISIS_PROBE_POSTS, type CrisisProbePost } from '../../test/fixtures/crisis-probe-posts';
import { CRISIS_PROBE_7_LATE_POSTS, CRISIS_PROBE_7_POSTS, CRISIS_PROBE_7_TUNING_POSTS } from '../../test/fixtures/crisis-probe-7-posts';
import { CRISIS_PROBE_8_RUN_ONCE_POSTS, CRISIS_PROBE_8_TUNING_POSTS } from '../../test/fixtures/crisis-probe-8-posts';
import { CRISIS_PROBE_9_FIRST_POSTS, CRISIS_PROBE_9_SECOND_POSTS } from '../../test/fixtures/crisis-probe-9-posts';
import { CRISIS_PROBE_10_FIRST_POSTS, CRISIS_PROBE_10_SECOND_POSTS, CRISIS_PROBE_10_THIRD_POSTS } from '../../test/fixtures/crisis-probe-10-posts';
import { SECOND_PERSON_HELDOUT_POSTS } from '../../test/fixtures/second-person-heldout-posts';
import { SECOND_PERSON_TUNING_POSTS } from '../../test/fixtures/second-person-tuning-posts';
import {
  CRISIS_MODEL_CONFIG,
  crisisTrainingSet,
  linearScore,
  sigmoid,
  trainLogistic,
  type TrainingOptions,
  type TrainingSet,
} from '../crisis-model/train-crisis-model';

export interface OwnPostSet {
  readonly name: string;
  readonly posts: readonly CrisisProbePost[];
}

export const OWN_POST_SETS: readonly OwnPostSet[] = [
  { name: 'probe 1-5', posts: CRISIS_PROBE_POSTS },
  { name: 'probe 7', posts: CRISIS_PROBE_7_POSTS },
  { name: 'probe 7 tuning', posts: CRISIS_PROBE_7_TUNING_POSTS },
  { name: 'probe 7 late', posts: CRISIS_PROBE_7_LATE_POSTS },
  { name: 'probe 8 tuning', posts: CRISIS_PROBE_8_TUNING_POSTS },
  { name: 'probe 8 run once', posts: CRISIS_PROBE_8_RUN_ONCE_POSTS },
  { name: 'probe 9 first', posts: CRISIS_PROBE_9_FIRST_POSTS },
  { name: 'probe 9 second', posts: CRISIS_PROBE_9_SECOND_POSTS },
  { name: 'probe 10 first', posts: CRISIS_PROBE_10_FIRST_POSTS },
  { name: 'probe 10 second', posts: CRISIS_PROBE_10_SECOND_POSTS },
  { name: 'probe 10 third', posts: CRISIS_PROBE_10_THIRD_POSTS },
  { name: 'second person tuning', posts: SECOND_PERSON_TUNING_POSTS },
  { name: 'second person held out', posts: SECOND_PERSON_HELDOUT_POSTS },
];

/** How the model would read a post: normalised, the author's own words (as the worker does). */
function readable(text: string): string {
  return modelReadableText(authorsOwnWords(normaliseText(text)));
}

/** The sets' posts as training rows, each weighing `weight` (a dev post weighs 1); `expected` MODERATE+ is positive. */
export function ownPostsTrainingSet(sets: readonly OwnPostSet[], weight: number, spec: CrisisFeatureSpec, lexicon: LexiconMatcher): TrainingSet {
  const posts = sets.flatMap((set) => set.posts);
  const set = crisisTrainingSet(
    posts.map((post) => readable(post.text)),
    posts.map((post) => (isAtLeast(post.expected, 'MODERATE') ? 1 : 0)),
    spec,
    lexicon,
  );
  return { ...set, sampleWeights: posts.map(() => weight) };
}

/**
 * The dev posts' set as model:train and eval:screening train on it: every model, each
 * cross-validation fold's included, also learns from all the own posts (no dev author among them).
 */
export function withOwnPosts(dev: TrainingSet, spec: CrisisFeatureSpec, lexicon: LexiconMatcher): TrainingSet {
  return { ...dev, alwaysTrained: ownPostsTrainingSet(OWN_POST_SETS, CRISIS_MODEL_CONFIG.ownPostsWeight, spec, lexicon) };
}

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

export interface LeaveOneSetOut {
  /** The dev posts' training set (without always-trained rows). */
  readonly dev: TrainingSet;
  readonly dimensions: number;
  readonly options: TrainingOptions;
  readonly spec: CrisisFeatureSpec;
  readonly lexicon: LexiconMatcher;
  readonly weight: number;
  /** The shipped model's Platt scaling, applied to each held-out model's scores. */
  readonly calibration: { readonly a: number; readonly b: number };
  readonly threshold: number;
}

/**
 * Each own-post set scored by a model trained on the dev posts and every other set (one model
 * per set), calibrated as the shipped model is: how the model does on natural wording it never saw.
 * `weight` 0 measures a model trained on the dev posts alone.
 */
export function validateLeavingOneSetOut(given: LeaveOneSetOut, sets: readonly OwnPostSet[] = OWN_POST_SETS): ProbeValidation {
  const scored = sets.flatMap((held) => {
    const others = sets.filter((set) => set !== held);
    const alwaysTrained = given.weight > 0 ? ownPostsTrainingSet(others, given.weight, given.spec, given.lexicon) : undefined;
    const model = trainLogistic({ ...given.dev, alwaysTrained }, given.dimensions, given.options);
    const rows = ownPostsTrainingSet([held], 1, given.spec, given.lexicon);
    return held.posts.map((post, index) => ({
      positive: rows.labels[index] === 1,
      short: post.text.length < SHORT_POST_CHARACTERS,
      probability: sigmoid(given.calibration.a * linearScore(model, rows.rows[index]) + given.calibration.b),
    }));
  });
  const positives = scored.filter((post) => post.positive);
  const short = scored.filter((post) => post.short);
  return {
    posts: scored.length,
    positives: positives.length,
    auc: rocAuc(scored),
    shortAuc: rocAuc(short),
    shortPosts: short.length,
    recall: positives.filter((post) => post.probability >= given.threshold).length / positives.length,
    falsePositives: scored.filter((post) => !post.positive && post.probability >= given.threshold).length,
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
    `own natural-wording posts, each set left out in turn (model alone, ${validation.posts} posts of test/fixtures, ${validation.positives} expected MODERATE+): ` +
    `AUC ${validation.auc.toFixed(3)} (short posts, ${validation.shortPosts}: ${validation.shortAuc.toFixed(3)}); ` +
    `at threshold ${threshold}: recall ${validation.recall.toFixed(3)}, ` +
    `false positives ${validation.falsePositives} of ${validation.posts - validation.positives}`
  );
}
