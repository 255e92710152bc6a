import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/domain/role.enum';
import { RealtimeEvent, RealtimePayloads } from '../../src/notifications/realtime/realtime-events';
import { probeDelivery, subscribe, Subscribed, wsClient } from '../helpers/realtime';
import { runEnvironment } from '../setup/test-env';
import { ensureBuilt, ServerProcess, spawnApp } from '../utils/app-process';
import { TEST_REDIS_URL } from '../utils/environment';
import { assignToSpace, insertEscalation, Member, member, postWithCase, space } from '../utils/factories';
import { openQueue } from '../utils/queue-jobs';
import { waitFor } from '../utils/wait-for';
import { ApiProcess, scaleOutEnv, startApiProcess } from './scale-out-processes';
import { QueueName } from '../../src/queue/queue.types';

const CRISIS_TEXT = 'I want to kill myself tonight. I have the pills counted out and I wrote my goodbye letters.';
const CREATE_THREAD = 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id firstPost { id } } }';
const CREATE_REPLY = 'mutation ($input: CreateReplyInput!) { createReply(input: $input) { id } }';
const QUEUE_CHANGED = 'subscription { moderationQueueChanged { id status priority reasons post { id } } }';
const ESCALATION_RAISED = 'subscription { escalationRaised { id severity postId } }';

type QueueChanged = { moderationQueueChanged: { id: string; status: string; priority: string; reasons: string[]; post: { id: string } } };
type EscalationRaised = { escalationRaised: { id: string; severity: string; postId: string } };

/**
 * The forum as it is deployed to scale: two API processes and two workers, each its own OS
 * process from dist/, sharing only PostgreSQL and Redis. What one API process causes reaches
 * subscribers of the other, every post is screened exactly once whichever API took it and
 * whichever worker screened it, and a member's rate limit is one limit however requests spread.
 */
describe('scale-out: 2 API processes and 2 workers', () => {
  const prefix = `${runEnvironment().redisPrefix}-multi`;
  const env = scaleOutEnv(prefix);
  const apis: ApiProcess[] = [];
  const workers: ServerProcess[] = [];
  let db: DataSource;
  let redis: Redis;
  let spaceId: string;
  let threadId: string;

  /** Publishes straight to the processes' shared channel, as any other process would. */
  function publish<E extends RealtimeEvent>(event: E, payload: RealtimePayloads[E]): () => Promise<void> {
    return async () => void (await redis.publish(`${prefix}:events:${event}`, JSON.stringify(payload)));
  }

  beforeAll(async () => {
    ensureBuilt();
    db = await new DataSource({ type: 'postgres', url: runEnvironment().migrationDatabaseUrl }).initialize();
    redis = new Redis(TEST_REDIS_URL);
    apis.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
    workers.push(spawnApp('worker', { ...env }), spawnApp('worker', { ...env }));
    spaceId = await space(db, { name: 'Scale-out space' });
    const starter = await member(apis[0], Role.CLIENT, 'scale-starter');
    const created = await apis[0].gql<{ createThread: { id: string } }>(
      CREATE_THREAD,
      { input: { spaceId, title: 'Checking in', body: 'How is everyone doing this week?' } },
      starter.token,
    );
    threadId = created.data!.createThread.id;
    await waitFor(
      'the thread to be screened and published',
      async () =>
        (await db.query(`SELECT status FROM posts p JOIN threads t ON t.first_post_id = p.id WHERE t.id = $1`, [threadId]))[0]?.status === 'PUBLISHED',
      { timeoutMs: 90_000, intervalMs: 200 },
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([...apis.map((a) => a.process.stop()), ...workers.map((w) => w.stop())]);
    redis?.disconnect();
    await db?.destroy();
  });

  it('should deliver, to subscribers on API 1, the case and escalation a crisis post made through API 2 causes', async () => {
    const [api1, api2] = apis;
    const peer = await member(api1, Role.PEER_SPECIALIST, 'scale-peer');
    const clinician = await member(api1, Role.CLINICIAN, 'scale-clinician');
    await assignToSpace(db, spaceId, peer.id);
    const peerSocket = wsClient(api1.url, peer.token);
    const clinicianSocket = wsClient(api1.url, clinician.token);
    let cases: Subscribed<QueueChanged> | undefined;
    let escalations: Subscribed<EscalationRaised> | undefined;
    try {
      cases = subscribe<QueueChanged>(peerSocket, QUEUE_CHANGED);
      escalations = subscribe<EscalationRaised>(clinicianSocket, ESCALATION_RAISED);
      const probeAuthor = await member(api1, Role.CLIENT, 'scale-probe');
      const probeCase = await postWithCase(db, spaceId, probeAuthor.id);
      const probeEscalation = await insertEscalation(db, probeAuthor.id, { status: 'ACKNOWLEDGED' });
      await probeDelivery(
        cases,
        publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: probeCase.caseId, spaceId }),
        (e) => e.moderationQueueChanged.id === probeCase.caseId,
        "the peer's subscription to be live",
      );
      await probeDelivery(
        escalations,
        publish(RealtimeEvent.ESCALATION_RAISED, { escalationId: probeEscalation, level: 1 }),
        (e) => e.escalationRaised.id === probeEscalation,
        "the clinician's subscription to be live",
      );

      const author = await member(api2, Role.CLIENT, 'scale-crisis');
      const posted = await api2.gql<{ createThread: { firstPost: { id: string } } }>(
        CREATE_THREAD,
        { input: { spaceId, title: 'tonight', body: CRISIS_TEXT } },
        author.token,
      );
      expect(posted.errors).toBeUndefined();
      const postId = posted.data!.createThread.firstPost.id;

      const caseEvent = await waitFor('the crisis case on API 1', () => cases!.events.find((e) => e.moderationQueueChanged.post.id === postId), {
        timeoutMs: 60_000,
      });
      expect(caseEvent.moderationQueueChanged).toMatchObject({ status: 'OPEN', priority: 'URGENT' });
      expect(caseEvent.moderationQueueChanged.reasons).toContain('CRISIS');
      const escalationEvent = await waitFor('the escalation on API 1', () => escalations!.events.find((e) => e.escalationRaised.postId === postId), {
        timeoutMs: 60_000,
      });
      expect(['IMMINENT', 'HIGH']).toContain(escalationEvent.escalationRaised.severity);
      expect(cases.errors).toEqual([]);
      expect(escalations.errors).toEqual([]);
    } finally {
      cases?.dispose();
      escalations?.dispose();
      await peerSocket.dispose();
      await clinicianSocket.dispose();
    }
  }, 120_000);

  describe('posts spread over both APIs', () => {
    /** Posts `count` replies as `poster`, the i-th through `via(i)`; returns each answer's id or error code. */
    async function postReplies(poster: Member, count: number, via: (i: number) => ApiProcess, label: string): Promise<Array<{ id?: string; code?: string }>> {
      const outcomes: Array<{ id?: string; code?: string }> = [];
      for (let i = 0; i < count; i++) {
        const res = await via(i).gql<{ createReply: { id: string } }>(
          CREATE_REPLY,
          { input: { threadId, body: `Thinking of you all (${label} ${i}).` } },
          poster.token,
        );
        outcomes.push(res.data?.createReply ? { id: res.data.createReply.id } : { code: String(res.errors?.[0]?.extensions?.code) });
      }
      return outcomes;
    }

    let alternating: Array<{ id?: string; code?: string }>;
    let oneApi: Array<{ id?: string; code?: string }>;

    beforeAll(async () => {
      const [alice, bob] = [await member(apis[0], Role.CLIENT, 'scale-alternating'), await member(apis[0], Role.CLIENT, 'scale-one-api')];
      // 32 each: the post limit is 30 per 10 minutes per member (FORUM_RATE_LIMITS.post).
      [alternating, oneApi] = await Promise.all([postReplies(alice, 32, (i) => apis[i % 2], 'alternating'), postReplies(bob, 32, () => apis[0], 'one-api')]);
    }, 120_000);

    it('should refuse requests alternated between the two APIs at the same total as requests to one API', () => {
      const limitedAt = (outcomes: Array<{ code?: string }>) => outcomes.findIndex((o) => o.code === 'RATE_LIMITED');
      expect(limitedAt(oneApi)).toBe(30);
      expect(limitedAt(alternating)).toBe(limitedAt(oneApi));
      expect(alternating.map((o) => o.code ?? 'OK')).toEqual(oneApi.map((o) => o.code ?? 'OK'));
    });

    it('should screen every post exactly once, whichever API took it and whichever worker screened it', async () => {
      const ids = [...alternating, ...oneApi].flatMap((o) => (o.id ? [o.id] : []));
      expect(ids).toHaveLength(60);
      const counts = () =>
        db.query<Array<{ post_id: string; screenings: number; applied: number }>>(
          `SELECT p.id AS post_id,
                  (SELECT count(*)::int FROM screenings s WHERE s.post_id = p.id AND s.revision = p.revision) AS screenings,
                  (SELECT count(*)::int FROM audit_events a WHERE a.target_id = p.id::text AND a.action = 'post.screened') AS applied
           FROM posts p WHERE p.id = ANY($1::uuid[])`,
          [ids],
        );
      await waitFor('every reply to be screened', async () => (await counts()).every((row) => row.screenings > 0), { timeoutMs: 90_000, intervalMs: 250 });
      // A duplicate would come from a second worker running the same job: wait until no job is left to run.
      const queue = openQueue(QueueName.SCREENING, TEST_REDIS_URL, prefix);
      try {
        await waitFor('the screening queue to drain', async () => {
          const jobs = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
          return Object.values(jobs).every((n) => n === 0);
        });
      } finally {
        await queue.close();
      }
      const rows = await counts();
      expect(rows).toHaveLength(60);
      expect(rows.filter((row) => row.screenings !== 1 || row.applied !== 1)).toEqual([]);
    }, 120_000);
  });
});
