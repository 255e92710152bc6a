import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handlers';
import { JobName } from '../queue/queue.types';
import { EngagementRollupService } from './engagement-rollup.service';

/** Insights' job, run by the worker host: the repeatable refresh of the engagement rollup. */
@Injectable()
export class InsightsJobHandlers {
  readonly refreshRollup: JobHandler<JobName.REFRESH_ENGAGEMENT_ROLLUP> = { run: () => this.rollup.refresh() };

  constructor(private readonly rollup: EngagementRollupService) {}
}
