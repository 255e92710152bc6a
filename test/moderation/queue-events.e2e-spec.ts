import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { startPrivateRedis, PrivateRedis } from '../utils/private-services';
import { RunningApp, startApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { redisServerOptions } from '../../src/queue/worker-connection';
import { JOB_ID, JobName, QueueName } from '../../src/queue/queue.types';
import { probeDelivery, publishCaseChanged, subscribe, Subscribed, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { createThread } from '../forum/forum-fixtures';
import { assignToSpace, Member, member, postWithCase, space } from '../utils/factories';
import { startTestApp, TestApp, testEnv } from '../helpers/test-app';

const QUEUE_CHANGED = 'subscription { moderationQueueChanged { id status priority reasons } }';
type QueueChanged = { moderationQueueChanged: { id: string; status: string; priority: string; reasons: string[] } };

/** A sweeper that looks for cases coming due every second. */
const FAST_TIMERS = { TIMER_SWEEP_SECONDS: '1' };

function startWorker(env: Record<string, string> = {}): Promise<RunningApp> {
  return startApp('worker', AppConfig.fromEnv(testEnv(env)), createRootLogger('silent'));
}

describe('moderation queue events reach subscribers', () => {
  let api: TestApp;
  let spaceId: string;
  let peer: Member;
  let author: Member;
  let listening: Subscribed<QueueChanged>;
  let client: ReturnType<typeof wsClient>;
  const others: Array<{ close(): Promise<void> }> = [];

  const eventsFor = (caseId: string) => listening.events.filter((e) => e.moderationQueueChanged.id === caseId);

  beforeAll(async () => {
    // The subscriber's API runs no worker: every event below comes from another process.
    api = await startTestApp({ role: 'api' });
    spaceId = await space(api.dataSource);
    peer = await member(api, Role.PEER_SPECIALIST, 'peer');
    author = await member(api, Role.CLIENT, 'author');
    await assignToSpace(api.dataSource, spaceId, peer.id);
    client = wsClient(api.url, peer.token);
    listening = subscribe<QueueChanged>(client, QUEUE_CHANGED);
    const probe = await postWithCase(api.dataSource, spaceId, (await member(api, Role.CLIENT, 'probe-author')).id);
    await probeDelivery(
      listening,
      publishCaseChanged(api, { caseId: probe.caseId, spaceId }),
      (e) => e.moderationQueueChanged.id === probe.caseId,
      "the peer's subscription to be live",
    );
  });

  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
  });

  afterAll(async () => {
    listening?.dispose();
    await client?.dispose();
    await api?.close();
  });

  it('should announce the case screening opens for a crisis post to a subscribed peer specialist', async () => {
    const worker = await startWorker();
    others.push(worker);
    const thread = await createThread(api, author, spaceId, 'Tonight', 'I want to kill myself. I have the pills counted out and I am doing it tonight.');
    const event = await waitFor(
      'the crisis case on the live queue',
      async () => {
        const cases: Array<{ id: string }> = await api.dataSource.query(`SELECT id FROM moderation_cases WHERE post_id = $1`, [thread.firstPost.id]);
        return cases.length > 0 && eventsFor(cases[0].id)[0];
      },
      { timeoutMs: 30_000 },
    );
    expect(event.moderationQueueChanged).toMatchObject({ status: 'OPEN', priority: 'URGENT' });
    expect(event.moderationQueueChanged.reasons).toContain('CRISIS');
  });

  it('should deliver the first claim and the first note of a freshly started API process', async () => {
    const { caseId } = await postWithCase(api.dataSource, spaceId, author.id);
    const fresh = await startTestApp({ role: 'api' });
    others.push(fresh);
    const claimed = await fresh.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: caseId }, peer.token);
    expect(claimed.errors).toBeUndefined();
    await waitFor('the claim event', () => eventsFor(caseId).length >= 1);
    const noted = await fresh.gql(
      'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
      { input: { caseId, note: 'Reaching out today.' } },
      peer.token,
    );
    expect(noted.errors).toBeUndefined();
    await waitFor('the note event', () => eventsFor(caseId).length >= 2);
    expect(eventsFor(caseId)[0].moderationQueueChanged.status).toBe('CLAIMED');
  });

  it("should deliver a freshly started worker's first case-due reminder", async () => {
    const { caseId } = await postWithCase(api.dataSource, spaceId, author.id, { overdue: true });
    const worker = await startWorker(FAST_TIMERS);
    others.push(worker);
    await waitFor('the overdue reminder on the live queue', () => eventsFor(caseId).length >= 1, { timeoutMs: 30_000 });
    const [row]: Array<{ overdue_notified_at: Date | null }> = await api.dataSource.query(`SELECT overdue_notified_at FROM moderation_cases WHERE id = $1`, [
      caseId,
    ]);
    expect(row.overdue_notified_at).not.toBeNull();
  });
});

/**
 * A reminder whose publish Redis refuses is retried and sent, not marked done and dropped. The
 * worker runs on a private redis-server as a user that may not PUBLISH until the test allows it
 * (an ACL, so the refusal is Redis's own, not a mock).
 */
describe('case-due reminders survive a refused publish', () => {
  let api: TestApp;
  let redis: PrivateRedis;
  let admin: Redis;
  let heard: Redis;
  let worker: RunningApp | undefined;
  let queue: Queue | undefined;

  beforeAll(async () => {
    api = await startTestApp({ role: 'api' });
    redis = await startPrivateRedis();
    admin = new Redis(redis.url);
    heard = new Redis(redis.url);
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    admin?.disconnect();
    heard?.disconnect();
    await redis?.destroy();
    await api?.close();
  });

  it('should publish the reminder on a retry after the first publish failed, and notify each peer once', async () => {
    const spaceId = await space(api.dataSource);
    const peer = await member(api, Role.PEER_SPECIALIST, 'peer');
    const author = await member(api, Role.CLIENT, 'author');
    await assignToSpace(api.dataSource, spaceId, peer.id);

    await admin.call('ACL', 'SETUSER', 'worker', 'on', '>worker-secret', '~*', '&*', '+@all', '-publish');
    const received: string[] = [];
    const channel = `${api.config.redis.prefix}:events:${RealtimeEvent.MODERATION_QUEUE_CHANGED}`;
    heard.on('message', (_channel: string, message: string) => received.push(message));
    await heard.subscribe(channel);

    const { caseId, dueAt } = await postWithCase(api.dataSource, spaceId, author.id, { overdue: true });
    const workerRedisUrl = `redis://worker:worker-secret@127.0.0.1:${redis.port}`;
    worker = await startWorker({ ...FAST_TIMERS, REDIS_URL: workerRedisUrl });
    queue = new Queue(QueueName.MODERATION, { connection: redisServerOptions(redis.url), prefix: api.config.redis.prefix });
    const jobId = JOB_ID[JobName.CASE_DUE]({ caseId, dueAt: dueAt.toISOString() });
    await waitFor('the first attempt to fail on the refused publish', async () => ((await queue!.getJob(jobId))?.attemptsMade ?? 0) >= 1, {
      timeoutMs: 30_000,
    });
    expect(received.filter((m) => m.includes(caseId))).toEqual([]);

    await admin.call('ACL', 'SETUSER', 'worker', '+publish');
    await waitFor('the reminder, published by a retry', () => received.some((m) => m.includes(caseId)), { timeoutMs: 30_000 });
    const [row]: Array<{ overdue_notified_at: Date | null; notified: number }> = await api.dataSource.query(
      `SELECT c.overdue_notified_at,
              (SELECT count(*)::int FROM notifications n WHERE n.kind = 'CASE_OVERDUE' AND n.data->>'caseId' = $1::text AND n.member_id = $2) AS notified
       FROM moderation_cases c WHERE c.id = $1::uuid`,
      [caseId, peer.id],
    );
    expect(row.notified).toBe(1);
    await waitFor('the reminder to be marked sent', async () => {
      const [marked]: Array<{ overdue_notified_at: Date | null }> = await api.dataSource.query(
        `SELECT overdue_notified_at FROM moderation_cases WHERE id = $1`,
        [caseId],
      );
      return marked.overdue_notified_at !== null;
    });
  });
});
