import { ConnectionOptions, JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-producer.service';
import { JOB_ID, JobName, JobPayloads } from './queue.types';

/**
 * A consumer's own Redis connection: blocking reads, retrying through an outage. The registered
 * queues use fail-fast producer connections, right for the API and wrong for a worker.
 */
export function workerConnection(config: AppConfig): ConnectionOptions {
  return { ...redisServerOptions(config.redis.url), maxRetriesPerRequest: null, enableAutoPipelining: false };
}

/** Host, port, credentials, database and TLS from a redis:// or rediss:// URL. */
export function redisServerOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * For sweepers: make sure a timer job exists. Adding is idempotent by job id, but a job that
 * already failed for good keeps its id for days and would swallow the add, so it is retried instead.
 * Returns true when something was (re)queued.
 */
export async function ensureJob<N extends JobName>(queue: Queue, name: N, data: JobPayloads[N], options: JobsOptions = {}): Promise<boolean> {
  const jobId = JOB_ID[name](data);
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
