import { Role } from '../../src/common/domain/role.enum';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../src/escalation/escalation-webhook';
import { Job, Queue } from 'bullmq';
import { QueueName } from '../../src/queue/queue.types';
import { startTestApp, TestApp } from '../helpers/test-app';
import { jobsSettled, openQueue } from '../utils/queue-jobs';
import { insertEscalation, member, uniqueSub } from '../utils/factories';
import { probeDelivery, publishEscalationRaised, startWebhookReceiver, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';

const SECRET = 'test-webhook-secret-0123456789';
const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';

interface EscalationRow {
  id: string;
  status: string;
  level: number;
  paged_level: number;
  severity: string;
}

describe('escalation paging through the worker', () => {
  let app: TestApp;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let clinicianToken: string;
  let escalationJobs: Queue;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    app = await startTestApp({
      role: 'all',
      env: {
        ESCALATION_WEBHOOK_URL: hook.url,
        ESCALATION_WEBHOOK_SECRET: SECRET,
        // Short deadlines so a climb takes seconds; the sweeper runs every second.
        ESCALATION_ACK_SECONDS: 'IMMINENT=1.5,HIGH=1.5,ELEVATED=1.5',
        TIMER_SWEEP_SECONDS: '1',
      },
    });
    clinicianToken = (await member(app, Role.CLINICIAN, 'clinician')).token;
    escalationJobs = openQueue(QueueName.ESCALATION, app.config.redis.url, app.config.redis.prefix);
  });

  afterAll(async () => {
    await escalationJobs.close();
    await app.close();
    await hook.close();
  });

  async function escalation(id: string): Promise<EscalationRow> {
    const rows: EscalationRow[] = await app.dataSource.query(`SELECT id, status, level, paged_level, severity FROM escalations WHERE id = $1`, [id]);
    return rows[0];
  }

  /**
   * Waits until every job of the escalation has run (each page schedules its deadline, each
   * deadline the next page), and returns those that finished at or after `since`: the positive
   * event after which an acknowledged escalation can no longer climb or remind.
   */
  async function jobsAfterAcknowledging(escalationId: string, since: number): Promise<Job[]> {
    const finished = await jobsSettled(
      escalationJobs,
      (job) => (job.data as { escalationId?: string }).escalationId === escalationId,
      "the escalation's pending jobs to run",
    );
    return finished.filter((job) => (job.finishedOn ?? 0) >= since);
  }

  async function postCrisisThread(): Promise<{ postId: string; authorToken: string }> {
    const authorToken = await app.token(uniqueSub('client'), Role.CLIENT);
    const spaces = await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, authorToken);
    const created = await app.gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId: spaces.data!.spaces[0].id, title: 'tonight', body: CRISIS_TEXT } },
      authorToken,
    );
    expect(created.errors).toBeUndefined();
    return { postId: created.data!.createThread.firstPost.id, authorToken };
  }

  it('should page a clinician for a crisis post: signed webhook without post text, subscription event, in-app notification', async () => {
    const client = wsClient(app.url, clinicianToken);
    const sub = subscribe<{ escalationRaised: { id: string; level: number; severity: string; postId: string } }>(
      client,
      'subscription { escalationRaised { id level severity postId } }',
    );
    // An acknowledged escalation: the probe reaches the socket without being paged itself.
    const probe = await insertEscalation(app.dataSource, (await member(app, Role.CLIENT, 'probe-subject')).id, { status: 'ACKNOWLEDGED' });
    await probeDelivery(sub, publishEscalationRaised(app, probe), (e) => e.escalationRaised.id === probe, 'the subscription to be live');
    const { postId } = await postCrisisThread();

    const esc = await waitFor('the escalation', async () => {
      const rows: EscalationRow[] = await app.dataSource.query(`SELECT id, status, level, paged_level, severity FROM escalations WHERE post_id = $1`, [postId]);
      return rows[0];
    });
    expect(['IMMINENT', 'HIGH']).toContain(esc.severity);

    const delivered = await waitFor('the webhook', () => hook.received.find((w) => w.body.includes(esc.id)));
    const timestamp = String(delivered.headers[WEBHOOK_TIMESTAMP_HEADER]);
    const signature = String(delivered.headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(verifyWebhook(SECRET, timestamp, delivered.body, signature)).toBe(true);
    expect(verifyWebhook('another-secret-0123456789', timestamp, delivered.body, signature)).toBe(false);
    const body = JSON.parse(delivered.body);
    expect(body).toMatchObject({ escalationId: esc.id, postId, level: 1, severity: esc.severity });
    expect(body.link).toContain(`/escalations/${esc.id}`);
    expect(delivered.body).not.toContain('pills');
    expect(delivered.body).not.toContain('goodbye');

    const event = await waitFor('the subscription event', () => sub.events.find((e) => e.escalationRaised.id === esc.id));
    expect(event.escalationRaised).toMatchObject({ level: 1, postId });
    expect(sub.errors).toEqual([]);

    // Level 1 pages the on-call clinician: the first clinician of the rota.
    const [onCall]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM members WHERE role = 'CLINICIAN' ORDER BY created_at, id LIMIT 1`);
    const notified: unknown[] = await app.dataSource.query(
      `SELECT 1 FROM notifications WHERE member_id = $1 AND kind = 'ESCALATION' AND data->>'escalationId' = $2`,
      [onCall.id, esc.id],
    );
    expect(notified).toHaveLength(1);
    const attempts: Array<{ status_code: number }> = await app.dataSource.query(`SELECT status_code FROM webhook_deliveries WHERE escalation_id = $1`, [
      esc.id,
    ]);
    expect(attempts.map((a) => a.status_code)).toContain(204);

    sub.dispose();
    await client.dispose();
    // Left open it would climb and then remind at the last level for the rest of this file.
    const ack = await app.gql('mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: esc.id }, clinicianToken);
    expect(ack.errors).toBeUndefined();
  });

  it('should climb a level when nobody acknowledges, and stop once acknowledged', async () => {
    const { postId } = await postCrisisThread();
    const esc = await waitFor('the escalation', async () => {
      const rows: EscalationRow[] = await app.dataSource.query(`SELECT id, status, level, paged_level, severity FROM escalations WHERE post_id = $1`, [postId]);
      return rows[0];
    });

    const climbed = await waitFor('level 2', async () => {
      const row = await escalation(esc.id);
      return row.level >= 2 && row.paged_level >= 2 ? row : null;
    });
    expect(climbed.status).toBe('OPEN');
    await waitFor('the level-2 webhook', () => hook.received.find((w) => w.body.includes(esc.id) && JSON.parse(w.body).level === 2));

    const acknowledgedAt = Date.now();
    const ack = await app.gql<{ acknowledgeEscalation: { status: string; level: number; acknowledgedBy: { id: string } } }>(
      'mutation ($id: ID!) { acknowledgeEscalation(id: $id, note: "calling now") { status level acknowledgedBy { id } } }',
      { id: esc.id },
      clinicianToken,
    );
    expect(ack.errors).toBeUndefined();
    expect(ack.data!.acknowledgeEscalation.status).toBe('ACKNOWLEDGED');
    const levelAtAck = ack.data!.acknowledgeEscalation.level;

    // The deadline (or page) pending when it was acknowledged has run, found it acknowledged and climbed no further.
    expect(await jobsAfterAcknowledging(esc.id, acknowledgedAt)).not.toEqual([]);
    const after = await escalation(esc.id);
    expect(after.status).toBe('ACKNOWLEDGED');
    expect(after.level).toBe(levelAtAck);

    const again = await app.gql('mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: esc.id }, clinicianToken);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const noNote = await app.gql(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }',
      { input: { escalationId: esc.id, outcome: 'CONTACTED_CLIENT', note: '  ' } },
      clinicianToken,
    );
    expect(noNote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const resolved = await app.gql<{ resolveEscalation: { status: string; outcome: string } }>(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { status outcome } }',
      { input: { escalationId: esc.id, outcome: 'CONTACTED_CLIENT', note: 'Reached the client; safety plan reviewed.' } },
      clinicianToken,
    );
    expect(resolved.data?.resolveEscalation).toEqual({ status: 'RESOLVED', outcome: 'CONTACTED_CLIENT' });
    const audit: Array<{ action: string }> = await app.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`, [esc.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.climb', 'escalation.acknowledge', 'escalation.resolve']));
  });

  it('should keep reminding everyone at the last level until someone acknowledges', async () => {
    const { id: adminId } = await member(app, Role.ADMIN, 'admin');
    const { postId } = await postCrisisThread();
    const esc = await waitFor('the escalation', async () => {
      const rows: EscalationRow[] = await app.dataSource.query(`SELECT id FROM escalations WHERE post_id = $1`, [postId]);
      return rows[0];
    });

    // Levels 1-3 climb, then level 4 (clinicians and admins) is paged again on each deadline.
    const adminPages = async (): Promise<Array<{ level: number; reminder: number }>> =>
      (
        await app.dataSource.query(
          `SELECT (data->>'level')::int AS level, (data->>'reminder')::int AS reminder FROM notifications
            WHERE member_id = $1 AND kind = 'ESCALATION' AND data->>'escalationId' = $2 ORDER BY created_at`,
          [adminId, esc.id],
        )
      ).map((row: { level: number; reminder: number | null }) => ({ level: row.level, reminder: row.reminder ?? 0 }));
    await waitFor('two reminders at the last level', async () => ((await adminPages()).filter((p) => p.reminder > 0).length >= 2 ? true : null), {
      timeoutMs: 40_000,
    });
    const pages = await adminPages();
    expect(pages.every((p) => p.level === 4)).toBe(true);
    expect(new Set(pages.map((p) => p.reminder)).size).toBe(pages.length);
    await waitFor('a reminder webhook', () => hook.received.find((w) => w.body.includes(esc.id) && JSON.parse(w.body).reminder >= 1));

    const acknowledgedAt = Date.now();
    const ack = await app.gql<{ acknowledgeEscalation: { status: string; level: number; reminders: number } }>(
      'mutation ($id: ID!) { acknowledgeEscalation(id: $id) { status level reminders } }',
      { id: esc.id },
      clinicianToken,
    );
    expect(ack.errors).toBeUndefined();
    expect(ack.data!.acknowledgeEscalation.level).toBe(4);
    expect(ack.data!.acknowledgeEscalation.reminders).toBeGreaterThanOrEqual(2);
    const countAtAck = (await adminPages()).length;
    // Once the jobs pending at the acknowledgement have run, no further reminder can come.
    expect(await jobsAfterAcknowledging(esc.id, acknowledgedAt)).not.toEqual([]);
    // One reminder already in flight at the moment of acknowledging may still land; none after it.
    expect((await adminPages()).length).toBeLessThanOrEqual(countAtAck + 1);
    const audit: Array<{ action: string }> = await app.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1`, [esc.id]);
    expect(audit.map((a) => a.action)).toContain('escalation.remind');
  });

  it('should retry a failing webhook and record every attempt', async () => {
    // Only first pages: a climb of an earlier test's escalation must not take the failures.
    hook.failNext.matches = (body) => body.level === 1;
    hook.failNext.count = 2;
    const { postId } = await postCrisisThread();
    const esc = await waitFor('the escalation', async () => {
      const rows: EscalationRow[] = await app.dataSource.query(`SELECT id FROM escalations WHERE post_id = $1`, [postId]);
      return rows[0];
    });
    const attempts = await waitFor('a successful retry', async () => {
      const rows: Array<{ attempt: number; status_code: number }> = await app.dataSource.query(
        `SELECT attempt, status_code FROM webhook_deliveries WHERE escalation_id = $1 AND level = 1 ORDER BY attempt`,
        [esc.id],
      );
      return rows.some((r) => r.status_code === 204) ? rows : null;
    });
    expect(attempts.map((a) => a.status_code)).toEqual([500, 500, 204]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  });

  it('should page an escalation whose page job never reached Redis (the sweeper)', async () => {
    const [subject]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM members WHERE role = 'CLIENT' LIMIT 1`);
    const lost = await insertEscalation(app.dataSource, subject.id, { createdSecondsAgo: 60 });
    const paged = await waitFor('the sweeper to page it', async () => ((await escalation(lost)).paged_level >= 1 ? true : null));
    expect(paged).toBe(true);
  });

  it('should refuse escalationRaised to a client over the socket, and a socket without a token', async () => {
    const clientToken = await app.token(uniqueSub('client'), Role.CLIENT);
    const client = wsClient(app.url, clientToken);
    const sub = subscribe(client, 'subscription { escalationRaised { id } }');
    await waitFor('the refusal', () => sub.errors.length > 0 || sub.completed);
    // graphql-ws errors carry the guard's message (the HTTP formatter that adds `code` does not run on sockets).
    expect(JSON.stringify(sub.errors)).toContain('You do not have access');
    expect(sub.events).toEqual([]);
    await client.dispose();

    const anonymous = wsClient(app.url, null);
    const anonSub = subscribe(anonymous, 'subscription { escalationRaised { id } }');
    await waitFor('the refused connection', () => anonSub.errors.length > 0);
    expect(anonSub.events).toEqual([]);
    await anonymous.dispose();
  });
});
