import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handlers';
import { JobName } from '../queue/queue.types';
import { EscalationPagingService } from './escalation-paging.service';

/** Escalation's jobs, run by the worker host: paging, acknowledgement deadlines, webhook delivery and the timer sweep. */
@Injectable()
export class EscalationJobHandlers {
  readonly page: JobHandler<JobName.PAGE_ESCALATION> = { run: (page) => this.paging.page(page) };
  readonly deadline: JobHandler<JobName.ESCALATION_DEADLINE> = { run: (page) => this.paging.deadline(page) };
  readonly deliverWebhook: JobHandler<JobName.DELIVER_ESCALATION_WEBHOOK> = {
    run: (page, job) => this.paging.deliverWebhook(page, job.attemptsMade + 1),
  };
  readonly sweep: JobHandler<JobName.SWEEP_ESCALATION_TIMERS> = { run: () => this.paging.sweep() };

  constructor(private readonly paging: EscalationPagingService) {}
}
