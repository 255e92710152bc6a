import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handlers';
import { JobName } from '../queue/queue.types';
import { CaseTimersService } from './case-timers.service';
import { CloseEscalationCasesService } from './close-escalation-cases.service';

/** Moderation's jobs, run by the worker host: reports into cases, case due-time reminders and their sweep, closing a resolved escalation's cases. */
@Injectable()
export class ModerationJobHandlers {
  readonly caseDue: JobHandler<JobName.CASE_DUE> = { run: ({ caseId }) => this.timers.caseDue(caseId) };
  readonly reviewReport: JobHandler<JobName.REVIEW_REPORT> = { run: ({ reportId }) => this.timers.reviewReport(reportId) };
  readonly sweep: JobHandler<JobName.SWEEP_MODERATION_TIMERS> = { run: () => this.timers.sweep() };
  readonly closeEscalationCases: JobHandler<JobName.CLOSE_ESCALATION_CASES> = { run: ({ escalationId }) => this.closeLoop.close(escalationId) };

  constructor(
    private readonly timers: CaseTimersService,
    private readonly closeLoop: CloseEscalationCasesService,
  ) {}
}
