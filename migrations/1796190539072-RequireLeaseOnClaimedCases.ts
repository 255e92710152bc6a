import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim is a lease: a CLAIMED case always has its holder and the lease's end. The queue already
 * reads a claim without a lease as lapsed (OPEN); the constraint makes such a row impossible, so
 * no later query has to remember that. Rows that broke it are released first, as the queue showed them.
 */
export class RequireLeaseOnClaimedCases1796190539072 implements MigrationInterface {
  name = 'RequireLeaseOnClaimedCases1796190539072';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "moderation_cases" SET "status" = 'OPEN', "assignee_id" = NULL, "lease_expires_at" = NULL
       WHERE "status" = 'CLAIMED' AND ("assignee_id" IS NULL OR "lease_expires_at" IS NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_claim_has_lease"
       CHECK ("status" <> 'CLAIMED' OR ("assignee_id" IS NOT NULL AND "lease_expires_at" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "moderation_cases" DROP CONSTRAINT "moderation_cases_claim_has_lease"`);
  }
}
