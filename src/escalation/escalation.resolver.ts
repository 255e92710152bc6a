import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Logger } from 'pino';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { EscalationOutcome, EscalationStatus } from '../common/domain/escalation.enums';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { Connection, pageSize } from '../common/pagination/connection';
import { ForumLoaders } from '../forum/forum-loaders';
import { PostModel } from '../forum/models/post.model';
import { PostsService } from '../forum/posts.service';
import { ROOT_LOGGER } from '../logging/logging.module';
import { MemberModel } from '../members/models/member.model';
import { RealtimeEvent, RealtimePayloads } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { EscalationReviewService } from './escalation-review.service';
import { EscalationConnection, EscalationModel } from './models/escalation.model';
import { ResolveEscalationInput } from './resolve-escalation.input';

const CLINICAL = [Role.CLINICIAN, Role.ADMIN];

/** Clinicians' side of escalations. Thin: the rules live in EscalationReviewService. */
@Resolver(() => EscalationModel)
export class EscalationResolver {
  constructor(
    private readonly review: EscalationReviewService,
    private readonly pubsub: RedisPubSub,
    private readonly forum: ForumLoaders,
    private readonly posts: PostsService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  @Roles(...CLINICAL)
  @Query(() => EscalationConnection, { description: 'Escalations, newest first (clinicians, admins).' })
  escalations(
    @Args('status', { type: () => EscalationStatus, nullable: true }) status?: EscalationStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<EscalationModel>> {
    return this.review.list(status, pageSize(first), after);
  }

  @Roles(...CLINICAL)
  @Query(() => EscalationModel, { description: "One escalation, for the clinician's escalation view (NOT_FOUND when there is none)." })
  escalation(@Args('id', { type: () => ID }) id: string): Promise<EscalationModel> {
    return this.review.get(parseId(id));
  }

  @Roles(...CLINICAL)
  @Mutation(() => EscalationModel, { description: 'Stops the clock: the escalation climbs no further.' })
  acknowledgeEscalation(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<EscalationModel> {
    return this.announced(this.review.acknowledge(viewer, parseId(id), note, ctx.requestId));
  }

  @Roles(...CLINICAL)
  @Mutation(() => EscalationModel)
  resolveEscalation(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: ResolveEscalationInput): Promise<EscalationModel> {
    return this.announced(this.review.resolve(viewer, parseId(input.escalationId, 'escalationId'), input.outcome, input.note, ctx.requestId));
  }

  /**
   * After the commit (the service has returned): other clinicians' open inboxes read it again. A
   * Redis hiccup must not fail a change that already committed; their safety poll catches up.
   */
  private async announced(change: Promise<EscalationModel>): Promise<EscalationModel> {
    const escalation = await change;
    try {
      await this.pubsub.publish(RealtimeEvent.ESCALATION_CHANGED, { escalationId: escalation.id });
    } catch (error) {
      this.logger.warn({ escalationId: escalation.id, err: { message: (error as Error).message } }, 'could not publish escalation-changed');
    }
    return escalation;
  }

  @Roles(...CLINICAL)
  @Subscription(() => EscalationModel, {
    description: 'Each page of an escalation (new, or climbed a level), for clinicians and admins.',
    resolve(this: EscalationResolver, payload: RealtimePayloads[RealtimeEvent.ESCALATION_RAISED]) {
      return this.review.get(payload.escalationId);
    },
  })
  escalationRaised(): AsyncIterableIterator<RealtimePayloads[RealtimeEvent.ESCALATION_RAISED]> {
    return this.pubsub.asyncIterator(RealtimeEvent.ESCALATION_RAISED);
  }

  @Roles(...CLINICAL)
  @Subscription(() => EscalationModel, {
    description: 'An escalation was acknowledged or resolved, for clinicians and admins: open inboxes stop its countdown.',
    resolve(this: EscalationResolver, payload: RealtimePayloads[RealtimeEvent.ESCALATION_CHANGED]) {
      return this.review.get(payload.escalationId);
    },
  })
  escalationChanged(): AsyncIterableIterator<RealtimePayloads[RealtimeEvent.ESCALATION_CHANGED]> {
    return this.pubsub.asyncIterator(RealtimeEvent.ESCALATION_CHANGED);
  }

  @ResolveField(() => PostModel, { nullable: true, description: 'The post in any state (clinicians see held posts).' })
  async post(@Parent() escalation: EscalationModel, @CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<PostModel | null> {
    if (!escalation.postId) return null;
    const visible = await this.posts.findVisible(viewer, escalation.postId, this.forum.for(ctx));
    return visible ? PostModel.from(visible.post) : null;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => MemberModel, { nullable: true })
  acknowledgedBy(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return escalation.acknowledgedById ? this.forum.for(ctx).member.load(escalation.acknowledgedById) : Promise.resolve(null);
  }

  /*
   * Clinical fields. A peer specialist reaches an escalation only by escalating a case
   * (escalateCase's answer, and what hangs below it); what they need is that it was raised and
   * where it stands: id, status, createdAt, subject, and for their own case its note, post and
   * case (severity and trigger as EscalationReviewService.getForRaiser decides). How fast the
   * clinicians must answer (ackDueAt, level, reminders), who answered and when (acknowledgedBy,
   * acknowledgedAt, resolvedAt), what they concluded (outcome, ackNote, resolutionNote), the risk
   * evidence and the follow-through (pages, signals, outreach) are the clinicians': asked by anyone
   * else, each answers FORBIDDEN here, by whatever path the escalation was reached, whatever the
   * object handed to GraphQL carries. What peers are told of a resolution is the hand-back note on
   * their case, in words chosen for them (moderation's close-escalation-cases), not these fields.
   */

  @Roles(...CLINICAL)
  @ResolveField(() => Int, { description: '1 on-call clinician, 2 backup, 3 all clinicians, 4 every clinician and admin.' })
  level(@Parent() escalation: EscalationModel): number {
    return escalation.level;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => Int, { description: 'Times everyone at the last level was paged again because nobody acknowledged.' })
  reminders(@Parent() escalation: EscalationModel): number {
    return escalation.reminders;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => Date)
  ackDueAt(@Parent() escalation: EscalationModel): Date {
    return escalation.ackDueAt;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => Date, { nullable: true })
  acknowledgedAt(@Parent() escalation: EscalationModel): Date | null {
    return escalation.acknowledgedAt;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => String, { nullable: true })
  ackNote(@Parent() escalation: EscalationModel): string | null {
    return escalation.ackNote;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => Date, { nullable: true })
  resolvedAt(@Parent() escalation: EscalationModel): Date | null {
    return escalation.resolvedAt;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => EscalationOutcome, { nullable: true })
  outcome(@Parent() escalation: EscalationModel): EscalationOutcome | null {
    return escalation.outcome;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => String, { nullable: true })
  resolutionNote(@Parent() escalation: EscalationModel): string | null {
    return escalation.resolutionNote;
  }

  @Roles(...CLINICAL)
  @ResolveField(() => [String], { description: 'The matched risk evidence, one JSON object per item.' })
  evidence(@Parent() escalation: EscalationModel): string[] {
    return escalation.evidence;
  }

  @ResolveField(() => MemberModel, { description: 'The client this is about, by pseudonym.' })
  async subject(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return this.forum.for(ctx).member.load(escalation.subjectId);
  }
}
