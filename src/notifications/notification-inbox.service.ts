import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind } from './entities/notification.entity';
import { NotificationModel } from './models/notification.model';
import { GatheredRow, NotificationInboxRepository } from './notification-inbox.repository';
import { toModel } from './notifications.service';
import { NotificationAnnouncer } from './realtime/notification-announcer';

/**
 * What a member does with their inbox beyond reading the list (mark everything read, receive one
 * live), and how a stream of small events becomes one notification instead of a flood.
 */
@Injectable()
export class NotificationInbox {
  constructor(
    private readonly inbox: NotificationInboxRepository,
    private readonly announcer: NotificationAnnouncer,
  ) {}

  async findOwn(memberId: string, id: string): Promise<NotificationModel | null> {
    const row = await this.inbox.findOwn(memberId, id);
    return row ? toModel(row) : null;
  }

  markAllRead(memberId: string): Promise<number> {
    return this.inbox.markAllRead(memberId);
  }

  /**
   * In the caller's transaction: one unread notification per group (`gatherBy`, e.g. a post id),
   * rewritten as events arrive; once the member has read it, the next event starts a new one.
   * `compose` runs after the group's lock is taken, so what it reads includes every earlier
   * event's commit; it returns null when there is nothing to say. The result reaches the member
   * live after commit.
   */
  async gather(
    manager: EntityManager,
    kind: NotificationKind,
    gatherBy: Record<string, string>,
    compose: () => Promise<Omit<GatheredRow, 'kind'> | null>,
  ): Promise<void> {
    await this.inbox.lockGroup(manager, kind, gatherBy);
    const composed = await compose();
    if (!composed) return;
    const notificationId = await this.inbox.rewriteOrInsertUnread(manager, { ...composed, kind }, gatherBy);
    this.announcer.afterCommit(manager, [{ notificationId, memberId: composed.memberId }]);
  }
}
