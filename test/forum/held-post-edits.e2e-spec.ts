import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { JobProducer } from '../../src/queue/job-producer.service';
import { QueueName } from '../../src/queue/queue.types';
import { startTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../utils/wait-for';
import { createThread, POST_FIELDS } from './forum-fixtures';
import { assignToSpace, Member, member, space } from '../utils/factories';

const POST = `query($id: ID!) { post(id: $id) { ${POST_FIELDS} } }`;
const THREAD = `query($id: ID!) { thread(id: $id) { id } }`;
const EDIT = `mutation($input: EditPostInput!) { editPost(input: $input) { ${POST_FIELDS} } }`;
const REPORT = `mutation($input: ReportPostInput!) { reportPost(input: $input) }`;
const QUEUE = `{ moderationQueue(status: OPEN, first: 100) { edges { node { id postId status reasons priority } } } }`;
const RESOLVE = `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { id status decision } }`;

type QueueNode = { id: string; postId: string; status: string; reasons: string[]; priority: string };
type ShownPost = { status: PostStatus; revision: number; statusNote: string | null; body: string };

/**
 * A post held for a person (here: by reports) stays held through its author's edits: the real
 * screening worker screens every new revision, and may raise the case, but only the person deciding
 * the case can publish it.
 */
describe('forum: editing a post that is held for a person', () => {
  let app: TestApp;
  let author: Member;
  let reporters: Member[];
  let observer: Member;
  let peer: Member;
  let spaceId: string;

  beforeAll(async () => {
    // API and worker (screening and moderation) in this process, as `npm start` runs them.
    app = await startTestApp({ role: 'all', env: { REPORT_AUTO_HIDE_REPORTERS: '3' } });
    [author, observer, peer, ...reporters] = await Promise.all([
      member(app, Role.CLIENT, 'author'),
      member(app, Role.CLIENT, 'observer'),
      member(app, Role.PEER_SPECIALIST, 'peer'),
      ...[1, 2, 3].map((n) => member(app, Role.CLIENT, `reporter-${n}`)),
    ]);
    spaceId = await space(app.dataSource);
    await assignToSpace(app.dataSource, spaceId, peer.id);
  });

  afterAll(async () => {
    await app.close();
  });

  async function row(postId: string): Promise<{ status: PostStatus; held_reason: HeldReason | null; revision: number }> {
    const [found] = await app.dataSource.query(`SELECT status, held_reason, revision FROM posts WHERE id = $1`, [postId]);
    return found;
  }

  async function openCase(postId: string): Promise<QueueNode | undefined> {
    const res = await app.gql<{ moderationQueue: { edges: Array<{ node: QueueNode }> } }>(QUEUE, {}, peer.token);
    return res.data?.moderationQueue.edges.map((e) => e.node).find((node) => node.postId === postId);
  }

  /** Waits until the worker wrote the screening of this revision (and finished its request). */
  function screenedRevision(postId: string, revision: number) {
    return waitFor(`revision ${revision} of ${postId} to be screened`, async () => {
      const rows: Array<{ decision: string }> = await app.dataSource.query(
        `SELECT s.decision FROM screenings s JOIN screening_requests r ON r.post_id = s.post_id AND r.revision = s.revision
          WHERE s.post_id = $1 AND s.revision = $2 AND r.state = 'DONE'`,
        [postId, revision],
      );
      return rows[0];
    });
  }

  /** A published thread that three members reported: HELD (USER_REPORTS) with its case open in the queue. */
  async function reportHeldThread(body: string) {
    const thread = await createThread(app, author, spaceId, 'Checking in', body);
    const postId = thread.firstPost.id;
    await screenedRevision(postId, 1);
    expect(await row(postId)).toMatchObject({ status: PostStatus.PUBLISHED });
    for (const reporter of reporters) {
      expect((await app.gql(REPORT, { input: { postId, reason: 'This hurt to read.' } }, reporter.token)).errors).toBeUndefined();
    }
    expect(await row(postId)).toMatchObject({ status: PostStatus.HELD, held_reason: HeldReason.USER_REPORTS });
    const opened = await waitFor('the report case to open', async () => openCase(postId));
    expect(opened.reasons).toEqual(['USER_REPORT']);
    return { threadId: thread.id, postId, caseId: opened.id };
  }

  it('should keep a report-held post HELD through an edit, screen the edit, keep the case open, and publish it only when a peer approves', async () => {
    const { threadId, postId, caseId } = await reportHeldThread('This group is a waste of time.');

    const edited = await app.gql<{ editPost: ShownPost }>(EDIT, { input: { postId, body: 'You are all pathetic..' } }, author.token);
    expect(edited.errors).toBeUndefined();
    // The author is told the truth: a person will read it, not "being checked" and then shared.
    expect(edited.data?.editPost).toMatchObject({ status: PostStatus.HELD, revision: 2 });
    expect(edited.data?.editPost.statusNote).toMatch(/peer specialist will read/);

    expect(await screenedRevision(postId, 2)).toEqual({ decision: 'PUBLISH' });
    expect(await row(postId)).toEqual({ status: PostStatus.HELD, held_reason: HeldReason.USER_REPORTS, revision: 2 });
    expect(await openCase(postId)).toMatchObject({ id: caseId, status: 'OPEN' });
    expect((await app.gql<{ post: unknown }>(POST, { id: postId }, observer.token)).data?.post).toBeNull();
    expect((await app.gql<{ thread: unknown }>(THREAD, { id: threadId }, observer.token)).data?.thread).toBeNull();
    const mine = await app.gql<{ post: ShownPost }>(POST, { id: postId }, author.token);
    expect(mine.data?.post).toMatchObject({ status: PostStatus.HELD, revision: 2 });
    expect(mine.data?.post.statusNote).toMatch(/peer specialist will read/);
    // Hidden from the reporters too, so there is nothing to report again while the case is open.
    const again = await app.gql(REPORT, { input: { postId, reason: 'Still here.' } }, reporters[0].token);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const approved = await app.gql<{ resolveCase: { status: string; decision: string } }>(RESOLVE, { input: { caseId, decision: 'APPROVE' } }, peer.token);
    expect(approved.data?.resolveCase).toMatchObject({ status: 'RESOLVED', decision: 'APPROVE' });
    expect(await row(postId)).toMatchObject({ status: PostStatus.PUBLISHED, revision: 2 });
    const seen = await app.gql<{ post: ShownPost }>(POST, { id: postId }, observer.token);
    expect(seen.data?.post).toMatchObject({ status: PostStatus.PUBLISHED, revision: 2, body: '<p>You are all pathetic..</p>' });
  });

  it("should let the screening of an edit raise the held post's case (crisis: URGENT, a clinician escalation) and still not publish it", async () => {
    const { postId, caseId } = await reportHeldThread('Nobody here gets it.');

    await app.gql(EDIT, { input: { postId, body: 'I want to kill myself. I have the pills counted out and I am doing it tonight.' } }, author.token);
    expect(await screenedRevision(postId, 2)).toEqual({ decision: 'HOLD' });

    expect(await row(postId)).toEqual({ status: PostStatus.HELD, held_reason: HeldReason.CRISIS, revision: 2 });
    const raised = await openCase(postId);
    expect(raised).toMatchObject({ id: caseId, status: 'OPEN', priority: 'URGENT' });
    expect(raised?.reasons).toEqual(expect.arrayContaining(['CRISIS', 'USER_REPORT']));
    const escalations: Array<{ case_id: string }> = await app.dataSource.query(`SELECT case_id FROM escalations WHERE post_id = $1`, [postId]);
    expect(escalations).toEqual([{ case_id: caseId }]);
    expect((await app.gql<{ post: unknown }>(POST, { id: postId }, observer.token)).data?.post).toBeNull();
  });

  it('should never publish an edit nobody has screened, even when a peer approves the case before the worker reads it', async () => {
    const { postId, caseId } = await reportHeldThread('Whatever.');
    const screening = app.running.app.get(JobProducer).queue(QueueName.SCREENING);
    await screening.pause();
    try {
      await app.gql(EDIT, { input: { postId, body: 'Whatever, edited.' } }, author.token);
      const approved = await app.gql<{ resolveCase: { status: string } }>(RESOLVE, { input: { caseId, decision: 'APPROVE' } }, peer.token);
      expect(approved.data?.resolveCase.status).toBe('RESOLVED');
      expect(await row(postId)).toMatchObject({ status: PostStatus.HELD, revision: 2 });
    } finally {
      await screening.resume();
    }

    // Screened clean, but approved before anyone could read the new words: a person looks again.
    expect(await screenedRevision(postId, 2)).toEqual({ decision: 'PUBLISH' });
    expect(await row(postId)).toMatchObject({ status: PostStatus.HELD, revision: 2 });
    const second = await waitFor('a case for the unscreened approval', async () => openCase(postId));
    expect(second.id).not.toBe(caseId);
    expect(second.reasons).toEqual(['USER_REPORT']);
    await app.gql(RESOLVE, { input: { caseId: second.id, decision: 'APPROVE' } }, peer.token);
    expect(await row(postId)).toMatchObject({ status: PostStatus.PUBLISHED, revision: 2 });
  });
});
