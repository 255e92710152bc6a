import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inScopeSql, scopeSqlValue, StaffScope } from '../common/auth/staff-scope';
import { CaseDecision, CasePriority, CaseReason, CaseStatus } from '../common/domain/moderation.enums';
import { COUNTED_STATUSES, effectiveStatusSql, inQueueSql, QueueFilter } from './moderation-queue.predicates';

/** A case as every read selects it (`CASE_COLUMNS`). */
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
const CASE_COLUMNS = `c.id, c.post_id, c.space_id, c.subject_id, ${effectiveStatusSql('c')} AS effective_status, c.reasons, c.priority,
  c.priority_rank, c.due_at, c.opened_at, c.resolved_at, c.decision, c.assignee_id, c.lease_expires_at, c.due_at::text AS due_key, c.opened_at::text AS opened_key`;

const QUEUE_ORDER = 'priority_rank, due_at, opened_at, id';

/** The queue's keyset: (priority rank, due_at and opened_at as PostgreSQL text, id). */
export type QueueKeyset = readonly [number, string, string, string];

export interface CaseOpening {
  postId: string;
  spaceId: string;
  subjectId: string;
  reasons: CaseReason[];
  priority: CasePriority;
  priorityRank: number;
  dueSeconds: number;
  sourceKey: string;
}

export interface CaseNoteRow {
  id: string;
  caseId: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
}

/** A case as one moment of a client's risk timeline; `atKey` is the keyset text, `atMicros` its exact order. */
export interface CaseHistoryRow {
  id: string;
  at: Date;
  atKey: string;
  atMicros: bigint;
  priority: CasePriority;
  status: CaseStatus;
  postId: string;
}

/**
 * The only place that names moderation's tables:
 *
 * - `moderation_cases`: at most one open case per post (a partial unique index decides, so two
 *   workers or a report racing a screening cannot open two); reports and later screenings join it.
 *   `priority_rank` mirrors `priority` so the queue sorts on an index. A claim is a lease
 *   (`assignee_id`, `lease_expires_at`): when it lapses the case is free for another moderator.
 *   `source_keys` names every screening revision or report that opened or joined it, so a
 *   re-delivered job joins nothing twice; `overdue_notified_at` says the overdue reminder went out.
 * - `case_notes`: staff notes on a case, append-only.
 *
 * Methods taking a manager run in the caller's transaction. Reads that name another feature's
 * tables are in moderation-crossing-reads.repository.ts.
 */
@Injectable()
export class ModerationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Opens a case for the post or joins its open one in one statement: reasons merged, priority
   * only rises, the due time only comes closer. Null when this source had joined the case already.
   */
  async openOrJoinCase(
    manager: EntityManager,
    opening: CaseOpening,
  ): Promise<{ id: string; opened: boolean; priority: CasePriority; due_at: Date; source_keys: string[] } | null> {
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
      [opening.postId, opening.spaceId, opening.subjectId, opening.reasons, opening.priority, opening.priorityRank, opening.dueSeconds, opening.sourceKey],
    );
    return rows.length > 0 ? rows[0] : null;
  }

  async openCaseOfPost(manager: EntityManager, postId: string): Promise<{ id: string; priority: CasePriority; due_at: Date }> {
    const existing: Array<{ id: string; priority: CasePriority; due_at: Date }> = await manager.query(
      `SELECT id, priority, due_at FROM moderation_cases WHERE post_id = $1 AND status <> 'RESOLVED'`,
      [postId],
    );
    return existing[0];
  }

  /**
   * One conditional UPDATE: of two moderators racing, exactly one finds the case free. The holder
   * claiming again renews the lease; a lapsed lease is free for anyone. False when it was not free.
   */
  async claim(manager: EntityManager, caseId: string, memberId: string, leaseSeconds: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH claimed AS (UPDATE moderation_cases SET status = 'CLAIMED', assignee_id = $2, lease_expires_at = now() + make_interval(secs => $3),
         first_looked_at = COALESCE(first_looked_at, now())
       WHERE id = $1 AND status <> 'RESOLVED'
         AND (status = 'OPEN' OR lease_expires_at IS NULL OR lease_expires_at <= now() OR assignee_id = $2)
       RETURNING id) SELECT id FROM claimed`,
      [caseId, memberId, leaseSeconds],
    );
    return rows.length > 0;
  }

  /** The decider becomes the assignee when nobody held the case; the lease ends. */
  async markResolved(manager: EntityManager, caseId: string, decision: CaseDecision, memberId: string): Promise<void> {
    await manager.query(
      `UPDATE moderation_cases SET status = 'RESOLVED', decision = $2, resolved_by = $3, resolved_at = now(), first_looked_at = COALESCE(first_looked_at, now()),
         assignee_id = COALESCE(assignee_id, $3), lease_expires_at = NULL
       WHERE id = $1`,
      [caseId, decision, memberId],
    );
  }

  async addNote(manager: EntityManager, caseId: string, authorId: string, body: string): Promise<void> {
    await manager.query(`INSERT INTO case_notes (case_id, author_id, body) VALUES ($1, $2, $3)`, [caseId, authorId, body]);
  }

  /** The decided cases of these posts, with what the author was told about (retention restores the standard note). */
  async decidedCasesOfPosts(manager: EntityManager, postIds: readonly string[]): Promise<Array<{ id: string; decision: CaseDecision; reasons: CaseReason[] }>> {
    if (postIds.length === 0) return [];
    return manager.query(`SELECT id, decision, reasons FROM moderation_cases WHERE post_id = ANY($1::uuid[]) AND decision IS NOT NULL ORDER BY id`, [postIds]);
  }

  /**
   * The staff notes on every case of these posts read `marker` (retention, erasure): a moderator's
   * note often quotes the post it is about, and free text cannot be redacted word by word. The
   * notes stay (who wrote one, when); how many there were still shows the case was worked.
   */
  async redactNotesOfPosts(manager: EntityManager, postIds: readonly string[], marker: string): Promise<number> {
    if (postIds.length === 0) return 0;
    const rows: Array<{ id: string }> = await manager.query(
      `WITH redacted AS (
         UPDATE case_notes n SET body = $2 FROM moderation_cases c WHERE c.id = n.case_id AND c.post_id = ANY($1::uuid[]) AND n.body <> $2 RETURNING n.id
       ) SELECT id FROM redacted`,
      [postIds, marker],
    );
    return rows.length;
  }

  /** The open cases of these posts and this case, locked for the caller's transaction (closing an escalation's loop). */
  async openCasesForEscalation(
    manager: EntityManager,
    caseId: string | null,
    postIds: readonly string[],
  ): Promise<Array<{ id: string; post_id: string; space_id: string }>> {
    return manager.query(
      `SELECT id, post_id, space_id FROM moderation_cases WHERE status <> 'RESOLVED' AND (id = $1 OR post_id = ANY($2::uuid[])) ORDER BY opened_at, id FOR UPDATE`,
      [caseId, postIds],
    );
  }

  /** Back in the peers' queue, unclaimed: a clinician has finished with it and a peer decides the post. */
  async handBackToPeers(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`UPDATE moderation_cases SET status = 'OPEN', assignee_id = NULL, lease_expires_at = NULL WHERE id = $1 AND status <> 'RESOLVED'`, [
      caseId,
    ]);
  }

  /** Renews the lease only when `memberId` holds the case. */
  async renewLeaseOfHolder(manager: EntityManager, caseId: string, memberId: string, leaseSeconds: number): Promise<void> {
    await manager.query(
      `UPDATE moderation_cases SET lease_expires_at = now() + make_interval(secs => $3) WHERE id = $1 AND status = 'CLAIMED' AND assignee_id = $2`,
      [caseId, memberId, leaseSeconds],
    );
  }

  /** One case with its stored status beside the effective one, whatever the scope; `lock` holds the row for the transaction. */
  async findCase(caseId: string, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<(CaseRow & { status: CaseStatus }) | null> {
    const manager = options.manager ?? this.dataSource.manager;
    const rows: Array<CaseRow & { status: CaseStatus }> = await manager.query(
      `SELECT ${CASE_COLUMNS}, c.status FROM moderation_cases c WHERE c.id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  /** A case just written, for the answer to the mutation that wrote it. */
  async findWritten(caseId: string): Promise<CaseRow> {
    const rows: CaseRow[] = await this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = $1`, [caseId]);
    return rows[0];
  }

  /**
   * The first `limit` cases of the queue in the scope after `after`, most urgent first: keyset paging
   * on (priority_rank, due_at, opened_at, id) over partial indexes, so the first page costs the same
   * with a hundred or a hundred thousand open cases.
   */
  async queuePage(scope: StaffScope, filter: QueueFilter, limit: number, after: QueueKeyset | null): Promise<CaseRow[]> {
    const membership = inQueueSql(filter, 'c');
    const order = (alias: string) =>
      QUEUE_ORDER.split(', ')
        .map((k) => `${alias}.${k}`)
        .join(', ');
    // $1 the page size, $2 the spaces, $3..$6 the cursor when there is one.
    const keyset = after ? `AND (c.priority_rank, c.due_at, c.opened_at, c.id) > ($3::smallint, $4::timestamptz, $5::timestamptz, $6::uuid)` : '';
    const cursorParams: unknown[] = after ? [...after] : [];
    if (scope.all) {
      return this.dataSource.query(
        `SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE ${membership} AND $2::uuid[] IS NULL ${keyset} ORDER BY ${order('c')} LIMIT $1`,
        [limit, null, ...cursorParams],
      );
    }
    if (scope.spaceIds.length === 0) return [];
    // One ordered index scan per space, merged: the planner cannot order across `space_id = ANY(...)` by itself.
    return this.dataSource.query(
      `SELECT x.* FROM unnest($2::uuid[]) AS s(space_id)
       CROSS JOIN LATERAL (
         SELECT ${CASE_COLUMNS} FROM moderation_cases c
         WHERE c.space_id = s.space_id AND ${membership} ${keyset}
         ORDER BY ${order('c')} LIMIT $1
       ) x
       ORDER BY ${order('x')} LIMIT $1`,
      [limit, scope.spaceIds, ...cursorParams],
    );
  }

  /** Active cases per priority, a column per counted status, by the same predicates as the queue. */
  async queueCountsByPriority(scope: StaffScope): Promise<Array<Record<string, number> & { priority: CasePriority }>> {
    const columns = COUNTED_STATUSES.map((status) => `count(*) FILTER (WHERE ${inQueueSql(status, 'c')})::int AS "${status}"`).join(', ');
    return this.dataSource.query(
      `SELECT c.priority, ${columns} FROM moderation_cases c
       WHERE ${inQueueSql(null, 'c')} ${scope.all ? '' : 'AND c.space_id = ANY($1::uuid[])'}
       GROUP BY c.priority`,
      scope.all ? [] : [scope.spaceIds],
    );
  }

  /** Cases by id, those outside the scope left out. */
  async findInScope(scope: StaffScope, ids: readonly string[]): Promise<CaseRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 2)}`, [
      ids,
      scopeSqlValue(scope),
    ]);
  }

  /**
   * Each post's latest case in the scope (its open one if it has one, else the last decided): one
   * statement for every signal of a page of escalations. A post without a case in the scope is absent.
   */
  async latestCasesOfPostsInScope(scope: StaffScope, postIds: readonly string[]): Promise<CaseRow[]> {
    if (postIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT DISTINCT ON (c.post_id) ${CASE_COLUMNS} FROM moderation_cases c
        WHERE c.post_id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 2)}
        ORDER BY c.post_id, (c.status <> 'RESOLVED') DESC, c.opened_at DESC, c.id`,
      [postIds, scopeSqlValue(scope)],
    );
  }

  /** For each case, its author's `limit` latest other cases in the scope, newest first: one statement for a page. */
  async recentCasesOfAuthorsOf(scope: StaffScope, caseIds: readonly string[], limit: number): Promise<Map<string, CaseRow[]>> {
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

  /** Each case's latest `limit` notes (cases in the scope only), newest first. */
  async latestNotesOfCases(scope: StaffScope, caseIds: readonly string[], limit: number): Promise<CaseNoteRow[]> {
    const rows: Array<{ id: string; case_id: string; author_id: string | null; body: string; created_at: Date }> = await this.dataSource.query(
      `SELECT n.* FROM moderation_cases c
       CROSS JOIN LATERAL (SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = c.id ORDER BY created_at DESC LIMIT $2) n
       WHERE c.id = ANY($1::uuid[]) AND ${inScopeSql('c.space_id', 3)}`,
      [caseIds, limit, scopeSqlValue(scope)],
    );
    return rows.map((r) => ({ id: r.id, caseId: r.case_id, authorId: r.author_id, body: r.body, createdAt: r.created_at }));
  }

  /** The case when it is unresolved, past its due time and not yet reminded about. */
  async findDueUnreminded(manager: EntityManager, caseId: string): Promise<{ id: string; space_id: string; post_id: string; priority: CasePriority } | null> {
    const rows: Array<{ id: string; space_id: string; post_id: string; priority: CasePriority }> = await manager.query(
      `SELECT id, space_id, post_id, priority FROM moderation_cases
       WHERE id = $1 AND status <> 'RESOLVED' AND overdue_notified_at IS NULL AND due_at <= now()`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  async markOverdueReminded(caseId: string): Promise<void> {
    await this.dataSource.query(`UPDATE moderation_cases SET overdue_notified_at = now() WHERE id = $1 AND overdue_notified_at IS NULL`, [caseId]);
  }

  /** Unresolved, unreminded cases due within `withinSeconds` (or already), soonest first. */
  async casesComingDue(withinSeconds: number, limit: number): Promise<Array<{ id: string; due_at: Date }>> {
    return this.dataSource.query(
      `SELECT id, due_at FROM moderation_cases
       WHERE status <> 'RESOLVED' AND overdue_notified_at IS NULL AND due_at < now() + make_interval(secs => $1)
       ORDER BY due_at LIMIT $2`,
      [withinSeconds, limit],
    );
  }

  /**
   * A client's cases, newest opened first, the first `limit` after `before` ((opened_at as
   * PostgreSQL text, id)): moderation's half of the clinician's risk timeline (RiskTimelineService).
   */
  async casesOfSubject(subjectId: string, before: readonly [string, string] | null, limit: number): Promise<CaseHistoryRow[]> {
    const rows: Array<{ id: string; at: Date; at_key: string; at_micros: string; priority: CasePriority; status: CaseStatus; post_id: string }> =
      await this.dataSource.query(
        `SELECT id, opened_at AS at, opened_at::text AS at_key, (extract(epoch FROM opened_at) * 1000000)::bigint AS at_micros, priority, status, post_id
         FROM moderation_cases
         WHERE subject_id = $1 AND ($2::timestamptz IS NULL OR (opened_at, id) < ($2::timestamptz, $3::uuid))
         ORDER BY opened_at DESC, id DESC LIMIT $4`,
        [subjectId, before?.[0] ?? null, before?.[1] ?? null, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      atKey: r.at_key,
      atMicros: BigInt(r.at_micros),
      priority: r.priority,
      status: r.status,
      postId: r.post_id,
    }));
  }
}
