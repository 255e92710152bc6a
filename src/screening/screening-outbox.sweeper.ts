import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/queue.types';
import { ScreenPostProcessor } from './screen-post.processor';
import { PostRevisionKey, ScreeningRepository } from './screening.repository';

/** Rows looked at per sweep; a backlog larger than this drains over the next sweeps. */
const SWEEP_BATCH = 500;

export interface SweepResult {
  /** Requests put (back) on the queue. */
  enqueued: number;
  /** Requests whose job failed for good but whose hold never committed: held now. */
  failedClosed: number;
  /** Requests whose job is still waiting, delayed or running. */
  inFlight: number;
}

/**
 * The outbox side of "none lost": screening requests still PENDING after a while are checked
 * against their job in Redis. A missing job (Redis was down when the post was written, or the job
 * was lost) is enqueued again; a job that failed for good without its hold committing (the
 * database was out, or BullMQ failed a job that stalled too often) is failed closed here.
 * Deterministic job ids make racing sweepers in several workers harmless.
 */
@Injectable()
export class ScreeningOutboxSweeper {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
    private readonly processor: ScreenPostProcessor,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(): Promise<SweepResult> {
    const afterSeconds = this.config.screening.sweepAfterMs / 1000;
    const stale = await this.screenings.staleRequests(afterSeconds, SWEEP_BATCH);
    const result: SweepResult = { enqueued: 0, failedClosed: 0, inFlight: 0 };
    const enqueued: PostRevisionKey[] = [];
    for (const request of stale) {
      const job = { name: JobName.SCREEN_POST, data: request } as const;
      const { state, attemptsMade } = await this.jobs.lookup(job);
      switch (state) {
        case 'failed':
          await this.processor.failClosed(job.data, { name: 'JobFailedInQueue', attempts: attemptsMade });
          result.failedClosed += 1;
          break;
        case 'completed':
          // Completed without finishing its request should not happen (they commit together);
          // screen again rather than trust it: the screenings unique key keeps it idempotent.
          await this.jobs.replace(job);
          enqueued.push(job.data);
          break;
        case 'unknown':
          await this.jobs.enqueue(job);
          enqueued.push(job.data);
          break;
        case 'active':
        case 'waiting':
        case 'waiting-children':
        case 'delayed':
        case 'prioritized':
          result.inFlight += 1;
          break;
      }
    }
    if (enqueued.length > 0) {
      await this.screenings.markReenqueued(enqueued);
      this.logger.info({ count: enqueued.length }, 'outbox sweeper re-enqueued unfinished screening requests');
    }
    result.enqueued = enqueued.length;
    return result;
  }
}
