import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells API processes, after commit, which thread page a write changed, so their in-process
 * thread-page cache (src/forum/thread-page-cache.ts) forgets it (issue #16). In the database, so no
 * write path can forget to: every table a thread page is read from notifies on change. NOTIFY is
 * delivered only when the writing transaction commits, and identical notices of one transaction
 * are delivered once (an erasure that rewrites 500 posts of 3 threads sends 3).
 *
 * - posts, threads, thread_post_counts: the thread's id;
 * - reactions, post_reaction_counts: the thread of the post (none when the post is gone with them:
 *   its own delete notifies);
 * - spaces and members (a cohort, a display name, a role, an erasure): '*', every page, rare. Only
 *   the member columns a page shows: the sign-in upsert touches last_seen_at on every cache miss.
 * - TRUNCATE of any of them: '*'.
 *
 * The channel's name is spelled in THREAD_PAGE_CHANNEL (src/database/thread-page-changes.ts) too:
 * migrations import nothing from the app.
 *
 * `posts_thread_author_only` is the cache's lookup of who has a post only they can see in a
 * thread (any position): a handful of index entries instead of every post of a long thread.
 */
export class NotifyThreadPageChanges1796240000000 implements MigrationInterface {
  name = 'NotifyThreadPageChanges1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "posts_thread_author_only" ON "posts" ("thread_id", "author_id") WHERE status IN ('PENDING', 'HELD', 'REMOVED')`);
    await queryRunner.query(`
      CREATE FUNCTION "forum_notify_thread_page"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed uuid;
      BEGIN
        IF TG_OP = 'TRUNCATE' OR TG_TABLE_NAME IN ('spaces', 'members') THEN
          PERFORM pg_notify('thread_page_changed', '*');
        ELSIF TG_TABLE_NAME = 'threads' THEN
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('thread_page_changed', NEW.id::text); END IF;
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('thread_page_changed', OLD.id::text); END IF;
        ELSIF TG_TABLE_NAME IN ('posts', 'thread_post_counts') THEN
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('thread_page_changed', NEW.thread_id::text); END IF;
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('thread_page_changed', OLD.thread_id::text); END IF;
        ELSE
          -- reactions, post_reaction_counts
          IF TG_OP = 'DELETE' THEN
            SELECT thread_id INTO changed FROM posts WHERE id = OLD.post_id;
          ELSE
            SELECT thread_id INTO changed FROM posts WHERE id = NEW.post_id;
          END IF;
          IF changed IS NOT NULL THEN PERFORM pg_notify('thread_page_changed', changed::text); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['posts', 'threads', 'thread_post_counts', 'reactions', 'post_reaction_counts']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_notify_thread_page" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER "spaces_notify_thread_page" AFTER UPDATE OR DELETE ON "spaces" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "members_notify_thread_page" AFTER UPDATE OF "display_name", "role" ON "members" FOR EACH ROW
       WHEN (OLD."display_name" IS DISTINCT FROM NEW."display_name" OR OLD."role" IS DISTINCT FROM NEW."role") EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "members_delete_notify_thread_page" AFTER DELETE ON "members" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    for (const table of TRUNCATED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_truncate_notify_thread_page" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "forum_notify_thread_page"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TRUNCATED) await queryRunner.query(`DROP TRIGGER "${table}_truncate_notify_thread_page" ON "${table}"`);
    await queryRunner.query(`DROP TRIGGER "members_delete_notify_thread_page" ON "members"`);
    await queryRunner.query(`DROP TRIGGER "members_notify_thread_page" ON "members"`);
    await queryRunner.query(`DROP TRIGGER "spaces_notify_thread_page" ON "spaces"`);
    for (const table of ['posts', 'threads', 'thread_post_counts', 'reactions', 'post_reaction_counts']) {
      await queryRunner.query(`DROP TRIGGER "${table}_notify_thread_page" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "forum_notify_thread_page"()`);
    await queryRunner.query(`DROP INDEX "posts_thread_author_only"`);
  }
}

const TRUNCATED = ['posts', 'threads', 'thread_post_counts', 'reactions', 'post_reaction_counts', 'spaces', 'members'];
