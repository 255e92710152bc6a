import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { Viewer } from '../common/auth/viewer';
import { isStaff } from '../common/domain/role.enum';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { hitFixedWindow } from '../common/rate-limit/fixed-window-rate-limit';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { REDIS } from '../redis/redis.module';

export type ForumAction = 'post' | 'react' | 'report';

/**
 * Generous on purpose: someone writing a lot in a hard moment must not be turned away, so the
 * limits only stop floods. Staff are not limited.
 */
export const FORUM_RATE_LIMITS: Record<ForumAction, { limit: number; windowSeconds: number }> = {
  post: { limit: 30, windowSeconds: 600 },
  react: { limit: 300, windowSeconds: 600 },
  report: { limit: 30, windowSeconds: 3_600 },
};

/**
 * A fixed window per member and action (`hitFixedWindow`, shared with the admin preview's limit).
 * When Redis is down the limit is skipped: posting keeps working.
 */
@Injectable()
export class ForumRateLimiter {
  private readonly logger: Logger;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly config: AppConfig,
  ) {
    this.logger = logger.child({ component: 'forum-rate-limiter' });
  }

  async consume(viewer: Viewer, action: ForumAction): Promise<void> {
    if (isStaff(viewer.role)) return;
    const { windowSeconds } = FORUM_RATE_LIMITS[action];
    const limit = FORUM_RATE_LIMITS[action].limit * this.config.forumRateLimitMultiplier;
    const exceeded = await hitFixedWindow(this.redis, this.logger, `ratelimit:forum:${action}:${viewer.memberId}`, limit, windowSeconds, { action });
    if (exceeded) {
      const { retryAfter } = exceeded;
      if (action === 'post') {
        // Whoever hits this may be in distress: say where help is before saying "wait".
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          `You have posted a lot in a short time, so new posts are paused for ${retryAfter} s. ` +
            `If you need to talk to someone now: ${this.config.crisisResources ?? 'call or text 988, any time.'}`,
          { retryAfter },
        );
      }
      throw AppError.rateLimited(retryAfter);
    }
  }
}
