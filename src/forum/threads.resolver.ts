import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { PlainFieldResolver } from '../common/graphql/plain-field-resolver';
import { selectedChildArgs } from '../common/graphql/lookahead';
import { Connection } from '../common/pagination/connection';
import { MemberModel } from '../members/models/member.model';
import { ForumLoaders } from './forum-loaders';
import { CreateThreadInput } from './inputs/create-thread.input';
import { PostConnection, PostModel } from './models/post.model';
import { SpaceModel } from './models/space.model';
import { ThreadConnection, ThreadModel } from './models/thread.model';
import { PostingService } from './posting.service';
import { ThreadsService } from './threads.service';

/** A page argument as the posts field takes it (absent, null or of its type); anything else is left to the field to refuse. */
function isPageArg<T extends 'number' | 'string'>(value: unknown, type: T): value is (T extends 'number' ? number : string) | null | undefined {
  return value === undefined || value === null || typeof value === type;
}

@Resolver(() => ThreadModel)
export class ThreadsResolver {
  constructor(
    private readonly threadsService: ThreadsService,
    private readonly posting: PostingService,
    private readonly loaders: ForumLoaders,
  ) {}

  @Query(() => ThreadConnection, { description: 'Threads in a space, most recent activity first.' })
  async threads(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('spaceId', { type: () => ID }) spaceId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<ThreadModel>> {
    return this.threadsService.listInSpace(viewer, parseId(spaceId, 'spaceId'), first, after, this.loaders.for(ctx));
  }

  @Query(() => ThreadModel, { nullable: true, description: 'A thread, or null when it does not exist or is not visible to you.' })
  async thread(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadModel | null> {
    const threadId = parseId(id);
    // A thread page (the thread with a page of its posts) is read in one statement, primed into
    // the loaders the fields below use; visibility is decided exactly as without it.
    const page = selectedChildArgs(info, 'posts');
    if (page && isPageArg(page.first, 'number') && isPageArg(page.after, 'string')) {
      await this.loaders.prefetchThreadPage(ctx, viewer, threadId, page.first, page.after);
    }
    return this.threadsService.findVisible(viewer, threadId, this.loaders.for(ctx));
  }

  @Mutation(() => ThreadModel, { description: 'Starts a thread; its first post is PENDING until screened.' })
  async createThread(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: CreateThreadInput): Promise<ThreadModel> {
    const { thread, firstPost } = await this.posting.createThread({ viewer, requestId: ctx.requestId }, input, this.loaders.for(ctx));
    this.loaders.for(ctx).post.prime(firstPost.id, firstPost);
    return ThreadModel.from(thread, firstPost.status);
  }

  // space, author, firstPost and replyCount show a thread the viewer was already allowed to see
  // (handed out only after that check) and need no role: plain resolvers, without Nest's per-field
  // context, as a list of threads runs them once per thread (plain-field-resolver.ts).

  @ResolveField(() => SpaceModel)
  @PlainFieldResolver()
  async space(thread: ThreadModel, _args: unknown, ctx: RequestContext): Promise<SpaceModel> {
    const space = await this.loaders.for(ctx).space.load(thread.spaceId);
    if (!space) throw AppError.notFound('Space');
    return SpaceModel.from(space);
  }

  @ResolveField(() => MemberModel)
  @PlainFieldResolver()
  async author(thread: ThreadModel, _args: unknown, ctx: RequestContext): Promise<MemberModel> {
    const member = await this.loaders.for(ctx).member.load(thread.authorId);
    if (!member) throw AppError.notFound('Member');
    return member;
  }

  @ResolveField(() => PostModel)
  @PlainFieldResolver()
  async firstPost(thread: ThreadModel, _args: unknown, ctx: RequestContext): Promise<PostModel> {
    // Whoever sees a thread sees its first post: the thread's visibility is the first post's.
    const post = await this.loaders.for(ctx).post.load(thread.firstPostId);
    if (!post) throw AppError.notFound('Post');
    return PostModel.from(post);
  }

  @ResolveField(() => PostConnection, { description: 'Posts you may see, oldest first, the first post included.' })
  async posts(
    @Parent() thread: ThreadModel,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<PostModel>> {
    return this.loaders.threadPosts(ctx, viewer, thread.id, first, after);
  }

  @ResolveField(() => Int, { description: 'Published replies (the first post is not counted).' })
  @PlainFieldResolver()
  async replyCount(thread: ThreadModel, _args: unknown, ctx: RequestContext): Promise<number> {
    return this.loaders.for(ctx).replyCount.load(thread.id);
  }
}
