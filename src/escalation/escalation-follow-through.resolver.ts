import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { ForumLoaders } from '../forum/forum-loaders';
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

  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationPageModel], { description: 'Every page, oldest first, with its recipients and each channel’s delivery state.' })
  pages(@Parent() escalation: EscalationModel): Promise<EscalationPageModel[]> {
    return this.followThrough.pagesOf(escalation.id);
  }

  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationSignalModel], { description: 'The signal that raised it, then each one attached while it was open.' })
  signals(@Parent() escalation: EscalationModel): Promise<EscalationSignalModel[]> {
    return this.followThrough.signalsOf(escalation.id);
  }

  @Roles(...CLINICAL)
  @ResolveField(() => [EscalationOutreachModel], { description: 'How clinicians reached out, oldest first.' })
  async outreach(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<EscalationOutreachModel[]> {
    const rows = await this.followThrough.outreachOf(escalation.id);
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
