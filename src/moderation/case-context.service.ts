import { Injectable } from '@nestjs/common';
import { StaffScope } from '../common/auth/staff-scope';
import { EscalationCrossingReads } from '../escalation/escalation-crossing-reads.repository';
import { ModerationCrossingReads } from './moderation-crossing-reads.repository';
import { ModerationRepository } from './moderation.repository';
import { CaseEvidenceModel, CaseNoteModel, RiskSignalModel } from './models/moderation-case.model';

/** How many posts either side of the case's post the thread context shows. */
export const CONTEXT_EACH_SIDE = 2;
export const MAX_NOTES = 50;

/**
 * The context a moderator reads beside a case: notes, screening evidence, thread, reports, the
 * author's history. Every read is limited to the viewer's staff scope where it is loaded, so an
 * author's history never carries another space's held posts, notes or signals. Each method reads
 * a page of cases in one statement.
 */
@Injectable()
export class CaseContextService {
  constructor(
    private readonly cases: ModerationRepository,
    private readonly crossing: ModerationCrossingReads,
    private readonly escalationReads: EscalationCrossingReads,
  ) {}

  /** Each case's latest notes, oldest first. */
  async notesByCase(scope: StaffScope, caseIds: readonly string[]): Promise<Map<string, CaseNoteModel[]>> {
    const rows = await this.cases.latestNotesOfCases(scope, caseIds, MAX_NOTES);
    const map = new Map<string, CaseNoteModel[]>(caseIds.map((id) => [id, []]));
    for (const row of rows.reverse()) map.get(row.caseId)?.push({ id: row.id, body: row.body, createdAt: row.createdAt, authorId: row.authorId });
    for (const notes of map.values()) notes.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return map;
  }

  /** The screening of each post's current revision. */
  async evidenceByPost(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, CaseEvidenceModel>> {
    const rows = await this.crossing.screeningEvidence(scope, postIds);
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
    return this.crossing.reportCountsByPost(scope, postIds);
  }

  /** The ids of each post and its neighbours in its thread, oldest first; the posts load through the forum. */
  async threadContextIds(scope: StaffScope, postIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.crossing.threadNeighbourIds(scope, postIds, CONTEXT_EACH_SIDE);
  }

  /** Each subject's latest signals from posts in the scope, newest first. */
  async riskSignals(scope: StaffScope, subjectIds: readonly string[], limit: number): Promise<Map<string, RiskSignalModel[]>> {
    return this.escalationReads.latestRiskSignalsInScope(scope, subjectIds, limit);
  }
}
