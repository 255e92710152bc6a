import { EscalationRedactionRepository } from './escalation-redaction.repository';
import { Module } from '@nestjs/common';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationCrossingReads } from './escalation-crossing-reads.repository';
import { EscalationReviewService } from './escalation-review.service';
import { EscalationRepository } from './escalation.repository';
import { EscalationResolver } from './escalation.resolver';
import { EscalationsService } from './escalations.service';

/** Risk signals and escalations to clinicians. */
@Module({
  imports: [NotificationsModule, MembersModule, ForumModule],
  providers: [EscalationRedactionRepository, EscalationRepository, EscalationCrossingReads, EscalationsService, EscalationReviewService, EscalationResolver],
  // The repositories are exported for the worker's paging service and for moderation, which reads escalations (never the reverse).
  exports: [EscalationRedactionRepository, EscalationRepository, EscalationCrossingReads, EscalationsService, EscalationReviewService],
})
export class EscalationModule {}
