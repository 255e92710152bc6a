import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/queue.types';
import { ForumJobs } from './forum-jobs.service';

/**
 * The enqueue side of "every revision is screened": the revision and its screening request are
 * written in the writer's transaction (ScreeningOutboxRepository.recordRevision); the job is
 * enqueued after commit. If Redis is down then, the post is still saved and the worker's sweeper
 * enqueues it later.
 */
@Injectable()
export class ScreeningOutboxService {
  constructor(private readonly jobs: ForumJobs) {}

  /** Call after the transaction committed; never throws (the worker's outbox sweeper enqueues what this could not). */
  async dispatch(postId: string, revision: number): Promise<void> {
    await this.jobs.enqueue({ name: JobName.SCREEN_POST, data: { postId, revision } });
  }
}
