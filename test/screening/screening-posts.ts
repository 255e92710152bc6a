import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ScreeningOutboxRepository } from '../../src/forum/screening-outbox.repository';
import { JobProducer } from '../../src/queue/job-producer.service';
import { JobName } from '../../src/queue/queue.types';
import { waitFor } from '../utils/wait-for';

/**
 * Posts written the way the forum writes them (post, revision and screening request in one
 * transaction, then the job), so the worker can be driven without going through GraphQL.
 */
export interface WrittenPost {
  postId: string;
  threadId: string;
  revision: number;
  authorId: string;
}

export async function createMember(dataSource: DataSource, role = 'CLIENT'): Promise<string> {
  // Clients' pseudonyms are unique (case-insensitively), so each test member gets its own.
  const id = randomUUID();
  const rows: Array<{ id: string }> = await dataSource.query(`INSERT INTO members (sub, role, display_name) VALUES ($1, $2, $3) RETURNING id`, [
    `screening-${id}`,
    role,
    `Quiet Heron ${id.slice(0, 8)}`,
  ]);
  return rows[0].id;
}

export async function createSpace(dataSource: DataSource): Promise<string> {
  const rows: Array<{ id: string }> = await dataSource.query(`INSERT INTO spaces (slug, name) VALUES ($1, 'Screening tests') RETURNING id`, [
    `screening-${randomUUID()}`,
  ]);
  return rows[0].id;
}

/** A new thread whose first post has the given text, PENDING with its screening request. */
export async function writePost(dataSource: DataSource, spaceId: string, authorId: string, text: string): Promise<WrittenPost> {
  return dataSource.transaction(async (manager) => {
    const [thread]: Array<{ id: string }> = await manager.query(
      `INSERT INTO threads (space_id, author_id, title, last_activity_at) VALUES ($1, $2, 'A thread', now() - interval '1 day') RETURNING id`,
      [spaceId, authorId],
    );
    const html = `<p>${text.replace(/[<>&]/g, ' ')}</p>`;
    const [post]: Array<{ id: string }> = await manager.query(
      `INSERT INTO posts (thread_id, space_id, author_id, body_html, body_text) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [thread.id, spaceId, authorId, html, text],
    );
    await manager.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [post.id, thread.id]);
    // The revision and its screening request exactly as the forum writes them.
    await new ScreeningOutboxRepository(dataSource).recordRevision(manager, { postId: post.id, revision: 1, authorId, bodyHtml: html, bodyText: text });
    return { postId: post.id, threadId: thread.id, revision: 1, authorId };
  });
}

export async function enqueueScreening(jobs: JobProducer, post: WrittenPost): Promise<void> {
  await jobs.enqueue({ name: JobName.SCREEN_POST, data: { postId: post.postId, revision: post.revision } });
}

export async function postStatus(dataSource: DataSource, postId: string): Promise<{ status: string; held_reason: string | null }> {
  const rows: Array<{ status: string; held_reason: string | null }> = await dataSource.query(`SELECT status, held_reason FROM posts WHERE id = $1`, [postId]);
  return rows[0];
}

/** Waits until the post has left PENDING, and returns where it went. */
export function screened(dataSource: DataSource, postId: string, timeoutMs?: number): Promise<{ status: string; held_reason: string | null }> {
  return waitFor(
    `post ${postId} to be screened`,
    async () => {
      const row = await postStatus(dataSource, postId);
      return row.status !== 'PENDING' ? row : null;
    },
    { timeoutMs: timeoutMs },
  );
}

/** A reply in an existing thread, PENDING with its screening request; `quotePostId` is the post it quotes. */
export async function writeReply(
  dataSource: DataSource,
  thread: { threadId: string; spaceId: string },
  authorId: string,
  text: string,
  quotePostId: string | null = null,
): Promise<WrittenPost> {
  return dataSource.transaction(async (manager) => {
    const html = `<p>${text.replace(/[<>&]/g, ' ')}</p>`;
    const [post]: Array<{ id: string }> = await manager.query(
      `INSERT INTO posts (thread_id, space_id, author_id, quote_post_id, body_html, body_text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [thread.threadId, thread.spaceId, authorId, quotePostId, html, text],
    );
    await new ScreeningOutboxRepository(dataSource).recordRevision(manager, { postId: post.id, revision: 1, authorId, bodyHtml: html, bodyText: text });
    return { postId: post.id, threadId: thread.threadId, revision: 1, authorId };
  });
}
