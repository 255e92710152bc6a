import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { MemberEntity } from '../members/entities/member.entity';
import { MemberModel } from '../members/models/member.model';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ForumLoaderSet } from './forum-loaders';
import { PostModel } from './models/post.model';
import { ThreadModel } from './models/thread.model';
import { visiblePostStatusSql } from './post-visibility';
import { PostsService } from './posts.service';
import { SpacesService } from './spaces.service';

/**
 * Keyset values as PostgreSQL prints them: a timestamptz as text keeps its microseconds through a
 * cursor (a JS Date would cut them to milliseconds and repeat or skip rows).
 */
const THREAD_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);
const POST_CURSOR = cursorFormat(CursorParts.bigint);

/** What PostModel.from and MemberModel.from read, and the cursor (seq). */
const PAGE_COLUMNS = [
  ...(['id', 'seq', 'threadId', 'spaceId', 'authorId', 'quotePostId', 'status', 'heldReason', 'revision', 'bodyHtml', 'createdAt', 'editedAt'] satisfies Array<keyof PostEntity>).map((c) => `p.${c}`),
  ...(['id', 'displayName', 'role'] satisfies Array<keyof MemberEntity>).map((c) => `m.${c}`),
];

/** Reading threads: a space's list, newest activity first, and a thread's posts, oldest first. */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly posts: PostsService,
  ) {}

  async listInSpace(viewer: Viewer, spaceId: string, first: number | null | undefined, after: string | null | undefined, loaders: ForumLoaderSet): Promise<Connection<ThreadModel>> {
    const limit = pageSize(first);
    const cursor = THREAD_CURSOR.decode(after);
    await this.spaces.requireVisible(viewer, spaceId, loaders);

    const query = this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .innerJoin(PostEntity, 'p', 'p.id = t.first_post_id')
      .addSelect('p.status', 'first_post_status')
      .addSelect('t.last_activity_at::text', 'activity_key')
      .where('t.space_id = :spaceId', { spaceId })
      .orderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit + 1);
    const visible = visiblePostStatusSql(viewer, 'p');
    if (visible) query.andWhere(visible.sql, visible.params);
    if (cursor) {
      const [activity, id] = cursor;
      query.andWhere('(t.last_activity_at, t.id) < (CAST(:activity AS timestamptz), CAST(:id AS uuid))', { activity, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ t_id: string; first_post_status: PostStatus; activity_key: string }>();
    const extras = new Map(raw.map((r) => [r.t_id, r]));
    const rows = entities.flatMap((thread) => {
      const extra = extras.get(thread.id);
      return extra ? [{ thread, status: extra.first_post_status, activityKey: extra.activity_key }] : [];
    });
    return toConnection(
      rows,
      limit,
      (row) => THREAD_CURSOR.encode([row.activityKey, row.thread.id]),
      (row) => ThreadModel.from(row.thread, row.status),
    );
  }

  /** A thread the viewer may see (its first post is visible to them); null otherwise. */
  async findVisible(viewer: Viewer, threadId: string, loaders: ForumLoaderSet): Promise<ThreadModel | null> {
    const thread = await loaders.thread.load(threadId);
    if (!thread?.firstPostId) return null;
    const visible = await this.posts.findVisible(viewer, thread.firstPostId, loaders);
    return visible ? ThreadModel.from(visible.thread, visible.firstPost.status) : null;
  }

  /** The thread's posts the viewer may see, oldest first, the first post included. */
  async postsOf(
    viewer: Viewer,
    thread: ThreadModel,
    first: number | null | undefined,
    after: string | null | undefined,
    loaders: ForumLoaderSet,
  ): Promise<Connection<PostModel>> {
    const limit = pageSize(first);
    const cursor = POST_CURSOR.decode(after);
    // Authors come with the page (a page nearly always shows them): that primes the member loader.
    // Only the columns a page shows: no screened text copy, no bookkeeping dates to parse per row.
    const query = this.dataSource
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .leftJoinAndMapOne('p.author', MemberEntity, 'm', 'm.id = p.author_id')
      .select(PAGE_COLUMNS)
      .where('p.thread_id = :threadId', { threadId: thread.id })
      .orderBy('p.seq', 'ASC')
      .limit(limit + 1);
    const visible = visiblePostStatusSql(viewer, 'p');
    if (visible) query.andWhere(visible.sql, visible.params);
    if (cursor) {
      query.andWhere('p.seq > CAST(:seq AS bigint)', { seq: cursor[0] });
    }
    const rows: Array<PostEntity & { author?: MemberEntity | null }> = await query.getMany();
    for (const { author } of rows) {
      if (author) loaders.member.prime(author.id, MemberModel.from(author));
    }
    return toConnection(
      rows,
      limit,
      (post) => POST_CURSOR.encode([post.seq]),
      (post) => PostModel.from(post),
    );
  }
}
