import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Logger } from 'pino';
import { z } from 'zod';
import { AppConfig } from '../config/app-config';
import { workerConnection } from '../queue/worker-connection';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobName, QueueName } from '../queue/queue.types';
import { CaseTimersService } from './case-timers.service';

type ModerationJobName = JobName.CASE_DUE | JobName.REVIEW_REPORT;

const caseDuePayload = z.strictObject({ caseId: z.uuid(), dueAt: z.string() });
const reviewReportPayload = z.strictObject({ reportId: z.uuid() });

function parse<T>(schema: z.ZodType<T>, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${job.name} payload`);
  return parsed.data;
}

/** The moderation queue's BullMQ worker and the case-timer sweeper (worker process only). */
@Injectable()
export class ModerationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  private readonly routes: { [N in ModerationJobName]: (job: Job) => Promise<unknown> } = {
    [JobName.CASE_DUE]: (job) => this.timers.caseDue(parse(caseDuePayload, job).caseId),
    [JobName.REVIEW_REPORT]: (job) => this.timers.reviewReport(parse(reviewReportPayload, job).reportId),
  };

  constructor(
    private readonly config: AppConfig,
    private readonly timers: CaseTimersService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      QueueName.MODERATION,
      async (job) => {
        const route = this.routes[job.name as ModerationJobName] as ((job: Job) => Promise<unknown>) | undefined;
        if (!route) throw new UnrecoverableError(`unknown moderation job ${job.name}`);
        return route(job);
      },
      { connection: workerConnection(this.config), prefix: this.config.redis.prefix, concurrency: 4 },
    );
    this.worker.on('failed', (job, error) => this.logger.warn({ job: job?.name, jobId: job?.id, err: { message: error.message } }, 'moderation job failed'));
    this.worker.on('error', (error) => this.logger.warn({ err: { message: error.message } }, 'moderation worker: redis error'));
    this.sweepTimer = setInterval(() => this.sweepInBackground(), this.config.escalationTimers.sweepSeconds * 1_000);
    this.sweepTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.worker?.close();
    await this.sweeping;
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.timers
      .sweep()
      .catch((error: Error) => this.logger.warn({ err: { message: error.message } }, 'moderation sweep failed; next sweep retries'))
      .finally(() => {
        this.sweeping = null;
      });
  }
}
