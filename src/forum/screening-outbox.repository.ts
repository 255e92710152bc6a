import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PostStatus } from '../common/domain/post-status.enum';
import { queryPreparedIn } from '../common/sql/prepared-statement';
import { quotedPassagesOf } from './post-body.sanitizer';

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

/** The columns `revisionToScreenSql` reads. */
export interface RevisionToScreenRow {
  thread_id: string;
  space_id: string;
  author_id: string;
  status: PostStatus;
  current_revision: number;
  body_text: string;
  body_html: string;
  quote_post_id: string | null;
  opening_post_id: string | null;
}

/** One revision's stored text and where its post is now, for the screening worker. */
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
  /** The plain text of the revision's quote blocks: someone else's words, not the author's. */
  quotedPassages: string[];
  /** The post this one quotes, if any. */
  quotePostId: string | null;
  /** The thread's first post (this post itself when it opens the thread). */
  threadOpeningPostId: string;
}

/**
 * The outbox side of "every revision is screened": `post_revisions` (every revision a post ever
 * had, kept for staff and audit) and the write of its `screening_requests` row (screening's table:
 * written here, with the revision, because it must commit with the post and forum cannot call the
 * feature above it; the worker's sweeper re-enqueues rows still pending after a while, so a post
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
   * A deleted or superseded revision is still returned: a crisis in it must still reach a human,
   * even when the post itself will not change.
   */
  async revisionToScreen(postId: string, revision: number, manager: EntityManager = this.dataSource.manager): Promise<RevisionToScreen | null> {
    const rows = await queryPreparedIn<RevisionToScreenRow>(manager, 'revision-to-screen', ScreeningOutboxRepository.revisionToScreenSql('$1', '$2'), [
      postId,
      revision,
    ]);
    return rows.length === 0 ? null : ScreeningOutboxRepository.toRevisionToScreen(postId, revision, rows[0]);
  }

  /**
   * `revisionToScreen`'s read as SQL over the post id and revision (SQL expressions, e.g. `$1`):
   * at most one row of `RevisionToScreenRow`, for a statement that must read more beside it (the
   * screening worker's one read per job). Map the row with `toRevisionToScreen`.
   */
  static revisionToScreenSql(postId: string, revision: string): string {
    return `SELECT p.thread_id, p.space_id, p.author_id, p.status, p.revision AS current_revision, r.body_text, r.body_html, p.quote_post_id,
              t.first_post_id AS opening_post_id
         FROM post_revisions r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id
        WHERE r.post_id = ${postId} AND r.revision = ${revision}`;
  }

  static toRevisionToScreen(postId: string, revision: number, row: RevisionToScreenRow): RevisionToScreen {
    return {
      postId,
      threadId: row.thread_id,
      spaceId: row.space_id,
      authorId: row.author_id,
      revision,
      currentRevision: row.current_revision,
      status: row.status,
      text: row.body_text,
      quotedPassages: quotedPassagesOf(row.body_html),
      quotePostId: row.quote_post_id,
      threadOpeningPostId: row.opening_post_id ?? postId,
    };
  }
}
