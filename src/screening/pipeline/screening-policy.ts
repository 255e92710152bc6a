import { CrisisLevel } from '../../common/domain/crisis-level.enum';
import { EscalationSeverity } from '../../common/domain/escalation.enums';
import { CASE_PRIORITY_RANK, CasePriority, CaseReason } from '../../common/domain/moderation.enums';
import { HeldReason, PostStatus } from '../../common/domain/post-status.enum';
import { EscalationTrigger } from '../../escalation/entities/escalation.entity';
import { NotificationKind } from '../../notifications/entities/notification.entity';
import { ScreeningDecisionKind } from '../models/screening.model';
import type { ToxicityLabel, ToxicityScores } from '../toxicity/toxicity.port';
import { type CrisisAssessment, isAtLeast } from './crisis-detector';
import type { ContextSignals } from './screening-context';
import type { WatchedWordHit } from './watched-words';

/** What the author is told about their post: crisis resources, a supportive note, or a kind "a person will look at it". */
export type AuthorNotice = NotificationKind.CRISIS_RESOURCES | NotificationKind.SUPPORTIVE_RESOURCES | NotificationKind.POST_HELD;

/** The decide phase's answer, in the domain's own terms: the apply step writes it as it is. */
export interface ScreeningDecision {
  readonly status: PostStatus.PUBLISHED | PostStatus.HELD;
  readonly decision: ScreeningDecisionKind;
  /** The one reason a held post shows, the most serious first; null when it is published. */
  readonly heldReason: HeldReason | null;
  readonly reasons: readonly CaseReason[];
  /** Priority of the moderation case to open; null when no case is needed. */
  readonly casePriority: CasePriority | null;
  /** The clinicians' escalation to raise (its acknowledgement deadline is ESCALATION_ACK_SECONDS by severity). */
  readonly escalation: { readonly severity: EscalationSeverity; readonly trigger: EscalationTrigger } | null;
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
};

export interface PolicyInput {
  readonly crisis: CrisisAssessment;
  readonly watchedWordHits: readonly WatchedWordHit[];
  /** Null when the model did not run. */
  readonly toxicityScores: ToxicityScores | null;
  readonly toxicityUnavailable: boolean;
  /** The author's recent risk and the thread (screening-context.ts); none when not read. */
  readonly context?: ContextSignals;
}

function higherPriority(a: CasePriority | null, b: CasePriority | null): CasePriority | null {
  if (a === null) return b;
  if (b === null) return a;
  return CASE_PRIORITY_RANK[a] <= CASE_PRIORITY_RANK[b] ? a : b;
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
  const reasons = new Set<CaseReason>();
  let casePriority: CasePriority | null = null;
  let escalation: ScreeningDecision['escalation'] = null;
  let authorNotice: AuthorNotice | null = null;
  // Every reason to hold, the most serious first: the first one is what the held post shows.
  const holds: HeldReason[] = [];
  const level = input.crisis.level;

  switch (level) {
    case 'IMMINENT':
    case 'HIGH':
      holds.push(HeldReason.CRISIS);
      reasons.add(CaseReason.CRISIS);
      casePriority = CasePriority.URGENT;
      escalation = { severity: EscalationSeverity[level], trigger: EscalationTrigger.CRISIS };
      authorNotice = NotificationKind.CRISIS_RESOURCES;
      break;
    case 'MODERATE':
      reasons.add(CaseReason.CRISIS);
      casePriority = CasePriority.HIGH;
      // A named method or means is held; the author then needs crisis resources, not only support.
      if (input.crisis.namesMethodOrMeans) holds.push(HeldReason.CRISIS);
      authorNotice = input.crisis.namesMethodOrMeans ? NotificationKind.CRISIS_RESOURCES : NotificationKind.SUPPORTIVE_RESOURCES;
      break;
    case 'LOW':
    case 'NONE':
      break;
  }

  // Context a post's own words do not show: a peer reaches out (a LOW case), the post is published.
  // An author with a MODERATE+ signal in the last days who now writes LOW distress; a reply that
  // agrees with a post rated MODERATE+ ("me too"). A post already in crisis keeps its own case, and
  // the reason says why too.
  const recentRiskNowLow = input.context?.authorRecentSignal != null && level === 'LOW';
  if (recentRiskNowLow || input.context?.agreesWith) {
    reasons.add(CaseReason.CHECK_IN);
    casePriority = higherPriority(casePriority, CasePriority.LOW);
  }

  if (input.crisis.threatToOthers) {
    holds.push(HeldReason.THREAT);
    reasons.add(CaseReason.CRISIS);
    casePriority = CasePriority.URGENT;
    // A threat to others is HIGH, for duty-to-warn review.
    escalation ??= { severity: EscalationSeverity.HIGH, trigger: EscalationTrigger.THREAT_TO_OTHERS };
  } else if (input.crisis.threatEvidence.some((item) => item.discount === 'HYPOTHETICAL')) {
    // A threat said as a joke ("lol"): published, and a peer reads it in case it was not one.
    reasons.add(CaseReason.CRISIS);
    casePriority = higherPriority(casePriority, CasePriority.NORMAL);
  }

  if (input.watchedWordHits.some((hit) => hit.action === 'HOLD')) holds.push(HeldReason.WATCHED_WORD);
  if (input.watchedWordHits.length > 0) {
    // FLAG only is published, and a person looks at it when there is time.
    reasons.add(CaseReason.WATCHED_WORD);
    casePriority = higherPriority(casePriority, CasePriority.NORMAL);
  }

  if (input.toxicityScores) {
    const labels = abusiveToxicityLabels(input.toxicityScores, options);
    if (labels.length > 0) {
      holds.push(HeldReason.TOXICITY);
      reasons.add(CaseReason.TOXICITY);
      const worst = Math.max(...labels.map((label) => input.toxicityScores?.[label] ?? 0));
      casePriority = higherPriority(casePriority, worst >= options.toxicityHighPriorityScore ? CasePriority.HIGH : CasePriority.NORMAL);
    }
  } else if (input.toxicityUnavailable && options.toxicityRequired) {
    // Crisis and word checks ran, so this is degraded screening rather than none: held for a
    // person at NORMAL priority (the crisis phase already raised anything urgent above).
    holds.push(HeldReason.SCREENING_FAILED);
    reasons.add(CaseReason.SCREENING_FAILED);
    casePriority = higherPriority(casePriority, CasePriority.NORMAL);
  }

  const hold = holds.length > 0;
  // A held post always tells its author, kindly, that a person will look at it soon.
  if (hold && authorNotice === null) authorNotice = NotificationKind.POST_HELD;

  return {
    status: hold ? PostStatus.HELD : PostStatus.PUBLISHED,
    decision: hold ? ScreeningDecisionKind.HOLD : ScreeningDecisionKind.PUBLISH,
    heldReason: holds[0] ?? null,
    reasons: [...reasons],
    casePriority,
    escalation,
    riskSignal: isAtLeast(level, 'LOW') ? CrisisLevel[level] : null,
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
  const resources = fromCrisis?.authorNotice === NotificationKind.CRISIS_RESOURCES || fromCrisis?.authorNotice === NotificationKind.SUPPORTIVE_RESOURCES;
  return {
    status: PostStatus.HELD,
    decision: ScreeningDecisionKind.HOLD,
    heldReason: HeldReason.SCREENING_FAILED,
    reasons: [...new Set([...(fromCrisis?.reasons ?? []), CaseReason.SCREENING_FAILED])],
    casePriority: CasePriority.URGENT,
    escalation: fromCrisis?.escalation ?? null,
    riskSignal: fromCrisis?.riskSignal ?? null,
    authorNotice: resources ? NotificationKind.CRISIS_RESOURCES : NotificationKind.POST_HELD,
  };
}
