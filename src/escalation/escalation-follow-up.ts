import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logging.module';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { JobProducer } from '../queue/job-producer.service';
import { EscalationPage, JobName } from '../queue/queue.types';

/** What must happen once a signal attached to an open escalation has committed. */
export interface EscalationFollowUp {
  escalationId: string;
  /** A higher severity re-paged it: this page. */
  page: EscalationPage | null;
}

/**
 * A signal attaches to a client's open escalation inside the caller's transaction (screening's,
 * or a moderator's escalation), which escalation does not end. This runs its after-commit half
 * (the re-page job, the `escalationChanged` event) when the outermost transaction commits, so no
 * caller has to carry it; a rolled-back attach is never announced. Losing Redis here loses no
 * page: the re-paged level is marked unpaged and the escalation sweeper pages it.
 */
@Injectable()
export class EscalationFollowUps implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, EscalationFollowUp[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly pubsub: RedisPubSub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    dataSource.subscribers.push(this);
  }

  afterCommit(manager: EntityManager, followUp: EscalationFollowUp): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      void this.run([followUp]);
      return;
    }
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), followUp]);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const followUps = this.pending.get(event.queryRunner);
    if (!followUps) return;
    this.pending.delete(event.queryRunner);
    void this.run(followUps);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async run(followUps: readonly EscalationFollowUp[]): Promise<void> {
    for (const { escalationId, page } of followUps) {
      try {
        if (page) await this.jobs.enqueue({ name: JobName.PAGE_ESCALATION, data: page });
        await this.pubsub.publish(RealtimeEvent.ESCALATION_CHANGED, { escalationId });
      } catch (error) {
        this.logger.warn(
          { escalationId, err: { message: (error as Error).message } },
          'could not follow up an attached signal; the escalation sweeper re-pages it',
        );
      }
    }
  }
}
