import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation/escalation.module';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseContextService } from './case-context.service';
import { CaseDecisionsService } from './case-decisions.service';
import { CaseTextRedaction } from './case-text-redaction.service';
import { CaseNoteResolver } from './case-note.resolver';
import { EscalationCaseResolver, EscalationSignalCaseResolver } from './escalation-case.resolver';
import { ModerationCasesService } from './moderation-cases.service';
import { ModerationCrossingReads } from './moderation-crossing-reads.repository';
import { ModerationQueueCountsResolver } from './moderation-queue-counts.resolver';
import { ModerationQueueService } from './moderation-queue.service';
import { ModerationRepository } from './moderation.repository';
import { ModerationResolver } from './moderation.resolver';
import { RiskTimelineResolver } from './risk-timeline.resolver';
import { RiskTimelineService } from './risk-timeline.service';

/** The peer specialists' queue: cases, claims, decisions; and the clinicians' risk timeline, which reads cases and escalations. */
@Module({
  imports: [NotificationsModule, EscalationModule, ForumModule, MembersModule],
  providers: [
    ModerationRepository,
    CaseTextRedaction,
    ModerationCrossingReads,
    ModerationCasesService,
    ModerationQueueService,
    CaseDecisionsService,
    CaseContextService,
    RiskTimelineService,
    ModerationResolver,
    ModerationQueueCountsResolver,
    EscalationCaseResolver,
    EscalationSignalCaseResolver,
    CaseNoteResolver,
    RiskTimelineResolver,
  ],
  // The repositories are exported for the worker's case timers (moderation-worker.module.ts).
  exports: [ModerationRepository, ModerationCrossingReads, ModerationCasesService, ModerationQueueService, CaseTextRedaction],
})
export class ModerationModule {}
