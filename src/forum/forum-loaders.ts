import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { inScopeSql, scopeSqlValue, staffScopeOf } from '../common/auth/staff-scope';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { PostStatus } from '../common/domain/post-status.enum';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { MemberEntity } from '../members/entities/member.entity';
import { MembersService } from '../members/members.service';
import { MemberModel } from '../members/models/member.model';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { PostModel } from './models/post.model';
import { ReactionCountModel } from './models/reaction-count.model';
import { AUTHOR_ONLY_STATUSES, visiblePostStatusSql } from './post-visibility';

/** The loaders one request uses: one query per kind of thing per tick, however many posts a page shows. */
export interface ForumLoaderSet {
  space: DataLoader<string, SpaceEntity | null>;
  thread: DataLoader<string, ThreadEntity | null>;
  post: DataLoader<string, PostEntity | null>;
  member: DataLoader<string, MemberModel | null>;
  /** Counts by kind and the signed-in member's own kinds, by post, from one query. */
  reactions: DataLoader<string, PostReactions>;
  /** Published replies (the first post is not a reply), by thread. */
  replyCount: DataLoader<string, number>;
  /** Pages of posts by thread, one loader per page asked for (`limit + 1` rows: the extra one says there is more). */
  threadPostPages: Map<string, DataLoader<string, PagePost[]>>;
}

/** A post as a page of a thread reads it, with its author joined. */
type PagePost = PostEntity & { author?: MemberEntity | null };

export interface PostReactions {
  counts: ReactionCountModel[];
  viewerKinds: ReactionKind[];
}

/** A thread as its loader reads it: joined with what every reader of a thread looks at next. */
type ThreadRow = ThreadEntity & { firstPost?: PostEntity | null; space?: SpaceEntity | null; author?: MemberEntity | null };

const LOADERS_KEY = 'forum';
const REACTION_ORDER = Object.values(ReactionKind);
/** A page of a thread's posts continues after a post's seq. */
const POST_CURSOR = cursorFormat(CursorParts.bigint);

/** What PostModel.from and MemberModel.from read, and the cursor (seq): no screened text copy, no bookkeeping dates. */
const PAGE_COLUMNS = [
  ...(
    ['id', 'seq', 'threadId', 'spaceId', 'authorId', 'quotePostId', 'status', 'heldReason', 'revision', 'bodyHtml', 'createdAt', 'editedAt'] satisfies Array<
      keyof PostEntity
    >
  ).map((c) => `p.${c}`),
  ...(['id', 'displayName', 'role'] satisfies Array<keyof MemberEntity>).map((c) => `m.${c}`),
];

function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/**
 * Per-request DataLoaders for the forum, kept in the request context so nothing is cached across
 * requests (visibility can change between two of them).
 */
@Injectable()
export class ForumLoaders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersService,
  ) {}

  for(ctx: RequestContext): ForumLoaderSet {
    let set = ctx.loaders.get(LOADERS_KEY) as ForumLoaderSet | undefined;
    if (!set) {
      set = this.create(ctx.viewer);
      ctx.loaders.set(LOADERS_KEY, set);
    }
    return set;
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
    const set = this.for(ctx);
    const key = `${limit}:${afterSeq ?? ''}`;
    let loader = set.threadPostPages.get(key);
    if (!loader) {
      loader = new DataLoader((threadIds) => this.loadThreadPostPages(viewer, threadIds, limit + 1, afterSeq, set));
      set.threadPostPages.set(key, loader);
    }
    return toConnection(
      await loader.load(threadId),
      limit,
      (post) => POST_CURSOR.encode([post.seq]),
      (post) => PostModel.from(post),
    );
  }

  /** Each thread's first `rows` visible posts after the cursor, through the (thread_id, seq) index, in one statement. */
  private async loadThreadPostPages(
    viewer: Viewer,
    threadIds: readonly string[],
    rows: number,
    afterSeq: string | null,
    set: ForumLoaderSet,
  ): Promise<PagePost[][]> {
    const visible = visiblePostStatusSql(viewer, 'q');
    const conditions = ['q.thread_id = t.id', ...(visible ? [visible.sql] : []), ...(afterSeq ? ['q.seq > CAST(:afterSeq AS bigint)'] : [])];
    // Authors come with the page (a page nearly always shows them): that primes the member loader.
    const posts: PagePost[] = await this.dataSource
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .leftJoinAndMapOne('p.author', MemberEntity, 'm', 'm.id = p.author_id')
      .select(PAGE_COLUMNS)
      .where(
        `p.id IN (SELECT page.id FROM unnest(CAST(:threadIds AS uuid[])) AS t(id)
           CROSS JOIN LATERAL (SELECT q.id FROM posts q WHERE ${conditions.join(' AND ')} ORDER BY q.seq LIMIT :rows) page)`,
        { threadIds, rows, afterSeq, ...visible?.params },
      )
      .orderBy('p.seq', 'ASC')
      .getMany();
    const byThread = new Map<string, PagePost[]>(threadIds.map((id) => [id, []]));
    for (const post of posts) {
      if (post.author) set.member.prime(post.author.id, MemberModel.from(post.author));
      byThread.get(post.threadId)?.push(post);
    }
    return threadIds.map((id) => byThread.get(id) ?? []);
  }

  private create(viewer: Viewer | null): ForumLoaderSet {
    const viewerId = viewer?.memberId ?? null;
    const db = this.dataSource;
    const set: ForumLoaderSet = {
      space: new DataLoader(async (ids) => {
        const rows = await db.getRepository(SpaceEntity).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany();
        return byKey(ids, rows, (s) => s.id);
      }),
      // Whoever loads a thread checks its first post and space next (visibility) and often shows its
      // author: one joined query primes those loaders, instead of three more round trips.
      thread: new DataLoader(async (ids) => {
        const rows: ThreadRow[] = await db
          .getRepository(ThreadEntity)
          .createQueryBuilder('t')
          .leftJoinAndMapOne('t.firstPost', PostEntity, 'p', 'p.id = t.first_post_id')
          .leftJoinAndMapOne('t.space', SpaceEntity, 's', 's.id = t.space_id')
          .leftJoinAndMapOne('t.author', MemberEntity, 'm', 'm.id = t.author_id')
          .where('t.id = ANY(:ids)', { ids })
          .getMany();
        const threads = rows.map(({ firstPost, space, author, ...thread }): ThreadEntity => {
          if (firstPost) set.post.prime(firstPost.id, firstPost);
          if (space) set.space.prime(space.id, space);
          if (author) set.member.prime(author.id, MemberModel.from(author));
          return Object.assign(new ThreadEntity(), thread);
        });
        return byKey(ids, threads, (t) => t.id);
      }),
      post: new DataLoader(async (ids) => {
        const rows = await db.getRepository(PostEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
        return byKey(ids, rows, (p) => p.id);
      }),
      member: new DataLoader(async (ids) => {
        const rows = await this.members.findByIds(ids);
        return byKey(
          ids,
          rows.map((m) => MemberModel.from(m)),
          (m) => m.id,
        );
      }),
      // Counts and the viewer's own kinds side by side: one query for both fields of a post.
      reactions: new DataLoader(async (postIds) => {
        const rows: Array<{ post_id: string; kind: ReactionKind; count: number; mine: boolean }> = await db.query(
          `SELECT post_id, kind, count(*)::int AS count, coalesce(bool_or(member_id = $2), false) AS mine
             FROM reactions WHERE post_id = ANY($1) GROUP BY post_id, kind`,
          [postIds, viewerId],
        );
        rows.sort((a, b) => REACTION_ORDER.indexOf(a.kind) - REACTION_ORDER.indexOf(b.kind));
        const byPost = new Map<string, PostReactions>(postIds.map((id) => [id, { counts: [], viewerKinds: [] }]));
        for (const row of rows) {
          const entry = byPost.get(row.post_id);
          if (!entry) continue;
          entry.counts.push({ kind: row.kind, count: row.count });
          if (row.mine) entry.viewerKinds.push(row.kind);
        }
        return postIds.map((id) => byPost.get(id) ?? { counts: [], viewerKinds: [] });
      }),
      // The replies this viewer would see listed (post-visibility.ts), so the count never disagrees with the list.
      replyCount: new DataLoader(async (threadIds) => {
        const rows: Array<{ thread_id: string; count: number }> = await db.query(
          `SELECT p.thread_id, count(*)::int AS count
             FROM posts p JOIN threads t ON t.id = p.thread_id
            WHERE p.thread_id = ANY($1) AND p.id <> t.first_post_id
              AND (p.status = $2 OR (p.author_id = $3 AND p.status = ANY($4::text[])) OR ${inScopeSql('p.space_id', 5)})
            GROUP BY p.thread_id`,
          [threadIds, PostStatus.PUBLISHED, viewerId, AUTHOR_ONLY_STATUSES, scopeSqlValue(staffScopeOf(viewer))],
        );
        const counts = new Map(rows.map((r) => [r.thread_id, r.count]));
        return threadIds.map((id) => counts.get(id) ?? 0);
      }),
      threadPostPages: new Map(),
    };
    return set;
  }
}
