import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PostStatus } from '../common/domain/post-status.enum';
import { queryPreparedIn } from '../common/sql/prepared-statement';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { PublishedReply, ReactedPost } from './forum-notification-texts';

/** What the forum's notifications need to know about a post, read in the caller's transaction. */
@Injectable()
export class ForumNotificationsRepository {
  /**
   * The reply with its thread's author, the author it quotes and its own author's display name
   * (null when the member row is gone); null unless it is a PUBLISHED reply (not a first post).
   * Prepared: the screening worker runs it for every reply it publishes.
   */
  async publishedReply(
    manager: EntityManager,
    postId: string,
  ): Promise<(Omit<PublishedReply, 'replyAuthorName'> & { replyAuthorDisplayName: string | null }) | null> {
    const rows = await queryPreparedIn<{
      thread_id: string;
      author_id: string;
      author_display_name: string | null;
      thread_author_id: string;
      thread_title: string;
      opening_status: PostStatus | null;
      quoted_author_id: string | null;
      quoted_status: PostStatus | null;
    }>(
      manager,
      'published-reply',
      `SELECT p.thread_id, p.author_id, m.display_name AS author_display_name, t.author_id AS thread_author_id, t.title AS thread_title,
              o.status AS opening_status, q.author_id AS quoted_author_id, q.status AS quoted_status
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
         LEFT JOIN members m ON m.id = p.author_id
         LEFT JOIN posts o ON o.id = t.first_post_id
         LEFT JOIN posts q ON q.id = p.quote_post_id
        WHERE p.id = $1 AND p.status = $2 AND t.first_post_id IS DISTINCT FROM p.id`,
      [postId, PostStatus.PUBLISHED],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      replyAuthorDisplayName: row.author_display_name,
      replyId: postId,
      threadId: row.thread_id,
      replyAuthorId: row.author_id,
      threadAuthorId: row.thread_author_id,
      threadTitle: row.thread_title,
      openingStatus: row.opening_status,
      quotedAuthorId: row.quoted_author_id,
      quotedStatus: row.quoted_status,
    };
  }

  /** The post and the reactions other members gave it, by kind; null when there is no such post. */
  async reactedPost(manager: EntityManager, postId: string): Promise<ReactedPost | null> {
    const rows: Array<{ thread_id: string; author_id: string; status: PostStatus; opening: boolean; totals: Partial<Record<ReactionKind, number>> }> =
      await manager.query(
        `SELECT p.thread_id, p.author_id, p.status, t.first_post_id = p.id AS opening,
                (SELECT coalesce(json_object_agg(k.kind, k.n), '{}'::json)
                   FROM (SELECT r.kind, count(*)::int AS n FROM reactions r WHERE r.post_id = p.id AND r.member_id <> p.author_id GROUP BY r.kind) k) AS totals
           FROM posts p JOIN threads t ON t.id = p.thread_id
          WHERE p.id = $1`,
        [postId],
      );
    if (rows.length === 0) return null;
    const row = rows[0];
    return { postId, threadId: row.thread_id, authorId: row.author_id, status: row.status, opening: row.opening, totals: row.totals };
  }
}
