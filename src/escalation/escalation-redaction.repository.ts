import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { redactQuotedText } from '../common/text/redact-quoted-text';

/** Removes quoted text from the escalations, their attached signals and risk signals of posts whose text was removed (erasure, retention). */
@Injectable()
export class EscalationRedactionRepository {
  async redactEvidenceOf(manager: EntityManager, postIds: readonly string[]): Promise<void> {
    if (postIds.length === 0) return;
    for (const table of ['escalations', 'escalation_signals', 'risk_signals'] as const) {
      const rows: Array<{ id: string; evidence: unknown }> = await manager.query(
        `SELECT id, evidence FROM ${table} WHERE post_id = ANY($1::uuid[]) FOR UPDATE`,
        [postIds],
      );
      for (const row of rows) {
        await manager.query(`UPDATE ${table} SET evidence = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(redactQuotedText(row.evidence))]);
      }
    }
  }
}
