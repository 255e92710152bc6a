import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { CaseDecision, CaseStatus } from '../common/domain/moderation.enums';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { EscalationsService } from '../escalation/escalations.service';
import { staffNote } from '../common/text/staff-note';
import { PostLifecycleService } from '../forum/post-lifecycle.service';
import { ROOT_LOGGER } from '../logging/logging.module';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { announcePostChanged } from '../notifications/realtime/announce-post-changed';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/queue.types';
import { authorNoteFor, caseDecisionNoticeKey } from './author-notes';
import { toCaseModel } from './moderation-queue.service';
import { CaseRow, ModerationRepository } from './moderation.repository';
import { ModerationCaseModel } from './models/moderation-case.model';

/** Where each decision may move the post from, and to. A PENDING post stays with screening: nothing is published unscreened. */
const POST_MOVES = {
  [CaseDecision.APPROVE]: { from: [PostStatus.HELD], to: PostStatus.PUBLISHED },
  [CaseDecision.REMOVE]: { from: [PostStatus.PUBLISHED, PostStatus.HELD], to: PostStatus.REMOVED },
  [CaseDecision.KEEP_HELD]: { from: [PostStatus.PUBLISHED, PostStatus.HELD], to: PostStatus.HELD },
} satisfies Record<CaseDecision, { from: PostStatus[]; to: PostStatus.PUBLISHED | PostStatus.HELD | PostStatus.REMOVED }>;

const NOTIFICATION_KIND = {
  [CaseDecision.APPROVE]: NotificationKind.POST_PUBLISHED,
  [CaseDecision.REMOVE]: NotificationKind.POST_REMOVED,
  [CaseDecision.KEEP_HELD]: NotificationKind.POST_HELD,
} satisfies Record<CaseDecision, NotificationKind>;

/**
 * What a moderator does with a case: claim it (a lease), decide it, escalate it to clinicians, or
 * add a note.
 * Each is one transaction holding the case row, audited, and announced to the queue's
 * subscribers after commit.
 */
@Injectable()
export class CaseDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: ModerationRepository,
    private readonly lifecycle: PostLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
    private readonly audit: AuditService,
    private readonly pubsub: RedisPubSub,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** A claim is a lease (see ModerationRepository.claim): of two moderators racing, exactly one gets the case. */
  async claim(viewer: Viewer, caseId: string, requestId: string): Promise<ModerationCaseModel> {
    const current = await this.visibleCase(viewer, caseId);
    if (current.effective_status === CaseStatus.RESOLVED) throw AppError.conflict('This case is already resolved.');
    const claimed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.cases.claim(manager, caseId, viewer.memberId, this.config.moderation.claimLeaseSeconds))) return false;
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'case.claim', targetType: 'moderation_case', targetId: caseId, requestId },
        manager,
      );
      return true;
    });
    if (!claimed) throw AppError.conflict('Another moderator is working on this case.');
    await this.announce(caseId, current.space_id);
    return this.reload(caseId);
  }

  async resolve(
    viewer: Viewer,
    input: { caseId: string; decision: CaseDecision; note?: string | null; authorNote?: string | null },
    requestId: string,
  ): Promise<ModerationCaseModel> {
    const note = staffNote('note', input.note, input.decision !== CaseDecision.APPROVE);
    const authorNote = staffNote('authorNote', input.authorNote, false);
    const decision = input.decision;
    const { spaceId, movedPost } = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockWorkableCase(manager, viewer, input.caseId);
      const move = POST_MOVES[decision];
      const moved = await this.lifecycle.transition(manager, {
        postId: row.post_id,
        from: move.from,
        to: move.to,
        heldReason: move.to === PostStatus.HELD ? HeldReason.MODERATOR : undefined,
      });
      await this.cases.markResolved(manager, row.id, decision, viewer.memberId);
      if (note) await this.cases.addNote(manager, row.id, viewer.memberId, note);
      if (moved) {
        const text = authorNoteFor(decision, row.reasons, this.config.crisisResources, authorNote);
        await this.notifications.notify(manager, [
          {
            memberId: moved.authorId,
            kind: NOTIFICATION_KIND[decision],
            ...text,
            data: { postId: row.post_id, caseId: row.id },
            dedupeKey: caseDecisionNoticeKey(row.id),
          },
        ]);
      }
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'case.resolve',
          targetType: 'moderation_case',
          targetId: row.id,
          requestId,
          details: { decision, postId: row.post_id, postStatus: moved?.status ?? null },
        },
        manager,
      );
      return { spaceId: row.space_id, movedPost: moved ? { postId: row.post_id, authorId: moved.authorId } : null };
    });
    await this.announce(input.caseId, spaceId);
    if (movedPost) await announcePostChanged(this.pubsub, this.logger, movedPost);
    return this.reload(input.caseId);
  }

  /** Raises a manual (ELEVATED) escalation from the case; while one is still open, returns it instead of paging twice. */
  async escalate(viewer: Viewer, input: { caseId: string; note: string }, requestId: string): Promise<string> {
    const note = staffNote('note', input.note, true);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockWorkableCase(manager, viewer, input.caseId, { allowResolved: true });
      const raised = await this.escalations.raiseFromCase(manager, {
        caseId: row.id,
        subjectId: row.subject_id,
        postId: row.post_id,
        raisedBy: viewer.memberId,
        note,
      });
      if (raised.alreadyOpen) return { escalationId: raised.escalationId, created: false, spaceId: row.space_id };
      await this.cases.addNote(manager, row.id, viewer.memberId, `Escalated to clinicians: ${note}`);
      await this.renewLeaseOfHolder(manager, row.id, viewer);
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'case.escalate',
          targetType: 'moderation_case',
          targetId: row.id,
          requestId,
          details: { escalationId: raised.escalationId },
        },
        manager,
      );
      return { ...raised, spaceId: row.space_id };
    });
    if (outcome.created) {
      try {
        await this.jobs.enqueue({ name: JobName.PAGE_ESCALATION, data: { escalationId: outcome.escalationId, level: 1 } });
      } catch (error) {
        this.logger.warn(
          { escalationId: outcome.escalationId, err: { message: (error as Error).message } },
          'could not enqueue page-escalation; the escalation sweeper will page it',
        );
      }
    }
    await this.announce(input.caseId, outcome.spaceId);
    return outcome.escalationId;
  }

  /**
   * A staff note on a case, from anyone who may see it: also on a case someone else holds (a
   * colleague who knows the client adds context) or one already resolved (outreach followed up).
   * Notes are append-only; writing one is working the case.
   */
  async addNote(viewer: Viewer, input: { caseId: string; note: string }, requestId: string): Promise<ModerationCaseModel> {
    const note = staffNote('note', input.note, true);
    const row = await this.visibleCase(viewer, input.caseId);
    await this.dataSource.transaction(async (manager) => {
      await this.cases.addNote(manager, row.id, viewer.memberId, note);
      await this.renewLeaseOfHolder(manager, row.id, viewer);
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'case.note', targetType: 'moderation_case', targetId: row.id, requestId },
        manager,
      );
    });
    await this.announce(row.id, row.space_id);
    return this.reload(row.id);
  }

  /** Working a case is activity: when the viewer holds it, the lease is renewed. */
  private async renewLeaseOfHolder(manager: EntityManager, caseId: string, viewer: Viewer): Promise<void> {
    await this.cases.renewLeaseOfHolder(manager, caseId, viewer.memberId, this.config.moderation.claimLeaseSeconds);
  }

  /** A case the viewer may see; out of their spaces reads as not found (no existence leak). */
  private async visibleCase(
    viewer: Viewer,
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CaseRow & { status: CaseStatus }> {
    const row = await this.cases.findCase(caseId, { manager, lock });
    if (!row || !scopeCovers(staffScopeOf(viewer), row.space_id)) throw AppError.notFound('Case');
    return row;
  }

  /** Locks the case for a decision: not resolved, and not held by someone else's live claim. */
  private async lockWorkableCase(manager: EntityManager, viewer: Viewer, caseId: string, options: { allowResolved?: boolean } = {}): Promise<CaseRow> {
    const row = await this.visibleCase(viewer, caseId, manager, true);
    if (row.effective_status === CaseStatus.RESOLVED && !options.allowResolved) throw AppError.conflict('This case is already resolved.');
    if (row.effective_status === CaseStatus.CLAIMED && row.assignee_id !== viewer.memberId)
      throw AppError.conflict('Another moderator is working on this case.');
    return row;
  }

  private async reload(caseId: string): Promise<ModerationCaseModel> {
    return toCaseModel(await this.cases.findWritten(caseId));
  }

  /** Subscribers refresh their queue; a Redis hiccup must not fail a decision that already committed. */
  private async announce(caseId: string, spaceId: string): Promise<void> {
    try {
      await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId, spaceId });
    } catch (error) {
      this.logger.warn({ caseId, err: { message: (error as Error).message } }, 'could not publish moderation-queue-changed');
    }
  }
}
