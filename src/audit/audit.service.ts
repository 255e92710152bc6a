import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDetails, AuditEventEntity } from './entities/audit-event.entity';

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
}
