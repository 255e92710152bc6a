import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { announcePostChanged } from '../notifications/realtime/announce-post-changed';
import { JobProducer } from '../queue/job-producer.service';
import { JobName, JobPayloads, QueueName } from '../queue/queue.types';
import { AppliedScreening, ApplyScreeningDecision, ScreeningTarget } from './apply-screening-decision.service';
import { type CrisisAssessment, detectCrisis } from './pipeline/crisis-detector';
import { normaliseText } from './pipeline/normalise';
import { screenText } from './pipeline/screen-text';
import { screeningDuration, screeningsTotal } from './screening.metrics';
import { ToxicityModel } from './toxicity-model.provider';
import { WatchedWordsCache } from './watched-words.cache';

/** Job data is re-validated in the worker: anything that reached Redis is input, not truth. */
const screenPostPayload = z.strictObject({ postId: z.uuid(), revision: z.number().int().positive() });

export type ScreenPostPayload = JobPayloads[JobName.SCREEN_POST];

/** An invalid payload names no post to hold, so retrying it can never help. */
export function parseScreenPostPayload(data: unknown): ScreenPostPayload {
  const parsed = screenPostPayload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`invalid screen-post payload: ${parsed.error.issues.map((i) => i.path.join('.') || 'data').join(', ')}`);
  return parsed.data;
}

export type ScreenPostResult = 'screened' | 'already-screened';

/**
 * Screens one post revision: load it from PostgreSQL, run the phases, apply the decision in one
 * transaction, then page the clinicians of any new escalation and announce the case it opened. A thrown error retries the job;
 * the worker calls `failClosed` after the last attempt.
 */
@Injectable()
export class ScreenPostProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly watchedWords: WatchedWordsCache,
    private readonly toxicity: ToxicityModel,
    private readonly applyDecision: ApplyScreeningDecision,
    private readonly jobs: JobProducer,
    private readonly pubsub: RedisPubSub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly config: AppConfig,
  ) {}

  async screen(data: unknown): Promise<ScreenPostResult> {
    const payload = parseScreenPostPayload(data);
    // Cheap check first: a re-delivered job should not run the model again.
    if (await this.alreadyScreened(payload)) return 'already-screened';
    const loaded = await this.loadTarget(payload);
    if (!loaded) throw new Error('post revision not found');

    const started = performance.now();
    const outcome = await screenText(loaded.text, {
      watchedWords: await this.watchedWords.list(),
      toxicity: this.toxicity.classifier,
      policy: { toxicityRequired: this.toxicity.required },
      toxicityTimeoutMs: this.config.screening.toxicityTimeoutMs,
    });
    const applied = await this.applyDecision.execute(loaded.target, outcome, performance.now() - started);
    if (!applied.applied) return 'already-screened';

    screeningsTotal.inc({ decision: outcome.decision.decision });
    screeningDuration.observe((Date.now() - loaded.writtenAt.getTime()) / 1000);
    await this.page(applied.newEscalationIds);
    await this.announce(applied.changedCase);
    await announcePostChanged(this.pubsub, this.logger, loaded.target);
    return 'screened';
  }

  /**
   * Holds the post for a person after screening failed for good. Returns false when there is no
   * such post revision to hold (nothing can be published without one either).
   */
  async failClosed(data: unknown, failure: { name: string; attempts: number }): Promise<boolean> {
    const payload = parseScreenPostPayload(data);
    const loaded = await this.loadTarget(payload);
    if (!loaded) {
      this.logger.error({ postId: payload.postId, revision: payload.revision }, 'screening failed for a post revision that does not exist');
      return false;
    }
    const applied = await this.applyDecision.executeFailure(loaded.target, failure, this.readCrisisAlone(loaded.text, payload));
    if (applied.applied) {
      screeningsTotal.inc({ decision: 'SCREENING_FAILED' });
      this.logger.error(
        { postId: payload.postId, revision: payload.revision, error: failure.name, attempts: failure.attempts },
        'screening failed: post held for review',
      );
      await this.page(applied.newEscalationIds);
      await this.announce(applied.changedCase);
      await announcePostChanged(this.pubsub, this.logger, loaded.target);
    }
    return true;
  }

  /**
   * The model-free crisis phase on its own, for a post whose full screening failed. Null when even
   * that cannot read it; the post is then held with an URGENT case and nothing else is assumed.
   */
  private readCrisisAlone(text: string, payload: ScreenPostPayload): CrisisAssessment | null {
    try {
      return detectCrisis(normaliseText(text));
    } catch (error) {
      this.logger.error({ postId: payload.postId, revision: payload.revision, err: { name: (error as Error).name } }, 'crisis phase failed too');
      return null;
    }
  }

  private async alreadyScreened(payload: ScreenPostPayload): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM screenings WHERE post_id = $1 AND revision = $2`, [payload.postId, payload.revision]);
    return rows.length > 0;
  }

  private async loadTarget(payload: ScreenPostPayload): Promise<{ target: ScreeningTarget; text: string; writtenAt: Date } | null> {
    const rows: Array<{ body_text: string; author_id: string; space_id: string; thread_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT r.body_text, r.author_id, p.space_id, p.thread_id, r.created_at
       FROM post_revisions r JOIN posts p ON p.id = r.post_id
       WHERE r.post_id = $1 AND r.revision = $2`,
      [payload.postId, payload.revision],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      target: { postId: payload.postId, revision: payload.revision, authorId: row.author_id, spaceId: row.space_id, threadId: row.thread_id },
      text: row.body_text,
      writtenAt: row.created_at,
    };
  }

  /**
   * After commit: tell the live moderation queue of the case this screening opened or joined. The
   * screening is done either way; if Redis fails right now the case still waits in the queue (and
   * its due-time reminder is announced), so this is logged, not retried.
   */
  private async announce(changedCase: AppliedScreening['changedCase']): Promise<void> {
    if (!changedCase) return;
    try {
      await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, changedCase);
    } catch (error) {
      this.logger.warn(
        { caseId: changedCase.caseId, err: { message: (error as Error).message } },
        'could not publish moderation-queue-changed for a screened post',
      );
    }
  }

  /**
   * After commit: page each new escalation. If Redis fails right now the escalation row is already
   * committed and OPEN; the escalation worker's sweeper pages open escalations that never were.
   */
  private async page(escalationIds: string[]): Promise<void> {
    for (const escalationId of escalationIds) {
      try {
        await this.jobs.add(QueueName.ESCALATION, JobName.PAGE_ESCALATION, { escalationId, level: 1 });
      } catch (error) {
        this.logger.warn(
          { escalationId, err: { message: (error as Error).message } },
          'could not enqueue page-escalation; the escalation sweeper will page it',
        );
      }
    }
  }
}
