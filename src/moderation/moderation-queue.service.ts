import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { StaffScope, staffScopeOf } from '../common/auth/staff-scope';
import { RequestContext } from '../common/auth/viewer';
import { CASE_PRIORITY_RANK, CasePriority, CaseStatus } from '../common/domain/moderation.enums';
import { toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { requestLoader } from '../common/graphql/request-loaders';
import { ModerationCaseConnection, ModerationCaseModel, QueueCountModel } from './models/moderation-case.model';
import { COUNTED_STATUSES, QueueFilter } from './moderation-queue.predicates';
import { CaseRow, ModerationRepository } from './moderation.repository';

export function toCaseModel(row: CaseRow): ModerationCaseModel {
  return {
    id: row.id,
    reasons: row.reasons,
    priority: row.priority,
    status: row.effective_status,
    dueAt: row.due_at,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
    decision: row.decision,
    leaseExpiresAt: row.effective_status === CaseStatus.CLAIMED ? row.lease_expires_at : null,
    postId: row.post_id,
    spaceId: row.space_id,
    subjectId: row.subject_id,
    assigneeId: row.effective_status === CaseStatus.RESOLVED || row.effective_status === CaseStatus.CLAIMED ? row.assignee_id : null,
  };
}

/** The queue's keyset: (priority rank, due_at and opened_at as PostgreSQL text, id). */
const QUEUE_CURSOR = cursorFormat(CursorParts.oneOf(Object.values(CASE_PRIORITY_RANK)), CursorParts.timestamp, CursorParts.timestamp, CursorParts.uuid);

/**
 * The prioritised queue: URGENT before HIGH before NORMAL before LOW, then the nearest due time,
 * then the oldest, keyset-paged (ModerationRepository.queuePage); counts by the same predicates.
 */
@Injectable()
export class ModerationQueueService {
  constructor(private readonly cases: ModerationRepository) {}

  async list(scope: StaffScope, filter: QueueFilter, limit: number, after: string | null | undefined): Promise<ModerationCaseConnection> {
    const rows = await this.cases.queuePage(scope, filter, limit + 1, QUEUE_CURSOR.decode(after));
    const connection = toConnection(rows, limit, (r) => QUEUE_CURSOR.encode([r.priority_rank, r.due_key, r.opened_key, r.id]), toCaseModel);
    return { ...connection, scope };
  }

  /** Active cases per status and priority, by the same predicates the list filters with. */
  async counts(scope: StaffScope): Promise<QueueCountModel[]> {
    if (!scope.all && scope.spaceIds.length === 0) return [];
    const rows = await this.cases.queueCountsByPriority(scope);
    const byPriority = new Map(rows.map((r) => [r.priority, r]));
    return COUNTED_STATUSES.flatMap((status) =>
      Object.values(CasePriority).map((priority) => ({ status, priority, count: byPriority.get(priority)?.[status] ?? 0 })),
    );
  }

  /** Cases by id in the viewer's scope, batched per request: the queue subscription's events and `Escalation.case`. */
  caseLoader(ctx: RequestContext): DataLoader<string, ModerationCaseModel | null> {
    return requestLoader<ModerationCaseModel>(
      ctx,
      'moderation.cases',
      async (ids) => new Map((await this.cases.findInScope(staffScopeOf(ctx.viewer), ids)).map((r) => [r.id, toCaseModel(r)])),
    );
  }

  /** Each post's latest case in the viewer's scope, batched per request: `EscalationSignal.case`. */
  caseOfPostLoader(ctx: RequestContext): DataLoader<string, ModerationCaseModel | null> {
    return requestLoader<ModerationCaseModel>(
      ctx,
      'moderation.caseOfPost',
      async (postIds) => new Map((await this.cases.latestCasesOfPostsInScope(staffScopeOf(ctx.viewer), postIds)).map((r) => [r.post_id, toCaseModel(r)])),
    );
  }

  /** For each case, its author's other recent cases in the scope, newest first: one statement for a page. */
  async recentForAuthorsOf(scope: StaffScope, caseIds: readonly string[], limit: number): Promise<Map<string, ModerationCaseModel[]>> {
    const byCase = await this.cases.recentCasesOfAuthorsOf(scope, caseIds, limit);
    return new Map([...byCase].map(([caseId, rows]) => [caseId, rows.map(toCaseModel)]));
  }
}
