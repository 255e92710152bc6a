import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OnCallTier } from '../../common/domain/escalation.enums';
import { ShiftSpan } from './on-call-coverage';

export interface ShiftRow extends ShiftSpan {
  createdBy: string;
  createdAt: Date;
}

interface RawShift {
  id: string;
  clinician_id: string;
  tier: OnCallTier;
  starts_at: Date;
  ends_at: Date;
  created_by: string;
  created_at: Date;
}

const toShift = (r: RawShift): ShiftRow => ({
  id: r.id,
  clinicianId: r.clinician_id,
  tier: r.tier,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The only place that names `on_call_shifts`: who is on call (PRIMARY / BACKUP) when, in UTC, half-open [starts_at, ends_at). */
@Injectable()
export class OnCallRosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, shift: Omit<ShiftRow, 'id' | 'createdAt'>): Promise<ShiftRow> {
    const [row]: RawShift[] = await manager.query(
      `INSERT INTO on_call_shifts (clinician_id, tier, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [shift.clinicianId, shift.tier, shift.startsAt, shift.endsAt, shift.createdBy],
    );
    return toShift(row);
  }

  /** The deleted shift, or null when there was none. */
  async delete(manager: EntityManager, id: string): Promise<ShiftRow | null> {
    const rows: RawShift[] = await manager.query(`WITH gone AS (DELETE FROM on_call_shifts WHERE id = $1 RETURNING *) SELECT * FROM gone`, [id]);
    return rows.length > 0 ? toShift(rows[0]) : null;
  }

  /** Shifts overlapping [from, to), earliest first. */
  async overlapping(from: Date, to: Date, manager: EntityManager = this.dataSource.manager): Promise<ShiftRow[]> {
    const rows: RawShift[] = await manager.query(`SELECT * FROM on_call_shifts WHERE ends_at > $1 AND starts_at < $2 ORDER BY starts_at, id`, [from, to]);
    return rows.map(toShift);
  }

  /** Shifts covering the database's now (one clock for every process). */
  async coveringNow(manager: EntityManager = this.dataSource.manager): Promise<{ shifts: ShiftRow[]; now: Date }> {
    const rows: Array<RawShift & { now: Date }> = await manager.query(
      `SELECT s.*, n.now FROM (SELECT now() AS now) n LEFT JOIN on_call_shifts s ON s.starts_at <= n.now AND s.ends_at > n.now ORDER BY s.starts_at, s.id`,
    );
    return { now: rows[0].now, shifts: rows.filter((r) => r.id !== null).map(toShift) };
  }
}
