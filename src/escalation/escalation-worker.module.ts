import { Module } from '@nestjs/common';
import { EscalationModule } from './escalation.module';

/** The worker side of escalation: paging, acknowledgement deadlines, webhook delivery. */
@Module({ imports: [EscalationModule] })
export class EscalationWorkerModule {}
