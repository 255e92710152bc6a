import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { ReactionEntity } from './entities/reaction.entity';
import { ForumLoaderSet } from './forum-loaders';
import { ForumNotifications } from './forum-notifications.service';
import { ForumRateLimiter } from './forum-rate-limiter';
import { PostsService } from './posts.service';

/** Supportive reactions: one of each kind per member per post, on published posts only. */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly rateLimiter: ForumRateLimiter,
    private readonly notices: ForumNotifications,
  ) {}

  /** Adding a reaction the member already gave changes nothing. Returns the post id. */
  async react(viewer: Viewer, rawPostId: string, kind: ReactionKind, loaders: ForumLoaderSet): Promise<string> {
    const postId = await this.requirePublished(viewer, rawPostId, loaders);
    await this.rateLimiter.consume(viewer, 'react');
    const added = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ReactionEntity)
      .values({ postId, memberId: viewer.memberId, kind })
      .orIgnore()
      .returning('kind')
      .execute();
    if ((added.raw as unknown[]).length > 0) await this.notices.afterReaction(postId, viewer.memberId);
    return postId;
  }

  /** Taking back a reaction that is not there changes nothing. Returns the post id. */
  async unreact(viewer: Viewer, rawPostId: string, kind: ReactionKind, loaders: ForumLoaderSet): Promise<string> {
    const postId = parseId(rawPostId, 'postId');
    if (!(await this.posts.findVisible(viewer, postId, loaders))) throw AppError.notFound('Post');
    await this.rateLimiter.consume(viewer, 'react');
    await this.dataSource.getRepository(ReactionEntity).delete({ postId, memberId: viewer.memberId, kind });
    return postId;
  }

  private async requirePublished(viewer: Viewer, rawPostId: string, loaders: ForumLoaderSet): Promise<string> {
    const postId = parseId(rawPostId, 'postId');
    const visible = await this.posts.findVisible(viewer, postId, loaders);
    if (!visible) throw AppError.notFound('Post');
    if (visible.post.status !== PostStatus.PUBLISHED) throw AppError.conflict('You can react to published posts only.');
    return postId;
  }
}
