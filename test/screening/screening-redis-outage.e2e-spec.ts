import { RunningApp, startApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';
import { startTestApp, TestApp, testEnv } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';
import { createSpace } from './screening-posts';
import { waitFor } from '../utils/wait-for';

const POSTS = 50;
/** Nothing listens here: the API sees Redis as down for the whole test. */
const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';

const CREATE_THREAD = `mutation ($input: CreateThreadInput!) { createThread(input: $input) { id firstPost { id status } } }`;

describe('posting while Redis is down', () => {
  let api: TestApp;
  let worker: RunningApp | undefined;

  beforeAll(async () => {
    api = await startTestApp({ role: 'api', env: { REDIS_URL: CLOSED_REDIS_URL } });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('should accept every post, and screen them all once a worker with Redis runs', async () => {
    const spaceId = await createSpace(api.dataSource);
    const postIds: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const token = await api.token(uniqueSub('outage'), Role.CLIENT);
      const text = i % 10 === 0 ? 'I want to kill myself.' : `Check-in ${i}: slept better, tried the grounding exercise.`;
      const res = await api.gql<{ createThread: { firstPost: { id: string; status: string } } }>(
        CREATE_THREAD,
        { input: { spaceId, title: `Check-in ${i}`, body: text } },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.createThread.firstPost.status).toBe('PENDING');
      postIds.push(res.data?.createThread.firstPost.id ?? '');
    }
    const [before]: Array<{ pending: number }> = await api.dataSource.query(
      `SELECT count(*)::int AS pending FROM screening_requests WHERE post_id = ANY($1::uuid[]) AND state = 'PENDING'`,
      [postIds],
    );
    expect(before.pending).toBe(POSTS);

    // Redis is back for the worker: its sweeper finds the requests nobody could enqueue.
    worker = await startApp(
      'worker',
      AppConfig.fromEnv(testEnv({ SCREENING_SWEEP_AFTER_MS: '500', SCREENING_SWEEP_EVERY_MS: '250', TOXICITY_REQUIRED: 'false' })),
      createRootLogger('silent'),
    );
    await waitFor(
      'every post written during the outage to be screened',
      async () => {
        const [row]: Array<{ pending: number }> = await api.dataSource.query(
          `SELECT count(*)::int AS pending FROM posts WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
          [postIds],
        );
        return row.pending === 0;
      },
      { timeoutMs: 60_000 },
    );

    const [after]: Array<Record<string, number>> = await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM screening_requests WHERE post_id = ANY($1::uuid[]) AND state = 'DONE' AND enqueue_count >= 1) AS "sweptAndDone",
              (SELECT count(*)::int FROM posts WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED') AS published,
              (SELECT count(*)::int FROM posts WHERE id = ANY($1::uuid[]) AND status = 'HELD' AND held_reason = 'CRISIS') AS "heldForCrisis"`,
      [postIds],
    );
    expect(after).toEqual({ sweptAndDone: POSTS, published: POSTS - POSTS / 10, heldForCrisis: POSTS / 10 });
  });
});
