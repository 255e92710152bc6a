import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { JobProducer } from '../../src/queue/job-producer.service';
import { JOB_ID, JobName, QueueName } from '../../src/queue/queue.types';
import { connectAsSchemaOwner, startTestApp, TestApp } from '../helpers/test-app';
import { createReply, createThread, POST_FIELDS, publishedThread, screen, THREAD_FIELDS } from './forum-fixtures';
import { assignToSpace, Member, member, space } from '../utils/factories';

const POST = `query($id: ID!) { post(id: $id) { ${POST_FIELDS} } }`;
const THREAD = `query($id: ID!) { thread(id: $id) { ${THREAD_FIELDS} } }`;
const EDIT = `mutation($input: EditPostInput!) { editPost(input: $input) { ${POST_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) { ${POST_FIELDS} } }`;

describe('forum: writing posts, the screening outbox and who sees a post in each state', () => {
  let app: TestApp;
  let author: Member;
  let other: Member;
  let peer: Member;
  let spaceId: string;

  beforeAll(async () => {
    // API only: no worker consumes screen-post jobs, so each one can be inspected where the API left it.
    app = await startTestApp({ role: 'api' });
    [author, other, peer] = await Promise.all([
      member(app, Role.CLIENT, 'author'),
      member(app, Role.CLIENT, 'other'),
      member(app, Role.PEER_SPECIALIST, 'peer'),
    ]);
    spaceId = await space(app.dataSource);
    // The peer specialist works this space: they see its posts in every state.
    await assignToSpace(app.dataSource, spaceId, peer.id);
  });

  afterAll(async () => {
    await app.close();
  });

  async function screeningJob(postId: string, revision: number) {
    const queue = app.running.app.get(JobProducer).queue(QueueName.SCREENING);
    return queue.getJob(JOB_ID[JobName.SCREEN_POST]({ postId, revision }));
  }

  it('should save a new thread as PENDING with its revision, screening request, audit event and a screen-post job carrying ids only', async () => {
    const thread = await createThread(app, author, spaceId, 'A hard week', '<p>I made it to group <b>twice</b>.</p>');
    expect(thread.status).toBe(PostStatus.PENDING);
    const postId = thread.firstPost.id;

    const [revision] = await app.dataSource.query(`SELECT revision, body_html, body_text FROM post_revisions WHERE post_id = $1`, [postId]);
    expect(revision).toEqual({ revision: 1, body_html: '<p>I made it to group <b>twice</b>.</p>', body_text: 'A hard week\n\nI made it to group twice.' });
    const [request] = await app.dataSource.query(`SELECT revision, state FROM screening_requests WHERE post_id = $1`, [postId]);
    expect(request).toEqual({ revision: 1, state: 'PENDING' });
    const audit = await app.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE target_id = $1`, [thread.id]);
    expect(audit).toEqual([{ action: 'thread.created', actor_id: author.id }]);

    const job = await screeningJob(postId, 1);
    expect(job?.name).toBe(JobName.SCREEN_POST);
    expect(job?.data).toEqual({ postId, revision: 1 });
  });

  it('should save a reply as PENDING with its revision, screening request, audit event and a screen-post job carrying ids only', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const reply = await createReply(app, other, thread.id, '<p>Same <i>here</i>.</p>');
    expect(reply).toMatchObject({ status: PostStatus.PENDING, revision: 1 });

    const [post] = await app.dataSource.query(`SELECT thread_id, space_id, author_id, status, body_text FROM posts WHERE id = $1`, [reply.id]);
    expect(post).toEqual({ thread_id: thread.id, space_id: spaceId, author_id: other.id, status: 'PENDING', body_text: 'Same here.' });
    const [revision] = await app.dataSource.query(`SELECT revision, author_id, body_html FROM post_revisions WHERE post_id = $1`, [reply.id]);
    expect(revision).toEqual({ revision: 1, author_id: other.id, body_html: '<p>Same <i>here</i>.</p>' });
    const [request] = await app.dataSource.query(`SELECT revision, state FROM screening_requests WHERE post_id = $1`, [reply.id]);
    expect(request).toEqual({ revision: 1, state: 'PENDING' });
    const audit = await app.dataSource.query(`SELECT action, actor_id, actor_role, target_type, details FROM audit_events WHERE target_id = $1`, [reply.id]);
    expect(audit).toEqual([
      { action: 'post.created', actor_id: other.id, actor_role: Role.CLIENT, target_type: 'post', details: { threadId: thread.id, spaceId } },
    ]);
    expect((await screeningJob(reply.id, 1))?.data).toEqual({ postId: reply.id, revision: 1 });
  });

  it('should write nothing of a reply when any part of its write fails (post, revision, screening request and audit together)', async () => {
    const thread = await publishedThread(app, author, spaceId);
    // The audit insert is the last part of the write: refusing it must take the post and its outbox row with it.
    // Only the schema owner may add the constraint that refuses it; the app's role has no DDL.
    const owner = await connectAsSchemaOwner();
    await owner.query(`ALTER TABLE audit_events ADD CONSTRAINT test_refuse_replies CHECK (action <> 'post.created') NOT VALID`);
    try {
      const res = await app.gql(
        `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
        { input: { threadId: thread.id, body: 'never half-written' } },
        other.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res)).not.toMatch(/audit_events|test_refuse_replies|never half-written/);
    } finally {
      await owner.query(`ALTER TABLE audit_events DROP CONSTRAINT test_refuse_replies`);
      await owner.end();
    }
    const [counts] = await app.dataSource.query(
      `SELECT (SELECT count(*)::int FROM posts WHERE thread_id = $1 AND id <> $2) AS posts,
              (SELECT count(*)::int FROM post_revisions r JOIN posts p ON p.id = r.post_id WHERE p.thread_id = $1 AND p.id <> $2) AS revisions,
              (SELECT count(*)::int FROM screening_requests WHERE post_id NOT IN (SELECT id FROM posts)) AS orphan_requests`,
      [thread.id, thread.firstPost.id],
    );
    expect(counts).toEqual({ posts: 0, revisions: 0, orphan_requests: 0 });
  });

  it('should screen the title with the body, so a crisis stated only in a title is read', async () => {
    const thread = await createThread(app, author, spaceId, 'I do not want to be here anymore', 'see title');
    const [post] = await app.dataSource.query(`SELECT body_text FROM posts WHERE id = $1`, [thread.firstPost.id]);
    expect(post.body_text).toBe('I do not want to be here anymore\n\nsee title');
  });

  it('should show a PENDING post to its author and staff only, with a note for the author', async () => {
    const thread = await createThread(app, author, spaceId);
    const mine = await app.gql<{ post: { status: string; statusNote: string | null } }>(POST, { id: thread.firstPost.id }, author.token);
    expect(mine.data?.post.status).toBe(PostStatus.PENDING);
    expect(mine.data?.post.statusNote).toMatch(/Being checked/);

    const theirs = await app.gql<{ post: unknown; thread: unknown }>(
      `query($id: ID!, $t: ID!) { post(id: $id) { id } thread(id: $t) { id } }`,
      { id: thread.firstPost.id, t: thread.id },
      other.token,
    );
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.post).toBeNull();
    expect(theirs.data?.thread).toBeNull();

    const staff = await app.gql<{ post: { status: string } }>(POST, { id: thread.firstPost.id }, peer.token);
    expect(staff.data?.post.status).toBe(PostStatus.PENDING);
  });

  it('should publish only through a screening of the same revision, and then show the thread to everyone', async () => {
    const thread = await createThread(app, author, spaceId);
    const lifecycle = app.running.app.get(PostLifecycleService);
    const unscreened = await app.dataSource.transaction((manager) =>
      lifecycle.transition(manager, { postId: thread.firstPost.id, revision: 1, from: [PostStatus.PENDING], to: PostStatus.PUBLISHED }),
    );
    expect(unscreened).toBeNull();
    expect((await app.gql<{ thread: unknown }>(THREAD, { id: thread.id }, other.token)).data?.thread).toBeNull();

    const moved = await screen(app, thread.firstPost.id, 1, 'PUBLISH');
    expect(moved?.status).toBe(PostStatus.PUBLISHED);
    const seen = await app.gql<{ thread: { status: string; lastActivityAt: string; createdAt: string } }>(THREAD, { id: thread.id }, other.token);
    expect(seen.data?.thread.status).toBe(PostStatus.PUBLISHED);
    expect(Date.parse(seen.data!.thread.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(seen.data!.thread.createdAt));
  });

  it('should keep a HELD post from other clients, tell its author kindly, and show staff why', async () => {
    const thread = await createThread(app, author, spaceId);
    await screen(app, thread.firstPost.id, 1, HeldReason.TOXICITY);

    const mine = await app.gql<{ post: { status: string; statusNote: string; heldReason: string | null } }>(POST, { id: thread.firstPost.id }, author.token);
    expect(mine.data?.post.status).toBe(PostStatus.HELD);
    expect(mine.data?.post.statusNote).toMatch(/peer specialist will read/);
    expect(mine.data?.post.heldReason).toBeNull();

    expect((await app.gql<{ post: unknown }>(POST, { id: thread.firstPost.id }, other.token)).data?.post).toBeNull();

    const staff = await app.gql<{ post: { heldReason: string } }>(POST, { id: thread.firstPost.id }, peer.token);
    expect(staff.data?.post.heldReason).toBe(HeldReason.TOXICITY);
    const viewed = await app.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'post.viewed' AND target_id = $1`, [thread.firstPost.id]);
    expect(viewed).toEqual([{ actor_id: peer.id }]);
  });

  it('should make an edit a new PENDING revision with its own screening job, hidden again until screened', async () => {
    const thread = await publishedThread(app, author, spaceId);
    const postId = thread.firstPost.id;
    const res = await app.gql<{ editPost: { revision: number; status: string; editedAt: string | null } }>(
      EDIT,
      { input: { postId, body: 'Edited: a better day.' } },
      author.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.editPost).toMatchObject({ revision: 2, status: PostStatus.PENDING });
    expect(res.data?.editPost.editedAt).not.toBeNull();

    const revisions = await app.dataSource.query(`SELECT revision FROM post_revisions WHERE post_id = $1 ORDER BY revision`, [postId]);
    expect(revisions).toEqual([{ revision: 1 }, { revision: 2 }]);
    expect((await screeningJob(postId, 2))?.data).toEqual({ postId, revision: 2 });
    expect((await app.gql<{ post: unknown }>(POST, { id: postId }, other.token)).data?.post).toBeNull();
  });

  it('should let the author retitle a thread through its first post: screened with the body, hidden until then', async () => {
    const thread = await publishedThread(app, author, spaceId, 'Old title', 'Same body.');
    const postId = thread.firstPost.id;
    const res = await app.gql<{ editPost: { revision: number; status: string } }>(
      EDIT,
      { input: { postId, body: 'Same body.', title: '  A better title  ' } },
      author.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.editPost).toMatchObject({ revision: 2, status: PostStatus.PENDING });
    const [revision]: Array<{ body_text: string }> = await app.dataSource.query(`SELECT body_text FROM post_revisions WHERE post_id = $1 AND revision = 2`, [
      postId,
    ]);
    expect(revision.body_text).toContain('A better title');
    expect((await app.gql<{ thread: unknown }>(THREAD, { id: thread.id }, other.token)).data?.thread).toBeNull();

    await screen(app, postId, 2, 'PUBLISH');
    const seen = await app.gql<{ thread: { title: string } }>(THREAD, { id: thread.id }, other.token);
    expect(seen.data?.thread.title).toBe('A better title');

    const reply = await createReply(app, author, thread.id);
    const onReply = await app.gql(EDIT, { input: { postId: reply.id, body: 'edited', title: 'Not a thread' } }, author.token);
    expect(onReply.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await app.gql(EDIT, { input: { postId, body: 'Same body.', title: '   ' } }, author.token);
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should not let a late screening of an old revision publish a newer edit', async () => {
    const thread = await createThread(app, author, spaceId);
    const postId = thread.firstPost.id;
    await app.gql(EDIT, { input: { postId, body: 'Second version.' } }, author.token);
    expect(await screen(app, postId, 1, 'PUBLISH')).toBeNull();
    const [post] = await app.dataSource.query(`SELECT status, revision FROM posts WHERE id = $1`, [postId]);
    expect(post).toEqual({ status: PostStatus.PENDING, revision: 2 });
  });

  it('should not make a new revision when an edit changes nothing', async () => {
    const thread = await publishedThread(app, author, spaceId, 'Same', 'Same words.');
    const res = await app.gql<{ editPost: { revision: number; status: string } }>(
      EDIT,
      { input: { postId: thread.firstPost.id, body: 'Same words.' } },
      author.token,
    );
    expect(res.data?.editPost).toEqual(expect.objectContaining({ revision: 1, status: PostStatus.PUBLISHED }));
  });

  it("should answer editing or deleting someone else's post exactly as a post that does not exist, and refuse editing a post a moderator keeps held", async () => {
    const thread = await publishedThread(app, author, spaceId);
    const held = await createThread(app, author, spaceId);
    await screen(app, held.firstPost.id, 1, HeldReason.TOXICITY);
    const answer = (res: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => ({
      code: res.errors?.[0].extensions?.code,
      message: res.errors?.[0].message,
    });
    const missing = answer(await app.gql(EDIT, { input: { postId: '00000000-0000-4000-8000-000000000000', body: 'nobody' } }, other.token));
    expect(missing.code).toBe('NOT_FOUND');
    // Seen or not (a published post, a held one, staff who see every post): not theirs to change here.
    for (const [postId, who] of [
      [thread.firstPost.id, other],
      [held.firstPost.id, other],
      [thread.firstPost.id, peer],
    ] as const) {
      expect(answer(await app.gql(EDIT, { input: { postId, body: 'not mine' } }, who.token))).toEqual(missing);
      expect(answer(await app.gql(DELETE, { id: postId }, who.token))).toEqual(missing);
    }
    const untouched = await app.dataSource.query(`SELECT status, revision FROM posts WHERE id = ANY($1) ORDER BY status`, [
      [thread.firstPost.id, held.firstPost.id],
    ]);
    expect(untouched).toEqual([
      { status: PostStatus.HELD, revision: 1 },
      { status: PostStatus.PUBLISHED, revision: 1 },
    ]);

    const lifecycle = app.running.app.get(PostLifecycleService);
    await app.dataSource.transaction((manager) =>
      lifecycle.transition(manager, { postId: thread.firstPost.id, from: [PostStatus.PUBLISHED], to: PostStatus.HELD, heldReason: HeldReason.MODERATOR }),
    );
    const kept = await app.gql(EDIT, { input: { postId: thread.firstPost.id, body: 'trying again' } }, author.token);
    expect(kept.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('should hide a deleted post from everyone: no text for anyone, the thread gone for other clients', async () => {
    const thread = await publishedThread(app, author, spaceId, 'Private title', 'Something I regret sharing.');
    const res = await app.gql<{ deletePost: { status: string; body: string | null } }>(DELETE, { id: thread.firstPost.id }, author.token);
    expect(res.data?.deletePost).toEqual(expect.objectContaining({ status: PostStatus.DELETED, body: null }));

    expect((await app.gql<{ thread: unknown }>(THREAD, { id: thread.id }, other.token)).data?.thread).toBeNull();
    const staff = await app.gql<{ thread: { title: string; firstPost: { body: string | null } } }>(THREAD, { id: thread.id }, peer.token);
    expect(staff.data?.thread.title).toBe('Deleted thread');
    expect(staff.data?.thread.firstPost.body).toBeNull();
    expect(JSON.stringify(staff.data)).not.toContain('regret');

    const again = await app.gql<{ deletePost: { status: string } }>(DELETE, { id: thread.firstPost.id }, author.token);
    expect(again.data?.deletePost.status).toBe(PostStatus.DELETED);
    const edit = await app.gql(EDIT, { input: { postId: thread.firstPost.id, body: 'back' } }, author.token);
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('should take replies only in a published thread, and quotes only of published posts in it', async () => {
    const pending = await createThread(app, author, spaceId);
    const refused = await app.gql(
      `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
      { input: { threadId: pending.id, body: 'hi' } },
      author.token,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');

    const open = await publishedThread(app, author, spaceId);
    const elsewhere = await publishedThread(app, author, spaceId);
    const reply = await createReply(app, other, open.id, 'Same here.', open.firstPost.id);
    expect(reply.status).toBe(PostStatus.PENDING);
    const quoted = await app.gql<{ post: { quotedPost: { id: string } | null } }>(
      `query($id: ID!) { post(id: $id) { quotedPost { id } } }`,
      { id: reply.id },
      other.token,
    );
    expect(quoted.data?.post.quotedPost?.id).toBe(open.firstPost.id);

    const wrongThread = await app.gql(
      `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
      { input: { threadId: open.id, body: 'hi', quotePostId: elsewhere.firstPost.id } },
      other.token,
    );
    expect(wrongThread.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quotePostId' });
    const pendingQuote = await app.gql(
      `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
      { input: { threadId: open.id, body: 'hi', quotePostId: reply.id } },
      author.token,
    );
    expect(pendingQuote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should take a reply only where the replier sees the thread open: other cohorts and hidden threads do not exist for them', async () => {
    const REPLY = `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`;
    const cohortSpace = await space(app.dataSource, { cohort: 'winter' });
    const insider = await member(app, Role.CLIENT, 'winter', { cohort: 'winter' });
    const cohortThread = await publishedThread(app, insider, cohortSpace);
    const outside = await app.gql(REPLY, { input: { threadId: cohortThread.id, body: 'hello' } }, other.token);
    expect(outside.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await expect(createReply(app, insider, cohortThread.id)).resolves.toMatchObject({ status: PostStatus.PENDING });
    await expect(createReply(app, peer, cohortThread.id)).resolves.toMatchObject({ status: PostStatus.PENDING });

    const held = await createThread(app, author, spaceId);
    await screen(app, held.firstPost.id, 1, HeldReason.TOXICITY);
    const byAuthor = await app.gql(REPLY, { input: { threadId: held.id, body: 'hello' } }, author.token);
    expect(byAuthor.errors?.[0].extensions?.code).toBe('CONFLICT');
    const byOther = await app.gql(REPLY, { input: { threadId: held.id, body: 'hello' } }, other.token);
    expect(byOther.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const missing = await app.gql(REPLY, { input: { threadId: '00000000-0000-4000-8000-000000000000', body: 'hello' } }, other.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM posts WHERE thread_id = ANY($1) AND id <> ALL($2)`, [
      [cohortThread.id, held.id],
      [cohortThread.firstPost.id, held.firstPost.id],
    ]);
    expect(count).toBe(2);
  });

  it('should refuse posting in a space of another cohort as if it did not exist', async () => {
    const cohortSpace = await space(app.dataSource, { cohort: 'autumn' });
    // A member of their own: every attempt counts toward the posting limit, refused ones too.
    const outsider = await member(app, Role.CLIENT, 'not-autumn');
    const res = await app.gql(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`,
      { input: { spaceId: cohortSpace, title: 't', body: 'b' } },
      outsider.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const member2 = await member(app, Role.CLIENT, 'autumn', { cohort: 'autumn' });
    await expect(createThread(app, member2, cohortSpace)).resolves.toMatchObject({ status: PostStatus.PENDING });
  });
});
