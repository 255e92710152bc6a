import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handlers';
import { JobName } from '../queue/queue.types';
import { EscalationEmailService } from './escalation-email.service';
import { EscalationPagingService } from './escalation-paging.service';
import { OnCallRosterService } from './roster/on-call-roster.service';

/** Escalation's jobs, run by the worker host: paging, acknowledgement deadlines, webhook and email delivery, the timer sweep, the roster gap check. */
@Injectable()
export class EscalationJobHandlers {
  readonly page: JobHandler<JobName.PAGE_ESCALATION> = { run: (page) => this.paging.page(page) };
  readonly deadline: JobHandler<JobName.ESCALATION_DEADLINE> = { run: (page) => this.paging.deadline(page) };
  readonly deliverWebhook: JobHandler<JobName.DELIVER_ESCALATION_WEBHOOK> = {
    run: (page, job) => this.paging.deliverWebhook(page, job.attemptsMade + 1),
  };
  readonly deliverEmail: JobHandler<JobName.DELIVER_ESCALATION_EMAIL> = {
    run: ({ deliveryId }) => this.email.deliver(deliveryId),
    // The last attempt failed: the delivery shows FAILED on the escalation's pages.
    onFailed: async (job) => {
      const deliveryId = (job.data as { deliveryId?: unknown }).deliveryId;
      if (typeof deliveryId === 'string' && job.attemptsMade >= (job.opts.attempts ?? 1)) await this.email.failed(deliveryId);
    },
  };
  readonly sweep: JobHandler<JobName.SWEEP_ESCALATION_TIMERS> = { run: () => this.paging.sweep() };
  readonly checkRosterGaps: JobHandler<JobName.CHECK_ROSTER_GAPS> = { run: () => this.roster.notifyUpcomingGaps() };

  constructor(
    private readonly paging: EscalationPagingService,
    private readonly email: EscalationEmailService,
    private readonly roster: OnCallRosterService,
  ) {}
}
