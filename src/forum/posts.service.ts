import { Injectable } from '@nestjs/common';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { isStaff } from '../common/domain/role.enum';
import { AuditService } from '../audit/audit.service';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ForumLoaderSet } from './forum-loaders';
import { PostModel } from './models/post.model';
import { ThreadModel } from './models/thread.model';
import { canSeePost } from './post-visibility';

export interface VisiblePost {
  post: PostEntity;
  thread: ThreadEntity;
  firstPost: PostEntity;
}

/** Reading single posts and what hangs off them, each checked against the visibility rules. */
@Injectable()
export class PostsService {
  constructor(private readonly audit: AuditService) {}

  /** The post with its thread and first post, when the viewer may see it; null otherwise. */
  async findVisible(viewer: Viewer, postId: string, loaders: ForumLoaderSet): Promise<VisiblePost | null> {
    const post = await loaders.post.load(postId);
    if (!post) return null;
    const [space, thread] = await Promise.all([loaders.space.load(post.spaceId), loaders.thread.load(post.threadId)]);
    const firstPost = thread?.firstPostId ? await loaders.post.load(thread.firstPostId) : null;
    if (!space || !thread || !firstPost || !canSeePost(viewer, space, post, firstPost)) return null;
    return { post, thread, firstPost };
  }

  async threadOf(viewer: Viewer, post: PostModel, loaders: ForumLoaderSet): Promise<ThreadModel | null> {
    const thread = await loaders.thread.load(post.threadId);
    if (!thread?.firstPostId) return null;
    const visible = await this.findVisible(viewer, thread.firstPostId, loaders);
    return visible ? ThreadModel.from(visible.thread, visible.firstPost.status) : null;
  }

  /** A quoted post, only while the viewer could read it on its own. */
  async quotedBy(viewer: Viewer, post: PostModel, loaders: ForumLoaderSet): Promise<PostModel | null> {
    if (!post.quotePostId) return null;
    const visible = await this.findVisible(viewer, post.quotePostId, loaders);
    return visible ? PostModel.from(visible.post) : null;
  }

  /**
   * Staff reading posts that are not public is recorded (who saw what): one audit event per read,
   * naming the posts. Public posts are not recorded; clients only ever see their own non-public posts.
   */
  async recordStaffReads(viewer: Viewer, posts: readonly Pick<PostModel, 'id' | 'status' | 'threadId'>[], requestId: string): Promise<void> {
    if (!isStaff(viewer.role)) return;
    const hidden = posts.filter((p) => p.status !== PostStatus.PUBLISHED);
    if (hidden.length === 0) return;
    const single = hidden.length === 1;
    await this.audit.record({
      actorId: viewer.memberId,
      actorRole: viewer.role,
      action: 'post.viewed',
      targetType: single ? 'post' : 'thread',
      targetId: single ? hidden[0].id : hidden[0].threadId,
      requestId,
      details: { postIds: hidden.map((p) => p.id) },
    });
  }
}
