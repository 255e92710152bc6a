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
import { EscalationRepository } from '../escalation/escalation.repository';
import { ReportsRepository } from '../forum/reports.repository';
import { MembersRepository } from '../members/members.repository';
import { ModerationCasesService } from './moderation-cases.service';
import { ModerationCrossingReads } from './moderation-crossing-reads.repository';
import { ModerationRepository } from './moderation.repository';

const SWEEP_BATCH = 500;
/** Reports older than this without a case are left alone (the post has long been reviewed or is gone). */
const REPORT_LOOKBACK_DAYS = 7;
const SWEEP_GRACE_SECONDS = 5;

/**
 * The moderation worker's jobs: turn a report into (a reason on) the post's case, and remind the
 * space's peer specialists of a case past its due time. Screening opens cases inside its own
 * transaction and cannot schedule timers, so a sweeper schedules the due-time jobs of every open
 * case coming due, re-queues reports whose job was lost, and re-queues the close-the-loop job of
 * resolved escalations whose cases were never closed (Redis was down when the clinician resolved).
 */
@Injectable()
export class CaseTimersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ModerationRepository,
    private readonly crossing: ModerationCrossingReads,
    private readonly reports: ReportsRepository,
    private readonly escalations: EscalationRepository,
    private readonly members: MembersRepository,
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
      const reported = await this.reports.reportedPost(reportId, manager);
      if (!reported) return null;
      const { postId, spaceId, authorId: subjectId } = reported;
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
      const row = await this.repository.findDueUnreminded(manager, caseId);
      if (!row) return null;
      const recipients = await this.members.peerSpecialistsFor(row.space_id, manager);
      await this.notifications.notify(
        manager,
        recipients.map((memberId) => ({
          memberId,
          kind: NotificationKind.CASE_OVERDUE,
          title: `A ${row.priority.toLowerCase()} case is overdue`,
          body: 'A case in one of your spaces has waited past its due time. Please take a look, or ask a colleague to.',
          data: { caseId: row.id, postId: row.post_id },
          dedupeKey: `case-overdue:${row.id}:${memberId}`,
        })),
      );
      return row;
    });
    if (!due) return 'not-due';
    await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId, spaceId: due.space_id });
    await this.repository.markOverdueReminded(caseId);
    return 'notified';
  }

  /** Schedules due-time jobs for cases coming due, re-queues reports without a case and resolved escalations with their cases still open. */
  async sweep(): Promise<{ dueScheduled: number; reportsRequeued: number; closesRequeued: number }> {
    const coming = await this.repository.casesComingDue(this.config.escalationTimers.sweepSeconds * 2, SWEEP_BATCH);
    let dueScheduled = 0;
    for (const row of coming) {
      const delay = Math.max(0, row.due_at.getTime() - Date.now());
      if (await this.jobs.ensure({ name: JobName.CASE_DUE, data: { caseId: row.id, dueAt: row.due_at.toISOString() } }, { delay })) dueScheduled += 1;
    }
    const orphans = await this.crossing.reportsWithoutCase(SWEEP_GRACE_SECONDS, REPORT_LOOKBACK_DAYS, SWEEP_BATCH);
    let reportsRequeued = 0;
    for (const reportId of orphans) {
      if (await this.jobs.ensure({ name: JobName.REVIEW_REPORT, data: { reportId } })) reportsRequeued += 1;
    }
    if (reportsRequeued > 0) this.logger.warn({ reportsRequeued }, 'moderation sweeper re-queued reports without a case');
    const closesRequeued = await this.requeueCaseCloses();
    return { dueScheduled, reportsRequeued, closesRequeued };
  }

  /** The outbox side of closing the loop: `cases_closed_at` still null after the grace period means the job is missing, failed or (oddly) done without it. */
  private async requeueCaseCloses(): Promise<number> {
    const pending = await this.escalations.awaitingCaseClose(SWEEP_GRACE_SECONDS, SWEEP_BATCH);
    let requeued = 0;
    for (const escalationId of pending) {
      const job = { name: JobName.CLOSE_ESCALATION_CASES, data: { escalationId } } as const;
      const { state } = await this.jobs.lookup(job);
      if (state === 'completed') {
        // It commits its mark with the cases, so this should not happen; run it again rather than trust it (idempotent by the mark).
        await this.jobs.replace(job);
        requeued += 1;
      } else if (state === 'unknown' || state === 'failed') {
        if (await this.jobs.ensure(job)) requeued += 1;
      }
    }
    if (requeued > 0) this.logger.warn({ closesRequeued: requeued }, "moderation sweeper re-queued closing resolved escalations' cases");
    return requeued;
  }
}
