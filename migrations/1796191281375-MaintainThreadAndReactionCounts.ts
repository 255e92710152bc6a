import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts a thread read shows, kept as numbers instead of counted on every read (issue #16: a
 * read counted all of a thread's replies and all of its posts' reactions, so it grew slower with
 * the data). Triggers keep them, in the same statement as the write that changes them, whatever
 * path writes: a reply (createReply's one CTE), screening publishing or holding, a moderation
 * decision, an author's delete, an erasure that deletes rows.
 *
 * - `thread_post_counts`: every post of a thread (first post included, any status) and how many
 *   are PUBLISHED. The viewer-specific part of `replyCount` (your own posts that are not public)
 *   is still read, through `posts_thread_author`, and is bounded by your own posts in the thread.
 * - `post_reaction_counts`: reactions by post and kind (zero rows are left for the next reaction).
 *
 * Both are their own narrow tables, not columns of `threads` / `posts`: a count changes on every
 * reply and reaction, and an update of a row whose indexed columns do not change stays a HOT
 * update in place (fillfactor leaves the room for it), where `threads` carries the activity index
 * and `posts` the post text. `posts_thread_author` indexes columns that never change, so posts'
 * status updates stay HOT too.
 */
export class MaintainThreadAndReactionCounts1796191281375 implements MigrationInterface {
  name = 'MaintainThreadAndReactionCounts1796191281375';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "thread_post_counts" (
        "thread_id" uuid PRIMARY KEY REFERENCES "threads"("id") ON DELETE CASCADE,
        "posts" int NOT NULL DEFAULT 0,
        "published_posts" int NOT NULL DEFAULT 0
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(`
      CREATE TABLE "post_reaction_counts" (
        "post_id" uuid NOT NULL REFERENCES "posts"("id") ON DELETE CASCADE,
        "kind" text NOT NULL,
        "count" int NOT NULL,
        PRIMARY KEY ("post_id", "kind")
      ) WITH (fillfactor = 70)`);
    await queryRunner.query(`CREATE INDEX "posts_thread_author" ON "posts" ("thread_id", "author_id")`);

    await queryRunner.query(`
      CREATE FUNCTION "forum_count_thread_posts"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO thread_post_counts AS c (thread_id, posts, published_posts)
          VALUES (NEW.thread_id, 1, (NEW.status = 'PUBLISHED')::int)
          ON CONFLICT (thread_id) DO UPDATE SET posts = c.posts + 1, published_posts = c.published_posts + EXCLUDED.published_posts;
        ELSIF TG_OP = 'UPDATE' THEN
          UPDATE thread_post_counts
             SET published_posts = published_posts + (NEW.status = 'PUBLISHED')::int - (OLD.status = 'PUBLISHED')::int
           WHERE thread_id = NEW.thread_id;
        ELSE
          UPDATE thread_post_counts
             SET posts = posts - 1, published_posts = published_posts - (OLD.status = 'PUBLISHED')::int
           WHERE thread_id = OLD.thread_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "posts_count_insert" AFTER INSERT ON "posts" FOR EACH ROW EXECUTE FUNCTION "forum_count_thread_posts"()`);
    await queryRunner.query(
      `CREATE TRIGGER "posts_count_status" AFTER UPDATE OF "status" ON "posts" FOR EACH ROW
       WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "forum_count_thread_posts"()`,
    );
    await queryRunner.query(`CREATE TRIGGER "posts_count_delete" AFTER DELETE ON "posts" FOR EACH ROW EXECUTE FUNCTION "forum_count_thread_posts"()`);

    await queryRunner.query(`
      CREATE FUNCTION "forum_count_reactions"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO post_reaction_counts AS c (post_id, kind, count) VALUES (NEW.post_id, NEW.kind, 1)
          ON CONFLICT (post_id, kind) DO UPDATE SET count = c.count + 1;
        ELSE
          UPDATE post_reaction_counts SET count = count - 1 WHERE post_id = OLD.post_id AND kind = OLD.kind;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "reactions_count_insert" AFTER INSERT ON "reactions" FOR EACH ROW EXECUTE FUNCTION "forum_count_reactions"()`);
    await queryRunner.query(`CREATE TRIGGER "reactions_count_delete" AFTER DELETE ON "reactions" FOR EACH ROW EXECUTE FUNCTION "forum_count_reactions"()`);

    // Backfill after the triggers exist, under locks that hold writers back meanwhile, so no write
    // is counted twice or missed.
    await queryRunner.query(`LOCK TABLE "posts", "reactions" IN SHARE MODE`);
    await queryRunner.query(`
      INSERT INTO "thread_post_counts" (thread_id, posts, published_posts)
      SELECT t.id, count(p.id), count(p.id) FILTER (WHERE p.status = 'PUBLISHED')
        FROM threads t LEFT JOIN posts p ON p.thread_id = t.id
       GROUP BY t.id`);
    await queryRunner.query(`
      INSERT INTO "post_reaction_counts" (post_id, kind, count)
      SELECT post_id, kind, count(*) FROM reactions GROUP BY post_id, kind`);
    // New tables get the app role's grants from the default privileges (GrantLeastPrivilegeAppRole).
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "reactions_count_delete" ON "reactions"`);
    await queryRunner.query(`DROP TRIGGER "reactions_count_insert" ON "reactions"`);
    await queryRunner.query(`DROP FUNCTION "forum_count_reactions"()`);
    await queryRunner.query(`DROP TRIGGER "posts_count_delete" ON "posts"`);
    await queryRunner.query(`DROP TRIGGER "posts_count_status" ON "posts"`);
    await queryRunner.query(`DROP TRIGGER "posts_count_insert" ON "posts"`);
    await queryRunner.query(`DROP FUNCTION "forum_count_thread_posts"()`);
    await queryRunner.query(`DROP INDEX "posts_thread_author"`);
    await queryRunner.query(`DROP TABLE "post_reaction_counts"`);
    await queryRunner.query(`DROP TABLE "thread_post_counts"`);
  }
}
