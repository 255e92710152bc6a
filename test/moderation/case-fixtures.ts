import { DataSource } from 'typeorm';

const PRIORITY_RANK: Record<string, number> = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

/**
 * A thread whose first post has an open moderation case, written straight to the tables (the
 * screening that would open it is tested elsewhere). A HELD post is held for TOXICITY.
 */
export async function postWithCase(
  dataSource: DataSource,
  spaceId: string,
  authorId: string,
  options: { priority?: string; status?: 'HELD' | 'PUBLISHED'; text?: string } = {},
): Promise<{ postId: string; caseId: string }> {
  const { priority = 'HIGH', status = 'HELD', text = 'hi' } = options;
  const [thread]: Array<{ id: string }> = await dataSource.query(`INSERT INTO threads (space_id, author_id, title) VALUES ($1, $2, 't') RETURNING id`, [
    spaceId,
    authorId,
  ]);
  const [post]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [thread.id, spaceId, authorId, status, status === 'HELD' ? 'TOXICITY' : null, `<p>${text}</p>`, text],
  );
  await dataSource.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [post.id, thread.id]);
  await dataSource.query(`INSERT INTO screenings (post_id, revision, decision) VALUES ($1, 1, 'HOLD')`, [post.id]);
  const [c]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at)
     VALUES ($1, $2, $3, ARRAY['TOXICITY'], $4, $5, now() + interval '30 minutes') RETURNING id`,
    [post.id, spaceId, authorId, priority, PRIORITY_RANK[priority]],
  );
  return { postId: post.id, caseId: c.id };
}
