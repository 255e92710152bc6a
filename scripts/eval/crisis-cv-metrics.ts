/**
 * The crisis metrics of issue #15, computed on out-of-fold predictions (every post predicted by a
 * system that never saw its author), and the table and calibration that `eval:screening` prints.
 */
import { CRISIS_LEVELS, type CrisisLevel } from '../../src/screening/pipeline/crisis-patterns';

export type CrisisLabel = 'none' | 'low' | 'moderate' | 'high';

export interface OutOfFoldPrediction {
  readonly id: string;
  readonly author: string;
  readonly fold: number;
  readonly label: CrisisLabel;
  readonly level: CrisisLevel;
  /** The model's calibrated probability of moderate+, when the system has a model. */
  readonly probability?: number;
}

export interface CrisisCvMetrics {
  readonly rows: number;
  readonly recall: number;
  readonly precision: number;
  readonly highFlaggedModerate: number;
  readonly highFlaggedHigh: number;
  readonly noneFlagged: number;
  readonly authorRecall: number;
  /**
   * Moderate+ posts with any human look: flagged, or a LOW post that opens a peer's check-in
   * because the author had a MODERATE+ post before (the author-context rule; see withCheckIns).
   */
  readonly recallWithCheckIn: number;
  /** Authors with a moderate+ post found by any human look, check-ins included. */
  readonly authorRecallWithCheckIn: number;
  readonly flagged: number;
  /** Moderate+ recall in each fold: how much the headline number moves with the authors drawn. */
  readonly recallByFold: readonly number[];
  readonly precisionByFold: readonly number[];
}

const rank = (level: CrisisLevel): number => CRISIS_LEVELS.indexOf(level);
const flagged = (p: OutOfFoldPrediction): boolean => rank(p.level) >= rank('MODERATE');
const positive = (p: OutOfFoldPrediction): boolean => p.label === 'moderate' || p.label === 'high';
const share = (numerator: number, denominator: number): number => (denominator === 0 ? Number.NaN : numerator / denominator);

export function crisisCvMetrics(predictions: readonly OutOfFoldPrediction[]): CrisisCvMetrics {
  const positives = predictions.filter(positive);
  const flaggedRows = predictions.filter(flagged);
  const high = predictions.filter((p) => p.label === 'high');
  const none = predictions.filter((p) => p.label === 'none');

  // An author counts as found when any of their posts is flagged (issue #15's definition).
  const authorsAtRisk = new Set(positives.map((p) => p.author));
  const authorsFlagged = new Set(flaggedRows.map((p) => p.author));
  const found = [...authorsAtRisk].filter((author) => authorsFlagged.has(author)).length;

  const checkIns = checkInIds(predictions);
  const looked = (p: OutOfFoldPrediction): boolean => flagged(p) || checkIns.has(p.id);
  const authorsLooked = new Set(predictions.filter(looked).map((p) => p.author));

  const folds = [...new Set(predictions.map((p) => p.fold))].sort((a, b) => a - b);
  return {
    rows: predictions.length,
    recall: share(positives.filter(flagged).length, positives.length),
    precision: share(flaggedRows.filter(positive).length, flaggedRows.length),
    highFlaggedModerate: share(high.filter(flagged).length, high.length),
    highFlaggedHigh: share(high.filter((p) => rank(p.level) >= rank('HIGH')).length, high.length),
    noneFlagged: share(none.filter(flagged).length, none.length),
    authorRecall: share(found, authorsAtRisk.size),
    recallWithCheckIn: share(positives.filter(looked).length, positives.length),
    authorRecallWithCheckIn: share([...authorsAtRisk].filter((author) => authorsLooked.has(author)).length, authorsAtRisk.size),
    flagged: flaggedRows.length,
    recallByFold: folds.map((fold) => {
      const rows = positives.filter((p) => p.fold === fold);
      return share(rows.filter(flagged).length, rows.length);
    }),
    precisionByFold: folds.map((fold) => {
      const rows = flaggedRows.filter((p) => p.fold === fold);
      return share(rows.filter(positive).length, rows.length);
    }),
  };
}

/**
 * The posts the author-context rule turns into a LOW check-in case (screening-policy.ts): a post
 * the system rates LOW whose author had a MODERATE+ post earlier. The dev data has no dates, so
 * an author's posts are taken in the order of their ids' trailing numbers and all within the
 * 14-day window: an upper bound on what the rule adds. It can never find a new author (a
 * check-in needs an earlier flagged post), only more of a found author's posts.
 */
export function checkInIds(predictions: readonly OutOfFoldPrediction[]): Set<string> {
  const byAuthor = new Map<string, OutOfFoldPrediction[]>();
  for (const p of predictions) byAuthor.set(p.author, [...(byAuthor.get(p.author) ?? []), p]);
  const order = (p: OutOfFoldPrediction): number => Number(/-(\d+)$/.exec(p.id)?.[1] ?? 0);
  const ids = new Set<string>();
  for (const posts of byAuthor.values()) {
    let earlierFlag = false;
    for (const p of [...posts].sort((a, b) => order(a) - order(b))) {
      if (earlierFlag && p.level === 'LOW') ids.add(p.id);
      if (flagged(p)) earlierFlag = true;
    }
  }
  return ids;
}

const fixed = (value: number, digits = 3): string => (Number.isNaN(value) ? '-' : value.toFixed(digits));
const percent = (value: number): string => (Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)}%`);

/** The table, one line per system, markdown so it can be pasted into the README. */
export function crisisCvTable(systems: ReadonlyArray<{ name: string; metrics: CrisisCvMetrics }>): string {
  const lines = [
    '| system | moderate+ recall | precision | high >= MODERATE | high >= HIGH | none flagged | authors found | recall incl. check-in | authors incl. check-in | recall by fold |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { name, metrics } of systems) {
    lines.push(
      `| ${name} | ${fixed(metrics.recall)} | ${fixed(metrics.precision)} | ${fixed(metrics.highFlaggedModerate, 2)} | ${fixed(metrics.highFlaggedHigh, 2)} | ${percent(metrics.noneFlagged)} | ${fixed(metrics.authorRecall, 2)} | ${fixed(metrics.recallWithCheckIn)} | ${fixed(metrics.authorRecallWithCheckIn, 2)} | ${metrics.recallByFold.map((r) => fixed(r, 2)).join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

/** Observed moderate+ rate per predicted level: what a level means on posts nobody tuned on. */
export function levelCalibrationTable(predictions: readonly OutOfFoldPrediction[]): string {
  const lines = ['| predicted level | posts | labelled moderate+ | labelled high |', '| --- | --- | --- | --- |'];
  for (const level of CRISIS_LEVELS) {
    const rows = predictions.filter((p) => p.level === level);
    if (rows.length === 0) continue;
    lines.push(
      `| ${level} | ${rows.length} | ${fixed(share(rows.filter(positive).length, rows.length), 2)} | ${fixed(share(rows.filter((p) => p.label === 'high').length, rows.length), 2)} |`,
    );
  }
  return lines.join('\n');
}

/** Reliability of the model's probability: predicted vs observed moderate+ rate per bin. */
export function probabilityCalibrationTable(
  predictions: readonly OutOfFoldPrediction[],
  edges: readonly number[] = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1],
): string {
  const lines = ['| probability | posts | mean predicted | observed moderate+ | observed high |', '| --- | --- | --- | --- | --- |'];
  const scored = predictions.filter((p) => p.probability !== undefined);
  for (let index = 0; index < edges.length - 1; index++) {
    const from = edges[index];
    const to = edges[index + 1];
    const last = index === edges.length - 2;
    const rows = scored.filter((p) => (p.probability ?? 0) >= from && ((p.probability ?? 0) < to || (last && (p.probability ?? 0) <= to)));
    if (rows.length === 0) continue;
    const mean = rows.reduce((sum, p) => sum + (p.probability ?? 0), 0) / rows.length;
    lines.push(
      `| ${from.toFixed(2)}-${to.toFixed(2)} | ${rows.length} | ${fixed(mean, 2)} | ${fixed(share(rows.filter(positive).length, rows.length), 2)} | ${fixed(share(rows.filter((p) => p.label === 'high').length, rows.length), 2)} |`,
    );
  }
  if (scored.length > 0) {
    const brier = scored.reduce((sum, p) => sum + ((p.probability ?? 0) - (positive(p) ? 1 : 0)) ** 2, 0) / scored.length;
    lines.push('', `Brier score ${brier.toFixed(4)} (always predicting the base rate: ${baseRateBrier(scored).toFixed(4)})`);
  }
  return lines.join('\n');
}

function baseRateBrier(predictions: readonly OutOfFoldPrediction[]): number {
  const rate = predictions.filter(positive).length / predictions.length;
  return rate * (1 - rate);
}
