import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inScopeSql, scopeSqlValue, StaffScope } from '../common/auth/staff-scope';
import { CrisisLevel } from '../common/domain/crisis-level.enum';

export interface RiskSignalRow {
  id: string;
  level: CrisisLevel;
  postId: string;
  createdAt: Date;
}

/**
 * The allow-list of escalation's reads that name another feature's tables, each with why it is here
 * and where it goes. Nothing else in escalation names a table that is not its own
 * (escalation.repository.ts).
 *
 * | method                    | reads                        | why here                                                         |
 * | ------------------------- | ---------------------------- | ---------------------------------------------------------------- |
 * | `latestRiskSignalsInScope`| risk_signals + forum's posts | the staff scope is the post's space: one joined statement a page |
 */
@Injectable()
export class EscalationCrossingReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each subject's latest `limit` signals from posts in the scope, newest first: one statement for a page of cases. */
  async latestRiskSignalsInScope(scope: StaffScope, subjectIds: readonly string[], limit: number): Promise<Map<string, RiskSignalRow[]>> {
    const rows: Array<{ subject_id: string; id: string; level: CrisisLevel; post_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT k.subject_id, x.* FROM unnest($1::uuid[]) AS k(subject_id)
       CROSS JOIN LATERAL (
         SELECT r.id, r.level, r.post_id, r.created_at FROM risk_signals r JOIN posts p ON p.id = r.post_id
         WHERE r.subject_id = k.subject_id AND ${inScopeSql('p.space_id', 3)} ORDER BY r.created_at DESC LIMIT $2
       ) x
       ORDER BY k.subject_id, x.created_at DESC`,
      [subjectIds, limit, scopeSqlValue(scope)],
    );
    const bySubject = new Map<string, RiskSignalRow[]>();
    for (const r of rows) {
      bySubject.set(r.subject_id, [...(bySubject.get(r.subject_id) ?? []), { id: r.id, level: r.level, postId: r.post_id, createdAt: r.created_at }]);
    }
    return bySubject;
  }
}
