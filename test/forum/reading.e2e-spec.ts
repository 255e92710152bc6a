import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType } from 'graphql';
import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { isPlainFieldResolver } from '../../src/common/graphql/plain-field-resolver';
import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createReply, createThread, publishedReply, publishedThread, screen } from './forum-fixtures';
import { Member, member, space } from '../utils/factories';

const THREADS = `query($spaceId: ID!, $first: Int, $after: String) {
  threads(spaceId: $spaceId, first: $first, after: $after) { edges { cursor node { id status replyCount } } pageInfo { hasNextPage endCursor } }
}`;
const POSTS = `query($id: ID!, $first: Int, $after: String) {
  thread(id: $id) { posts(first: $first, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }
}`;

type ThreadPage = {
  threads: { edges: Array<{ node: { id: string; status: string; replyCount: number } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};
type PostPage = { thread: { posts: { edges: Array<{ node: { id: string; status: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };

describe('forum: spaces, thread lists and reading order', () => {
  let app: TestApp;
  let client: Member;
  let other: Member;
  let clinician: Member;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    [client, other, clinician] = await Promise.all([
      member(app, Role.CLIENT, 'reader', { cohort: 'spring' }),
      member(app, Role.CLIENT, 'writer', { cohort: 'spring' }),
      member(app, Role.CLINICIAN, 'clinician'),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  async function allThreads(token: string, spaceId: string, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { data?: ThreadPage | null; errors?: unknown } = await app.gql<ThreadPage>(THREADS, { spaceId, first, after }, token);
      expect(res.errors).toBeUndefined();
      ids.push(...res.data!.threads.edges.map((e) => e.node.id));
      if (!res.data!.threads.pageInfo.hasNextPage) return ids;
      after = res.data!.threads.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  it('should list the default spaces and the cohort spaces a client belongs to, and every space to staff', async () => {
    const spring = await space(app.dataSource, { cohort: 'spring' });
    const autumn = await space(app.dataSource, { cohort: 'autumn' });
    const mine = await app.gql<{ spaces: Array<{ id: string; slug: string }> }>('{ spaces { id slug } }', {}, client.token);
    const ids = mine.data!.spaces.map((s) => s.id);
    expect(mine.data!.spaces.map((s) => s.slug)).toEqual(
      expect.arrayContaining(['anxiety', 'depression', 'coping-skills', 'wins-and-gratitude', 'general-check-in']),
    );
    expect(ids).toContain(spring);
    expect(ids).not.toContain(autumn);

    const staff = await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, clinician.token);
    expect(staff.data!.spaces.map((s) => s.id)).toEqual(expect.arrayContaining([spring, autumn]));

    const hidden = await app.gql(THREADS, { spaceId: autumn }, client.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('should page through threads by latest activity, each once, including a thread bumped by a new published reply', async () => {
    const spaceId = await space(app.dataSource);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await publishedThread(app, other, spaceId, `Thread ${i}`)).id);
    const pendingOfOther = await createThread(app, other, spaceId);
    const ownPending = await createThread(app, client, spaceId);

    // A new reply becoming visible moves the oldest thread to the top.
    await publishedReply(app, other, created[0]);

    const seen = await allThreads(client.token, spaceId, 3);
    expect(seen).toEqual([created[0], ownPending.id, ...created.slice(1).reverse()]);
    expect(seen).not.toContain(pendingOfOther.id);

    const staffSeen = await allThreads(clinician.token, spaceId, 100);
    expect(staffSeen).toHaveLength(9);
  });

  it('should read a thread oldest first, showing a client their own pending reply but not others', async () => {
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, other, spaceId);
    const published = [await publishedReply(app, other, thread.id), await publishedReply(app, client, thread.id)];
    const ownPending = await createReply(app, client, thread.id);
    const othersPending = await createReply(app, other, thread.id);
    const held = await createReply(app, other, thread.id);
    await screen(app, held.id, 1, HeldReason.WATCHED_WORD);
    const last = await publishedReply(app, other, thread.id);

    const ids: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: PostPage | null } = await app.gql<PostPage>(POSTS, { id: thread.id, first: 2, after }, client.token);
      ids.push(...res.data!.thread.posts.edges.map((e) => e.node.id));
      after = res.data!.thread.posts.pageInfo.hasNextPage ? res.data!.thread.posts.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual([thread.firstPost.id, published[0].id, published[1].id, ownPending.id, last.id]);

    // Staff reading the text of posts that are not public is audited (ids and states alone are not).
    const staff = await app.gql<PostPage>(POSTS.replace('node { id status }', 'node { id status body }'), { id: thread.id, first: 100 }, clinician.token);
    expect(staff.data!.thread.posts.edges.map((e) => e.node.id)).toEqual([
      thread.firstPost.id,
      published[0].id,
      published[1].id,
      ownPending.id,
      othersPending.id,
      held.id,
      last.id,
    ]);
    const audit = await app.dataSource.query(`SELECT details FROM audit_events WHERE action = 'post.viewed' AND actor_id = $1 AND target_id = $2`, [
      clinician.id,
      thread.id,
    ]);
    expect(audit[0].details.postIds).toEqual([ownPending.id, othersPending.id, held.id]);

    const count = await app.gql<{ thread: { replyCount: number } }>(`query($id: ID!) { thread(id: $id) { replyCount } }`, { id: thread.id }, client.token);
    // The count follows the list: the three published replies and the client's own pending one.
    expect(count.data?.thread.replyCount).toBe(4);
  });

  it('should hide a reply whose thread stopped being visible, and its thread link', async () => {
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, other, spaceId);
    const reply = await publishedReply(app, other, thread.id);
    await app.dataSource.query(`UPDATE posts SET status = 'HELD', held_reason = 'USER_REPORTS' WHERE id = $1`, [thread.firstPost.id]);
    const res = await app.gql<{ post: unknown }>(`query($id: ID!) { post(id: $id) { id } }`, { id: reply.id }, client.token);
    expect(res.data?.post).toBeNull();
  });

  it('should refuse first above 100, foreign cursors and malformed ids with BAD_USER_INPUT', async () => {
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, other, spaceId);
    const tooMany = await app.gql(THREADS, { spaceId, first: 101 }, client.token);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const after of [
      'nope',
      Buffer.from(JSON.stringify(["'; DROP TABLE posts; --", 'x'])).toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const res = await app.gql(THREADS, { spaceId, after }, client.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const badSeq = await app.gql(POSTS, { id: thread.id, after: Buffer.from(JSON.stringify(['1 OR 1=1'])).toString('base64url') }, client.token);
    expect(badSeq.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badId = await app.gql(`{ post(id: "42") { id } }`, {}, client.token);
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await app.gql<{ thread: unknown }>(`{ thread(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, client.token);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.thread).toBeNull();
  });

  it('should answer a page of 50 threads with author, first post and counts without a query per thread', async () => {
    const spaceId = await space(app.dataSource);
    // Fresh authors: one member's 50 posts in a minute would meet the posting rate limit.
    const authors = await Promise.all([1, 2, 3].map((n) => member(app, Role.CLIENT, `busy-${n}`)));
    for (let i = 0; i < 50; i++) await publishedThread(app, authors[i % 3], spaceId);
    const { result: res, queries } = await countQueries(() =>
      app.gql<ThreadPage>(
        `query($spaceId: ID!) { threads(spaceId: $spaceId, first: 50) { edges { node { id title status replyCount author { displayName } space { name } firstPost { body reactions { kind count } viewerReactions } } } } }`,
        { spaceId },
        client.token,
      ),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.threads.edges).toHaveLength(50);
    // The list, the space check, then one batch each for members, posts, reactions, viewer reactions and reply counts.
    expect(queries).toBeGreaterThanOrEqual(5);
    expect(queries).toBeLessThanOrEqual(10);
  });

  /** Runs one GraphQL request and counts the SQL statements it sent. */
  async function countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
    let queries = 0;
    const original = app.dataSource.driver.createQueryRunner.bind(app.dataSource.driver);
    const spy = jest.spyOn(app.dataSource.driver, 'createQueryRunner').mockImplementation((mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((...args: Parameters<typeof query>) => {
        queries++;
        return query(...args);
      }) as typeof runner.query;
      return runner;
    });
    try {
      return { result: await run(), queries };
    } finally {
      spy.mockRestore();
    }
  }

  it('should read a thread page of 100 posts with authors, reactions and viewer reactions in as many queries as a page of 10', async () => {
    const spaceId = await space(app.dataSource);
    const authors = await Promise.all([1, 2, 3, 4, 5].map((n) => member(app, Role.CLIENT, `page-${n}`)));
    const thread = await publishedThread(app, authors[0], spaceId);
    const replies: string[] = [];
    for (let i = 0; i < 100; i++) replies.push((await publishedReply(app, authors[i % 5], thread.id, `reply ${i}`)).id);
    for (const [i, postId] of replies.entries()) {
      if (i % 3 === 0) {
        await app.gql(`mutation($input: ReactInput!) { react(input: $input) { id } }`, { input: { postId, kind: 'HUG' } }, authors[(i + 1) % 5].token);
      }
    }
    const page = (first: number) =>
      countQueries(() =>
        app.gql<PostPage>(
          `query($id: ID!, $first: Int) { thread(id: $id) { title posts(first: $first) { edges { node { id body status author { displayName } reactions { kind count } viewerReactions quotedPost { id } } } } } }`,
          { id: thread.id, first },
          authors[1].token,
        ),
      );
    const small = await page(10);
    const large = await page(100);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data!.thread.posts.edges).toHaveLength(100);
    // A DataLoader batch per kind of data: the count does not grow with the page.
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(12);
  });

  it('should report PUBLISHED as the thread status only once screening published the first post', async () => {
    const spaceId = await space(app.dataSource);
    const thread = await createThread(app, client, spaceId);
    const before = await app.gql<ThreadPage>(THREADS, { spaceId }, client.token);
    expect(before.data!.threads.edges[0].node.status).toBe(PostStatus.PENDING);
    await screen(app, thread.firstPost.id, 1, 'PUBLISH');
    const after = await app.gql<ThreadPage>(THREADS, { spaceId }, client.token);
    expect(after.data!.threads.edges[0].node.status).toBe(PostStatus.PUBLISHED);
  });

  it("should resolve a page's per-post fields without Nest's per-field context, and keep the screening field behind it", () => {
    const types = app.running.app.get(GraphQLSchemaHost).schema.getTypeMap();
    const fields = (type: string) => (types[type] as GraphQLObjectType).getFields();
    for (const name of ['author', 'body', 'reactions', 'viewerReactions', 'heldReason', 'statusNote'])
      expect([name, isPlainFieldResolver(fields('Post')[name].resolve)]).toEqual([name, true]);
    for (const name of ['space', 'author', 'firstPost', 'replyCount'])
      expect([name, isPlainFieldResolver(fields('Thread')[name].resolve)]).toEqual([name, true]);
    // Staff-only or with arguments: Nest's guard wrapping stays.
    expect(isPlainFieldResolver(fields('Post').screening.resolve)).toBe(false);
    expect(isPlainFieldResolver(fields('Thread').posts.resolve)).toBe(false);
  });
});
