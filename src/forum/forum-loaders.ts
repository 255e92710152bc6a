import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { requestLoader, requestScoped } from '../common/graphql/request-loaders';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { MemberLoaders } from '../members/member-loaders';
import { MemberModel } from '../members/models/member.model';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { PostModel, PostPageRead } from './models/post.model';
import { ReactionCountModel } from './models/reaction-count.model';
import { PagePost, PostsRepository } from './posts.repository';
import { ReactionsRepository } from './reactions.repository';
import { SharedThreadPages } from './shared-thread-pages';
import { SpacesRepository } from './spaces.repository';
import { ThreadsRepository, ThreadWithOpening } from './threads.repository';

/** The loaders one request uses: one query per kind of thing per tick, however many posts a page shows. */
export interface ForumLoaderSet {
  space: DataLoader<string, SpaceEntity | null>;
  thread: DataLoader<string, ThreadEntity | null>;
  post: DataLoader<string, PostEntity | null>;
  /** The members feature's loader (MemberLoaders), primed by the thread and page reads that join authors. */
  member: DataLoader<string, MemberModel | null>;
  /** Counts by kind and the signed-in member's own kinds, by post, from one query. */
  reactions: DataLoader<string, PostReactions>;
  /** Published replies (the first post is not a reply), by thread. */
  replyCount: DataLoader<string, number>;
  /** Pages of posts by thread, one loader per page asked for (`limit + 1` rows: the extra one says there is more). */
  threadPostPages: Map<string, DataLoader<string, PageOfPosts>>;
}

/** A page's posts; those read by prefetchThreadPage carry what their fields show. */
type PageOfPosts = Array<PagePost & { pageRead?: PostPageRead }>;

export interface PostReactions {
  counts: ReactionCountModel[];
  viewerKinds: ReactionKind[];
}

const LOADERS_KEY = 'forum';
const REACTION_ORDER = Object.values(ReactionKind);
/** A page of a thread's posts continues after a post's seq. */
const POST_CURSOR = cursorFormat(CursorParts.bigint);

function byReactionOrder(a: { kind: ReactionKind }, b: { kind: ReactionKind }): number {
  return REACTION_ORDER.indexOf(a.kind) - REACTION_ORDER.indexOf(b.kind);
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The forum's per-request DataLoaders (common/graphql/request-loaders.ts), so nothing is cached
 * across requests (visibility can change between two of them).
 */
@Injectable()
export class ForumLoaders {
  constructor(
    private readonly spaces: SpacesRepository,
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly reactions: ReactionsRepository,
    private readonly members: MemberLoaders,
    private readonly sharedPages: SharedThreadPages,
  ) {}

  for(ctx: RequestContext): ForumLoaderSet {
    return requestScoped(ctx, LOADERS_KEY, () => this.create(ctx));
  }

  /** After a write in this request, so a later field in the same document reads the new state. */
  forgetPost(ctx: RequestContext, postId: string): void {
    const set = this.for(ctx);
    set.post.clear(postId);
    set.reactions.clear(postId);
    set.threadPostPages.clear();
  }

  /**
   * A page of the thread's posts the viewer may see, oldest first, the first post included. Every
   * thread of a request asking for the same page (a list of threads, each with its posts) is read
   * by one statement, however many threads there are.
   */
  async threadPosts(
    ctx: RequestContext,
    viewer: Viewer,
    threadId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<PostModel>> {
    const limit = pageSize(first);
    const afterSeq = POST_CURSOR.decode(after)?.[0] ?? null;
    return toConnection(
      await this.pageLoader(this.for(ctx), viewer, limit, afterSeq).load(threadId),
      limit,
      (post) => POST_CURSOR.encode([post.seq]),
      (post) => PostModel.from(post, post.pageRead ?? null),
    );
  }

  /**
   * A thread page in one statement (ThreadsRepository.readWithPage) when a request asks for a
   * thread with a page of its posts: the thread, first post, space, authors, the page, its
   * reactions and the reply count are primed into this request's loaders, so the field resolvers
   * that follow (and their visibility checks, unchanged) find them there instead of sending a
   * statement each. A page asked for with other arguments than `first`/`after` here is still read
   * by threadPosts as before. The read itself may be answered from this process's cache of the
   * shared part of thread pages (SharedThreadPages), with what the database would answer.
   */
  async prefetchThreadPage(
    ctx: RequestContext,
    viewer: Viewer,
    threadId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<void> {
    let limit: number;
    let afterSeq: string | null;
    try {
      limit = pageSize(first);
      afterSeq = POST_CURSOR.decode(after)?.[0] ?? null;
    } catch {
      return; // refused by the posts field itself, with its own error
    }
    const set = this.for(ctx);
    const read = await this.sharedPages.read(viewer, threadId, limit + 1, afterSeq);
    if (!read) {
      set.thread.prime(threadId, null);
      return;
    }
    set.thread.prime(threadId, this.primeOpening(set, read.thread));
    // The page's posts carry what their fields show (PostModel.pageRead); the loaders are primed
    // too, for whatever else in the document asks for the same post.
    const page = read.page.map((post) => {
      const pageRead: PostPageRead = { author: MemberModel.from(post.author), reactions: post.reactionCounts, viewerReactions: post.viewerKinds };
      set.member.prime(post.author.id, pageRead.author);
      set.reactions.prime(post.id, { counts: pageRead.reactions, viewerKinds: pageRead.viewerReactions });
      return Object.assign(post, { pageRead });
    });
    this.pageLoader(set, viewer, limit, afterSeq).prime(threadId, page);
    set.replyCount.prime(threadId, read.replyCount);
  }

  /** The request's loader of one page (`limit` posts after `afterSeq`) by thread. */
  private pageLoader(set: ForumLoaderSet, viewer: Viewer, limit: number, afterSeq: string | null): DataLoader<string, PageOfPosts> {
    const key = `${limit}:${afterSeq ?? ''}`;
    let loader = set.threadPostPages.get(key);
    if (!loader) {
      loader = new DataLoader((threadIds) => this.loadThreadPostPages(viewer, threadIds, limit + 1, afterSeq, set));
      set.threadPostPages.set(key, loader);
    }
    return loader;
  }

  /** The thread loader's joined rows prime the post, space and member loaders; the thread is returned on its own. */
  private primeOpening(set: ForumLoaderSet, { firstPost, space, author, ...thread }: ThreadWithOpening): ThreadEntity {
    if (firstPost) set.post.prime(firstPost.id, firstPost);
    if (space) set.space.prime(space.id, space);
    if (author) set.member.prime(author.id, MemberModel.from(author));
    return Object.assign(new ThreadEntity(), thread);
  }

  private async loadThreadPostPages(
    viewer: Viewer,
    threadIds: readonly string[],
    rows: number,
    afterSeq: string | null,
    set: ForumLoaderSet,
  ): Promise<PagePost[][]> {
    const posts = await this.posts.threadPages(viewer, threadIds, rows, afterSeq);
    const byThread = new Map<string, PagePost[]>(threadIds.map((id) => [id, []]));
    for (const post of posts) {
      // Authors come with the page: that primes the member loader.
      if (post.author) set.member.prime(post.author.id, MemberModel.from(post.author));
      byThread.get(post.threadId)?.push(post);
    }
    return threadIds.map((id) => byThread.get(id) ?? []);
  }

  private create(ctx: RequestContext): ForumLoaderSet {
    const viewer = ctx.viewer;
    const set: ForumLoaderSet = {
      space: requestLoader(ctx, 'forum.space', async (ids) => byId(await this.spaces.findByIds(ids))),
      // Whoever loads a thread checks its first post and space next (visibility) and often shows its
      // author: one joined query primes those loaders, instead of three more round trips.
      thread: requestLoader(ctx, 'forum.thread', async (ids) => byId((await this.threads.findByIdsWithOpening(ids)).map((row) => this.primeOpening(set, row)))),
      post: requestLoader(ctx, 'forum.post', async (ids) => byId(await this.posts.findByIds(ids))),
      member: this.members.for(ctx),
      // Counts and the viewer's own kinds side by side: one query for both fields of a post.
      reactions: new DataLoader(async (postIds) => {
        const rows = await this.reactions.tallies(postIds, viewer?.memberId ?? null);
        rows.sort(byReactionOrder);
        const byPost = new Map<string, PostReactions>(postIds.map((id) => [id, { counts: [], viewerKinds: [] }]));
        for (const row of rows) {
          const entry = byPost.get(row.postId);
          if (!entry) continue;
          entry.counts.push({ kind: row.kind, count: row.count });
          if (row.mine) entry.viewerKinds.push(row.kind);
        }
        return postIds.map((id) => byPost.get(id) ?? { counts: [], viewerKinds: [] });
      }),
      // Guards refuse anonymous requests before any field resolves; without a viewer there is nothing to count.
      replyCount: new DataLoader(async (threadIds) => {
        const counts = viewer ? await this.posts.replyCounts(viewer, threadIds) : new Map<string, number>();
        return threadIds.map((id) => counts.get(id) ?? 0);
      }),
      threadPostPages: new Map(),
    };
    return set;
  }
}
