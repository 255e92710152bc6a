import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { EscalationSeverity } from '../common/domain/escalation.enums';
import { CaseDecision, CaseStatus } from '../common/domain/moderation.enums';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { EscalationTrigger } from '../escalation/entities/escalation.entity';
import { EscalationsService } from '../escalation/escalations.service';
import { staffNote } from '../escalation/staff-note';
import { PostLifecycleService } from '../forum/post-lifecycle.service';
import { ROOT_LOGGER } from '../logging/logging.module';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { announcePostChanged } from '../notifications/realtime/announce-post-changed';
import { JobProducer } from '../queue/job-producer.service';
import { JobName, QueueName } from '../queue/queue.types';
import { authorNoteFor } from './author-notes';
import { CASE_COLUMNS, CaseRow, toCaseModel } from './moderation-queue.service';
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
    private readonly lifecycle: PostLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
    private readonly audit: AuditService,
    private readonly pubsub: RedisPubSub,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * One conditional UPDATE: of two moderators racing, exactly one finds the case free. The holder
   * claiming again renews the lease; a lapsed lease is free for anyone.
   */
  async claim(viewer: Viewer, caseId: string, requestId: string): Promise<ModerationCaseModel> {
    const current = await this.visibleCase(viewer, caseId);
    if (current.effective_status === CaseStatus.RESOLVED) throw AppError.conflict('This case is already resolved.');
    const claimed = await this.dataSource.transaction(async (manager) => {
      const rows: unknown[] = await manager.query(
        `WITH claimed AS (UPDATE moderation_cases SET status = 'CLAIMED', assignee_id = $2, lease_expires_at = now() + make_interval(secs => $3)
         WHERE id = $1 AND status <> 'RESOLVED'
           AND (status = 'OPEN' OR lease_expires_at IS NULL OR lease_expires_at <= now() OR assignee_id = $2)
         RETURNING id) SELECT id FROM claimed`,
        [caseId, viewer.memberId, this.config.moderation.claimLeaseSeconds],
      );
      if (rows.length === 0) return false;
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

  async resolve(viewer: Viewer, input: { caseId: string; decision: CaseDecision; note?: string | null }, requestId: string): Promise<ModerationCaseModel> {
    const note = staffNote('note', input.note, input.decision !== CaseDecision.APPROVE);
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
      await manager.query(
        `UPDATE moderation_cases SET status = 'RESOLVED', decision = $2, resolved_by = $3, resolved_at = now(),
           assignee_id = COALESCE(assignee_id, $3), lease_expires_at = NULL
         WHERE id = $1`,
        [row.id, decision, viewer.memberId],
      );
      if (note) await manager.query(`INSERT INTO case_notes (case_id, author_id, body) VALUES ($1, $2, $3)`, [row.id, viewer.memberId, note]);
      if (moved) {
        const text = authorNoteFor(decision, row.reasons, this.config.crisisResources);
        await this.notifications.notify(manager, [
          {
            memberId: moved.authorId,
            kind: NOTIFICATION_KIND[decision],
            ...text,
            data: { postId: row.post_id, caseId: row.id },
            dedupeKey: `case-decision:${row.id}`,
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
      const open: Array<{ id: string }> = await manager.query(
        `SELECT id FROM escalations WHERE case_id = $1 AND trigger = $2 AND status <> 'RESOLVED' LIMIT 1`,
        [row.id, EscalationTrigger.MANUAL],
      );
      if (open.length > 0) return { escalationId: open[0].id, created: false, spaceId: row.space_id };
      const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM escalations WHERE case_id = $1 AND trigger = $2`, [
        row.id,
        EscalationTrigger.MANUAL,
      ]);
      const raised = await this.escalations.raise(manager, {
        dedupeKey: `case:${row.id}:manual:${n + 1}`,
        subjectId: row.subject_id,
        postId: row.post_id,
        caseId: row.id,
        trigger: EscalationTrigger.MANUAL,
        severity: EscalationSeverity.ELEVATED,
        evidence: [],
        raisedBy: viewer.memberId,
        note,
      });
      await manager.query(`INSERT INTO case_notes (case_id, author_id, body) VALUES ($1, $2, $3)`, [
        row.id,
        viewer.memberId,
        `Escalated to clinicians: ${note}`,
      ]);
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
        await this.jobs.add(QueueName.ESCALATION, JobName.PAGE_ESCALATION, { escalationId: outcome.escalationId, level: 1 });
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
      await manager.query(`INSERT INTO case_notes (case_id, author_id, body) VALUES ($1, $2, $3)`, [row.id, viewer.memberId, note]);
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
    await manager.query(
      `UPDATE moderation_cases SET lease_expires_at = now() + make_interval(secs => $3) WHERE id = $1 AND status = 'CLAIMED' AND assignee_id = $2`,
      [caseId, viewer.memberId, this.config.moderation.claimLeaseSeconds],
    );
  }

  /** A case the viewer may see; out of their spaces reads as not found (no existence leak). */
  private async visibleCase(
    viewer: Viewer,
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CaseRow & { status: CaseStatus }> {
    const rows: Array<CaseRow & { status: CaseStatus }> = await manager.query(
      `SELECT ${CASE_COLUMNS}, c.status FROM moderation_cases c WHERE c.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [caseId],
    );
    if (rows.length === 0 || !scopeCovers(staffScopeOf(viewer), rows[0].space_id)) throw AppError.notFound('Case');
    return rows[0];
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
    const rows: CaseRow[] = await this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = $1`, [caseId]);
    return toCaseModel(rows[0]);
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
