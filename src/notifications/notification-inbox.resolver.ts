import { Int, Mutation, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { NotificationModel } from './models/notification.model';
import { NotificationInbox } from './notification-inbox.service';
import { RealtimeEvent, RealtimePayloads } from './realtime/realtime-events';
import { RedisPubSub } from './realtime/redis-pubsub';

type NotificationAdded = RealtimePayloads[RealtimeEvent.NOTIFICATION_ADDED];

/** Every signed-in member's own notifications, live, and marking them all read. */
@Resolver(() => NotificationModel)
export class NotificationInboxResolver {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly pubsub: RedisPubSub,
  ) {}

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns how many were unread.' })
  markAllNotificationsRead(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.inbox.markAllRead(viewer.memberId);
  }

  @Subscription(() => NotificationModel, {
    description: 'Your notifications as they are written, and a gathered one (reactions to a post) again each time it is updated.',
    // In memory: every other member's socket drops the event without reading anything.
    filter: (payload: NotificationAdded, _args: unknown, ctx: RequestContext) => ctx.viewer !== null && payload.memberId === ctx.viewer.memberId,
    async resolve(this: NotificationInboxResolver, payload: NotificationAdded, _args: unknown, ctx: RequestContext) {
      // Read afresh for the socket's member: the event carries ids only.
      const notification = ctx.viewer ? await this.inbox.findOwn(ctx.viewer.memberId, payload.notificationId) : null;
      if (!notification) throw AppError.notFound('Notification');
      return notification;
    },
  })
  notificationAdded(): AsyncIterableIterator<NotificationAdded> {
    return this.pubsub.asyncIterator(RealtimeEvent.NOTIFICATION_ADDED);
  }
}
