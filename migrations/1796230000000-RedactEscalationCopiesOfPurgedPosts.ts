import { MigrationInterface, QueryRunner } from 'typeorm';
import { EscalationRedactionRepository } from '../src/escalation/escalation-redaction.repository';

/**
 * Data only. Retention and erasure used to redact an escalation's evidence only by the
 * escalation's own post, so the words of a purged post that had joined a client's open escalation
 * stayed in `escalations.evidence` (its signal row was redacted). This runs today's redaction
 * again for every post whose text is gone: the copies left behind still match their signal once
 * their words are taken out (see redact-escalation-evidence.ts), and rows redacted right already
 * do not change. Nothing to undo: removed words cannot be put back.
 */
export class RedactEscalationCopiesOfPurgedPosts1796230000000 implements MigrationInterface {
  name = 'RedactEscalationCopiesOfPurgedPosts1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT p.id FROM posts p WHERE p.text_removed_at IS NOT NULL
          AND (EXISTS (SELECT 1 FROM escalations e WHERE e.post_id = p.id) OR EXISTS (SELECT 1 FROM escalation_signals s WHERE s.post_id = p.id))`,
    )) as Array<{ id: string }>;
    await new EscalationRedactionRepository().redactEvidenceOf(
      queryRunner.manager,
      rows.map((r) => r.id),
    );
  }

  public async down(): Promise<void> {
    // The words are gone; there is nothing to restore.
  }
}
