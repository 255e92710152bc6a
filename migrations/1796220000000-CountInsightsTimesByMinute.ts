import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Percentiles from histograms (issue #18). The rollup kept every first-reply, first-look and
 * acknowledgement time of a day in an array, and a figure unnested and sorted all of a period's
 * times per request (program-wide over 90 days ~25,000 first replies and ~25,000 first looks,
 * ~12 ms per figure, twice for cases by priority). Now a day keeps a histogram of whole minutes
 * instead: the distinct minutes, ascending, and how many times fell on each (two parallel arrays),
 * and a figure adds up the counts per minute over the period's days and reads its percentiles off
 * the cumulative counts. Times are rounded to the nearest whole minute (error <= 30 s), then the
 * percentile is the same linear interpolation percentile_cont does, so whole-minute times give the
 * very figures they gave before.
 *
 * Summing a period's histograms is one row per (day, minute with a time): ~12,000 of them for
 * first replies program-wide over 90 days. Program-wide rows per ISO week (the week's day rows
 * summed, `day` its Monday) bring that to ~3,500: a period reads its whole weeks from them and
 * only the days around them per day. They are rewritten with their days, in the same transaction.
 *
 * The rollup is emptied (rows and state): the next refresh rebuilds every day with histograms, and
 * until then the figures are read live (correct, slower).
 */
export class CountInsightsTimesByMinute1796220000000 implements MigrationInterface {
  name = 'CountInsightsTimesByMinute1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      TRUNCATE "insights_rollup_state", "insights_daily_posts", "insights_daily_cases", "insights_daily_escalations",
               "insights_program_daily_posts", "insights_program_daily_cases", "insights_program_daily_escalations";
      ALTER TABLE "insights_daily_posts" DROP COLUMN "first_reply_minutes",
        ADD COLUMN "first_reply_minutes" integer[] NOT NULL, ADD COLUMN "first_reply_counts" integer[] NOT NULL;
      ALTER TABLE "insights_program_daily_posts" DROP COLUMN "first_reply_minutes",
        ADD COLUMN "first_reply_minutes" integer[] NOT NULL, ADD COLUMN "first_reply_counts" integer[] NOT NULL;
      ALTER TABLE "insights_daily_cases" DROP COLUMN "first_look_minutes",
        ADD COLUMN "first_look_minutes" integer[] NOT NULL, ADD COLUMN "first_look_counts" integer[] NOT NULL;
      ALTER TABLE "insights_program_daily_cases" DROP COLUMN "first_look_minutes",
        ADD COLUMN "first_look_minutes" integer[] NOT NULL, ADD COLUMN "first_look_counts" integer[] NOT NULL;
      ALTER TABLE "insights_daily_escalations" DROP COLUMN "ack_minutes",
        ADD COLUMN "ack_minutes" integer[] NOT NULL, ADD COLUMN "ack_counts" integer[] NOT NULL;
      ALTER TABLE "insights_program_daily_escalations" DROP COLUMN "ack_minutes",
        ADD COLUMN "ack_minutes" integer[] NOT NULL, ADD COLUMN "ack_counts" integer[] NOT NULL;
      CREATE TABLE "insights_program_weekly_posts" (LIKE "insights_program_daily_posts" INCLUDING ALL);
      CREATE TABLE "insights_program_weekly_cases" (LIKE "insights_program_daily_cases" INCLUDING ALL);
      CREATE TABLE "insights_program_weekly_escalations" (LIKE "insights_program_daily_escalations" INCLUDING ALL);
      COMMENT ON COLUMN "insights_program_weekly_posts"."day" IS 'the Monday (UTC) the ISO week starts on';
      COMMENT ON COLUMN "insights_program_weekly_cases"."day" IS 'the Monday (UTC) the ISO week starts on';
      COMMENT ON COLUMN "insights_program_weekly_escalations"."day" IS 'the Monday (UTC) the ISO week starts on';
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE "insights_program_weekly_escalations", "insights_program_weekly_cases", "insights_program_weekly_posts";
      TRUNCATE "insights_rollup_state", "insights_daily_posts", "insights_daily_cases", "insights_daily_escalations",
               "insights_program_daily_posts", "insights_program_daily_cases", "insights_program_daily_escalations";
      ALTER TABLE "insights_daily_posts" DROP COLUMN "first_reply_counts", DROP COLUMN "first_reply_minutes",
        ADD COLUMN "first_reply_minutes" double precision[] NOT NULL;
      ALTER TABLE "insights_program_daily_posts" DROP COLUMN "first_reply_counts", DROP COLUMN "first_reply_minutes",
        ADD COLUMN "first_reply_minutes" double precision[] NOT NULL;
      ALTER TABLE "insights_daily_cases" DROP COLUMN "first_look_counts", DROP COLUMN "first_look_minutes",
        ADD COLUMN "first_look_minutes" double precision[] NOT NULL;
      ALTER TABLE "insights_program_daily_cases" DROP COLUMN "first_look_counts", DROP COLUMN "first_look_minutes",
        ADD COLUMN "first_look_minutes" double precision[] NOT NULL;
      ALTER TABLE "insights_daily_escalations" DROP COLUMN "ack_counts", DROP COLUMN "ack_minutes",
        ADD COLUMN "ack_minutes" double precision[] NOT NULL;
      ALTER TABLE "insights_program_daily_escalations" DROP COLUMN "ack_counts", DROP COLUMN "ack_minutes",
        ADD COLUMN "ack_minutes" double precision[] NOT NULL;
    `);
  }
}
