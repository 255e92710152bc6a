import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { ForumNotifications } from './forum-notifications.service';

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

export interface MovedPost {
  postId: string;
  threadId: string;
  spaceId: string;
  authorId: string;
  status: PostStatus;
  revision: number;
}

export interface RevisionToScreen {
  postId: string;
  threadId: string;
  spaceId: string;
  authorId: string;
  revision: number;
  /** The post's revision now: when it is higher, this one was superseded by an edit. */
  currentRevision: number;
  status: PostStatus;
  /** The plain text to screen; a first post's text begins with its thread's title. */
  text: string;
}

/**
 * How other features move a post through its lifecycle. Every move is one conditional UPDATE, so
 * two workers, a moderator and an author editing at the same moment cannot undo each other: the
 * move that finds the post no longer in `from` (or at another revision) changes nothing.
 *
 * The database refuses what must never happen: a post becomes PUBLISHED only when a screening row
 * exists for its current revision (write the screening first, in the same transaction), from any
 * state: an author may edit a HELD post, and a moderator approving it must not publish words the
 * worker has not read yet. Nothing leaves DELETED.
 */
@Injectable()
export class PostLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: ForumNotifications,
  ) {}

  /** Returns the post as moved, or null when it was not in a state (or revision) the move allows. */
  async transition(manager: EntityManager, move: PostTransition): Promise<MovedPost | null> {
    if (move.from.includes(PostStatus.DELETED)) throw new Error('A deleted post never changes status.');
    if (move.to === PostStatus.HELD && !move.heldReason) throw new Error('Holding a post needs a held reason.');
    if (move.to === PostStatus.PUBLISHED && move.from.includes(PostStatus.PENDING) && move.revision === undefined) {
      throw new Error('Publishing a pending post needs the screened revision.');
    }
    const rows: Array<{ id: string; thread_id: string; space_id: string; author_id: string; status: PostStatus; revision: number }> = await manager.query(
      `WITH moved AS (
           UPDATE posts SET status = $2, held_reason = $3, status_changed_at = now()
            WHERE id = $1
              AND status = ANY($4::text[])
              AND ($5::int IS NULL OR revision = $5)
              AND ($2 <> 'PUBLISHED' OR EXISTS (SELECT 1 FROM screenings s WHERE s.post_id = posts.id AND s.revision = posts.revision))
           RETURNING id, thread_id, space_id, author_id, status, revision
         ), bumped AS (
           -- A thread's activity moves only when one of its posts becomes visible to everyone.
           UPDATE threads t SET last_activity_at = now() FROM moved WHERE t.id = moved.thread_id AND moved.status = 'PUBLISHED'
           RETURNING t.id
         )
         SELECT * FROM moved`,
      [move.postId, move.to, move.to === PostStatus.HELD ? move.heldReason : null, move.from, move.revision ?? null],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    // A reply that just became public tells the people it concerns, in this same transaction.
    if (row.status === PostStatus.PUBLISHED) await this.notices.afterPublished(manager, row.id);
    return { postId: row.id, threadId: row.thread_id, spaceId: row.space_id, authorId: row.author_id, status: row.status, revision: row.revision };
  }

  /**
   * The stored text of one revision, for the screening worker. Null when there is no such
   * revision. A deleted or superseded revision is still returned: a crisis in it must still reach
   * a human, even when the post itself will not change.
   */
  async revisionToScreen(postId: string, revision: number, manager: EntityManager = this.dataSource.manager): Promise<RevisionToScreen | null> {
    const rows: Array<{ thread_id: string; space_id: string; author_id: string; status: PostStatus; current_revision: number; body_text: string }> =
      await manager.query(
        `SELECT p.thread_id, p.space_id, p.author_id, p.status, p.revision AS current_revision, r.body_text
           FROM post_revisions r JOIN posts p ON p.id = r.post_id
          WHERE r.post_id = $1 AND r.revision = $2`,
        [postId, revision],
      );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      postId,
      threadId: row.thread_id,
      spaceId: row.space_id,
      authorId: row.author_id,
      revision,
      currentRevision: row.current_revision,
      status: row.status,
      text: row.body_text,
    };
  }
}
