/**
 * Trains a screening model from the open dev data and writes it where the worker loads it:
 *
 *   npm run model:train -- crisis [--out assets/crisis-model]
 *
 * crisis: logistic regression on hashed word / character n-grams and Suicide Risk Lexicon
 * constructs (scripts/crisis-model/train-crisis-model.ts), on ../shared/data/cssrs-dev (or
 * SHARED_DATA_DIR). Author-grouped 5-fold cross-validation gives the calibration, the MODERATE
 * threshold and the model card's metrics; the shipped model is then trained on every post.
 * Deterministic: same data, same weights file (only the date in it changes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { featureCount, LexiconMatcher } from '../src/screening/crisis-model/crisis-features';
import { CrisisModel, type CrisisModelWeightsFile } from '../src/screening/crisis-model/crisis-model';
import { crisisLevelWithModel } from '../src/screening/crisis-model/combine-crisis-level';
import { detectCrisis, isAtLeast } from '../src/screening/pipeline/crisis-detector';
import { normaliseText } from '../src/screening/pipeline/normalise';
import { authorsOwnWords, modelReadableText } from '../src/screening/pipeline/speaker-frames';
import { readCssrsDev, sharedDataDir } from './crisis-model/cssrs-dev';
import { readSuicideRiskLexicon } from './crisis-model/suicide-risk-lexicon';
import {
  chooseModerateThreshold,
  CRISIS_MODEL_CONFIG,
  crisisTrainingSet,
  nestedOutOfFold,
  outOfFoldProbabilities,
  type ThresholdSelection,
  trainLogistic,
} from './crisis-model/train-crisis-model';
import { authorFolds } from './eval/author-folds';
import { probeValidationLine, validateLeavingOneSetOut, withOwnPosts } from './eval/crisis-probe-validation';
import { CRISIS_CV_SEED } from './eval/crisis-cross-validation';
import { crisisCvMetrics, crisisCvTable, type OutOfFoldPrediction, probabilityCalibrationTable } from './eval/crisis-cv-metrics';

const FOLDS = 5;

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: join('assets', 'crisis-model') } } });
  if (positionals[0] !== 'crisis') throw new Error('usage: model:train -- crisis [--out assets/crisis-model]');

  const started = Date.now();
  const posts = readCssrsDev();
  const lexiconFile = join(sharedDataDir(), 'suicide-risk-lexicon', 'lexicon_long.csv');
  const lexicon = new LexiconMatcher(readSuicideRiskLexicon(lexiconFile, CRISIS_MODEL_CONFIG.keepConstruct, CRISIS_MODEL_CONFIG.keepTerm));
  const spec = CRISIS_MODEL_CONFIG.features;
  const dimensions = featureCount(spec, lexicon);

  const normalised = posts.map((post) => normaliseText(post.text));
  // Trained on what the worker lets it read: the author's own words, quotations removed.
  const labels = posts.map((post) => (post.label === 'moderate' || post.label === 'high' ? 1 : 0));
  const devSet = crisisTrainingSet(
    normalised.map((text) => modelReadableText(authorsOwnWords(text))),
    labels,
    spec,
    lexicon,
  );
  const set = withOwnPosts(devSet, spec, lexicon);
  const foldOf = authorFolds(
    posts.map((post, index) => ({ id: post.id, author: post.author, positive: labels[index] === 1 })),
    FOLDS,
    CRISIS_CV_SEED,
  );
  const folds = posts.map((post) => foldOf.get(post.id) ?? 0);

  const outOfFold = outOfFoldProbabilities(set, folds, dimensions, CRISIS_MODEL_CONFIG.training);
  const patternLevels = normalised.map((text) => detectCrisis(text).level);
  const selection: ThresholdSelection = {
    patternFlagged: patternLevels.map((level) => isAtLeast(level, 'MODERATE')),
    isNone: posts.map((post) => post.label === 'none'),
    isPositive: labels.map((label) => label === 1),
    maxNoneFlagged: CRISIS_MODEL_CONFIG.maxNoneFlagged,
    minPrecision: CRISIS_MODEL_CONFIG.minPrecision,
  };
  const threshold = chooseModerateThreshold(outOfFold.probabilities, selection);

  const model = trainLogistic(set, dimensions, CRISIS_MODEL_CONFIG.training);
  const trainedAt = new Date().toISOString().slice(0, 10);
  const weightsFile: CrisisModelWeightsFile = {
    format: 'between-sessions/crisis-model@1',
    version: `crisis-logreg-${trainedAt}`,
    trainedAt,
    features: spec,
    weights: Buffer.from(new Float32Array(model.weights).buffer).toString('base64'),
    bias: model.bias,
    calibration: outOfFold.calibration,
    moderateThreshold: threshold,
    lexicon: {
      source: 'Suicide Risk Lexicon v1.0, Low, Rankin, Bentley, Nock, Ghosh (2024), github.com/danielmlow/construct-tracker; terms normalised and filtered',
      licence: 'Apache-2.0 (see LICENSE-suicide-risk-lexicon beside this file)',
      constructs: lexicon.constructs,
    },
  };
  // Loading it back proves the file the worker reads is the model just trained.
  const reloaded = CrisisModel.fromWeights(weightsFile);
  // The own posts, each set scored by a model that never saw it: trained on the dev posts alone
  // (calibrated and thresholded on its own out-of-fold scores), then as shipped.
  const leaveOut = { dev: devSet, dimensions, options: CRISIS_MODEL_CONFIG.training, spec, lexicon };
  const devOnly = outOfFoldProbabilities(devSet, folds, dimensions, CRISIS_MODEL_CONFIG.training);
  const devOnlyThreshold = chooseModerateThreshold(devOnly.probabilities, selection);
  const probes = [
    `trained on the dev posts alone: ${probeValidationLine(validateLeavingOneSetOut({ ...leaveOut, weight: 0, calibration: devOnly.calibration, threshold: devOnlyThreshold }), devOnlyThreshold)}`,
    `as shipped (own posts weighing ${CRISIS_MODEL_CONFIG.ownPostsWeight}): ${probeValidationLine(
      validateLeavingOneSetOut({ ...leaveOut, weight: CRISIS_MODEL_CONFIG.ownPostsWeight, calibration: outOfFold.calibration, threshold }),
      threshold,
    )}`,
  ].join('\n');

  const base = posts.map((post, index) => ({ id: post.id, author: post.author, fold: folds[index], label: post.label }));
  const modelOnly: OutOfFoldPrediction[] = base.map((row, index) => ({
    ...row,
    level: outOfFold.probabilities[index] >= threshold ? 'MODERATE' : 'NONE',
    probability: outOfFold.probabilities[index],
  }));
  const combined: OutOfFoldPrediction[] = base.map((row, index) => ({
    ...row,
    level: crisisLevelWithModel(patternLevels[index], { aboveThreshold: outOfFold.probabilities[index] >= threshold }),
    probability: outOfFold.probabilities[index],
  }));
  // The honest figures: each fold's calibration and threshold chosen on the other folds only.
  const nested = nestedOutOfFold(set, folds, dimensions, CRISIS_MODEL_CONFIG.training, selection);
  const table = crisisCvTable([
    { name: 'patterns alone', metrics: crisisCvMetrics(base.map((row, index) => ({ ...row, level: patternLevels[index] }))) },
    { name: 'model alone', metrics: crisisCvMetrics(modelOnly) },
    { name: 'combined', metrics: crisisCvMetrics(combined) },
    {
      name: 'model alone, nested threshold',
      metrics: crisisCvMetrics(base.map((row, index) => ({ ...row, level: nested.aboveThreshold[index] ? 'MODERATE' : 'NONE' }))),
    },
    {
      name: 'combined, nested threshold',
      metrics: crisisCvMetrics(
        base.map((row, index) => ({ ...row, level: crisisLevelWithModel(patternLevels[index], { aboveThreshold: nested.aboveThreshold[index] }) })),
      ),
    },
  ]);
  const nestedThresholds = nested.thresholds.join(' / ');
  const calibration = probabilityCalibrationTable(modelOnly);

  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'weights.json'), `${JSON.stringify(weightsFile)}\n`);
  writeFileSync(
    join(values.out, 'MODEL_CARD.md'),
    modelCard(
      weightsFile,
      posts.length,
      new Set(posts.map((p) => p.author)).size,
      dimensions,
      table,
      calibration,
      nestedThresholds,
      probes,
      set.alwaysTrained?.labels.length ?? 0,
    ),
  );
  console.log(table);
  console.log('');
  console.log(probes);
  console.log('');
  console.log(calibration);
  console.log(
    `\nwrote ${join(values.out, 'weights.json')} (${reloaded.version}, ${dimensions} weights, threshold ${threshold}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function modelCard(
  file: CrisisModelWeightsFile,
  posts: number,
  authors: number,
  dimensions: number,
  table: string,
  calibration: string,
  nestedThresholds: string,
  probes: string,
  ownPostCount: number,
): string {
  return `# Crisis model card

Written by \`npm run model:train -- crisis\` (scripts/model-train.ts) on ${file.trainedAt}; do not edit by hand.

**What it is.** A logistic regression that estimates the probability that clinical annotators
would rate a post *ideation or worse* on the Columbia scale (C-SSRS: ideation, behavior or attempt;
the forum's MODERATE and HIGH). ${dimensions} weights: 2^${file.features.hashBits} hashed buckets of
word unigrams, word bigrams and character ${file.features.charNgram}-grams inside words (sublinear
term frequency, L2-normalised), plus ln(1 + distinct terms matched) for each of
${file.lexicon.constructs.length} Suicide Risk Lexicon constructs that the lexicon rates low,
moderate or high${
    file.features.signals
      ? `, plus ln(1 + matches) of four named signal families over the author's own words (past
self-directed behaviour, intent / plan / preparation, passive ideation, and care addressed to
"you", which marks a reply to someone else; a share of first-person words was tried and dropped:
on these long posts it predicted risk, on a short check-in it raised "Group helped me today")`
      : ''
  }${
    file.features.tiers
      ? `, plus ln(1 + count) of the distinct terms of the constructs the lexicon itself rates high (active
ideation and planning, lethal means, direct self-injury) and moderate (passive ideation, other
suicidal language), once over the whole text and once over first-person sentences only (a
sentence with I, me, my: "I have pills saved" weighs apart from advice to "you" that names the
same constructs)`
      : ''
  }. L2 ${CRISIS_MODEL_CONFIG.training.l2}, full-batch Adam for
${CRISIS_MODEL_CONFIG.training.epochs} epochs from zero weights (deterministic), Platt-scaled on
out-of-fold scores. It reads the normalised text (src/screening/pipeline/normalise.ts), the
author's own words only, without sentences the speaker rules say are not about the author now
(general, clinical, definitional, bereavement or advice sentences with no first person; behaviour told as over
with the time since, "clean for six years", unless something says it is back; a construct as the
topic of a film, book or class, "a movie about suicide made me cry", unless the sentence speaks of
the author's own state): modelReadableText
in src/screening/pipeline/speaker-frames.ts.

**How it is used.** At or above probability ${file.moderateThreshold} a post is raised to
MODERATE (published, a peer specialist reaches out) unless the patterns already rate it higher;
it never lowers a pattern's level. The probability and the five features that raised it most are
recorded in the screening's evidence for staff. The threshold is the lowest (the most people
found) at which patterns plus model flag at most ${CRISIS_MODEL_CONFIG.maxNoneFlagged * 100}% of \`none\` posts (the target is 6%; the
margin is for posts unlike these) with moderate+ precision at least ${CRISIS_MODEL_CONFIG.minPrecision} on the
cross-validation below.

**Data.** ${posts} Reddit posts by ${authors} authors from the C-SSRS dev split
(\`../shared/data/cssrs-dev\`), Gaur et al., WWW 2019 / PLoS ONE 2021, corpus licence
**CC BY 4.0** (doi 10.5281/zenodo.2667859). Labels mapped: supportive, uninformative -> none;
indicator -> low; ideation -> moderate; behavior, attempt -> high. The corpus authors replaced some
ordinary words with medical concept names; the model may have learnt some of those artefacts, which
will not occur in forum posts. The data is read in place and is not in this repository.
Beside them, weighing ${CRISIS_MODEL_CONFIG.ownPostsWeight} each, the project's own ${ownPostCount} posts in natural wording
(test/fixtures: probes 1-10 and the second-person sets, written for this project in the plain words
of a SuicideWatch or r/depression post, a forum check-in, a therapist's answer or a recovery story,
each with the level a clinician would give it; MODERATE or above counted positive). Every model,
each cross-validation fold's included, learns from all of them: no dev author is among them.

**Lexicon.** Construct terms from the Suicide Risk Lexicon v1.0 (Low, Rankin, Bentley, Nock,
Ghosh 2024, github.com/danielmlow/construct-tracker), licensed under the Apache License 2.0 (copy
in \`LICENSE-suicide-risk-lexicon\`). Modified: only the rated constructs are kept, terms are
normalised like post text (lower case, contractions expanded), one-letter terms dropped, and a
few terms that name help or an idiom rather than risk are not counted (safety plan, safety check,
crisis center, crisis hotline, crisis text line, being saved, killing me): a client's "worked on my
safety plan today" scored 0.51 with them, "this job is killing me, lol" 0.36.

**Metrics.** Author-grouped 5-fold cross-validation (every post scored by a model that never saw
its author; seed ${CRISIS_CV_SEED}), flagged = MODERATE or above. In the plain model and combined
rows the calibration and threshold are fitted on the same out-of-fold scores they are measured on,
so they lean optimistic; the *nested* rows are the honest ones: for each held-out fold the Platt
scaling and the threshold are chosen on the other four folds alone (inner out-of-fold scores), then
applied to it (thresholds per fold ${nestedThresholds}). The patterns were written while reading
about half of these posts, so their row is optimistic too. *Flagged* is held or queued for a
person (MODERATE+); *incl. check-in* adds LOW posts that open a peer's check-in because the author
had a MODERATE+ post before (posts in id order and taken as within 14 days, as the data has no
dates: an upper bound); a check-in never finds a new author, so the author columns agree.

Many \`high\` and \`moderate\` labels here belong to the author rather than to the post: the
annotators rated users, and a supportive reply by someone who once attempted ("please do not do
this, I am here") carries their label. No per-post screen should flag those replies (a therapist's
answer must not be), which caps "high >= MODERATE" well below 1 on this data.

${table}

Calibration of the out-of-fold probability:

${calibration}

**Out of domain.** The dev posts are long and edited; the forum's are short and natural. The
model alone on the project's own posts, each set scored by a model trained on the dev posts and
the other sets only (so never on it), trained on the dev posts alone and as shipped:

${probes}

**Limits.** Trained on one subreddit's long posts and a few hundred posts we wrote, in English;
other dialects and clinical writing (a therapist explaining suicide risk) are out of its training
distribution, and our own posts are one team's idea of natural wording. A lethal-means word alone
in a short post weighs much: "I am going to the bridge club tonight" and a weekly pill organiser
are over the threshold (published, with a peer's case). It knows nothing of who is speaking: speaker rules and the patterns handle quotes,
hypotheticals and other people's crises. It is a reason for a person to look, never a diagnosis.
`;
}

main();
