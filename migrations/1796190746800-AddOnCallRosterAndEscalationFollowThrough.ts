import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17, escalation's follow-through:
 * - `on_call_shifts`: who is on call (PRIMARY / BACKUP) when, in UTC; paging follows it.
 * - `escalation_signals`: every risk signal attached to an escalation (one open escalation per
 *   client: later signals join it instead of opening another), unique per source so a re-delivered
 *   screening job attaches once.
 * - `escalations.page_round`: how many times a higher severity re-paged it, so each re-page has its
 *   own job id and notification key.
 * - `escalation_pages`: every page sent (level, recipients, whether the roster covered it), and
 *   `email_deliveries` / `webhook_deliveries.page_key`: each channel's delivery state per page.
 * - `escalation_outreach`: how a clinician reached out (append-only, like the audit log).
 * - `staff_contacts`: the email a staff member is paged at; clients' contact details are never stored.
 * Grants come from the default privileges of GrantLeastPrivilegeAppRole.
 */
export class AddOnCallRosterAndEscalationFollowThrough1796190746800 implements MigrationInterface {
  name = 'AddOnCallRosterAndEscalationFollowThrough1796190746800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "on_call_shifts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "clinician_id" uuid NOT NULL REFERENCES "members"("id"),
        "tier" text NOT NULL CONSTRAINT "on_call_shifts_tier" CHECK ("tier" IN ('PRIMARY', 'BACKUP')),
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "created_by" uuid NOT NULL REFERENCES "members"("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "on_call_shifts_ends_after_starts" CHECK ("ends_at" > "starts_at")
      )`);
    await queryRunner.query(`CREATE INDEX "on_call_shifts_window" ON "on_call_shifts" ("ends_at", "starts_at")`);

    await queryRunner.query(`ALTER TABLE "escalations" ADD COLUMN "page_round" integer NOT NULL DEFAULT 0`);
    // Finding a client's open escalation is on every crisis screening's path.
    await queryRunner.query(`CREATE INDEX "escalations_open_by_subject" ON "escalations" ("subject_id") WHERE "status" <> 'RESOLVED'`);

    await queryRunner.query(`
      CREATE TABLE "escalation_signals" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "escalation_id" uuid NOT NULL REFERENCES "escalations"("id"),
        "source_key" text NOT NULL,
        "post_id" uuid,
        "level" text NOT NULL,
        "trigger" text,
        "evidence" jsonb NOT NULL DEFAULT '[]',
        "raised_severity" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "escalation_signals_once" UNIQUE ("escalation_id", "source_key")
      )`);

    await queryRunner.query(`
      CREATE TABLE "escalation_pages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "escalation_id" uuid NOT NULL REFERENCES "escalations"("id"),
        "page_key" text NOT NULL,
        "level" smallint NOT NULL,
        "reminder" integer NOT NULL DEFAULT 0,
        "severity" text NOT NULL,
        "recipient_ids" uuid[] NOT NULL,
        "roster_covered" boolean NOT NULL,
        "paged_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "escalation_pages_once" UNIQUE ("escalation_id", "page_key")
      )`);

    await queryRunner.query(`
      CREATE TABLE "email_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "escalation_id" uuid NOT NULL REFERENCES "escalations"("id"),
        "page_key" text NOT NULL,
        "member_id" uuid NOT NULL REFERENCES "members"("id"),
        "status" text NOT NULL DEFAULT 'PENDING' CONSTRAINT "email_deliveries_status" CHECK ("status" IN ('PENDING', 'SENT', 'FAILED')),
        "attempts" integer NOT NULL DEFAULT 0,
        "error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "email_deliveries_once" UNIQUE ("escalation_id", "page_key", "member_id")
      )`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD COLUMN "page_key" text`);

    await queryRunner.query(`
      CREATE TABLE "escalation_outreach" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "escalation_id" uuid NOT NULL REFERENCES "escalations"("id"),
        "member_id" uuid NOT NULL REFERENCES "members"("id"),
        "channel" text NOT NULL CONSTRAINT "escalation_outreach_channel" CHECK ("channel" IN ('PHONE', 'VIDEO', 'IN_PERSON', 'MESSAGE', 'OTHER')),
        "note" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "escalation_outreach_escalation" ON "escalation_outreach" ("escalation_id", "created_at")`);
    // A record of care: appended, never rewritten (the app's role may only insert and read).
    await queryRunner.query(`REVOKE UPDATE, DELETE ON "escalation_outreach" FROM between_sessions_app`);

    await queryRunner.query(`
      CREATE TABLE "staff_contacts" (
        "member_id" uuid NOT NULL PRIMARY KEY REFERENCES "members"("id"),
        "email" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "staff_contacts"`);
    await queryRunner.query(`DROP TABLE "escalation_outreach"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP COLUMN "page_key"`);
    await queryRunner.query(`DROP TABLE "email_deliveries"`);
    await queryRunner.query(`DROP TABLE "escalation_pages"`);
    await queryRunner.query(`DROP TABLE "escalation_signals"`);
    await queryRunner.query(`DROP INDEX "escalations_open_by_subject"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "page_round"`);
    await queryRunner.query(`DROP TABLE "on_call_shifts"`);
  }
}
