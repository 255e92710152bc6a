import { CaseReason } from '../../common/domain/moderation.enums';
import { PostStatus } from '../../common/domain/post-status.enum';
import { crisisWithModel } from '../crisis-model/combine-crisis-level';
import type { CrisisModel, CrisisModelResult } from '../crisis-model/crisis-model';
import type { ToxicityClassifierPort, ToxicityLabel, ToxicityScores } from '../toxicity/toxicity.port';
import { type CrisisAssessment, detectCrisis } from './crisis-detector';
import { normaliseText, type NormalisedText } from './normalise';
import { abusiveToxicityLabels, decideScreening, DEFAULT_POLICY_OPTIONS, type PolicyOptions, type ScreeningDecision } from './screening-policy';
import { type ContextSignals, readScreeningContext, type ScreeningContext } from './screening-context';
import { authorsOwnText, modelReadableText, speakerQuotedRanges } from './speaker-frames';
import { matchWatchedWords, type WatchedWordEntry, type WatchedWordsResult } from './watched-words';

export type ToxicityPhaseResult =
  | {
      readonly status: 'scored';
      readonly scores: ToxicityScores;
      /** Labels over their hold threshold under the policy in force. */
      readonly abusiveLabels: readonly ToxicityLabel[];
      readonly modelVersion: string;
      readonly backend: string;
    }
  | { readonly status: 'unavailable' }
  /** The model failed or timed out on a post the crisis phase already holds: it could not change the decision. */
  | { readonly status: 'failed'; readonly error: string };

/** A classifier that answers later than this is treated as failed: a hung model must not hang screening. */
export const DEFAULT_TOXICITY_TIMEOUT_MS = 5_000;

export class ToxicityTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`toxicity classifier did not answer within ${timeoutMs} ms`);
    this.name = 'ToxicityTimeoutError';
  }
}

export type ScreeningPhase =
  | { readonly name: 'normalise'; readonly durationMs: number; readonly result: NormalisedText }
  | { readonly name: 'crisis'; readonly durationMs: number; readonly result: CrisisAssessment }
  /** Null when no model is loaded: the patterns then decide alone. */
  | { readonly name: 'crisis-model'; readonly durationMs: number; readonly result: CrisisModelResult | null }
  /** The author's recent risk and the thread: what the post means beside what came before. */
  | { readonly name: 'context'; readonly durationMs: number; readonly result: ContextSignals }
  | { readonly name: 'watched-words'; readonly durationMs: number; readonly result: WatchedWordsResult }
  | { readonly name: 'toxicity'; readonly durationMs: number; readonly result: ToxicityPhaseResult }
  | { readonly name: 'decide'; readonly durationMs: number; readonly result: ScreeningDecision };

export interface ScreeningOutcome {
  readonly normalised: NormalisedText;
  /**
   * The patterns' assessment, raised to MODERATE when the learned model is over its threshold,
   * with the context's evidence lines beside the phrases (they do not change the level).
   */
  readonly crisis: CrisisAssessment;
  readonly context: ContextSignals;
  readonly watchedWords: WatchedWordsResult;
  readonly toxicity: ToxicityPhaseResult;
  readonly decision: ScreeningDecision;
  /** Every phase in the order it ran, with its result and how long it took. */
  readonly phases: readonly ScreeningPhase[];
}

export interface ScreenTextDeps {
  readonly watchedWords: readonly WatchedWordEntry[];
  /** Null when the model could not be loaded; the policy then decides (TOXICITY_REQUIRED). */
  readonly toxicity: ToxicityClassifierPort | null;
  /** The learned crisis model (committed weights); null screens on the patterns alone. */
  readonly crisisModel?: CrisisModel | null;
  readonly policy?: Partial<PolicyOptions>;
  /** Deadline for one classification (default DEFAULT_TOXICITY_TIMEOUT_MS). */
  readonly toxicityTimeoutMs?: number;
}

/**
 * The screening phases, in order. Unlike Coral there is no early exit: a crisis post still gets
 * its word and toxicity results recorded, because the moderator reads all of them. A phase that
 * throws is not caught here: the job retries and, on its last attempt, holds the post
 * (fail closed); a post is never published because a check crashed.
 */
export async function screenText(text: string, deps: ScreenTextDeps, context: ScreeningContext = {}): Promise<ScreeningOutcome> {
  const phases: ScreeningPhase[] = [];
  const policy: PolicyOptions = { ...DEFAULT_POLICY_OPTIONS, ...deps.policy };

  // 1. normalise: undo obfuscation once, so every later phase reads the same text.
  const normalised = timed(() => normaliseText(text));
  phases.push({ name: 'normalise', ...normalised });

  // 2. crisis: the author's own risk and threats to others; needs no model, so it always runs.
  //    Someone else's words (quote blocks, quotation marks) and hypothetical, general or clinical
  //    talk do not count as the author's own risk (speaker-frames.ts).
  const patterns = timed(() => detectCrisis(normalised.result, context));
  phases.push({ name: 'crisis', ...patterns });
  const quoted = speakerQuotedRanges(normalised.result, context);

  // 2b. the learned crisis model: at or above its threshold it raises the post to MODERATE (a
  //     person looks); it never lowers what the patterns found. It reads the author's own words
  //     only (a reply quoting a post in crisis is not scored as that crisis), without general,
  //     clinical and advice sentences that say nothing of the author (modelReadableText).
  const model = timed(() => deps.crisisModel?.assess(modelReadableText(authorsOwnText(normalised.result.text, quoted))) ?? null);
  phases.push({ name: 'crisis-model', ...model });

  // 2c. context: the author's MODERATE+ signal of the last days, a reply agreeing with a post in
  //     crisis. The policy turns them into a check-in; staff see them as evidence.
  const signals = timed(() => readScreeningContext(normalised.result.text, quoted, context));
  phases.push({ name: 'context', ...signals });
  const withModel = crisisWithModel(patterns.result, model.result);
  const crisis = { result: signals.result.evidence.length > 0 ? { ...withModel, evidence: [...withModel.evidence, ...signals.result.evidence] } : withModel };

  // 3. watched words: the admins' list, slurs and aimed profanity, incitement to self-harm.
  const watchedWords = timed(() => matchWatchedWords(normalised.result, deps.watchedWords));
  phases.push({ name: 'watched-words', ...watchedWords });

  // 4. toxicity: the ML model on the original text (it was trained on ordinary writing). It has a
  //    deadline, and when it fails on a post the crisis phase already holds, the crisis decision
  //    goes ahead without it: a broken model must never delay a clinician's page.
  const toxicity = await timedAsync(async (): Promise<ToxicityPhaseResult> => {
    const classifier = deps.toxicity;
    if (!classifier) return { status: 'unavailable' };
    try {
      const scores = await withDeadline(classifier.classify(text), deps.toxicityTimeoutMs ?? DEFAULT_TOXICITY_TIMEOUT_MS);
      return {
        status: 'scored',
        scores,
        abusiveLabels: abusiveToxicityLabels(scores, policy),
        modelVersion: classifier.modelVersion,
        backend: classifier.backend,
      };
    } catch (error) {
      if (!crisisAloneHolds(crisis.result, policy)) throw error;
      return { status: 'failed', error: error instanceof Error ? error.name : 'Error' };
    }
  });
  phases.push({ name: 'toxicity', ...toxicity });

  // 5. decide: the configurable policy over everything above.
  const decision = timed(() =>
    decideScreening(
      {
        crisis: crisis.result,
        watchedWordHits: watchedWords.result.hits,
        toxicityScores: toxicity.result.status === 'scored' ? toxicity.result.scores : null,
        toxicityUnavailable: toxicity.result.status !== 'scored',
        context: signals.result,
      },
      policy,
    ),
  );
  phases.push({ name: 'decide', ...decision });

  return {
    normalised: normalised.result,
    crisis: crisis.result,
    context: signals.result,
    watchedWords: watchedWords.result,
    toxicity: toxicity.result,
    decision: decision.result,
    phases,
  };
}

/** True when the crisis phase by itself holds the post (and pages or reaches out): the model cannot change that. */
function crisisAloneHolds(crisis: CrisisAssessment, policy: PolicyOptions): boolean {
  const decision = decideScreening({ crisis, watchedWordHits: [], toxicityScores: null, toxicityUnavailable: false }, { ...policy, toxicityRequired: false });
  return decision.status === PostStatus.HELD && decision.reasons.includes(CaseReason.CRISIS);
}

async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ToxicityTimeoutError(timeoutMs)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

function timed<T>(run: () => T): { result: T; durationMs: number } {
  const started = performance.now();
  const result = run();
  return { result, durationMs: performance.now() - started };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ result: T; durationMs: number }> {
  const started = performance.now();
  const result = await run();
  return { result, durationMs: performance.now() - started };
}
