import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Program-wide rollup rows (issue #18): the daily rollup's rows again, summed over every space, one
 * per UTC day (and priority / severity). A program-wide figure over 90 days read 1,800 per-space
 * rows (and 3,600 case rows) and unnested ~25,000 first-reply and ~25,000 first-look times out of
 * them per request (bench engagement: p99 144-186 ms); these are 90 rows with the same times in
 * one sorted array per day, so the percentiles stay exact (the same times, the same
 * percentile_cont) at a fraction of the per-row work. Written by the same refresh, in the same
 * transaction as the per-space rows they sum; a viewer limited to some spaces still reads those.
 *
 * The existing rollup is forgotten (its state row deleted): the next refresh rebuilds every day,
 * both kinds of rows, and until then the figures are read live (correct, slower).
 */
export class AddProgramWideInsightsRollup1796210000001 implements MigrationInterface {
  name = 'AddProgramWideInsightsRollup1796210000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "insights_program_daily_posts" (
        "day" date PRIMARY KEY,
        "client_bits" bit varying NOT NULL,
        "new_threads" integer NOT NULL,
        "replies" integer NOT NULL,
        "peer_specialist_replies" integer NOT NULL,
        "reactions" integer NOT NULL,
        "first_reply_minutes" double precision[] NOT NULL,
        "first_replies_by_peer" integer NOT NULL,
        "threads_due" integer NOT NULL,
        "unanswered" integer NOT NULL
      );
      CREATE TABLE "insights_program_daily_cases" (
        "day" date NOT NULL,
        "priority" text NOT NULL,
        "opened" integer NOT NULL,
        "reason_counts" jsonb NOT NULL,
        "first_look_minutes" double precision[] NOT NULL,
        "due_or_decided" integer NOT NULL,
        "decided_within_due" integer NOT NULL,
        PRIMARY KEY ("day", "priority")
      );
      CREATE TABLE "insights_program_daily_escalations" (
        "day" date NOT NULL,
        "severity" text NOT NULL,
        "subject_bits" bit varying NOT NULL,
        "raised" integer NOT NULL,
        "ack_minutes" double precision[] NOT NULL,
        "due_or_acknowledged" integer NOT NULL,
        "acknowledged_within_deadline" integer NOT NULL,
        "climbed" integer NOT NULL,
        PRIMARY KEY ("day", "severity")
      );
      DELETE FROM "insights_rollup_state";
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "insights_program_daily_escalations", "insights_program_daily_cases", "insights_program_daily_posts"`);
  }
}
