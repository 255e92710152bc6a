import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { RedisPubSub } from './realtime/redis-pubsub';

/** In-app notifications for every member, and the cross-process event bus behind subscriptions. */
@Module({
  providers: [NotificationsRepository, NotificationsService, NotificationsResolver, RedisPubSub],
  exports: [NotificationsService, RedisPubSub],
})
export class NotificationsModule {}
