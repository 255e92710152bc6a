import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REDACTED, redactQuotedText } from '../common/text/redact-quoted-text';
import { redactEscalationEvidence } from './redact-escalation-evidence';

/** Removes quoted text from the escalations (evidence, the escalating moderator's note), their attached signals and risk signals of posts whose text was removed (erasure, retention). */
@Injectable()
export class EscalationRedactionRepository {
  async redactEvidenceOf(manager: EntityManager, postIds: readonly string[]): Promise<void> {
    if (postIds.length === 0) return;
    const purged = new Set(postIds);
    // An escalation gathers the evidence of every post attached to it, not only its own post's:
    // each one that quotes a purged post, by its own post or by a signal, loses those items only.
    const escalations: Array<{ id: string; post_id: string | null; evidence: unknown }> = await manager.query(
      `SELECT e.id, e.post_id, e.evidence FROM escalations e
        WHERE e.post_id = ANY($1::uuid[]) OR e.id IN (SELECT s.escalation_id FROM escalation_signals s WHERE s.post_id = ANY($1::uuid[]))
        ORDER BY e.id FOR UPDATE OF e`,
      [postIds],
    );
    if (escalations.length > 0) {
      // Read before the signals are redacted below: the items are matched as they were appended.
      const signals: Array<{ escalation_id: string; post_id: string | null; evidence: unknown[] }> = await manager.query(
        `SELECT escalation_id, post_id, evidence FROM escalation_signals WHERE escalation_id = ANY($1::uuid[]) ORDER BY escalation_id, created_at, id`,
        [escalations.map((e) => e.id)],
      );
      for (const escalation of escalations) {
        const attached = signals.filter((s) => s.escalation_id === escalation.id).map((s) => ({ postId: s.post_id, evidence: s.evidence }));
        const redacted = redactEscalationEvidence(escalation.evidence, escalation.post_id, attached, purged);
        await manager.query(`UPDATE escalations SET evidence = $2::jsonb WHERE id = $1`, [escalation.id, JSON.stringify(redacted)]);
      }
    }
    // The note of a case's escalation is the escalating moderator's, copied from the case (where
    // it goes too): it goes with the post it is about. A note that joined another escalation is an
    // evidence item of this post's signal, redacted above. The clinicians' acknowledgement and
    // resolution notes and their outreach stay: the record of care, kept by clinical-record rules,
    // not the forum's (outreach is insert-only for the app's database role).
    await manager.query(`UPDATE escalations SET note = $2 WHERE post_id = ANY($1::uuid[]) AND note IS NOT NULL AND note <> $2`, [postIds, REDACTED]);
    for (const table of ['escalation_signals', 'risk_signals'] as const) {
      const rows: Array<{ id: string; evidence: unknown }> = await manager.query(
        `SELECT id, evidence FROM ${table} WHERE post_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [postIds],
      );
      for (const row of rows) {
        await manager.query(`UPDATE ${table} SET evidence = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(redactQuotedText(row.evidence))]);
      }
    }
  }
}
