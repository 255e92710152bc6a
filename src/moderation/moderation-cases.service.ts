import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CASE_PRIORITY_RANK, CasePriority, CaseReason } from '../common/domain/moderation.enums';
import { AppConfig } from '../config/app-config';

export interface CaseRequest {
  postId: string;
  spaceId: string;
  /** The post's author. */
  subjectId: string;
  reasons: CaseReason[];
  priority: CasePriority;
  /**
   * What asks for the case (e.g. `screening:<postId>:<revision>`, `report:<reportId>`). A source
   * that already joined the case changes nothing, so a re-delivered job is a no-op.
   */
  sourceKey: string;
}

export interface CaseUpsertResult {
  caseId: string;
  /** True when this call opened a new case. */
  opened: boolean;
  /** True when this call opened or changed the case (new reason, higher priority). */
  changed: boolean;
  priority: CasePriority;
  dueAt: Date;
}

/**
 * Opens a case for a post or joins its open one: reasons are merged, priority only rises, the due
 * time only comes closer. One statement, so two workers or a report racing a screening cannot
 * open two cases for one post (the partial unique index decides).
 */
@Injectable()
export class ModerationCasesService {
  constructor(private readonly config: AppConfig) {}

  async openOrJoin(manager: EntityManager, request: CaseRequest): Promise<CaseUpsertResult> {
    const rank = CASE_PRIORITY_RANK[request.priority];
    const rows: Array<{ id: string; opened: boolean; priority: CasePriority; due_at: Date; source_keys: string[] }> = await manager.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at, source_keys)
       VALUES ($1, $2, $3, $4::text[], $5, $6, now() + make_interval(secs => $7), ARRAY[$8])
       ON CONFLICT (post_id) WHERE status <> 'RESOLVED' DO UPDATE SET
         reasons = ARRAY(SELECT DISTINCT unnest(moderation_cases.reasons || EXCLUDED.reasons) ORDER BY 1),
         priority = CASE WHEN EXCLUDED.priority_rank < moderation_cases.priority_rank THEN EXCLUDED.priority ELSE moderation_cases.priority END,
         priority_rank = LEAST(moderation_cases.priority_rank, EXCLUDED.priority_rank),
         due_at = LEAST(moderation_cases.due_at, EXCLUDED.due_at),
         source_keys = moderation_cases.source_keys || EXCLUDED.source_keys
       WHERE NOT ($8 = ANY(moderation_cases.source_keys))
       RETURNING id, (xmax = 0) AS opened, priority, due_at, source_keys`,
      [
        request.postId,
        request.spaceId,
        request.subjectId,
        request.reasons,
        request.priority,
        rank,
        this.config.moderation.caseDueSeconds[request.priority],
        request.sourceKey,
      ],
    );
    if (rows.length > 0) {
      const row = rows[0];
      return { caseId: row.id, opened: row.opened, changed: true, priority: row.priority, dueAt: row.due_at };
    }
    // The source already joined the open case: report it unchanged.
    const existing: Array<{ id: string; priority: CasePriority; due_at: Date }> = await manager.query(
      `SELECT id, priority, due_at FROM moderation_cases WHERE post_id = $1 AND status <> 'RESOLVED'`,
      [request.postId],
    );
    return { caseId: existing[0].id, opened: false, changed: false, priority: existing[0].priority, dueAt: existing[0].due_at };
  }
}
