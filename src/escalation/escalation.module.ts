import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationsService } from './escalations.service';

/** Risk signals and escalations to clinicians. */
@Module({ imports: [NotificationsModule], providers: [EscalationsService], exports: [EscalationsService] })
export class EscalationModule {}
