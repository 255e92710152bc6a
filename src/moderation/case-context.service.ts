import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inScopeSql, scopeSqlValue, StaffScope } from '../common/auth/staff-scope';
import { CaseEvidenceModel, CaseNoteModel, RiskSignalModel } from './models/moderation-case.model';

/** How many posts either side of the case's post the thread context shows. */
export const CONTEXT_EACH_SIDE = 2;
export const MAX_NOTES = 50;

/**
 * The context a moderator reads beside a case: notes, screening evidence, thread, reports, the
 * author's history. Every read is limited to the viewer's staff scope here, where it is loaded,
 * so an author's history never carries another space's held posts, notes or signals.
 */
@Injectable()
export class CaseContextService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async notesByCase(scope: StaffScope, caseIds: readonly string[]): Promise<Map<string, CaseNoteModel[]>> {
    const rows: Array<{ id: string; case_id: string; author_id: string | null; body: string; created_at: Date }> = await this.dataSource.query(
      `SELECT n.* FROM moderation_cases c
       CROSS JOIN LATERAL (SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = c.id ORDER BY created_at DESC LIMIT $2) n
       WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 3)}`,
      [caseIds, MAX_NOTES, scopeSqlValue(scope)],
    );
    const map = new Map<string, CaseNoteModel[]>(caseIds.map((id) => [id, []]));
    for (const row of rows.reverse()) map.get(row.case_id)?.push({ id: row.id, body: row.body, createdAt: row.created_at, authorId: row.author_id });
    for (const notes of map.values()) notes.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return map;
  }

  /** The screening of each post's current revision. */
  async evidenceByPost(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, CaseEvidenceModel>> {
    const rows: Array<{
      post_id: string;
      revision: number;
      decision: string;
      crisis_level: CaseEvidenceModel['crisisLevel'];
      crisis_evidence: unknown[];
      toxicity: unknown;
      watched_word_hits: unknown[];
      reasons: string[];
      screened_at: Date;
    }> = await this.dataSource.query(
      `SELECT s.* FROM posts p JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision
       WHERE p.id = ANY($1::uuid[]) AND ${inScopeSql('p.space_id', 2)}`,
      [postIds, scopeSqlValue(scope)],
    );
    return new Map(
      rows.map((r) => [
        r.post_id,
        {
          revision: r.revision,
          decision: r.decision,
          crisisLevel: r.crisis_level,
          crisisEvidence: (r.crisis_evidence ?? []).map((e) => JSON.stringify(e)),
          toxicity: r.toxicity === null || r.toxicity === undefined ? null : JSON.stringify(r.toxicity),
          watchedWordHits: (r.watched_word_hits ?? []).map((e) => JSON.stringify(e)),
          reasons: r.reasons,
          screenedAt: r.screened_at,
        },
      ]),
    );
  }

  async reportCounts(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ post_id: string; n: number }> = await this.dataSource.query(
      `SELECT r.post_id, count(*)::int AS n FROM reports r JOIN posts p ON p.id = r.post_id
       WHERE r.post_id = ANY($1::uuid[]) AND ${inScopeSql('p.space_id', 2)} GROUP BY r.post_id`,
      [postIds, scopeSqlValue(scope)],
    );
    return new Map(rows.map((r) => [r.post_id, r.n]));
  }

  /**
   * The ids of each post and its neighbours in its thread, oldest first, for posts in the scope (a
   * thread lies in one space): one statement for a page of cases; the posts load through the forum.
   */
  async threadContextIds(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ anchor: string; id: string }> = await this.dataSource.query(
      `SELECT c.id AS anchor, n.id FROM posts c
       CROSS JOIN LATERAL (
         (SELECT b.id, b.seq FROM posts b WHERE b.thread_id = c.thread_id AND b.seq < c.seq ORDER BY b.seq DESC LIMIT $2)
         UNION ALL SELECT c.id, c.seq
         UNION ALL (SELECT a.id, a.seq FROM posts a WHERE a.thread_id = c.thread_id AND a.seq > c.seq ORDER BY a.seq LIMIT $2)
       ) n
       WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 3)}
       ORDER BY c.id, n.seq`,
      [postIds, CONTEXT_EACH_SIDE, scopeSqlValue(scope)],
    );
    return groupBy(
      rows,
      (r) => r.anchor,
      (r) => r.id,
    );
  }

  /** Each subject's latest signals from posts in the scope, newest first: one statement for a page. */
  async riskSignals(scope: StaffScope, subjectIds: readonly string[], limit: number): Promise<Map<string, RiskSignalModel[]>> {
    const rows: Array<{ subject_id: string; id: string; level: RiskSignalModel['level']; post_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT k.subject_id, x.* FROM unnest($1::uuid[]) AS k(subject_id)
       CROSS JOIN LATERAL (
         SELECT r.id, r.level, r.post_id, r.created_at FROM risk_signals r JOIN posts p ON p.id = r.post_id
         WHERE r.subject_id = k.subject_id AND ${inScopeSql('p.space_id', 3)} ORDER BY r.created_at DESC LIMIT $2
       ) x
       ORDER BY k.subject_id, x.created_at DESC`,
      [subjectIds, limit, scopeSqlValue(scope)],
    );
    return groupBy(
      rows,
      (r) => r.subject_id,
      (r) => ({ id: r.id, level: r.level, postId: r.post_id, createdAt: r.created_at }),
    );
  }
}

function groupBy<R, V>(rows: R[], keyOf: (row: R) => string, valueOf: (row: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), valueOf(row)]);
  return groups;
}
