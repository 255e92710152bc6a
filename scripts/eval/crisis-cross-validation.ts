/**
 * Author-grouped k-fold cross-validation of the crisis layers (issue #15): patterns alone (they
 * are not trained, so each fold is simply scored), and, once the learned model exists, the model
 * trained on the other folds and the two combined as the policy combines them.
 */
import { readFileSync } from 'node:fs';

import { featureCount, LexiconMatcher } from '../../src/screening/crisis-model/crisis-features';
import { crisisLevelWithModel } from '../../src/screening/crisis-model/combine-crisis-level';
import { CrisisModel } from '../../src/screening/crisis-model/crisis-model';
import { isAtLeast } from '../../src/screening/pipeline/crisis-detector';
import type { CrisisLevel } from '../../src/screening/pipeline/crisis-patterns';
import { normaliseText } from '../../src/screening/pipeline/normalise';
import { authorsOwnWords, modelReadableText } from '../../src/screening/pipeline/speaker-frames';
import { join } from 'node:path';
import { sharedDataDir } from '../crisis-model/cssrs-dev';
import { readSuicideRiskLexicon } from '../crisis-model/suicide-risk-lexicon';
import {
  chooseModerateThreshold,
  CRISIS_MODEL_CONFIG,
  crisisTrainingSet,
  nestedOutOfFold,
  outOfFoldProbabilities,
  type ThresholdSelection,
} from '../crisis-model/train-crisis-model';
import { authorFolds, authorFromId, authorMetaFile } from './author-folds';
import { probeValidationLine, validateLeavingOneSetOut, withOwnPosts } from './crisis-probe-validation';
import {
  crisisCvMetrics,
  crisisCvTable,
  type CrisisLabel,
  levelCalibrationTable,
  type OutOfFoldPrediction,
  probabilityCalibrationTable,
} from './crisis-cv-metrics';

export const CRISIS_CV_SEED = 15;

export interface CrisisCvRow {
  readonly id: string;
  readonly text: string;
  readonly label: CrisisLabel;
  /** What the patterns (the whole model-free pipeline) decided for this post. */
  readonly patternLevel: CrisisLevel;
}

export interface CrisisCvOptions {
  readonly folds: number;
  readonly seed: number;
}

function authorsOf(csv: string): Map<string, string> {
  const meta = authorMetaFile(csv);
  if (!meta) return new Map();
  const [header, ...lines] = readFileSync(meta, 'utf8').split(/\r?\n/);
  const columns = header.split(',');
  const idColumn = columns.indexOf('id');
  const userColumn = columns.indexOf('user');
  if (idColumn < 0 || userColumn < 0) return new Map();
  // posts_meta.csv has no quoted fields: ids, batches, user names and labels only.
  return new Map(
    lines
      .map((line) => line.split(','))
      .filter((fields) => fields.length > Math.max(idColumn, userColumn))
      .map((fields) => [fields[idColumn], fields[userColumn].trim()]),
  );
}

/** One post's honest (nested) result, for `--predictions`: who wrote it, the model's probability, the combined level. */
export interface CrisisCvRowResult {
  readonly author: string;
  readonly fold: number;
  readonly probability: number;
  readonly combinedLevel: CrisisLevel;
}

export async function crossValidateCrisis(
  csv: string,
  rows: readonly CrisisCvRow[],
  options: CrisisCvOptions,
): Promise<{ text: string; json: unknown; byId: ReadonlyMap<string, CrisisCvRowResult> }> {
  const authors = authorsOf(csv);
  const authorOf = (id: string): string => authors.get(id) ?? authorFromId(id);
  const folds = authorFolds(
    rows.map((row) => ({ id: row.id, author: authorOf(row.id), positive: row.label === 'moderate' || row.label === 'high' })),
    options.folds,
    options.seed,
  );
  const base = rows.map((row) => ({ id: row.id, author: authorOf(row.id), fold: folds.get(row.id) ?? 0, label: row.label }));

  const patterns: OutOfFoldPrediction[] = base.map((row, index) => ({ ...row, level: rows[index].patternLevel }));
  const systems = [{ name: 'patterns alone', metrics: crisisCvMetrics(patterns) }];

  // The learned model, retrained on each fold's other authors exactly as model:train trains it.
  const lexicon = new LexiconMatcher(
    readSuicideRiskLexicon(join(sharedDataDir(), 'suicide-risk-lexicon', 'lexicon_long.csv'), CRISIS_MODEL_CONFIG.keepConstruct, CRISIS_MODEL_CONFIG.keepTerm),
  );
  const spec = CRISIS_MODEL_CONFIG.features;
  const labels = rows.map((row) => (row.label === 'moderate' || row.label === 'high' ? 1 : 0));
  const devSet = crisisTrainingSet(
    rows.map((row) => modelReadableText(authorsOwnWords(normaliseText(row.text)))),
    labels,
    spec,
    lexicon,
  );
  const set = withOwnPosts(devSet, spec, lexicon);
  const outOfFold = outOfFoldProbabilities(
    set,
    base.map((row) => row.fold),
    featureCount(spec, lexicon),
    CRISIS_MODEL_CONFIG.training,
  );
  const selection: ThresholdSelection = {
    patternFlagged: rows.map((row) => isAtLeast(row.patternLevel, 'MODERATE')),
    isNone: rows.map((row) => row.label === 'none'),
    isPositive: labels.map((label) => label === 1),
    maxNoneFlagged: CRISIS_MODEL_CONFIG.maxNoneFlagged,
    minPrecision: CRISIS_MODEL_CONFIG.minPrecision,
  };
  const threshold = chooseModerateThreshold(outOfFold.probabilities, selection);
  const modelOnly: OutOfFoldPrediction[] = base.map((row, index) => ({
    ...row,
    level: outOfFold.probabilities[index] >= threshold ? 'MODERATE' : 'NONE',
    probability: outOfFold.probabilities[index],
  }));
  const combined: OutOfFoldPrediction[] = base.map((row, index) => ({
    ...row,
    level: crisisLevelWithModel(rows[index].patternLevel, { aboveThreshold: outOfFold.probabilities[index] >= threshold }),
    probability: outOfFold.probabilities[index],
  }));
  systems.push({ name: 'model alone', metrics: crisisCvMetrics(modelOnly) }, { name: 'combined', metrics: crisisCvMetrics(combined) });

  // Nested: each held-out fold's calibration and threshold come from the other folds only.
  const nested = nestedOutOfFold(
    set,
    base.map((row) => row.fold),
    featureCount(spec, lexicon),
    CRISIS_MODEL_CONFIG.training,
    selection,
  );
  const nestedCombined = base.map((row, index) => ({
    ...row,
    level: crisisLevelWithModel(rows[index].patternLevel, { aboveThreshold: nested.aboveThreshold[index] }),
    probability: nested.probabilities[index],
  }));
  systems.push(
    {
      name: 'model alone, nested threshold',
      metrics: crisisCvMetrics(
        base.map((row, index) => ({ ...row, level: nested.aboveThreshold[index] ? 'MODERATE' : 'NONE', probability: nested.probabilities[index] })),
      ),
    },
    { name: 'combined, nested threshold', metrics: crisisCvMetrics(nestedCombined) },
  );
  const committed = committedThreshold();
  const probes = probeValidationLine(
    validateLeavingOneSetOut({
      dev: devSet,
      dimensions: featureCount(spec, lexicon),
      options: CRISIS_MODEL_CONFIG.training,
      spec,
      lexicon,
      weight: CRISIS_MODEL_CONFIG.ownPostsWeight,
      calibration: outOfFold.calibration,
      threshold,
    }),
    threshold,
  );

  const authorCount = new Set(base.map((row) => row.author)).size;
  const text = [
    `crisis, author-grouped ${options.folds}-fold cross-validation (${rows.length} posts, ${authorCount} authors${authors.size > 0 ? ' from posts_meta.csv' : ' from ids'}, seed ${options.seed}), flagged = MODERATE or above:`,
    `model threshold on these folds ${threshold} (committed model: ${committed}); combined = patterns, raised to MODERATE when the model is at or above it`,
    `nested rows: each fold's calibration and threshold chosen on the other four folds only (thresholds ${nested.thresholds.join(' / ')}); the honest figures`,
    "flagged = MODERATE+: held or queued for a person. 'incl. check-in' adds LOW posts that open a peer's check-in because the author had a MODERATE+ post before (posts in id order, taken as within 14 days: the data has no dates); a check-in never finds a new author",
    '',
    crisisCvTable(systems),
    '',
    `the model as model:train trains it, ${probes}`,
    '',
    'patterns: observed labels per predicted level',
    '',
    levelCalibrationTable(patterns),
    '',
    'model: calibration of the out-of-fold probability',
    '',
    probabilityCalibrationTable(modelOnly),
  ].join('\n');
  const byId = new Map(
    nestedCombined.map((row) => [row.id, { author: row.author, fold: row.fold, probability: row.probability, combinedLevel: row.level }] as const),
  );
  return { text, json: { folds: options.folds, seed: options.seed, threshold, nestedThresholds: nested.thresholds, systems }, byId };
}

function committedThreshold(): string {
  try {
    return String(CrisisModel.loadCommitted().threshold);
  } catch (error) {
    return `not loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}
