import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { redactQuotedText } from '../common/text/redact-quoted-text';

/** Removes the quoted text from the screenings of posts whose text was removed (erasure, retention). */
@Injectable()
export class ScreeningRedactionRepository {
  /** Every screening of these posts keeps its levels, rules and scores, without the phrases it quoted. */
  async redactEvidenceOf(manager: EntityManager, postIds: readonly string[]): Promise<number> {
    if (postIds.length === 0) return 0;
    const rows: Array<{ id: string; crisis_evidence: unknown; watched_word_hits: unknown; phases: unknown }> = await manager.query(
      `SELECT id, crisis_evidence, watched_word_hits, phases FROM screenings WHERE post_id = ANY($1::uuid[]) FOR UPDATE`,
      [postIds],
    );
    for (const row of rows) {
      await manager.query(`UPDATE screenings SET crisis_evidence = $2::jsonb, watched_word_hits = $3::jsonb, phases = $4::jsonb WHERE id = $1`, [
        row.id,
        JSON.stringify(redactQuotedText(row.crisis_evidence)),
        JSON.stringify(redactQuotedText(row.watched_word_hits)),
        JSON.stringify(redactQuotedText(row.phases)),
      ]);
    }
    return rows.length;
  }
}
