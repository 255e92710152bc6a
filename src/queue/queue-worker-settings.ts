import type { WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { JOB_SCHEDULE, QueueName } from './queue.types';

export type QueueWorkerSettings = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/** How each queue's BullMQ worker runs, per process. The compiler insists every queue has settings. */
export const QUEUE_WORKER_SETTINGS: Record<QueueName, (config: AppConfig) => QueueWorkerSettings> = {
  [QueueName.SCREENING]: ({ screening: { concurrency, lockMs } }) => ({
    // Concurrent jobs meet in the toxicity model's micro-batches.
    concurrency,
    lockDuration: lockMs,
    // A dead worker's jobs are taken over after about one lock duration...
    stalledInterval: lockMs,
    // ...and a job may be orphaned a few times (worker restarts) before it is failed closed.
    maxStalledCount: 3,
  }),
  // Paging runs at a few jobs at once...
  [QueueName.ESCALATION]: () => ({ concurrency: 4 }),
  // ...webhooks wait on the network, so more of them run together.
  [QueueName.WEBHOOK]: () => ({ concurrency: 8 }),
  [QueueName.MODERATION]: () => ({ concurrency: 4 }),
  // One slot per sweep, so a sweep stuck on a query does not hold up the others.
  [QueueName.SWEEPS]: () => ({ concurrency: Object.keys(JOB_SCHEDULE).length }),
};
