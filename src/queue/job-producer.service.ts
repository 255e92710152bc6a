import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { JOB_ID, JobName, JobPayloads, QueueName } from './queue.types';

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

/** Longest an add may wait while Redis is reachable but slow; then the caller's outbox takes over. */
const ADD_TIMEOUT_MS = 5_000;

export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/** The one way features put work on a queue: typed payloads, deterministic ids, the right queue. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.SCREENING) screening: Queue,
    @InjectQueue(QueueName.ESCALATION) escalation: Queue,
    @InjectQueue(QueueName.MODERATION) moderation: Queue,
    @InjectQueue(QueueName.WEBHOOK) webhook: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.queues = {
      [QueueName.SCREENING]: screening,
      [QueueName.ESCALATION]: escalation,
      [QueueName.MODERATION]: moderation,
      [QueueName.WEBHOOK]: webhook,
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Adds a job; throws fast when Redis is unreachable (callers with an outbox may ignore that). */
  async add<N extends JobName>(queue: QueueName, name: N, data: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    // BullMQ waits for its connection forever; a request must not. The shared client (same Redis)
    // says at once whether Redis answers, and the timeout covers a connection that hangs.
    if (this.redis.status !== 'ready') throw new QueueUnavailableError(`Redis is unavailable (${this.redis.status}): ${name} not enqueued`);
    const adding = this.queues[queue].add(name, data, { ...DEFAULT_JOB_OPTIONS, ...options, jobId: JOB_ID[name](data) });
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
