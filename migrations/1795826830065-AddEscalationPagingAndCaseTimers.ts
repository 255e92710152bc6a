import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paging and timer bookkeeping. `paged_level` says which level was last paged, so a sweeper can
 * re-page escalations whose job never ran (Redis was down at commit). `overdue_notified_at` says
 * a case's overdue reminder went out. Partial indexes keep the open queue and the sweepers fast
 * however many resolved rows pile up.
 */
export class AddEscalationPagingAndCaseTimers1795826830065 implements MigrationInterface {
  name = 'AddEscalationPagingAndCaseTimers1795826830065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "escalations"
        ADD COLUMN "paged_level" smallint NOT NULL DEFAULT 0,
        ADD COLUMN "paged_at" TIMESTAMP WITH TIME ZONE;
      CREATE INDEX "escalations_unpaged" ON "escalations" ("created_at") WHERE status = 'OPEN' AND paged_level < level;
      CREATE INDEX "escalations_created" ON "escalations" ("created_at", "id");
      ALTER TABLE "moderation_cases" ADD COLUMN "overdue_notified_at" TIMESTAMP WITH TIME ZONE;
      CREATE INDEX "moderation_cases_due_unnotified" ON "moderation_cases" ("due_at") WHERE status <> 'RESOLVED' AND overdue_notified_at IS NULL;
      CREATE INDEX "moderation_cases_active_queue" ON "moderation_cases" ("priority_rank", "due_at", "opened_at", "id") WHERE status <> 'RESOLVED';
      CREATE INDEX "moderation_cases_active_space_queue" ON "moderation_cases" ("space_id", "priority_rank", "due_at", "opened_at", "id") WHERE status <> 'RESOLVED';
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX "moderation_cases_active_space_queue";
      DROP INDEX "moderation_cases_active_queue";
      DROP INDEX "moderation_cases_due_unnotified";
      ALTER TABLE "moderation_cases" DROP COLUMN "overdue_notified_at";
      DROP INDEX "escalations_created";
      DROP INDEX "escalations_unpaged";
      ALTER TABLE "escalations" DROP COLUMN "paged_at", DROP COLUMN "paged_level";
    `);
  }
}
