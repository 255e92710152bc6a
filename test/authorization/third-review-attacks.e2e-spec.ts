import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { createReply, createThread, publishedThread, screen } from '../forum/forum-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, Member, member, postWithCase, space } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';
import { waitFor } from '../utils/wait-for';

/**
 * A third outside review, after access-matrix and new-surface-attacks: the less-travelled ways a
 * peer specialist could learn another space's crisis, or a member what erasure removed, against the
 * real app and worker. The escalation and erasure attacks failed before their fixes; the last one
 * guards what was found sound (a hidden object answers exactly as a missing one).
 */

/** Screened by the real worker as IMMINENT: held, an urgent case, an escalation. */
const CRISIS = 'I am going to kill myself tonight. I have the pills ready.';

describe('authorization: third review attacks', () => {
  let app: TestApp;
  let spaceA: string;
  let spaceB: string;
  let peerA: Member;
  let clinician: Member;
  let admin: Member;

  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>> {
    return app.gql<T>(query, variables, token);
  }

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
    app = await startTestApp({ role: 'all', env: { ESCALATION_ACK_SECONDS: 'IMMINENT=3600,HIGH=3600,ELEVATED=3600' } });
    spaceA = await space(app.dataSource, { name: 'Third review A' });
    spaceB = await space(app.dataSource, { name: 'Third review B' });
    peerA = await member(app, Role.PEER_SPECIALIST, 'third-peer-a');
    clinician = await member(app, Role.CLINICIAN, 'third-clinician');
    admin = await member(app, Role.ADMIN, 'third-admin');
    await assignToSpace(app.dataSource, spaceA, peerA.id);
  });

  afterAll(async () => app.close());

  describe('an escalation a peer joins from their own case', () => {
    it("should not tell the peer how severe another space's open escalation of the client is, nor what raised it", async () => {
      const subject = await member(app, Role.CLIENT, 'third-subject');
      const other = await heldCrisisThread(subject, spaceB);
      // What the clinicians see: space B's post raised an IMMINENT crisis escalation.
      const full = await gql<{ escalation: { severity: string; trigger: string } }>(
        'query ($id: ID!) { escalation(id: $id) { severity trigger } }',
        { id: other.escalationId },
        clinician.token,
      );
      expect(full.data?.escalation).toEqual({ severity: 'IMMINENT', trigger: 'CRISIS' });

      // Peer A escalates the same client's case in space A: one open escalation per client, so theirs joins space B's.
      const own = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'PUBLISHED', text: 'a quiet week' });
      const res = await gql<{ escalateCase: { id: string; severity: string; trigger: string } }>(
        'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id severity trigger } }',
        { input: { caseId: own.caseId, note: 'checking in' } },
        peerA.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.escalateCase.id).toBe(other.escalationId);
      // What the peer raised (a staff escalation, ELEVATED), not what space B's crisis made it.
      expect(res.data?.escalateCase).toMatchObject({ severity: 'ELEVATED', trigger: 'MANUAL' });
    });

    it("should not tell the peer either when another space's crisis post later joined and raised their own escalation", async () => {
      const subject = await member(app, Role.CLIENT, 'third-subject-later');
      const own = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'PUBLISHED', text: 'a quiet week' });
      const ESCALATE = 'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id severity trigger } }';
      const first = await gql<{ escalateCase: { id: string; severity: string; trigger: string } }>(
        ESCALATE,
        { input: { caseId: own.caseId, note: 'first look' } },
        peerA.token,
      );
      expect(first.data?.escalateCase).toMatchObject({ severity: 'ELEVATED', trigger: 'MANUAL' });
      // The client's crisis post in space B joins the open escalation and makes it IMMINENT.
      await heldCrisisThread(subject, spaceB);
      await waitFor('the crisis signal to raise the escalation', async () => {
        const [row]: Array<{ severity: string }> = await app.dataSource.query(`SELECT severity FROM escalations WHERE id = $1`, [first.data!.escalateCase.id]);
        return row.severity === 'IMMINENT' || undefined;
      });
      const again = await gql<{ escalateCase: { id: string; severity: string; trigger: string } }>(
        ESCALATE,
        { input: { caseId: own.caseId, note: 'still worried' } },
        peerA.token,
      );
      expect(again.errors).toBeUndefined();
      expect(again.data?.escalateCase).toEqual({ id: first.data!.escalateCase.id, severity: 'ELEVATED', trigger: 'MANUAL' });
    });
  });

  describe('erased members', () => {
    it("should not keep an erased member's pseudonym in the notifications their replies sent others, nor in those members' exports", async () => {
      const leaving = await member(app, Role.CLIENT, 'third-leaving');
      const starter = await member(app, Role.CLIENT, 'third-starter');
      const [{ display_name: pseudonym }]: Array<{ display_name: string }> = await app.dataSource.query(`SELECT display_name FROM members WHERE id = $1`, [
        leaving.id,
      ]);
      const thread = await publishedThread(app, starter, spaceA, 'Evenings', 'How do you all wind down?');
      // One reply in the starter's thread, one quoting their post: each tells the starter, by the replier's pseudonym.
      for (const quote of [undefined, thread.firstPost.id]) {
        const reply = await createReply(app, leaving, thread.id, 'A walk helps me.', quote);
        await screen(app, reply.id, 1, 'PUBLISH');
      }
      const INBOX = '{ notifications(first: 100) { edges { node { kind title body } } } }';
      const before = await gql(INBOX, {}, starter.token);
      expect(JSON.stringify(before.data)).toContain(pseudonym);

      const erased = await gql('mutation ($id: ID!) { eraseMember(memberId: $id) { displayName } }', { id: leaving.id }, admin.token);
      expect(erased.errors).toBeUndefined();

      const after = await gql<{ notifications: { edges: Array<{ node: { kind: string; body: string } }> } }>(INBOX, {}, starter.token);
      const replies = after.data!.notifications.edges.map((e) => e.node).filter((n) => n.kind.startsWith('REPLY_'));
      expect(replies).toHaveLength(2);
      expect(JSON.stringify(after.data)).not.toContain(pseudonym);
      for (const n of replies) expect(n.body.startsWith('Former member ')).toBe(true);
      const exported = await gql<{ exportMyData: string }>('{ exportMyData }', {}, starter.token);
      expect(exported.data!.exportMyData).not.toContain(pseudonym);
    });
  });

  describe('hidden and missing objects', () => {
    it("should answer a client and another space's peer the same for a hidden held post, thread or case as for an id that does not exist", async () => {
      const author = await member(app, Role.CLIENT, 'third-hidden-author');
      const stranger = await member(app, Role.CLIENT, 'third-stranger');
      const hidden = await heldCrisisThread(author, spaceB);
      const [{ thread_id: threadId }]: Array<{ thread_id: string }> = await app.dataSource.query(`SELECT thread_id FROM posts WHERE id = $1`, [hidden.postId]);
      const open = await publishedThread(app, author, spaceB, 'Open', 'A calm day.');
      const attacks: Array<[string, string, string]> = [
        ['post', 'query ($id: ID!) { post(id: $id) { id } }', hidden.postId],
        ['thread', 'query ($id: ID!) { thread(id: $id) { id } }', threadId],
        ['editPost', 'mutation ($id: ID!) { editPost(input: { postId: $id, body: "mine now" }) { id } }', hidden.postId],
        ['deletePost', 'mutation ($id: ID!) { deletePost(id: $id) { id } }', hidden.postId],
        ['react', 'mutation ($id: ID!) { react(input: { postId: $id, kind: HUG }) { id } }', hidden.postId],
        ['unreact', 'mutation ($id: ID!) { unreact(input: { postId: $id, kind: HUG }) { id } }', hidden.postId],
        ['reportPost', 'mutation ($id: ID!) { reportPost(input: { postId: $id, reason: "probe" }) }', hidden.postId],
        ['createReply', 'mutation ($id: ID!) { createReply(input: { threadId: $id, body: "probe" }) { id } }', threadId],
        ['quote', `mutation ($id: ID!) { createReply(input: { threadId: "${open.id}", body: "probe", quotePostId: $id }) { id } }`, hidden.postId],
      ];
      const staffAttacks: Array<[string, string, string]> = [
        ['moderationCase', 'query ($id: ID!) { moderationCase(id: $id) { id } }', hidden.caseId],
        ['claimCase', 'mutation ($id: ID!) { claimCase(id: $id) { id } }', hidden.caseId],
        ['addCaseNote', 'mutation ($id: ID!) { addCaseNote(input: { caseId: $id, note: "probe" }) { id } }', hidden.caseId],
        ['resolveCase', 'mutation ($id: ID!) { resolveCase(input: { caseId: $id, decision: APPROVE }) { id } }', hidden.caseId],
        ['escalateCase', 'mutation ($id: ID!) { escalateCase(input: { caseId: $id, note: "probe" }) { id } }', hidden.caseId],
      ];
      const answer = async (query: string, id: string, token: string) => {
        const res = await gql(query, { id }, token);
        return res.errors ? { code: res.errors[0].extensions?.code, message: res.errors[0].message } : { data: res.data };
      };
      for (const [who, token, list] of [
        ['client', stranger.token, attacks],
        ['peer A', peerA.token, [...attacks, ...staffAttacks]],
      ] as const) {
        for (const [name, query, id] of list) {
          const missing = await answer(query, randomUUID(), token);
          expect({ who, name, answer: await answer(query, id, token) }).toEqual({ who, name, answer: missing });
        }
      }
      // Nothing was changed by the attempts: the post is still held, its case open and unclaimed.
      const [row] = await app.dataSource.query(
        `SELECT p.status, c.status AS case_status, c.assignee_id FROM posts p JOIN moderation_cases c ON c.post_id = p.id WHERE p.id = $1`,
        [hidden.postId],
      );
      expect(row).toEqual({ status: 'HELD', case_status: 'OPEN', assignee_id: null });
    });
  });
});
