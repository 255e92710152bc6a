import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { CrisisLevel } from '../../src/common/domain/crisis-level.enum';
import { EscalationSeverity } from '../../src/common/domain/escalation.enums';
import { Role } from '../../src/common/domain/role.enum';
import { EscalationTrigger } from '../../src/escalation/entities/escalation.entity';
import { EscalationsService } from '../../src/escalation/escalations.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, Member, postInThread, uniqueSub } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const HIGH_TEXT = 'I want to kill myself.';
const IMMINENT_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
const PSEUDONYM = 'Quiet Heron';
const PUBLIC_BASE_URL = 'https://forum.example.org';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth), keeping every message it accepts. */
async function startSmtpServer(): Promise<{ url: string; received: ReceivedMail[]; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('escalation follow-through: one per client, closing the loop, email pages', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: Member;
  let clinician: Member;
  let peer: Member;
  let spaceId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({
      role: 'all',
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Between Sessions <pager@forum.example.org>',
        PUBLIC_BASE_URL,
        // Long deadlines: nothing climbs while a test looks.
        ESCALATION_ACK_SECONDS: 'IMMINENT=300,HIGH=900,ELEVATED=3600',
      },
    });
    admin = await member(app, Role.ADMIN, 'ft-admin');
    clinician = await member(app, Role.CLINICIAN, 'ft-clinician');
    peer = await member(app, Role.PEER_SPECIALIST, 'ft-peer');
    const spaces = await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, clinician.token);
    spaceId = spaces.data!.spaces[0].id;
  });

  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  async function post(token: string, body: string): Promise<string> {
    const created = await app.gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId, title: 'a hard day', body } },
      token,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createThread.firstPost.id;
  }

  async function screened(postId: string): Promise<void> {
    await waitFor('the screening', async () => (await app.dataSource.query<unknown[]>(`SELECT 1 FROM screenings WHERE post_id = $1`, [postId])).length > 0);
  }

  async function escalationsOf(
    subjectId: string,
  ): Promise<Array<{ id: string; severity: string; page_round: number; ack_due_at: Date; status: string; evidence: unknown[] }>> {
    return app.dataSource.query(`SELECT id, severity, page_round, ack_due_at, status, evidence FROM escalations WHERE subject_id = $1 ORDER BY created_at`, [
      subjectId,
    ]);
  }

  async function newClient(label: string): Promise<Member> {
    return member(app, Role.CLIENT, label, { name: PSEUDONYM });
  }

  it('should attach a second crisis post to the open escalation, re-page at a higher severity and only ever shorten the deadline', async () => {
    const client = await newClient('one-per-client');
    const first = await post(client.token, HIGH_TEXT);
    await screened(first);
    const [opened] = await escalationsOf(client.id);
    expect(opened.severity).toBe('HIGH');
    await waitFor(
      'the first page',
      async () => (await app.dataSource.query<unknown[]>(`SELECT 1 FROM escalation_pages WHERE escalation_id = $1`, [opened.id])).length,
    );

    const second = await post(client.token, IMMINENT_TEXT);
    await screened(second);
    const all = await escalationsOf(client.id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: opened.id, severity: 'IMMINENT', page_round: 1, status: 'OPEN' });
    expect(+all[0].ack_due_at).toBeLessThan(+opened.ack_due_at);
    expect(all[0].evidence.length).toBeGreaterThan(opened.evidence.length);

    // The re-page at the new severity reaches the clinician, and the escalation lists both signals.
    await waitFor('the re-page', async () => {
      const rows: Array<{ title: string }> = await app.dataSource.query(
        `SELECT title FROM notifications WHERE member_id = $1 AND data->>'escalationId' = $2 AND (data->>'round')::int = 1`,
        [clinician.id, opened.id],
      );
      return rows.some((r) => r.title.includes('now IMMINENT'));
    });
    const shown = await app.gql<{
      escalation: { id: string; severity: string; signals: Array<{ postId: string; raisedSeverity: boolean }>; pages: Array<{ severity: string }> };
    }>('query ($id: ID!) { escalation(id: $id) { id severity signals { postId raisedSeverity } pages { severity } } }', { id: opened.id }, clinician.token);
    const node = shown.data!.escalation;
    expect(node.signals).toEqual([
      { postId: first, raisedSeverity: false },
      { postId: second, raisedSeverity: true },
    ]);
    expect(node.pages.map((p) => p.severity)).toEqual(['HIGH', 'IMMINENT']);
    // The risk timeline still has each signal.
    const signals: unknown[] = await app.dataSource.query(`SELECT 1 FROM risk_signals WHERE subject_id = $1`, [client.id]);
    expect(signals).toHaveLength(2);

    // A lower severity afterwards attaches and tells the staff, without re-paging or moving the deadline.
    const third = await post(client.token, HIGH_TEXT);
    await screened(third);
    const [after] = await escalationsOf(client.id);
    expect(after).toMatchObject({ severity: 'IMMINENT', page_round: 1 });
    expect(+after.ack_due_at).toBe(+all[0].ack_due_at);
    await waitFor('the attached-signal notice', async () => {
      const rows: unknown[] = await app.dataSource.query(
        `SELECT 1 FROM notifications WHERE member_id = $1 AND data->>'escalationId' = $2 AND data ? 'signalId'`,
        [clinician.id, opened.id],
      );
      return rows.length > 0;
    });
  });

  it('should not tell a clinician paged and discharged since of a signal that joins the escalation', async () => {
    const client = await newClient('discharged-recipient');
    const staying = await member(app, Role.CLINICIAN, 'ft-staying');
    const leaving = await member(app, Role.CLINICIAN, 'ft-leaving');
    const sut = app.running.app.get(EscalationsService);
    const escalationId = await app.dataSource.transaction(async (manager) => {
      const raised = await sut.raise(manager, {
        dedupeKey: `discharged-recipient:${uniqueSub('k')}`,
        subjectId: client.id,
        postId: null,
        caseId: null,
        trigger: EscalationTrigger.CRISIS,
        severity: EscalationSeverity.HIGH,
        evidence: [{ level: CrisisLevel.HIGH }],
      });
      // Paged to both, as the page job records it; written in the same transaction, so the sweeper finds nothing left to page.
      await manager.query(
        `INSERT INTO escalation_pages (escalation_id, page_key, level, severity, recipient_ids, roster_covered) VALUES ($1, 'level-1', 1, 'HIGH', $2::uuid[], false)`,
        [raised.escalationId, [staying.id, leaving.id]],
      );
      await manager.query(`UPDATE escalations SET paged_level = 1, paged_at = now() WHERE id = $1`, [raised.escalationId]);
      return raised.escalationId;
    });
    const discharged = await app.gql(`mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`, { id: leaving.id }, admin.token);
    expect(discharged.errors).toBeUndefined();

    const { postId } = await postInThread(app.dataSource, spaceId, client.id, { text: 'another hard day' });
    await app.dataSource.transaction((manager) =>
      sut.recordRiskSignal(manager, { subjectId: client.id, postId, revision: 1, level: CrisisLevel.HIGH, evidence: [{ level: CrisisLevel.HIGH }] }),
    );
    const told: Array<{ member_id: string }> = await app.dataSource.query(
      `SELECT member_id FROM notifications WHERE data->>'escalationId' = $1 AND data ? 'signalId'`,
      [escalationId],
    );
    expect(told.map((r) => r.member_id)).toEqual([staying.id]);
  });

  it('should open one escalation when two signals of one client are raised at once (the second waits for the first)', async () => {
    const subjectId = (await member(app, Role.CLIENT, 'race')).id;
    const sut = app.running.app.get(EscalationsService);
    const request = (key: string, severity: EscalationSeverity) => ({
      dedupeKey: `race:${key}:${uniqueSub('k')}`,
      subjectId,
      postId: null,
      caseId: null,
      trigger: EscalationTrigger.CRISIS,
      severity,
      evidence: [{ level: CrisisLevel.HIGH }],
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let raisedFirst!: () => void;
    const firstRaised = new Promise<void>((resolve) => (raisedFirst = resolve));
    const a = app.dataSource.transaction(async (manager) => {
      const raised = await sut.raise(manager, request('a', EscalationSeverity.HIGH));
      raisedFirst();
      await held;
      return raised;
    });
    await firstRaised;
    const b = app.dataSource.transaction((manager) => sut.raise(manager, request('b', EscalationSeverity.HIGH)));
    // The second is waiting on the client's lock while the first is uncommitted.
    await waitFor('the second raise to wait on the lock', async () => {
      const waiting: unknown[] = await app.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`);
      return waiting.length > 0;
    });
    release();
    const [first, second] = await Promise.all([a, b]);
    expect(first).toMatchObject({ created: true, attached: false });
    expect(second).toEqual({ escalationId: first.escalationId, created: false, attached: true });
    expect(await escalationsOf(subjectId)).toHaveLength(1);
  });

  it('should record outreach and, on resolve, hand the held post back to peers with the outcome (never held without an open case)', async () => {
    const client = await newClient('close-the-loop');
    const postId = await post(client.token, IMMINENT_TEXT);
    await screened(postId);
    const [escalation] = await escalationsOf(client.id);

    const outreach = await app.gql<{ recordOutreach: { outreach: Array<{ channel: string; note: string; by: { id: string } }> } }>(
      'mutation ($id: ID!, $input: RecordOutreachInput!) { recordOutreach(escalationId: $id, input: $input) { outreach { channel note by { id } } } }',
      { id: escalation.id, input: { channel: 'PHONE', note: 'Called, reached voicemail, then the client called back.' } },
      clinician.token,
    );
    expect(outreach.errors).toBeUndefined();
    expect(outreach.data!.recordOutreach.outreach).toEqual([
      { channel: 'PHONE', note: 'Called, reached voicemail, then the client called back.', by: { id: clinician.id } },
    ]);
    const outreachAs = (token: string, note: string) =>
      app.gql(
        'mutation ($id: ID!, $input: RecordOutreachInput!) { recordOutreach(escalationId: $id, input: $input) { id } }',
        { id: escalation.id, input: { channel: 'PHONE', note } },
        token,
      );
    expect((await outreachAs(clinician.token, ' ')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const asPeer = await outreachAs(peer.token, 'x');
    expect(asPeer.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const resolved = await app.gql<{ resolveEscalation: { status: string; outcome: string } }>(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { status outcome } }',
      { input: { escalationId: escalation.id, outcome: 'SAFETY_PLAN_REVIEWED', note: 'Safety plan reviewed by phone.' } },
      clinician.token,
    );
    expect(resolved.data?.resolveEscalation).toEqual({ status: 'RESOLVED', outcome: 'SAFETY_PLAN_REVIEWED' });

    const note = await waitFor('the case handed back', async () => {
      const rows: Array<{ body: string }> = await app.dataSource.query(
        `SELECT n.body FROM case_notes n JOIN moderation_cases c ON c.id = n.case_id WHERE c.post_id = $1 AND n.body LIKE 'Escalation resolved:%'`,
        [postId],
      );
      return rows[0]?.body;
    });
    expect(note).toContain('the safety plan was reviewed');
    const [state]: Array<{ post_status: string; case_status: string; assignee_id: string | null }> = await app.dataSource.query(
      `SELECT p.status AS post_status, c.status AS case_status, c.assignee_id FROM posts p JOIN moderation_cases c ON c.post_id = p.id WHERE p.id = $1`,
      [postId],
    );
    expect(state).toEqual({ post_status: 'HELD', case_status: 'OPEN', assignee_id: null });
    const audit: Array<{ action: string }> = await app.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`, [escalation.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.outreach', 'escalation.resolve']));
  });

  it('should email a paged clinician a link with no post text or pseudonym, and show each channel per page', async () => {
    const paged = await member(app, Role.CLINICIAN, 'emailed');
    const set = await app.gql(
      'mutation ($id: ID!, $email: String) { setStaffPagingEmail(memberId: $id, email: $email) }',
      { id: paged.id, email: 'on-call@clinic.example.org' },
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    const bad = await app.gql(
      'mutation ($id: ID!, $email: String) { setStaffPagingEmail(memberId: $id, email: $email) }',
      { id: paged.id, email: 'not an email' },
      admin.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const client = await newClient('emailed-about');
    const clientMail = await app.gql(
      'mutation ($id: ID!, $email: String) { setStaffPagingEmail(memberId: $id, email: $email) }',
      { id: client.id, email: 'client@example.org' },
      admin.token,
    );
    expect(clientMail.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const postId = await post(client.token, IMMINENT_TEXT);
    await screened(postId);
    const [escalation] = await escalationsOf(client.id);
    // Quoted-printable wraps long lines with a soft break ("=" at the end of the line).
    const unwrap = (raw: string) => raw.replace(/=\r?\n/g, '');
    const mail = await waitFor('the email page', async () => {
      const found = smtp.received.find((m) => m.to.includes('on-call@clinic.example.org') && unwrap(m.raw).includes(escalation.id));
      if (!found) {
        const failed: Array<{ status: string; error: string | null }> = await app.dataSource.query(
          `SELECT status, error FROM email_deliveries WHERE escalation_id = $1`,
          [escalation.id],
        );
        if (failed.some((d) => d.error)) throw new Error(`email delivery failed: ${JSON.stringify(failed)}`);
      }
      return found;
    });
    const flat = unwrap(mail.raw);
    expect(flat).toContain(`${PUBLIC_BASE_URL}/escalations/${escalation.id}`);
    expect(flat).toContain('IMMINENT');
    for (const secret of ['pills', 'goodbye', 'kill', PSEUDONYM, client.id, postId]) expect(flat).not.toContain(secret);

    const pages = await waitFor('the email delivery recorded', async () => {
      // The one escalation by id: a page of the newest ones may hold other tests' escalations of this run.
      const res = await app.gql<{
        escalation: { id: string; pages: Array<{ deliveries: Array<{ channel: string; state: string; recipient: { id: string } | null }> }> };
      }>(
        'query($id: ID!) { escalation(id: $id) { id pages { level deliveries { channel state attempts recipient { id } } } } }',
        { id: escalation.id },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      const node = res.data!.escalation;
      const email = node.pages[0]?.deliveries.find((d) => d.channel === 'EMAIL' && d.recipient?.id === paged.id);
      return email?.state === 'DELIVERED' ? node.pages[0].deliveries : null;
    });
    expect(pages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'IN_APP', state: 'DELIVERED', recipient: { id: paged.id } }),
        expect.objectContaining({ channel: 'EMAIL', state: 'NOT_SENT', recipient: { id: clinician.id } }),
        expect.objectContaining({ channel: 'WEBHOOK', state: 'NOT_SENT', recipient: null }),
      ]),
    );
    const peerView = await app.gql('{ escalations(first: 1) { edges { node { pages { level } } } } }', {}, peer.token);
    expect(peerView.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
