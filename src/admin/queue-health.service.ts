import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { JobProducer } from '../queue/job-producer.service';
import { QueueName } from '../queue/queue.types';
import { ScreeningBacklogRepository } from '../screening/screening-backlog.repository';
import { QueueHealthModel } from './models/queue-health.model';

/** Failed jobs one retry puts back at most: a huge pile is retried in rounds, not in one Redis call. */
export const MAX_RETRIED_PER_CALL = 1_000;

/**
 * The admins' queue health: counts per BullMQ queue (never job data, which holds ids only anyway)
 * and the screening outbox's backlog, plus a retry of a queue's failed jobs.
 */
@Injectable()
export class QueueHealthService {
  constructor(
    private readonly jobs: JobProducer,
    private readonly backlog: ScreeningBacklogRepository,
    private readonly audit: AuditService,
  ) {}

  async health(): Promise<QueueHealthModel> {
    const [queues, pending] = await Promise.all([
      Promise.all(
        Object.values(QueueName).map(async (name) => {
          const queue = this.jobs.queue(name);
          const [counts, paused] = await Promise.all([
            queue.getJobCounts('waiting', 'active', 'failed', 'delayed', 'completed', 'paused', 'prioritized'),
            queue.isPaused(),
          ]);
          return {
            queue: name,
            // Prioritised and paused jobs wait too: BullMQ keeps them in lists of their own.
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
            active: counts.active ?? 0,
            failed: counts.failed ?? 0,
            delayed: counts.delayed ?? 0,
            completed: counts.completed ?? 0,
            paused,
          };
        }),
      ),
      this.backlog.pendingRequests(),
    ]);
    return { queues, pendingScreenings: pending.count, oldestPendingScreeningSeconds: pending.oldestAgeSeconds, checkedAt: new Date() };
  }

  /** Puts the queue's failed jobs back to wait (audited); answers how many were failed when asked. */
  async retryFailed(admin: Viewer, name: QueueName, requestId: string): Promise<number> {
    const queue = this.jobs.queue(name);
    const failed = Math.min(await queue.getFailedCount(), MAX_RETRIED_PER_CALL);
    if (failed > 0) await queue.retryJobs({ state: 'failed', count: failed });
    await this.audit.record({
      actorId: admin.memberId,
      actorRole: admin.role,
      action: 'queue.failed_retried',
      targetType: 'queue',
      targetId: name,
      requestId,
      details: { retried: failed },
    });
    return failed;
  }
}
