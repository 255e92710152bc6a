import { Injectable } from '@nestjs/common';
import { Viewer } from '../common/auth/viewer';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { ForumLoaderSet } from './forum-loaders';
import { ThreadModel } from './models/thread.model';
import { PostsService } from './posts.service';
import { SpacesService } from './spaces.service';
import { ThreadsRepository } from './threads.repository';

/**
 * Keyset values as PostgreSQL prints them: a timestamptz as text keeps its microseconds through a
 * cursor (a JS Date would cut them to milliseconds and repeat or skip rows).
 */
const THREAD_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

/** Reading threads: a space's list, newest activity first (a thread's posts are paged by ForumLoaders.threadPosts). */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly threads: ThreadsRepository,
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

    const rows = await this.threads.listInSpace(viewer, spaceId, limit + 1, cursor);
    return toConnection(
      rows,
      limit,
      (row) => THREAD_CURSOR.encode([row.activityKey, row.thread.id]),
      (row) => ThreadModel.from(row.thread, row.firstPostStatus),
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
