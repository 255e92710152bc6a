import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/queue.types';
import { ScreenPostProcessor } from './screen-post.processor';

/** Rows looked at per sweep; a backlog larger than this drains over the next sweeps. */
const SWEEP_BATCH = 500;

export interface SweepResult {
  /** Requests put (back) on the queue. */
  enqueued: number;
  /** Requests whose job failed for good but whose hold never committed: held now. */
  failedClosed: number;
  /** Requests whose job is still waiting, delayed or running. */
  inFlight: number;
}

/**
 * The outbox side of "none lost": screening requests still PENDING after a while are checked
 * against their job in Redis. A missing job (Redis was down when the post was written, or the job
 * was lost) is enqueued again; a job that failed for good without its hold committing (the
 * database was out, or BullMQ failed a job that stalled too often) is failed closed here.
 * Deterministic job ids make racing sweepers in several workers harmless.
 */
@Injectable()
export class ScreeningOutboxSweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
    private readonly processor: ScreenPostProcessor,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(): Promise<SweepResult> {
    const afterSeconds = this.config.screening.sweepAfterMs / 1000;
    const stale: Array<{ post_id: string; revision: number }> = await this.dataSource.query(
      `SELECT post_id, revision FROM screening_requests
       WHERE state = 'PENDING' AND created_at < now() - make_interval(secs => $1)
         AND (last_enqueued_at IS NULL OR last_enqueued_at < now() - make_interval(secs => $1))
       ORDER BY created_at LIMIT $2`,
      [afterSeconds, SWEEP_BATCH],
    );
    const result: SweepResult = { enqueued: 0, failedClosed: 0, inFlight: 0 };
    const enqueued: Array<{ postId: string; revision: number }> = [];
    for (const row of stale) {
      const job = { name: JobName.SCREEN_POST, data: { postId: row.post_id, revision: row.revision } } as const;
      const { state, attemptsMade } = await this.jobs.lookup(job);
      switch (state) {
        case 'failed':
          await this.processor.failClosed(job.data, { name: 'JobFailedInQueue', attempts: attemptsMade });
          result.failedClosed += 1;
          break;
        case 'completed':
          // Completed without finishing its request should not happen (they commit together);
          // screen again rather than trust it: the screenings unique key keeps it idempotent.
          await this.jobs.replace(job);
          enqueued.push(job.data);
          break;
        case 'unknown':
          await this.jobs.enqueue(job);
          enqueued.push(job.data);
          break;
        case 'active':
        case 'waiting':
        case 'waiting-children':
        case 'delayed':
        case 'prioritized':
          result.inFlight += 1;
          break;
      }
    }
    if (enqueued.length > 0) {
      await this.dataSource.query(
        `UPDATE screening_requests r SET enqueue_count = r.enqueue_count + 1, last_enqueued_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS e(post_id, revision)
         WHERE r.post_id = e.post_id AND r.revision = e.revision`,
        [enqueued.map((e) => e.postId), enqueued.map((e) => e.revision)],
      );
      this.logger.info({ count: enqueued.length }, 'outbox sweeper re-enqueued unfinished screening requests');
    }
    result.enqueued = enqueued.length;
    return result;
  }
}
