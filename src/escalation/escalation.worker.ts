import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Logger } from 'pino';
import { z } from 'zod';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { EscalationPage, JobName, QueueName } from '../queue/queue.types';
import { EscalationPagingService } from './escalation-paging.service';
import { workerConnection } from '../queue/worker-connection';

/** Job data is re-validated in the worker: anything that reached Redis is input, not truth. */
const levelPayload = z.strictObject({ escalationId: z.uuid(), level: z.number().int().min(1).max(10), reminder: z.number().int().min(0).optional() });

function parseLevelPayload(job: Job): EscalationPage {
  const parsed = levelPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${job.name} payload`);
  return parsed.data;
}

type EscalationJobName = JobName.PAGE_ESCALATION | JobName.ESCALATION_DEADLINE;

/**
 * The escalation and webhook queues' BullMQ workers and the sweeper's timer (worker process only).
 * Paging runs at a few jobs at once; webhooks wait on the network, so more of them run together.
 */
@Injectable()
export class EscalationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: Worker[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  private readonly routes: { [N in EscalationJobName]: (job: Job) => Promise<unknown> } = {
    [JobName.PAGE_ESCALATION]: (job) => this.paging.page(parseLevelPayload(job)),
    [JobName.ESCALATION_DEADLINE]: (job) => this.paging.deadline(parseLevelPayload(job)),
  };

  constructor(
    private readonly config: AppConfig,
    private readonly paging: EscalationPagingService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const common = { connection: workerConnection(this.config), prefix: this.config.redis.prefix };
    this.workers.push(
      new Worker(QueueName.ESCALATION, (job) => this.routeEscalation(job), { ...common, concurrency: 4 }),
      new Worker(
        QueueName.WEBHOOK,
        async (job) => {
          if (job.name !== (JobName.DELIVER_ESCALATION_WEBHOOK as string)) throw new UnrecoverableError(`unknown webhook job ${job.name}`);
          await this.paging.deliverWebhook(parseLevelPayload(job), job.attemptsMade + 1);
        },
        { ...common, concurrency: 8 },
      ),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { queue: worker.name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: { message: error.message } },
          'escalation job failed',
        ),
      );
      worker.on('error', (error) => this.logger.warn({ queue: worker.name, err: { message: error.message } }, 'escalation worker: redis error'));
    }
    this.sweepTimer = setInterval(() => this.sweepInBackground(), this.config.escalationTimers.sweepSeconds * 1_000);
    this.sweepTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all(this.workers.map((w) => w.close()));
    await this.sweeping;
  }

  private async routeEscalation(job: Job): Promise<unknown> {
    const route = this.routes[job.name as EscalationJobName] as ((job: Job) => Promise<unknown>) | undefined;
    if (!route) throw new UnrecoverableError(`unknown escalation job ${job.name}`);
    return route(job);
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.paging
      .sweep()
      .catch((error: Error) => this.logger.warn({ err: { message: error.message } }, 'escalation sweep failed; next sweep retries'))
      .finally(() => {
        this.sweeping = null;
      });
  }
}
