import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryPreparedIn } from '../common/sql/prepared-statement';
import { AuditDetails, AuditEventEntity } from './entities/audit-event.entity';

export interface NewAuditEvent {
  actorId: string | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  details: AuditDetails;
}

/** What the admins' audit log can be narrowed by; every part optional, combined with AND. */
export interface AuditEventQuery {
  actorId?: string | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

/** SQL expressions over a source row for each column of an audit event (see `appendFromCte`). */
export type AuditEventColumnsSql = Record<keyof NewAuditEvent, string>;

/**
 * `audit_events`, append-only: a trigger refuses UPDATE and DELETE, and the app's database role may
 * only INSERT and SELECT. The only place that names the table.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * An audit event for every row of `source`, as a CTE member named `name`, for a write that must
   * be one statement (a reply and its audit event commit together or not at all). `columns` are SQL
   * expressions over the source's columns and the statement's parameters.
   */
  static appendFromCte(name: string, source: string, columns: AuditEventColumnsSql): string {
    return `${name} AS (
         INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id, request_id, details)
         SELECT ${columns.actorId}, ${columns.actorRole}, ${columns.action}, ${columns.targetType}, ${columns.targetId}, ${columns.requestId}, ${columns.details} FROM ${source}
       )`;
  }

  /** In the caller's transaction when given one, so the events commit with what they record. */
  async append(events: NewAuditEvent[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (events.length === 0) return;
    // One text for any number of events, so it stays one prepared statement (every screening appends one).
    await queryPreparedIn(
      manager,
      'audit-append',
      `INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id, request_id, details)
       SELECT e.actor_id, e.actor_role, e.action, e.target_type, e.target_id, e.request_id, e.details::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
              AS e(actor_id, actor_role, action, target_type, target_id, request_id, details)`,
      [
        events.map((e) => e.actorId),
        events.map((e) => e.actorRole),
        events.map((e) => e.action),
        events.map((e) => e.targetType),
        events.map((e) => e.targetId),
        events.map((e) => e.requestId),
        events.map((e) => JSON.stringify(e.details)),
      ],
    );
  }

  /** Newest first, `limit` events before the event id `beforeId` (from the start when null) that match `filter`. */
  async newestFirst(limit: number, beforeId: string | null, filter: AuditEventQuery = {}): Promise<AuditEventEntity[]> {
    const query = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').orderBy('e.id', 'DESC').limit(limit);
    if (beforeId !== null) query.andWhere('e.id < :id::bigint', { id: beforeId });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId::uuid', { actorId: filter.actorId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.targetType) query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    // Half-open, so consecutive ranges never hold an event twice.
    if (filter.from) query.andWhere('e.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.created_at < :to', { to: filter.to });
    return query.getMany();
  }
}
