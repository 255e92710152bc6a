import { randomUUID } from 'node:crypto';
import { JobProducer } from '../../src/queue/job-producer.service';
import { InvalidJobPayloadError, JOB_SCHEDULE, JobName, QueueName } from '../../src/queue/queue.types';
import { startTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../utils/wait-for';

/**
 * The job plumbing itself: payloads checked on both sides of Redis with one schema, jobs only on
 * the queue JOB_QUEUE names, and the sweeps as BullMQ job schedulers rather than timers.
 */
describe('job worker host', () => {
  let app: TestApp;
  let jobs: JobProducer;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all', env: { TIMER_SWEEP_SECONDS: '7', SCREENING_SWEEP_EVERY_MS: '3000' } });
    jobs = app.running.app.get(JobProducer);
  });

  afterAll(() => app?.close());

  it('should keep one scheduler per sweep in Redis, at the configured intervals', async () => {
    // Earlier apps of this run share the Redis prefix and left their schedulers: wait for this worker's upserts.
    const expected = {
      [JobName.SWEEP_SCREENING_OUTBOX]: 3_000,
      [JobName.SWEEP_ESCALATION_TIMERS]: 7_000,
      [JobName.SWEEP_MODERATION_TIMERS]: 7_000,
      [JobName.CHECK_ROSTER_GAPS]: 900_000,
      [JobName.REFRESH_ENGAGEMENT_ROLLUP]: 300_000,
      [JobName.SWEEP_RETENTION]: 3_600_000,
    };
    const intervals = async () => Object.fromEntries((await jobs.queue(QueueName.SWEEPS).getJobSchedulers()).map((s) => [s.key, Number(s.every)]));
    const matches = (found: Record<string, number>) =>
      Object.keys(found).length === Object.keys(expected).length && Object.entries(expected).every(([name, every]) => found[name] === every);
    await waitFor("the sweeps to be scheduled at this worker's intervals", async () => matches(await intervals()), { timeoutMs: 10_000 }).catch(
      () => undefined,
    );
    expect(await intervals()).toEqual(expected);
    expect(Object.keys(expected)).toEqual(Object.keys(JOB_SCHEDULE));
  });

  it('should refuse to enqueue a payload its schema rejects, naming the field and adding nothing', async () => {
    const postId = 'not-a-uuid';
    await expect(jobs.enqueue({ name: JobName.SCREEN_POST, data: { postId, revision: 1 } })).rejects.toThrow(
      new InvalidJobPayloadError('invalid screen-post payload: postId'),
    );
    expect(await jobs.queue(QueueName.SCREENING).getJob(`screen-post:${postId}:1`)).toBeUndefined();
  });

  it('should fail a job whose payload came out of Redis wrong at once, without retrying it', async () => {
    // Written past the producer, as anything with access to Redis could.
    const job = await jobs.queue(QueueName.SCREENING).add(JobName.SCREEN_POST, { postId: randomUUID(), revision: 'one' }, { attempts: 5 });
    await waitFor('the job to fail', async () => (await job.isFailed()) || null);
    const failed = await jobs.queue(QueueName.SCREENING).getJob(job.id ?? '');
    expect({ attemptsMade: failed?.attemptsMade, failedReason: failed?.failedReason }).toEqual({
      attemptsMade: 1,
      failedReason: 'invalid screen-post payload: revision',
    });
  });

  it('should fail a job put on a queue that does not carry it', async () => {
    const job = await jobs.queue(QueueName.SCREENING).add(JobName.CASE_DUE, { caseId: randomUUID(), dueAt: new Date().toISOString() }, { attempts: 5 });
    await waitFor('the job to fail', async () => (await job.isFailed()) || null);
    const failed = await jobs.queue(QueueName.SCREENING).getJob(job.id ?? '');
    expect({ attemptsMade: failed?.attemptsMade, failedReason: failed?.failedReason }).toEqual({
      attemptsMade: 1,
      failedReason: 'the screening queue has no handler for "case-due"',
    });
  });
});
