import { MembersModule } from '../members/members.module';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationPagingService } from './escalation-paging.service';
import { EscalationModule } from './escalation.module';
import { EscalationJobHandlers } from './escalation.worker';

/** The worker side of escalation: paging, acknowledgement deadlines, webhook delivery, the sweep. */
@Module({
  imports: [EscalationModule, NotificationsModule, MembersModule],
  providers: [EscalationPagingService, EscalationJobHandlers],
  exports: [EscalationJobHandlers],
})
export class EscalationWorkerModule {}
