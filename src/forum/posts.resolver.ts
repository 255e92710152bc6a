import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { requireViewer } from '../common/auth/gql-auth.guard';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { HeldReason } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { PlainFieldResolver } from '../common/graphql/plain-field-resolver';
import { MemberModel } from '../members/models/member.model';
import { ForumLoaders } from './forum-loaders';
import { CreateReplyInput } from './inputs/create-reply.input';
import { EditPostInput } from './inputs/edit-post.input';
import { ReactInput } from './inputs/react.input';
import { ReportPostInput } from './inputs/report-post.input';
import { PostModel } from './models/post.model';
import { ReactionCountModel } from './models/reaction-count.model';
import { ThreadModel } from './models/thread.model';
import { MAX_BODY_TEXT_CHARS } from './post-body.sanitizer';
import { canSeeStatusDetails, seesEveryPostIn, statusNoteFor } from './post-visibility';
import { PostingService } from './posting.service';
import { PostsService } from './posts.service';
import { ReactionsService } from './reactions.service';
import { ReportsService } from './reports.service';

/** Query cost of a body (a field costs 1): one per thousand characters it may hold, so pages of long posts cost what they send. */
const BODY_COST = MAX_BODY_TEXT_CHARS / 1_000;

@Resolver(() => PostModel)
export class PostsResolver {
  constructor(
    private readonly posts: PostsService,
    private readonly posting: PostingService,
    private readonly reactionsService: ReactionsService,
    private readonly reports: ReportsService,
    private readonly loaders: ForumLoaders,
  ) {}

  @Query(() => PostModel, { nullable: true, description: 'A post, or null when it does not exist or is not visible to you.' })
  async post(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<PostModel | null> {
    const visible = await this.posts.findVisible(viewer, parseId(id), this.loaders.for(ctx));
    if (!visible) return null;
    return PostModel.from(visible.post);
  }

  @Mutation(() => PostModel, { description: 'Replies in a thread; the reply is PENDING until screened.' })
  async createReply(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: CreateReplyInput): Promise<PostModel> {
    return PostModel.from(await this.posting.createReply({ viewer, requestId: ctx.requestId }, input, this.loaders.for(ctx)));
  }

  @Mutation(() => PostModel, {
    description:
      'Replaces the body of your own post with a new revision, screened again; a held post stays held until a peer specialist decides. NOT_FOUND for a post that is not yours.',
  })
  async editPost(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: EditPostInput): Promise<PostModel> {
    const post = await this.posting.editPost({ viewer, requestId: ctx.requestId }, input);
    this.loaders.forgetPost(ctx, post.id);
    return PostModel.from(post);
  }

  @Mutation(() => PostModel, { description: 'Deletes your own post: its text is hidden from everyone. NOT_FOUND for a post that is not yours.' })
  async deletePost(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<PostModel> {
    const post = await this.posting.deletePost({ viewer, requestId: ctx.requestId }, id);
    this.loaders.forgetPost(ctx, post.id);
    return PostModel.from(post);
  }

  @Mutation(() => PostModel)
  async react(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: ReactInput): Promise<PostModel> {
    return this.reloaded(ctx, await this.reactionsService.react(viewer, input.postId, input.kind, this.loaders.for(ctx)));
  }

  @Mutation(() => PostModel)
  async unreact(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: ReactInput): Promise<PostModel> {
    return this.reloaded(ctx, await this.reactionsService.unreact(viewer, input.postId, input.kind, this.loaders.for(ctx)));
  }

  @Mutation(() => Boolean, { description: 'Reports a published post to the peer specialists. Reporting twice counts once.' })
  async reportPost(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: ReportPostInput): Promise<boolean> {
    const outcome = await this.reports.report(viewer, ctx.requestId, input, this.loaders.for(ctx));
    if (outcome.autoHeld) this.loaders.forgetPost(ctx, parseId(input.postId, 'postId'));
    return true;
  }

  @ResolveField(() => ThreadModel, { nullable: true, description: 'Null when the thread is no longer visible to you.' })
  async thread(@Parent() post: PostModel, @CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<ThreadModel | null> {
    return this.posts.threadOf(viewer, post, this.loaders.for(ctx));
  }

  // The fields below show a post the viewer was already allowed to see (it is only ever handed out
  // after that check, where it was loaded) and need no role: plain resolvers, without Nest's
  // per-field context, as they run once per post of a page (plain-field-resolver.ts).

  @ResolveField(() => MemberModel)
  @PlainFieldResolver()
  author(post: PostModel, _args: unknown, ctx: RequestContext): MemberModel | Promise<MemberModel> {
    return post.pageRead?.author ?? this.loadAuthor(post, ctx);
  }

  @ResolveField(() => PostModel, { nullable: true, description: 'The post this one quotes, while you may see it.' })
  async quotedPost(@Parent() post: PostModel, @CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<PostModel | null> {
    return this.posts.quotedBy(viewer, post, this.loaders.for(ctx));
  }

  /**
   * The text is where a read happens: staff reading a post that is not public is audited here,
   * however the post was reached (post, a thread, a quote, a moderation case, an escalation).
   */
  @ResolveField(() => String, { nullable: true, complexity: BODY_COST, description: 'Sanitized HTML, safe to render; null once the post is deleted.' })
  @PlainFieldResolver()
  body(post: PostModel, _args: unknown, ctx: RequestContext): string | null | Promise<string | null> {
    // Only staff reading a post that is not public are audited; everyone else gets the text at once.
    if (post.body === null || !this.posts.isAuditedRead(ctx, post)) return post.body;
    return this.posts.recordStaffRead(ctx, post).then(() => post.body);
  }

  @ResolveField(() => [ReactionCountModel], { description: 'Counts by kind, kinds with none left out.' })
  @PlainFieldResolver()
  reactions(post: PostModel, _args: unknown, ctx: RequestContext): ReactionCountModel[] | Promise<ReactionCountModel[]> {
    return (
      post.pageRead?.reactions ??
      this.loaders
        .for(ctx)
        .reactions.load(post.id)
        .then((loaded) => loaded.counts)
    );
  }

  @ResolveField(() => [ReactionKind], { description: 'The kinds you gave this post.' })
  @PlainFieldResolver()
  viewerReactions(post: PostModel, _args: unknown, ctx: RequestContext): ReactionKind[] | Promise<ReactionKind[]> {
    return (
      post.pageRead?.viewerReactions ??
      this.loaders
        .for(ctx)
        .reactions.load(post.id)
        .then((loaded) => loaded.viewerKinds)
    );
  }

  @ResolveField(() => HeldReason, { nullable: true, description: "Why the post is held: staff who work the post's space only (null for clients)." })
  @PlainFieldResolver()
  heldReason(post: PostModel, _args: unknown, ctx: RequestContext): HeldReason | null {
    return seesEveryPostIn(requireViewer(ctx), post.spaceId) ? post.heldReason : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'A kind note beside a post that is not public, for its author and staff.' })
  @PlainFieldResolver()
  statusNote(post: PostModel, _args: unknown, ctx: RequestContext): string | null {
    return canSeeStatusDetails(requireViewer(ctx), post) ? statusNoteFor(post.status, post.heldReason) : null;
  }

  private async loadAuthor(post: PostModel, ctx: RequestContext): Promise<MemberModel> {
    const member = await this.loaders.for(ctx).member.load(post.authorId);
    if (!member) throw AppError.notFound('Member');
    return member;
  }

  private async reloaded(ctx: RequestContext, postId: string): Promise<PostModel> {
    this.loaders.forgetPost(ctx, postId);
    const post = await this.loaders.for(ctx).post.load(postId);
    if (!post) throw AppError.notFound('Post');
    return PostModel.from(post);
  }
}
