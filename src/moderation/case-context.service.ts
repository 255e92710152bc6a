import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PostEntity } from '../forum/entities/post.entity';
import { CaseEvidenceModel, CaseNoteModel, RiskSignalModel } from './models/moderation-case.model';

/** How many posts either side of the case's post the thread context shows. */
const CONTEXT_EACH_SIDE = 2;
const MAX_NOTES = 50;

/** The context a moderator reads beside a case: notes, screening evidence, thread, reports, the author's history. */
@Injectable()
export class CaseContextService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async notesByCase(caseIds: readonly string[]): Promise<Map<string, CaseNoteModel[]>> {
    const rows: Array<{ id: string; case_id: string; author_id: string | null; body: string; created_at: Date }> = await this.dataSource.query(
      `SELECT n.* FROM unnest($1::uuid[]) AS k(case_id)
       CROSS JOIN LATERAL (SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = k.case_id ORDER BY created_at DESC LIMIT $2) n`,
      [caseIds, MAX_NOTES],
    );
    const map = new Map<string, CaseNoteModel[]>(caseIds.map((id) => [id, []]));
    for (const row of rows.reverse()) map.get(row.case_id)?.push({ id: row.id, body: row.body, createdAt: row.created_at, authorId: row.author_id });
    for (const notes of map.values()) notes.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return map;
  }

  /** The screening of each post's current revision. */
  async evidenceByPost(postIds: readonly string[]): Promise<Map<string, CaseEvidenceModel>> {
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
      `SELECT s.* FROM posts p JOIN screenings s ON s.post_id = p.id AND s.revision = p.revision WHERE p.id = ANY($1::uuid[])`,
      [postIds],
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

  async reportCounts(postIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ post_id: string; n: number }> = await this.dataSource.query(
      `SELECT post_id, count(*)::int AS n FROM reports WHERE post_id = ANY($1::uuid[]) GROUP BY post_id`,
      [postIds],
    );
    return new Map(rows.map((r) => [r.post_id, r.n]));
  }

  /** The post with its neighbours in the thread, oldest first. */
  async threadContext(postId: string): Promise<PostEntity[]> {
    const repo = this.dataSource.getRepository(PostEntity);
    const post = await repo.findOne({ where: { id: postId } });
    if (!post) return [];
    const before = await repo
      .createQueryBuilder('p')
      .where('p.thread_id = :threadId AND p.seq < :seq', { threadId: post.threadId, seq: post.seq })
      .orderBy('p.seq', 'DESC')
      .limit(CONTEXT_EACH_SIDE)
      .getMany();
    const after = await repo
      .createQueryBuilder('p')
      .where('p.thread_id = :threadId AND p.seq > :seq', { threadId: post.threadId, seq: post.seq })
      .orderBy('p.seq', 'ASC')
      .limit(CONTEXT_EACH_SIDE)
      .getMany();
    return [...before.reverse(), post, ...after];
  }

  async riskSignals(subjectId: string, limit: number): Promise<RiskSignalModel[]> {
    const rows: Array<{ id: string; level: RiskSignalModel['level']; post_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT id, level, post_id, created_at FROM risk_signals WHERE subject_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [subjectId, limit],
    );
    return rows.map((r) => ({ id: r.id, level: r.level, postId: r.post_id, createdAt: r.created_at }));
  }
}
