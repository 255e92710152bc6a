import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation/escalation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ModerationCasesService } from './moderation-cases.service';

/** The peer specialists' queue: cases, claims, decisions. */
@Module({ imports: [NotificationsModule, EscalationModule], providers: [ModerationCasesService], exports: [ModerationCasesService] })
export class ModerationModule {}
