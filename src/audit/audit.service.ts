import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { AuditRepository } from './audit.repository';
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
  async list(limit: number, after: string | null | undefined): Promise<Connection<AuditEventModel>> {
    const cursor = AUDIT_CURSOR.decode(after);
    const rows = await this.events.newestFirst(limit + 1, cursor?.[0] ?? null);
    return toConnection(
      rows,
      limit,
      (row) => AUDIT_CURSOR.encode([row.id]),
      (row) => ({ ...row, details: JSON.stringify(row.details) }),
    );
  }
}
