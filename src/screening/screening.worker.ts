import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobName, QueueName } from '../queue/queue.types';
import { workerConnection } from '../queue/worker-connection';
import { ScreenPostProcessor } from './screen-post.processor';
import { ScreeningOutboxSweeper } from './screening-outbox.sweeper';

/** The jobs the screening queue carries (see JOB_QUEUE). */
type ScreeningJobName = JobName.SCREEN_POST | JobName.SWEEP_SCREENING_OUTBOX;

/** Failures BullMQ decides without calling the processor: the job stalled (its worker died) too often. */
const GAVE_UP_ON_STALLS = /stalled more than allowable limit|started more than allowable limit/;

/**
 * The screening queue's BullMQ worker and the outbox sweeper's timer. Starts after the
 * application (so the toxicity model is loaded), and closes before anything else shuts down:
 * active jobs finish, and only then do the database and Redis connections close.
 */
@Injectable()
export class ScreeningWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  /** A routing table the compiler checks: every screening job name has exactly one handler. */
  private readonly routes: { [N in ScreeningJobName]: (job: Job) => Promise<unknown> } = {
    [JobName.SCREEN_POST]: (job) => this.screenPost(job),
    [JobName.SWEEP_SCREENING_OUTBOX]: () => this.sweeper.sweep(),
  };

  constructor(
    private readonly config: AppConfig,
    private readonly processor: ScreenPostProcessor,
    private readonly sweeper: ScreeningOutboxSweeper,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const { concurrency, lockMs, sweepEveryMs } = this.config.screening;
    this.worker = new Worker(QueueName.SCREENING, (job) => this.route(job), {
      connection: workerConnection(this.config),
      prefix: this.config.redis.prefix,
      // Concurrent jobs meet in the toxicity model's micro-batches.
      concurrency,
      lockDuration: lockMs,
      // A dead worker's jobs are taken over after about one lock duration...
      stalledInterval: lockMs,
      // ...and a job may be orphaned a few times (worker restarts) before it is failed closed.
      maxStalledCount: 3,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    // Connection errors repeat while Redis is down; BullMQ reconnects by itself.
    this.worker.on('error', (error) => this.logger.warn({ err: { message: error.message } }, 'screening worker: redis error'));
    this.sweepTimer = setInterval(() => this.sweepInBackground(), sweepEveryMs);
    this.sweepTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    // Waits for active jobs to finish; jobs not started stay in Redis for the next worker.
    await this.worker?.close();
    await this.sweeping;
  }

  private async route(job: Job): Promise<unknown> {
    const handler = (this.routes as Partial<Record<string, (job: Job) => Promise<unknown>>>)[job.name];
    if (!handler) throw new UnrecoverableError(`the screening queue has no handler for "${job.name}"`);
    return handler(job);
  }

  /** Runs one screening; on the last attempt a failure holds the post before the job fails. */
  private async screenPost(job: Job): Promise<unknown> {
    try {
      return await this.processor.screen(job.data);
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error;
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        // If this write fails too, the outbox row stays PENDING and the sweeper holds the post.
        await this.processor
          .failClosed(job.data, { name: (error as Error).name, attempts })
          .catch((holdError: unknown) =>
            this.logger.error(
              { err: { message: (holdError as Error).message }, jobId: job.id },
              'could not hold a post after screening failed; the sweeper will',
            ),
          );
      } else {
        this.logger.warn(
          { jobId: job.id, attempt: job.attemptsMade + 1, attempts, err: { name: (error as Error).name, message: (error as Error).message } },
          'screening attempt failed; will retry',
        );
      }
      throw error;
    }
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== String(JobName.SCREEN_POST)) return;
    if (!GAVE_UP_ON_STALLS.test(error.message)) {
      if (error instanceof UnrecoverableError) this.logger.error({ jobId: job.id, err: { message: error.message } }, 'screen-post job rejected');
      return;
    }
    try {
      await this.processor.failClosed(job.data, { name: 'Stalled', attempts: job.attemptsMade });
    } catch (holdError) {
      this.logger.error(
        { err: { message: (holdError as Error).message }, jobId: job.id },
        'could not hold a post whose job stalled too often; the sweeper will',
      );
    }
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweeper
      .sweep()
      .catch((error: unknown) => this.logger.warn({ err: { message: (error as Error).message } }, 'outbox sweep failed; retrying on the next tick'))
      .finally(() => (this.sweeping = null));
  }
}
