import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/domain/role.enum';
import { NotificationKind } from '../../src/notifications/entities/notification.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { JobProducer } from '../../src/queue/job-producer.service';
import { JobName } from '../../src/queue/queue.types';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { allHostileInputs } from '../fixtures/hostile-inputs';
import { createThread } from '../forum/forum-fixtures';
import { probeDelivery, subscribe, wsClient } from '../helpers/realtime';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, insertEscalation, Member, member, postInThread, postWithCase, space } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';
import { waitFor } from '../utils/wait-for';

/**
 * An outside tester's attacks on what sessions 5 and 6 added (roster, escalation follow-through,
 * members admin, data export, pseudonyms, spaces admin, insights, notifications, subscriptions),
 * against the real app and worker. Each attack names what it tries; the access matrix beside it
 * checks roles with random ids, these use real ids of real rows, and look at what comes back.
 */

const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data');
const BLNS_PATH = join(SHARED_DATA_DIR, 'blns', 'blns.json');
const BLNS: string[] = existsSync(BLNS_PATH) ? (JSON.parse(readFileSync(BLNS_PATH, 'utf8')) as string[]) : [];

/** Screened by the real worker as IMMINENT: held, an urgent case, an escalation with matched phrases. */
const CRISIS = 'I am going to kill myself tonight. I have the pills ready.';
const CRISIS_WORDS = /kill myself|pills/i;

/** What no error may carry: a stack, a driver's words, a statement. */
const LEAKY_ERROR = /\bat [\w.<>]+ \(|node_modules|QueryFailedError|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|violates|syntax error|relation "|column "/i;

/** What a peer may read of an escalation they raised (the clinical fields answer them FORBIDDEN: fourth-review-attacks). */
const ESCALATION_FIELDS = `id status severity trigger note postId caseId
  post { id body } case { id post { id body } } subject { id }`;

describe('authorization: attacks on the new surfaces', () => {
  let app: TestApp;
  let spaceA: string;
  let spaceB: string;
  let admin: Member;
  let clinician: Member;
  let peerA: Member;
  let peerB: Member;
  let client: Member;
  let reader: Member;
  /** Every error this file saw, checked at the end for stacks and SQL. */
  const seenErrors: unknown[] = [];

  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>> {
    const res = await app.gql<T>(query, variables, token);
    if (res.errors) seenErrors.push(...res.errors);
    return res;
  }

  const codeOf = (res: GraphqlResponse<unknown>) => res.errors?.[0]?.extensions?.code;

  async function heldCrisisThread(author: Member, spaceId: string): Promise<{ postId: string; caseId: string; escalationId: string }> {
    const thread = await createThread(app, author, spaceId, 'Tonight', CRISIS);
    const postId = thread.firstPost.id;
    return waitFor('the worker to hold the crisis post, open its case and raise the escalation', async () => {
      const [row]: Array<{ case_id: string; escalation_id: string }> = await app.dataSource.query(
        `SELECT c.id AS case_id, e.id AS escalation_id FROM moderation_cases c JOIN posts p ON p.id = c.post_id
           JOIN escalations e ON e.subject_id = p.author_id AND e.status <> 'RESOLVED'
          WHERE c.post_id = $1 AND p.status = 'HELD'`,
        [postId],
      );
      return row ? { postId, caseId: row.case_id, escalationId: row.escalation_id } : undefined;
    });
  }

  beforeAll(async () => {
    // Long deadlines: nothing climbs or re-pages while a test looks.
    app = await startTestApp({ role: 'all', env: { ESCALATION_ACK_SECONDS: 'IMMINENT=3600,HIGH=3600,ELEVATED=3600' } });
    spaceA = await space(app.dataSource, { name: 'Attack space A' });
    spaceB = await space(app.dataSource, { name: 'Attack space B' });
    admin = await member(app, Role.ADMIN, 'atk-admin');
    clinician = await member(app, Role.CLINICIAN, 'atk-clinician');
    peerA = await member(app, Role.PEER_SPECIALIST, 'atk-peer-a');
    peerB = await member(app, Role.PEER_SPECIALIST, 'atk-peer-b');
    client = await member(app, Role.CLIENT, 'atk-client');
    reader = await member(app, Role.CLIENT, 'atk-reader');
    await assignToSpace(app.dataSource, spaceA, peerA.id);
    await assignToSpace(app.dataSource, spaceB, peerB.id);
  });

  afterAll(async () => app.close());

  describe('escalations reached by a peer specialist', () => {
    it("should not give a peer who escalates their own space's case the client's open escalation from another space: no evidence, notes, post or case", async () => {
      const subject = await member(app, Role.CLIENT, 'atk-subject');
      const other = await heldCrisisThread(subject, spaceB);
      // Space B's peer escalates too (their note joins the evidence), and the clinician acknowledges with a note.
      const fromB = await gql(
        'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id } }',
        {
          input: { caseId: other.caseId, note: 'B-PEER-NOTE: their sister called us' },
        },
        peerB.token,
      );
      expect(fromB.errors).toBeUndefined();
      const ack = await gql(
        'mutation ($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id } }',
        {
          id: other.escalationId,
          note: 'ACK-NOTE: safety plan reviewed by phone',
        },
        clinician.token,
      );
      expect(ack.errors).toBeUndefined();

      // The same client has a case in space A, which peer A works and escalates.
      const own = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'PUBLISHED', text: 'a quiet week' });
      const res = await gql<{ escalateCase: Record<string, unknown> }>(
        `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { ${ESCALATION_FIELDS} } }`,
        { input: { caseId: own.caseId, note: 'A-PEER-NOTE: checking in' } },
        peerA.token,
      );
      expect(res.errors).toBeUndefined();
      // One open escalation per client: the answer is space B's, acknowledged already.
      expect(res.data?.escalateCase).toMatchObject({ id: other.escalationId, status: 'ACKNOWLEDGED' });
      const seen = JSON.stringify(res.data);
      expect(seen).not.toMatch(CRISIS_WORDS);
      expect(seen).not.toContain('B-PEER-NOTE');
      expect(seen).not.toContain('ACK-NOTE');
      expect(seen).not.toContain(other.postId);
      expect(seen).not.toContain(other.caseId);
      expect(res.data?.escalateCase).toMatchObject({ note: null, post: null, case: null });

      // The clinician sees all of it: the evidence is there to leak, and peer A's note joined it.
      const full = await gql<{ escalation: { evidence: string[]; ackNote: string; postId: string } }>(
        'query ($id: ID!) { escalation(id: $id) { evidence ackNote postId } }',
        { id: other.escalationId },
        clinician.token,
      );
      expect(full.data?.escalation.ackNote).toContain('ACK-NOTE');
      expect(full.data?.escalation.postId).toBe(other.postId);
      expect(full.data?.escalation.evidence.join(' ')).toMatch(CRISIS_WORDS);
      expect(full.data?.escalation.evidence.join(' ')).toContain('A-PEER-NOTE');
    });

    it("should keep the clinicians' notes and the evidence from a peer re-escalating their own case, and refuse them the follow-through", async () => {
      const subject = await member(app, Role.CLIENT, 'atk-own-subject');
      const own = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: 'a hard night' });
      const ESCALATE = `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { ${ESCALATION_FIELDS} } }`;
      const first = await gql<{ escalateCase: { id: string; note: string; case: { id: string } } }>(
        ESCALATE,
        { input: { caseId: own.caseId, note: 'first look' } },
        peerA.token,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.escalateCase).toMatchObject({ note: 'first look', caseId: own.caseId, case: { id: own.caseId } });
      const escalationId = first.data!.escalateCase.id;
      await gql(
        'mutation ($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id } }',
        {
          id: escalationId,
          note: 'ACK-OWN: called their therapist',
        },
        clinician.token,
      );
      const again = await gql<{ escalateCase: { id: string } }>(ESCALATE, { input: { caseId: own.caseId, note: 'still worried' } }, peerA.token);
      expect(again.data?.escalateCase.id).toBe(escalationId);
      expect(JSON.stringify(again.data)).not.toContain('ACK-OWN');
      expect(JSON.stringify(again.data)).not.toContain('still worried');

      // Who was paged, the signals and the outreach are clinical, by any path.
      for (const field of ['signals { postId level }', 'signalCount', 'pages { recipients { id } deliveries { state } }', 'outreach { note }']) {
        const res = await gql(
          `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id ${field} } }`,
          { input: { caseId: own.caseId, note: 'probe' } },
          peerA.token,
        );
        expect([field, codeOf(res)]).toEqual([field, 'FORBIDDEN']);
      }
    });
  });

  describe('roles calling what is not theirs, with real ids', () => {
    it('should refuse clients, peer specialists and clinicians the admin and clinical operations on real rows, and change nothing', async () => {
      const victim = await member(app, Role.CLIENT, 'atk-victim');
      const { escalationId } = await heldCrisisThread(victim, spaceA);
      const shift = await gql<{ createOnCallShift: { id: string } }>(
        'mutation ($input: CreateOnCallShiftInput!) { createOnCallShift(input: $input) { id } }',
        { input: { clinicianId: clinician.id, tier: 'BACKUP', startsAt: '2100-01-01T00:00:00Z', endsAt: '2100-01-01T08:00:00Z' } },
        admin.token,
      );
      expect(shift.errors).toBeUndefined();
      const shiftId = shift.data!.createOnCallShift.id;
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date().toISOString();

      const CLINICAL_OPS: Array<[string, string, Record<string, unknown>]> = [
        ['escalation', 'query ($id: ID!) { escalation(id: $id) { id evidence } }', { id: escalationId }],
        ['escalations', '{ escalations { edges { node { id } } } }', {}],
        ['acknowledgeEscalation', 'mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: escalationId }],
        ['recordOutreach', 'mutation ($id: ID!) { recordOutreach(escalationId: $id, input: { channel: PHONE, note: "x" }) { id } }', { id: escalationId }],
        [
          'resolveEscalation',
          'mutation ($id: ID!) { resolveEscalation(input: { escalationId: $id, outcome: FALSE_ALARM, note: "x" }) { id } }',
          { id: escalationId },
        ],
        ['clientRiskTimeline', 'query ($id: ID!) { clientRiskTimeline(memberId: $id) { edges { node { id postId } } } }', { id: victim.id }],
        ['onCallShifts', 'query ($from: DateTime!, $to: DateTime!) { onCallShifts(from: $from, to: $to) { id } }', { from, to }],
        ['onCallGaps', 'query ($from: DateTime!, $to: DateTime!) { onCallGaps(from: $from, to: $to) { kind } }', { from, to }],
        ['myPagingEmail', '{ myPagingEmail }', {}],
        ['setMyPagingEmail', 'mutation { setMyPagingEmail(email: "me@example.org") }', {}],
      ];
      const ADMIN_OPS: Array<[string, string, Record<string, unknown>]> = [
        ['deleteOnCallShift', 'mutation ($id: ID!) { deleteOnCallShift(id: $id) { id } }', { id: shiftId }],
        [
          'createOnCallShift',
          'mutation ($id: ID!) { createOnCallShift(input: { clinicianId: $id, tier: PRIMARY, startsAt: "2100-02-01T00:00:00Z", endsAt: "2100-02-01T08:00:00Z" }) { id } }',
          { id: clinician.id },
        ],
        ['onCallClinicians', '{ onCallClinicians { id } }', {}],
        ['members', '{ members { edges { node { id displayName status } } } }', {}],
        ['members(filter)', 'query ($s: String) { members(filter: { search: $s }) { edges { node { id } } } }', { s: 'a' }],
        ['memberInvites', '{ memberInvites { edges { node { sub } } } }', {}],
        ['membershipMode', '{ membershipMode }', {}],
        ['inviteMember', 'mutation { inviteMember(sub: "atk-invited", role: ADMIN) }', {}],
        ['revokeInvite', 'mutation { revokeInvite(sub: "atk-invited") }', {}],
        ['dischargeMember', 'mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: victim.id }],
        ['eraseMember', 'mutation ($id: ID!) { eraseMember(memberId: $id) { id } }', { id: victim.id }],
        ['setStaffPagingEmail', 'mutation ($id: ID!) { setStaffPagingEmail(memberId: $id, email: "evil@example.org") }', { id: clinician.id }],
        ['createSpace', 'mutation { createSpace(input: { name: "Attacker space" }) { id } }', {}],
        ['updateSpace', 'mutation ($id: ID!) { updateSpace(input: { id: $id, name: "Pwned", cohort: "nobody" }) { id } }', { id: spaceA }],
        ['archiveSpace', 'mutation ($id: ID!) { archiveSpace(id: $id) { id } }', { id: spaceA }],
        ['assignPeerSpecialist', 'mutation ($s: ID!, $m: ID!) { assignPeerSpecialist(spaceId: $s, memberId: $m) }', { s: spaceB, m: peerA.id }],
      ];
      const STAFF_OPS: Array<[string, string, Record<string, unknown>]> = [
        [
          'engagementSummary',
          'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $s, from: $from, to: $to) { replies } }',
          { s: spaceA, from, to },
        ],
        [
          'engagementSeries',
          'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSeries(spaceId: $s, from: $from, to: $to) { bucket } }',
          { s: spaceA, from, to },
        ],
        ['unansweredThreadList', '{ unansweredThreadList { edges { node { threadId } } } }', {}],
        ['insightSpaces', '{ insightSpaces { id } }', {}],
        ['onCallNow', '{ onCallNow { covered primary { id } } }', {}],
      ];
      const attempts: Array<[Member, Array<[string, string, Record<string, unknown>]>]> = [
        [client, [...CLINICAL_OPS, ...ADMIN_OPS, ...STAFF_OPS]],
        [peerA, [...CLINICAL_OPS, ...ADMIN_OPS]],
        [clinician, ADMIN_OPS],
      ];
      const unexpected: string[] = [];
      for (const [who, ops] of attempts) {
        for (const [name, query, variables] of ops) {
          const res = await gql(query, variables, who.token);
          const data = res.data ? Object.values(res.data)[0] : null;
          if (codeOf(res) !== 'FORBIDDEN' || (data ?? null) !== null)
            unexpected.push(`${name} by ${who === client ? 'client' : who === peerA ? 'peer' : 'clinician'} -> ${JSON.stringify(codeOf(res) ?? res.data)}`);
        }
      }
      expect(unexpected).toEqual([]);

      const [esc]: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM escalations WHERE id = $1`, [escalationId]);
      expect(esc.status).toBe('OPEN');
      expect(await app.dataSource.query(`SELECT 1 FROM escalation_outreach WHERE escalation_id = $1`, [escalationId]).catch(() => [])).toEqual([]);
      expect(await app.dataSource.query(`SELECT id FROM on_call_shifts WHERE id = $1`, [shiftId])).toHaveLength(1);
      // The roster is program-wide and the run's other files share it.
      await app.dataSource.query(`DELETE FROM on_call_shifts WHERE id = $1`, [shiftId]);
      const [victimRow]: Array<{ discharged_at: Date | null; erased_at: Date | null }> = await app.dataSource.query(
        `SELECT discharged_at, erased_at FROM members WHERE id = $1`,
        [victim.id],
      );
      expect(victimRow).toEqual({ discharged_at: null, erased_at: null });
      const [spaceRow]: Array<{ name: string; cohort: string | null; archived_at: Date | null }> = await app.dataSource.query(
        `SELECT name, cohort, archived_at FROM spaces WHERE id = $1`,
        [spaceA],
      );
      expect(spaceRow).toEqual({ name: 'Attack space A', cohort: null, archived_at: null });
      expect(await app.dataSource.query(`SELECT 1 FROM space_moderators WHERE space_id = $1 AND member_id = $2`, [spaceB, peerA.id])).toEqual([]);
      expect(await app.dataSource.query(`SELECT 1 FROM member_invites WHERE sub = 'atk-invited'`)).toEqual([]);
    });
  });

  describe("a peer specialist reading another space's data", () => {
    it("should answer NOT_FOUND for another space's insights and unanswered threads, and leave them out of every list", async () => {
      const author = await member(app, Role.CLIENT, 'atk-unanswered');
      // A thread in each space, published two days ago with no reply: both are "unanswered".
      const inA = await postInThread(app.dataSource, spaceA, author.id);
      const inB = await postInThread(app.dataSource, spaceB, author.id);
      await app.dataSource.query(
        `UPDATE posts SET published_at = now() - interval '2 days', created_at = now() - interval '2 days' WHERE id = ANY($1::uuid[])`,
        [[inA.postId, inB.postId]],
      );
      const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
      const to = new Date().toISOString();
      for (const [name, query] of [
        ['engagementSummary', 'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $s, from: $from, to: $to) { newThreads } }'],
        [
          'engagementSeries',
          'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSeries(spaceId: $s, from: $from, to: $to) { points { newThreads } } }',
        ],
        ['unansweredThreadList', 'query ($s: ID) { unansweredThreadList(spaceId: $s) { edges { node { threadId } } } }'],
      ]) {
        const res = await gql(query, { s: spaceB, from, to }, peerA.token);
        expect([name, codeOf(res), res.data ?? null]).toEqual([name, 'NOT_FOUND', null]);
      }
      const listed: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res: GraphqlResponse<{
          unansweredThreadList: { edges: Array<{ node: { threadId: string; spaceId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }> = await gql(
          'query ($after: String) { unansweredThreadList(first: 100, after: $after) { edges { node { threadId spaceId } } pageInfo { hasNextPage endCursor } } }',
          { after },
          peerA.token,
        );
        listed.push(...res.data!.unansweredThreadList.edges.map((e) => `${e.node.spaceId}:${e.node.threadId}`));
        if (!res.data!.unansweredThreadList.pageInfo.hasNextPage) break;
        after = res.data!.unansweredThreadList.pageInfo.endCursor;
      }
      expect(listed).toContain(`${spaceA}:${inA.threadId}`);
      expect(listed.filter((l) => !l.startsWith(`${spaceA}:`))).toEqual([]);
      const spaces = await gql<{ insightSpaces: Array<{ id: string }> }>('{ insightSpaces { id } }', {}, peerA.token);
      expect(spaces.data?.insightSpaces.map((s) => s.id)).toEqual([spaceA]);

      // A peer with no spaces sees nothing at all, not everything.
      const unassigned = await member(app, Role.PEER_SPECIALIST, 'atk-unassigned');
      const none = await gql<{ unansweredThreadList: { edges: unknown[] }; insightSpaces: unknown[]; moderationQueue: { edges: unknown[] } }>(
        '{ unansweredThreadList { edges { node { threadId } } } insightSpaces { id } moderationQueue { edges { node { id } } } }',
        {},
        unassigned.token,
      );
      expect(none.data).toEqual({ unansweredThreadList: { edges: [] }, insightSpaces: [], moderationQueue: { edges: [] } });
    });

    it("should give a peer nothing of another space's held post or case by id, nested path or notification", async () => {
      const author = await member(app, Role.CLIENT, 'atk-held-b');
      const other = await heldCrisisThread(author, spaceB);
      const byCase = await gql<{ moderationCase: unknown }>(
        'query ($id: ID!) { moderationCase(id: $id) { id post { body } } }',
        { id: other.caseId },
        peerA.token,
      );
      expect(byCase.data?.moderationCase).toBeNull();
      const byPost = await gql<{ post: unknown }>('query ($id: ID!) { post(id: $id) { id body quotedPost { body } } }', { id: other.postId }, peerA.token);
      expect(byPost.data?.post).toBeNull();
      const thread = await gql<{ thread: unknown }>(
        'query ($id: ID!) { thread(id: $id) { id posts { edges { node { body } } } } }',
        { id: (await app.dataSource.query(`SELECT thread_id FROM posts WHERE id = $1`, [other.postId]))[0].thread_id },
        peerA.token,
      );
      expect(thread.data?.thread).toBeNull();
      const notes = await gql<{ notifications: { edges: Array<{ node: unknown }> } }>(
        '{ notifications(first: 100) { edges { node { title body postId caseId escalationId } } } }',
        {},
        peerA.token,
      );
      const seen = JSON.stringify(notes.data);
      expect(seen).not.toContain(other.postId);
      expect(seen).not.toContain(other.caseId);
      expect(seen).not.toMatch(CRISIS_WORDS);
    });
  });

  describe('discharged members', () => {
    it('should refuse a discharged client, peer, clinician and admin every new operation with DISCHARGED', async () => {
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date().toISOString();
      const byRole: Array<[Role, Array<[string, Record<string, unknown>]>]> = [
        [
          Role.CLIENT,
          [
            ['{ exportMyData }', {}],
            ['mutation { setMyPseudonym(displayName: "Late Leaver") { id } }', {}],
            ['{ notifications { edges { node { id } } } }', {}],
            ['{ unreadNotificationCount }', {}],
            ['mutation { markAllNotificationsRead }', {}],
            ['query ($s: ID!) { threads(spaceId: $s) { edges { node { id } } } }', { s: spaceA }],
          ],
        ],
        [
          Role.PEER_SPECIALIST,
          [
            ['query ($from: DateTime!, $to: DateTime!) { engagementSummary(from: $from, to: $to) { replies } }', { from, to }],
            ['{ unansweredThreadList { edges { node { threadId } } } }', {}],
            ['{ moderationQueue { edges { node { id } } } }', {}],
            ['{ onCallNow { covered } }', {}],
            ['{ exportMyData }', {}],
          ],
        ],
        [
          Role.CLINICIAN,
          [
            ['{ escalations { edges { node { id signals { postId } } } } }', {}],
            ['query ($from: DateTime!, $to: DateTime!) { onCallShifts(from: $from, to: $to) { id } }', { from, to }],
            ['query ($id: ID!) { clientRiskTimeline(memberId: $id) { edges { node { id } } } }', { id: client.id }],
            ['mutation { setMyPagingEmail(email: "gone@example.org") }', {}],
          ],
        ],
        [
          Role.ADMIN,
          [
            ['{ members { edges { node { id } } } }', {}],
            ['mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: reader.id }],
            ['mutation ($id: ID!) { eraseMember(memberId: $id) { id } }', { id: reader.id }],
            ['mutation { createSpace(input: { name: "Ghost space" }) { id } }', {}],
            ['mutation ($id: ID!) { archiveSpace(id: $id) { id } }', { id: spaceB }],
            [
              'mutation ($id: ID!) { createOnCallShift(input: { clinicianId: $id, tier: PRIMARY, startsAt: "2100-03-01T00:00:00Z", endsAt: "2100-03-01T08:00:00Z" }) { id } }',
              { id: clinician.id },
            ],
          ],
        ],
      ];
      const unexpected: string[] = [];
      for (const [role, operations] of byRole) {
        const leaving = await member(app, role, `atk-discharged-${role}`);
        const discharged = await gql('mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: leaving.id }, admin.token);
        expect(discharged.errors).toBeUndefined();
        for (const [query, variables] of operations) {
          const res = await gql(query, variables, leaving.token);
          const extensions = res.errors?.[0]?.extensions;
          if (extensions?.code !== 'FORBIDDEN' || extensions?.reason !== 'DISCHARGED' || (res.data && Object.values(res.data).some((v) => v !== null)))
            unexpected.push(`${role} ${query.slice(0, 60)} -> ${JSON.stringify(extensions ?? res.data)}`);
        }
      }
      expect(unexpected).toEqual([]);
      // Erased at their request: the same, for good.
      const erased = await member(app, Role.CLIENT, 'atk-erased');
      expect((await gql('mutation ($id: ID!) { eraseMember(memberId: $id) { id } }', { id: erased.id }, admin.token)).errors).toBeUndefined();
      for (const query of ['{ exportMyData }', '{ me { id displayName } }', 'mutation { setMyPseudonym(displayName: "Back Again") { id } }']) {
        const res = await gql(query, {}, erased.token);
        expect([query, res.errors?.[0]?.extensions?.reason, res.data ?? null]).toEqual([query, 'DISCHARGED', null]);
      }
      const [readerRow]: Array<{ discharged_at: Date | null }> = await app.dataSource.query(`SELECT discharged_at FROM members WHERE id = $1`, [reader.id]);
      expect(readerRow.discharged_at).toBeNull();
      expect(await app.dataSource.query(`SELECT 1 FROM spaces WHERE name = 'Ghost space'`)).toEqual([]);
    });

    it('should not page a discharged clinician, even on a shift that still covers now', async () => {
      const leaver = await member(app, Role.CLINICIAN, 'atk-paged-leaver');
      const [shift]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO on_call_shifts (clinician_id, tier, starts_at, ends_at, created_by) VALUES ($1, 'PRIMARY', now() - interval '1 hour', now() + interval '1 hour', $2) RETURNING id`,
        [leaver.id, admin.id],
      );
      const [future]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO on_call_shifts (clinician_id, tier, starts_at, ends_at, created_by) VALUES ($1, 'PRIMARY', '2100-06-01T00:00:00Z', '2100-06-01T08:00:00Z', $2) RETURNING id`,
        [leaver.id, admin.id],
      );
      try {
        expect((await gql('mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: leaver.id }, admin.token)).errors).toBeUndefined();
        const subject = await member(app, Role.CLIENT, 'atk-paged-subject');
        const escalationId = await insertEscalation(app.dataSource, subject.id);
        await app.running.app.get(JobProducer).enqueue({ name: JobName.PAGE_ESCALATION, data: { escalationId, level: 1 } });
        const page = await waitFor('the first page', async () => {
          const [row]: Array<{ recipient_ids: string[] }> = await app.dataSource.query(
            `SELECT recipient_ids FROM escalation_pages WHERE escalation_id = $1 AND level = 1`,
            [escalationId],
          );
          return row;
        });
        expect(page.recipient_ids).not.toContain(leaver.id);
        expect(await app.dataSource.query(`SELECT 1 FROM notifications WHERE member_id = $1`, [leaver.id])).toEqual([]);
        // Their shift is no cover: not on call now, and a gap in the roster where it was the only PRIMARY.
        const now = await gql<{ onCallNow: { primaries: Array<{ id: string }> } }>('{ onCallNow { primaries { id } } }', {}, admin.token);
        expect(now.data?.onCallNow.primaries.map((m) => m.id)).not.toContain(leaver.id);
        const gaps = await gql<{ onCallGaps: Array<{ kind: string }> }>(
          'query ($from: DateTime!, $to: DateTime!) { onCallGaps(from: $from, to: $to) { kind } }',
          { from: '2100-06-01T00:00:00Z', to: '2100-06-01T08:00:00Z' },
          admin.token,
        );
        expect(gaps.data?.onCallGaps.map((g) => g.kind)).toEqual(['NO_PRIMARY']);
        await app.dataSource.query(`UPDATE escalations SET status = 'RESOLVED', resolved_at = now() WHERE id = $1`, [escalationId]);
      } finally {
        await app.dataSource.query(`DELETE FROM on_call_shifts WHERE id = ANY($1::uuid[])`, [[shift.id, future.id]]);
      }
    });

    it("should close a discharged member's open subscription instead of delivering to it", async () => {
      const leaving = await member(app, Role.PEER_SPECIALIST, 'atk-socket-leaver');
      await assignToSpace(app.dataSource, spaceA, leaving.id);
      const socket = wsClient(app.url, leaving.token);
      const sub = subscribe<{ moderationQueueChanged: { id: string } }>(socket, 'subscription { moderationQueueChanged { id post { body } } }');
      const probe = await postWithCase(app.dataSource, spaceA, client.id, { text: 'socket probe' });
      const pubsub = app.running.app.get(RedisPubSub);
      try {
        await probeDelivery(
          sub,
          () => pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: probe.caseId, spaceId: spaceA }),
          (e) => e.moderationQueueChanged.id === probe.caseId,
          "the peer's socket before discharge",
        );
        await gql('mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: leaving.id }, admin.token);
        const later = await postWithCase(app.dataSource, spaceA, client.id, { text: 'after discharge' });
        await pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: later.caseId, spaceId: spaceA });
        await waitFor('the socket to close', () => sub.errors.length > 0 || sub.completed, { timeoutMs: 10_000 });
        expect(sub.events.map((e) => e.moderationQueueChanged.id)).not.toContain(later.caseId);
      } finally {
        sub.dispose();
        await socket.dispose();
      }
    });
  });

  describe("another member's ids (IDOR)", () => {
    it("should answer NOT_FOUND for another member's notification, post edits and deletes, and quoting or reacting to their held post", async () => {
      const victim = await member(app, Role.CLIENT, 'atk-idor-victim');
      const [note]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO notifications (member_id, kind, title, body) VALUES ($1, 'POST_HELD', 'Victim note', 'private') RETURNING id`,
        [victim.id],
      );
      const read = await gql('mutation ($id: ID!) { markNotificationRead(id: $id) { id title body } }', { id: note.id }, client.token);
      expect([codeOf(read), JSON.stringify(read.data ?? null)]).toEqual(['NOT_FOUND', 'null']);
      const [row]: Array<{ read_at: Date | null }> = await app.dataSource.query(`SELECT read_at FROM notifications WHERE id = $1`, [note.id]);
      expect(row.read_at).toBeNull();

      const open = await postInThread(app.dataSource, spaceA, reader.id);
      const published = await postInThread(app.dataSource, spaceA, victim.id, { text: 'victim public words' });
      const [held]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text)
         VALUES ($1, $2, $3, 'HELD', 'TOXICITY', '<p>VICTIM-HELD-WORDS</p>', 'VICTIM-HELD-WORDS') RETURNING id`,
        [open.threadId, spaceA, victim.id],
      );
      for (const [name, query, variables, code] of [
        ['editPost', 'mutation ($id: ID!) { editPost(input: { postId: $id, body: "hijacked" }) { id body } }', { id: published.postId }, 'NOT_FOUND'],
        ['deletePost', 'mutation ($id: ID!) { deletePost(id: $id) { id body } }', { id: published.postId }, 'NOT_FOUND'],
        ['editPost held', 'mutation ($id: ID!) { editPost(input: { postId: $id, body: "hijacked" }) { id body } }', { id: held.id }, 'NOT_FOUND'],
        ['react held', 'mutation ($id: ID!) { react(input: { postId: $id, kind: HUG }) { id body } }', { id: held.id }, 'NOT_FOUND'],
        ['unreact held', 'mutation ($id: ID!) { unreact(input: { postId: $id, kind: HUG }) { id body } }', { id: held.id }, 'NOT_FOUND'],
        ['report held', 'mutation ($id: ID!) { reportPost(input: { postId: $id, reason: "x" }) }', { id: held.id }, 'NOT_FOUND'],
        [
          'quote held',
          'mutation ($t: ID!, $q: ID!) { createReply(input: { threadId: $t, body: "agree", quotePostId: $q }) { id quotedPost { body } } }',
          { t: open.threadId, q: held.id },
          'BAD_USER_INPUT',
        ],
      ] as const) {
        const res = await gql(query, variables, client.token);
        expect([name, codeOf(res)]).toEqual([name, code]);
        expect(JSON.stringify(res)).not.toContain('VICTIM-HELD-WORDS');
      }
      const [after]: Array<{ body_text: string; status: string }> = await app.dataSource.query(`SELECT body_text, status FROM posts WHERE id = $1`, [
        published.postId,
      ]);
      expect(after).toEqual({ body_text: 'victim public words', status: 'PUBLISHED' });
    });
  });

  describe('held and removed text reaching a client', () => {
    it('should never show a held or removed post of another member by thread, id, quote, notification, export or subscription', async () => {
      const starter = await member(app, Role.CLIENT, 'atk-starter');
      const removedAuthor = await member(app, Role.CLIENT, 'atk-removed');
      const heldAuthor = await member(app, Role.CLIENT, 'atk-held');
      const quoter = await member(app, Role.CLIENT, 'atk-quoter');
      const { threadId, postId: openingId } = await postInThread(app.dataSource, spaceA, starter.id, { text: 'how do you all sleep' });
      const insertReply = async (authorId: string, status: string, text: string, quotePostId: string | null = null): Promise<string> => {
        const [row]: Array<{ id: string }> = await app.dataSource.query(
          `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text, quote_post_id, published_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'HELD' THEN 'CRISIS' END, $5, $6, $7, CASE WHEN $4 = 'PUBLISHED' THEN now() END) RETURNING id`,
          [threadId, spaceA, authorId, status, `<p>${text}</p>`, text, quotePostId],
        );
        await app.dataSource.query(`INSERT INTO post_revisions (post_id, revision, author_id, body_html, body_text) VALUES ($1, 1, $2, $3, $4)`, [
          row.id,
          authorId,
          `<p>${text}</p>`,
          text,
        ]);
        return row.id;
      };
      // A reply quoted while it was public, then removed by a moderator; another held for crisis.
      const removedId = await insertReply(removedAuthor.id, 'PUBLISHED', 'REMOVED-WORDS of a bad night');
      const quotingId = await insertReply(quoter.id, 'PUBLISHED', 'QUOTER-WORDS same here', removedId);
      await app.dataSource.query(`UPDATE posts SET status = 'REMOVED', published_at = published_at WHERE id = $1`, [removedId]);
      const heldId = await insertReply(heldAuthor.id, 'HELD', 'HELD-WORDS I cannot go on');
      const SECRETS = /REMOVED-WORDS|HELD-WORDS/;

      const readers = [starter, quoter, reader];
      for (const who of readers) {
        const thread = await gql(
          `query ($id: ID!) { thread(id: $id) { firstPost { body } posts(first: 100) { edges { node { id body status quotedPost { id body } thread { firstPost { body } } } } } } }`,
          { id: threadId },
          who.token,
        );
        expect(thread.errors).toBeUndefined();
        expect(JSON.stringify(thread.data)).not.toMatch(SECRETS);
        expect(JSON.stringify(thread.data)).toContain('QUOTER-WORDS');
        for (const id of [removedId, heldId]) {
          const byId = await gql<{ post: unknown }>('query ($id: ID!) { post(id: $id) { id body } }', { id }, who.token);
          expect(byId.data?.post).toBeNull();
        }
        const quoting = await gql<{ post: { quotedPost: unknown } }>(
          'query ($id: ID!) { post(id: $id) { quotedPost { id body } } }',
          { id: quotingId },
          who.token,
        );
        expect(quoting.data?.post.quotedPost).toBeNull();
        const notes = await gql('{ notifications(first: 100) { edges { node { title body } } } }', {}, who.token);
        expect(JSON.stringify(notes.data)).not.toMatch(SECRETS);
        const exported = await gql<{ exportMyData: string }>('{ exportMyData }', {}, who.token);
        expect(exported.errors).toBeUndefined();
        expect(exported.data!.exportMyData).not.toMatch(SECRETS);
        expect(exported.data!.exportMyData).not.toContain(removedId);
        expect(exported.data!.exportMyData).not.toContain(heldId);
      }
      // Each author's own export holds their own words (the export is not simply empty).
      const own = await gql<{ exportMyData: string }>('{ exportMyData }', {}, heldAuthor.token);
      expect(own.data!.exportMyData).toContain('HELD-WORDS');
      const quoterExport = await gql<{ exportMyData: string }>('{ exportMyData }', {}, quoter.token);
      expect(quoterExport.data!.exportMyData).toContain('QUOTER-WORDS');

      // Another member's post changes never reach a client's socket.
      const socket = wsClient(app.url, reader.token);
      const sub = subscribe<{ myPostChanged: { id: string; body: string } }>(socket, 'subscription { myPostChanged { id body } }');
      const pubsub = app.running.app.get(RedisPubSub);
      try {
        const mine = await postInThread(app.dataSource, spaceA, reader.id, { text: 'reader probe' });
        await probeDelivery(
          sub,
          () => pubsub.publish(RealtimeEvent.POST_CHANGED, { postId: mine.postId, authorId: reader.id }),
          (e) => e.myPostChanged.id === mine.postId,
          "the reader's own post change",
        );
        // Forged: someone else's post with the reader named as its author still loads as theirs? It must not.
        await pubsub.publish(RealtimeEvent.POST_CHANGED, { postId: heldId, authorId: heldAuthor.id });
        await pubsub.publish(RealtimeEvent.POST_CHANGED, { postId: openingId, authorId: starter.id });
        await probeDelivery(
          sub,
          () => pubsub.publish(RealtimeEvent.POST_CHANGED, { postId: mine.postId, authorId: reader.id }),
          (e) => e.myPostChanged.id === mine.postId,
          'a second probe after the others',
        );
        expect(sub.events.map((e) => e.myPostChanged.id).filter((id) => id !== mine.postId)).toEqual([]);
        expect(JSON.stringify(sub.events)).not.toMatch(SECRETS);
      } finally {
        sub.dispose();
        await socket.dispose();
      }
    });
  });

  describe('pseudonym abuse', () => {
    const SET = 'mutation ($name: String!) { setMyPseudonym(displayName: $name) { id displayName } }';

    /** A client whose weekly choice is spent is let choose again, so every attempt reaches every check. */
    async function chooseFresh(who: Member, name: string) {
      await app.dataSource.query(`UPDATE members SET pseudonym_chosen_at = NULL WHERE id = $1`, [who.id]);
      return gql<{ setMyPseudonym: { id: string; displayName: string } }>(SET, { name }, who.token);
    }

    it("should refuse contact details, staff titles, another member's name (also disguised), crisis words and markup", async () => {
      const picker = await member(app, Role.CLIENT, 'atk-picker');
      const taken = await member(app, Role.CLIENT, 'atk-taken');
      const takenName = `Quiet Heron ${Math.floor(Math.random() * 90) + 10}`;
      await app.dataSource.query(`UPDATE members SET display_name = $2 WHERE id = $1`, [taken.id, takenName]);
      // A Cyrillic е, and an invisible combining grapheme joiner: the same name on screen.
      const lookalike = takenName.replace('e', '\u0435');
      const invisible = `${takenName}\u034F`;
      const refused: Array<[string, string[]]> = [
        ['jane.doe@example.org', ['BAD_USER_INPUT']],
        ['call me 555 123 4567', ['BAD_USER_INPUT']],
        ['+1-555-123-4567', ['BAD_USER_INPUT']],
        [takenName, ['CONFLICT']],
        [takenName.toUpperCase(), ['CONFLICT']],
        [lookalike, ['BAD_USER_INPUT', 'CONFLICT']],
        [invisible, ['BAD_USER_INPUT', 'CONFLICT']],
        ['Clinician', ['BAD_USER_INPUT']],
        ['Peer Specialist', ['BAD_USER_INPUT']],
        ['Pat peer specialist', ['BAD_USER_INPUT']],
        ['Dr Lee clinician', ['BAD_USER_INPUT']],
        ['Moderator', ['BAD_USER_INPUT']],
        ['Admin', ['BAD_USER_INPUT']],
        ['Program staff', ['BAD_USER_INPUT']],
        ['C1inician', ['BAD_USER_INPUT']],
        ['I want to die', ['BAD_USER_INPUT']],
        ['going to kill myself', ['BAD_USER_INPUT']],
        ['<script>alert(1)</script>', ['BAD_USER_INPUT']],
        ['<b>Sky</b>', ['BAD_USER_INPUT']],
        ['"><img src=x onerror=alert(1)>', ['BAD_USER_INPUT']],
        ["Robert'); DROP TABLE members;--", ['BAD_USER_INPUT']],
        ['Former member', ['BAD_USER_INPUT']],
      ];
      const before = (await gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, picker.token)).data!.me.displayName;
      const unexpected: string[] = [];
      for (const [name, codes] of refused) {
        const res = await chooseFresh(picker, name);
        if (res.status >= 500 || !codes.includes(String(codeOf(res)))) unexpected.push(`${JSON.stringify(name)} -> ${JSON.stringify(codeOf(res) ?? res.data)}`);
      }
      expect(unexpected).toEqual([]);
      expect((await gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, picker.token)).data!.me.displayName).toBe(before);
      // The checks refuse what they should, not everything.
      const fine = await chooseFresh(picker, `Calm Reader ${Math.floor(Math.random() * 90) + 10}`);
      expect(fine.errors).toBeUndefined();
    });

    it(`should answer every hostile and naughty string (${BLNS.length ? 'with blns' : 'project corpus only'}) with a refusal or a plain name, never a server error`, async () => {
      const picker = await member(app, Role.CLIENT, 'atk-naughty');
      const inputs = [...new Set([...allHostileInputs(), ...BLNS])];
      const unexpected: string[] = [];
      for (const input of inputs) {
        const res = await chooseFresh(picker, input);
        if (res.status >= 500) {
          unexpected.push(`${JSON.stringify(input)} -> HTTP ${res.status}`);
          continue;
        }
        const chosen = res.data?.setMyPseudonym?.displayName;
        if (chosen === undefined) {
          if (!['BAD_USER_INPUT', 'CONFLICT'].includes(String(codeOf(res)))) unexpected.push(`${JSON.stringify(input)} -> ${JSON.stringify(codeOf(res))}`);
          continue;
        }
        // Accepted: letters, digits and a little punctuation only; nothing that renders, links or contacts.
        if (/[<>&"@/\\:]|\p{Cc}|\p{Cf}/u.test(chosen) || /\b(?:clinician|specialist|moderator|admin)\b/i.test(chosen))
          unexpected.push(`${JSON.stringify(input)} accepted as ${JSON.stringify(chosen)}`);
      }
      expect(unexpected).toEqual([]);
    });
  });

  describe('insights for small groups', () => {
    it('should withhold client counts and escalation figures of fewer than five clients, in the summary and every bucket', async () => {
      const small = await space(app.dataSource, { name: 'Attack small group' });
      await assignToSpace(app.dataSource, small, peerA.id);
      const two = [await member(app, Role.CLIENT, 'atk-small-1'), await member(app, Role.CLIENT, 'atk-small-2')];
      for (const m of two) await postInThread(app.dataSource, small, m.id, { text: 'small group post' });
      const subject = two[0];
      const post = await postInThread(app.dataSource, small, subject.id, { text: 'small group escalation' });
      await app.dataSource.query(
        `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, status, ack_due_at) VALUES ($1, $2, $3, 'MANUAL', 'HIGH', 'ACKNOWLEDGED', now() + interval '1 hour')`,
        [`atk-small-${post.postId}`, subject.id, post.postId],
      );
      const from = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const FIGURES =
        'activeClients { count fewerThanFive } escalations { fewerThanFive raised bySeverity { raised } timeToAcknowledge { count } climbedPastLevelOne }';
      for (const who of [clinician, admin, peerA]) {
        const res = await gql<{
          engagementSummary: { activeClients: unknown; escalations: unknown };
          engagementSeries: { points: Array<{ activeClients: { count: number | null; fewerThanFive: boolean }; escalations: unknown }> };
        }>(
          `query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $s, from: $from, to: $to) { ${FIGURES} }
             engagementSeries(spaceId: $s, from: $from, to: $to, bucket: DAY) { points { ${FIGURES} } } }`,
          { s: small, from, to },
          who.token,
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.engagementSummary.activeClients).toEqual({ count: null, fewerThanFive: true });
        const withheld = { fewerThanFive: true, raised: null, bySeverity: [], timeToAcknowledge: null, climbedPastLevelOne: null };
        expect(res.data!.engagementSummary.escalations).toEqual(who === peerA ? null : withheld);
        for (const point of res.data!.engagementSeries.points) {
          expect(point.activeClients.count === null || point.activeClients.count === 0).toBe(true);
          expect(JSON.stringify(point.escalations)).not.toMatch(/"raised":[1-9]/);
        }
      }
    });
  });

  describe('insights severity breakdown', () => {
    it('should not break escalations down by severity when a severity is about fewer than five clients', async () => {
      const group = await space(app.dataSource, { name: 'Attack severity cells' });
      const clients = [];
      for (let i = 0; i < 5; i++) clients.push(await member(app, Role.CLIENT, `atk-cell-${i}`));
      // Five clients in all (so the totals show), four ELEVATED and one IMMINENT: both cells are small.
      for (const [i, m] of clients.entries()) {
        const post = await postInThread(app.dataSource, group, m.id, { text: 'cell post' });
        await app.dataSource.query(
          `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, status, ack_due_at, acknowledged_at, created_at)
           VALUES ($1, $2, $3, 'MANUAL', $4, 'RESOLVED', now() + interval '1 hour', now(), now() - make_interval(secs => $5))`,
          [`atk-cell-${post.postId}`, m.id, post.postId, i === 0 ? 'IMMINENT' : 'ELEVATED', 1 + i],
        );
      }
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const res = await gql<{ engagementSummary: { escalations: { fewerThanFive: boolean; raised: number; bySeverity: unknown[] } } }>(
        'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $s, from: $from, to: $to) { escalations { fewerThanFive raised bySeverity { severity raised timeToAcknowledge { p50Minutes } } } } }',
        { s: group, from, to },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.engagementSummary.escalations).toMatchObject({ fewerThanFive: false, raised: 5 });
      expect(res.data!.engagementSummary.escalations.bySeverity).toEqual([]);
    });
  });

  describe('notifications', () => {
    it("should deliver a peer's notificationAdded for their own notifications only", async () => {
      const notifications = app.running.app.get(NotificationsService);
      const [mineTitle, theirsTitle] = ['atk-mine', 'atk-theirs'];
      const ids: Record<string, string> = {};
      for (const [memberId, title] of [
        [peerA.id, mineTitle],
        [peerB.id, theirsTitle],
      ]) {
        await app.dataSource.transaction((manager) => notifications.notify(manager, [{ memberId, kind: NotificationKind.CASE_OVERDUE, title, body: 'probe' }]));
        const [row]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM notifications WHERE member_id = $1 AND title = $2`, [memberId, title]);
        ids[title] = row.id;
      }
      const socket = wsClient(app.url, peerA.token);
      const sub = subscribe<{ notificationAdded: { id: string; title: string } }>(socket, 'subscription { notificationAdded { id title } }');
      const pubsub = app.running.app.get(RedisPubSub);
      try {
        // Forged: peer B's notification announced as peer A's still reads as peer A's own, or not at all.
        await pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: ids[theirsTitle], memberId: peerA.id });
        await probeDelivery(
          sub,
          () => pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: ids[mineTitle], memberId: peerA.id }),
          (e) => e.notificationAdded.title === mineTitle,
          "peer A's own notification",
        );
        expect(sub.events.map((e) => e.notificationAdded.title)).not.toContain(theirsTitle);
      } finally {
        sub.dispose();
        await socket.dispose();
      }
    });
  });

  describe('errors', () => {
    it('should answer malformed and hostile arguments with a client code, never a server error, a stack or SQL', async () => {
      const from = new Date().toISOString();
      const cases: Array<[string, string, Record<string, unknown>, Member]> = [
        [
          'summary to before from',
          'query ($f: DateTime!, $t: DateTime!) { engagementSummary(from: $f, to: $t) { replies } }',
          { f: from, t: '2000-01-01T00:00:00Z' },
          admin,
        ],
        [
          'summary 10 years',
          'query ($f: DateTime!, $t: DateTime!) { engagementSummary(from: $f, to: $t) { replies } }',
          { f: '2000-01-01T00:00:00Z', t: '2010-01-01T00:00:00Z' },
          admin,
        ],
        [
          'summary bad date',
          'query ($f: DateTime!, $t: DateTime!) { engagementSummary(from: $f, to: $t) { replies } }',
          { f: "2020-01-01'; DROP TABLE posts;--", t: from },
          admin,
        ],
        ['insights bad space id', 'query ($s: ID) { unansweredThreadList(spaceId: $s) { totalCount } }', { s: "1' OR '1'='1" }, admin],
        ['insights bad cursor', 'query ($a: String) { unansweredThreadList(after: $a) { totalCount } }', { a: 'not-a-cursor' }, admin],
        ['members bad cursor', 'query ($a: String) { members(after: $a) { totalCount } }', { a: 'eyJ4IjoiJyBPUiAxPTEtLSJ9' }, admin],
        ['invites bad cursor', 'query ($a: String) { memberInvites(after: $a) { totalCount } }', { a: '\u0000' }, admin],
        [
          'shift ends before start',
          'mutation ($id: ID!) { createOnCallShift(input: { clinicianId: $id, tier: PRIMARY, startsAt: "2100-01-02T00:00:00Z", endsAt: "2100-01-01T00:00:00Z" }) { id } }',
          { id: clinician.id },
          admin,
        ],
        [
          'shift for a client',
          'mutation ($id: ID!) { createOnCallShift(input: { clinicianId: $id, tier: PRIMARY, startsAt: "2100-01-01T00:00:00Z", endsAt: "2100-01-01T08:00:00Z" }) { id } }',
          { id: client.id },
          admin,
        ],
        ['delete shift bad id', 'mutation { deleteOnCallShift(id: "../../etc/passwd") { id } }', {}, admin],
        ['roster huge range', 'query { onCallShifts(from: "1970-01-01T00:00:00Z", to: "2999-01-01T00:00:00Z") { id } }', {}, clinician],
        [
          'outreach huge note',
          'mutation ($n: String!) { recordOutreach(escalationId: "00000000-0000-0000-0000-000000000000", input: { channel: PHONE, note: $n }) { id } }',
          { n: 'x'.repeat(200_000) },
          clinician,
        ],
        [
          'resolve unknown escalation',
          'mutation { resolveEscalation(input: { escalationId: "00000000-0000-0000-0000-000000000000", outcome: REACHED_CLIENT, note: "x" }) { id } }',
          {},
          clinician,
        ],
        ['timeline bad member', 'query { clientRiskTimeline(memberId: "1 OR 1=1") { totalCount } }', {}, clinician],
        [
          'update space bad cohort',
          'mutation ($id: ID!, $c: String) { updateSpace(input: { id: $id, cohort: $c }) { id } }',
          { id: spaceB, c: 'x'.repeat(10_000) },
          admin,
        ],
        ['discharge self', 'mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: admin.id }, admin],
        ['erase bad id', 'mutation { eraseMember(memberId: "\'; DELETE FROM members;--") { id } }', {}, admin],
        ['invite spaced sub', 'mutation { inviteMember(sub: "a b c") }', {}, admin],
        ['mark bad notification', 'mutation { markNotificationRead(id: "zzz") { id } }', {}, client],
      ];
      const unexpected: string[] = [];
      for (const [name, query, variables, who] of cases) {
        const res = await gql(query, variables, who.token);
        const code = String(codeOf(res));
        if (res.status >= 500 || !['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'].includes(code)) unexpected.push(`${name} -> ${res.status} ${code}`);
      }
      expect(unexpected).toEqual([]);
      // LIKE wildcards in a search are the letters themselves: no name holds them, so nothing matches.
      for (const search of ['%', '_', "%' OR 1=1 --"]) {
        const wild = await gql<{ members: { edges: unknown[] } }>(
          'query ($s: String) { members(filter: { search: $s }) { edges { node { id } } } }',
          { s: search },
          admin.token,
        );
        expect([search, wild.errors, wild.data?.members.edges]).toEqual([search, undefined, []]);
      }
    });

    // Last: every error this file provoked.
    it('should never have put a stack trace, a driver message or SQL in any error of this file', () => {
      expect(seenErrors.length).toBeGreaterThan(50);
      const leaky = seenErrors.filter((e) => {
        const text = JSON.stringify(e);
        return LEAKY_ERROR.test(text) || /stacktrace|"stack"/i.test(text);
      });
      expect(leaky).toEqual([]);
    });
  });
});
