import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { ThreadPageChanges } from '../../src/database/thread-page-changes';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { SharedThreadPages, threadPageCacheReadsTotal } from '../../src/forum/shared-thread-pages';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, member, Member, space } from '../utils/factories';
import { waitFor } from '../utils/wait-for';
import { createReply, publishedReply, publishedThread, screen } from './forum-fixtures';

const READ = `query($id: ID!) {
  thread(id: $id) {
    id title status replyCount lastActivityAt author { id displayName } space { id }
    firstPost { id status body revision statusNote }
    posts(first: 50) { edges { node { id status body revision editedAt statusNote author { id displayName } reactions { kind count } viewerReactions } } pageInfo { hasNextPage } }
  }
}`;
const REACT = `mutation($input: ReactInput!) { react(input: $input) { id } }`;
const UNREACT = `mutation($input: ReactInput!) { unreact(input: $input) { id } }`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) { id } }`;
const EDIT = `mutation($input: EditPostInput!) { editPost(input: $input) { id revision } }`;
const ERASE = `mutation($id: ID!) { eraseMember(memberId: $id) { id } }`;

interface ShownThread {
  replyCount: number;
  author: { displayName: string };
  posts: {
    edges: Array<{
      node: {
        id: string;
        status: string;
        body: string;
        author: { displayName: string };
        reactions: Array<{ kind: string; count: number }>;
        viewerReactions: string[];
      };
    }>;
  };
}

/**
 * The thread-page cache (src/forum/shared-thread-pages.ts) in real apps over one database: API A
 * serves reads from its cache, API B takes the writes (a second process, as far as PostgreSQL's
 * notices go), and API C has the cache off, so it answers every read from the database: what A
 * answers must equal what C answers for the same viewer, once a change has had time to be heard.
 * The cache's max age is a minute, so only the notices can make a change show within the polls.
 * API D is A with room for one reaction per page: its pages are held without their reactions.
 */
describe('forum: the thread-page cache', () => {
  let a: TestApp;
  let b: TestApp;
  let c: TestApp;
  let d: TestApp;
  let spaceId: string;
  let author: Member;
  let reader: Member;
  let other: Member;

  beforeAll(async () => {
    const env = { THREAD_PAGE_CACHE_MS: '60000' };
    [a, b, c, d] = await Promise.all([
      startTestApp({ role: 'api', env }),
      startTestApp({ role: 'api', env }),
      startTestApp({ role: 'api', env: { THREAD_PAGE_CACHE_MS: '0' } }),
      startTestApp({ role: 'api', env: { ...env, THREAD_PAGE_CACHE_REACTIONS: '1' } }),
    ]);
    await waitFor('A, B and D to listen', () => [a, b, d].every((app) => app.running.app.get(SharedThreadPages).listening), {
      timeoutMs: 10_000,
    });
    spaceId = await space(a.dataSource);
    author = await member(a, Role.CLIENT, 'cache-author');
    reader = await member(a, Role.CLIENT, 'cache-reader');
    other = await member(a, Role.CLIENT, 'cache-other');
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close(), c?.close(), d?.close()]);
  });

  async function read(app: TestApp, viewer: Member, threadId: string): Promise<ShownThread | null> {
    const res = await app.gql<{ thread: ShownThread | null }>(READ, { id: threadId }, viewer.token);
    expect(res.errors).toBeUndefined();
    return res.data!.thread;
  }

  async function count(result: string, reason = ''): Promise<number> {
    const { values } = await threadPageCacheReadsTotal.get();
    return values.filter((v) => v.labels.result === result && (v.labels.reason ?? '') === reason).reduce((sum, v) => sum + v.value, 0);
  }

  /** Reads through A (or `through`) until it shows what the database (C) shows, at most ~2 s, then asserts they are equal. */
  async function expectCaughtUp(viewer: Member, threadId: string, shows: (page: ShownThread) => boolean, through = a): Promise<ShownThread> {
    const seen = await waitFor(
      'the cached page to show the change',
      async () => {
        const page = await read(through, viewer, threadId);
        return page && shows(page) ? page : null;
      },
      { timeoutMs: 2_000, intervalMs: 20 },
    ).catch(() => null);
    const fromDatabase = await read(c, viewer, threadId);
    expect(fromDatabase && shows(fromDatabase)).toBe(true);
    expect(seen).toEqual(fromDatabase);
    return seen!;
  }

  const ids = (page: ShownThread | null) => page?.posts.edges.map((e) => e.node.id) ?? [];

  /** A thread with a published reply, read once through A so that it is cached. */
  async function cachedThread(): Promise<{ threadId: string; replyId: string }> {
    const thread = await publishedThread(b, author, spaceId);
    const reply = await publishedReply(b, author, thread.id, 'A reply everyone can see.');
    await expectHitSoon(thread.id);
    return { threadId: thread.id, replyId: reply.id };
  }

  /** Writes' notices reach A a moment after they commit, and a read they overlap is not stored: reads until one is a hit (~2 s at most). */
  async function expectHitSoon(threadId: string): Promise<void> {
    await waitFor(
      'a read of the thread to be a hit',
      async () => {
        const hits = await count('hit');
        await read(a, reader, threadId);
        return (await count('hit')) === hits + 1;
      },
      { timeoutMs: 2_000, intervalMs: 10 },
    );
  }

  async function move(postId: string, from: PostStatus[], to: PostStatus.HELD | PostStatus.REMOVED): Promise<void> {
    const lifecycle = b.running.app.get(PostLifecycleService);
    await b.dataSource.transaction((manager) =>
      lifecycle.transition(manager, { postId, from, to, heldReason: to === PostStatus.HELD ? HeldReason.MODERATOR : undefined }),
    );
  }

  it('should answer a hit exactly as the database does, with the viewer’s own reactions', async () => {
    const { threadId, replyId } = await cachedThread();
    expect((await b.gql(REACT, { input: { postId: replyId, kind: 'HEART' } }, reader.token)).errors).toBeUndefined();
    expect((await b.gql(REACT, { input: { postId: replyId, kind: 'HUG' } }, other.token)).errors).toBeUndefined();
    const page = await expectCaughtUp(reader, threadId, (p) => p.posts.edges[1]?.node.reactions.length === 2);
    expect(page.posts.edges[1].node.viewerReactions).toEqual(['HEART']);
    // Another viewer gets the same entry with their own reactions.
    const hits = await count('hit');
    expect(await read(a, other, threadId)).toEqual(await read(c, other, threadId));
    expect((await read(a, other, threadId))!.posts.edges[1].node.viewerReactions).toEqual(['HUG']);
    expect(await count('hit')).toBeGreaterThan(hits);
  });

  it('should hold a page with more reactions than an entry may, without them, and read each viewer’s own apart', async () => {
    const { threadId, replyId } = await cachedThread();
    for (const [viewer, kind] of [
      [reader, 'HEART'],
      [other, 'HUG'],
      [reader, 'STRENGTH'],
    ] as const)
      expect((await b.gql(REACT, { input: { postId: replyId, kind } }, viewer.token)).errors).toBeUndefined();
    const mine = (page: ShownThread | null) => page?.posts.edges[1]?.node.viewerReactions;
    const readApart = async () => (await count('hit', 'own_reactions_read')) + (await count('miss', 'own_reactions_read'));
    await expectCaughtUp(reader, threadId, (p) => p.posts.edges[1]?.node.reactions.length === 3, d);
    // Once read, the reader's own kinds are kept beside the shared page: a re-read sends nothing.
    await waitFor(
      'a re-read through D to be a hit with the kept kinds',
      async () => {
        const [apart, hits] = [await readApart(), await count('hit')];
        const page = await read(d, reader, threadId);
        return (await readApart()) === apart && (await count('hit')) === hits + 1 && mine(page)?.join() === 'HEART,STRENGTH';
      },
      { timeoutMs: 2_000, intervalMs: 10 },
    );
    // Another viewer's are read apart the first time, then kept too.
    const apart = await readApart();
    expect(await read(d, other, threadId)).toEqual(await read(c, other, threadId));
    expect(await readApart()).toBe(apart + 1);
    expect(mine(await read(d, other, threadId))).toEqual(['HUG']);
    expect(await readApart()).toBe(apart + 1);
    // An un-reaction through B: D shows the viewer's own kinds and the counts as the database does.
    expect((await b.gql(UNREACT, { input: { postId: replyId, kind: 'HEART' } }, reader.token)).errors).toBeUndefined();
    expect(mine(await expectCaughtUp(reader, threadId, (p) => p.posts.edges[1]?.node.reactions.length === 2, d))).toEqual(['STRENGTH']);
  });

  it('should stop showing a post removed or held through another API process', async () => {
    const { threadId, replyId } = await cachedThread();
    await move(replyId, [PostStatus.PUBLISHED], PostStatus.REMOVED);
    await expectCaughtUp(reader, threadId, (p) => !ids(p).includes(replyId) && p.replyCount === 0);

    const held = await publishedReply(b, author, threadId);
    await expectCaughtUp(reader, threadId, (p) => ids(p).includes(held.id));
    await move(held.id, [PostStatus.PUBLISHED], PostStatus.HELD);
    await expectCaughtUp(reader, threadId, (p) => !ids(p).includes(held.id));
  });

  it('should never show another client a reply that is pending or held, while its author (bypassing) and staff in scope see it', async () => {
    const { threadId } = await cachedThread();
    const peerInScope = await member(a, Role.PEER_SPECIALIST, 'cache-peer-in');
    const peerElsewhere = await member(a, Role.PEER_SPECIALIST, 'cache-peer-out');
    await assignToSpace(a.dataSource, spaceId, peerInScope.id);
    await assignToSpace(a.dataSource, await space(a.dataSource), peerElsewhere.id);

    const reply = await createReply(b, author, threadId, 'I am not doing well at all.');
    const watching = (async () => {
      const shown: string[][] = [];
      for (let i = 0; i < 30; i++) shown.push(ids(await read(a, reader, threadId)));
      return shown;
    })();
    await screen(b, reply.id, 1, HeldReason.TOXICITY);
    const shown = await watching;
    expect(shown.flat()).not.toContain(reply.id);

    const bypasses = await count('bypass', 'own_posts');
    expect(ids(await read(a, author, threadId))).toContain(reply.id);
    expect(await count('bypass', 'own_posts')).toBe(bypasses + 1);
    expect(ids(await read(a, peerInScope, threadId))).toContain(reply.id);
    expect(await read(a, peerElsewhere, threadId)).toEqual(await read(c, peerElsewhere, threadId));
    expect(ids(await read(a, peerElsewhere, threadId))).not.toContain(reply.id);
    expect(ids(await read(a, reader, threadId))).not.toContain(reply.id);
    // Others are still served from the cache meanwhile.
    await expectHitSoon(threadId);
    expect(await read(a, author, threadId)).toEqual(await read(c, author, threadId));
  });

  it('should show its author a new pending reply made through the same API process at once, and nobody else', async () => {
    const { threadId } = await cachedThread();
    // A new reply sends no notice (it is PENDING: nobody else's page changes); the process that wrote it forgets the page itself.
    const reply = await createReply(a, author, threadId, 'Checking in after a hard week.');
    expect(ids(await read(a, author, threadId))).toContain(reply.id);
    expect(ids(await read(a, reader, threadId))).not.toContain(reply.id);
    expect(await read(a, author, threadId)).toEqual(await read(c, author, threadId));
    // Screened: its publication is a notice, and everyone's page shows it.
    await screen(b, reply.id, 1, 'PUBLISH');
    await expectCaughtUp(reader, threadId, (p) => ids(p).includes(reply.id));
  });

  it('should show a new reply, an edit and a deletion made through another API process', async () => {
    const { threadId, replyId } = await cachedThread();
    const next = await publishedReply(b, other, threadId, 'Same here, one day at a time.');
    await expectCaughtUp(reader, threadId, (p) => ids(p).includes(next.id) && p.replyCount === 2);

    expect((await b.gql(EDIT, { input: { postId: replyId, body: 'A reply, edited.' } }, author.token)).errors).toBeUndefined();
    // Pending again until screened: hidden from others at once.
    await expectCaughtUp(reader, threadId, (p) => !ids(p).includes(replyId));
    await screen(b, replyId, 2, 'PUBLISH');
    await expectCaughtUp(reader, threadId, (p) => p.posts.edges.some((e) => e.node.id === replyId && e.node.body.includes('edited')));

    expect((await b.gql(DELETE, { id: next.id }, other.token)).errors).toBeUndefined();
    await expectCaughtUp(reader, threadId, (p) => !ids(p).includes(next.id));
  });

  it('should show a display name change and an erasure', async () => {
    const writer = await member(b, Role.CLIENT, 'cache-writer');
    const admin = await member(b, Role.ADMIN, 'cache-admin');
    const { threadId } = await cachedThread();
    const reply = await publishedReply(b, writer, threadId, 'Thinking of you.');
    await expectCaughtUp(reader, threadId, (p) => ids(p).includes(reply.id));

    await b.dataSource.query(`UPDATE members SET display_name = 'Calm Otter 77' WHERE id = $1`, [writer.id]);
    await expectCaughtUp(reader, threadId, (p) => p.posts.edges.some((e) => e.node.author.displayName === 'Calm Otter 77'));

    expect((await b.gql(ERASE, { id: writer.id }, admin.token)).errors).toBeUndefined();
    await expectCaughtUp(reader, threadId, (p) => !p.posts.edges.some((e) => e.node.body.includes('Thinking of you')));
  });

  it("should still refuse a cached thread of a cohort's space to a client outside the cohort, and show it when the cohort changes", async () => {
    const cohortSpace = await space(a.dataSource, { cohort: 'spring' });
    const insider = await member(a, Role.CLIENT, 'cache-spring', { cohort: 'spring' });
    const outsider = await member(a, Role.CLIENT, 'cache-autumn', { cohort: 'autumn' });
    const thread = await publishedThread(b, insider, cohortSpace);
    await publishedReply(b, insider, thread.id);
    await waitFor(
      'the cohort thread to be cached',
      async () => {
        const hits = await count('hit');
        await read(a, insider, thread.id);
        return (await count('hit')) === hits + 1;
      },
      { timeoutMs: 2_000, intervalMs: 10 },
    );
    const hits = await count('hit');
    expect(await read(a, outsider, thread.id)).toBeNull();
    expect(await count('hit')).toBe(hits + 1);

    await b.dataSource.query(`UPDATE spaces SET cohort = 'autumn' WHERE id = $1`, [cohortSpace]);
    await expectCaughtUp(outsider, thread.id, () => true);
    expect(await read(a, insider, thread.id)).toBeNull();
  });

  it('should hold one LISTEN connection per API process whose cache is on, and none where it is off', async () => {
    const [{ listeners }]: Array<{ listeners: number }> = await a.dataSource.query(
      `SELECT count(*)::int AS listeners FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'between-sessions-thread-pages'`,
    );
    // A, B and D.
    expect(listeners).toBe(3);
    expect(c.running.app.get(SharedThreadPages).listening).toBe(false);
  });

  it('should bypass the cache while its LISTEN connection is gone, and use it again once it is back', async () => {
    const { threadId, replyId } = await cachedThread();
    const changes = a.running.app.get(ThreadPageChanges);
    const pid = changes.backendPid;
    expect(pid).toEqual(expect.any(Number));
    const hits = await count('hit');
    await b.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await waitFor('A to notice', () => !changes.listening, { timeoutMs: 2_000, intervalMs: 1 });
    // While it is down (or just back), nothing cached before is served: a removal meanwhile is seen.
    await move(replyId, [PostStatus.PUBLISHED], PostStatus.REMOVED);
    expect(ids(await read(a, reader, threadId))).not.toContain(replyId);
    expect(await count('hit')).toBe(hits);

    await waitFor('A to listen again', () => changes.listening && changes.backendPid !== pid, { timeoutMs: 5_000 });
    await expectHitSoon(threadId);
    expect(await read(a, reader, threadId)).toEqual(await read(c, reader, threadId));
  });
});
