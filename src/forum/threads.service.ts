import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { PostStatus } from '../common/domain/post-status.enum';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../common/pagination/connection';
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
const ACTIVITY_KEY = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function badCursor(): AppError {
  return AppError.badInput('after', 'after is not a cursor from this list.');
}

/** Reading threads: a space's list, newest activity first (a thread's posts are paged by ForumLoaders.threadPosts). */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly posts: PostsService,
  ) {}

  async listInSpace(viewer: Viewer, spaceId: string, first: number | null | undefined, after: string | null | undefined, loaders: ForumLoaderSet): Promise<Connection<ThreadModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
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
      const [activity, id] = cursor.map(String);
      if (!ACTIVITY_KEY.test(activity) || !UUID.test(id)) throw badCursor();
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
      (row) => encodeCursor([row.activityKey, row.thread.id]),
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
