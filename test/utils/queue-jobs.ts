import { Job, JobType, Queue } from 'bullmq';
import { QueueName } from '../../src/queue/queue.types';
import { redisServerOptions } from '../../src/queue/worker-connection';
import { waitFor, WaitOptions } from './wait-for';

/** A running app's queue, read from outside it (its Redis URL and key prefix). Close it when done. */
export function openQueue(name: QueueName, redisUrl: string, prefix: string): Queue {
  return new Queue(name, { connection: { ...redisServerOptions(redisUrl), maxRetriesPerRequest: 1 }, prefix });
}

/** Every state in which a job has still to run: queued, scheduled, running, or waiting for a retry. */
const UNFINISHED: JobType[] = ['waiting', 'prioritized', 'delayed', 'active', 'paused', 'waiting-children'];

/**
 * Waits until no job that `matches` is left to run, and returns the finished ones (completed or
 * failed for good). Jobs of one subject only ever create each other (an escalation's page
 * schedules its deadline, the deadline the next page), and a running job adds its follow-up
 * before it completes, so once none is left nothing more will happen to that subject: this is the
 * event a test awaits before asserting that something did not happen, instead of sleeping for a
 * while. One read of every state at once (BullMQ reads them in one MULTI), so a job moving
 * between states is never missed.
 */
export async function jobsSettled(queue: Queue, matches: (job: Job) => boolean, what: string, options: WaitOptions = {}): Promise<Job[]> {
  return waitFor(
    what,
    async () => {
      const unfinished = (await queue.getJobs(UNFINISHED)).filter((job) => job && matches(job));
      if (unfinished.length > 0) return null;
      return (await queue.getJobs(['completed', 'failed'])).filter((job) => job && matches(job));
    },
    { intervalMs: 100, ...options },
  );
}
