import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Viewer } from '../common/auth/viewer';
import { parseId } from '../common/graphql/ids';
import { Connection, pageSize } from '../common/pagination/connection';
import { NotificationConnection, NotificationModel } from './models/notification.model';
import { NotificationsService } from './notifications.service';

/** Every signed-in member reads and marks their own notifications. */
@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<NotificationModel>> {
    return this.service.listFor(viewer.memberId, pageSize(first), after);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.service.unreadCount(viewer.memberId);
  }

  @Mutation(() => NotificationModel)
  markNotificationRead(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<NotificationModel> {
    return this.service.markRead(viewer.memberId, parseId(id));
  }
}
