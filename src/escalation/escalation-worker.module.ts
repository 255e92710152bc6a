import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationPagingService } from './escalation-paging.service';
import { EscalationModule } from './escalation.module';
import { EscalationWorker } from './escalation.worker';

/** The worker side of escalation: paging, acknowledgement deadlines, webhook delivery, the sweeper. */
@Module({ imports: [EscalationModule, NotificationsModule], providers: [EscalationPagingService, EscalationWorker] })
export class EscalationWorkerModule {}
