import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScreeningRequestState } from '../forum/screening-outbox.repository';
import { PostLifecycleService } from '../forum/post-lifecycle.service';
import { PostsRepository } from '../forum/posts.repository';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { CasePriority, CaseReason } from '../common/domain/moderation.enums';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { AppConfig } from '../config/app-config';
import { EscalationsService } from '../escalation/escalations.service';
import { ModerationCasesService } from '../moderation/moderation-cases.service';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { authorNoticeText } from './pipeline/crisis-resources';
import { type AuthorNotice, decideAfterScreeningFailed, type ScreeningDecision } from './pipeline/screening-policy';
import type { CrisisAssessment } from './pipeline/crisis-detector';
import type { ScreeningOutcome } from './pipeline/screen-text';
import { NewScreening, ScreeningRepository } from './screening.repository';

/** The post revision a job screens, as loaded from PostgreSQL (ids only travel through Redis). */
export interface ScreeningTarget {
  postId: string;
  revision: number;
  authorId: string;
  spaceId: string;
  threadId: string;
}

/**
 * How a screening job ended: the phases ran (`screened`), or the last attempt failed or the job
 * stalled too often (`failed`), with what the model-free crisis phase could still read, if anything.
 */
export type ScreeningResult =
  | { kind: 'screened'; outcome: ScreeningOutcome; durationMs: number }
  | { kind: 'failed'; failure: { name: string; attempts: number }; crisis: CrisisAssessment | null };

export interface AppliedScreening {
  /** False when this revision was already screened: a re-delivered job changes nothing. */
  applied: boolean;
  /** Escalations this call created; the caller pages them after commit. */
  newEscalationIds: string[];
  /** The case this call opened or changed; the caller announces it to the live queue after commit. */
  changedCase: { caseId: string; spaceId: string } | null;
}

const NOT_APPLIED: AppliedScreening = { applied: false, newEscalationIds: [], changedCase: null };

/**
 * The write half of the decide phase: everything a screening changes, in ONE transaction, keyed
 * by the (post, revision) unique constraint on `screenings` so a re-delivered job is a no-op. A
 * failed screening takes the same path with the failure's decision (held, URGENT case): nothing
 * is published unscreened, and what the crisis phase could read is acted on as usual (page, risk
 * signal, resources): a crisis signal is never dropped because another phase broke.
 *
 * A newer edit or an author's delete wins over an old screening: the post only moves when it is
 * still PENDING at the screened revision. A crisis signal is never dropped for that reason: the
 * case, escalation, risk signal and resources still happen, because the person wrote it.
 *
 * An edit of a HELD post leaves it HELD (see PostingService.editPost): its screening joins the
 * post's case (or opens one, if a peer decided before the worker could read the new words) and
 * never publishes it. Only the person deciding the case does.
 */
@Injectable()
export class ApplyScreeningDecision {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly screenings: ScreeningRepository,
    private readonly config: AppConfig,
    private readonly cases: ModerationCasesService,
    private readonly escalations: EscalationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly lifecycle: PostLifecycleService,
    private readonly posts: PostsRepository,
  ) {}

  async apply(target: ScreeningTarget, result: ScreeningResult): Promise<AppliedScreening> {
    const decision = result.kind === 'screened' ? result.outcome.decision : decideAfterScreeningFailed(result.crisis);
    const crisis = result.kind === 'screened' ? result.outcome.crisis : result.crisis;
    return this.dataSource.transaction(async (manager) => {
      const requestState = result.kind === 'screened' ? ScreeningRequestState.DONE : ScreeningRequestState.FAILED;
      if (!(await this.screenings.insertAndFinishRequest(manager, target, screeningRecord(result, decision), requestState))) return NOT_APPLIED;

      const moved = await this.movePost(manager, target, decision);
      const heldForReview = moved ? null : await this.keepHeldForReview(manager, target, decision.heldReason);

      const sourceKey = `screening:${target.postId}:${target.revision}`;
      let caseId: string | null = null;
      let changedCase: AppliedScreening['changedCase'] = null;
      // A superseded revision needs no abuse case (its replacement is screened), but crisis and
      // anything urgent (a screening that failed: nobody knows what it says) always do.
      const alwaysReviewed = decision.casePriority === CasePriority.URGENT || decision.reasons.includes(CaseReason.CRISIS);
      if (heldForReview || (decision.casePriority && (moved || alwaysReviewed))) {
        const opened = await this.cases.openOrJoin(manager, {
          postId: target.postId,
          spaceId: target.spaceId,
          subjectId: target.authorId,
          // A person decides a post held for review: the case carries why it is held and what this revision adds.
          reasons: heldForReview ? [...new Set([CASE_REASON_OF_HOLD[heldForReview], ...decision.reasons])] : [...decision.reasons],
          priority: decision.casePriority ?? CasePriority.NORMAL,
          sourceKey,
        });
        caseId = opened.caseId;
        if (opened.changed) changedCase = { caseId, spaceId: target.spaceId };
      }

      const newEscalationIds = await this.raiseRiskConsequences(manager, target, decision, crisis, caseId);

      // Resources go to the author whatever happened to the post; a "held" note only if it is held.
      const notice = decision.authorNotice;
      if (notice && (notice !== NotificationKind.POST_HELD || moved)) await this.notifyAuthor(manager, target, notice);

      await this.audit.record(
        {
          actorId: null,
          actorRole: 'SYSTEM',
          action: result.kind === 'screened' ? 'post.screened' : 'post.screening_failed',
          targetType: 'post',
          targetId: target.postId,
          details: {
            revision: target.revision,
            decision: decision.decision,
            reasons: [...decision.reasons],
            crisisLevel: crisis?.level ?? null,
            ...(result.kind === 'screened' ? { toxicity: result.outcome.toxicity.status } : { error: result.failure.name, attempts: result.failure.attempts }),
            postMoved: moved,
            heldForReview,
            caseId,
            escalationIds: newEscalationIds,
          },
        },
        manager,
      );
      return { applied: true, newEscalationIds, changedCase };
    });
  }

  /** Escalations and the risk signal a decision calls for; returns the escalations created now. */
  private async raiseRiskConsequences(
    manager: EntityManager,
    target: ScreeningTarget,
    decision: ScreeningDecision,
    crisis: CrisisAssessment | null,
    caseId: string | null,
  ): Promise<string[]> {
    const newEscalationIds: string[] = [];
    if (decision.escalation) {
      const raised = await this.escalations.raise(manager, {
        dedupeKey: `screening:${target.postId}:${target.revision}`,
        subjectId: target.authorId,
        postId: target.postId,
        caseId,
        ...decision.escalation,
        evidence: crisis ? [...crisis.evidence, ...crisis.threatEvidence] : [],
      });
      if (raised.created) newEscalationIds.push(raised.escalationId);
    }
    if (decision.riskSignal) {
      const repeated = await this.escalations.recordRiskSignal(manager, {
        subjectId: target.authorId,
        postId: target.postId,
        revision: target.revision,
        level: decision.riskSignal,
        evidence: crisis ? [...crisis.evidence] : [],
      });
      if (repeated) newEscalationIds.push(repeated.escalationId);
    }
    return newEscalationIds;
  }

  /**
   * When the screened revision is the current one of a HELD post (its author edited it while it
   * waits for a person), the post stays HELD: returns why it is held, raised to this screening's
   * reason when that is more serious. Null otherwise, and for a hold a peer specialist chose: that
   * decision is made (only crisis reopens it, as for any revision).
   */
  private async keepHeldForReview(manager: EntityManager, target: ScreeningTarget, screenedHold: HeldReason | null): Promise<HeldReason | null> {
    const current = await this.posts.lockHeldReason(manager, target.postId, target.revision);
    if (!current || current === HeldReason.MODERATOR) return null;
    if (!screenedHold || HOLD_RANK[screenedHold] >= HOLD_RANK[current]) return current;
    await this.lifecycle.transition(manager, {
      postId: target.postId,
      from: [PostStatus.HELD],
      to: PostStatus.HELD,
      heldReason: screenedHold,
      revision: target.revision,
    });
    return screenedHold;
  }

  /** Moves the screened revision out of PENDING through the forum's one lifecycle rule. */
  private async movePost(manager: EntityManager, target: ScreeningTarget, decision: ScreeningDecision): Promise<boolean> {
    const moved = await this.lifecycle.transition(manager, {
      postId: target.postId,
      from: [PostStatus.PENDING],
      to: decision.status,
      heldReason: decision.heldReason ?? undefined,
      revision: target.revision,
    });
    return moved !== null;
  }

  private async notifyAuthor(manager: EntityManager, target: ScreeningTarget, notice: AuthorNotice): Promise<void> {
    const text = authorNoticeText(notice, this.config.crisisResources);
    await this.notifications.notify(manager, [
      {
        memberId: target.authorId,
        kind: notice,
        title: text.title,
        body: text.body,
        data: { postId: target.postId, revision: target.revision },
        // One notice per post revision, however often the job is delivered.
        dedupeKey: `screening:${target.postId}:${target.revision}:author`,
      },
    ]);
  }
}

/** The screenings row: what every phase found when screening ran; the failure, and what the crisis phase read, when it did not. */
function screeningRecord(result: ScreeningResult, decision: ScreeningDecision): NewScreening {
  const decided = { decision: decision.decision, reasons: [...decision.reasons] };
  if (result.kind === 'failed') {
    const { crisis, failure } = result;
    return {
      ...decided,
      crisisLevel: crisis ? CrisisLevel[crisis.level] : CrisisLevel.NONE,
      crisisEvidence: crisis ? [...crisis.evidence, ...crisis.threatEvidence] : [],
      toxicity: null,
      toxicityStatus: 'unavailable',
      watchedWordHits: [],
      phases: [{ name: 'failed', error: failure.name, attempts: failure.attempts, crisisRead: crisis !== null }],
      modelVersion: null,
      tfjsBackend: null,
      durationMs: 0,
    };
  }
  const { outcome, durationMs } = result;
  const { crisis, toxicity } = outcome;
  return {
    ...decided,
    crisisLevel: CrisisLevel[crisis.level],
    crisisEvidence: [...crisis.evidence, ...crisis.threatEvidence],
    toxicity: toxicity.status === 'scored' ? toxicity.scores : null,
    toxicityStatus: toxicity.status === 'scored' ? 'ok' : toxicity.status,
    watchedWordHits: outcome.watchedWords.hits,
    // Phase results without the normalised text: the screening row keeps evidence, not the post.
    phases: outcome.phases.map((phase) => (phase.name === 'normalise' ? { name: phase.name, durationMs: phase.durationMs } : phase)),
    modelVersion: toxicity.status === 'scored' ? toxicity.modelVersion : null,
    tfjsBackend: toxicity.status === 'scored' ? toxicity.backend : null,
    durationMs,
  };
}

/** Which reason a held post shows when several apply, the lowest first: a person's decision, then the most serious. */
const HOLD_RANK: Record<HeldReason, number> = {
  [HeldReason.MODERATOR]: 0,
  [HeldReason.CRISIS]: 1,
  [HeldReason.THREAT]: 2,
  [HeldReason.WATCHED_WORD]: 3,
  [HeldReason.TOXICITY]: 4,
  [HeldReason.USER_REPORTS]: 5,
  [HeldReason.SCREENING_FAILED]: 6,
};

/** The case reason behind each hold, so a case opened for a held post says why it is held. */
const CASE_REASON_OF_HOLD: Record<HeldReason, CaseReason> = {
  [HeldReason.MODERATOR]: CaseReason.MANUAL,
  [HeldReason.CRISIS]: CaseReason.CRISIS,
  [HeldReason.THREAT]: CaseReason.CRISIS,
  [HeldReason.WATCHED_WORD]: CaseReason.WATCHED_WORD,
  [HeldReason.TOXICITY]: CaseReason.TOXICITY,
  [HeldReason.USER_REPORTS]: CaseReason.USER_REPORT,
  [HeldReason.SCREENING_FAILED]: CaseReason.SCREENING_FAILED,
};
