import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/roles.decorator';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { Connection, pageSize } from '../common/pagination/connection';
import { RiskTimelineConnection, RiskTimelineEntryModel } from './models/risk-timeline-entry.model';
import { RiskTimelineService } from './risk-timeline.service';

/** The clinicians' per-client risk view. */
@Resolver(() => RiskTimelineEntryModel)
export class RiskTimelineResolver {
  constructor(private readonly timeline: RiskTimelineService) {}

  @Roles(Role.CLINICIAN, Role.ADMIN)
  @Query(() => RiskTimelineConnection, { description: "A client's risk signals, cases and escalations over time, newest first." })
  clientRiskTimeline(
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<RiskTimelineEntryModel>> {
    return this.timeline.timeline(parseId(memberId, 'memberId'), pageSize(first), after);
  }
}
