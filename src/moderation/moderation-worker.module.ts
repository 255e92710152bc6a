import { EscalationModule } from '../escalation/escalation.module';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseTimersService } from './case-timers.service';
import { CloseEscalationCasesService } from './close-escalation-cases.service';
import { ModerationModule } from './moderation.module';
import { ModerationJobHandlers } from './moderation.worker';

/** The worker side of moderation: reports into cases, case due-time reminders, the sweep. */
@Module({
  imports: [ModerationModule, EscalationModule, NotificationsModule, ForumModule, MembersModule],
  providers: [CaseTimersService, CloseEscalationCasesService, ModerationJobHandlers],
  exports: [ModerationJobHandlers],
})
export class ModerationWorkerModule {}
