import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { EnqueuedJobName, JobRequest } from '../queue/queue.types';

/**
 * Enqueues the forum's jobs after its transaction committed. Never throws: what each job is for is
 * already in PostgreSQL (a screening request, a report), and the worker's sweepers enqueue what
 * could not be enqueued here, so an outage costs a delay, not a post.
 */
@Injectable()
export class ForumJobs {
  private readonly logger: Logger;

  constructor(
    private readonly jobs: JobProducer,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'forum-jobs' });
  }

  async enqueue(job: JobRequest<EnqueuedJobName>): Promise<boolean> {
    try {
      await this.jobs.enqueue(job);
      return true;
    } catch (error) {
      // Ids only: job payloads never carry text.
      this.logger.warn(
        { job: job.name, data: job.data, err: error instanceof Error ? error.message : String(error) },
        'job not enqueued; the sweeper will recover it',
      );
      return false;
    }
  }
}
