import { Role } from '../../src/common/domain/role.enum';
import { probeDelivery, publishCaseChanged, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { createThread } from '../forum/forum-fixtures';
import { assignToSpace, member, Member, postWithCase, space } from '../utils/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { GraphqlResponse } from '../utils/graphql';

/**
 * A peer specialist sees held posts, screenings, cases, notes and risk signals of the spaces they
 * are assigned to, and nothing of any other space's, however the query reaches it (the outside
 * tester reached space 2's held crisis post through space 1's queue: the author's recent cases).
 */
describe('staff scope: a peer specialist sees only their spaces', () => {
  let app: TestApp;
  let ownSpace: string;
  let otherSpace: string;
  let peer: Member;
  let otherPeer: Member;
  let clinician: Member;
  let author: Member;
  let own: { postId: string; caseId: string };
  let other: { postId: string; caseId: string };
  let otherPublishedPostId: string;

  const CRISIS = 'I am going to kill myself tonight. I have the pills ready.';
  const CASE_FIELDS = `id post { id body screening { crisisLevel } } threadContext { id body } notes { body } evidence { crisisEvidence }
    authorRecentCases { id post { id body } notes { body } evidence { crisisEvidence } }
    authorRiskSignals { postId level }`;

  async function heldCrisisThread(spaceId: string): Promise<{ postId: string; caseId: string }> {
    const thread = await createThread(app, author, spaceId, 'Tonight', CRISIS);
    const postId = thread.firstPost.id;
    const caseId = await waitFor('the worker to hold the crisis post and open its case', async () => {
      const rows: Array<{ id: string }> = await app.dataSource.query(
        `SELECT c.id FROM moderation_cases c JOIN posts p ON p.id = c.post_id WHERE c.post_id = $1 AND p.status = 'HELD'`,
        [postId],
      );
      return rows[0]?.id;
    });
    return { postId, caseId };
  }

  interface CaseNode {
    id: string;
    post: { id: string; body: string; screening: { crisisLevel: string } | null };
    threadContext: Array<{ id: string }>;
    authorRecentCases: Array<{ id: string; notes: Array<{ body: string }> }>;
    authorRiskSignals: Array<{ postId: string; level: string }>;
  }

  /** The viewer's whole queue, page by page (a clinician's holds every other test's cases too). */
  async function queueAs(token: string, until?: string): Promise<CaseNode[]> {
    const nodes: CaseNode[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const res: GraphqlResponse<{ moderationQueue: { edges: Array<{ node: CaseNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> =
        await app.gql(
          `query ($after: String) { moderationQueue(first: 10, after: $after) { edges { node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          token,
        );
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data!.moderationQueue.edges.map((e) => e.node));
      if (!res.data!.moderationQueue.pageInfo.hasNextPage || (until && nodes.some((n) => n.id === until))) return nodes;
      after = res.data!.moderationQueue.pageInfo.endCursor;
    }
    throw new Error('the queue did not end within 100 pages');
  }

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
    ownSpace = await space(app.dataSource);
    otherSpace = await space(app.dataSource);
    peer = await member(app, Role.PEER_SPECIALIST, 'scoped-peer');
    otherPeer = await member(app, Role.PEER_SPECIALIST, 'other-peer');
    clinician = await member(app, Role.CLINICIAN, 'clinician');
    author = await member(app, Role.CLIENT, 'author');
    await app.dataSource.query(`INSERT INTO space_moderators (space_id, member_id) VALUES ($1, $2), ($3, $4)`, [ownSpace, peer.id, otherSpace, otherPeer.id]);

    own = await heldCrisisThread(ownSpace);
    other = await heldCrisisThread(otherSpace);
    const note = await app.gql(
      'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
      { input: { caseId: other.caseId, note: 'Spoke with their therapist about tonight.' } },
      otherPeer.token,
    );
    expect(note.errors).toBeUndefined();
    // A published post of the author's in the other space: anyone may read it, but not its screening.
    const published = await createThread(app, author, otherSpace, 'A good day', 'Walked by the river with my sister.');
    otherPublishedPostId = published.firstPost.id;
    await waitFor('the ordinary post to be published', async () => {
      const [row]: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [otherPublishedPostId]);
      return row.status === 'PUBLISHED';
    });
  });

  afterAll(async () => app.close());

  it("should show a peer their space's case with its context, and nothing of another space's through the author's history", async () => {
    const queue = await queueAs(peer.token);
    expect(queue.map((c) => c.id)).toEqual([own.caseId]);
    const [c] = queue;
    expect(c.post.id).toBe(own.postId);
    expect(c.post.body).toContain('kill myself');
    expect(c.post.screening?.crisisLevel).toMatch(/HIGH|IMMINENT/);
    expect(c.threadContext.map((p) => p.id)).toEqual([own.postId]);
    expect(c.authorRecentCases).toEqual([]);
    expect(c.authorRiskSignals.map((s) => s.postId)).toEqual([own.postId]);
    expect(JSON.stringify(queue)).not.toContain('therapist');
    expect(JSON.stringify(queue)).not.toContain(other.postId);
  });

  it("should show a clinician every space's history beside a case", async () => {
    const queue = await queueAs(clinician.token, own.caseId);
    const c = queue.find((node) => node.id === own.caseId)!;
    expect(c.authorRecentCases.map((r) => r.id)).toEqual([other.caseId]);
    expect(c.authorRecentCases[0].notes.map((n) => n.body)).toEqual(['Spoke with their therapist about tonight.']);
    expect(c.authorRiskSignals.map((s) => s.postId).sort()).toEqual([own.postId, other.postId].sort());
  });

  it("should not give a peer another space's held post, screening or held reason by id", async () => {
    const held = await app.gql<{ post: unknown }>('query ($id: ID!) { post(id: $id) { id body } }', { id: other.postId }, peer.token);
    expect(held.errors).toBeUndefined();
    expect(held.data?.post).toBeNull();

    const published = await app.gql<{ post: { id: string; screening: unknown; heldReason: unknown } }>(
      'query ($id: ID!) { post(id: $id) { id screening { crisisLevel } heldReason } }',
      { id: otherPublishedPostId },
      peer.token,
    );
    expect(published.data?.post).toEqual({ id: otherPublishedPostId, screening: null, heldReason: null });
    const asColleague = await app.gql<{ post: { screening: { crisisLevel: string } | null } }>(
      'query ($id: ID!) { post(id: $id) { screening { crisisLevel } } }',
      { id: otherPublishedPostId },
      otherPeer.token,
    );
    expect(asColleague.data?.post.screening).toEqual({ crisisLevel: 'NONE' });
  });

  it("should answer NOT_FOUND to a peer's decision or note on another space's case", async () => {
    for (const [mutation, variables] of [
      ['mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: other.caseId }],
      ['mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }', { input: { caseId: other.caseId, note: 'hello' } }],
      ['mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }', { input: { caseId: other.caseId, decision: 'APPROVE' } }],
    ] as const) {
      const res = await app.gql(mutation, variables, peer.token);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const [row]: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [other.postId]);
    expect(row.status).toBe('HELD');
  });

  it("should deliver a peer's socket events of their spaces only, and stop once they are taken off the space", async () => {
    const client = wsClient(app.url, peer.token);
    const events = subscribe<{ moderationQueueChanged: { id: string; post: { body: string } | null; authorRecentCases: Array<{ id: string }> } }>(
      client,
      'subscription { moderationQueueChanged { id post { body } authorRecentCases { id } } }',
    );
    // The probe is a case of the peer's own space; the assertions below are about the others.
    const probe = await postWithCase(app.dataSource, ownSpace, (await member(app, Role.CLIENT, 'probe-author')).id);
    const caseEvents = () => events.events.filter((e) => e.moderationQueueChanged.id !== probe.caseId);
    try {
      await probeDelivery(
        events,
        publishCaseChanged(app, { caseId: probe.caseId, spaceId: ownSpace }),
        (e) => e.moderationQueueChanged.id === probe.caseId,
        "the peer's subscription to be live",
      );
      const addNote = (caseId: string, token: string) =>
        app.gql('mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }', { input: { caseId, note: 'Checked in.' } }, token);
      await addNote(other.caseId, otherPeer.token);
      await addNote(own.caseId, clinician.token);
      const first = await waitFor('the event of the peer’s own case', () => caseEvents()[0]);
      expect(first.moderationQueueChanged.id).toBe(own.caseId);
      expect(first.moderationQueueChanged.post?.body).toContain('kill myself');
      expect(first.moderationQueueChanged.authorRecentCases).toEqual([]);

      await app.dataSource.query(`DELETE FROM space_moderators WHERE space_id = $1 AND member_id = $2`, [ownSpace, peer.id]);
      await addNote(own.caseId, clinician.token);
      // Off the space, its events stop; an event of the space the peer is given next proves delivery still runs.
      await assignToSpace(app.dataSource, otherSpace, peer.id);
      await addNote(other.caseId, otherPeer.token);
      const marker = await waitFor('the event of the space the peer was moved to', () => caseEvents()[1]);
      expect(marker.moderationQueueChanged.id).toBe(other.caseId);
      expect(caseEvents().map((e) => e.moderationQueueChanged.id)).toEqual([own.caseId, other.caseId]);
      expect(events.errors).toEqual([]);
    } finally {
      events.dispose();
      await client.dispose();
      await app.dataSource.query(`DELETE FROM space_moderators WHERE space_id = $1 AND member_id = $2`, [otherSpace, peer.id]);
      await assignToSpace(app.dataSource, ownSpace, peer.id);
    }
  });
});
