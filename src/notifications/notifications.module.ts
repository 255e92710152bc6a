import { Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** In-app notifications for every member. */
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}
