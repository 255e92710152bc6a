import { Args, ID, Info, Int, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { Viewer } from '../common/auth/viewer';
import { STAFF_ROLES } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { mayBeSelected } from '../common/graphql/lookahead';
import { Connection, ConnectionType, pageSize } from '../common/pagination/connection';
import { EngagementService, FiguresWanted } from './engagement.service';
import { EngagementBucket, EngagementSeries, EngagementSummary, InsightSpace, UnansweredThread } from './models/engagement.model';

/** What the selection may ask for of the figures under `under` (the summary itself, or a series' points). */
function figuresWanted(info: GraphQLResolveInfo, under: string[]): FiguresWanted {
  const moderation = [...under, 'moderation'];
  return {
    moderation: mayBeSelected(info, moderation),
    lookTimes: mayBeSelected(info, [...moderation, 'timeToFirstLook']) || mayBeSelected(info, [...moderation, 'byPriority', 'timeToFirstLook']),
  };
}

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
    @Info() info: GraphQLResolveInfo,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('spaceId', { type: () => ID, nullable: true }) spaceId?: string | null,
  ): Promise<EngagementSummary> {
    return this.engagement.summary(viewer, spaceId ? parseId(spaceId, 'spaceId') : null, from, to, figuresWanted(info, []));
  }

  @Roles(...STAFF_ROLES)
  @Query(() => EngagementSeries, { description: 'The same figures per UTC day or ISO week of [from, to), every bucket present.' })
  engagementSeries(
    @CurrentViewer() viewer: Viewer,
    @Info() info: GraphQLResolveInfo,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('bucket', { type: () => EngagementBucket, defaultValue: EngagementBucket.DAY }) bucket: EngagementBucket,
    @Args('spaceId', { type: () => ID, nullable: true }) spaceId?: string | null,
  ): Promise<EngagementSeries> {
    return this.engagement.series(viewer, spaceId ? parseId(spaceId, 'spaceId') : null, from, to, bucket, figuresWanted(info, ['points']));
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
