/**
 * Training of the learned crisis model: L2-regularised logistic regression on sparse features
 * (src/screening/crisis-model/crisis-features.ts), full-batch Adam from zero weights (no random
 * initialisation and no shuffling, so the same data gives the same weights on every run), then
 * Platt-scaled on out-of-fold scores so its probability means what it says. Used by
 * `npm run model:train -- crisis` and by the cross-validation in `eval:screening`.
 *
 * Plain TypeScript rather than tfjs: tfjs-core's Node bundle registers no gradients, and its CPU
 * `unsortedSegmentSum` (the sparse product) compares every segment with every entry, which took
 * over ten minutes for one fold; the exact gradient here is two sparse loops, ~10 ms per epoch.
 */
import { type CrisisFeatureSpec, extractCrisisFeatures, type LexiconMatcher, type SparseFeatures } from '../../src/screening/crisis-model/crisis-features';

export interface TrainingOptions {
  readonly l2: number;
  readonly epochs: number;
  readonly learningRate: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { l2: 1e-4, epochs: 300, learningRate: 0.05 };

/** What a model is trained on: one row per post, its label (1 = moderate+) and weight. */
export interface TrainingSet {
  readonly rows: readonly SparseFeatures[];
  readonly labels: readonly number[];
  readonly sampleWeights: readonly number[];
  /**
   * Rows every model trained on this set also learns from, and none is scored on: the project's
   * own posts in natural wording (scripts/eval/crisis-probe-validation.ts), which hold no dev
   * author, so each fold's model may learn from all of them and the dev figures stay author-disjoint.
   */
  readonly alwaysTrained?: TrainingSet;
}

/** The set with its always-trained rows appended, as one plain set. */
function withAlwaysTrained(set: TrainingSet): TrainingSet {
  const extra = set.alwaysTrained;
  if (!extra) return set;
  return {
    rows: [...set.rows, ...extra.rows],
    labels: [...set.labels, ...extra.labels],
    sampleWeights: [...set.sampleWeights, ...extra.sampleWeights],
  };
}

/** Features and labels of posts as the model reads them (modelReadableText), each weighing 1. */
export function crisisTrainingSet(readableTexts: readonly string[], labels: readonly number[], spec: CrisisFeatureSpec, lexicon: LexiconMatcher): TrainingSet {
  return { rows: readableTexts.map((text) => extractCrisisFeatures(text, spec, lexicon)), labels, sampleWeights: labels.map(() => 1) };
}

export interface TrainedLinearModel {
  readonly weights: Float64Array;
  readonly bias: number;
}

export function trainLogistic(set: TrainingSet, dimensions: number, options: TrainingOptions = DEFAULT_TRAINING): TrainedLinearModel {
  const { rows, labels, sampleWeights } = withAlwaysTrained(set);
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const baseRate = Math.min(0.99, Math.max(0.01, positives / labels.length));
  const weights = new Float64Array(dimensions);
  let bias = Math.log(baseRate / (1 - baseRate));

  // Adam (Kingma & Ba 2015) with its usual constants; one moment pair per weight and for the bias.
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  const m = new Float64Array(dimensions);
  const v = new Float64Array(dimensions);
  let mBias = 0;
  let vBias = 0;
  const gradient = new Float64Array(dimensions);

  for (let step = 1; step <= options.epochs; step++) {
    // Gradient of the weighted mean log loss plus l2 * |w|^2: X^T (w (p - y)) / sum(w) + 2 l2 w.
    for (let index = 0; index < dimensions; index++) gradient[index] = 2 * options.l2 * weights[index];
    let biasGradient = 0;
    rows.forEach((row, rowIndex) => {
      let logit = bias;
      for (let k = 0; k < row.indices.length; k++) logit += weights[row.indices[k]] * row.values[k];
      const residual = ((sigmoid(logit) - labels[rowIndex]) * sampleWeights[rowIndex]) / totalWeight;
      biasGradient += residual;
      for (let k = 0; k < row.indices.length; k++) gradient[row.indices[k]] += residual * row.values[k];
    });
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    const rate = (options.learningRate * Math.sqrt(correction2)) / correction1;
    for (let index = 0; index < dimensions; index++) {
      const g = gradient[index];
      if (g === 0 && m[index] === 0) continue;
      m[index] = beta1 * m[index] + (1 - beta1) * g;
      v[index] = beta2 * v[index] + (1 - beta2) * g * g;
      weights[index] -= (rate * m[index]) / (Math.sqrt(v[index]) + epsilon);
    }
    mBias = beta1 * mBias + (1 - beta1) * biasGradient;
    vBias = beta2 * vBias + (1 - beta2) * biasGradient * biasGradient;
    bias -= (rate * mBias) / (Math.sqrt(vBias) + epsilon);
  }
  return { weights, bias };
}

export function linearScore(model: TrainedLinearModel, row: SparseFeatures): number {
  let sum = model.bias;
  row.indices.forEach((index, position) => (sum += model.weights[index] * row.values[position]));
  return sum;
}

/**
 * Platt scaling: p = sigmoid(a * score + b), fitted by Newton's method on out-of-fold scores
 * (with Platt's smoothed targets, so a perfectly separated fold cannot push a to infinity).
 */
export function fitPlatt(scores: readonly number[], labels: readonly number[]): { a: number; b: number } {
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  const targets = labels.map((label) => (label === 1 ? high : low));
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    scores.forEach((score, index) => {
      const p = 1 / (1 + Math.exp(-(a * score + b)));
      const d = p - targets[index];
      const w = p * (1 - p);
      gA += d * score;
      gB += d;
      hAA += w * score * score;
      hAB += w * score;
      hBB += w;
    });
    const determinant = hAA * hBB - hAB * hAB;
    if (Math.abs(determinant) < 1e-12) break;
    const stepA = (hBB * gA - hAB * gB) / determinant;
    const stepB = (hAA * gB - hAB * gA) / determinant;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) < 1e-9 && Math.abs(stepB) < 1e-9) break;
  }
  return { a, b };
}

export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

const NOT_RISK_TERMS = new Set(['safety plan', 'safety check', 'crisis center', 'crisis hotline', 'crisis text line', 'being saved', 'be save', 'killing me']);

/** What `model:train -- crisis` trains; the cross-validation in eval:screening uses the same. */
export const CRISIS_MODEL_CONFIG = {
  // signals: the C-SSRS behaviour and care-for-you features (crisis-features.ts), measured on CV before being kept.
  // Tried on 2026-12-04 and removed (see git history): signals and tiers counted by presence
  // rather than ln(1 + count), and one training intercept per length band (under 20, 40, 80, 160
  // words). On the dev posts alone they kept nested combined recall 0.692 and lifted the own posts
  // from recall 0.21 to 0.38, but one lethal-means word then outweighed a short post ("I am going to
  // the bridge club tonight" 0.41); with the own posts in training they changed nothing worth
  // keeping (own posts AUC 0.828 -> 0.830, dev recall 0.654 either way).
  features: { hashBits: 14, charNgram: 4, signals: true, tiers: true },
  // Chosen on author-grouped 5-fold CV (AUC 0.80 for l2 1e-4..1e-3, 2^14..2^16 buckets, char 3 or 4;
  // weighting `high` posts x3 lowered combined recall, so every post weighs the same).
  training: { l2: 1e-3, epochs: 300, learningRate: 0.05 } satisfies TrainingOptions,
  /**
   * Weight of each of the project's own natural-wording posts (the probe sets) beside a dev post's
   * 1. Trained on the dev posts alone the model scored them little better than chance (each set
   * left out in turn: AUC 0.73, 0.64 on short posts; recall 0.16 at its threshold): the dev posts
   * are long and altered, these are short and plain. Weights tried (2026-12-04; dev combined nested
   * recall / precision / none flagged, then own posts AUC, recall, false positives of 298):
   * 0 -> 0.692 / 0.689 / 5.1%, 0.73, 0.16, 23; 0.2 -> 0.668 / 0.675 / 5.2%, 0.78, 0.30, 30;
   * 0.4 -> 0.654 / 0.690 / 4.8%, 0.80, 0.40, 34; 1 -> 0.654 / 0.687 / 5.0%, 0.83, 0.52, 38.
   * The forum's posts look like these far more than like the dev posts. The cost is a lethal-means
   * word alone: "I am going to the bridge club tonight" 0.65, a weekly pill organiser 0.70, a
   * climbing rope 0.36 (published with a peer's case); counting lethal means in tiers of their own
   * did not help (0.61 / 0.67 / 0.35; own posts AUC 0.825, false positives 41).
   */
  ownPostsWeight: 1,
  /** Lexicon constructs the lexicon itself rates (low / moderate / high); context-only ones add nothing here. */
  keepConstruct: (_construct: string, proposedLevel: string): boolean => proposedLevel !== '',
  /**
   * Lexicon terms the model does not count. Names of help and treatment (a safety plan, a crisis
   * line, being saved) mark the topic, not the author's risk: they are what a therapist's answer
   * and a client's good day ("worked on my safety plan") are made of. "Killing me" is mostly the
   * idiom ("this job is killing me"); "kill me" and the rest stay.
   */
  keepTerm: (term: string): boolean => !NOT_RISK_TERMS.has(term),
  /** The highest rate of `none` posts the combined layers may flag on cross-validation (target: 6%). */
  maxNoneFlagged: 0.055,
  /** The lowest moderate+ precision the combined layers may have there (target: 0.60). */
  minPrecision: 0.6,
} as const;

/** What a MODERATE threshold is chosen against: per row, the patterns' flag and the label. */
export interface ThresholdSelection {
  readonly patternFlagged: readonly boolean[];
  readonly isNone: readonly boolean[];
  /** Labelled moderate or high. */
  readonly isPositive: readonly boolean[];
  readonly maxNoneFlagged: number;
  readonly minPrecision: number;
}

/** Rows `keep` selects (by index) of a selection, for the inner folds of the nested loop. */
function selectRows(selection: ThresholdSelection, indices: readonly number[]): ThresholdSelection {
  return {
    ...selection,
    patternFlagged: indices.map((index) => selection.patternFlagged[index]),
    isNone: indices.map((index) => selection.isNone[index]),
    isPositive: indices.map((index) => selection.isPositive[index]),
  };
}

export interface OutOfFoldScores {
  /** Calibrated probability per row, each from a model that never saw the row's author. */
  readonly probabilities: number[];
  readonly calibration: { a: number; b: number };
}

/** Trains on the rows `keep` selects (by index). */
function trainOnRows(set: TrainingSet, keep: (index: number) => boolean, dimensions: number, options: TrainingOptions): TrainedLinearModel {
  const train = set.rows.map((_, index) => index).filter(keep);
  return trainLogistic(
    {
      rows: train.map((index) => set.rows[index]),
      labels: train.map((index) => set.labels[index]),
      sampleWeights: train.map((index) => set.sampleWeights[index]),
      alwaysTrained: set.alwaysTrained,
    },
    dimensions,
    options,
  );
}

/** Trains one model per fold and scores the held-out fold; Platt scaling is fitted on those scores. */
export function outOfFoldProbabilities(set: TrainingSet, folds: readonly number[], dimensions: number, options: TrainingOptions): OutOfFoldScores {
  const { rows, labels } = set;
  const scores = new Array<number>(rows.length).fill(0);
  for (const fold of [...new Set(folds)].sort((a, b) => a - b)) {
    const model = trainOnRows(set, (index) => folds[index] !== fold, dimensions, options);
    rows.forEach((row, index) => {
      if (folds[index] === fold) scores[index] = linearScore(model, row);
    });
  }
  const calibration = fitPlatt(scores, labels);
  return { probabilities: scores.map((score) => sigmoid(calibration.a * score + calibration.b)), calibration };
}

export interface NestedOutOfFold {
  /** Per row: the probability from a model that never saw its fold, calibrated inside the other folds. */
  readonly probabilities: number[];
  /** Per row: whether it is at or above its fold's threshold, chosen without that fold. */
  readonly aboveThreshold: boolean[];
  /** The threshold chosen for each outer fold, in fold order. */
  readonly thresholds: number[];
}

/**
 * Nested selection, the honest version of outOfFoldProbabilities + chooseModerateThreshold: for
 * each outer fold, the Platt scaling and the threshold are fitted on out-of-fold scores of the
 * other folds only (each inner fold scored by a model trained without it and without the outer
 * fold), then applied to the outer fold's scores from a model trained on all other folds. The
 * held-out fold never influences its own threshold. A model trained on folds F \ {k, j} is the
 * same for (k, j) and (j, k), so it is trained once.
 */
export function nestedOutOfFold(
  set: TrainingSet,
  folds: readonly number[],
  dimensions: number,
  options: TrainingOptions,
  selection: ThresholdSelection,
): NestedOutOfFold {
  const { rows, labels } = set;
  const foldIds = [...new Set(folds)].sort((a, b) => a - b);
  const models = new Map<string, TrainedLinearModel>();
  const trainedWithout = (excluded: readonly number[]): TrainedLinearModel => {
    const key = [...excluded].sort((a, b) => a - b).join(',');
    const cached = models.get(key);
    if (cached) return cached;
    const model = trainOnRows(set, (index) => !excluded.includes(folds[index]), dimensions, options);
    models.set(key, model);
    return model;
  };
  const probabilities = new Array<number>(rows.length).fill(0);
  const aboveThreshold = new Array<boolean>(rows.length).fill(false);
  const thresholds: number[] = [];
  for (const outer of foldIds) {
    const inner = rows.map((_, index) => index).filter((index) => folds[index] !== outer);
    const innerScores = inner.map((index) => linearScore(trainedWithout([outer, folds[index]]), rows[index]));
    const calibration = fitPlatt(
      innerScores,
      inner.map((index) => labels[index]),
    );
    const threshold = chooseModerateThreshold(
      innerScores.map((score) => sigmoid(calibration.a * score + calibration.b)),
      selectRows(selection, inner),
    );
    thresholds.push(threshold);
    const model = trainedWithout([outer]);
    rows.forEach((row, index) => {
      if (folds[index] !== outer) return;
      probabilities[index] = sigmoid(calibration.a * linearScore(model, row) + calibration.b);
      aboveThreshold[index] = probabilities[index] >= threshold;
    });
  }
  return { probabilities, aboveThreshold, thresholds };
}

/**
 * The MODERATE threshold: the lowest probability (in steps of 0.01), so the most people found, at
 * which the combined layers (patterns, or the model at or above it) flag at most
 * `maxNoneFlagged` of the `none` posts and keep moderate+ precision at or above `minPrecision`.
 * Lower would find more people and cost more kind replies held up for review.
 */
export function chooseModerateThreshold(probabilities: readonly number[], selection: ThresholdSelection): number {
  const noneCount = selection.isNone.filter(Boolean).length;
  for (let step = 1; step <= 99; step++) {
    const threshold = step / 100;
    let flaggedNone = 0;
    let flagged = 0;
    let flaggedPositive = 0;
    probabilities.forEach((p, index) => {
      if (!selection.patternFlagged[index] && p < threshold) return;
      flagged++;
      if (selection.isNone[index]) flaggedNone++;
      if (selection.isPositive[index]) flaggedPositive++;
    });
    const precision = flagged === 0 ? 1 : flaggedPositive / flagged;
    if (flaggedNone / noneCount <= selection.maxNoneFlagged && precision >= selection.minPrecision) return threshold;
  }
  return 0.99;
}
