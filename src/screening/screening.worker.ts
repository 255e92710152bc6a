import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobHandler } from '../queue/job-handlers';
import { JobName, JobPayloads, parseJobPayload } from '../queue/queue.types';
import { ScreenPostProcessor } from './screen-post.processor';
import { ScreeningOutboxSweeper } from './screening-outbox.sweeper';

/** Failures BullMQ decides without calling the processor: the job stalled (its worker died) too often. */
const GAVE_UP_ON_STALLS = /stalled more than allowable limit|started more than allowable limit/;

/**
 * Screening's jobs, run by the worker host: screen a post revision (failing closed on its last
 * attempt, and when BullMQ gives up on a job that stalled too often), and sweep the outbox.
 */
@Injectable()
export class ScreeningJobHandlers {
  readonly screenPost: JobHandler<JobName.SCREEN_POST> = {
    run: (data, job) => this.screen(data, job),
    onFailed: (job, error) => this.holdIfGivenUpOnStalls(job, error),
  };

  readonly sweepOutbox: JobHandler<JobName.SWEEP_SCREENING_OUTBOX> = { run: () => this.sweeper.sweep() };

  constructor(
    private readonly processor: ScreenPostProcessor,
    private readonly sweeper: ScreeningOutboxSweeper,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs one screening; on the last attempt a failure holds the post before the job fails. */
  private async screen(data: JobPayloads[JobName.SCREEN_POST], job: Job): Promise<unknown> {
    try {
      return await this.processor.screen(data);
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error;
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        // If this write fails too, the outbox row stays PENDING and the sweeper holds the post.
        await this.processor
          .failClosed(data, { name: (error as Error).name, attempts })
          .catch((holdError: unknown) =>
            this.logger.error(
              { err: { message: (holdError as Error).message }, jobId: job.id },
              'could not hold a post after screening failed; the sweeper will',
            ),
          );
      }
      throw error;
    }
  }

  private async holdIfGivenUpOnStalls(job: Job, error: Error): Promise<void> {
    if (!GAVE_UP_ON_STALLS.test(error.message)) return;
    try {
      await this.processor.failClosed(parseJobPayload(JobName.SCREEN_POST, job.data), { name: 'Stalled', attempts: job.attemptsMade });
    } catch (holdError) {
      this.logger.error(
        { err: { message: (holdError as Error).message }, jobId: job.id },
        'could not hold a post whose job stalled too often; the sweeper will',
      );
    }
  }
}
