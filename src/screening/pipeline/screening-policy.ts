import type { ToxicityLabel, ToxicityScores } from '../toxicity/toxicity.port';
import { type CrisisAssessment, type CrisisLevel, isAtLeast } from './crisis-detector';
import type { WatchedWordHit } from './watched-words';

export type ScreeningReason = 'CRISIS' | 'TOXICITY' | 'WATCHED_WORD' | 'SCREENING_FAILED';
export type CasePriority = 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW';
export type EscalationSeverity = 'IMMINENT' | 'HIGH' | 'THREAT';
export type AuthorNotice = 'CRISIS_RESOURCES' | 'SUPPORTIVE_RESOURCES' | 'HELD_KIND_NOTE';

export interface ScreeningDecision {
  readonly status: 'PUBLISHED' | 'HELD';
  readonly decision: 'PUBLISH' | 'HOLD';
  readonly reasons: readonly ScreeningReason[];
  /** Priority of the moderation case to open; null when no case is needed. */
  readonly casePriority: CasePriority | null;
  readonly escalation: { readonly severity: EscalationSeverity; readonly ackMinutes: number } | null;
  /** Recorded for the clinician's per-client view whenever the crisis level is LOW or above. */
  readonly riskSignal: CrisisLevel | null;
  readonly authorNotice: AuthorNotice | null;
}

export interface PolicyOptions {
  /** A label at or above its threshold holds the post as abuse. Labels left out never hold. */
  readonly toxicityHoldThresholds: Partial<Record<ToxicityLabel, number>>;
  /** Abuse at or above this score gets a HIGH case instead of NORMAL. */
  readonly toxicityHighPriorityScore: number;
  /** When the model is unavailable: true holds every post for review (production default). */
  readonly toxicityRequired: boolean;
  readonly imminentAckMinutes: number;
  readonly highAckMinutes: number;
  readonly threatAckMinutes: number;
}

/**
 * Defaults. `threat` and `sexual_explicit` are not abuse labels here (DESIGN lists toxicity,
 * severe, identity attack, insult, obscene): the model scores "I want to kill myself" as a threat,
 * and crisis posts must be handled as crisis. `obscene` is set high because swearing in self-talk
 * ("this week was shit") is ordinary in a therapy space and must not hide a post.
 */
export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  toxicityHoldThresholds: {
    toxicity: 0.92,
    severe_toxicity: 0.7,
    identity_attack: 0.8,
    insult: 0.9,
    obscene: 0.97,
  },
  toxicityHighPriorityScore: 0.97,
  toxicityRequired: true,
  imminentAckMinutes: 5,
  highAckMinutes: 15,
  threatAckMinutes: 15,
};

export interface PolicyInput {
  readonly crisis: CrisisAssessment;
  readonly watchedWordHits: readonly WatchedWordHit[];
  /** Null when the model did not run. */
  readonly toxicityScores: ToxicityScores | null;
  readonly toxicityUnavailable: boolean;
}

const PRIORITY_ORDER: readonly CasePriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

function higherPriority(a: CasePriority | null, b: CasePriority | null): CasePriority | null {
  if (a === null) return b;
  if (b === null) return a;
  return PRIORITY_ORDER.indexOf(a) >= PRIORITY_ORDER.indexOf(b) ? a : b;
}

/** Labels over their hold threshold, for the decision and for the moderator's view. */
export function abusiveToxicityLabels(scores: ToxicityScores, options: PolicyOptions = DEFAULT_POLICY_OPTIONS): ToxicityLabel[] {
  return (Object.entries(options.toxicityHoldThresholds) as Array<[ToxicityLabel, number | undefined]>)
    .filter(([label, threshold]) => threshold !== undefined && scores[label] >= threshold)
    .map(([label]) => label);
}

/**
 * Phase 5 of screening, as a pure function: the DESIGN "Default policy" table. Every signal is
 * applied and the strictest wins, so a post that is both abusive and in crisis is handled as
 * crisis (urgent, resources) and still records the abuse reason.
 */
export function decideScreening(input: PolicyInput, overrides: Partial<PolicyOptions> = {}): ScreeningDecision {
  const options: PolicyOptions = { ...DEFAULT_POLICY_OPTIONS, ...overrides };
  const reasons = new Set<ScreeningReason>();
  let hold = false;
  let casePriority: CasePriority | null = null;
  let escalation: ScreeningDecision['escalation'] = null;
  let authorNotice: AuthorNotice | null = null;
  const level = input.crisis.level;

  switch (level) {
    case 'IMMINENT':
    case 'HIGH':
      hold = true;
      reasons.add('CRISIS');
      casePriority = 'URGENT';
      escalation =
        level === 'IMMINENT' ? { severity: 'IMMINENT', ackMinutes: options.imminentAckMinutes } : { severity: 'HIGH', ackMinutes: options.highAckMinutes };
      authorNotice = 'CRISIS_RESOURCES';
      break;
    case 'MODERATE':
      reasons.add('CRISIS');
      casePriority = 'HIGH';
      // A named method or means is held; the author then needs crisis resources, not only support.
      hold = input.crisis.namesMethodOrMeans;
      authorNotice = hold ? 'CRISIS_RESOURCES' : 'SUPPORTIVE_RESOURCES';
      break;
    case 'LOW':
    case 'NONE':
      break;
  }

  if (input.crisis.threatToOthers) {
    hold = true;
    reasons.add('CRISIS');
    casePriority = 'URGENT';
    escalation ??= { severity: 'THREAT', ackMinutes: options.threatAckMinutes };
  }

  const holdHits = input.watchedWordHits.filter((hit) => hit.action === 'HOLD');
  if (holdHits.length > 0) {
    hold = true;
    reasons.add('WATCHED_WORD');
    casePriority = higherPriority(casePriority, 'NORMAL');
  } else if (input.watchedWordHits.length > 0) {
    // FLAG only: published, and a person looks at it when there is time.
    reasons.add('WATCHED_WORD');
    casePriority = higherPriority(casePriority, 'NORMAL');
  }

  if (input.toxicityScores) {
    const labels = abusiveToxicityLabels(input.toxicityScores, options);
    if (labels.length > 0) {
      hold = true;
      reasons.add('TOXICITY');
      const worst = Math.max(...labels.map((label) => input.toxicityScores?.[label] ?? 0));
      casePriority = higherPriority(casePriority, worst >= options.toxicityHighPriorityScore ? 'HIGH' : 'NORMAL');
    }
  } else if (input.toxicityUnavailable && options.toxicityRequired) {
    // Crisis and word checks ran, so this is degraded screening rather than none: held for a
    // person at NORMAL priority (the crisis phase already raised anything urgent above).
    hold = true;
    reasons.add('SCREENING_FAILED');
    casePriority = higherPriority(casePriority, 'NORMAL');
  }

  // A held post always tells its author, kindly, that a person will look at it soon.
  if (hold && authorNotice === null) authorNotice = 'HELD_KIND_NOTE';

  return {
    status: hold ? 'HELD' : 'PUBLISHED',
    decision: hold ? 'HOLD' : 'PUBLISH',
    reasons: [...reasons],
    casePriority,
    escalation,
    riskSignal: isAtLeast(level, 'LOW') ? level : null,
    authorNotice,
  };
}

/**
 * The decision on the last failed attempt (DESIGN lifecycle): nothing is published unscreened,
 * and an urgent case makes sure a person sees it, since a crisis may be what we failed to read.
 */
export function decideAfterScreeningFailed(crisis: CrisisAssessment | null = null, overrides: Partial<PolicyOptions> = {}): ScreeningDecision {
  // What the model-free crisis phase found still counts: a clinician is paged and the author gets
  // resources even though the rest of screening could not finish.
  const fromCrisis = crisis
    ? decideScreening({ crisis, watchedWordHits: [], toxicityScores: null, toxicityUnavailable: false }, { ...overrides, toxicityRequired: false })
    : null;
  return {
    status: 'HELD',
    decision: 'HOLD',
    reasons: [...new Set<ScreeningReason>([...(fromCrisis?.reasons ?? []), 'SCREENING_FAILED'])],
    casePriority: 'URGENT',
    escalation: fromCrisis?.escalation ?? null,
    riskSignal: fromCrisis?.riskSignal ?? null,
    authorNotice:
      fromCrisis?.authorNotice === 'CRISIS_RESOURCES' || fromCrisis?.authorNotice === 'SUPPORTIVE_RESOURCES' ? 'CRISIS_RESOURCES' : 'HELD_KIND_NOTE',
  };
}
