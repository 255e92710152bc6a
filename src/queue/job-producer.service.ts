import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, JobState, Queue } from 'bullmq';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { EnqueuedJobName, JOB_ID, JOB_QUEUE, JobPayloads, JobRequest, parseJobPayload, QueueName, ScheduledJobName } from './queue.types';

/**
 * Retries and retention, explained where they are set. Screening gets several attempts with
 * exponential backoff; its last failed attempt is where the worker holds the post for a human.
 * Finished jobs hold ids only, but are still trimmed so Redis does not grow forever.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/**
 * A sweep runs once: the next one is its retry. Completed sweeps are not kept (there is one per
 * interval); failed ones are, for a while, so an operator can see why sweeping stopped working.
 */
const SWEEP_JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: true, removeOnFail: { age: 24 * 3_600, count: 100 } };

/** Longest an add may wait while Redis is reachable but slow; then the caller's outbox takes over. */
const ADD_TIMEOUT_MS = 5_000;

export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/** A job's state in Redis, 'unknown' when it is not there (never added, removed, or Redis lost it). */
export interface JobLookup {
  state: JobState | 'unknown';
  attemptsMade: number;
}

/** Validated before it reaches Redis, with the schema the worker checks it against again; and its deterministic id. */
function validated<N extends EnqueuedJobName>(name: N, data: unknown): { data: JobPayloads[N]; jobId: string } {
  const payload = parseJobPayload(name, data);
  return { data: payload, jobId: JOB_ID[name](payload) };
}

/** The one way features put work on a queue: validated payloads, deterministic ids, the queue JOB_QUEUE names. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.SCREENING) screening: Queue,
    @InjectQueue(QueueName.ESCALATION) escalation: Queue,
    @InjectQueue(QueueName.MODERATION) moderation: Queue,
    @InjectQueue(QueueName.WEBHOOK) webhook: Queue,
    @InjectQueue(QueueName.SWEEPS) sweeps: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.queues = {
      [QueueName.SCREENING]: screening,
      [QueueName.ESCALATION]: escalation,
      [QueueName.MODERATION]: moderation,
      [QueueName.WEBHOOK]: webhook,
      [QueueName.SWEEPS]: sweeps,
    };
  }

  /** The BullMQ queue itself, for reading its state (tests, dashboards); add jobs with `enqueue`. */
  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Adds a job; throws fast when Redis is unreachable (callers with an outbox may ignore that). */
  async enqueue(job: JobRequest<EnqueuedJobName>, options: JobsOptions = {}): Promise<void> {
    const { name, data, jobId } = this.prepare(job);
    this.assertRedisReady(name);
    await this.withinTimeout(name, this.queueOf(job).add(name, data, { ...DEFAULT_JOB_OPTIONS, ...options, jobId }));
  }

  /**
   * For sweepers: make sure a job exists. Adding is idempotent by job id, but a job that already
   * failed for good keeps its id for days and would swallow the add, so it is retried instead.
   * Returns true when something was (re)queued.
   */
  async ensure(job: JobRequest<EnqueuedJobName>, options: JobsOptions = {}): Promise<boolean> {
    const { name, data, jobId } = this.prepare(job);
    const queue = this.queueOf(job);
    const existing = await queue.getJob(jobId);
    if (existing) {
      if (await existing.isFailed()) {
        await existing.retry('failed');
        return true;
      }
      return false;
    }
    await queue.add(name, data, { ...DEFAULT_JOB_OPTIONS, ...options, jobId });
    return true;
  }

  /** Where a job stands in Redis. */
  async lookup(job: JobRequest<EnqueuedJobName>): Promise<JobLookup> {
    const { jobId } = this.prepare(job);
    const found = await this.queueOf(job).getJob(jobId);
    if (!found) return { state: 'unknown', attemptsMade: 0 };
    return { state: await found.getState(), attemptsMade: found.attemptsMade };
  }

  /** Adds a job again whose previous run finished (completed) under the same id: the old record goes first. */
  async replace(job: JobRequest<EnqueuedJobName>, options: JobsOptions = {}): Promise<void> {
    const { jobId } = this.prepare(job);
    await this.queueOf(job).remove(jobId);
    await this.enqueue(job, options);
  }

  /** Creates or updates a sweep's job scheduler: one job every `everyMs`, whichever worker takes it. */
  async schedule(name: ScheduledJobName, everyMs: number): Promise<void> {
    this.assertRedisReady(name);
    const data = parseJobPayload(name, {});
    await this.withinTimeout(name, this.queues[JOB_QUEUE[name]].upsertJobScheduler(name, { every: everyMs }, { name, data, opts: SWEEP_JOB_OPTIONS }));
  }

  private prepare(job: JobRequest<EnqueuedJobName>): { name: EnqueuedJobName; data: unknown; jobId: string } {
    return { name: job.name, ...validated(job.name, job.data) };
  }

  private queueOf(job: JobRequest): Queue {
    return this.queues[JOB_QUEUE[job.name]];
  }

  private assertRedisReady(name: string): void {
    // BullMQ waits for its connection forever; a request must not. The shared client (same Redis)
    // says at once whether Redis answers, and the timeout covers a connection that hangs.
    if (this.redis.status !== 'ready') throw new QueueUnavailableError(`Redis is unavailable (${this.redis.status}): ${name} not enqueued`);
  }

  private async withinTimeout(name: string, adding: Promise<unknown>): Promise<void> {
    // If it completes after the timeout, the job is simply there (deterministic id); never unhandled.
    adding.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        adding,
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new QueueUnavailableError(`${name} not enqueued within ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS)),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
