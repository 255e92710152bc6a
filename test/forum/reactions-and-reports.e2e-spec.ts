import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { JobProducer } from '../../src/queue/job-producer.service';
import { JOB_ID, JobName, QueueName } from '../../src/queue/queue.types';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createThread, publishedThread } from './forum-fixtures';
import { Member, member, space } from '../utils/factories';

const REACT = `mutation($input: ReactInput!) { react(input: $input) { id reactions { kind count } viewerReactions } }`;
const UNREACT = `mutation($input: ReactInput!) { unreact(input: $input) { id reactions { kind count } viewerReactions } }`;
const REPORT = `mutation($input: ReportPostInput!) { reportPost(input: $input) }`;

type Reacted = { id: string; reactions: Array<{ kind: string; count: number }>; viewerReactions: string[] };

describe('forum: supportive reactions and reports', () => {
  let app: TestApp;
  let author: Member;
  let readers: Member[];
  let spaceId: string;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api', env: { REPORT_AUTO_HIDE_REPORTERS: '3' } });
    author = await member(app, Role.CLIENT, 'author');
    readers = await Promise.all([1, 2, 3, 4].map((n) => member(app, Role.CLIENT, `reader-${n}`)));
    spaceId = await space(app.dataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('should count one reaction of each kind per member, show the viewer their own, and take one back', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const postId = thread.firstPost.id;
    await app.gql(REACT, { input: { postId, kind: 'HUG' } }, readers[0].token);
    await app.gql(REACT, { input: { postId, kind: 'HUG' } }, readers[0].token);
    await app.gql(REACT, { input: { postId, kind: 'HEART' } }, readers[0].token);
    const res = await app.gql<{ react: Reacted }>(REACT, { input: { postId, kind: 'HUG' } }, readers[1].token);
    expect(res.data?.react.reactions).toEqual([
      { kind: 'HEART', count: 1 },
      { kind: 'HUG', count: 2 },
    ]);
    expect(res.data?.react.viewerReactions).toEqual(['HUG']);

    const undone = await app.gql<{ unreact: Reacted }>(UNREACT, { input: { postId, kind: 'HUG' } }, readers[0].token);
    expect(undone.data?.unreact.reactions).toEqual([
      { kind: 'HEART', count: 1 },
      { kind: 'HUG', count: 1 },
    ]);
    expect(undone.data?.unreact.viewerReactions).toEqual(['HEART']);
  });

  it('should refuse reactions to posts not published and kinds that do not exist', async () => {
    const pending = await createThread(app, author, spaceId);
    const own = await app.gql(REACT, { input: { postId: pending.firstPost.id, kind: 'HEART' } }, author.token);
    expect(own.errors?.[0].extensions?.code).toBe('CONFLICT');
    const hidden = await app.gql(REACT, { input: { postId: pending.firstPost.id, kind: 'HEART' } }, readers[0].token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const thread = await publishedThread(app, author, spaceId);
    const downvote = await app.gql(REACT, { input: { postId: thread.firstPost.id, kind: 'DOWNVOTE' } }, readers[0].token);
    expect(downvote.status).toBeLessThan(500);
    expect(downvote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should keep a report, count a second report by the same member once, and ask moderation to review it', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const postId = thread.firstPost.id;
    const first = await app.gql<{ reportPost: boolean }>(REPORT, { input: { postId, reason: 'This felt unkind.' } }, readers[0].token);
    expect(first.data?.reportPost).toBe(true);
    const again = await app.gql<{ reportPost: boolean }>(REPORT, { input: { postId, reason: 'Still unkind.' } }, readers[0].token);
    expect(again.data?.reportPost).toBe(true);

    const reports: Array<{ id: string; reason: string }> = await app.dataSource.query(`SELECT id, reason FROM reports WHERE post_id = $1`, [postId]);
    expect(reports).toEqual([{ id: expect.any(String), reason: 'This felt unkind.' }]);
    const job = await app.running.app
      .get(JobProducer)
      .queue(QueueName.MODERATION)
      .getJob(JOB_ID[JobName.REVIEW_REPORT]({ reportId: reports[0].id }));
    expect(job?.data).toEqual({ reportId: reports[0].id });
    const [post] = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    expect(post.status).toBe(PostStatus.PUBLISHED);
  });

  it('should hide a post once enough distinct members report it, even when they report at the same moment', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const postId = thread.firstPost.id;
    const results = await Promise.all(
      readers.slice(0, 3).map((r) => app.gql<{ reportPost: boolean }>(REPORT, { input: { postId, reason: 'harmful' } }, r.token)),
    );
    expect(results.map((r) => r.data?.reportPost)).toEqual([true, true, true]);

    const [post] = await app.dataSource.query(`SELECT status, held_reason FROM posts WHERE id = $1`, [postId]);
    expect(post).toEqual({ status: PostStatus.HELD, held_reason: HeldReason.USER_REPORTS });
    const events = await app.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 AND action = 'post.auto_held'`, [postId]);
    expect(events).toHaveLength(1);

    const hidden = await app.gql<{ post: unknown }>(`query($id: ID!) { post(id: $id) { id } }`, { id: postId }, readers[3].token);
    expect(hidden.data?.post).toBeNull();
    const late = await app.gql(REPORT, { input: { postId, reason: 'harmful' } }, author.token);
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should refuse reporting your own post and an empty reason', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const own = await app.gql(REPORT, { input: { postId: thread.firstPost.id, reason: 'mine' } }, author.token);
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postId' });
    const empty = await app.gql(REPORT, { input: { postId: thread.firstPost.id, reason: '   ' } }, readers[0].token);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
