import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inScopeSql, scopeSqlValue, StaffScope } from '../common/auth/staff-scope';
import { CrisisLevel } from '../common/domain/crisis-level.enum';

/** A screening row as the case evidence reads it (JSON columns as PostgreSQL hands them back). */
export interface ScreeningEvidenceRow {
  post_id: string;
  revision: number;
  decision: string;
  crisis_level: CrisisLevel;
  crisis_evidence: unknown[] | null;
  toxicity: unknown;
  watched_word_hits: unknown[] | null;
  reasons: string[];
  screened_at: Date;
}

/**
 * The allow-list of moderation's reads that name another feature's tables, each with why it is here
 * and where it goes. Nothing else in moderation names a table that is not its own
 * (moderation.repository.ts); escalation's data comes through escalation's exported repositories.
 *
 * | method                 | reads                             | why here                                                        |
 * | ---------------------- | --------------------------------- | --------------------------------------------------------------- |
 * | `screeningEvidence`    | screening's screenings + posts    | screening sits above moderation, so moderation cannot call it; moves when screening resolves `ModerationCase.evidence` itself |
 * | `reportCountsByPost`   | forum's reports + posts           | forum read; moves to the forum repository                       |
 * | `threadNeighbourIds`   | forum's posts                     | forum read; moves to the forum repository                       |
 * | `reportsWithoutCase`   | forum's reports + moderation_cases | stays: the anti-join against cases is the point, one statement |
 *
 * Every read of non-public content is limited to the viewer's staff scope here, where it is loaded.
 */
@Injectable()
export class ModerationCrossingReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The screening of each post's current revision, for posts in the scope. */
  async screeningEvidence(scope: StaffScope, postIds: readonly string[]): Promise<ScreeningEvidenceRow[]> {
    return this.dataSource.query(
      `SELECT s.* FROM posts p JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision
       WHERE p.id = ANY($1::uuid[]) AND ${inScopeSql('p.space_id', 2)}`,
      [postIds, scopeSqlValue(scope)],
    );
  }

  /** Reports per post, for posts in the scope (one report per member and post, so: distinct reporters). */
  async reportCountsByPost(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ post_id: string; n: number }> = await this.dataSource.query(
      `SELECT r.post_id, count(*)::int AS n FROM reports r JOIN posts p ON p.id = r.post_id
       WHERE r.post_id = ANY($1::uuid[]) AND ${inScopeSql('p.space_id', 2)} GROUP BY r.post_id`,
      [postIds, scopeSqlValue(scope)],
    );
    return new Map(rows.map((r) => [r.post_id, r.n]));
  }

  /**
   * The ids of each post and its `eachSide` neighbours in its thread, oldest first, for posts in the
   * scope (a thread lies in one space): one statement for a page of cases.
   */
  async threadNeighbourIds(scope: StaffScope, postIds: readonly string[], eachSide: number): Promise<Map<string, string[]>> {
    const rows: Array<{ anchor: string; id: string }> = await this.dataSource.query(
      `SELECT c.id AS anchor, n.id FROM posts c
       CROSS JOIN LATERAL (
         (SELECT b.id, b.seq FROM posts b WHERE b.thread_id = c.thread_id AND b.seq < c.seq ORDER BY b.seq DESC LIMIT $2)
         UNION ALL SELECT c.id, c.seq
         UNION ALL (SELECT a.id, a.seq FROM posts a WHERE a.thread_id = c.thread_id AND a.seq > c.seq ORDER BY a.seq LIMIT $2)
       ) n
       WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 3)}
       ORDER BY c.id, n.seq`,
      [postIds, eachSide, scopeSqlValue(scope)],
    );
    const byAnchor = new Map<string, string[]>();
    for (const r of rows) byAnchor.set(r.anchor, [...(byAnchor.get(r.anchor) ?? []), r.id]);
    return byAnchor;
  }

  /** Reports between `graceSeconds` and `lookbackDays` old that joined no case (their job was lost), oldest first. */
  async reportsWithoutCase(graceSeconds: number, lookbackDays: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT r.id FROM reports r
       WHERE r.created_at < now() - make_interval(secs => $1) AND r.created_at > now() - make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM moderation_cases c WHERE c.post_id = r.post_id AND ('report:' || r.id) = ANY(c.source_keys))
       ORDER BY r.created_at LIMIT $3`,
      [graceSeconds, lookbackDays, limit],
    );
    return rows.map((r) => r.id);
  }
}
