import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { Viewer } from '../common/auth/viewer';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { AppError } from '../common/errors/app-error';
import { stripUnsafeChars } from '../common/text/unsafe-characters';
import { MAX_BODY_TEXT_CHARS } from '../forum/post-body.sanitizer';
import { ROOT_LOGGER } from '../logging/logging.module';
import { REDIS } from '../redis/redis.module';
import { hitFixedWindow } from '../common/rate-limit/fixed-window-rate-limit';
import { CrisisModel } from '../screening/crisis-model/crisis-model';
import { screenText } from '../screening/pipeline/screen-text';
import { ScreeningRepository } from '../screening/screening.repository';
import { ScreeningPreviewModel } from './models/screening-preview.model';

/** Previews an admin may run in a window: a person trying words out, never a bulk classifier. */
export const PREVIEW_RATE_LIMIT = { limit: 120, windowSeconds: 600 };

/**
 * "Would this be caught?": the real screening phases (screen-text.ts) over a sample text, in the
 * API process, with the watched words as the worker reads them. Nothing is written and the text
 * is never logged: it lives only in this request. The toxicity model is left out on purpose: it
 * is a large model loaded only by the worker, and loading it in every API process for a preview
 * would cost its memory there. The policy is therefore asked without it (not "toxicity required").
 */
@Injectable()
export class ScreeningPreviewService {
  private crisisModel: CrisisModel | null | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly screenings: ScreeningRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'screening-preview' });
  }

  async preview(admin: Viewer, rawText: string): Promise<ScreeningPreviewModel> {
    const text = stripUnsafeChars(rawText ?? '').trim();
    if (text.length === 0) throw AppError.badInput('text', 'Write a sample text to check.');
    if (text.length > MAX_BODY_TEXT_CHARS) throw AppError.badInput('text', `The sample is too long: at most ${MAX_BODY_TEXT_CHARS} characters, like a post.`);
    await this.consume(admin);
    const crisisModel = this.loadCrisisModel();
    // The list as stored, not the workers' few-seconds cache: an admin's change shows in their next preview.
    const watchedWords = await this.screenings.watchedWordEntries();
    const outcome = await screenText(text, { watchedWords, toxicity: null, crisisModel, policy: { toxicityRequired: false } });
    const crisis = outcome.crisis;
    return {
      decision: outcome.decision.decision,
      heldReason: outcome.decision.heldReason,
      reasons: [...outcome.decision.reasons],
      casePriority: outcome.decision.casePriority,
      escalationSeverity: outcome.decision.escalation?.severity ?? null,
      authorNotice: outcome.decision.authorNotice,
      crisisLevel: CrisisLevel[crisis.level],
      crisisEvidence: [...crisis.evidence, ...crisis.threatEvidence].map((e) => ({
        phrase: e.phrase,
        construct: e.construct,
        level: CrisisLevel[e.effectiveTier],
        discount: e.discount,
      })),
      watchedWordHits: outcome.watchedWords.hits.map((hit) => ({ source: hit.source, phrase: hit.phrase, action: hit.action, why: hit.why })),
      crisisModelUsed: crisisModel !== null,
      toxicityIncluded: false,
    };
  }

  /** Loaded on the first preview, not at start-up: most API processes never run one. */
  private loadCrisisModel(): CrisisModel | null {
    if (this.crisisModel !== undefined) return this.crisisModel;
    try {
      this.crisisModel = CrisisModel.loadCommitted();
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'crisis model could not be loaded: previews use the crisis patterns alone');
      this.crisisModel = null;
    }
    return this.crisisModel;
  }

  /** A fixed window per admin in Redis (like the forum's limits); skipped when Redis is down. */
  private async consume(admin: Viewer): Promise<void> {
    const { limit, windowSeconds } = PREVIEW_RATE_LIMIT;
    const exceeded = await hitFixedWindow(this.redis, this.logger, `ratelimit:admin:preview:${admin.memberId}`, limit, windowSeconds, { limiter: 'preview' });
    if (exceeded) throw AppError.rateLimited(exceeded.retryAfter);
  }
}
