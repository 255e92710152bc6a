import { Module } from '@nestjs/common';
import { EscalationWorkerModule } from './escalation/escalation-worker.module';
import { EscalationJobHandlers } from './escalation/escalation.worker';
import { ModerationWorkerModule } from './moderation/moderation-worker.module';
import { ModerationJobHandlers } from './moderation/moderation.worker';
import { InsightsJobHandlers } from './insights/insights.worker';
import { InsightsModule } from './insights/insights.module';
import { JOB_HANDLERS, JobHandlers } from './queue/job-handlers';
import { JobWorkerHost } from './queue/job-worker.host';
import { JobName } from './queue/queue.types';
import { RetentionSweeper } from './screening/retention.sweeper';
import { ScreeningWorkerModule } from './screening/screening-worker.module';
import { ScreeningJobHandlers } from './screening/screening.worker';

/**
 * What the worker process runs: each feature's worker module contributes its jobs' handlers, and
 * this table gives every job exactly one (the compiler refuses a job left out or listed twice).
 */
@Module({
  imports: [ScreeningWorkerModule, EscalationWorkerModule, ModerationWorkerModule, InsightsModule],
  providers: [
    {
      provide: JOB_HANDLERS,
      inject: [ScreeningJobHandlers, EscalationJobHandlers, ModerationJobHandlers, InsightsJobHandlers, RetentionSweeper],
      useFactory: (
        screening: ScreeningJobHandlers,
        escalation: EscalationJobHandlers,
        moderation: ModerationJobHandlers,
        insights: InsightsJobHandlers,
        retention: RetentionSweeper,
      ): JobHandlers => ({
        [JobName.SCREEN_POST]: screening.screenPost,
        [JobName.SWEEP_SCREENING_OUTBOX]: screening.sweepOutbox,
        [JobName.PAGE_ESCALATION]: escalation.page,
        [JobName.ESCALATION_DEADLINE]: escalation.deadline,
        [JobName.DELIVER_ESCALATION_WEBHOOK]: escalation.deliverWebhook,
        [JobName.SWEEP_ESCALATION_TIMERS]: escalation.sweep,
        [JobName.CASE_DUE]: moderation.caseDue,
        [JobName.REVIEW_REPORT]: moderation.reviewReport,
        [JobName.SWEEP_MODERATION_TIMERS]: moderation.sweep,
        [JobName.DELIVER_ESCALATION_EMAIL]: escalation.deliverEmail,
        [JobName.CHECK_ROSTER_GAPS]: escalation.checkRosterGaps,
        [JobName.CLOSE_ESCALATION_CASES]: moderation.closeEscalationCases,
        [JobName.REFRESH_ENGAGEMENT_ROLLUP]: insights.refreshRollup,
        [JobName.SWEEP_RETENTION]: retention.handler,
      }),
    },
    JobWorkerHost,
  ],
})
export class JobWorkersModule {}
