import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { JobName, QueueName } from '../queue/queue.types';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { ScreeningRequestEntity } from './entities/screening-request.entity';

export interface NewRevision {
  postId: string;
  revision: number;
  authorId: string;
  bodyHtml: string;
  /** What screening reads (see `screenedText`). */
  bodyText: string;
}

/**
 * The write side of "every revision is screened": the revision and its screening request are
 * written in the caller's transaction; the job is enqueued after commit. If Redis is down then,
 * the post is still saved and the worker's sweeper enqueues it later.
 */
@Injectable()
export class ScreeningOutboxService {
  private readonly logger: Logger;

  constructor(
    private readonly jobs: JobProducer,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'screening-outbox' });
  }

  async record(manager: EntityManager, revision: NewRevision): Promise<void> {
    await manager.insert(PostRevisionEntity, revision);
    await manager.insert(ScreeningRequestEntity, { postId: revision.postId, revision: revision.revision });
  }

  /** Call after the transaction committed; never throws. */
  async dispatch(postId: string, revision: number): Promise<void> {
    try {
      await this.jobs.add(QueueName.SCREENING, JobName.SCREEN_POST, { postId, revision });
    } catch (error) {
      this.logger.warn(
        { postId, revision, err: error instanceof Error ? error.message : String(error) },
        'screen-post not enqueued; the outbox sweeper will pick it up',
      );
    }
  }
}
