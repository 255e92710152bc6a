import { Logger } from 'pino';
import { RealtimeEvent } from './realtime-events';
import { RedisPubSub } from './redis-pubsub';

/**
 * After commit: tells the author's open app that their post's state changed. The change is already
 * committed, so a failed publish is logged, not retried: the app also re-reads a post it is still
 * waiting on, so the author sees the new state a little later instead of never.
 */
export async function announcePostChanged(pubsub: RedisPubSub, logger: Logger, change: { postId: string; authorId: string }): Promise<void> {
  try {
    // Ids only, copied field by field: nothing else of the caller's object reaches Redis.
    await pubsub.publish(RealtimeEvent.POST_CHANGED, { postId: change.postId, authorId: change.authorId });
  } catch (error) {
    logger.warn({ postId: change.postId, err: { message: (error as Error).message } }, 'could not publish post-changed');
  }
}
