import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engagement insights (issue #18): the stable facts the figures need, and the daily rollup that
 * keeps them fast at program scale.
 *
 * - `posts.published_at`: when a post first became PUBLISHED, set once by the publish statement
 *   (PostsRepository.move, which screening and moderation's approve both use) and never moved by a
 *   later hold and approval. Backfilled from `status_changed_at` for posts PUBLISHED now (their last
 *   move was into PUBLISHED, the best record there is), and from `created_at` for posts that left
 *   PUBLISHED later (removed or held after being seen; the nearest lower bound we have).
 * - `moderation_cases.first_looked_at`: the first claim or decision, set once. Backfilled from the
 *   earliest audited claim, note, escalation or decision of the case, else its resolution.
 * - `escalations.acknowledged_at` already exists (a resolve without an acknowledgement sets it too).
 * - The rollup tables are the insights feature's: one row per UTC day and space, recomputed by the
 *   `refresh-engagement-rollup` sweep; days after `insights_rollup_state.live_from` (a few
 *   minutes ago) are read live. Bitmaps of member slots (`insights_member_slots`) count distinct clients over any range
 *   without keeping a row per client and day.
 */
export class AddEngagementInsights1796191159492 implements MigrationInterface {
  name = 'AddEngagementInsights1796191159492';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "posts" ADD COLUMN "published_at" TIMESTAMP WITH TIME ZONE;
      UPDATE "posts" SET "published_at" = "status_changed_at" WHERE "status" = 'PUBLISHED';
      UPDATE "posts" p SET "published_at" = p."created_at"
       WHERE p."published_at" IS NULL AND p."status" IN ('HELD', 'REMOVED', 'DELETED')
         AND EXISTS (SELECT 1 FROM "screenings" s WHERE s."post_id" = p."id" AND s."decision" = 'PUBLISH');
      CREATE INDEX "posts_space_published" ON "posts" ("space_id", "published_at") WHERE "published_at" IS NOT NULL;
      CREATE INDEX "posts_published" ON "posts" ("published_at") WHERE "published_at" IS NOT NULL;

      ALTER TABLE "moderation_cases" ADD COLUMN "first_looked_at" TIMESTAMP WITH TIME ZONE;
      UPDATE "moderation_cases" c SET "first_looked_at" = COALESCE(
          (SELECT min(a."created_at") FROM "audit_events" a
            WHERE a."target_type" = 'moderation_case' AND a."target_id" = c."id"::text
              AND a."action" IN ('case.claim', 'case.note', 'case.escalate', 'case.resolve')),
          c."resolved_at")
       WHERE c."first_looked_at" IS NULL;
      CREATE INDEX "moderation_cases_opened" ON "moderation_cases" ("opened_at");
      CREATE INDEX "reactions_created" ON "reactions" ("created_at");
    `);
    await queryRunner.query(`
      CREATE TABLE "insights_member_slots" (
        "member_id" uuid PRIMARY KEY REFERENCES "members"("id") ON DELETE CASCADE,
        "slot" integer NOT NULL UNIQUE
      );
      CREATE TABLE "insights_daily_posts" (
        "day" date NOT NULL,
        "space_id" uuid NOT NULL REFERENCES "spaces"("id") ON DELETE CASCADE,
        "client_bits" bit varying NOT NULL,
        "new_threads" integer NOT NULL,
        "replies" integer NOT NULL,
        "peer_specialist_replies" integer NOT NULL,
        "reactions" integer NOT NULL,
        "first_reply_minutes" double precision[] NOT NULL,
        "first_replies_by_peer" integer NOT NULL,
        "threads_due" integer NOT NULL,
        "unanswered" integer NOT NULL,
        PRIMARY KEY ("day", "space_id")
      );
      CREATE TABLE "insights_daily_cases" (
        "day" date NOT NULL,
        "space_id" uuid NOT NULL REFERENCES "spaces"("id") ON DELETE CASCADE,
        "priority" text NOT NULL,
        "opened" integer NOT NULL,
        "reason_counts" jsonb NOT NULL,
        "first_look_minutes" double precision[] NOT NULL,
        "due_or_decided" integer NOT NULL,
        "decided_within_due" integer NOT NULL,
        PRIMARY KEY ("day", "space_id", "priority")
      );
      CREATE TABLE "insights_daily_escalations" (
        "day" date NOT NULL,
        -- null: an escalation raised about a client directly, with no post (program-wide only)
        "space_id" uuid REFERENCES "spaces"("id") ON DELETE CASCADE,
        "severity" text NOT NULL,
        "subject_bits" bit varying NOT NULL,
        "raised" integer NOT NULL,
        "ack_minutes" double precision[] NOT NULL,
        "due_or_acknowledged" integer NOT NULL,
        "acknowledged_within_deadline" integer NOT NULL,
        "climbed" integer NOT NULL,
        CONSTRAINT "insights_daily_escalations_key" UNIQUE NULLS NOT DISTINCT ("day", "space_id", "severity")
      );
      -- A set of member slots as a bitmap of the given width; OR-ed over days it counts distinct members.
      CREATE FUNCTION insights_bits(slots integer[], width integer) RETURNS bit varying LANGUAGE plpgsql IMMUTABLE AS $fn$
      DECLARE
        bits bit varying := repeat('0', width)::bit varying;
        slot integer;
      BEGIN
        FOREACH slot IN ARRAY COALESCE(slots, '{}') LOOP bits := set_bit(bits, slot, 1); END LOOP;
        RETURN bits;
      END $fn$;
      -- Bitmaps written when there were fewer members are shorter: pad them before OR-ing.
      CREATE FUNCTION insights_pad(bits bit varying, width integer) RETURNS bit varying LANGUAGE sql IMMUTABLE AS $fn$
        SELECT bits || repeat('0', width - length(bits))::bit varying
      $fn$;
      CREATE TABLE "insights_rollup_state" (
        "id" smallint PRIMARY KEY CHECK ("id" = 1),
        -- every UTC day before this one has its rollup rows; this day's rows cover [its start, live_from)
        "complete_until" date NOT NULL,
        -- from here on, everything is read live (a few minutes of data: the sweep runs every 5)
        "live_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL
      );
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE "insights_rollup_state", "insights_daily_escalations", "insights_daily_cases", "insights_daily_posts", "insights_member_slots";
      DROP FUNCTION insights_pad(bit varying, integer);
      DROP FUNCTION insights_bits(integer[], integer);
      DROP INDEX "reactions_created";
      DROP INDEX "moderation_cases_opened";
      ALTER TABLE "moderation_cases" DROP COLUMN "first_looked_at";
      DROP INDEX "posts_published";
      DROP INDEX "posts_space_published";
      ALTER TABLE "posts" DROP COLUMN "published_at";
    `);
  }
}
