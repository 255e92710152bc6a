import { Module } from '@nestjs/common';
import { EngagementRollupService } from './engagement-rollup.service';
import { EngagementService } from './engagement.service';
import { InsightsRepository } from './insights.repository';
import { InsightsResolver } from './insights.resolver';
import { InsightsJobHandlers } from './insights.worker';

/**
 * Engagement and safety figures for the care team (issue #18). At the top of the import graph: it
 * reads other features' tables as read-only aggregates (insights.repository.ts) and nothing imports it.
 */
@Module({
  providers: [InsightsRepository, EngagementService, EngagementRollupService, InsightsResolver, InsightsJobHandlers],
  exports: [InsightsJobHandlers],
})
export class InsightsModule {}
