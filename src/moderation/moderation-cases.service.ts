import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CASE_PRIORITY_RANK, CasePriority, CaseReason } from '../common/domain/moderation.enums';
import { AppConfig } from '../config/app-config';
import { ModerationRepository } from './moderation.repository';

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
  constructor(
    private readonly cases: ModerationRepository,
    private readonly config: AppConfig,
  ) {}

  async openOrJoin(manager: EntityManager, request: CaseRequest): Promise<CaseUpsertResult> {
    const row = await this.cases.openOrJoinCase(manager, {
      ...request,
      priorityRank: CASE_PRIORITY_RANK[request.priority],
      dueSeconds: this.config.moderation.caseDueSeconds[request.priority],
    });
    if (row) return { caseId: row.id, opened: row.opened, changed: true, priority: row.priority, dueAt: row.due_at };
    // The source already joined the open case: report it unchanged.
    const existing = await this.cases.openCaseOfPost(manager, request.postId);
    return { caseId: existing.id, opened: false, changed: false, priority: existing.priority, dueAt: existing.due_at };
  }
}
