import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The program's five topic spaces, open to every cohort, so a new installation can be posted in
 * at once. Programs rename, reorder or limit them to a cohort afterwards.
 */
export class SeedDefaultSpaces1795827040875 implements MigrationInterface {
  name = 'SeedDefaultSpaces1795827040875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO spaces (slug, name, description, position) VALUES
        ('anxiety', 'Anxiety', 'Worry, panic, and what helps you through it.', 10),
        ('depression', 'Depression', 'Low days, heavy days, and small steps.', 20),
        ('coping-skills', 'Coping skills', 'Skills from group and what you are practising between sessions.', 30),
        ('wins-and-gratitude', 'Wins & gratitude', 'Good moments, big or small.', 40),
        ('general-check-in', 'General check-in', 'How are you doing today?', 50)
      ON CONFLICT (slug) DO NOTHING
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Only spaces nobody has posted in: a thread keeps its space.
    await queryRunner.query(`
      DELETE FROM spaces s
       WHERE s.slug IN ('anxiety', 'depression', 'coping-skills', 'wins-and-gratitude', 'general-check-in')
         AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.space_id = s.id)
    `);
  }
}
