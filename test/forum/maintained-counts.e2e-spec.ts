import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createReply, publishedReply, publishedThread, screen } from './forum-fixtures';
import { Member, member, space } from '../utils/factories';

const READ = `query($id: ID!) {
  thread(id: $id) { replyCount posts(first: 100) { edges { node { id reactions { kind count } viewerReactions } } } }
}`;
const REPLY_COUNT_ONLY = `query($id: ID!) { thread(id: $id) { replyCount } }`;
const LISTED = `query($spaceId: ID!) { threads(spaceId: $spaceId, first: 50) { edges { node { id replyCount } } } }`;
const REACT = `mutation($input: ReactInput!) { react(input: $input) { id } }`;
const UNREACT = `mutation($input: ReactInput!) { unreact(input: $input) { id } }`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) { id status } }`;

type Read = {
  thread: {
    replyCount: number;
    posts: { edges: Array<{ node: { id: string; reactions: Array<{ kind: string; count: number }>; viewerReactions: string[] } }> };
  };
};

/**
 * The counts a thread read shows are maintained numbers (thread_post_counts, post_reaction_counts,
 * kept by triggers), not counted per read: after every kind of write they must equal a count of
 * the rows themselves, and every viewer's replyCount must equal the replies their page lists, on
 * each way a thread is read (the one-statement page, replyCount alone, a space's thread list).
 */
describe('forum: maintained reply and reaction counts', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  async function expectCountsMatchRows(threadId: string): Promise<void> {
    const [posts] = await app.dataSource.query(
      `SELECT c.posts, c.published_posts,
              (SELECT count(*)::int FROM posts WHERE thread_id = $1) AS real_posts,
              (SELECT count(*)::int FROM posts WHERE thread_id = $1 AND status = 'PUBLISHED') AS real_published
         FROM thread_post_counts c WHERE c.thread_id = $1`,
      [threadId],
    );
    expect({ posts: posts.posts, published: posts.published_posts }).toEqual({ posts: posts.real_posts, published: posts.real_published });
    const mismatched: unknown[] = await app.dataSource.query(
      `SELECT coalesce(c.post_id, r.post_id) AS post_id, coalesce(c.kind, r.kind) AS kind, c.count AS kept, coalesce(r.n, 0) AS real
         FROM (SELECT * FROM post_reaction_counts WHERE count > 0) c
         FULL JOIN (SELECT post_id, kind, count(*)::int AS n FROM reactions GROUP BY post_id, kind) r ON r.post_id = c.post_id AND r.kind = c.kind
        WHERE c.count IS DISTINCT FROM r.n`,
    );
    expect(mismatched).toEqual([]);
  }

  async function expectReplyCountsMatchPages(threadId: string, spaceId: string, viewers: Member[]): Promise<void> {
    for (const viewer of viewers) {
      const page = await app.gql<Read>(READ, { id: threadId }, viewer.token);
      expect(page.errors).toBeUndefined();
      const listedReplies = page.data!.thread.posts.edges.length - 1;
      expect({ viewer: viewer.id, replyCount: page.data!.thread.replyCount }).toEqual({ viewer: viewer.id, replyCount: listedReplies });
      const alone = await app.gql<{ thread: { replyCount: number } }>(REPLY_COUNT_ONLY, { id: threadId }, viewer.token);
      expect(alone.data?.thread.replyCount).toBe(listedReplies);
      const listed = await app.gql<{ threads: { edges: Array<{ node: { id: string; replyCount: number } }> } }>(LISTED, { spaceId }, viewer.token);
      expect(listed.data?.threads.edges.find((e) => e.node.id === threadId)?.node.replyCount).toBe(listedReplies);
    }
  }

  it('should keep reply counts equal to the rows and to every viewer page through screening, moderation, deletes and erasure', async () => {
    const spaceId = await space(app.dataSource);
    const author = await member(app, Role.CLIENT, 'author');
    const other = await member(app, Role.CLIENT, 'other');
    const clinician = await member(app, Role.CLINICIAN, 'clinician');
    const viewers = [author, other, clinician];
    const thread = await publishedThread(app, await member(app, Role.CLIENT, 'host'), spaceId);
    const check = async () => {
      await expectCountsMatchRows(thread.id);
      await expectReplyCountsMatchPages(thread.id, spaceId, viewers);
    };
    await check();

    const pending = await createReply(app, author, thread.id, 'still being checked');
    const published = await publishedReply(app, author, thread.id, 'shared with the group');
    const held = await createReply(app, author, thread.id, 'held for a peer');
    await screen(app, held.id, 1, HeldReason.TOXICITY);
    const released = await createReply(app, other, thread.id, 'held, then released');
    await screen(app, released.id, 1, HeldReason.TOXICITY);
    await check();

    // Moderation decisions: one held post published, another removed; the author deletes one of theirs.
    const lifecycle = app.running.app.get(PostLifecycleService);
    await app.dataSource.transaction((manager) => lifecycle.transition(manager, { postId: released.id, from: [PostStatus.HELD], to: PostStatus.PUBLISHED }));
    await app.dataSource.transaction((manager) => lifecycle.transition(manager, { postId: held.id, from: [PostStatus.HELD], to: PostStatus.REMOVED }));
    const deleted = await app.gql(DELETE, { id: published.id }, author.token);
    expect(deleted.errors).toBeUndefined();
    await check();

    // An erasure removes rows outright: the counts follow.
    await app.dataSource.query(`DELETE FROM post_revisions WHERE post_id = $1`, [pending.id]);
    await app.dataSource.query(`DELETE FROM screening_requests WHERE post_id = $1`, [pending.id]);
    await app.dataSource.query(`DELETE FROM posts WHERE id = $1`, [pending.id]);
    await check();
  });

  it('should keep reaction counts equal to the reactions and show each viewer their own on the next read', async () => {
    const spaceId = await space(app.dataSource);
    const host = await member(app, Role.CLIENT, 'host');
    const readers = await Promise.all([1, 2, 3].map((n) => member(app, Role.CLIENT, `reader-${n}`)));
    const thread = await publishedThread(app, host, spaceId);
    const reply = await publishedReply(app, host, thread.id, 'a reply to react to');
    await app.gql(REACT, { input: { postId: reply.id, kind: 'HUG' } }, readers[0].token);
    await app.gql(REACT, { input: { postId: reply.id, kind: 'HUG' } }, readers[1].token);
    await app.gql(REACT, { input: { postId: reply.id, kind: 'HEART' } }, readers[1].token);
    await app.gql(REACT, { input: { postId: thread.firstPost.id, kind: 'THANKS' } }, readers[2].token);
    await expectCountsMatchRows(thread.id);

    const read = async (viewer: Member) => {
      const res = await app.gql<Read>(READ, { id: thread.id }, viewer.token);
      return Object.fromEntries(res.data!.thread.posts.edges.map((e) => [e.node.id, { reactions: e.node.reactions, mine: e.node.viewerReactions }]));
    };
    expect(await read(readers[1])).toEqual({
      [thread.firstPost.id]: { reactions: [{ kind: 'THANKS', count: 1 }], mine: [] },
      [reply.id]: {
        reactions: [
          { kind: 'HEART', count: 1 },
          { kind: 'HUG', count: 2 },
        ],
        mine: ['HEART', 'HUG'],
      },
    });

    await app.gql(UNREACT, { input: { postId: reply.id, kind: 'HUG' } }, readers[1].token);
    await app.gql(UNREACT, { input: { postId: reply.id, kind: 'HEART' } }, readers[1].token);
    await app.gql(UNREACT, { input: { postId: reply.id, kind: 'HEART' } }, readers[1].token);
    await expectCountsMatchRows(thread.id);
    expect((await read(readers[1]))[reply.id]).toEqual({ reactions: [{ kind: 'HUG', count: 1 }], mine: [] });
    expect((await read(readers[0]))[reply.id]).toEqual({ reactions: [{ kind: 'HUG', count: 1 }], mine: ['HUG'] });
  });
});
