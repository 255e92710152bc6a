import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CASE_PRIORITY_RANK, CaseDecision, CasePriority, CaseReason, CaseStatus } from '../common/domain/moderation.enums';
import { inScopeSql, scopeSqlValue, StaffScope } from '../common/auth/staff-scope';
import { toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { ModerationCaseConnection, ModerationCaseModel, QueueCountModel } from './models/moderation-case.model';
import { COUNTED_STATUSES, effectiveStatusSql, inQueueSql, QueueFilter } from './moderation-queue.predicates';

export interface CaseRow {
  id: string;
  post_id: string;
  space_id: string;
  subject_id: string;
  effective_status: CaseStatus;
  reasons: CaseReason[];
  priority: CasePriority;
  priority_rank: number;
  due_at: Date;
  opened_at: Date;
  resolved_at: Date | null;
  decision: CaseDecision | null;
  assignee_id: string | null;
  lease_expires_at: Date | null;
  /** Timestamps as PostgreSQL text, so cursors keep microseconds. */
  due_key: string;
  opened_key: string;
}

/** The columns every case read selects (alias `c`). */
export const CASE_COLUMNS = `c.id, c.post_id, c.space_id, c.subject_id, ${effectiveStatusSql('c')} AS effective_status, c.reasons, c.priority,
  c.priority_rank, c.due_at, c.opened_at, c.resolved_at, c.decision, c.assignee_id, c.lease_expires_at, c.due_at::text AS due_key, c.opened_at::text AS opened_key`;

const QUEUE_ORDER = 'priority_rank, due_at, opened_at, id';

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

function parseQueueCursor(after: string | null | undefined): [number, string, string, string] | null {
  return QUEUE_CURSOR.decode(after);
}

/**
 * The prioritised queue: URGENT before HIGH before NORMAL before LOW, then the nearest due time,
 * then the oldest. Keyset paging on (priority_rank, due_at, opened_at, id) over partial indexes,
 * so the first page costs the same with a hundred or a hundred thousand open cases.
 */
@Injectable()
export class ModerationQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(scope: StaffScope, filter: QueueFilter, limit: number, after: string | null | undefined): Promise<ModerationCaseConnection> {
    const cursor = parseQueueCursor(after);
    const membership = inQueueSql(filter, 'c');
    const order = (alias: string) =>
      QUEUE_ORDER.split(', ')
        .map((k) => `${alias}.${k}`)
        .join(', ');
    // $1 the page size (+1), $2 the spaces, $3..$6 the cursor when there is one.
    const keyset = cursor ? `AND (c.priority_rank, c.due_at, c.opened_at, c.id) > ($3::smallint, $4::timestamptz, $5::timestamptz, $6::uuid)` : '';
    const cursorParams: unknown[] = cursor ? [...cursor] : [];
    let rows: CaseRow[];
    if (scope.all) {
      rows = await this.dataSource.query(
        `SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE ${membership} AND $2::uuid[] IS NULL ${keyset} ORDER BY ${order('c')} LIMIT $1`,
        [limit + 1, null, ...cursorParams],
      );
    } else if (scope.spaceIds.length === 0) {
      rows = [];
    } else {
      // One ordered index scan per space, merged: the planner cannot order across `space_id = ANY(...)` by itself.
      rows = await this.dataSource.query(
        `SELECT x.* FROM unnest($2::uuid[]) AS s(space_id)
         CROSS JOIN LATERAL (
           SELECT ${CASE_COLUMNS} FROM moderation_cases c
           WHERE c.space_id = s.space_id AND ${membership} ${keyset}
           ORDER BY ${order('c')} LIMIT $1
         ) x
         ORDER BY ${order('x')} LIMIT $1`,
        [limit + 1, scope.spaceIds, ...cursorParams],
      );
    }
    const connection = toConnection(rows, limit, (r) => QUEUE_CURSOR.encode([r.priority_rank, r.due_key, r.opened_key, r.id]), toCaseModel);
    return { ...connection, scope };
  }

  /** Active cases per status and priority, by the same predicates the list filters with. */
  async counts(scope: StaffScope): Promise<QueueCountModel[]> {
    if (!scope.all && scope.spaceIds.length === 0) return [];
    const columns = COUNTED_STATUSES.map((status) => `count(*) FILTER (WHERE ${inQueueSql(status, 'c')})::int AS "${status}"`).join(', ');
    const rows: Array<Record<string, number> & { priority: CasePriority }> = await this.dataSource.query(
      `SELECT c.priority, ${columns} FROM moderation_cases c
       WHERE ${inQueueSql(null, 'c')} ${scope.all ? '' : 'AND c.space_id = ANY($1::uuid[])'}
       GROUP BY c.priority`,
      scope.all ? [] : [scope.spaceIds],
    );
    const byPriority = new Map(rows.map((r) => [r.priority, r]));
    return COUNTED_STATUSES.flatMap((status) =>
      Object.values(CasePriority).map((priority) => ({ status, priority, count: byPriority.get(priority)?.[status] ?? 0 })),
    );
  }

  /** Cases by id, those outside the scope left out (they read as not found). */
  async findByIds(scope: StaffScope, ids: readonly string[]): Promise<CaseRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 2)}`, [
      ids,
      scopeSqlValue(scope),
    ]);
  }

  /** For each case, its author's other recent cases in the scope, newest first: one statement for a page. */
  async recentForAuthorsOf(scope: StaffScope, caseIds: readonly string[], limit: number): Promise<Map<string, CaseRow[]>> {
    const rows: Array<CaseRow & { anchor: string }> = await this.dataSource.query(
      `SELECT k.id AS anchor, x.* FROM moderation_cases k
       CROSS JOIN LATERAL (
         SELECT ${CASE_COLUMNS} FROM moderation_cases c
         WHERE c.subject_id = k.subject_id AND c.id <> k.id AND ${inScopeSql('c.space_id', 3)}
         ORDER BY c.opened_at DESC LIMIT $2
       ) x
       WHERE k.id = ANY($1::uuid[])
       ORDER BY k.id, x.opened_at DESC`,
      [caseIds, limit, scopeSqlValue(scope)],
    );
    const byCase = new Map<string, CaseRow[]>();
    for (const { anchor, ...row } of rows) byCase.set(anchor, [...(byCase.get(anchor) ?? []), row]);
    return byCase;
  }
}
