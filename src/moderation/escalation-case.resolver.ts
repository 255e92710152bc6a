import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth/current-viewer.decorator';
import { RequestContext } from '../common/auth/viewer';
import { EscalationModel } from '../escalation/models/escalation.model';
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
