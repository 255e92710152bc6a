import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { AuditDetails, AuditEventEntity } from './entities/audit-event.entity';
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

/** Appends audit events; pass the transaction's manager so the event commits with what it records. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  async recordMany(entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      AuditEventEntity,
      entries.map((e) => ({ ...e, requestId: e.requestId ?? null, details: e.details ?? {} })),
    );
  }

  /**
   * Newest first, keyset-paged on the identity column: it grows with every append, so new events
   * never shift a page (timestamps would, at sub-millisecond ties).
   */
  async list(limit: number, after: string | null | undefined): Promise<Connection<AuditEventModel>> {
    const cursor = AUDIT_CURSOR.decode(after);
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (cursor) query.where('e.id < :id::bigint', { id: cursor[0] });
    const rows = await query.getMany();
    return toConnection(
      rows,
      limit,
      (row) => AUDIT_CURSOR.encode([row.id]),
      (row) => ({ ...row, details: JSON.stringify(row.details) }),
    );
  }
}
