import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { CaseStatus } from '../common/domain/moderation.enums';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { pageSize } from '../common/pagination/connection';
import { EscalationReviewService } from '../escalation/escalation-review.service';
import { EscalationModel } from '../escalation/models/escalation.model';
import { requestLoader } from '../escalation/request-loader';
import { ForumLoaders } from '../forum/forum-loaders';
import { PostModel } from '../forum/models/post.model';
import { MemberModel } from '../members/models/member.model';
import { RealtimeEvent, RealtimePayloads } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { AddCaseNoteInput } from './add-case-note.input';
import { CaseContextService } from './case-context.service';
import { CaseDecisionsService } from './case-decisions.service';
import { EscalateCaseInput } from './escalate-case.input';
import { CaseEvidenceModel, CaseNoteModel, ModerationCaseConnection, ModerationCaseModel, QueueCountModel, RiskSignalModel } from './models/moderation-case.model';
import { ModerationQueueService, toCaseModel } from './moderation-queue.service';
import { ModerationScopeService } from './moderation-scope.service';
import { ResolveCaseInput } from './resolve-case.input';

const STAFF = [Role.PEER_SPECIALIST, Role.CLINICIAN, Role.ADMIN];

const CASE_LOADER = 'moderation.cases';

/** The peer specialists' queue. Thin: rules live in the queue, decisions and context services. */
@Resolver(() => ModerationCaseModel)
export class ModerationResolver {
  constructor(
    private readonly queue: ModerationQueueService,
    private readonly decisions: CaseDecisionsService,
    private readonly context: CaseContextService,
    private readonly scope: ModerationScopeService,
    private readonly escalations: EscalationReviewService,
    private readonly forum: ForumLoaders,
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
    return this.queue.list(await this.scope.scopeOf(viewer), status ?? null, limit, after);
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
    const escalationId = await this.decisions.escalate(viewer, { caseId: parseId(input.caseId, 'caseId'), note: input.note }, ctx.requestId);
    return this.escalations.get(escalationId);
  }

  @Roles(...STAFF)
  @Subscription(() => ModerationCaseModel, {
    description: 'A case in your spaces opened, changed or was decided.',
    filter(this: ModerationResolver, payload: RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED], _args: unknown, ctx: RequestContext) {
      return ctx.viewer ? this.scope.covers(ctx.viewer, payload.spaceId) : false;
    },
    async resolve(this: ModerationResolver, payload: RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED]) {
      const [row] = await this.queue.findByIds([payload.caseId]);
      return toCaseModel(row);
    },
  })
  moderationQueueChanged(): AsyncIterableIterator<RealtimePayloads[RealtimeEvent.MODERATION_QUEUE_CHANGED]> {
    return this.pubsub.asyncIterator(RealtimeEvent.MODERATION_QUEUE_CHANGED);
  }

  @ResolveField(() => PostModel, { nullable: true, description: 'The post in any state (staff).' })
  async post(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<PostModel | null> {
    const post = await this.forum.for(ctx).post.load(c.postId);
    return post ? PostModel.from(post) : null;
  }

  @ResolveField(() => [PostModel], { description: 'The posts just before and after it in its thread (any state; staff).' })
  async threadContext(@Parent() c: ModerationCaseModel): Promise<PostModel[]> {
    return (await this.context.threadContext(c.postId)).map((p) => PostModel.from(p));
  }

  @ResolveField(() => MemberModel, { nullable: true })
  assignee(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return c.assigneeId ? this.forum.for(ctx).member.load(c.assigneeId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true, description: "The post's author, by pseudonym." })
  author(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return this.forum.for(ctx).member.load(c.subjectId);
  }

  @ResolveField(() => [CaseNoteModel], { description: 'Staff notes, oldest first (the latest 50).' })
  notes(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<CaseNoteModel[]> {
    return requestLoader<CaseNoteModel[]>(ctx, 'moderation.notes', (ids) => this.context.notesByCase(ids))
      .load(c.id)
      .then((notes) => notes ?? []);
  }

  @ResolveField(() => CaseEvidenceModel, { nullable: true, description: "What screening saw in the post's current revision." })
  evidence(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<CaseEvidenceModel | null> {
    return requestLoader<CaseEvidenceModel>(ctx, 'moderation.evidence', (ids) => this.context.evidenceByPost(ids)).load(c.postId);
  }

  @ResolveField(() => Int, { description: 'Distinct members who reported the post.' })
  async reportCount(@Parent() c: ModerationCaseModel, @Ctx() ctx: RequestContext): Promise<number> {
    return (await requestLoader<number>(ctx, 'moderation.reports', (ids) => this.context.reportCounts(ids)).load(c.postId)) ?? 0;
  }

  @ResolveField(() => [ModerationCaseModel], { description: "The author's five most recent other cases." })
  async authorRecentCases(@Parent() c: ModerationCaseModel): Promise<ModerationCaseModel[]> {
    return (await this.queue.recentForSubject(c.subjectId, c.id, 5)).map(toCaseModel);
  }

  @ResolveField(() => [RiskSignalModel], { description: "The author's ten most recent risk signals." })
  authorRiskSignals(@Parent() c: ModerationCaseModel): Promise<RiskSignalModel[]> {
    return this.context.riskSignals(c.subjectId, 10);
  }


  /** Shared with the escalation resolver below. */
  caseLoader(ctx: RequestContext) {
    return requestLoader<ModerationCaseModel>(ctx, CASE_LOADER, async (ids) => new Map((await this.queue.findByIds(ids)).map((r) => [r.id, toCaseModel(r)])));
  }
}

/** `Escalation.case` lives here: moderation may read escalations, not the other way round. */
@Resolver(() => CaseNoteModel)
export class CaseNoteResolver {
  constructor(private readonly forum: ForumLoaders) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'Who wrote the note, by pseudonym.' })
  author(@Parent() note: CaseNoteModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return note.authorId ? this.forum.for(ctx).member.load(note.authorId) : Promise.resolve(null);
  }
}

@Resolver(() => EscalationModel)
export class EscalationCaseResolver {
  constructor(private readonly queue: ModerationQueueService) {}

  @ResolveField(() => ModerationCaseModel, { nullable: true })
  async case(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<ModerationCaseModel | null> {
    if (!escalation.caseId) return null;
    return requestLoader<ModerationCaseModel>(ctx, CASE_LOADER, async (ids) => new Map((await this.queue.findByIds(ids)).map((r) => [r.id, toCaseModel(r)]))).load(
      escalation.caseId,
    );
  }
}

/** Counts beside the queue, computed only when a client asks for them. */
@Resolver(() => ModerationCaseConnection)
export class ModerationQueueCountsResolver {
  constructor(private readonly queue: ModerationQueueService) {}

  @ResolveField(() => [QueueCountModel], { description: 'Active cases per status (OPEN, CLAIMED) and priority in your spaces, by the same predicates as the list.' })
  counts(@Parent() connection: ModerationCaseConnection): Promise<QueueCountModel[]> {
    return this.queue.counts(connection.scope);
  }
}
