import Redis from 'ioredis';
import { Logger } from 'pino';

/** Over the limit: retry after this many seconds (at least 1). */
export interface RateLimitExceeded {
  retryAfter: number;
}

/**
 * One hit on a fixed window per key that starts at the first hit, kept in Redis so every API
 * process counts together: null while within `limit`, else when to retry. When Redis is down the
 * limit is skipped (logged, never fatal): the forum and the admin tools keep working.
 */
export async function hitFixedWindow(
  redis: Redis,
  logger: Logger,
  key: string,
  limit: number,
  windowSeconds: number,
  logContext: Record<string, unknown> = {},
): Promise<RateLimitExceeded | null> {
  let count: number;
  let ttl: number;
  try {
    // SET NX starts the window with its expiry in the same transaction, so a key never outlives it.
    const replies = await redis.multi().set(key, 0, 'EX', windowSeconds, 'NX').incr(key).ttl(key).exec();
    count = Number(replies?.[1]?.[1]);
    ttl = Number(replies?.[2]?.[1]);
  } catch (error) {
    logger.warn({ ...logContext, err: error instanceof Error ? error.message : String(error) }, 'rate limit skipped: Redis unavailable');
    return null;
  }
  if (!Number.isFinite(count) || count <= limit) return null;
  return { retryAfter: Math.max(1, Number.isFinite(ttl) ? ttl : windowSeconds) };
}
