import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { ForumNotifications } from './forum-notifications.service';
import { MovedPost, PostsRepository } from './posts.repository';
import { RevisionToScreen, ScreeningOutboxRepository } from './screening-outbox.repository';

/** A status change asked for by screening, moderation or the forum's own report threshold. */
export interface PostTransition {
  postId: string;
  /** Move only from one of these states, e.g. `[PENDING]` for screening, `[HELD]` for an approval. */
  from: readonly PostStatus[];
  to: PostStatus.PUBLISHED | PostStatus.HELD | PostStatus.REMOVED;
  /** Required when `to` is HELD. */
  heldReason?: HeldReason;
  /**
   * The revision the caller decided about. Screening must pass it, so a job for an old revision
   * cannot publish a newer edit nobody has screened.
   */
  revision?: number;
}

/**
 * How other features move a post through its lifecycle. Every move is one conditional UPDATE, so
 * two workers, a moderator and an author editing at the same moment cannot undo each other: the
 * move that finds the post no longer in `from` (or at another revision) changes nothing.
 *
 * The move's own statement refuses what must never happen (PostsRepository.move): a post becomes
 * PUBLISHED only when a screening row exists for its current revision (write the screening first,
 * in the same transaction), from any state: an author may edit a HELD post, and a moderator
 * approving it must not publish words the worker has not read yet. Nothing leaves DELETED.
 */
@Injectable()
export class PostLifecycleService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly revisions: ScreeningOutboxRepository,
    private readonly notices: ForumNotifications,
  ) {}

  /** Returns the post as moved, or null when it was not in a state (or revision) the move allows. */
  async transition(manager: EntityManager, move: PostTransition): Promise<MovedPost | null> {
    if (move.from.includes(PostStatus.DELETED)) throw new Error('A deleted post never changes status.');
    if (move.to === PostStatus.HELD && !move.heldReason) throw new Error('Holding a post needs a held reason.');
    if (move.to === PostStatus.PUBLISHED && move.from.includes(PostStatus.PENDING) && move.revision === undefined) {
      throw new Error('Publishing a pending post needs the screened revision.');
    }
    const moved = await this.posts.move(manager, {
      postId: move.postId,
      from: move.from,
      to: move.to,
      heldReason: move.to === PostStatus.HELD ? (move.heldReason ?? null) : null,
      revision: move.revision ?? null,
    });
    // A reply that just became public tells the people it concerns, in this same transaction.
    if (moved?.status === PostStatus.PUBLISHED) await this.notices.afterPublished(manager, moved.postId);
    return moved;
  }

  /**
   * The stored text of one revision, for the screening worker. Null when there is no such
   * revision. A deleted or superseded revision is still returned: a crisis in it must still reach
   * a human, even when the post itself will not change.
   */
  async revisionToScreen(postId: string, revision: number, manager?: EntityManager): Promise<RevisionToScreen | null> {
    return this.revisions.revisionToScreen(postId, revision, manager);
  }
}
