import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ModerationCaseConnection, QueueCountModel } from './models/moderation-case.model';
import { ModerationQueueService } from './moderation-queue.service';

/** Counts beside the queue, computed only when a client asks for them. */
@Resolver(() => ModerationCaseConnection)
export class ModerationQueueCountsResolver {
  constructor(private readonly queue: ModerationQueueService) {}

  @ResolveField(() => [QueueCountModel], {
    description: 'Active cases per status (OPEN, CLAIMED) and priority in your spaces, by the same predicates as the list.',
  })
  counts(@Parent() connection: ModerationCaseConnection): Promise<QueueCountModel[]> {
    return this.queue.counts(connection.scope);
  }
}
