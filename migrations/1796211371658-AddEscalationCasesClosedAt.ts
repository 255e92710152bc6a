import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `escalations.cases_closed_at`: the outbox of the `close-escalation-cases` job. Resolving leaves
 * it null in the resolve transaction; the job sets it in the transaction that closes the cases;
 * the moderation sweeper re-enqueues the job for a RESOLVED escalation still null after a grace
 * period (Redis was down at resolve time, or the job was lost). Escalations resolved before this
 * migration are taken as closed: their job ran or was lost long ago, and running it now would add
 * a second outcome note to cases peers have since handled.
 */
export class AddEscalationCasesClosedAt1796211371658 implements MigrationInterface {
  name = 'AddEscalationCasesClosedAt1796211371658';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "escalations" ADD "cases_closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "escalations" SET "cases_closed_at" = "resolved_at" WHERE "status" = 'RESOLVED'`);
    // The sweeper's query: small, since a row leaves it as soon as its job runs.
    await queryRunner.query(`CREATE INDEX "escalations_cases_to_close" ON "escalations" ("resolved_at") WHERE status = 'RESOLVED' AND cases_closed_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."escalations_cases_to_close"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "cases_closed_at"`);
  }
}
