/**
 * The learned crisis model at run time: a logistic regression over the features of
 * crisis-features.ts, with weights trained by `npm run model:train -- crisis` and committed in
 * assets/crisis-model/weights.json (see the model card beside it). Loaded once, offline, with no
 * tfjs: scoring one post is a dot product over its few thousand non-zero features.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type CrisisFeatureSpec, extractCrisisFeatures, featureCount, featureName, type LexiconConstruct, LexiconMatcher } from './crisis-features';

export interface CrisisModelWeightsFile {
  readonly format: 'between-sessions/crisis-model@1';
  readonly version: string;
  readonly trainedAt: string;
  readonly features: CrisisFeatureSpec;
  /** Float32 little-endian, base64: 2^hashBits n-gram buckets, then one weight per construct. */
  readonly weights: string;
  readonly bias: number;
  /** Platt scaling of the raw score, fitted on out-of-fold scores. */
  readonly calibration: { readonly a: number; readonly b: number };
  /** Calibrated probability at or above which a post is at least MODERATE (chosen on cross-validation). */
  readonly moderateThreshold: number;
  readonly lexicon: { readonly source: string; readonly licence: string; readonly constructs: readonly LexiconConstruct[] };
}

export interface CrisisModelFeature {
  /** What the feature is: a word ("w:hopeless"), a word pair ("b:end it"), letters ("c:kill") or a lexicon construct. */
  readonly feature: string;
  /** Its share of the score (weight x value); positive raises the probability. */
  readonly contribution: number;
}

export interface CrisisModelResult {
  readonly modelVersion: string;
  /** Calibrated probability that clinical annotators would rate the post ideation or worse. */
  readonly probability: number;
  readonly threshold: number;
  readonly aboveThreshold: boolean;
  /** The features that raised the score most, for staff. */
  readonly topFeatures: readonly CrisisModelFeature[];
}

const TOP_FEATURES = 5;

export class CrisisModel {
  private readonly weights: Float32Array;
  private readonly lexicon: LexiconMatcher;

  private constructor(private readonly file: CrisisModelWeightsFile) {
    const bytes = Buffer.from(file.weights, 'base64');
    this.weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    this.lexicon = new LexiconMatcher(file.lexicon.constructs);
    const expected = featureCount(file.features, this.lexicon);
    if (this.weights.length !== expected) throw new Error(`crisis model: ${this.weights.length} weights, expected ${expected}`);
  }

  static fromWeights(file: CrisisModelWeightsFile): CrisisModel {
    if (file.format !== 'between-sessions/crisis-model@1') throw new Error(`crisis model: unknown format ${String(file.format)}`);
    return new CrisisModel(file);
  }

  /** The committed model (assets/crisis-model/weights.json), found from this file in src/ or dist/src/. */
  static loadCommitted(): CrisisModel {
    return CrisisModel.fromWeights(JSON.parse(readFileSync(committedWeightsPath(), 'utf8')) as CrisisModelWeightsFile);
  }

  get version(): string {
    return this.file.version;
  }

  get threshold(): number {
    return this.file.moderateThreshold;
  }

  /** Scores normalised text (`NormalisedText.text`). */
  assess(text: string): CrisisModelResult {
    const features = extractCrisisFeatures(text, this.file.features, this.lexicon);
    let score = this.file.bias;
    const contributions: Array<{ index: number; contribution: number }> = [];
    features.indices.forEach((index, position) => {
      const contribution = this.weights[index] * features.values[position];
      score += contribution;
      if (contribution > 0) contributions.push({ index, contribution });
    });
    const top = contributions.sort((a, b) => b.contribution - a.contribution).slice(0, TOP_FEATURES);
    // Names: constructs, signals and tiers by index; n-gram buckets by hashing the text again (n-grams only).
    const buckets = top.filter((item) => featureName(item.index, this.file.features, this.lexicon) === null).map((item) => item.index);
    const hashed = buckets.length > 0 ? extractCrisisFeatures(text, this.file.features, this.lexicon, new Set(buckets), true).sources : undefined;
    const named = new Map(top.map((item) => [item.index, featureName(item.index, this.file.features, this.lexicon) ?? hashed?.get(item.index)]));
    const probability = 1 / (1 + Math.exp(-(this.file.calibration.a * score + this.file.calibration.b)));
    return {
      modelVersion: this.file.version,
      probability,
      threshold: this.file.moderateThreshold,
      aboveThreshold: probability >= this.file.moderateThreshold,
      topFeatures: top.map((item) => ({ feature: named?.get(item.index) ?? `#${item.index}`, contribution: Number(item.contribution.toFixed(3)) })),
    };
  }
}

/** The repository root holds package.json; from src/... or dist/src/... walk up to it. */
export function committedWeightsPath(): string {
  let directory = __dirname;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('crisis model: cannot find the repository root (package.json) above ' + __dirname);
    directory = parent;
  }
  return join(directory, 'assets', 'crisis-model', 'weights.json');
}
