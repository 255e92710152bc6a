import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PostStatus } from '../common/domain/post-status.enum';

export interface ExportedPost {
  id: string;
  threadId: string;
  /** The title, when the member started the thread. */
  threadTitle: string | null;
  status: PostStatus;
  createdAt: Date;
  revisions: Array<{ revision: number; bodyHtml: string; bodyText: string; createdAt: Date }>;
}

/**
 * The forum's rows of one member as a whole (posts, revisions, threads they started, reactions,
 * reports): their data export, erasure at their request, and the retention sweep's text removal.
 */
@Injectable()
export class MemberPostsDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Their posts with the revisions they wrote (never another member's), oldest first. */
  async postsBy(memberId: string): Promise<ExportedPost[]> {
    return this.dataSource.query(
      `SELECT p.id, p.thread_id AS "threadId", CASE WHEN t.author_id = p.author_id AND t.first_post_id = p.id THEN t.title END AS "threadTitle",
              p.status, p.created_at AS "createdAt",
              COALESCE((SELECT jsonb_agg(jsonb_build_object('revision', r.revision, 'bodyHtml', r.body_html, 'bodyText', r.body_text, 'createdAt', r.created_at)
                                         ORDER BY r.revision)
                          FROM post_revisions r WHERE r.post_id = p.id AND r.author_id = $1), '[]'::jsonb) AS revisions
         FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1
        ORDER BY p.created_at, p.id`,
      [memberId],
    );
  }

  async reactionsBy(memberId: string): Promise<Array<{ postId: string; kind: string; createdAt: Date }>> {
    return this.dataSource.query(`SELECT post_id AS "postId", kind, created_at AS "createdAt" FROM reactions WHERE member_id = $1 ORDER BY created_at`, [
      memberId,
    ]);
  }

  async reportsBy(memberId: string): Promise<Array<{ postId: string; reason: string; createdAt: Date }>> {
    return this.dataSource.query(`SELECT post_id AS "postId", reason, created_at AS "createdAt" FROM reports WHERE reporter_id = $1 ORDER BY created_at`, [
      memberId,
    ]);
  }

  /**
   * Erasure: the text of every post the member wrote (body, plain text, every revision), the
   * titles of threads they started and the reasons of their reports become `marker`. Posts stay
   * (replies and threads keep their shape). Returns the ids of their posts.
   */
  async eraseTextBy(manager: EntityManager, memberId: string, marker: string): Promise<string[]> {
    const markerHtml = `<p>${marker}</p>`;
    const posts: Array<{ id: string }> = await manager.query(
      `WITH erased AS (
         UPDATE posts SET body_html = $2, body_text = $3, text_removed_at = COALESCE(text_removed_at, now()) WHERE author_id = $1 RETURNING id
       ) SELECT id FROM erased`,
      [memberId, markerHtml, marker],
    );
    const ids = posts.map((p) => p.id);
    await manager.query(`UPDATE post_revisions SET body_html = $3, body_text = $4 WHERE author_id = $1 OR post_id = ANY($2::uuid[])`, [
      memberId,
      ids,
      markerHtml,
      marker,
    ]);
    await manager.query(`UPDATE threads SET title = $2 WHERE author_id = $1`, [memberId, marker]);
    await manager.query(`UPDATE reports SET reason = $2 WHERE reporter_id = $1`, [memberId, marker]);
    return ids;
  }

  /**
   * Retention: held and removed posts whose state is older than `days` lose their text (body,
   * revisions, the thread's title when the post opens it, and the reasons members gave when they
   * reported it: free text that may quote it), at most `limit` per call, oldest first. Returns the
   * ids of the posts it purged and of the threads whose title went with them.
   */
  async purgeHeldAndRemovedText(
    manager: EntityManager,
    days: number,
    marker: string,
    limit: number,
  ): Promise<{ postIds: string[]; retitledThreadIds: string[] }> {
    const markerHtml = `<p>${marker}</p>`;
    const posts: Array<{ id: string }> = await manager.query(
      `WITH due AS (
         SELECT id FROM posts
          WHERE status IN ($1, $2) AND text_removed_at IS NULL AND status_changed_at < now() - make_interval(days => $3)
          ORDER BY status_changed_at LIMIT $4 FOR UPDATE SKIP LOCKED
       ), purged AS (
         UPDATE posts p SET body_html = $5, body_text = $6, text_removed_at = now() FROM due WHERE p.id = due.id RETURNING p.id
       ) SELECT id FROM purged`,
      [PostStatus.HELD, PostStatus.REMOVED, days, limit, markerHtml, marker],
    );
    const postIds = posts.map((p) => p.id);
    if (postIds.length === 0) return { postIds, retitledThreadIds: [] };
    await manager.query(`UPDATE post_revisions SET body_html = $2, body_text = $3 WHERE post_id = ANY($1::uuid[])`, [postIds, markerHtml, marker]);
    const threads: Array<{ id: string }> = await manager.query(
      `WITH retitled AS (UPDATE threads SET title = $2 WHERE first_post_id = ANY($1::uuid[]) RETURNING id) SELECT id FROM retitled`,
      [postIds, marker],
    );
    await manager.query(`UPDATE reports SET reason = $2 WHERE post_id = ANY($1::uuid[])`, [postIds, marker]);
    return { postIds, retitledThreadIds: threads.map((t) => t.id) };
  }
}
