import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Removes members' words from notifications once the words themselves are gone (retention). A
 * notification quotes a member's words only between “ and ” (forum-notification-texts.ts), so
 * what is between them goes, whatever the words were then: a thread renamed since keeps its old
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
}
