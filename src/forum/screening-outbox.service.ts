import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName } from '../queue/queue.types';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { ScreeningRequestEntity } from './entities/screening-request.entity';
import { ForumJobs } from './forum-jobs.service';

export interface NewRevision {
  postId: string;
  revision: number;
  authorId: string;
  bodyHtml: string;
  /** What screening reads (see `screenedText`). */
  bodyText: string;
}

/**
 * The write side of "every revision is screened": the revision and its screening request are
 * written in the caller's transaction; the job is enqueued after commit. If Redis is down then,
 * the post is still saved and the worker's sweeper enqueues it later.
 */
@Injectable()
export class ScreeningOutboxService {
  constructor(private readonly jobs: ForumJobs) {}

  async record(manager: EntityManager, revision: NewRevision): Promise<void> {
    await manager.insert(PostRevisionEntity, revision);
    await manager.insert(ScreeningRequestEntity, { postId: revision.postId, revision: revision.revision });
  }

  /**
   * `record` as CTE members for a single-statement write: the revision and screening request of
   * every row the named CTE (an `INSERT INTO posts ... RETURNING *`) returns.
   */
  static recordFromCte(postCte: string): string {
    return `revision AS (
         INSERT INTO post_revisions (post_id, revision, author_id, body_html, body_text)
         SELECT id, revision, author_id, body_html, body_text FROM ${postCte}
       ), screening_request AS (
         INSERT INTO screening_requests (post_id, revision) SELECT id, revision FROM ${postCte}
       )`;
  }

  /** Call after the transaction committed; never throws (the worker's outbox sweeper enqueues what this could not). */
  async dispatch(postId: string, revision: number): Promise<void> {
    await this.jobs.enqueue({ name: JobName.SCREEN_POST, data: { postId, revision } });
  }
}
