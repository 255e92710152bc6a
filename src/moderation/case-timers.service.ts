import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CasePriority, CaseReason } from '../common/domain/moderation.enums';
import { ROOT_LOGGER } from '../logging/logging.module';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/queue.types';
import { AppConfig } from '../config/app-config';
import { ModerationCasesService } from './moderation-cases.service';

const SWEEP_BATCH = 500;
/** Reports older than this without a case are left alone (the post has long been reviewed or is gone). */
const REPORT_LOOKBACK_DAYS = 7;
const SWEEP_GRACE_SECONDS = 5;

/**
 * The moderation worker's jobs: turn a report into (a reason on) the post's case, and remind the
 * space's peer specialists of a case past its due time. Screening opens cases inside its own
 * transaction and cannot schedule timers, so a sweeper schedules the due-time jobs of every open
 * case coming due, and re-queues reports whose job was lost.
 */
@Injectable()
export class CaseTimersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: ModerationCasesService,
    private readonly notifications: NotificationsService,
    private readonly pubsub: RedisPubSub,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Opens or joins the reported post's case; idempotent by the report's source key. */
  async reviewReport(reportId: string): Promise<'joined' | 'unchanged' | 'missing'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ post_id: string; space_id: string; author_id: string }> = await manager.query(
        `SELECT r.post_id, p.space_id, p.author_id FROM reports r JOIN posts p ON p.id = r.post_id WHERE r.id = $1`,
        [reportId],
      );
      if (rows.length === 0) return null;
      const { post_id: postId, space_id: spaceId, author_id: subjectId } = rows[0];
      const result = await this.cases.openOrJoin(manager, {
        postId,
        spaceId,
        subjectId,
        reasons: [CaseReason.USER_REPORT],
        priority: CasePriority.NORMAL,
        sourceKey: `report:${reportId}`,
      });
      return { ...result, spaceId };
    });
    if (!outcome) return 'missing';
    // After commit. Also when unchanged: that is a retry whose first publish may have failed (the
    // job failed, the case had joined), so it announces again rather than never.
    await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: outcome.caseId, spaceId: outcome.spaceId });
    return outcome.changed ? 'joined' : 'unchanged';
  }

  /**
   * Once per case: the space's peer specialists (or, with none assigned, every peer specialist) hear
   * it is overdue. The reminder is marked sent only after the live queue was told: if the publish
   * fails, the job fails and its retry sends it again (the in-app notifications are deduplicated).
   */
  async caseDue(caseId: string): Promise<'notified' | 'not-due'> {
    const due = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; space_id: string; post_id: string; priority: CasePriority }> = await manager.query(
        `SELECT id, space_id, post_id, priority FROM moderation_cases
         WHERE id = $1 AND status <> 'RESOLVED' AND overdue_notified_at IS NULL AND due_at <= now()`,
        [caseId],
      );
      if (rows.length === 0) return null;
      const row = rows[0];
      const recipients: Array<{ member_id: string }> = await manager.query(
        `SELECT member_id FROM space_moderators WHERE space_id = $1
         UNION SELECT id FROM members WHERE role = 'PEER_SPECIALIST' AND NOT EXISTS (SELECT 1 FROM space_moderators WHERE space_id = $1)`,
        [row.space_id],
      );
      await this.notifications.notify(
        manager,
        recipients.map((r) => ({
          memberId: r.member_id,
          kind: NotificationKind.CASE_OVERDUE,
          title: `A ${row.priority.toLowerCase()} case is overdue`,
          body: 'A case in one of your spaces has waited past its due time. Please take a look, or ask a colleague to.',
          data: { caseId: row.id, postId: row.post_id },
          dedupeKey: `case-overdue:${row.id}:${r.member_id}`,
        })),
      );
      return row;
    });
    if (!due) return 'not-due';
    await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId, spaceId: due.space_id });
    await this.dataSource.query(`UPDATE moderation_cases SET overdue_notified_at = now() WHERE id = $1 AND overdue_notified_at IS NULL`, [caseId]);
    return 'notified';
  }

  /** Schedules due-time jobs for cases coming due before the next sweep, and re-queues reports without a case. */
  async sweep(): Promise<{ dueScheduled: number; reportsRequeued: number }> {
    const coming: Array<{ id: string; due_at: Date }> = await this.dataSource.query(
      `SELECT id, due_at FROM moderation_cases
       WHERE status <> 'RESOLVED' AND overdue_notified_at IS NULL AND due_at < now() + make_interval(secs => $1)
       ORDER BY due_at LIMIT $2`,
      [this.config.escalationTimers.sweepSeconds * 2, SWEEP_BATCH],
    );
    let dueScheduled = 0;
    for (const row of coming) {
      const delay = Math.max(0, row.due_at.getTime() - Date.now());
      if (await this.jobs.ensure({ name: JobName.CASE_DUE, data: { caseId: row.id, dueAt: row.due_at.toISOString() } }, { delay })) dueScheduled += 1;
    }
    const orphans: Array<{ id: string }> = await this.dataSource.query(
      `SELECT r.id FROM reports r
       WHERE r.created_at < now() - make_interval(secs => $1) AND r.created_at > now() - make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM moderation_cases c WHERE c.post_id = r.post_id AND ('report:' || r.id) = ANY(c.source_keys))
       ORDER BY r.created_at LIMIT $3`,
      [SWEEP_GRACE_SECONDS, REPORT_LOOKBACK_DAYS, SWEEP_BATCH],
    );
    let reportsRequeued = 0;
    for (const row of orphans) {
      if (await this.jobs.ensure({ name: JobName.REVIEW_REPORT, data: { reportId: row.id } })) reportsRequeued += 1;
    }
    if (reportsRequeued > 0) this.logger.warn({ reportsRequeued }, 'moderation sweeper re-queued reports without a case');
    return { dueScheduled, reportsRequeued };
  }
}
