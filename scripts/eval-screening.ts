/**
 * Precision / recall of the screening pipeline on a labelled CSV (columns id,text,toxic,crisis).
 *
 *   npm run eval:screening -- <csv> [--predictions out.csv] [--json]
 *       [--by meta.csv --by-column functionality]
 *       [--fold A|B] [--fold-by author|id] [--cv 5 | --no-cv] [--seed 15]
 *       [--toxicity-model <url> --toxicity-vocab <url> [--toxicity-backend auto|node|wasm|cpu]]
 *
 * --fold keeps one half of the rows, chosen by a hash of the row's author key (the id without a
 * trailing "-<n>" post number, so every post of one author lands in the same fold and a pattern
 * tuned on an author's wording in fold A cannot help on fold B), or of the whole id with
 * --fold-by id. Design and tune on fold A only; fold B is the check that it generalises.
 *
 * On crisis-labelled rows (and without --fold) it also reports author-grouped k-fold
 * cross-validation (default 5 folds; authors from the `user` column of a posts_meta.csv beside
 * the CSV): patterns alone, the learned model alone and the two combined, each post predicted by
 * a system that never saw its author. See scripts/eval/crisis-cross-validation.ts.
 *
 * No database, no Redis, no network: it runs `screenText` directly. Read data from
 * /work/shared/data/..., never copy it into the repository.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { CRISIS_LEVELS, type CrisisLevel } from '../src/screening/pipeline/crisis-patterns';
import { CRISIS_CV_SEED, crossValidateCrisis } from './eval/crisis-cross-validation';
import { parseCsv } from './eval/csv';
import { ScreeningDecisionKind } from '../src/screening/models/screening.model';
import { screenText, type ScreeningOutcome } from '../src/screening/pipeline/screen-text';
import { isTfjsBackendChoice, type TfjsBackendChoice } from '../src/screening/toxicity/tfjs-backend';
import type { ToxicityClassifierPort } from '../src/screening/toxicity/toxicity.port';

interface Arguments {
  csv: string;
  predictions: string | null;
  json: boolean;
  by: string | null;
  byColumn: string;
  fold: Fold | null;
  foldBy: 'author' | 'id';
  toxicityModel: string | null;
  toxicityVocab: string | null;
  toxicityBackend: TfjsBackendChoice;
  /** Folds of the author-grouped cross-validation; 0 turns it off. */
  cv: number;
  seed: number;
}

type Fold = 'A' | 'B';

type CrisisLabel = 'none' | 'low' | 'moderate' | 'high';
const CRISIS_LABELS: readonly CrisisLabel[] = ['none', 'low', 'moderate', 'high'];

interface Row {
  id: string;
  text: string;
  toxic: boolean | null;
  crisis: CrisisLabel | null;
}

interface Prediction {
  row: Row;
  outcome: ScreeningOutcome;
  abuse: boolean;
}

function readTable(file: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  if (!header) return [];
  return records
    .filter((record) => record.some((value) => value.length > 0))
    .map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])));
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = {
    csv: '',
    predictions: null,
    json: false,
    by: null,
    byColumn: 'functionality',
    fold: null,
    foldBy: 'author',
    toxicityModel: null,
    toxicityVocab: null,
    toxicityBackend: 'auto',
    cv: 5,
    seed: CRISIS_CV_SEED,
  };
  for (let index = 0; index < argv.length; index++) {
    const value = argv[index];
    const next = (): string => {
      const following = argv[++index];
      if (following === undefined) throw new Error(`${value} needs a value`);
      return following;
    };
    if (value === '--predictions') args.predictions = next();
    else if (value === '--json') args.json = true;
    else if (value === '--by') args.by = next();
    else if (value === '--by-column') args.byColumn = next();
    else if (value === '--fold') {
      const fold = next().toUpperCase();
      if (fold !== 'A' && fold !== 'B') throw new Error('--fold takes A or B');
      args.fold = fold;
    } else if (value === '--fold-by') {
      const foldBy = next();
      if (foldBy !== 'author' && foldBy !== 'id') throw new Error('--fold-by takes author or id');
      args.foldBy = foldBy;
    } else if (value === '--toxicity-backend') {
      const backend = next();
      if (!isTfjsBackendChoice(backend)) throw new Error('--toxicity-backend takes auto, node, wasm or cpu');
      args.toxicityBackend = backend;
    } else if (value === '--toxicity-model') args.toxicityModel = next();
    else if (value === '--toxicity-vocab') args.toxicityVocab = next();
    else if (value === '--cv') args.cv = Number(next());
    else if (value === '--no-cv') args.cv = 0;
    else if (value === '--seed') args.seed = Number(next());
    else if (!args.csv) args.csv = value;
    else throw new Error(`unexpected argument ${value}`);
  }
  if (!args.csv) {
    throw new Error(
      'usage: eval-screening <csv> [--predictions out.csv] [--json] [--by meta.csv --by-column functionality] [--fold A|B] [--fold-by author|id] [--cv 5 | --no-cv] [--seed 15]',
    );
  }
  return args;
}

/**
 * The real toxicity classifier (`ToxicityClassifier.load`), imported only when asked for, so the
 * crisis and word phases can be measured without tfjs. If it cannot load, say so and evaluate
 * without it (toxicity: unavailable) rather than fail.
 */
async function loadToxicity(args: Arguments): Promise<ToxicityClassifierPort | null> {
  if (!args.toxicityModel && !args.toxicityVocab) return null;
  if (!args.toxicityModel || !args.toxicityVocab) {
    console.error('toxicity: --toxicity-model and --toxicity-vocab go together; evaluating without it');
    return null;
  }
  try {
    const { ToxicityClassifier } = await import('../src/screening/toxicity/toxicity-classifier');
    const classifier = await ToxicityClassifier.load({
      modelUrl: args.toxicityModel,
      vocabUrl: args.toxicityVocab,
      backend: args.toxicityBackend,
    });
    console.error(`toxicity: ${classifier.modelVersion} on ${classifier.backend}`);
    return classifier;
  } catch (error) {
    console.error(`toxicity: unavailable (${error instanceof Error ? error.message : String(error)}); evaluating without it`);
    return null;
  }
}

/** FNV-1a, 32 bit: a stable hash so the folds are the same on every machine and every run. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(value, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function foldOf(id: string, foldBy: 'author' | 'id'): Fold {
  const key = foldBy === 'author' ? id.replace(/-\d+$/, '') : id;
  return fnv1a(key) % 2 === 0 ? 'A' : 'B';
}

function toRow(record: Record<string, string>): Row {
  const crisis = record.crisis?.trim().toLowerCase() ?? '';
  const toxic = record.toxic?.trim() ?? '';
  return {
    id: record.id ?? '',
    text: record.text ?? '',
    toxic: toxic === '' ? null : toxic === '1',
    crisis: (CRISIS_LABELS as readonly string[]).includes(crisis) ? (crisis as CrisisLabel) : null,
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Number((numerator / denominator).toFixed(4));
}

function levelRank(level: CrisisLevel): number {
  return CRISIS_LEVELS.indexOf(level);
}

/** IMMINENT counts as HIGH when comparing with the four-tier labels. */
function predictedTier(level: CrisisLevel): CrisisLabel {
  return level === 'IMMINENT' ? 'high' : (level.toLowerCase() as CrisisLabel);
}

function crisisMetrics(predictions: readonly Prediction[]): Record<string, unknown> | null {
  const labelled = predictions.filter((p): p is Prediction & { row: Row & { crisis: CrisisLabel } } => p.row.crisis !== null);
  if (labelled.length === 0) return null;

  const confusion: Record<CrisisLabel, Record<string, number>> = {
    none: {},
    low: {},
    moderate: {},
    high: {},
  };
  for (const p of labelled) {
    const predicted = p.outcome.crisis.level;
    confusion[p.row.crisis][predicted] = (confusion[p.row.crisis][predicted] ?? 0) + 1;
  }

  const perTier = Object.fromEntries(
    CRISIS_LABELS.map((label) => {
      const truePositives = labelled.filter((p) => p.row.crisis === label && predictedTier(p.outcome.crisis.level) === label).length;
      const predictedCount = labelled.filter((p) => predictedTier(p.outcome.crisis.level) === label).length;
      const actualCount = labelled.filter((p) => p.row.crisis === label).length;
      return [
        label,
        { precision: ratio(truePositives, predictedCount), recall: ratio(truePositives, actualCount), support: actualCount, predicted: predictedCount },
      ];
    }),
  );

  const atLeast = (p: Prediction, minimum: CrisisLevel): boolean => levelRank(p.outcome.crisis.level) >= levelRank(minimum);
  const positive = labelled.filter((p) => p.row.crisis === 'moderate' || p.row.crisis === 'high');
  const flagged = labelled.filter((p) => atLeast(p, 'MODERATE'));
  const high = labelled.filter((p) => p.row.crisis === 'high');
  const none = labelled.filter((p) => p.row.crisis === 'none');

  return {
    rows: labelled.length,
    confusion,
    perTier,
    moderateOrAbove: {
      precision: ratio(flagged.filter((p) => p.row.crisis === 'moderate' || p.row.crisis === 'high').length, flagged.length),
      recall: ratio(positive.filter((p) => atLeast(p, 'MODERATE')).length, positive.length),
      flagged: flagged.length,
      positives: positive.length,
    },
    highFlaggedModerateOrAbove: ratio(high.filter((p) => atLeast(p, 'MODERATE')).length, high.length),
    highFlaggedHighOrAbove: ratio(high.filter((p) => atLeast(p, 'HIGH')).length, high.length),
    noneFlaggedModerateOrAbove: ratio(none.filter((p) => atLeast(p, 'MODERATE')).length, none.length),
  };
}

function abuseMetrics(predictions: readonly Prediction[]): Record<string, unknown> | null {
  const labelled = predictions.filter((p) => p.row.toxic !== null);
  if (labelled.length === 0) return null;
  const count = (test: (p: Prediction) => boolean): number => labelled.filter(test).length;
  const withThreats = (p: Prediction): boolean => p.abuse || p.outcome.crisis.threatToOthers;
  return {
    rows: labelled.length,
    abuse: {
      precision: ratio(
        count((p) => p.abuse && p.row.toxic === true),
        count((p) => p.abuse),
      ),
      recall: ratio(
        count((p) => p.abuse && p.row.toxic === true),
        count((p) => p.row.toxic === true),
      ),
      truePositives: count((p) => p.abuse && p.row.toxic === true),
      falsePositives: count((p) => p.abuse && p.row.toxic === false),
      falseNegatives: count((p) => !p.abuse && p.row.toxic === true),
    },
    abuseOrThreat: {
      precision: ratio(
        count((p) => withThreats(p) && p.row.toxic === true),
        count(withThreats),
      ),
      recall: ratio(
        count((p) => withThreats(p) && p.row.toxic === true),
        count((p) => p.row.toxic === true),
      ),
    },
    held: {
      onToxic: ratio(
        count((p) => p.outcome.decision.decision === ScreeningDecisionKind.HOLD && p.row.toxic === true),
        count((p) => p.row.toxic === true),
      ),
      onNotToxic: ratio(
        count((p) => p.outcome.decision.decision === ScreeningDecisionKind.HOLD && p.row.toxic === false),
        count((p) => p.row.toxic === false),
      ),
    },
  };
}

function groupMetrics(predictions: readonly Prediction[], metaFile: string, column: string): Record<string, unknown> {
  const groupById = new Map(readTable(metaFile).map((record) => [record.id ?? '', record[column] ?? '']));
  const groups = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const group = groupById.get(p.row.id) ?? '(none)';
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  return Object.fromEntries(
    [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, items]) => {
        const wordActions = items.flatMap((p) => p.outcome.watchedWords.hits.map((hit) => hit.action));
        return [
          group,
          {
            rows: items.length,
            toxicLabelled: items.filter((p) => p.row.toxic === true).length,
            flaggedAbuse: ratio(items.filter((p) => p.abuse).length, items.length),
            flaggedAbuseOrThreat: ratio(items.filter((p) => p.abuse || p.outcome.crisis.threatToOthers).length, items.length),
            held: ratio(items.filter((p) => p.outcome.decision.decision === ScreeningDecisionKind.HOLD).length, items.length),
            watchedWordHold: wordActions.filter((action) => action === 'HOLD').length,
            watchedWordFlag: wordActions.filter((action) => action === 'FLAG').length,
          },
        ];
      }),
  );
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function printReport(metrics: Record<string, unknown>): void {
  const crisis = metrics.crisis as ReturnType<typeof crisisMetrics>;
  if (metrics.fold !== 'all') console.log(`fold ${String(metrics.fold)}`);
  if (crisis) {
    console.log(`crisis (${String(crisis.rows)} labelled rows)`);
    console.log('  per tier (IMMINENT counted as high):');
    for (const [tier, values] of Object.entries(crisis.perTier as Record<string, Record<string, unknown>>)) {
      console.log(
        `    ${tier.padEnd(9)} precision ${String(values.precision)}  recall ${String(values.recall)}  support ${String(values.support)}  predicted ${String(values.predicted)}`,
      );
    }
    console.log('  confusion (label -> predicted):');
    for (const [label, row] of Object.entries(crisis.confusion as Record<string, Record<string, number>>)) {
      console.log(`    ${label.padEnd(9)} ${CRISIS_LEVELS.map((level) => `${level} ${row[level] ?? 0}`).join('  ')}`);
    }
    const moderate = crisis.moderateOrAbove as Record<string, unknown>;
    console.log(
      `  >=MODERATE on moderate+high: precision ${String(moderate.precision)} recall ${String(moderate.recall)} (flagged ${String(moderate.flagged)}, positives ${String(moderate.positives)})`,
    );
    console.log(`  high flagged >=MODERATE: ${String(crisis.highFlaggedModerateOrAbove)}   high flagged >=HIGH: ${String(crisis.highFlaggedHighOrAbove)}`);
    console.log(`  none flagged >=MODERATE (false-positive rate): ${String(crisis.noneFlaggedModerateOrAbove)}`);
  }
  const abuse = metrics.abuse as (Record<string, Record<string, unknown>> & { rows: number }) | null;
  if (abuse) {
    console.log(`abuse (${abuse.rows} labelled rows; abuse = watched words or toxicity flagged; toxicity ${String(metrics.toxicity)})`);
    console.log(
      `  precision ${String(abuse.abuse.precision)} recall ${String(abuse.abuse.recall)} (tp ${String(abuse.abuse.truePositives)}, fp ${String(abuse.abuse.falsePositives)}, fn ${String(abuse.abuse.falseNegatives)})`,
    );
    console.log(`  counting threats to others too: precision ${String(abuse.abuseOrThreat.precision)} recall ${String(abuse.abuseOrThreat.recall)}`);
    console.log(`  held: ${String(abuse.held.onToxic)} of toxic rows, ${String(abuse.held.onNotToxic)} of non-toxic rows`);
  }
  const groups = metrics.groups as Record<string, Record<string, unknown>> | undefined;
  if (groups) {
    console.log(
      `by ${String(metrics.groupColumn)} (flagged = share of the group's rows flagged as abuse: recall on groups of abusive rows, false-positive rate on the others):`,
    );
    for (const [group, values] of Object.entries(groups)) {
      console.log(
        `  ${group.padEnd(22)} rows ${String(values.rows).padStart(4)}  flagged ${String(values.flaggedAbuse).padEnd(6)}  +threats ${String(values.flaggedAbuseOrThreat).padEnd(6)}  held ${String(values.held).padEnd(6)}  words HOLD ${String(values.watchedWordHold)} FLAG ${String(values.watchedWordFlag)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const rows = readTable(args.csv)
    .map(toRow)
    .filter((row) => args.fold === null || foldOf(row.id, args.foldBy) === args.fold);
  const toxicity = await loadToxicity(args);

  const predictions: Prediction[] = [];
  for (const row of rows) {
    // Without a model, TOXICITY_REQUIRED would hold every row and hide what the other phases decide.
    const outcome = await screenText(row.text, { watchedWords: [], toxicity, policy: { toxicityRequired: false } });
    const abuse = outcome.watchedWords.hits.length > 0 || (outcome.toxicity.status === 'scored' && outcome.toxicity.abusiveLabels.length > 0);
    predictions.push({ row, outcome, abuse });
  }

  const metrics: Record<string, unknown> = {
    file: args.csv,
    fold: args.fold === null ? 'all' : `${args.fold} (by ${args.foldBy})`,
    rows: rows.length,
    toxicity: toxicity ? toxicity.modelVersion : 'unavailable',
    crisis: crisisMetrics(predictions),
    abuse: abuseMetrics(predictions),
  };
  // HateCheck keeps each case's functionality beside it (normalized_meta.csv): break down by it unasked.
  const besideMeta = join(dirname(args.csv), `${basename(args.csv, '.csv')}_meta.csv`);
  if (!args.by && existsSync(besideMeta) && (readFileSync(besideMeta, 'utf8').split(/\r?\n/, 1)[0] ?? '').split(',').includes(args.byColumn))
    args.by = besideMeta;
  if (args.by) {
    metrics.groupColumn = args.byColumn;
    metrics.groups = groupMetrics(predictions, args.by, args.byColumn);
  }

  // Cross-validation answers "how does it do on authors it never saw"; --fold is the older, coarser check.
  const crisisRows = predictions.filter((p) => p.row.crisis !== null);
  const runCv = args.cv > 1 && args.fold === null && crisisRows.length > 0;
  const report = runCv
    ? await crossValidateCrisis(
        args.csv,
        crisisRows.map((p) => ({ id: p.row.id, text: p.row.text, label: p.row.crisis as CrisisLabel, patternLevel: p.outcome.crisis.level })),
        { folds: args.cv, seed: args.seed },
      )
    : null;

  // With cross-validation, each post's honest (nested) result sits beside the patterns' own, so
  // misses can be read by kind: a missed `high` post, an author none of whose posts was flagged.
  if (args.predictions) {
    const lines = ['id,label,crisis_level,abuse,decision,author,cv_fold,cv_probability,cv_combined_level'];
    for (const p of predictions) {
      const cv = report?.byId.get(p.row.id);
      lines.push(
        [
          csvField(p.row.id),
          p.row.crisis ?? '',
          p.outcome.crisis.level,
          p.abuse ? '1' : '0',
          p.outcome.decision.decision,
          csvField(cv?.author ?? ''),
          cv ? String(cv.fold) : '',
          cv ? cv.probability.toFixed(4) : '',
          cv?.combinedLevel ?? '',
        ].join(','),
      );
    }
    writeFileSync(args.predictions, `${lines.join('\n')}\n`);
  }

  if (report) {
    metrics.crossValidation = report.json;
    if (!args.json) {
      printReport(metrics);
      console.log('');
      console.log(report.text);
      return;
    }
  }

  if (args.json) console.log(JSON.stringify(metrics));
  else printReport(metrics);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
