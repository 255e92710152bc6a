import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ForumLoaderSet } from './forum-loaders';
import { ThreadModel } from './models/thread.model';
import { visiblePostStatusSql } from './post-visibility';
import { PostsService } from './posts.service';
import { SpacesService } from './spaces.service';

/**
 * Keyset values as PostgreSQL prints them: a timestamptz as text keeps its microseconds through a
 * cursor (a JS Date would cut them to milliseconds and repeat or skip rows).
 */
const THREAD_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

/** Reading threads: a space's list, newest activity first (a thread's posts are paged by ForumLoaders.threadPosts). */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly posts: PostsService,
  ) {}

  async listInSpace(
    viewer: Viewer,
    spaceId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    loaders: ForumLoaderSet,
  ): Promise<Connection<ThreadModel>> {
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
}
