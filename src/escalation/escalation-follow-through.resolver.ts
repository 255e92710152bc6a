import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { requestLoader } from '../common/graphql/request-loaders';
import { listCost } from '../common/graphql/query-cost';
import { ForumLoaders } from '../forum/forum-loaders';
import { PostModel } from '../forum/models/post.model';
import { PostsService } from '../forum/posts.service';
import { MemberModel } from '../members/models/member.model';
import { EscalationFollowThroughService } from './escalation-follow-through.service';
import { EscalationReviewService } from './escalation-review.service';
import { EscalationModel } from './models/escalation.model';
import {
  EscalationOutreachModel,
  EscalationPageModel,
  EscalationSignalModel,
  PageDeliveryModel,
  RecordOutreachInput,
} from './models/escalation-follow-through.model';

const CLINICAL = [Role.CLINICIAN, Role.ADMIN];

/**
 * Items each list is costed at (query-cost.ts). Pages: the first page, a climb or two and a few
 * reminders; signals: one open escalation per client gathers several posts over days; outreach:
 * a few calls and messages. Lower than PLAIN_LIST_SIZE where the list is short in practice, so an
 * inbox page of 50 with signals and outreach stays well inside the limit.
 */
const PAGES_COSTED = 5;
const SIGNALS_COSTED = 10;
const OUTREACH_COSTED = 5;

/**
 * What followed an escalation: its pages and their delivery states, its attached signals and the
 * clinicians' outreach; staff paging emails. Clinical fields: a peer specialist who escalated a
 * case sees the escalation, not who was paged or what the clinician noted.
 */
@Resolver(() => EscalationModel)
export class EscalationFollowThroughResolver {
  constructor(
    private readonly followThrough: EscalationFollowThroughService,
    private readonly review: EscalationReviewService,
    private readonly forum: ForumLoaders,
  ) {}

  @Roles(...CLINICAL)
  @Mutation(() => EscalationModel, { description: 'Records how a clinician reached out to the client (stored, audited, listed on the escalation).' })
  async recordOutreach(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @Args('input') input: RecordOutreachInput,
  ): Promise<EscalationModel> {
    const id = parseId(escalationId, 'escalationId');
    await this.followThrough.recordOutreach(viewer, id, input, ctx.requestId);
    return this.review.get(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Sets (or with null clears) the email a clinician or admin is paged at (admins, audited).' })
  setStaffPagingEmail(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('email', { type: () => String, nullable: true }) email?: string | null,
  ): Promise<boolean> {
    return this.followThrough.setPagingEmail(viewer, parseId(memberId, 'memberId'), email, ctx.requestId);
  }

  @Roles(...CLINICAL)
  @Mutation(() => Boolean, { description: 'Sets (or with null clears) the email the signed-in clinician or admin is paged at.' })
  setMyPagingEmail(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('email', { type: () => String, nullable: true }) email?: string | null,
  ): Promise<boolean> {
    return this.followThrough.setPagingEmail(viewer, viewer.memberId, email, ctx.requestId);
  }

  @Roles(...CLINICAL)
  @Query(() => String, { nullable: true, description: 'The email the signed-in clinician or admin is paged at, if any.' })
  myPagingEmail(@CurrentViewer() viewer: Viewer): Promise<string | null> {
    return this.followThrough.myPagingEmail(viewer);
  }

  // Each field is one DataLoader per request (common/graphql/request-loaders.ts): an inbox page of
  // escalations costs the same few statements for these as one escalation does.
  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationPageModel], {
    complexity: listCost(PAGES_COSTED),
    description: 'Every page, oldest first, with its recipients and each channel’s delivery state.',
  })
  async pages(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<EscalationPageModel[]> {
    return (await requestLoader(ctx, 'escalation.pages', (ids) => this.followThrough.pagesByEscalation(ids)).load(escalation.id)) ?? [];
  }

  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationSignalModel], {
    complexity: listCost(SIGNALS_COSTED),
    description: 'The signal that raised it, then each one attached while it was open.',
  })
  async signals(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<EscalationSignalModel[]> {
    return (await requestLoader(ctx, 'escalation.signals', (ids) => this.followThrough.signalsByEscalation(ids)).load(escalation.id)) ?? [];
  }

  @Roles(...CLINICAL)
  @ResolveField(() => Int, { description: 'How many signals are attached (the first one included), without loading them: for inbox rows.' })
  async signalCount(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<number> {
    return (await requestLoader(ctx, 'escalation.signalCount', (ids) => this.followThrough.signalCounts(ids)).load(escalation.id)) ?? 0;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationOutreachModel], { complexity: listCost(OUTREACH_COSTED), description: 'How clinicians reached out, oldest first.' })
  async outreach(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<EscalationOutreachModel[]> {
    const rows = (await requestLoader(ctx, 'escalation.outreach', (ids) => this.followThrough.outreachByEscalation(ids)).load(escalation.id)) ?? [];
    const loader = this.forum.for(ctx).member;
    return Promise.all(rows.map(async ({ memberId, ...row }) => ({ ...row, by: await loader.load(memberId) })));
  }
}

@Resolver(() => EscalationPageModel)
export class EscalationPageResolver {
  constructor(private readonly forum: ForumLoaders) {}

  @ResolveField(() => [MemberModel], { description: 'Who this page reached.' })
  async recipients(@Parent() page: EscalationPageModel, @Ctx() ctx: RequestContext): Promise<MemberModel[]> {
    const members = await this.forum.for(ctx).member.loadMany(page.recipientIds);
    return members.filter((m): m is MemberModel => m !== null && !(m instanceof Error));
  }
}

@Resolver(() => PageDeliveryModel)
export class PageDeliveryResolver {
  constructor(private readonly forum: ForumLoaders) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'The recipient (null for the webhook).' })
  recipient(@Parent() delivery: PageDeliveryModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return delivery.recipientId ? this.forum.for(ctx).member.load(delivery.recipientId) : Promise.resolve(null);
  }
}

/**
 * A signal is only reached through `Escalation.signals` (clinicians and admins). Its post loads
 * through the forum's per-request loaders and the same visibility rule as `Escalation.post`
 * (clinicians see held posts), so a page of escalations costs a few statements, not one a signal.
 */
@Resolver(() => EscalationSignalModel)
export class EscalationSignalResolver {
  constructor(
    private readonly forum: ForumLoaders,
    private readonly posts: PostsService,
  ) {}

  @ResolveField(() => PostModel, { nullable: true, description: 'The post the signal came from, in any state (null when not from a post or not visible).' })
  async post(@Parent() signal: EscalationSignalModel, @CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<PostModel | null> {
    if (!signal.postId) return null;
    const visible = await this.posts.findVisible(viewer, signal.postId, this.forum.for(ctx));
    return visible ? PostModel.from(visible.post) : null;
  }
}
