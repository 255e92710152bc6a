import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { RunningApp, startApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';
import { JobProducer } from '../../src/queue/job-producer.service';
import { QueueName } from '../../src/queue/queue.types';
import { startTestApp, TestApp, testEnv } from '../helpers/test-app';
import { createMember, createSpace, enqueueScreening, writePost, WrittenPost } from './screening-posts';
import { ensureBuilt, ServerProcess, spawnApp } from '../utils/app-process';
import { waitFor } from '../utils/wait-for';

const POSTS = 200;
const CRISIS_EVERY = 10;
const WORKER_ENV = { TOXICITY_REQUIRED: 'false' };
/**
 * Short locks so the second worker takes over the dead one's jobs in seconds, not half a minute.
 * Only where a takeover is the point: on a loaded machine (load 10 on 2 cores) a worker's lock
 * renewals, every 0.75 s, can come late, and a job in hand whose lock lapsed is left active and
 * lockless after it commits, until a stalled check takes it back.
 */
const TAKEOVER_ENV = { ...WORKER_ENV, SCREENING_LOCK_MS: '1500' };
/** Each test waits up to a minute for the first worker and another for the rest; boot and writes come on top on a loaded machine. */
const TEST_TIMEOUT_MS = 180_000;

/** The worker as a process of the production build, so it can be killed mid-batch. */
function startWorkerProcess(env: NodeJS.ProcessEnv): ServerProcess {
  ensureBuilt();
  return spawnApp('worker', { PATH: process.env.PATH, ...env }, { quiet: true });
}

async function screenedCount(dataSource: DataSource, postIds: string[]): Promise<number> {
  const [row]: Array<{ count: number }> = await dataSource.query(`SELECT count(*)::int AS count FROM screenings WHERE post_id = ANY($1::uuid[])`, [postIds]);
  return row.count;
}

describe('a worker killed with SIGKILL in the middle of a batch', () => {
  let api: TestApp;
  let secondWorker: RunningApp | undefined;
  let firstWorker: ChildProcess | undefined;

  beforeAll(async () => {
    api = await startTestApp({ role: 'api' });
  });

  afterEach(async () => {
    // A failed expectation must not leave this worker running into the next test.
    await secondWorker?.close();
    secondWorker = undefined;
  });

  afterAll(async () => {
    if (firstWorker && firstWorker.exitCode === null && firstWorker.signalCode === null) firstWorker.kill('SIGKILL');
    await secondWorker?.close();
    await api?.close();
  });

  it(
    'should lose no post once a new worker starts, and screen each exactly once',
    async () => {
      const spaceId = await createSpace(api.dataSource);
      const jobs = api.running.app.get(JobProducer);
      const written: WrittenPost[] = [];
      for (let i = 0; i < POSTS; i++) {
        // One author per post, so crisis posts do not add up to a repeated-signals escalation.
        const author = await createMember(api.dataSource);
        const text = i % CRISIS_EVERY === 0 ? 'I want to kill myself.' : `Post ${i}: small steps this week, and group helped.`;
        const post = await writePost(api.dataSource, spaceId, author, text);
        await enqueueScreening(jobs, post);
        written.push(post);
      }
      const postIds = written.map((p) => p.postId);

      // A worker in its own process, slowed to a few jobs at a time so it dies with work in hand.
      const worker = startWorkerProcess(testEnv({ ...TAKEOVER_ENV, SCREENING_CONCURRENCY: '4' }));
      firstWorker = worker.child;
      await waitFor(`the first worker to screen some posts (output: ${worker.output()})`, async () => (await screenedCount(api.dataSource, postIds)) >= 20, {
        timeoutMs: 60_000,
      });
      await worker.stop('SIGKILL');
      const screenedBeforeKill = await screenedCount(api.dataSource, postIds);
      const activeAtKill = await jobs.queue(QueueName.SCREENING).getActiveCount();
      expect(screenedBeforeKill).toBeLessThan(POSTS);
      expect(activeAtKill).toBeGreaterThan(0);

      secondWorker = await startApp('worker', AppConfig.fromEnv(testEnv(TAKEOVER_ENV)), createRootLogger('silent'));
      await waitFor('every post to be screened', async () => (await screenedCount(api.dataSource, postIds)) === POSTS, { timeoutMs: 60_000 });

      const [totals]: Array<Record<string, number>> = await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM posts WHERE id = ANY($1::uuid[]) AND status = 'PENDING') AS pending,
              (SELECT count(*)::int FROM screening_requests WHERE post_id = ANY($1::uuid[]) AND state <> 'DONE') AS unfinished,
              (SELECT count(DISTINCT (post_id, revision))::int FROM screenings WHERE post_id = ANY($1::uuid[])) AS screened,
              (SELECT count(*)::int FROM audit_events WHERE target_id = ANY($2::text[]) AND action = 'post.screened') AS "screenedEvents",
              (SELECT count(*)::int FROM moderation_cases WHERE post_id = ANY($1::uuid[])) AS cases,
              (SELECT count(*)::int FROM escalations WHERE post_id = ANY($1::uuid[])) AS escalations,
              (SELECT count(*)::int FROM notifications n JOIN posts p ON p.id::text = n.data->>'postId'
                 WHERE p.id = ANY($1::uuid[]) AND n.member_id = p.author_id) AS "authorNotifications",
              (SELECT count(*)::int FROM (SELECT n.member_id, n.data->>'postId', n.kind FROM notifications n
                 WHERE n.data->>'postId' = ANY($2::text[]) GROUP BY 1, 2, 3 HAVING count(*) > 1) d) AS "duplicateNotifications"`,
        [postIds, postIds],
      );
      const crisisPosts = POSTS / CRISIS_EVERY;
      expect(totals).toEqual({
        pending: 0,
        unfinished: 0,
        screened: POSTS,
        // One committed screening transaction per post: nothing was applied twice.
        screenedEvents: POSTS,
        cases: crisisPosts,
        escalations: crisisPosts,
        // Each crisis author got their resources once; clinicians' pages are the paging worker's, counted by kind.
        authorNotifications: crisisPosts,
        duplicateNotifications: 0,
      });
      await secondWorker.close();
      secondWorker = undefined;
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'should finish its active jobs and leave none orphaned when stopped with SIGTERM',
    async () => {
      const spaceId = await createSpace(api.dataSource);
      const author = await createMember(api.dataSource);
      const jobs = api.running.app.get(JobProducer);
      const postIds: string[] = [];
      for (let i = 0; i < 100; i++) {
        const post = await writePost(api.dataSource, spaceId, author, `Evening ${i}: made tea and called my sister.`);
        await enqueueScreening(jobs, post);
        postIds.push(post.postId);
      }
      const worker = startWorkerProcess(testEnv({ ...WORKER_ENV, SCREENING_CONCURRENCY: '4' }));
      await waitFor(`the worker to screen some posts (output: ${worker.output()})`, async () => (await screenedCount(api.dataSource, postIds)) >= 10, {
        timeoutMs: 60_000,
      });
      await worker.stop('SIGTERM');

      // Nothing was left locked by the stopped worker, and every screening it started was committed whole.
      expect(await jobs.queue(QueueName.SCREENING).getActiveCount()).toBe(0);
      const [row]: Array<{ screened: number; events: number; pending: number }> = await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM screenings WHERE post_id = ANY($1::uuid[])) AS screened,
              (SELECT count(*)::int FROM audit_events WHERE target_id = ANY($2::text[]) AND action = 'post.screened') AS events,
              (SELECT count(*)::int FROM posts WHERE id = ANY($1::uuid[]) AND status = 'PENDING') AS pending`,
        [postIds, postIds],
      );
      expect(row.events).toBe(row.screened);
      expect(row.pending).toBe(postIds.length - row.screened);
    },
    TEST_TIMEOUT_MS,
  );
});
