import { MemberNotificationsRepository } from './member-notifications.repository';
import { Module } from '@nestjs/common';
import { NotificationInboxRepository } from './notification-inbox.repository';
import { NotificationInboxResolver } from './notification-inbox.resolver';
import { NotificationRedactionRepository } from './notification-redaction.repository';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { NotificationAnnouncer } from './realtime/notification-announcer';
import { RedisPubSub } from './realtime/redis-pubsub';

/** In-app notifications for every member, and the cross-process event bus behind subscriptions. */
@Module({
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationsResolver,
    RedisPubSub,
    NotificationAnnouncer,
    NotificationInboxRepository,
    NotificationInbox,
    NotificationInboxResolver,
    MemberNotificationsRepository,
    NotificationRedactionRepository,
  ],
  exports: [NotificationsService, NotificationInbox, RedisPubSub, MemberNotificationsRepository, NotificationRedactionRepository],
})
export class NotificationsModule {}
