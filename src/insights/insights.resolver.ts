import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { Viewer } from '../common/auth/viewer';
import { STAFF_ROLES } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { Connection, ConnectionType, pageSize } from '../common/pagination/connection';
import { EngagementService } from './engagement.service';
import { EngagementBucket, EngagementSeries, EngagementSummary, InsightSpace, UnansweredThread } from './models/engagement.model';

const UnansweredThreadConnection = ConnectionType(UnansweredThread, 'UnansweredThread');

/** The Insights page's figures: staff only; a peer specialist sees the spaces they are assigned to. */
@Resolver()
export class InsightsResolver {
  constructor(private readonly engagement: EngagementService) {}

  @Roles(...STAFF_ROLES)
  @Query(() => [InsightSpace], { description: 'The spaces you may see figures for (a peer specialist: their assigned spaces).' })
  insightSpaces(@CurrentViewer() viewer: Viewer): Promise<InsightSpace[]> {
    return this.engagement.spaces(viewer);
  }

  @Roles(...STAFF_ROLES)
  @Query(() => EngagementSummary, { description: 'Figures over [from, to) for one space, or (no spaceId) every space you may see.' })
  engagementSummary(
    @CurrentViewer() viewer: Viewer,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('spaceId', { type: () => ID, nullable: true }) spaceId?: string | null,
  ): Promise<EngagementSummary> {
    return this.engagement.summary(viewer, spaceId ? parseId(spaceId, 'spaceId') : null, from, to);
  }

  @Roles(...STAFF_ROLES)
  @Query(() => EngagementSeries, { description: 'The same figures per UTC day or ISO week of [from, to), every bucket present.' })
  engagementSeries(
    @CurrentViewer() viewer: Viewer,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('bucket', { type: () => EngagementBucket, defaultValue: EngagementBucket.DAY }) bucket: EngagementBucket,
    @Args('spaceId', { type: () => ID, nullable: true }) spaceId?: string | null,
  ): Promise<EngagementSeries> {
    return this.engagement.series(viewer, spaceId ? parseId(spaceId, 'spaceId') : null, from, to, bucket);
  }

  @Roles(...STAFF_ROLES)
  @Query(() => UnansweredThreadConnection, {
    description: 'Threads published over 24 h ago with no published reply by anyone but their author, newest first: ids and times only.',
  })
  unansweredThreadList(
    @CurrentViewer() viewer: Viewer,
    @Args('spaceId', { type: () => ID, nullable: true }) spaceId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<UnansweredThread>> {
    return this.engagement.unansweredThreads(viewer, spaceId ? parseId(spaceId, 'spaceId') : null, pageSize(first), after);
  }
}
