import { EscalationModule } from '../escalation/escalation.module';
import { ForumModule } from '../forum/forum.module';
import { MembersModule } from '../members/members.module';
import { ModerationModule } from '../moderation/moderation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MemberErasureResolver } from './member-erasure.resolver';
import { MemberErasureService } from './member-erasure.service';
import { MemberPseudonymResolver } from './member-pseudonym.resolver';
import { MemberPseudonymService } from './member-pseudonym.service';
import { ScreeningRedactionRepository } from './screening-redaction.repository';
import { Module } from '@nestjs/common';
import { CrisisResourcesResolver } from './crisis-resources.resolver';
import { PostScreeningResolver, ScreeningLoaders } from './post-screening.resolver';
import { ScreeningRepository } from './screening.repository';
import { WatchedWordsResolver } from './watched-words.resolver';
import { WatchedWordsService } from './watched-words.service';

/** What both processes need of screening: the staff-only `Post.screening` field, the admins' watched words, the public crisis resources. */
@Module({
  imports: [MembersModule, ForumModule, EscalationModule, NotificationsModule, ModerationModule],
  providers: [
    ScreeningRedactionRepository,
    MemberPseudonymService,
    MemberPseudonymResolver,
    MemberErasureService,
    MemberErasureResolver,
    ScreeningRepository,
    CrisisResourcesResolver,
    ScreeningLoaders,
    PostScreeningResolver,
    WatchedWordsService,
    WatchedWordsResolver,
  ],
  exports: [ScreeningRepository, ScreeningRedactionRepository],
})
export class ScreeningModule {}
