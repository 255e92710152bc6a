import { Resolver, Subscription } from '@nestjs/graphql';
import { RequestContext } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { RealtimeEvent, RealtimePayloads } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { ForumLoaders } from './forum-loaders';
import { PostModel } from './models/post.model';
import { PostsService } from './posts.service';

type PostChanged = RealtimePayloads[RealtimeEvent.POST_CHANGED];

/** The author's own posts, live: what lets the web app show a post's real state without polling. */
@Resolver(() => PostModel)
export class PostChangesResolver {
  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly posts: PostsService,
    private readonly loaders: ForumLoaders,
  ) {}

  @Subscription(() => PostModel, {
    description: 'Your own posts whenever their state changes: screened (published or held), or decided by a peer specialist.',
    // In memory: every other member's socket drops the event without reading anything.
    filter: (payload: PostChanged, _args: unknown, ctx: RequestContext) => ctx.viewer !== null && payload.authorId === ctx.viewer.memberId,
    async resolve(this: PostChangesResolver, payload: PostChanged, _args: unknown, ctx: RequestContext) {
      // The socket's context outlives one event: load the post afresh, with the usual visibility rules.
      ctx.loaders.clear();
      const visible = ctx.viewer ? await this.posts.findVisible(ctx.viewer, payload.postId, this.loaders.for(ctx)) : null;
      if (!visible) throw AppError.notFound('Post');
      return PostModel.from(visible.post);
    },
  })
  myPostChanged(): AsyncIterableIterator<PostChanged> {
    return this.pubsub.asyncIterator(RealtimeEvent.POST_CHANGED);
  }
}
