import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind } from './entities/notification.entity';

/** The kinds whose body opens with the pseudonym of the post's author (forum-notification-texts.ts). */
const OPENED_BY_AUTHOR_NAME: readonly NotificationKind[] = [NotificationKind.REPLY_IN_YOUR_THREAD, NotificationKind.REPLY_TO_YOUR_POST];

/**
 * Removes what notifications copied of a member once it is gone: quoted words (retention) and the
 * sender's pseudonym (erasure). A notification quotes a member's words only between “ and ”, and
 * names the member whose post it is about only at its start (forum-notification-texts.ts), so
 * that is what is replaced, whatever the words were then: a thread renamed since keeps its old
 * title in the notifications sent before.
 */
@Injectable()
export class NotificationRedactionRepository {
  /** Every notification about one of the threads, to any member, loses its quoted words. */
  async redactQuotesAboutThreads(manager: EntityManager, threadIds: readonly string[], marker: string): Promise<void> {
    if (threadIds.length === 0) return;
    // No index on data->>'threadId': a scan per batch of the sweep, which runs rarely and off the request path.
    await manager.query(
      `UPDATE notifications SET title = regexp_replace(title, '“.*”', $2), body = regexp_replace(body, '“.*”', $2)
        WHERE data->>'threadId' = ANY($1::text[]) AND (strpos(title, '“') > 0 OR strpos(body, '“') > 0)`,
      [threadIds, `“${marker}”`],
    );
  }

  /** The notification written once under each dedupe key reads `body` now (a moderator's own words replaced by the standard note). */
  async rewriteBodiesByDedupeKey(manager: EntityManager, bodies: ReadonlyArray<{ dedupeKey: string; body: string }>): Promise<void> {
    if (bodies.length === 0) return;
    await manager.query(
      `UPDATE notifications n SET body = b.body FROM unnest($1::text[], $2::text[]) AS b(dedupe_key, body) WHERE n.dedupe_key = b.dedupe_key AND n.body <> b.body`,
      [bodies.map((b) => b.dedupeKey), bodies.map((b) => b.body)],
    );
  }

  /**
   * Notifications to anyone about one of the posts (replies) that open with `name`, the post's
   * author, open with `replacement` instead: an erased member's pseudonym goes from other
   * members' inboxes too.
   */
  async renameAuthorOf(manager: EntityManager, postIds: readonly string[], name: string, replacement: string): Promise<void> {
    if (postIds.length === 0) return;
    // A scan of the table, as above: an erasure is rare and an admin's, never on a member's request path.
    await manager.query(
      `UPDATE notifications SET body = $3 || substr(body, length($2) + 1)
        WHERE data->>'postId' = ANY($1::text[]) AND kind = ANY($4::text[]) AND left(body, length($2) + 1) = $2 || ' '`,
      [postIds, name, replacement, OPENED_BY_AUTHOR_NAME],
    );
  }
}
