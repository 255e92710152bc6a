import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An escalation nobody acknowledges at the last level is paged again on every deadline until
 * someone does. `reminders` counts those repeats, so each has its own job id and notification
 * key, and a re-delivered deadline job cannot page twice.
 */
export class AddEscalationReminders1795834900378 implements MigrationInterface {
  name = 'AddEscalationReminders1795834900378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "escalations" ADD COLUMN "reminders" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "reminders"`);
  }
}
