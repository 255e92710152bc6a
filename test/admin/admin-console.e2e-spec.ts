import { Queue, Worker } from 'bullmq';
import { parseCsv } from '../../scripts/eval/csv';
import { Role } from '../../src/common/domain/role.enum';
import { QueueName } from '../../src/queue/queue.types';
import { redisServerOptions } from '../../src/queue/worker-connection';
import { captureLogs, CapturedLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, Member, space, uniqueSub } from '../utils/factories';
import { openQueue } from '../utils/queue-jobs';
import { waitFor } from '../utils/wait-for';

const NOT_ADMINS = [Role.CLIENT, Role.PEER_SPECIALIST, Role.CLINICIAN] as const;

const ASSIGNMENTS = `{ peerSpecialistAssignments { memberId displayName spaceIds } }`;
const PREVIEW = `query($text: String!) { previewScreening(text: $text) {
  decision heldReason reasons casePriority escalationSeverity authorNotice crisisLevel
  crisisEvidence { phrase construct level discount } watchedWordHits { source phrase action why } crisisModelUsed toxicityIncluded } }`;
const AUDIT = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) { edges { node { id actorId action targetType targetId createdAt } } pageInfo { hasNextPage endCursor } } }`;
const EXPORT = `mutation($filter: AuditEventFilter) { exportAuditEventsCsv(filter: $filter) { csv rowCount truncated } }`;
const HEALTH = `{ queueHealth { queues { queue waiting active failed delayed completed paused } pendingScreenings oldestPendingScreeningSeconds checkedAt } }`;
const RETRY = `mutation($queue: JobQueue!) { retryFailedJobs(queue: $queue) }`;

type AuditNode = { id: string; actorId: string | null; action: string; targetType: string; targetId: string; createdAt: string };
type AuditPage = { auditEvents: { edges: Array<{ node: AuditNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('admin console: assignments, screening preview, audit filters and export, queue health', () => {
  let app: TestApp;
  let logs: CapturedLogs;
  let admin: Member;

  beforeAll(async () => {
    logs = captureLogs('debug');
    app = await startTestApp({ role: 'api', logger: logs.logger });
    admin = await member(app, Role.ADMIN, 'console-admin');
  });

  afterAll(async () => app.close());

  it('should list every peer specialist with their spaces as assignments change, for admins only', async () => {
    const spaceId = await space(app.dataSource, { name: 'Assignments space' });
    const peer = await member(app, Role.PEER_SPECIALIST, 'assign-peer');
    const list = async () =>
      (await app.gql<{ peerSpecialistAssignments: Array<{ memberId: string; spaceIds: string[] }> }>(ASSIGNMENTS, {}, admin.token)).data!;
    expect((await list()).peerSpecialistAssignments.find((p) => p.memberId === peer.id)).toMatchObject({ spaceIds: [] });

    const assign = `mutation($s: ID!, $m: ID!) { assignPeerSpecialist(spaceId: $s, memberId: $m) }`;
    expect((await app.gql(assign, { s: spaceId, m: peer.id }, admin.token)).errors).toBeUndefined();
    expect((await list()).peerSpecialistAssignments.find((p) => p.memberId === peer.id)?.spaceIds).toEqual([spaceId]);
    // Only peer specialists are listed: a clinician or client is never offered as one.
    const clinician = await member(app, Role.CLINICIAN, 'assign-clinician');
    expect((await list()).peerSpecialistAssignments.some((p) => p.memberId === clinician.id || p.memberId === admin.id)).toBe(false);

    const unassign = `mutation($s: ID!, $m: ID!) { unassignPeerSpecialist(spaceId: $s, memberId: $m) }`;
    expect((await app.gql(unassign, { s: spaceId, m: peer.id }, admin.token)).errors).toBeUndefined();
    expect((await list()).peerSpecialistAssignments.find((p) => p.memberId === peer.id)?.spaceIds).toEqual([]);

    for (const role of NOT_ADMINS) {
      const res = await app.gql(ASSIGNMENTS, {}, await app.token(uniqueSub('not-admin'), role));
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('should preview what screening would do, with evidence, storing and logging nothing', async () => {
    const set = await app.gql(
      `mutation($i: AddWatchedWordInput!) { setWatchedWord(input: $i) { id } }`,
      { i: { term: 'bramblefog', action: 'HOLD' } },
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    const counts = async () =>
      (
        await app.dataSource.query(
          `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM screenings)::int AS screenings,
                (SELECT count(*) FROM screening_requests)::int AS requests, (SELECT count(*) FROM audit_events)::int AS audit,
                (SELECT count(*) FROM moderation_cases)::int AS cases, (SELECT count(*) FROM escalations)::int AS escalations`,
        )
      )[0];
    const before = await counts();
    logs.clear();

    const sample = 'My week was fine until the BRAMBLEFOG meeting';
    const word = await app.gql<{ previewScreening: Record<string, unknown> }>(PREVIEW, { text: sample }, admin.token);
    expect(word.errors).toBeUndefined();
    expect(word.data!.previewScreening).toMatchObject({
      decision: 'HOLD',
      heldReason: 'WATCHED_WORD',
      reasons: ['WATCHED_WORD'],
      crisisLevel: 'NONE',
      // Other tests of the run share the watched-word list (one database per run), so only this word's hit is asserted.
      watchedWordHits: expect.arrayContaining([expect.objectContaining({ source: 'ADMIN_LIST', phrase: 'bramblefog', action: 'HOLD' })]),
      crisisModelUsed: true,
      toxicityIncluded: false,
    });

    const crisisSample = 'I have the pills saved up and I am going to take them all tonight';
    const crisis = await app.gql<{
      previewScreening: { decision: string; crisisLevel: string; escalationSeverity: string; crisisEvidence: unknown[]; authorNotice: string };
    }>(PREVIEW, { text: crisisSample }, admin.token);
    expect(crisis.errors).toBeUndefined();
    expect(crisis.data!.previewScreening).toMatchObject({
      decision: 'HOLD',
      crisisLevel: 'IMMINENT',
      escalationSeverity: 'IMMINENT',
      authorNotice: 'CRISIS_RESOURCES',
    });
    expect(crisis.data!.previewScreening.crisisEvidence.length).toBeGreaterThan(0);

    const calm = await app.gql<{ previewScreening: { decision: string; reasons: string[] } }>(
      PREVIEW,
      { text: 'Group today helped, thank you all' },
      admin.token,
    );
    expect(calm.data!.previewScreening).toMatchObject({ decision: 'PUBLISH', reasons: [] });

    // Over GET the sample sits in the URL, which the request log must not keep.
    const viaGet = await fetch(`${app.url}?query=${encodeURIComponent(`{ previewScreening(text: "GETSAMPLE bramblefog") { decision } }`)}`, {
      headers: { authorization: `Bearer ${admin.token}`, 'apollo-require-preflight': 'true' },
    });
    expect(await viaGet.json()).toEqual({ data: { previewScreening: { decision: 'HOLD' } } });

    // Nothing written anywhere, and no sample in any log line.
    expect(logs.text()).toContain('/graphql');
    expect(await counts()).toEqual(before);
    expect(logs.text()).not.toContain('BRAMBLEFOG');
    expect(logs.text()).not.toContain('pills saved');
    expect(logs.text()).not.toContain('GETSAMPLE');
  });

  it('should refuse an empty or over-long sample, non-admins, and a flood of previews', async () => {
    expect((await app.gql(PREVIEW, { text: '   ' }, admin.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect((await app.gql(PREVIEW, { text: 'x'.repeat(20_001) }, admin.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    for (const role of NOT_ADMINS) {
      const res = await app.gql(PREVIEW, { text: 'hello' }, await app.token(uniqueSub('not-admin'), role));
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const flooder = await member(app, Role.ADMIN, 'flood-admin');
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 121; i++)
      codes.push((await app.gql(PREVIEW, { text: `sample ${i}` }, flooder.token)).errors?.[0].extensions?.code as string | undefined);
    expect(codes.slice(0, 120).every((code) => code === undefined)).toBe(true);
    expect(codes[120]).toBe('RATE_LIMITED');
  });

  it('should filter the audit log by actor, action, target and a half-open time range, paged newest first', async () => {
    const actor = await member(app, Role.PEER_SPECIALIST, 'audit-actor');
    const other = await member(app, Role.PEER_SPECIALIST, 'audit-other');
    const target = uniqueSub('target');
    const insert = (actorId: string, action: string, at: string) =>
      app.dataSource.query(
        `INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id, created_at) VALUES ($1, 'PEER_SPECIALIST', $2, 'post', $3, $4)`,
        [actorId, action, target, at],
      );
    await insert(actor.id, 'post.viewed', '2026-01-01T10:00:00Z');
    await insert(actor.id, 'post.viewed', '2026-01-01T11:00:00Z');
    await insert(actor.id, 'case.claimed', '2026-01-01T11:30:00Z');
    await insert(actor.id, 'post.viewed', '2026-01-01T12:00:00Z');
    await insert(other.id, 'post.viewed', '2026-01-01T11:00:00Z');

    const page = async (filter: Record<string, unknown>, first = 10, after: string | null = null) => {
      const res = await app.gql<AuditPage>(AUDIT, { first, after, filter }, admin.token);
      expect(res.errors).toBeUndefined();
      return res.data!.auditEvents;
    };
    const byActor = await page({ actorId: actor.id, targetId: target });
    expect(byActor.edges.map((e) => [e.node.action, e.node.createdAt])).toEqual([
      ['post.viewed', '2026-01-01T12:00:00.000Z'],
      ['case.claimed', '2026-01-01T11:30:00.000Z'],
      ['post.viewed', '2026-01-01T11:00:00.000Z'],
      ['post.viewed', '2026-01-01T10:00:00.000Z'],
    ]);
    // [11:00, 12:00): the 11:00 events are in, the 12:00 one is out.
    const range = await page({ targetType: 'post', targetId: target, action: 'post.viewed', from: '2026-01-01T11:00:00Z', to: '2026-01-01T12:00:00Z' });
    expect(range.edges.map((e) => e.node.actorId).sort()).toEqual([actor.id, other.id].sort());

    // Pages of one under a filter: every match once, nothing else.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p = await page({ actorId: actor.id, action: 'post.viewed' }, 1, after);
      seen.push(...p.edges.map((e) => e.node.createdAt));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(['2026-01-01T12:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T10:00:00.000Z']);

    const bad = async (filter: Record<string, unknown>) => (await app.gql(AUDIT, { first: 1, filter }, admin.token)).errors?.[0].extensions?.code;
    expect(await bad({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toBe('BAD_USER_INPUT');
    expect(await bad({ actorId: 'not-a-uuid' })).toBe('BAD_USER_INPUT');
    expect(await bad({ action: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
  });

  it('should export the filtered log as CSV that a spreadsheet cannot run, and audit the export', async () => {
    const target = uniqueSub('csv');
    const hostile = ['=HYPERLINK("http://evil")', '+1,2', '-3\nline', '@SUM(A1)', 'plain "quoted", text'];
    for (const [i, action] of hostile.entries()) {
      await app.dataSource.query(
        `INSERT INTO audit_events (actor_role, action, target_type, target_id, details, created_at) VALUES ('SYSTEM', $1, 'post', $2, $3::jsonb, $4)`,
        [action, target, JSON.stringify({ i }), `2026-02-01T10:0${i}:00Z`],
      );
    }
    const res = await app.gql<{ exportAuditEventsCsv: { csv: string; rowCount: number; truncated: boolean } }>(
      EXPORT,
      { filter: { targetId: target } },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    const { csv, rowCount, truncated } = res.data!.exportAuditEventsCsv;
    expect({ rowCount, truncated }).toEqual({ rowCount: 5, truncated: false });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['id', 'createdAt', 'actorId', 'actorRole', 'action', 'targetType', 'targetId', 'requestId', 'details']);
    // Newest first; formula starts neutralised, commas, quotes and line breaks kept inside their cell.
    expect(rows.slice(1).map((r) => r[4])).toEqual([`plain "quoted", text`, `'@SUM(A1)`, `'-3\nline`, `'+1,2`, `'=HYPERLINK("http://evil")`]);
    expect(rows.slice(1).every((r) => r.length === 9 && r[6] === target)).toBe(true);

    const exported = await app.gql<AuditPage>(AUDIT, { first: 1, filter: { actorId: admin.id, action: 'audit.exported' } }, admin.token);
    expect(exported.data!.auditEvents.edges[0]?.node).toMatchObject({ targetType: 'audit_log', actorId: admin.id });
    const [details]: Array<{ details: Record<string, unknown> }> = await app.dataSource.query(`SELECT details FROM audit_events WHERE id = $1`, [
      exported.data!.auditEvents.edges[0].node.id,
    ]);
    expect(details.details).toMatchObject({ rowCount: 5, truncated: false, targetId: target });

    for (const role of NOT_ADMINS) {
      expect((await app.gql(EXPORT, {}, await app.token(uniqueSub('not-admin'), role))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('should report counts per queue and the oldest pending screening, and retry failed jobs with an audit event', async () => {
    // A post written to an API without a worker leaves its screening request pending.
    const spaceId = await space(app.dataSource);
    const client = await member(app, Role.CLIENT, 'queue-client');
    const created = await app.gql(
      `mutation($i: CreateThreadInput!) { createThread(input: $i) { id } }`,
      { i: { spaceId, title: 'A pending post', body: 'Waiting for screening' } },
      client.token,
    );
    expect(created.errors).toBeUndefined();

    // A job that fails for good on the webhook queue, run by a throwaway worker that always throws.
    const queue: Queue = openQueue(QueueName.WEBHOOK, app.config.redis.url, app.config.redis.prefix);
    const probeId = uniqueSub('probe');
    await queue.add('probe-failure', {}, { attempts: 1, jobId: probeId });
    const worker = new Worker(
      QueueName.WEBHOOK,
      () => {
        throw new Error('probe failure');
      },
      { connection: { ...redisServerOptions(app.config.redis.url), maxRetriesPerRequest: null }, prefix: app.config.redis.prefix },
    );
    try {
      await waitFor('the probe job to fail', async () => (await queue.getFailedCount()) > 0);
      await worker.close();

      type Health = {
        queueHealth: {
          queues: Array<{ queue: string; failed: number; waiting: number }>;
          pendingScreenings: number;
          oldestPendingScreeningSeconds: number | null;
        };
      };
      const health = await app.gql<Health>(HEALTH, {}, admin.token);
      expect(health.errors).toBeUndefined();
      expect(health.data!.queueHealth.queues.map((q) => q.queue).sort()).toEqual(['ESCALATION', 'MODERATION', 'SCREENING', 'SWEEPS', 'WEBHOOK']);
      expect(health.data!.queueHealth.queues.find((q) => q.queue === 'WEBHOOK')?.failed).toBe(1);
      expect(health.data!.queueHealth.pendingScreenings).toBeGreaterThanOrEqual(1);
      expect(health.data!.queueHealth.oldestPendingScreeningSeconds).toBeGreaterThanOrEqual(0);
      // The screening queue holds the new post's job, waiting for a worker.
      expect(health.data!.queueHealth.queues.find((q) => q.queue === 'SCREENING')?.waiting).toBeGreaterThanOrEqual(1);

      const retried = await app.gql<{ retryFailedJobs: number }>(RETRY, { queue: 'WEBHOOK' }, admin.token);
      expect(retried.errors).toBeUndefined();
      expect(retried.data!.retryFailedJobs).toBe(1);
      expect(await queue.getFailedCount()).toBe(0);
      expect(await queue.getWaitingCount()).toBeGreaterThanOrEqual(1);
      const audited = await app.gql<AuditPage>(AUDIT, { first: 1, filter: { action: 'queue.failed_retried', actorId: admin.id } }, admin.token);
      expect(audited.data!.auditEvents.edges[0]?.node).toMatchObject({ targetType: 'queue', targetId: 'webhook' });

      for (const role of NOT_ADMINS) {
        const token = await app.token(uniqueSub('not-admin'), role);
        expect((await app.gql(HEALTH, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await app.gql(RETRY, { queue: 'WEBHOOK' }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    } finally {
      await worker.close();
      await queue.remove(probeId);
      await queue.close();
    }
  });
});
