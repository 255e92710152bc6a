import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { staffScopeOf } from '../common/auth/staff-scope';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { CaseStatus } from '../common/domain/moderation.enums';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { listCost } from '../common/graphql/query-cost';
import { pageSize } from '../common/pagination/connection';
import { EscalationReviewService } from '../escalation/escalation-review.service';
import { EscalationModel } from '../escalation/models/escalation.model';
import { requestLoader } from '../common/graphql/request-loaders';
import { ForumLoaders } from '../forum/forum-loaders';
import { PostEntity } from '../forum/entities/post.entity';
import { PostModel } from '../forum/models/post.model';
import { PostsService } from '../forum/posts.service';
import { MembersService } from '../members/members.service';
import { MemberModel } from '../members/models/member.model';
import { RealtimeEvent, RealtimePayloads } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { AddCaseNoteInput } from './add-case-note.input';
import { CaseContextService, CONTEXT_EACH_SIDE, MAX_NOTES } from './case-context.service';
import { CaseDecisionsService } from './case-decisions.service';
import { EscalateCaseInput } from './escalate-case.input';
import { CaseEvidenceModel, CaseNoteModel, ModerationCaseConnection, ModerationCaseModel, RiskSignalModel } from './models/moderation-case.model';
import { ModerationQueueService } from './moderation-queue.service';
import { ResolveCaseInput } from './resolve-case.input';

const STAFF = [Role.PEER_SPECIALIST, Role.CLINICIAN, Role.ADMIN];

/** How much of the author's history sits beside a case. */
const RECENT_CASES = 5;
const RISK_SIGNALS = 10;

/** The peer specialists' queue. Thin: rules live in the queue, decisions and context services. */
@Resolver(() => ModerationCaseModel)
export class ModerationResolver {
  constructor(
    private readonly queue: ModerationQueueService,
    private readonly decisions: CaseDecisionsService,
    private readonly context: CaseContextService,
    private readonly escalations: EscalationReviewService,
    private readonly forum: ForumLoaders,
    private readonly posts: PostsService,
    private readonly members: MembersService,
    private readonly pubsub: RedisPubSub,
  ) {}

  @Roles(...STAFF)
  @Query(() => ModerationCaseConnection, { description: 'Cases in your spaces, most urgent first; without status, every unresolved case.' })
  async moderationQueue(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => CaseStatus, nullable: true }) status?: CaseStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ModerationCaseConnection> {
    const limit = pageSize(first);
    return this.queue.list(staffScopeOf(viewer), status ?? null, limit, after);
  }

  @Roles(...STAFF)
  @Query(() => ModerationCaseModel, {
    nullable: true,
    description: 'One case in your spaces, resolved ones too (the case view); null when it does not exist or is outside your spaces.',
  })
  moderationCase(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ModerationCaseModel | null> {
    return this.queue.caseLoader(ctx).load(parseId(id));
  }

  @Roles(...STAFF)
  @Mutation(() => ModerationCaseModel, { description: 'Takes the case for a while (a lease renewed by working it); CONFLICT when someone else holds it.' })
  claimCase(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ModerationCaseModel> {
    return this.decisions.claim(viewer, parseId(id), ctx.requestId);
  }

  @Roles(...STAFF)
  @Mutation(() => ModerationCaseModel)
  resolveCase(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: ResolveCaseInput): Promise<ModerationCaseModel> {
    return this.decisions.resolve(viewer, { ...input, caseId: parseId(input.caseId, 'caseId') }, ctx.requestId);
  }

  @Roles(...STAFF)
  @Mutation(() => ModerationCaseModel, { description: 'Adds a staff note to a case in your spaces (also one held by a colleague, or resolved).' })
  addCaseNote(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: AddCaseNoteInput): Promise<ModerationCaseModel> {
    return this.decisions.addNote(viewer, { caseId: parseId(input.caseId, 'caseId'), note: input.note }, ctx.requestId);
  }

  @Roles(...STAFF)
  @Mutation(() => EscalationModel, { description: 'Raises an escalation to clinicians from the case.' })
  async escalateCase(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: EscalateCaseInput): Promise<EscalationModel> {
    const caseId = parseId(input.caseId, 'caseId');
    const escalationId = await this.decisions.escalate(viewer, { caseId, note: input.note }, ctx.requestId);
    return this.escalations.getForRaiser(viewer, escalationId, caseId);
  }

  @Roles(...STAFF)
  @Subscription(() => ModerationCaseModel, {
    description: 'A case in your spaces opened, changed or was decided.',
    // A socket lives longer than a request: each event is checked against the spaces the peer is
    // assigned to now, and its fields load afresh (the context is the socket's, not the event's).
    async filter(this: ModerationResolver, payload: RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED], _args: unknown, ctx: RequestContext) {
      if (!ctx.viewer) return false;
      ctx.viewer = await this.members.withModeratedSpaces(ctx.viewer);
      ctx.loaders.clear();
      return (await this.queue.caseLoader(ctx).load(payload.caseId)) !== null;
    },
    async resolve(this: ModerationResolver, payload: RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED], _args: unknown, ctx: RequestContext) {
      const case_ = await this.queue.caseLoader(ctx).load(payload.caseId);
      if (!case_) throw AppError.notFound('Case');
      return case_;
    },
  })
  moderationQueueChanged(): AsyncIterableIterator<RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED]> {
    return this.pubsub.asyncIterator(RealtimeEvent.MODERATION_QUEUE_CHANGED);
  }

  @ResolveField(() => PostModel, { nullable: true, description: 'The post in any state (staff).' })
  async post(@Parent() c: ModerationCaseModel, @CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<PostModel | null> {
    const visible = await this.posts.findVisible(viewer, c.postId, this.forum.for(ctx));
    return visible ? PostModel.from(visible.post) : null;
  }

  @ResolveField(() => [PostModel], {
    complexity: listCost(1 + 2 * CONTEXT_EACH_SIDE),
    description: 'The posts just before and after it in its thread (any state; staff).',
  })
  async threadContext(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<PostModel[]> {
    const ids = await requestLoader<string[]>(ctx, 'moderation.threadContext', (postIds) =>
      this.context.threadContextIds(staffScopeOf(ctx.viewer), postIds),
    ).load(c.postId);
    const posts = await this.forum.for(ctx).post.loadMany(ids ?? []);
    return posts.filter((p): p is PostEntity => p instanceof PostEntity).map((p) => PostModel.from(p));
  }

  @ResolveField(() => MemberModel, { nullable: true })
  assignee(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return c.assigneeId ? this.forum.for(ctx).member.load(c.assigneeId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true, description: "The post's author, by pseudonym." })
  author(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return this.forum.for(ctx).member.load(c.subjectId);
  }

  // Costed as a plain list (query-cost.ts), not at MAX_NOTES: a case rarely has more than a few notes.
  @ResolveField(() => [CaseNoteModel], { description: `Staff notes, oldest first (the latest ${MAX_NOTES}).` })
  notes(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<CaseNoteModel[]> {
    return requestLoader<CaseNoteModel[]>(ctx, 'moderation.notes', (ids) => this.context.notesByCase(staffScopeOf(ctx.viewer), ids))
      .load(c.id)
      .then((notes) => notes ?? []);
  }

  @ResolveField(() => CaseEvidenceModel, { nullable: true, description: "What screening saw in the post's current revision." })
  evidence(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<CaseEvidenceModel | null> {
    return requestLoader<CaseEvidenceModel>(ctx, 'moderation.evidence', (ids) => this.context.evidenceByPost(staffScopeOf(ctx.viewer), ids)).load(c.postId);
  }

  @ResolveField(() => Int, { description: 'Distinct members who reported the post.' })
  async reportCount(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<number> {
    return (await requestLoader<number>(ctx, 'moderation.reports', (ids) => this.context.reportCounts(staffScopeOf(ctx.viewer), ids)).load(c.postId)) ?? 0;
  }

  @ResolveField(() => [ModerationCaseModel], {
    complexity: listCost(RECENT_CASES),
    description: `The author's ${RECENT_CASES} most recent other cases (in your spaces).`,
  })
  async authorRecentCases(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<ModerationCaseModel[]> {
    const cases = await requestLoader<ModerationCaseModel[]>(ctx, 'moderation.authorRecentCases', (caseIds) =>
      this.queue.recentForAuthorsOf(staffScopeOf(ctx.viewer), caseIds, RECENT_CASES),
    ).load(c.id);
    return cases ?? [];
  }

  @ResolveField(() => [RiskSignalModel], {
    complexity: listCost(RISK_SIGNALS),
    description: `The author's ${RISK_SIGNALS} most recent risk signals (from posts in your spaces).`,
  })
  async authorRiskSignals(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<RiskSignalModel[]> {
    const signals = await requestLoader<RiskSignalModel[]>(ctx, 'moderation.authorRiskSignals', (subjectIds) =>
      this.context.riskSignals(staffScopeOf(ctx.viewer), subjectIds, RISK_SIGNALS),
    ).load(c.subjectId);
    return signals ?? [];
  }
}
