/**
 * What a drill proves, read from PostgreSQL after recovery: every post the API said yes to
 * exists and was screened exactly once, nothing was published without a screening that said so,
 * and nothing happened twice.
 */
import { withDatabase } from '../bench/scenarios';

export interface DrillLedger {
  /** Posts the API answered with success (their ids). */
  accepted: number;
  /** Replies in the thread, acknowledged or not (a request cut off mid-flight may still have committed). */
  written: number;
  screened: number;
  published: number;
  held: number;
  /** Accepted but missing from the database, or still unscreened at the end. */
  lost: number;
  missing: number;
  unscreened: number;
  /** Same post written twice, screened twice, or its screening applied / notified twice. */
  duplicated: number;
  /** PUBLISHED without a screening of that revision that decided PUBLISH. */
  publishedUnscreened: number;
}

export async function readLedger(databaseUrl: string, threadId: string, acceptedIds: string[]): Promise<DrillLedger> {
  return withDatabase(databaseUrl, async (db) => {
    const replies = `SELECT p.* FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.thread_id = $1 AND p.id <> t.first_post_id`;
    const [counts] = (
      await db.query<{ written: number; screened: number; published: number; held: number; published_unscreened: number }>(
        `SELECT count(*)::int AS written,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM screenings s WHERE s.post_id = p.id AND s.revision = p.revision))::int AS screened,
                count(*) FILTER (WHERE p.status = 'PUBLISHED')::int AS published,
                count(*) FILTER (WHERE p.status = 'HELD')::int AS held,
                count(*) FILTER (WHERE p.status = 'PUBLISHED' AND NOT EXISTS (
                  SELECT 1 FROM screenings s WHERE s.post_id = p.id AND s.revision = p.revision AND s.decision = 'PUBLISH'))::int AS published_unscreened
         FROM (${replies}) p`,
        [threadId],
      )
    ).rows;
    const [acked] = (
      await db.query<{ present: number; screened: number }>(
        `SELECT count(p.id)::int AS present,
                count(s.id)::int AS screened
         FROM unnest($1::uuid[]) AS a(id)
         LEFT JOIN posts p ON p.id = a.id
         LEFT JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision`,
        [acceptedIds],
      )
    ).rows;
    const [dupes] = (
      await db.query<{ bodies: number; screenings: number; applied: number; notices: number }>(
        `SELECT
           (SELECT coalesce(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM (${replies}) p GROUP BY p.body_text HAVING count(*) > 1) d) AS bodies,
           (SELECT coalesce(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM screenings s JOIN (${replies}) p ON p.id = s.post_id GROUP BY s.post_id, s.revision HAVING count(*) > 1) d) AS screenings,
           (SELECT coalesce(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM audit_events a JOIN (${replies}) p ON p.id::text = a.target_id
              WHERE a.action IN ('post.screened', 'post.screening_failed') GROUP BY a.target_id HAVING count(*) > 1) d) AS applied,
           (SELECT coalesce(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM notifications n JOIN (${replies}) p ON n.data->>'postId' = p.id::text
              GROUP BY n.member_id, n.kind, p.id HAVING count(*) > 1) d) AS notices`,
        [threadId],
      )
    ).rows;
    const missing = acceptedIds.length - acked.present;
    const unscreened = acked.present - acked.screened;
    return {
      accepted: acceptedIds.length,
      written: counts.written,
      screened: counts.screened,
      published: counts.published,
      held: counts.held,
      lost: missing + unscreened,
      missing,
      unscreened,
      duplicated: dupes.bodies + dupes.screenings + dupes.applied + dupes.notices,
      publishedUnscreened: counts.published_unscreened,
    };
  });
}

/** Replies in the thread that have no screening yet (acknowledged or not). */
export async function unscreenedReplies(databaseUrl: string, threadId: string): Promise<number> {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM posts p JOIN threads t ON t.id = p.thread_id
       WHERE p.thread_id = $1 AND p.id <> t.first_post_id
         AND NOT EXISTS (SELECT 1 FROM screenings s WHERE s.post_id = p.id AND s.revision = p.revision)`,
      [threadId],
    );
    return rows[0].n;
  });
}
