import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { RetentionSweeper } from '../../src/screening/retention.sweeper';
import { publishedThread } from '../forum/forum-fixtures';
import { probeDelivery, subscribe, wsClient } from '../helpers/realtime';
import { startTestApp, TestApp } from '../helpers/test-app';
import { tablesQuoting } from '../helpers/stored-text';
import { assignToSpace, Member, member, postInThread, postWithCase, space } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';
import { waitFor } from '../utils/wait-for';

/**
 * A fourth outside review, after access-matrix, new-surface-attacks and third-review-attacks: what
 * an escalation tells the peer specialist who raised it, whether retention and erasure reach the
 * staff notes that quote a client, and a fresh pass over insights, exports, cursors, subscriptions
 * and discharged members' tokens, against the real app and worker. The first three attacks failed
 * before their fixes; the rest guard what was found sound.
 */

const ESCALATE = 'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id } }';

describe('authorization: fourth review attacks', () => {
  let app: TestApp;
  let spaceA: string;
  let spaceB: string;
  let peerA: Member;
  let peerB: Member;
  let clinician: Member;
  let admin: Member;

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>> =>
    app.gql<T>(query, variables, token);
  const codeOf = (res: GraphqlResponse<unknown>) => res.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    // Long deadlines: nothing climbs or re-pages while a test looks.
    app = await startTestApp({ role: 'all', env: { RETENTION_DAYS_REMOVED: '30', ESCALATION_ACK_SECONDS: 'IMMINENT=3600,HIGH=3600,ELEVATED=3600' } });
    spaceA = await space(app.dataSource, { name: 'Fourth review A' });
    spaceB = await space(app.dataSource, { name: 'Fourth review B' });
    peerA = await member(app, Role.PEER_SPECIALIST, 'fourth-peer-a');
    peerB = await member(app, Role.PEER_SPECIALIST, 'fourth-peer-b');
    clinician = await member(app, Role.CLINICIAN, 'fourth-clinician');
    admin = await member(app, Role.ADMIN, 'fourth-admin');
    await assignToSpace(app.dataSource, spaceA, peerA.id);
    await assignToSpace(app.dataSource, spaceB, peerB.id);
  });

  afterAll(async () => app.close());

  describe("an escalation's clinical fields", () => {
    /** What only clinicians and admins read: deadlines, who answered and when, what they concluded, the evidence. */
    const CLINICAL_FIELDS = [
      'level',
      'reminders',
      'ackDueAt',
      'acknowledgedAt',
      'acknowledgedBy { id }',
      'ackNote',
      'resolvedAt',
      'outcome',
      'resolutionNote',
      'evidence',
    ];

    it('should answer a peer who escalated their own case FORBIDDEN for each clinical field, by name, alias or fragment, and the clinicians all of them', async () => {
      const subject = await member(app, Role.CLIENT, 'fourth-escalated');
      const own = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: 'a hard night' });
      const first = await gql<{ escalateCase: { id: string } }>(ESCALATE, { input: { caseId: own.caseId, note: 'worried about them' } }, peerA.token);
      expect(first.errors).toBeUndefined();
      const escalationId = first.data!.escalateCase.id;
      const ack = await gql(
        'mutation ($id: ID!) { acknowledgeEscalation(id: $id, note: "spoke to their therapist") { id } }',
        { id: escalationId },
        clinician.token,
      );
      expect(ack.errors).toBeUndefined();

      // What the peer needs: that it was raised, where it stands, and their own case's note, post and case.
      const mine = await gql<{ escalateCase: Record<string, unknown> }>(
        'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id status createdAt severity trigger note postId caseId subject { id } case { id } post { id } } }',
        { input: { caseId: own.caseId, note: 'still worried' } },
        peerA.token,
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.escalateCase).toMatchObject({
        id: escalationId,
        status: 'ACKNOWLEDGED',
        severity: 'ELEVATED',
        trigger: 'MANUAL',
        note: 'worried about them',
        postId: own.postId,
        caseId: own.caseId,
        subject: { id: subject.id },
        case: { id: own.caseId },
        post: { id: own.postId },
      });

      const asked = (field: string) => [
        `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id ${field} } }`,
        `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id probe: ${field} } }`,
        `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { ...Probe } } fragment Probe on Escalation { id ${field} }`,
        `mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { ... on Escalation { id ${field} } } }`,
      ];
      const leaked: string[] = [];
      for (const field of CLINICAL_FIELDS) {
        for (const query of asked(field)) {
          const res = await gql(query, { input: { caseId: own.caseId, note: 'probe' } }, peerA.token);
          if (codeOf(res) !== 'FORBIDDEN' || JSON.stringify(res.data ?? null).includes(clinician.id))
            leaked.push(`${query.slice(60, 140)} -> ${JSON.stringify(res.data ?? codeOf(res))}`);
        }
      }
      expect(leaked).toEqual([]);

      // A clinician reads every one of them, on the same escalation (so the fields are there to leak).
      const full = await gql<{ escalation: Record<string, unknown> }>(
        `query ($id: ID!) { escalation(id: $id) { ${CLINICAL_FIELDS.join(' ')} } }`,
        { id: escalationId },
        clinician.token,
      );
      expect(full.errors).toBeUndefined();
      expect(full.data?.escalation).toMatchObject({ level: 1, ackNote: 'spoke to their therapist', acknowledgedBy: { id: clinician.id } });
      expect(full.data?.escalation.ackDueAt).toEqual(expect.any(String));
      const asAdmin = await gql(`query ($id: ID!) { escalation(id: $id) { ${CLINICAL_FIELDS.join(' ')} } }`, { id: escalationId }, admin.token);
      expect(asAdmin.errors).toBeUndefined();
    });
  });

  describe('retention and erasure of staff notes', () => {
    it("should purge the staff notes on a purged post's case, the escalating note and its copies in the evidence, the moderator's words to the author, and keep the clinicians' record of care", async () => {
      const tag = randomUUID().slice(0, 8);
      const subject = await member(app, Role.CLIENT, 'fourth-retained');
      const purged = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: `purged words ${tag}` });
      const joining = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: `joining words ${tag}` });
      const kept = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: `kept words ${tag}` });
      // Staff quote the client in their notes: on the case, in the escalation, when a second case joins it, when deciding.
      const caseNote = `they wrote 'purged words ${tag}' at 3am`;
      const escalatingNote = `quoting 'purged words ${tag}' to the clinician`;
      const joiningNote = `again 'joining words ${tag}'`;
      const decisionNote = `removed: 'joining words ${tag}'`;
      const keptNote = `they wrote 'kept words ${tag}'`;
      const authorNote = `We took down 'joining words ${tag}' for now; a peer specialist will reach out.`;
      const ackNote = `ACK ${tag}: safety plan reviewed`;
      const outreachNote = `OUTREACH ${tag}: phoned, they are safe`;
      const note = async (caseId: string, text: string) => {
        const res = await gql('mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }', { input: { caseId, note: text } }, peerA.token);
        expect(res.errors).toBeUndefined();
      };
      await note(purged.caseId, caseNote);
      await note(kept.caseId, keptNote);
      const raised = await gql<{ escalateCase: { id: string } }>(ESCALATE, { input: { caseId: purged.caseId, note: escalatingNote } }, peerA.token);
      expect(raised.errors).toBeUndefined();
      const escalationId = raised.data!.escalateCase.id;
      const joined = await gql<{ escalateCase: { id: string } }>(ESCALATE, { input: { caseId: joining.caseId, note: joiningNote } }, peerA.token);
      expect(joined.data?.escalateCase.id).toBe(escalationId);
      const decided = await gql(
        'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }',
        { input: { caseId: joining.caseId, decision: 'REMOVE', note: decisionNote, authorNote } },
        peerA.token,
      );
      expect(decided.errors).toBeUndefined();
      expect(
        (
          await gql(
            'mutation ($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id } }',
            { id: escalationId, note: ackNote },
            clinician.token,
          )
        ).errors,
      ).toBeUndefined();
      const outreach = await gql(
        'mutation ($id: ID!, $input: RecordOutreachInput!) { recordOutreach(escalationId: $id, input: $input) { id } }',
        { id: escalationId, input: { channel: 'PHONE', note: outreachNote } },
        clinician.token,
      );
      expect(outreach.errors).toBeUndefined();

      // Before: every note is stored where the test looks (the check can fail).
      expect(await tablesQuoting(app, caseNote)).toEqual(['case_notes.body']);
      expect(await tablesQuoting(app, escalatingNote)).toEqual(expect.arrayContaining(['case_notes.body', 'escalations.evidence', 'escalations.note']));
      expect(await tablesQuoting(app, joiningNote)).toEqual(expect.arrayContaining(['escalation_signals.evidence', 'escalations.evidence']));
      expect(await tablesQuoting(app, decisionNote)).toEqual(['case_notes.body']);
      expect(await tablesQuoting(app, authorNote)).toEqual(['notifications.body']);

      await app.dataSource.query(`UPDATE posts SET status_changed_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])`, [
        [purged.postId, joining.postId],
      ]);
      await app.running.app.get(RetentionSweeper).sweep();

      for (const words of [caseNote, escalatingNote, joiningNote, decisionNote, authorNote, `purged words ${tag}`, `joining words ${tag}`])
        expect({ words, in: await tablesQuoting(app, words) }).toEqual({ words, in: [] });
      // The kept post's case keeps its note; the clinicians' acknowledgement and outreach are the
      // record of care, kept by clinical-record rules, not the forum's retention.
      expect(await tablesQuoting(app, keptNote)).toEqual(['case_notes.body']);
      expect(await tablesQuoting(app, ackNote)).toEqual(['escalations.ack_note']);
      expect(await tablesQuoting(app, outreachNote)).toEqual(['escalation_outreach.note']);
      // The notes stay as rows (who wrote one, when), without their words.
      const notes: Array<{ body: string }> = await app.dataSource.query(`SELECT body FROM case_notes WHERE case_id = ANY($1::uuid[]) ORDER BY created_at`, [
        [purged.caseId, joining.caseId],
      ]);
      expect(notes.length).toBe(3);
      expect(new Set(notes.map((n) => n.body))).toEqual(new Set(['[removed after the retention period]']));
      // The author's notice of the removal says what the standard note says, and is still there.
      const told: Array<{ title: string; body: string }> = await app.dataSource.query(
        `SELECT title, body FROM notifications WHERE member_id = $1 AND kind = 'POST_REMOVED' AND data->>'caseId' = $2`,
        [subject.id, joining.caseId],
      );
      expect(told).toEqual([{ title: 'Your post was removed from the group', body: expect.stringContaining('A peer specialist removed your post because') }]);
      // What the escalation says stays: which case escalated it, without the words.
      const [{ evidence }]: Array<{ evidence: unknown[] }> = await app.dataSource.query(`SELECT evidence FROM escalations WHERE id = $1`, [escalationId]);
      expect(evidence).toEqual([
        { escalatedFromCase: purged.caseId, note: '[removed]' },
        { escalatedFromCase: joining.caseId, note: '[removed]' },
      ]);
    });

    it("should erase the staff notes on an erased member's cases with their posts", async () => {
      const tag = randomUUID().slice(0, 8);
      const leaving = await member(app, Role.CLIENT, 'fourth-erased');
      const other = await member(app, Role.CLIENT, 'fourth-not-erased');
      const theirs = await postWithCase(app.dataSource, spaceA, leaving.id, { status: 'HELD', text: `erased words ${tag}` });
      const notTheirs = await postWithCase(app.dataSource, spaceA, other.id, { status: 'HELD', text: `staying words ${tag}` });
      const erasedNote = `they said 'erased words ${tag}'`;
      const stayingNote = `they said 'staying words ${tag}'`;
      for (const [caseId, text] of [
        [theirs.caseId, erasedNote],
        [notTheirs.caseId, stayingNote],
      ]) {
        expect(
          (await gql('mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }', { input: { caseId, note: text } }, peerA.token)).errors,
        ).toBeUndefined();
      }
      expect(await tablesQuoting(app, erasedNote)).toEqual(['case_notes.body']);
      expect((await gql('mutation ($id: ID!) { eraseMember(memberId: $id) { id } }', { id: leaving.id }, admin.token)).errors).toBeUndefined();
      expect(await tablesQuoting(app, erasedNote)).toEqual([]);
      expect(await tablesQuoting(app, stayingNote)).toEqual(['case_notes.body']);
    });
  });

  describe('insights without a space', () => {
    it("should count only a peer's own spaces when they leave spaceId out, in the summary, the series and the unanswered list", async () => {
      const author = await member(app, Role.CLIENT, 'fourth-insights');
      // Threads in space B only, in the admin's figures, never in peer A's: three new today, three two days old and unanswered.
      for (let i = 0; i < 6; i++) {
        const { postId } = await postInThread(app.dataSource, spaceB, author.id);
        if (i < 3) continue;
        await app.dataSource.query(`UPDATE posts SET published_at = now() - interval '2 days', created_at = now() - interval '2 days' WHERE id = $1`, [postId]);
      }
      const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
      const to = new Date().toISOString();
      const SUMMARY =
        'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSummary(spaceId: $s, from: $from, to: $to) { newThreads unansweredThreads } }';
      const SERIES = 'query ($s: ID, $from: DateTime!, $to: DateTime!) { engagementSeries(spaceId: $s, from: $from, to: $to) { points { newThreads } } }';
      const UNANSWERED = 'query ($s: ID) { unansweredThreadList(spaceId: $s, first: 100) { edges { node { spaceId } } } }';
      const figures = async (token: string, s: string | null) => {
        const summary = await gql<{ engagementSummary: { newThreads: number } }>(SUMMARY, { s, from, to }, token);
        const series = await gql<{ engagementSeries: { points: Array<{ newThreads: number }> } }>(SERIES, { s, from, to }, token);
        const unanswered = await gql<{ unansweredThreadList: { edges: Array<{ node: { spaceId: string } }> } }>(UNANSWERED, { s }, token);
        expect([summary.errors, series.errors, unanswered.errors]).toEqual([undefined, undefined, undefined]);
        return {
          newThreads: summary.data!.engagementSummary.newThreads,
          seriesThreads: series.data!.engagementSeries.points.reduce((n, p) => n + p.newThreads, 0),
          unansweredSpaces: [...new Set(unanswered.data!.unansweredThreadList.edges.map((e) => e.node.spaceId))],
        };
      };
      const ofB = await figures(admin.token, spaceB);
      expect(ofB.newThreads).toBeGreaterThanOrEqual(3);
      expect(ofB.unansweredSpaces).toEqual([spaceB]);
      const peerAll = await figures(peerA.token, null);
      const peerOwn = await figures(peerA.token, spaceA);
      expect(peerAll).toEqual(peerOwn);
      expect(peerAll.unansweredSpaces.filter((s) => s !== spaceA)).toEqual([]);
    });
  });

  describe('data exports', () => {
    it("should give a client their own words and no staff's notes, evidence or escalation about them; and a peer none of a client's words", async () => {
      const tag = randomUUID().slice(0, 8);
      const subject = await member(app, Role.CLIENT, 'fourth-exporter');
      const held = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: `MY-WORDS ${tag}` });
      await app.dataSource.query(`INSERT INTO post_revisions (post_id, revision, author_id, body_html, body_text) VALUES ($1, 1, $2, $3, $3)`, [
        held.postId,
        subject.id,
        `MY-WORDS ${tag}`,
      ]);
      const staffNote = `STAFF-NOTE ${tag}: seems worse this week`;
      expect(
        (
          await gql(
            'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
            { input: { caseId: held.caseId, note: staffNote } },
            peerA.token,
          )
        ).errors,
      ).toBeUndefined();
      const raised = await gql<{ escalateCase: { id: string } }>(ESCALATE, { input: { caseId: held.caseId, note: `ESCALATING ${tag}` } }, peerA.token);
      expect(raised.errors).toBeUndefined();

      const mine = await gql<{ exportMyData: string }>('{ exportMyData }', {}, subject.token);
      expect(mine.errors).toBeUndefined();
      const raw = mine.data!.exportMyData;
      expect(raw).toContain(`MY-WORDS ${tag}`);
      for (const secret of [staffNote, `ESCALATING ${tag}`, held.caseId, raised.data!.escalateCase.id, peerA.id])
        expect({ secret, in: raw.includes(secret) }).toEqual({ secret, in: false });

      const staff = await gql<{ exportMyData: string }>('{ exportMyData }', {}, peerA.token);
      expect(staff.errors).toBeUndefined();
      for (const secret of [`MY-WORDS ${tag}`, staffNote, `ESCALATING ${tag}`])
        expect({ secret, in: staff.data!.exportMyData.includes(secret) }).toEqual({ secret, in: false });
    });
  });

  describe('cursors from another list', () => {
    it("should page only the viewer's own rows when the cursor comes from another space, thread or member, or is forged", async () => {
      const aClient = await member(app, Role.CLIENT, 'fourth-cursor-a');
      const bClient = await member(app, Role.CLIENT, 'fourth-cursor-b');
      const inA = await publishedThread(app, aClient, spaceA, 'Cursor A', 'In space A.');
      const inB = await publishedThread(app, bClient, spaceB, 'Cursor B', 'In space B.');
      await postWithCase(app.dataSource, spaceB, bClient.id, { status: 'HELD', text: `CASE-B-WORDS` });
      await app.dataSource.query(`INSERT INTO notifications (member_id, kind, title, body) VALUES ($1, 'POST_HELD', 'B-ONLY', 'b private')`, [bClient.id]);
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

      // Cursors another viewer was handed, for another space's list, thread and inbox.
      const bThreads = await gql<{ threads: { pageInfo: { endCursor: string } } }>(
        'query ($s: ID!) { threads(spaceId: $s, first: 1) { pageInfo { endCursor } } }',
        { s: spaceB },
        bClient.token,
      );
      const bPosts = await gql<{ thread: { posts: { pageInfo: { endCursor: string } } } }>(
        'query ($id: ID!) { thread(id: $id) { posts(first: 1) { pageInfo { endCursor } } } }',
        { id: inB.id },
        bClient.token,
      );
      const bInbox = await gql<{ notifications: { pageInfo: { endCursor: string } } }>(
        '{ notifications(first: 1) { pageInfo { endCursor } } }',
        {},
        bClient.token,
      );
      const bQueue = await gql<{ moderationQueue: { pageInfo: { endCursor: string } } }>(
        '{ moderationQueue(first: 1) { pageInfo { endCursor } } }',
        {},
        peerB.token,
      );
      const cursors = {
        threads: [bThreads.data!.threads.pageInfo.endCursor, forged(['2100-01-01 00:00:00+00', '00000000-0000-4000-8000-000000000000'])],
        posts: [bPosts.data!.thread.posts.pageInfo.endCursor, forged(['0'])],
        notifications: [bInbox.data!.notifications.pageInfo.endCursor, forged(['2100-01-01 00:00:00+00', '00000000-0000-4000-8000-000000000000'])],
        queue: [bQueue.data!.moderationQueue.pageInfo.endCursor],
      };
      for (const cursor of Object.values(cursors).flat()) expect(cursor).toEqual(expect.any(String));

      const seen: string[] = [];
      for (const after of cursors.threads) {
        const res = await gql(
          'query ($s: ID!, $after: String) { threads(spaceId: $s, first: 100, after: $after) { edges { node { id title } } } }',
          { s: spaceA, after },
          aClient.token,
        );
        expect(res.status).toBeLessThan(500);
        seen.push(JSON.stringify(res));
      }
      for (const after of cursors.posts) {
        const res = await gql(
          'query ($id: ID!, $after: String) { thread(id: $id) { posts(first: 100, after: $after) { edges { node { id body } } } } }',
          { id: inA.id, after },
          aClient.token,
        );
        expect(res.status).toBeLessThan(500);
        seen.push(JSON.stringify(res));
      }
      for (const after of cursors.notifications) {
        const res = await gql(
          'query ($after: String) { notifications(first: 100, after: $after) { edges { node { title body } } } }',
          { after },
          aClient.token,
        );
        expect(res.status).toBeLessThan(500);
        seen.push(JSON.stringify(res));
      }
      for (const after of cursors.queue) {
        const res = await gql(
          'query ($after: String) { moderationQueue(first: 100, after: $after) { edges { node { id post { body } } } } }',
          { after },
          peerA.token,
        );
        expect(res.status).toBeLessThan(500);
        seen.push(JSON.stringify(res));
      }
      const all = seen.join('\n');
      for (const secret of ['Cursor B', 'In space B.', 'CASE-B-WORDS', 'B-ONLY', 'b private', inB.id])
        expect({ secret, in: all.includes(secret) }).toEqual({ secret, in: false });
    });
  });

  describe('forged subscription events', () => {
    it("should deliver no other space's case and no other member's notification, whatever the event names", async () => {
      const victim = await member(app, Role.CLIENT, 'fourth-sub-victim');
      const attacker = await member(app, Role.CLIENT, 'fourth-sub-attacker');
      const bCase = await postWithCase(app.dataSource, spaceB, victim.id, { status: 'HELD', text: 'B-SOCKET-WORDS' });
      const [victimNote]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO notifications (member_id, kind, title, body) VALUES ($1, 'POST_HELD', 'VICTIM-NOTE', 'victim private') RETURNING id`,
        [victim.id],
      );
      const pubsub = app.running.app.get(RedisPubSub);
      const peerSocket = wsClient(app.url, peerA.token);
      const clientSocket = wsClient(app.url, attacker.token);
      const cases = subscribe<{ moderationQueueChanged: { id: string; post: { body: string } | null } }>(
        peerSocket,
        'subscription { moderationQueueChanged { id post { body } } }',
      );
      const notes = subscribe<{ notificationAdded: { id: string; title: string; body: string } }>(
        clientSocket,
        'subscription { notificationAdded { id title body } }',
      );
      try {
        const probeCase = await postWithCase(app.dataSource, spaceA, victim.id, { text: 'socket probe A' });
        await probeDelivery(
          cases,
          () => pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: probeCase.caseId, spaceId: spaceA }),
          (e) => e.moderationQueueChanged.id === probeCase.caseId,
          "peer A's socket",
        );
        // Forged: space B's case announced as space A's, and the victim's notification addressed to the attacker.
        await pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: bCase.caseId, spaceId: spaceA });
        await pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: victimNote.id, memberId: attacker.id });
        const second = await postWithCase(app.dataSource, spaceA, victim.id, { text: 'socket probe A again' });
        await probeDelivery(
          cases,
          () => pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: second.caseId, spaceId: spaceA }),
          (e) => e.moderationQueueChanged.id === second.caseId,
          "peer A's socket after the forged event",
        );
        const [own]: Array<{ id: string }> = await app.dataSource.query(
          `INSERT INTO notifications (member_id, kind, title, body) VALUES ($1, 'POST_HELD', 'ATTACKER-OWN', 'mine') RETURNING id`,
          [attacker.id],
        );
        await waitFor('the attacker to get their own notification', async () => {
          if (!notes.events.some((e) => e.notificationAdded.id === own.id))
            await pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: own.id, memberId: attacker.id });
          return notes.events.some((e) => e.notificationAdded.id === own.id) || undefined;
        });
        expect(cases.events.map((e) => e.moderationQueueChanged.id)).not.toContain(bCase.caseId);
        expect(JSON.stringify([cases.events, cases.errors])).not.toContain('B-SOCKET-WORDS');
        expect(notes.events.map((e) => e.notificationAdded.id)).not.toContain(victimNote.id);
        expect(JSON.stringify([notes.events, notes.errors])).not.toMatch(/VICTIM-NOTE|victim private/);
      } finally {
        cases.dispose();
        notes.dispose();
        await peerSocket.dispose();
        await clientSocket.dispose();
      }
    });
  });

  describe("discharged and erased members' tokens", () => {
    it('should refuse a new subscription with a discharged or erased member’s still-valid token', async () => {
      const discharged = await member(app, Role.PEER_SPECIALIST, 'fourth-discharged-peer');
      await assignToSpace(app.dataSource, spaceA, discharged.id);
      const erased = await member(app, Role.CLIENT, 'fourth-erased-client');
      expect((await gql('mutation ($id: ID!) { dischargeMember(memberId: $id) { id } }', { id: discharged.id }, admin.token)).errors).toBeUndefined();
      expect((await gql('mutation ($id: ID!) { eraseMember(memberId: $id) { id } }', { id: erased.id }, admin.token)).errors).toBeUndefined();
      const pubsub = app.running.app.get(RedisPubSub);
      const probe = await postWithCase(app.dataSource, spaceA, erased.id, { text: 'to a discharged socket' });
      for (const [who, token, query] of [
        ['discharged peer', discharged.token, 'subscription { moderationQueueChanged { id post { body } } }'],
        ['erased client', erased.token, 'subscription { notificationAdded { id title } }'],
        ['erased client', erased.token, 'subscription { myPostChanged { id body } }'],
      ] as const) {
        const socket = wsClient(app.url, token);
        const sub = subscribe<Record<string, unknown>>(socket, query);
        try {
          await waitFor(`${who}'s subscription to be refused`, async () => {
            await pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: probe.caseId, spaceId: spaceA });
            return sub.errors.length > 0 || sub.completed || undefined;
          });
          expect({ who, query, events: sub.events }).toEqual({ who, query, events: [] });
        } finally {
          sub.dispose();
          await socket.dispose();
        }
      }
    });
  });
});
