import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { AUDIT_CSV_MAX_ROWS, toCsv } from './audit-csv';
import { AuditEventQuery, AuditRepository } from './audit.repository';
import { AuditDetails } from './entities/audit-event.entity';
import { AuditEventModel } from './models/audit-event.model';

export interface AuditEntry {
  actorId: string | null;
  /** A member role, or 'SYSTEM' for the worker's own decisions. */
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId?: string | null;
  /** Ids, codes and counts only: never post text. */
  details?: AuditDetails;
}

const AUDIT_CURSOR = cursorFormat(CursorParts.bigint);

/** Longest action, target type or target id a filter accepts: the stored values are short codes and ids. */
const MAX_FILTER_TEXT = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

const CSV_HEADER = ['id', 'createdAt', 'actorId', 'actorRole', 'action', 'targetType', 'targetId', 'requestId', 'details'] as const;

/** A filter as the admin typed it: checked here so a malformed one is BAD_USER_INPUT, never a database error. */
export function checkedAuditQuery(filter: AuditEventQuery | null | undefined): AuditEventQuery {
  if (!filter) return {};
  const text = (field: 'action' | 'targetType' | 'targetId'): string | null => {
    const value = filter[field]?.trim();
    if (!value) return null;
    if (value.length > MAX_FILTER_TEXT) throw AppError.badInput(field, `${field} must be at most ${MAX_FILTER_TEXT} characters.`);
    // PostgreSQL refuses a NUL in text (an INTERNAL_SERVER_ERROR, logged as unexpected); no stored code or id has a control character.
    if (CONTROL_CHARACTER.test(value)) throw AppError.badInput(field, `${field} must be plain text.`);
    return value;
  };
  const time = (field: 'from' | 'to'): Date | null => {
    const value = filter[field];
    if (value === null || value === undefined) return null;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw AppError.badInput(field, `${field} is not a valid time.`);
    return value;
  };
  const from = time('from');
  const to = time('to');
  if (from && to && from.getTime() >= to.getTime()) throw AppError.badInput('to', 'The end of the time range must be after its start.');
  return {
    actorId: filter.actorId ? parseId(filter.actorId, 'actorId') : null,
    action: text('action'),
    targetType: text('targetType'),
    targetId: text('targetId'),
    from,
    to,
  };
}

/** Appends audit events; pass the transaction's manager so the event commits with what it records. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  async recordMany(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    await this.events.append(
      entries.map((e) => ({ ...e, requestId: e.requestId ?? null, details: e.details ?? {} })),
      manager,
    );
  }

  /**
   * Newest first, keyset-paged on the identity column: it grows with every append, so new events
   * never shift a page (timestamps would, at sub-millisecond ties).
   */
  async list(limit: number, after: string | null | undefined, filter?: AuditEventQuery | null): Promise<Connection<AuditEventModel>> {
    const query = checkedAuditQuery(filter);
    const cursor = AUDIT_CURSOR.decode(after);
    const rows = await this.events.newestFirst(limit + 1, cursor?.[0] ?? null, query);
    return toConnection(
      rows,
      limit,
      (row) => AUDIT_CURSOR.encode([row.id]),
      (row) => ({ ...row, details: JSON.stringify(row.details) }),
    );
  }

  /**
   * The filtered log as CSV, newest first, at most AUDIT_CSV_MAX_ROWS events. The export is an
   * audit event of its own (who took a copy of the log, of what range), written before the CSV is
   * handed over: no copy leaves without its record.
   */
  async exportCsv(
    admin: Viewer,
    filter: AuditEventQuery | null | undefined,
    requestId: string,
  ): Promise<{ csv: string; rowCount: number; truncated: boolean }> {
    const query = checkedAuditQuery(filter);
    const rows = await this.events.newestFirst(AUDIT_CSV_MAX_ROWS + 1, null, query);
    const truncated = rows.length > AUDIT_CSV_MAX_ROWS;
    const exported = rows.slice(0, AUDIT_CSV_MAX_ROWS);
    await this.record({
      actorId: admin.memberId,
      actorRole: admin.role,
      action: 'audit.exported',
      targetType: 'audit_log',
      targetId: 'csv',
      requestId,
      details: {
        rowCount: exported.length,
        truncated,
        actorId: query.actorId ?? null,
        action: query.action ?? null,
        targetType: query.targetType ?? null,
        targetId: query.targetId ?? null,
        from: query.from?.toISOString() ?? null,
        to: query.to?.toISOString() ?? null,
      },
    });
    const csv = toCsv(
      CSV_HEADER,
      exported.map((e) => [
        e.id,
        e.createdAt.toISOString(),
        e.actorId,
        e.actorRole,
        e.action,
        e.targetType,
        e.targetId,
        e.requestId,
        JSON.stringify(e.details),
      ]),
    );
    return { csv, rowCount: exported.length, truncated };
  }
}
