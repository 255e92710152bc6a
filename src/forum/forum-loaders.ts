import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { PostStatus } from '../common/domain/post-status.enum';
import { Role } from '../common/domain/role.enum';
import { MembersService } from '../members/members.service';
import { MemberModel } from '../members/models/member.model';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ReactionCountModel } from './models/reaction-count.model';
import { AUTHOR_ONLY_STATUSES } from './post-visibility';

/** The loaders one request uses: one query per kind of thing per tick, however many posts a page shows. */
export interface ForumLoaderSet {
  space: DataLoader<string, SpaceEntity | null>;
  thread: DataLoader<string, ThreadEntity | null>;
  post: DataLoader<string, PostEntity | null>;
  member: DataLoader<string, MemberModel | null>;
  reactionCounts: DataLoader<string, ReactionCountModel[]>;
  /** The signed-in member's own reactions, by post. */
  viewerReactions: DataLoader<string, ReactionKind[]>;
  /** Published replies (the first post is not a reply), by thread. */
  replyCount: DataLoader<string, number>;
}

const LOADERS_KEY = 'forum';
const REACTION_ORDER = Object.values(ReactionKind);

function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

function grouped<T, V>(keys: readonly string[], rows: T[], keyOf: (row: T) => string, valueOf: (row: T) => V): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(valueOf(row));
  return keys.map((key) => groups.get(key) ?? []);
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
    set.reactionCounts.clear(postId);
    set.viewerReactions.clear(postId);
  }

  private create(viewer: Viewer | null): ForumLoaderSet {
    const viewerId = viewer?.memberId ?? null;
    const seesAll = viewer !== null && (viewer.role === Role.CLINICIAN || viewer.role === Role.ADMIN);
    const db = this.dataSource;
    return {
      space: new DataLoader(async (ids) => {
        const rows = await db.getRepository(SpaceEntity).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany();
        return byKey(ids, rows, (s) => s.id);
      }),
      thread: new DataLoader(async (ids) => {
        const rows = await db.getRepository(ThreadEntity).createQueryBuilder('t').where('t.id = ANY(:ids)', { ids }).getMany();
        return byKey(ids, rows, (t) => t.id);
      }),
      post: new DataLoader(async (ids) => {
        const rows = await db.getRepository(PostEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
        return byKey(ids, rows, (p) => p.id);
      }),
      member: new DataLoader(async (ids) => {
        const rows = await this.members.findByIds(ids);
        return byKey(
          ids,
          rows.map((m): MemberModel => ({ id: m.id, displayName: m.displayName, role: m.role })),
          (m) => m.id,
        );
      }),
      reactionCounts: new DataLoader(async (postIds) => {
        const rows: Array<{ post_id: string; kind: ReactionKind; count: number }> = await db.query(
          `SELECT post_id, kind, count(*)::int AS count FROM reactions WHERE post_id = ANY($1) GROUP BY post_id, kind`,
          [postIds],
        );
        rows.sort((a, b) => REACTION_ORDER.indexOf(a.kind) - REACTION_ORDER.indexOf(b.kind));
        return grouped(postIds, rows, (r) => r.post_id, (r): ReactionCountModel => ({ kind: r.kind, count: r.count }));
      }),
      viewerReactions: new DataLoader(async (postIds) => {
        if (!viewerId) return postIds.map(() => []);
        const rows: Array<{ post_id: string; kind: ReactionKind }> = await db.query(
          `SELECT post_id, kind FROM reactions WHERE member_id = $1 AND post_id = ANY($2)`,
          [viewerId, postIds],
        );
        rows.sort((a, b) => REACTION_ORDER.indexOf(a.kind) - REACTION_ORDER.indexOf(b.kind));
        return grouped(postIds, rows, (r) => r.post_id, (r) => r.kind);
      }),
      // The replies this viewer would see listed (post-visibility.ts), so the count never disagrees with the list.
      replyCount: new DataLoader(async (threadIds) => {
        const rows: Array<{ thread_id: string; count: number }> = await db.query(
          `SELECT p.thread_id, count(*)::int AS count
             FROM posts p JOIN threads t ON t.id = p.thread_id
            WHERE p.thread_id = ANY($1) AND p.id <> t.first_post_id
              AND ($2::boolean OR p.status = $3 OR (p.author_id = $4 AND p.status = ANY($5::text[])) OR p.space_id = ANY($6::uuid[]))
            GROUP BY p.thread_id`,
          [threadIds, seesAll, PostStatus.PUBLISHED, viewerId, AUTHOR_ONLY_STATUSES, viewer?.moderatedSpaceIds ?? []],
        );
        const counts = new Map(rows.map((r) => [r.thread_id, r.count]));
        return threadIds.map((id) => counts.get(id) ?? 0);
      }),
    };
  }
}
