import { Module } from '@nestjs/common';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationReviewService } from './escalation-review.service';
import { EscalationResolver } from './escalation.resolver';
import { EscalationsService } from './escalations.service';

/** Risk signals and escalations to clinicians. */
@Module({
  imports: [NotificationsModule, MembersModule, ForumModule],
  providers: [EscalationsService, EscalationReviewService, EscalationResolver],
  exports: [EscalationsService, EscalationReviewService],
})
export class EscalationModule {}
