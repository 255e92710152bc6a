import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { EscalationOutcome, EscalationStatus } from '../common/domain/escalation.enums';
import { AppError } from '../common/errors/app-error';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { AuditService } from '../audit/audit.service';
import { EscalationEntity } from './entities/escalation.entity';
import { EscalationModel } from './models/escalation.model';
import { RiskTimelineEntryModel, RiskTimelineKind } from './models/risk-timeline-entry.model';
import { staffNote } from '../common/text/staff-note';

export function toEscalationModel(row: EscalationEntity): EscalationModel {
  return {
    id: row.id,
    severity: row.severity,
    status: row.status,
    trigger: row.trigger,
    level: row.level,
    reminders: row.reminders,
    ackDueAt: row.ackDueAt,
    createdAt: row.createdAt,
    acknowledgedAt: row.acknowledgedAt,
    ackNote: row.ackNote,
    resolvedAt: row.resolvedAt,
    outcome: row.outcome,
    resolutionNote: row.resolutionNote,
    note: row.note,
    evidence: (row.evidence ?? []).map((item) => JSON.stringify(item)),
    postId: row.postId,
    caseId: row.caseId,
    subjectId: row.subjectId,
    acknowledgedById: row.acknowledgedBy,
  };
}

/** Both lists page newest first on (a timestamp as PostgreSQL text, so microseconds survive; id). */
const NEWEST_FIRST_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

/** What clinicians do with escalations: list, acknowledge (stops the clock), resolve, and read a client's risk history. */
@Injectable()
export class EscalationReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Inside a transaction, pass its manager: a second pool connection is never answered by PGlite and runs PostgreSQL's pool dry under load. */
  async findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<EscalationEntity[]> {
    if (ids.length === 0) return [];
    return manager.getRepository(EscalationEntity).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany();
  }

  async get(id: string): Promise<EscalationModel> {
    const [row] = await this.findByIds([id]);
    if (!row) throw AppError.notFound('Escalation');
    return toEscalationModel(row);
  }

  /** Newest first; the keyset is (created_at, id), compared at full timestamp precision. */
  async list(status: EscalationStatus | null | undefined, limit: number, after: string | null | undefined): Promise<Connection<EscalationModel>> {
    const cursor = NEWEST_FIRST_CURSOR.decode(after);
    const query = this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .addSelect('e.created_at::text', 'created_key')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (status) query.andWhere('e.status = :status', { status });
    if (cursor) query.andWhere('(e.created_at, e.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const { entities, raw } = await query.getRawAndEntities<{ created_key: string }>();
    const rows = entities.map((entity, i) => ({ entity, key: raw[i].created_key }));
    return toConnection(
      rows,
      limit,
      (r) => NEWEST_FIRST_CURSOR.encode([r.key, r.entity.id]),
      (r) => toEscalationModel(r.entity),
    );
  }

  /** Stops the clock: the pending deadline job finds the escalation acknowledged and climbs no further. */
  async acknowledge(viewer: Viewer, id: string, rawNote: string | null | undefined, requestId: string): Promise<EscalationModel> {
    const note = staffNote('note', rawNote, false);
    await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; level: number }> = await manager.query(
        `WITH acked AS (UPDATE escalations SET status = 'ACKNOWLEDGED', acknowledged_by = $2, acknowledged_at = now(), ack_note = $3
         WHERE id = $1 AND status = 'OPEN' RETURNING id, level) SELECT * FROM acked`,
        [id, viewer.memberId, note],
      );
      if (rows.length === 0) {
        const [existing] = await this.findByIds([id], manager);
        if (!existing) throw AppError.notFound('Escalation');
        throw AppError.conflict(`This escalation is already ${existing.status.toLowerCase()}.`);
      }
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'escalation.acknowledge',
          targetType: 'escalation',
          targetId: id,
          requestId,
          details: { level: rows[0].level },
        },
        manager,
      );
    });
    return this.get(id);
  }

  async resolve(viewer: Viewer, id: string, outcome: EscalationOutcome, rawNote: string, requestId: string): Promise<EscalationModel> {
    const note = staffNote('note', rawNote, true);
    await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; level: number }> = await manager.query(
        `WITH resolved AS (UPDATE escalations SET status = 'RESOLVED', outcome = $3, resolution_note = $4, resolved_by = $2, resolved_at = now(),
           acknowledged_by = COALESCE(acknowledged_by, $2), acknowledged_at = COALESCE(acknowledged_at, now())
         WHERE id = $1 AND status <> 'RESOLVED' RETURNING id, level) SELECT * FROM resolved`,
        [id, viewer.memberId, outcome, note],
      );
      if (rows.length === 0) {
        const [existing] = await this.findByIds([id], manager);
        if (!existing) throw AppError.notFound('Escalation');
        throw AppError.conflict('This escalation is already resolved.');
      }
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'escalation.resolve',
          targetType: 'escalation',
          targetId: id,
          requestId,
          details: { outcome, level: rows[0].level },
        },
        manager,
      );
    });
    return this.get(id);
  }

  /** A client's risk signals, cases and escalations, newest first, in one keyset-paged stream. */
  async timeline(subjectId: string, limit: number, after: string | null | undefined): Promise<Connection<RiskTimelineEntryModel>> {
    const cursor = NEWEST_FIRST_CURSOR.decode(after);
    const rows: Array<{
      kind: RiskTimelineKind;
      id: string;
      at: Date;
      at_key: string;
      crisis_level: RiskTimelineEntryModel['crisisLevel'];
      grade: string | null;
      status: string | null;
      post_id: string | null;
      case_id: string | null;
      escalation_id: string | null;
    }> = await this.dataSource.query(
      `SELECT t.*, t.at::text AS at_key FROM (
         SELECT 'RISK_SIGNAL' AS kind, id, created_at AS at, level AS crisis_level, NULL AS grade, NULL AS status, post_id, NULL::uuid AS case_id, NULL::uuid AS escalation_id
           FROM risk_signals WHERE subject_id = $1
         UNION ALL
         SELECT 'CASE', id, opened_at, NULL, priority, status, post_id, id, NULL FROM moderation_cases WHERE subject_id = $1
         UNION ALL
         SELECT 'ESCALATION', id, created_at, NULL, severity, status, post_id, case_id, id FROM escalations WHERE subject_id = $1
       ) t
       WHERE ($2::timestamptz IS NULL OR (t.at, t.id) < ($2::timestamptz, $3::uuid))
       ORDER BY t.at DESC, t.id DESC LIMIT $4`,
      [subjectId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toConnection(
      rows,
      limit,
      (r) => NEWEST_FIRST_CURSOR.encode([r.at_key, r.id]),
      (r) => ({
        id: r.id,
        kind: r.kind,
        at: r.at,
        crisisLevel: r.crisis_level,
        grade: r.grade,
        status: r.status,
        postId: r.post_id,
        caseId: r.case_id,
        escalationId: r.escalation_id,
      }),
    );
  }
}
