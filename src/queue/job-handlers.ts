import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './queue.types';

/** What the worker host runs for one job name. */
export interface JobHandler<N extends JobName> {
  /** Does the job, given its validated payload. A throw retries it; an UnrecoverableError fails it at once. */
  run(data: JobPayloads[N], job: Job): Promise<unknown>;
  /**
   * After any failed attempt, including failures BullMQ decides without calling `run` (the job
   * stalled too often). `job.data` is as it came out of Redis: not validated.
   */
  onFailed?(job: Job, error: Error): Promise<void>;
}

/** Handlers for a set of jobs; `JobHandlers` (all of them) is what the host takes. */
export type JobHandlers<N extends JobName = JobName> = { readonly [K in N]: JobHandler<K> };

/** Injection token of the complete table, built where every feature's worker module is in reach (JobWorkersModule). */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
