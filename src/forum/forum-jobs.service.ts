import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { JOB_QUEUE, JobName, JobPayloads } from '../queue/queue.types';

/**
 * How long a request waits for Redis to take a job. BullMQ's `add` waits for a connection that is
 * down instead of failing, so without a deadline an outage would hang every post.
 */
export const ENQUEUE_DEADLINE_MS = 500;

/**
 * Enqueues the forum's jobs after its transaction committed. Never throws: what the job is for is
 * already in PostgreSQL (a screening request, a report), so a lost enqueue is recovered from there.
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

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the job within ${ENQUEUE_DEADLINE_MS} ms`)), ENQUEUE_DEADLINE_MS);
    });
    try {
      await Promise.race([this.jobs.add(JOB_QUEUE[name], name, data), deadline]);
      return true;
    } catch (error) {
      // Ids only: job payloads never carry text.
      this.logger.warn({ job: name, data, err: error instanceof Error ? error.message : String(error) }, 'job not enqueued; it will be recovered from the database');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
