import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A post revision to keep and screen. */
export interface NewRevision {
  postId: string;
  revision: number;
  authorId: string;
  bodyHtml: string;
  /** What screening reads (see `screenedText`). */
  bodyText: string;
}

/** Where a screening request is: written PENDING with its revision, finished by the screening worker. */
export enum ScreeningRequestState {
  /** Written with the post; a job may or may not be in Redis yet. */
  PENDING = 'PENDING',
  DONE = 'DONE',
  /** The last attempt failed; the post was held for a human. */
  FAILED = 'FAILED',
}

/** One revision's stored text and where it was written, for the screening worker. */
export interface RevisionToScreen {
  postId: string;
  revision: number;
  /** The revision's author (an edit is the post author's too). */
  authorId: string;
  spaceId: string;
  threadId: string;
  /** The plain text to screen; a first post's text begins with its thread's title. */
  text: string;
  writtenAt: Date;
}

export interface PendingScreening {
  postId: string;
  revision: number;
}

/**
 * The outbox side of "every revision is screened": `post_revisions` (every revision a post ever
 * had, kept for staff and audit) and `screening_requests` (one per revision, written in the same
 * transaction; the worker's sweeper re-enqueues rows still pending after a while, so a post
 * written while Redis was down, or whose job was lost, is still screened).
 */
@Injectable()
export class ScreeningOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * THE write of a revision and its screening request, as CTE members over `source`: a CTE (or
   * VALUES list) with columns id, revision, author_id, body_html, body_text. `recordRevision` runs
   * it on its own; the one-statement reply (PostsRepository.insertReplyIfAllowed) puts it beside
   * its `INSERT INTO posts ... RETURNING *`.
   */
  static revisionForScreeningCte(source: string): string {
    return `revision AS (
         INSERT INTO post_revisions (post_id, revision, author_id, body_html, body_text)
         SELECT id, revision, author_id, body_html, body_text FROM ${source}
       ), screening_request AS (
         INSERT INTO screening_requests (post_id, revision) SELECT id, revision FROM ${source}
       )`;
  }

  /** Keeps the revision and asks for its screening, in the caller's transaction: one statement. */
  async recordRevision(manager: EntityManager, revision: NewRevision): Promise<void> {
    await manager.query(
      `WITH new_revision (id, revision, author_id, body_html, body_text) AS (VALUES ($1::uuid, $2::int, $3::uuid, $4::text, $5::text)),
       ${ScreeningOutboxRepository.revisionForScreeningCte('new_revision')}
       SELECT 1`,
      [revision.postId, revision.revision, revision.authorId, revision.bodyHtml, revision.bodyText],
    );
  }

  /**
   * The stored text of one revision, for the screening worker; null when there is no such revision.
   * A deleted or superseded revision is still returned: a crisis in it must still reach a human.
   */
  async revisionToScreen(postId: string, revision: number): Promise<RevisionToScreen | null> {
    const rows: Array<{ body_text: string; author_id: string; space_id: string; thread_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT r.body_text, r.author_id, p.space_id, p.thread_id, r.created_at
       FROM post_revisions r JOIN posts p ON p.id = r.post_id
       WHERE r.post_id = $1 AND r.revision = $2`,
      [postId, revision],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return { postId, revision, authorId: row.author_id, spaceId: row.space_id, threadId: row.thread_id, text: row.body_text, writtenAt: row.created_at };
  }

  /** Requests still pending `afterSeconds` after they were written and last enqueued, oldest first. */
  async stalePending(afterSeconds: number, limit: number): Promise<PendingScreening[]> {
    const rows: Array<{ post_id: string; revision: number }> = await this.dataSource.query(
      `SELECT post_id, revision FROM screening_requests
       WHERE state = 'PENDING' AND created_at < now() - make_interval(secs => $1)
         AND (last_enqueued_at IS NULL OR last_enqueued_at < now() - make_interval(secs => $1))
       ORDER BY created_at LIMIT $2`,
      [afterSeconds, limit],
    );
    return rows.map((r) => ({ postId: r.post_id, revision: r.revision }));
  }

  async markEnqueued(requests: readonly PendingScreening[]): Promise<void> {
    if (requests.length === 0) return;
    await this.dataSource.query(
      `UPDATE screening_requests r SET enqueue_count = r.enqueue_count + 1, last_enqueued_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS e(post_id, revision)
       WHERE r.post_id = e.post_id AND r.revision = e.revision`,
      [requests.map((e) => e.postId), requests.map((e) => e.revision)],
    );
  }

  async finish(manager: EntityManager, request: PendingScreening, state: ScreeningRequestState.DONE | ScreeningRequestState.FAILED): Promise<void> {
    await manager.query(`UPDATE screening_requests SET state = $3, finished_at = now() WHERE post_id = $1 AND revision = $2`, [
      request.postId,
      request.revision,
      state,
    ]);
  }
}
