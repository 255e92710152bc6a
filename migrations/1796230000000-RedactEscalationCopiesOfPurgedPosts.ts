import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only. Retention and erasure used to redact an escalation's evidence only by the
 * escalation's own post, so the words of a purged post that had joined a client's open escalation
 * stayed in `escalations.evidence` (its signal row was redacted). This runs the redaction of the
 * fix again for every post whose text is gone: the copies left behind still match their signal
 * once their words are taken out, and rows redacted right already do not change. Nothing to undo:
 * removed words cannot be put back.
 *
 * Self-contained on purpose: the redaction below is a copy of the application's as it stood when
 * this was written (EscalationRedactionRepository, redact-escalation-evidence.ts,
 * redact-quoted-text.ts at 918c0c0), so a later change there cannot change what this did.
 */
export class RedactEscalationCopiesOfPurgedPosts1796230000000 implements MigrationInterface {
  name = 'RedactEscalationCopiesOfPurgedPosts1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT p.id FROM posts p WHERE p.text_removed_at IS NOT NULL
          AND (EXISTS (SELECT 1 FROM escalations e WHERE e.post_id = p.id) OR EXISTS (SELECT 1 FROM escalation_signals s WHERE s.post_id = p.id))`,
    )) as Array<{ id: string }>;
    await redactEvidenceOf(
      queryRunner,
      rows.map((r) => r.id),
    );
  }

  public async down(): Promise<void> {
    // The words are gone; there is nothing to restore.
  }
}

const REDACTED = '[removed]';

/** Keys under which screening and escalation evidence quoted what a member wrote. */
const TEXT_KEYS = new Set(['phrase', 'text', 'original', 'squashed', 'excerpt', 'snippet', 'quote', 'match', 'matched', 'sentence', 'line', 'passage']);

/** Removes quoted text from the escalations, their attached signals and risk signals of these posts. */
async function redactEvidenceOf(queryRunner: QueryRunner, postIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  const purged = new Set(postIds);
  // An escalation gathers the evidence of every post attached to it: each one that quotes a purged post loses those items only.
  const escalations = (await queryRunner.query(
    `SELECT e.id, e.post_id, e.evidence FROM escalations e
      WHERE e.post_id = ANY($1::uuid[]) OR e.id IN (SELECT s.escalation_id FROM escalation_signals s WHERE s.post_id = ANY($1::uuid[]))
      ORDER BY e.id FOR UPDATE OF e`,
    [postIds],
  )) as Array<{ id: string; post_id: string | null; evidence: unknown }>;
  if (escalations.length > 0) {
    // Read before the signals are redacted below: the items are matched as they were appended.
    const signals = (await queryRunner.query(
      `SELECT escalation_id, post_id, evidence FROM escalation_signals WHERE escalation_id = ANY($1::uuid[]) ORDER BY escalation_id, created_at, id`,
      [escalations.map((e) => e.id)],
    )) as Array<{ escalation_id: string; post_id: string | null; evidence: unknown[] }>;
    for (const escalation of escalations) {
      const attached = signals.filter((s) => s.escalation_id === escalation.id).map((s) => ({ postId: s.post_id, evidence: s.evidence }));
      const redacted = redactEscalationEvidence(escalation.evidence, escalation.post_id, attached, purged);
      await queryRunner.query(`UPDATE escalations SET evidence = $2::jsonb WHERE id = $1`, [escalation.id, JSON.stringify(redacted)]);
    }
  }
  for (const table of ['escalation_signals', 'risk_signals'] as const) {
    const rows = (await queryRunner.query(`SELECT id, evidence FROM ${table} WHERE post_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [postIds])) as Array<{
      id: string;
      evidence: unknown;
    }>;
    for (const row of rows) {
      await queryRunner.query(`UPDATE ${table} SET evidence = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(redactQuotedText(row.evidence))]);
    }
  }
}

/**
 * An escalation's evidence with the items quoting these posts redacted. Each attached signal
 * appended a copy of its own evidence, so an item equal to a signal's item is that signal's
 * post's; items are matched as a multiset, a purged post's copy claimed first. An item no signal
 * accounts for is the opening evidence, the escalation's own post's. A copy whose signal was
 * redacted by an earlier run still matches the signal's redacted item once its own words are taken
 * out; those are matched from the end, where appended copies are.
 */
function redactEscalationEvidence(
  evidence: unknown,
  ownPostId: string | null,
  attached: ReadonlyArray<{ postId: string | null; evidence: unknown[] }>,
  purged: ReadonlySet<string>,
): unknown {
  const ownPurged = ownPostId !== null && purged.has(ownPostId);
  if (!Array.isArray(evidence)) return ownPurged ? redactQuotedText(evidence) : evidence;
  const items: readonly unknown[] = evidence;
  const copies = attached.flatMap((signal) =>
    (Array.isArray(signal.evidence) ? signal.evidence : []).map((item) => {
      const exact = JSON.stringify(item);
      const redacted = JSON.stringify(redactQuotedText(item));
      const removed = (signal.postId !== null && purged.has(signal.postId)) || exact === redacted;
      return { exact, redacted, removed, used: false };
    }),
  );
  const claim = (matches: (copy: (typeof copies)[number]) => boolean) => {
    const copy = copies.find((c) => !c.used && c.removed && matches(c)) ?? copies.find((c) => !c.used && matches(c));
    if (copy) copy.used = true;
    return copy;
  };
  const decided: Array<boolean | undefined> = items.map((item) => claim((c) => c.exact === JSON.stringify(item))?.removed);
  for (let i = items.length - 1; i >= 0; i--) {
    if (decided[i] !== undefined) continue;
    const redacted = JSON.stringify(redactQuotedText(items[i]));
    if (claim((c) => c.removed && c.redacted === redacted)) decided[i] = true;
  }
  return items.map((item, i) => ((decided[i] ?? ownPurged) ? redactQuotedText(item) : item));
}

/** Evidence with every quoted span of text replaced, everything else (pattern ids, tiers, scores) kept. */
function redactQuotedText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redactQuotedText(item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      TEXT_KEYS.has(key) && typeof item === 'string' ? REDACTED : redactQuotedText(item),
    ]),
  );
}
