import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createReply, publishedReply, publishedThread, screen } from './forum-fixtures';
import { assignToSpace, Member, member, space } from '../utils/factories';

const POST = `query($id: ID!) { post(id: $id) { id body status } }`;
const PAGE = `query($id: ID!, $first: Int, $after: String) {
  thread(id: $id) { replyCount posts(first: $first, after: $after) { edges { node { id body status } } pageInfo { hasNextPage endCursor } } }
}`;
type Page = {
  thread: {
    replyCount: number;
    posts: { edges: Array<{ node: { id: string; body: string | null; status: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
};

describe('forum: one visibility rule on every path, and complete paging', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  async function allPosts(token: string, threadId: string, first: number, between?: () => Promise<void>): Promise<Page['thread'] & { ids: string[] }> {
    const ids: string[] = [];
    let after: string | null = null;
    let last: Page['thread'] = null;
    for (let page = 0; page < 500; page++) {
      const res: Awaited<ReturnType<typeof app.gql<Page>>> = await app.gql<Page>(PAGE, { id: threadId, first, after }, token);
      expect(res.errors).toBeUndefined();
      last = res.data!.thread;
      if (!last) break;
      ids.push(...last.posts.edges.map((e) => e.node.id));
      if (!last.posts.pageInfo.hasNextPage) break;
      after = last.posts.pageInfo.endCursor;
      if (between) await between();
    }
    return { ...(last as NonNullable<Page['thread']>), ids };
  }

  it('should agree between post(id), thread.posts and replyCount for every role on every post state', async () => {
    const spaceId = await space(app.dataSource);
    const author = await member(app, Role.CLIENT, 'author');
    const viewers: Record<string, Member> = {
      author,
      otherClient: await member(app, Role.CLIENT, 'other'),
      peerSpecialist: await member(app, Role.PEER_SPECIALIST, 'peer'),
      otherSpacesPeer: await member(app, Role.PEER_SPECIALIST, 'elsewhere'),
      clinician: await member(app, Role.CLINICIAN, 'clinician'),
      admin: await member(app, Role.ADMIN, 'admin'),
    };
    await assignToSpace(app.dataSource, spaceId, viewers.peerSpecialist.id);
    const thread = await publishedThread(app, await member(app, Role.CLIENT, 'host'), spaceId);

    const byState: Record<PostStatus, string> = {} as Record<PostStatus, string>;
    byState[PostStatus.PENDING] = (await createReply(app, author, thread.id, 'pending words')).id;
    byState[PostStatus.PUBLISHED] = (await publishedReply(app, author, thread.id, 'published words')).id;
    const held = await createReply(app, author, thread.id, 'held words');
    await screen(app, held.id, 1, HeldReason.TOXICITY);
    byState[PostStatus.HELD] = held.id;
    const removed = await createReply(app, author, thread.id, 'removed words');
    await screen(app, removed.id, 1, HeldReason.TOXICITY);
    await app.dataSource.query(`UPDATE posts SET status = 'REMOVED' WHERE id = $1`, [removed.id]);
    byState[PostStatus.REMOVED] = removed.id;
    const deleted = await publishedReply(app, author, thread.id, 'deleted words');
    expect((await app.gql(`mutation($id: ID!) { deletePost(id: $id) { id } }`, { id: deleted.id }, author.token)).errors).toBeUndefined();
    byState[PostStatus.DELETED] = deleted.id;

    // Who may see each state (DELETED text is hidden from everyone, even where the post is listed).
    const expected: Record<string, PostStatus[]> = {
      author: [PostStatus.PENDING, PostStatus.PUBLISHED, PostStatus.HELD, PostStatus.REMOVED],
      otherClient: [PostStatus.PUBLISHED],
      peerSpecialist: Object.values(PostStatus),
      // Staff of other spaces read this one like anyone: published posts only.
      otherSpacesPeer: [PostStatus.PUBLISHED],
      clinician: Object.values(PostStatus),
      admin: Object.values(PostStatus),
    };

    for (const [name, viewer] of Object.entries(viewers)) {
      const listed = await allPosts(viewer.token, thread.id, 100);
      for (const status of Object.values(PostStatus)) {
        const id = byState[status];
        const single = await app.gql<{ post: { id: string; body: string | null } | null }>(POST, { id }, viewer.token);
        const visible = expected[name].includes(status);
        expect({ name, status, single: Boolean(single.data?.post), listed: listed.ids.includes(id) }).toEqual({
          name,
          status,
          single: visible,
          listed: visible,
        });
        if (!visible) expect(single.errors).toBeUndefined();
        if (status === PostStatus.DELETED && single.data?.post) expect(single.data.post.body).toBeNull();
      }
      // Counts follow the same rule: replies this viewer can see (the first post is not a reply).
      expect({ name, replyCount: listed.replyCount }).toEqual({ name, replyCount: listed.ids.length - 1 });
      expect(JSON.stringify(listed)).not.toContain(['otherClient', 'otherSpacesPeer'].includes(name) ? 'held words' : '\u0000');
    }
  });

  it('should let an admin assign a peer specialist to a space and take them off again, with effect at once', async () => {
    const spaceId = await space(app.dataSource);
    const admin = await member(app, Role.ADMIN, 'assigner');
    const peer = await member(app, Role.PEER_SPECIALIST, 'assigned');
    const client = await member(app, Role.CLIENT, 'writer');
    const thread = await publishedThread(app, await member(app, Role.CLIENT, 'host'), spaceId);
    const held = await createReply(app, client, thread.id, 'words held for review');
    await screen(app, held.id, 1, HeldReason.TOXICITY);
    const seen = async () => Boolean((await app.gql<{ post: { id: string } | null }>(POST, { id: held.id }, peer.token)).data?.post);
    const ASSIGN = `mutation($spaceId: ID!, $memberId: ID!) { assignPeerSpecialist(spaceId: $spaceId, memberId: $memberId) }`;
    const UNASSIGN = `mutation($spaceId: ID!, $memberId: ID!) { unassignPeerSpecialist(spaceId: $spaceId, memberId: $memberId) }`;

    expect(await seen()).toBe(false);
    expect((await app.gql(ASSIGN, { spaceId, memberId: peer.id }, admin.token)).errors).toBeUndefined();
    expect(await seen()).toBe(true);
    expect((await app.gql(UNASSIGN, { spaceId, memberId: peer.id }, admin.token)).errors).toBeUndefined();
    expect(await seen()).toBe(false);

    expect((await app.gql(ASSIGN, { spaceId, memberId: client.id }, admin.token)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'memberId',
    });
    expect((await app.gql(UNASSIGN, { spaceId, memberId: peer.id }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await app.gql(ASSIGN, { spaceId, memberId: peer.id }, peer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE target_id = $1 AND action IN ('space.moderator_assigned', 'space.moderator_unassigned')`,
      [spaceId],
    );
    expect(count).toBe(2);
  });

  it('should page 200 replies completely, oldest first, with no duplicate and no gap, also while replies are added', async () => {
    const spaceId = await space(app.dataSource);
    const authors = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => member(app, Role.CLIENT, `paging-${n}`)));
    const reader = await member(app, Role.CLIENT, 'reader');
    const thread = await publishedThread(app, authors[0], spaceId);
    const written: string[] = [];
    for (let i = 0; i < 200; i++) written.push((await publishedReply(app, authors[i % 8], thread.id, `reply ${i}`)).id);

    const quiet = await allPosts(reader.token, thread.id, 17);
    expect(quiet.ids).toEqual([thread.firstPost.id, ...written]);

    // New replies arrive between pages: everything that existed before is still seen exactly once,
    // in order, and whatever arrived in time follows it.
    let added = 0;
    const busy = await allPosts(reader.token, thread.id, 23, async () => {
      written.push((await publishedReply(app, authors[added++ % 8], thread.id, `late reply ${added}`)).id);
    });
    expect(new Set(busy.ids).size).toBe(busy.ids.length);
    expect(busy.ids.slice(0, 201)).toEqual([thread.firstPost.id, ...written.slice(0, 200)]);
    expect(busy.ids).toEqual([thread.firstPost.id, ...written.slice(0, busy.ids.length - 1)]);
    expect(busy.ids.length).toBeGreaterThan(201);
  });
});
