import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JOB_HANDLERS, JobHandlers } from './job-handlers';
import { JobProducer } from './job-producer.service';
import { QUEUE_WORKER_SETTINGS } from './queue-worker-settings';
import { InvalidJobPayloadError, isJobName, JOB_QUEUE, JOB_SCHEDULE, JobName, JobPayloads, parseJobPayload, QueueName, ScheduledJobName } from './queue.types';
import { workerConnection } from './worker-connection';

/** Waits between attempts to create the sweeps' schedulers while Redis is not answering. */
const SCHEDULE_RETRY_MS = { first: 500, max: 5_000 };

function isScheduled(name: JobName): name is ScheduledJobName {
  return name in JOB_SCHEDULE;
}

/** The payload as its job's schema reads it. An invalid one names nothing to act on, so retrying it can never help. */
function validPayload<N extends JobName>(name: N, job: Job): JobPayloads[N] {
  try {
    return parseJobPayload(name, job.data);
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

/**
 * The worker process's BullMQ workers: one per queue, each running the handlers of its jobs
 * (JOB_QUEUE) with its settings (QUEUE_WORKER_SETTINGS), and the sweeps' schedulers. Starts after
 * the application (so the toxicity model is loaded), and closes before anything else shuts down:
 * active jobs finish, and only then do the database and Redis connections close.
 */
@Injectable()
export class JobWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: Worker[] = [];
  /** Sweeps running in this process: a sweep that comes due while its previous run is still going is skipped. */
  private readonly sweeping = new Set<ScheduledJobName>();
  private scheduling: Promise<void> | null = null;
  private closing = false;

  constructor(
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandlers,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job) => this.process(queue, job), {
        connection: workerConnection(this.config),
        prefix: this.config.redis.prefix,
        ...QUEUE_WORKER_SETTINGS[queue](this.config),
      });
      worker.on('failed', (job, error) => this.onFailed(queue, job, error));
      // Connection errors repeat while Redis is down; BullMQ reconnects by itself.
      worker.on('error', (error) => this.logger.warn({ queue, err: { message: error.message } }, 'job worker: redis error'));
      this.workers.push(worker);
      // A Redis that comes back empty (a lost node) has lost the schedulers too: made again on every (re)connect.
      if (queue === QueueName.SWEEPS) worker.on('ready', () => this.scheduleSweeps());
    }
    this.scheduleSweeps();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    // Waits for active jobs (sweeps included) to finish; jobs not started stay in Redis for the next worker.
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private async process(queue: QueueName, job: Job): Promise<unknown> {
    const name = job.name;
    if (!isJobName(name) || JOB_QUEUE[name] !== queue) throw new UnrecoverableError(`the ${queue} queue has no handler for "${name}"`);
    return this.run(name, job);
  }

  private async run<N extends JobName>(name: N, job: Job): Promise<unknown> {
    const data = validPayload(name, job);
    const handler = this.handlers[name];
    if (!isScheduled(name)) return handler.run(data, job);
    if (this.sweeping.has(name)) return 'skipped: the previous sweep is still running';
    this.sweeping.add(name);
    try {
      return await handler.run(data, job);
    } finally {
      this.sweeping.delete(name);
    }
  }

  private onFailed(queue: QueueName, job: Job | undefined, error: Error): void {
    const fields = { queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: { name: error.name, message: error.message } };
    if (error instanceof UnrecoverableError) this.logger.error(fields, 'job rejected');
    else this.logger.warn(fields, 'job failed');
    if (!job || !isJobName(job.name) || JOB_QUEUE[job.name] !== queue) return;
    this.handlers[job.name]
      .onFailed?.(job, error)
      .catch((hookError: unknown) =>
        this.logger.error({ queue, job: job.name, jobId: job.id, err: { message: (hookError as Error).message } }, 'job failure handler failed'),
      );
  }

  /** Creates (or updates) every sweep's scheduler, retrying until Redis answers; one attempt at a time. */
  private scheduleSweeps(): void {
    if (this.closing || this.scheduling) return;
    this.scheduling = this.upsertSchedules().finally(() => (this.scheduling = null));
  }

  private async upsertSchedules(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt += 1) {
      try {
        for (const name of Object.keys(JOB_SCHEDULE) as ScheduledJobName[]) await this.jobs.schedule(name, JOB_SCHEDULE[name](this.config));
        return;
      } catch (error) {
        if (this.closing) return;
        this.logger.warn({ attempt, err: { message: (error as Error).message } }, 'could not schedule the sweeps; retrying');
        const waitMs = Math.min(SCHEDULE_RETRY_MS.first * attempt, SCHEDULE_RETRY_MS.max);
        await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      }
    }
  }
}
