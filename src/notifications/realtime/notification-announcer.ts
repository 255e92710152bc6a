import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ROOT_LOGGER } from '../../logging/logging.module';
import { RealtimeEvent } from './realtime-events';
import { RedisPubSub } from './redis-pubsub';

export interface AddedNotification {
  notificationId: string;
  memberId: string;
}

/**
 * Tells the member's open app about a notification once the transaction that wrote it has
 * committed, never before: a subscriber that reads the row on the event must find it, and a
 * rolled-back notification is never announced. Writers call `afterCommit` inside their
 * transaction; this registers itself as a TypeORM subscriber and publishes on the commit of the
 * outermost transaction, so no call site has to carry ids past its own commit.
 *
 * The publish is not awaited by the commit: the connection goes back to the pool at once, and a
 * Redis outage costs the member a live update (the app re-reads its list when it reconnects),
 * never a notification.
 */
@Injectable()
export class NotificationAnnouncer implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, AddedNotification[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly pubsub: RedisPubSub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Called by the writer in the transaction that wrote the rows (or after an autocommitted write). */
  afterCommit(manager: EntityManager, added: readonly AddedNotification[]): void {
    if (added.length === 0) return;
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      this.publish(added);
      return;
    }
    const waiting = this.pending.get(runner);
    if (waiting) waiting.push(...added);
    else this.pending.set(runner, [...added]);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint: the outer transaction may still roll back.
    if (event.queryRunner.isTransactionActive) return;
    const added = this.pending.get(event.queryRunner);
    if (!added) return;
    this.pending.delete(event.queryRunner);
    this.publish(added);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Rows written inside a rolled-back savepoint stay listed; the subscription finds no row for them and sends nothing.
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private publish(added: readonly AddedNotification[]): void {
    for (const { notificationId, memberId } of added) {
      // Ids only, copied field by field: nothing else reaches Redis.
      this.pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId, memberId }).catch((error: unknown) => {
        this.logger.warn({ notificationId, err: { message: (error as Error).message } }, 'could not publish notification-added');
      });
    }
  }
}
