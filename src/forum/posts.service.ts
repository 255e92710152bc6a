import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { requestScoped } from '../common/graphql/request-loaders';
import { PostStatus } from '../common/domain/post-status.enum';
import { isStaff } from '../common/domain/role.enum';
import { AuditService } from '../audit/audit.service';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ForumLoaderSet } from './forum-loaders';
import { PostModel } from './models/post.model';
import { ThreadModel } from './models/thread.model';
import { canSeePost } from './post-visibility';

/** What an audit of a staff read needs to know about the post. */
export type StaffRead = Pick<PostModel, 'id' | 'status' | 'threadId'>;

const STAFF_READ_LOG = 'forum.staffReads';

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
   * Staff reading the text of posts that are not public is recorded (who saw what); the `body`
   * field calls this, so every way of reaching a post is covered and a list showing only ids and
   * states writes nothing. Reads that resolve together are batched (a request DataLoader) into one
   * audit event per thread naming the posts; a post read twice in a request is recorded once.
   * Public posts are not recorded; clients only ever see their own non-public posts.
   */
  async recordStaffRead(ctx: RequestContext, post: StaffRead): Promise<void> {
    const viewer = ctx.viewer;
    if (!viewer || !this.isAuditedRead(ctx, post)) return;
    // A failed audit write rejects this load, and so fails the read.
    await this.staffReadLog(ctx, viewer).load(post);
  }

  /** Whether reading this post's text is recorded (recordStaffRead): staff reading a post that is not public. */
  isAuditedRead(ctx: RequestContext, post: Pick<StaffRead, 'status'>): boolean {
    return ctx.viewer !== null && isStaff(ctx.viewer.role) && post.status !== PostStatus.PUBLISHED;
  }

  private staffReadLog(ctx: RequestContext, viewer: Viewer): DataLoader<StaffRead, true, string> {
    return requestScoped(
      ctx,
      STAFF_READ_LOG,
      () =>
        new DataLoader<StaffRead, true, string>(
          async (reads) => {
            const byThread = new Map<string, string[]>();
            for (const read of reads) byThread.set(read.threadId, [...(byThread.get(read.threadId) ?? []), read.id]);
            await this.audit.recordMany(
              [...byThread].map(([threadId, postIds]) => ({
                actorId: viewer.memberId,
                actorRole: viewer.role,
                action: 'post.viewed',
                targetType: postIds.length === 1 ? 'post' : 'thread',
                targetId: postIds.length === 1 ? postIds[0] : threadId,
                requestId: ctx.requestId,
                details: { postIds },
              })),
            );
            return reads.map(() => true as const);
          },
          { cacheKeyFn: (read) => read.id },
        ),
    );
  }
}
