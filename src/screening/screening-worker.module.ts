import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EscalationModule } from '../escalation/escalation.module';
import { ForumModule } from '../forum/forum.module';
import { ModerationModule } from '../moderation/moderation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ApplyScreeningDecision } from './apply-screening-decision.service';
import { crisisModelProvider } from './crisis-model.provider';
import { RetentionSweeper } from './retention.sweeper';
import { ScreenPostProcessor } from './screen-post.processor';
import { ScreeningOutboxSweeper } from './screening-outbox.sweeper';
import { ScreeningModule } from './screening.module';
import { ScreeningJobHandlers } from './screening.worker';
import { ScreeningWarmUp } from './screening-warm-up.service';
import { toxicityModelProvider } from './toxicity-model.provider';
import { WatchedWordsCache } from './watched-words.cache';

/** The worker side of screening: the screen-post processor, the toxicity and crisis models (phases warmed up before jobs) and the outbox sweep. */
@Module({
  imports: [ScreeningModule, AuditModule, NotificationsModule, ForumModule, EscalationModule, ModerationModule],
  providers: [
    toxicityModelProvider,
    crisisModelProvider,
    ScreeningWarmUp,
    WatchedWordsCache,
    ApplyScreeningDecision,
    ScreenPostProcessor,
    ScreeningOutboxSweeper,
    ScreeningJobHandlers,
    RetentionSweeper,
  ],
  exports: [ScreeningJobHandlers, RetentionSweeper],
})
export class ScreeningWorkerModule {}
