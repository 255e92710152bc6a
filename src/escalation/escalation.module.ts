import { EscalationRedactionRepository } from './escalation-redaction.repository';
import { Module } from '@nestjs/common';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationCrossingReads } from './escalation-crossing-reads.repository';
import { EscalationDeliveryRepository } from './escalation-delivery.repository';
import { EscalationFollowUps } from './escalation-follow-up';
import { EscalationFollowThroughResolver, EscalationPageResolver, EscalationSignalResolver, PageDeliveryResolver } from './escalation-follow-through.resolver';
import { EscalationFollowThroughService } from './escalation-follow-through.service';
import { EscalationReviewService } from './escalation-review.service';
import { EscalationRepository } from './escalation.repository';
import { EscalationResolver } from './escalation.resolver';
import { EscalationsService } from './escalations.service';
import { OnCallRosterRepository } from './roster/on-call-roster.repository';
import { OnCallRosterResolver } from './roster/on-call-roster.resolver';
import { OnCallRosterService } from './roster/on-call-roster.service';

/** Risk signals and escalations to clinicians, the on-call roster they page, and what followed each escalation. */
@Module({
  imports: [NotificationsModule, MembersModule, ForumModule],
  providers: [
    EscalationRedactionRepository,
    EscalationRepository,
    EscalationCrossingReads,
    EscalationDeliveryRepository,
    EscalationFollowUps,
    EscalationsService,
    EscalationReviewService,
    EscalationResolver,
    EscalationFollowThroughService,
    EscalationFollowThroughResolver,
    EscalationPageResolver,
    EscalationSignalResolver,
    PageDeliveryResolver,
    OnCallRosterRepository,
    OnCallRosterService,
    OnCallRosterResolver,
  ],
  // The repositories are exported for the worker's paging service and for moderation, which reads escalations (never the reverse).
  exports: [
    EscalationRedactionRepository,
    EscalationRepository,
    EscalationDeliveryRepository,
    EscalationCrossingReads,
    EscalationsService,
    EscalationReviewService,
    OnCallRosterService,
  ],
})
export class EscalationModule {}
