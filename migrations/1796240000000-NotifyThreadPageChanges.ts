import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells API processes, after commit, which thread page a write changed, so their in-process
 * thread-page cache (src/forum/thread-page-cache.ts) forgets it (issue #16). In the database, so no
 * write path can forget to: every table a thread page is read from notifies on change. NOTIFY is
 * delivered only when the writing transaction commits, and identical notices of one transaction
 * are delivered once (an erasure that rewrites 500 posts of 3 threads sends 3).
 *
 * - posts: the thread's id, on every update and delete, and on an insert only of a post that is
 *   already PUBLISHED. A new reply is PENDING: no page anyone else sees changes until its screening
 *   commits, and that update notifies. Its author's own page is kept right by the API process that
 *   wrote it (PostingService forgets the thread at once); another process may show that author
 *   the page without it until the screening commits, some milliseconds later.
 * - threads: the thread's id on an update of anything but last_activity_at (which the screening's
 *   publishing update moves, already notified by its post) and on delete;
 * - reactions: the thread of the post (none when the post is gone with them: its own delete
 *   notifies). thread_post_counts and post_reaction_counts change only with a post or a reaction.
 *
 * Why so few: a transaction that NOTIFYs takes a database-wide lock from its pre-commit to its end
 * (PostgreSQL serialises such commits instead of sharing a WAL flush; pgbench, 8 writers: 1,900 ->
 * 390-520 transactions/s). One notifying commit per accepted post (its screening) instead of two.
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
        ELSIF TG_TABLE_NAME = 'posts' THEN
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('thread_page_changed', NEW.thread_id::text); END IF;
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('thread_page_changed', OLD.thread_id::text); END IF;
        ELSE
          -- reactions
          IF TG_OP = 'DELETE' THEN
            SELECT thread_id INTO changed FROM posts WHERE id = OLD.post_id;
          ELSE
            SELECT thread_id INTO changed FROM posts WHERE id = NEW.post_id;
          END IF;
          IF changed IS NOT NULL THEN PERFORM pg_notify('thread_page_changed', changed::text); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "posts_notify_thread_page" AFTER UPDATE OR DELETE ON "posts" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "posts_insert_notify_thread_page" AFTER INSERT ON "posts" FOR EACH ROW WHEN (NEW."status" = 'PUBLISHED')
       EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "threads_notify_thread_page" AFTER UPDATE ON "threads" FOR EACH ROW
       WHEN ((OLD."title", OLD."space_id", OLD."author_id", OLD."first_post_id")
             IS DISTINCT FROM (NEW."title", NEW."space_id", NEW."author_id", NEW."first_post_id"))
       EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "threads_delete_notify_thread_page" AFTER DELETE ON "threads" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "reactions_notify_thread_page" AFTER INSERT OR UPDATE OR DELETE ON "reactions" FOR EACH ROW EXECUTE FUNCTION "forum_notify_thread_page"()`,
    );
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
    await queryRunner.query(`DROP TRIGGER "reactions_notify_thread_page" ON "reactions"`);
    await queryRunner.query(`DROP TRIGGER "threads_delete_notify_thread_page" ON "threads"`);
    await queryRunner.query(`DROP TRIGGER "threads_notify_thread_page" ON "threads"`);
    await queryRunner.query(`DROP TRIGGER "posts_insert_notify_thread_page" ON "posts"`);
    await queryRunner.query(`DROP TRIGGER "posts_notify_thread_page" ON "posts"`);
    await queryRunner.query(`DROP FUNCTION "forum_notify_thread_page"()`);
    await queryRunner.query(`DROP INDEX "posts_thread_author_only"`);
  }
}

const TRUNCATED = ['posts', 'threads', 'thread_post_counts', 'reactions', 'post_reaction_counts', 'spaces', 'members'];
