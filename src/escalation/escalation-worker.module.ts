import { MembersModule } from '../members/members.module';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationEmailService } from './escalation-email.service';
import { EscalationPagingService } from './escalation-paging.service';
import { EscalationModule } from './escalation.module';
import { EscalationJobHandlers } from './escalation.worker';

/** The worker side of escalation: paging, acknowledgement deadlines, webhook and email delivery, the sweep, the roster gap check. */
@Module({
  imports: [EscalationModule, NotificationsModule, MembersModule],
  providers: [EscalationPagingService, EscalationEmailService, EscalationJobHandlers],
  exports: [EscalationJobHandlers],
})
export class EscalationWorkerModule {}
