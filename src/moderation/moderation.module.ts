import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation/escalation.module';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseContextService } from './case-context.service';
import { CaseDecisionsService } from './case-decisions.service';
import { ModerationCasesService } from './moderation-cases.service';
import { ModerationQueueService } from './moderation-queue.service';
import { CaseNoteResolver, EscalationCaseResolver, ModerationQueueCountsResolver, ModerationResolver } from './moderation.resolver';

/** The peer specialists' queue: cases, claims, decisions. */
@Module({
  imports: [NotificationsModule, EscalationModule, ForumModule, MembersModule],
  providers: [
    ModerationCasesService,
    ModerationQueueService,
    CaseDecisionsService,
    CaseContextService,
    ModerationResolver,
    ModerationQueueCountsResolver,
    EscalationCaseResolver,
    CaseNoteResolver,
  ],
  exports: [ModerationCasesService, ModerationQueueService],
})
export class ModerationModule {}
