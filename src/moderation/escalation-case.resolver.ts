import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth/current-viewer.decorator';
import { RequestContext } from '../common/auth/viewer';
import { EscalationModel } from '../escalation/models/escalation.model';
import { EscalationSignalModel } from '../escalation/models/escalation-follow-through.model';
import { ModerationCaseModel } from './models/moderation-case.model';
import { ModerationQueueService } from './moderation-queue.service';

/** `Escalation.case` lives in moderation: moderation may read escalations, not the other way round. */
@Resolver(() => EscalationModel)
export class EscalationCaseResolver {
  constructor(private readonly queue: ModerationQueueService) {}

  @ResolveField(() => ModerationCaseModel, { nullable: true })
  async case(@Parent() escalation: EscalationModel, @Ctx() ctx: RequestContext): Promise<ModerationCaseModel | null> {
    if (!escalation.caseId) return null;
    return this.queue.caseLoader(ctx).load(escalation.caseId);
  }
}

/**
 * `EscalationSignal.case`, here for the same reason. A signal is only reached through
 * `Escalation.signals` (clinicians and admins); the loader still filters by the viewer's scope.
 */
@Resolver(() => EscalationSignalModel)
export class EscalationSignalCaseResolver {
  constructor(private readonly queue: ModerationQueueService) {}

  @ResolveField(() => ModerationCaseModel, {
    nullable: true,
    description: "The moderation case of the signal's post: its open one, else the last decided (null when it has none or the signal is not from a post).",
  })
  async case(@Parent() signal: EscalationSignalModel, @Ctx() ctx: RequestContext): Promise<ModerationCaseModel | null> {
    if (!signal.postId) return null;
    return this.queue.caseOfPostLoader(ctx).load(signal.postId);
  }
}
