import { Injectable } from '@nestjs/common';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { AppError } from '../common/errors/app-error';
import { spaceArchivedError } from './spaces.service';
import { parseId } from '../common/graphql/ids';
import { ForumLoaderSet } from './forum-loaders';
import { ForumNotifications } from './forum-notifications.service';
import { ForumRateLimiter } from './forum-rate-limiter';
import { PostsService } from './posts.service';
import { ReactionsRepository } from './reactions.repository';

/** Supportive reactions: one of each kind per member per post, on published posts only. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly posts: PostsService,
    private readonly rateLimiter: ForumRateLimiter,
    private readonly notices: ForumNotifications,
  ) {}

  /** Adding a reaction the member already gave changes nothing. Returns the post id. */
  async react(viewer: Viewer, rawPostId: string, kind: ReactionKind, loaders: ForumLoaderSet): Promise<string> {
    const postId = await this.requirePublished(viewer, rawPostId, loaders);
    await this.rateLimiter.consume(viewer, 'react');
    if (await this.reactions.add(postId, viewer.memberId, kind)) await this.notices.afterReaction(postId, viewer.memberId);
    return postId;
  }

  /** Taking back a reaction that is not there changes nothing. Returns the post id. */
  async unreact(viewer: Viewer, rawPostId: string, kind: ReactionKind, loaders: ForumLoaderSet): Promise<string> {
    const postId = parseId(rawPostId, 'postId');
    if (!(await this.posts.findVisible(viewer, postId, loaders))) throw AppError.notFound('Post');
    await this.rateLimiter.consume(viewer, 'react');
    await this.reactions.remove(postId, viewer.memberId, kind);
    return postId;
  }

  private async requirePublished(viewer: Viewer, rawPostId: string, loaders: ForumLoaderSet): Promise<string> {
    const postId = parseId(rawPostId, 'postId');
    const visible = await this.posts.findVisible(viewer, postId, loaders);
    if (!visible) throw AppError.notFound('Post');
    if (visible.post.status !== PostStatus.PUBLISHED) throw AppError.conflict('You can react to published posts only.');
    if ((await loaders.space.load(visible.post.spaceId))?.archivedAt) throw spaceArchivedError();
    return postId;
  }
}
