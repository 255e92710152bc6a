import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logging.module';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationInbox } from '../notifications/notification-inbox.service';
import { NotificationsService } from '../notifications/notifications.service';
import { reactionsNotification, replyNotifications } from './forum-notification-texts';
import { ForumNotificationsRepository } from './forum-notifications.repository';

/** Tells members about the support others give them: replies in their threads or to their posts, and reactions. */
@Injectable()
export class ForumNotifications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forum: ForumNotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly inbox: NotificationInbox,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * In the transaction that published the post, so the notifications commit with the publish or
   * not at all. Only a reply that is PUBLISHED is announced: a pending or held one never is.
   */
  async afterPublished(manager: EntityManager, postId: string): Promise<void> {
    const reply = await this.forum.publishedReply(manager, postId);
    if (!reply) return;
    const { replyAuthorDisplayName, ...rest } = reply;
    await this.notifications.notify(manager, replyNotifications({ ...rest, replyAuthorName: replyAuthorDisplayName ?? 'A member' }));
  }

  /**
   * After a new reaction was stored: the post's author gets one unread notification per post with
   * the totals so far, not one per reaction. A failure is logged and the reaction stands.
   */
  async afterReaction(postId: string, reactorId: string): Promise<void> {
    try {
      await this.dataSource.transaction((manager) =>
        this.inbox.gather(manager, NotificationKind.REACTIONS_TO_YOUR_POST, { postId }, async () => {
          const post = await this.forum.reactedPost(manager, postId);
          return post && post.authorId !== reactorId ? reactionsNotification(post) : null;
        }),
      );
    } catch (error) {
      this.logger.warn({ postId, err: { message: (error as Error).message } }, 'could not notify the author of a reaction');
    }
  }
}
