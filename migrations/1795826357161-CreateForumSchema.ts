import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateForumSchema1795826357161 implements MigrationInterface {
  name = 'CreateForumSchema1795826357161';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "watched_words" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "term" text NOT NULL,
                "action" text NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_57b1b941d4b2fa87e36f3d4033d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "watched_words_term" ON "watched_words" ("term")
        `);
    await queryRunner.query(`
            CREATE TABLE "screenings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "decision" text NOT NULL,
                "crisis_level" text NOT NULL DEFAULT 'NONE',
                "crisis_evidence" jsonb NOT NULL DEFAULT '[]',
                "toxicity" jsonb,
                "toxicity_status" text NOT NULL DEFAULT 'ok',
                "watched_word_hits" jsonb NOT NULL DEFAULT '[]',
                "phases" jsonb NOT NULL DEFAULT '[]',
                "reasons" text array NOT NULL DEFAULT '{}',
                "model_version" text,
                "tfjs_backend" text,
                "duration_ms" double precision NOT NULL DEFAULT '0',
                "screened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "screenings_post_revision" UNIQUE ("post_id", "revision"),
                CONSTRAINT "PK_343138765d7d5a69f71b2ff7795" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "member_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "dedupe_key" text,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" ("dedupe_key")
            WHERE dedupe_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_member_created" ON "notifications" ("member_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "moderation_cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "space_id" uuid NOT NULL,
                "subject_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'OPEN',
                "reasons" text array NOT NULL,
                "priority" text NOT NULL,
                "priority_rank" smallint NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "assignee_id" uuid,
                "lease_expires_at" TIMESTAMP WITH TIME ZONE,
                "decision" text,
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "source_keys" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_459740d91f1b96e6cc910ad29e1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "moderation_cases_subject_id" ON "moderation_cases" ("subject_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "moderation_cases_space_queue" ON "moderation_cases" (
                "space_id",
                "status",
                "priority_rank",
                "due_at",
                "opened_at",
                "id"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "moderation_cases_queue" ON "moderation_cases" (
                "status",
                "priority_rank",
                "due_at",
                "opened_at",
                "id"
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "moderation_cases_one_open_per_post" ON "moderation_cases" ("post_id")
            WHERE status <> 'RESOLVED'
        `);
    await queryRunner.query(`
            CREATE TABLE "case_notes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "author_id" uuid,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "case_notes_case_id" ON "case_notes" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "sub" text NOT NULL,
                "role" text NOT NULL,
                "display_name" text NOT NULL,
                "cohort" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_28b53062261b996d9c99fa12404" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "members_sub" ON "members" ("sub")
        `);
    await queryRunner.query(`
            CREATE TABLE "threads" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "space_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "title" text NOT NULL,
                "first_post_id" uuid,
                "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "threads_space_activity" ON "threads" ("space_id", "last_activity_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "spaces" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "cohort" text,
                "position" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dbe542974aca57afcb60709d4c8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "spaces_slug" ON "spaces" ("slug")
        `);
    await queryRunner.query(`
            CREATE TABLE "space_moderators" (
                "space_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5dfcf2bd6e3602db22511e1fa6b" PRIMARY KEY ("space_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "space_moderators_member_id" ON "space_moderators" ("member_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "screening_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "state" text NOT NULL DEFAULT 'PENDING',
                "enqueue_count" integer NOT NULL DEFAULT '0',
                "last_enqueued_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "screening_requests_post_revision" UNIQUE ("post_id", "revision"),
                CONSTRAINT "PK_4b352ef9ec3270a3d79c4587ac7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "screening_requests_pending" ON "screening_requests" ("created_at")
            WHERE state = 'PENDING'
        `);
    await queryRunner.query(`
            CREATE TABLE "reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "reporter_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reports_post_reporter" UNIQUE ("post_id", "reporter_id"),
                CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reactions" (
                "post_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_506aeb95bd16e0a389561b527d5" PRIMARY KEY ("post_id", "member_id", "kind")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reactions_member" ON "reactions" ("member_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "posts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" BIGSERIAL NOT NULL,
                "thread_id" uuid NOT NULL,
                "space_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "quote_post_id" uuid,
                "status" text NOT NULL DEFAULT 'PENDING',
                "held_reason" text,
                "revision" integer NOT NULL DEFAULT '1',
                "body_html" text NOT NULL,
                "body_text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "edited_at" TIMESTAMP WITH TIME ZONE,
                "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "posts_seq" ON "posts" ("seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "posts_author_created" ON "posts" ("author_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "posts_thread_seq" ON "posts" ("thread_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "post_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "author_id" uuid NOT NULL,
                "body_html" text NOT NULL,
                "body_text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "post_revisions_post_revision" UNIQUE ("post_id", "revision"),
                CONSTRAINT "PK_871219c3d5044d70ff7d59480b8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "escalation_id" uuid NOT NULL,
                "level" smallint NOT NULL,
                "attempt" integer NOT NULL,
                "status_code" integer,
                "error" text,
                "duration_ms" double precision NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_escalation_id" ON "webhook_deliveries" ("escalation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "risk_signals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subject_id" uuid NOT NULL,
                "post_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "level" text NOT NULL,
                "evidence" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "risk_signals_post_revision" UNIQUE ("post_id", "revision"),
                CONSTRAINT "PK_35e1dd1b73eb880456f17820cf4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "risk_signals_subject_time" ON "risk_signals" ("subject_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "escalations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dedupe_key" text NOT NULL,
                "subject_id" uuid NOT NULL,
                "post_id" uuid,
                "case_id" uuid,
                "trigger" text NOT NULL,
                "severity" text NOT NULL,
                "status" text NOT NULL DEFAULT 'OPEN',
                "level" smallint NOT NULL DEFAULT '1',
                "ack_due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "evidence" jsonb NOT NULL DEFAULT '[]',
                "raised_by" uuid,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "acknowledged_by" uuid,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "ack_note" text,
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "outcome" text,
                "resolution_note" text,
                CONSTRAINT "PK_652a394609addaa4b0f2b3032a1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "escalations_dedupe_key" ON "escalations" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "escalations_subject_id" ON "escalations" ("subject_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "escalations_status_due" ON "escalations" ("status", "ack_due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                "actor_id" uuid,
                "actor_role" text NOT NULL,
                "action" text NOT NULL,
                "target_type" text NOT NULL,
                "target_id" text NOT NULL,
                "request_id" text,
                "details" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_target" ON "audit_events" ("target_type", "target_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_created" ON "audit_events" ("created_at", "id")
        `);

    // Hand-written: referential integrity (the entities carry ids, not relations, to keep
    // feature modules apart) and the append-only audit log.
    await queryRunner.query(`
            ALTER TABLE "space_moderators"
                ADD CONSTRAINT "space_moderators_space_fk" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE,
                ADD CONSTRAINT "space_moderators_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE;
            ALTER TABLE "threads"
                ADD CONSTRAINT "threads_space_fk" FOREIGN KEY ("space_id") REFERENCES "spaces"("id"),
                ADD CONSTRAINT "threads_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id");
            ALTER TABLE "posts"
                ADD CONSTRAINT "posts_thread_fk" FOREIGN KEY ("thread_id") REFERENCES "threads"("id"),
                ADD CONSTRAINT "posts_space_fk" FOREIGN KEY ("space_id") REFERENCES "spaces"("id"),
                ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id"),
                ADD CONSTRAINT "posts_quote_fk" FOREIGN KEY ("quote_post_id") REFERENCES "posts"("id"),
                ADD CONSTRAINT "posts_status_check" CHECK ("status" IN ('PENDING','PUBLISHED','HELD','REMOVED','DELETED'));
            ALTER TABLE "threads"
                ADD CONSTRAINT "threads_first_post_fk" FOREIGN KEY ("first_post_id") REFERENCES "posts"("id") DEFERRABLE INITIALLY DEFERRED;
            ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id");
            ALTER TABLE "screening_requests" ADD CONSTRAINT "screening_requests_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id");
            ALTER TABLE "screenings" ADD CONSTRAINT "screenings_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id");
            ALTER TABLE "reactions"
                ADD CONSTRAINT "reactions_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
                ADD CONSTRAINT "reactions_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id"),
                ADD CONSTRAINT "reactions_kind_check" CHECK ("kind" IN ('HEART','HUG','STRENGTH','RELATE','THANKS'));
            ALTER TABLE "reports"
                ADD CONSTRAINT "reports_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
                ADD CONSTRAINT "reports_reporter_fk" FOREIGN KEY ("reporter_id") REFERENCES "members"("id");
            ALTER TABLE "moderation_cases"
                ADD CONSTRAINT "moderation_cases_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
                ADD CONSTRAINT "moderation_cases_space_fk" FOREIGN KEY ("space_id") REFERENCES "spaces"("id"),
                ADD CONSTRAINT "moderation_cases_subject_fk" FOREIGN KEY ("subject_id") REFERENCES "members"("id"),
                ADD CONSTRAINT "moderation_cases_assignee_fk" FOREIGN KEY ("assignee_id") REFERENCES "members"("id");
            ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_fk" FOREIGN KEY ("case_id") REFERENCES "moderation_cases"("id");
            ALTER TABLE "escalations"
                ADD CONSTRAINT "escalations_subject_fk" FOREIGN KEY ("subject_id") REFERENCES "members"("id"),
                ADD CONSTRAINT "escalations_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
                ADD CONSTRAINT "escalations_case_fk" FOREIGN KEY ("case_id") REFERENCES "moderation_cases"("id");
            ALTER TABLE "risk_signals"
                ADD CONSTRAINT "risk_signals_subject_fk" FOREIGN KEY ("subject_id") REFERENCES "members"("id"),
                ADD CONSTRAINT "risk_signals_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id");
            ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_escalation_fk" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id");
            ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id");
        `);
    await queryRunner.query(`
            CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END;
            $$;
            CREATE TRIGGER audit_events_append_only
                BEFORE UPDATE OR DELETE ON "audit_events"
                FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
            CREATE TRIGGER audit_events_no_truncate
                BEFORE TRUNCATE ON "audit_events"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "webhook_deliveries", "notifications", "audit_events", "risk_signals", "escalations",
                "case_notes", "moderation_cases", "screenings", "watched_words", "reports", "reactions",
                "screening_requests", "post_revisions", "space_moderators" CASCADE;
            ALTER TABLE "threads" DROP CONSTRAINT "threads_first_post_fk";
            DROP TABLE "posts", "threads", "spaces", "members" CASCADE;
            DROP FUNCTION audit_events_refuse_change();
        `);
  }
}
