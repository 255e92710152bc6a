import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { PostLifecycleService } from '../forum/post-lifecycle.service';
import type { RevisionToScreen } from '../forum/screening-outbox.repository';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { announcePostChanged } from '../notifications/realtime/announce-post-changed';
import { JobProducer } from '../queue/job-producer.service';
import { JobName, JobPayloads } from '../queue/queue.types';
import { AppliedScreening, ApplyScreeningDecision, ScreeningTarget } from './apply-screening-decision.service';
import { LoadedCrisisModel } from './crisis-model.provider';
import { type CrisisAssessment, detectCrisis } from './pipeline/crisis-detector';
import { normaliseText } from './pipeline/normalise';
import { AUTHOR_SIGNAL_WINDOW_DAYS } from './pipeline/screening-context';
import { screenText } from './pipeline/screen-text';
import { screeningDuration, screeningsTotal } from './screening.metrics';
import { ScreeningRepository } from './screening.repository';
import { ToxicityModel } from './toxicity-model.provider';
import { WatchedWordsCache } from './watched-words.cache';

export type ScreenPostPayload = JobPayloads[JobName.SCREEN_POST];

export type ScreenPostResult = 'screened' | 'already-screened';

interface LoadedRevision {
  target: ScreeningTarget;
  text: string;
  quotedPassages: string[];
  /** The post this one answers: the one it quotes, else its thread's first post; null for a first post. */
  repliesTo: string | null;
}

/**
 * Screens one post revision: load it from PostgreSQL, run the phases, apply the decision in one
 * transaction, then page the clinicians of any new escalation and announce the case it opened. A thrown error retries the job;
 * the worker calls `failClosed` after the last attempt.
 */
@Injectable()
export class ScreenPostProcessor {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly lifecycle: PostLifecycleService,
    private readonly watchedWords: WatchedWordsCache,
    private readonly toxicity: ToxicityModel,
    private readonly crisisModel: LoadedCrisisModel,
    private readonly applyDecision: ApplyScreeningDecision,
    private readonly jobs: JobProducer,
    private readonly pubsub: RedisPubSub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly config: AppConfig,
  ) {}

  async screen(payload: ScreenPostPayload): Promise<ScreenPostResult> {
    // One round trip reads what the job needs: whether it is screened already, the revision and its context.
    const inputs = await this.screenings.screeningInputs(payload, AUTHOR_SIGNAL_WINDOW_DAYS);
    // A re-delivered job does not run the model again.
    if (inputs.screened) return 'already-screened';
    if (!inputs.revision) throw new Error('post revision not found');
    const loaded = loadedRevision(inputs.revision, payload.revision);

    const started = performance.now();
    const outcome = await screenText(
      loaded.text,
      {
        watchedWords: await this.watchedWords.list(),
        toxicity: this.toxicity.classifier,
        crisisModel: this.crisisModel.model,
        policy: { toxicityRequired: this.toxicity.required },
        toxicityTimeoutMs: this.config.screening.toxicityTimeoutMs,
      },
      {
        quotedPassages: loaded.quotedPassages,
        authorRecentSignal: inputs.authorRecentSignal,
        repliedTo: loaded.repliesTo && inputs.repliedToLevel ? { postId: loaded.repliesTo, level: inputs.repliedToLevel } : null,
      },
    );
    const applied = await this.applyDecision.apply(loaded.target, { kind: 'screened', outcome, durationMs: performance.now() - started });
    if (!applied.applied) return 'already-screened';

    screeningsTotal.inc({ decision: outcome.decision.decision });
    // The request is written with the post, in one transaction: created -> screened.
    if (inputs.requestedAt) screeningDuration.observe((Date.now() - inputs.requestedAt.getTime()) / 1000);
    await this.page(applied.newEscalationIds);
    await this.announce(applied.changedCase);
    await announcePostChanged(this.pubsub, this.logger, loaded.target);
    return 'screened';
  }

  /**
   * Holds the post for a person after screening failed for good. Returns false when there is no
   * such post revision to hold (nothing can be published without one either).
   */
  async failClosed(payload: ScreenPostPayload, failure: { name: string; attempts: number }): Promise<boolean> {
    const loaded = await this.loadTarget(payload);
    if (!loaded) {
      this.logger.error({ postId: payload.postId, revision: payload.revision }, 'screening failed for a post revision that does not exist');
      return false;
    }
    const applied = await this.applyDecision.apply(loaded.target, { kind: 'failed', failure, crisis: this.readCrisisAlone(loaded, payload) });
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
  private readCrisisAlone(loaded: LoadedRevision, payload: ScreenPostPayload): CrisisAssessment | null {
    try {
      return detectCrisis(normaliseText(loaded.text), { quotedPassages: loaded.quotedPassages });
    } catch (error) {
      this.logger.error({ postId: payload.postId, revision: payload.revision, err: { name: (error as Error).name } }, 'crisis phase failed too');
      return null;
    }
  }

  /** The revision to screen, through the forum's read of its own tables; null when there is no such revision. */
  private async loadTarget(payload: ScreenPostPayload): Promise<LoadedRevision | null> {
    const revision = await this.lifecycle.revisionToScreen(payload.postId, payload.revision);
    return revision ? loadedRevision(revision, payload.revision) : null;
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
        await this.jobs.enqueue({ name: JobName.PAGE_ESCALATION, data: { escalationId, level: 1 } });
      } catch (error) {
        this.logger.warn(
          { escalationId, err: { message: (error as Error).message } },
          'could not enqueue page-escalation; the escalation sweeper will page it',
        );
      }
    }
  }
}

/** The revision as the phases and the decide phase take it. */
function loadedRevision(revision: RevisionToScreen, screenedRevision: number): LoadedRevision {
  const { postId, threadId, spaceId, authorId, text, quotedPassages, quotePostId, threadOpeningPostId } = revision;
  // A reply answers the post it quotes, or else the post that opened its thread.
  const repliesTo = quotePostId ?? (threadOpeningPostId !== postId ? threadOpeningPostId : null);
  return { target: { postId, revision: screenedRevision, authorId, spaceId, threadId }, text, quotedPassages, repliesTo };
}
