import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Late facts change old rollup days (issue #18). The rollup recomputes the last 14 days on every
 * refresh, but a reply to a month-old thread moves that thread's first-reply time, a decision on
 * an old case its first look and "decided within due", an un-reaction an old day's reactions, an
 * erasure every day its posts were on. Triggers mark the UTC day such a write changes in
 * `insights_dirty_days`, whatever path writes; the refresh recomputes the marked days and deletes
 * their marks in the same transaction.
 *
 * Only days before today are marked: today's rows are recomputed on every refresh anyway, so the
 * hot path (a post published today in a thread started today) inserts nothing. A mark is one row
 * per day (ON CONFLICT DO NOTHING), so a busy old day costs one row however often it is touched.
 *
 * The days each table's rows count on, as the figures define them (insights.repository.ts):
 * - posts: the post's own `published_at` day (counts, active clients); the day its thread started
 *   (first reply, unanswered); the days of its reactions (reactions count on PUBLISHED posts only);
 * - reactions: `created_at`; moderation_cases: `opened_at`; escalations: `created_at`.
 */
export class MarkLateInsightsDays1796210000000 implements MigrationInterface {
  name = 'MarkLateInsightsDays1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "insights_dirty_days" (
        "day" date PRIMARY KEY,
        "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      );
      CREATE FUNCTION insights_mark_day(happened timestamptz) RETURNS void LANGUAGE sql AS $fn$
        INSERT INTO insights_dirty_days (day)
        SELECT (happened AT TIME ZONE 'UTC')::date
         WHERE happened IS NOT NULL AND (happened AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE 'UTC')::date
        ON CONFLICT (day) DO NOTHING
      $fn$;

      CREATE FUNCTION insights_mark_post() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        p posts%ROWTYPE;
        started timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' THEN p := OLD; ELSE p := NEW; END IF;
        -- A post never published counts nowhere (nor do its reactions, nor is it a first reply).
        IF p.published_at IS NULL AND (TG_OP <> 'UPDATE' OR OLD.published_at IS NULL) THEN RETURN NULL; END IF;
        PERFORM insights_mark_day(COALESCE(p.published_at, OLD.published_at));
        SELECT fp.published_at INTO started FROM threads t JOIN posts fp ON fp.id = t.first_post_id WHERE t.id = p.thread_id AND fp.id <> p.id;
        PERFORM insights_mark_day(started);
        PERFORM insights_mark_day(r.created_at) FROM reactions r
          WHERE r.post_id = p.id AND r.created_at < (date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
        RETURN NULL;
      END $fn$;
      CREATE TRIGGER "insights_mark_post_insert" AFTER INSERT ON "posts" FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
        EXECUTE FUNCTION insights_mark_post();
      CREATE TRIGGER "insights_mark_post_update" AFTER UPDATE OF "status", "published_at" ON "posts" FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at)
        EXECUTE FUNCTION insights_mark_post();
      CREATE TRIGGER "insights_mark_post_delete" AFTER DELETE ON "posts" FOR EACH ROW WHEN (OLD.published_at IS NOT NULL)
        EXECUTE FUNCTION insights_mark_post();

      CREATE FUNCTION insights_mark_reaction() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM insights_mark_day(CASE WHEN TG_OP = 'DELETE' THEN OLD.created_at ELSE NEW.created_at END);
        RETURN NULL;
      END $fn$;
      CREATE TRIGGER "insights_mark_reaction" AFTER INSERT OR DELETE ON "reactions" FOR EACH ROW EXECUTE FUNCTION insights_mark_reaction();

      CREATE FUNCTION insights_mark_case() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.opened_at IS DISTINCT FROM NEW.opened_at THEN PERFORM insights_mark_day(OLD.opened_at); END IF;
        PERFORM insights_mark_day(CASE WHEN TG_OP = 'DELETE' THEN OLD.opened_at ELSE NEW.opened_at END);
        RETURN NULL;
      END $fn$;
      CREATE TRIGGER "insights_mark_case_insert_delete" AFTER INSERT OR DELETE ON "moderation_cases" FOR EACH ROW EXECUTE FUNCTION insights_mark_case();
      CREATE TRIGGER "insights_mark_case_update" AFTER UPDATE ON "moderation_cases" FOR EACH ROW
        WHEN (OLD.first_looked_at IS DISTINCT FROM NEW.first_looked_at OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at
              OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.priority IS DISTINCT FROM NEW.priority
              OR OLD.reasons IS DISTINCT FROM NEW.reasons OR OLD.opened_at IS DISTINCT FROM NEW.opened_at)
        EXECUTE FUNCTION insights_mark_case();

      CREATE FUNCTION insights_mark_escalation() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.created_at IS DISTINCT FROM NEW.created_at THEN PERFORM insights_mark_day(OLD.created_at); END IF;
        PERFORM insights_mark_day(CASE WHEN TG_OP = 'DELETE' THEN OLD.created_at ELSE NEW.created_at END);
        RETURN NULL;
      END $fn$;
      CREATE TRIGGER "insights_mark_escalation_insert_delete" AFTER INSERT OR DELETE ON "escalations" FOR EACH ROW EXECUTE FUNCTION insights_mark_escalation();
      CREATE TRIGGER "insights_mark_escalation_update" AFTER UPDATE ON "escalations" FOR EACH ROW
        WHEN (OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at OR OLD.level IS DISTINCT FROM NEW.level
              OR OLD.ack_due_at IS DISTINCT FROM NEW.ack_due_at OR OLD.severity IS DISTINCT FROM NEW.severity
              OR OLD.created_at IS DISTINCT FROM NEW.created_at)
        EXECUTE FUNCTION insights_mark_escalation();
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER "insights_mark_escalation_update" ON "escalations";
      DROP TRIGGER "insights_mark_escalation_insert_delete" ON "escalations";
      DROP FUNCTION insights_mark_escalation();
      DROP TRIGGER "insights_mark_case_update" ON "moderation_cases";
      DROP TRIGGER "insights_mark_case_insert_delete" ON "moderation_cases";
      DROP FUNCTION insights_mark_case();
      DROP TRIGGER "insights_mark_reaction" ON "reactions";
      DROP FUNCTION insights_mark_reaction();
      DROP TRIGGER "insights_mark_post_delete" ON "posts";
      DROP TRIGGER "insights_mark_post_update" ON "posts";
      DROP TRIGGER "insights_mark_post_insert" ON "posts";
      DROP FUNCTION insights_mark_post();
      DROP FUNCTION insights_mark_day(timestamptz);
      DROP TABLE "insights_dirty_days";
    `);
  }
}
