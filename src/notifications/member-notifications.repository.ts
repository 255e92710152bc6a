import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ExportedNotification {
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** One member's notifications as a whole: their data export, and erasure at their request. */
@Injectable()
export class MemberNotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Their notifications, oldest first; `data` stays out (it holds ids of other members' posts). */
  async allFor(memberId: string): Promise<ExportedNotification[]> {
    return this.dataSource.query(
      `SELECT kind, title, body, created_at AS "createdAt", read_at AS "readAt" FROM notifications WHERE member_id = $1 ORDER BY created_at, id`,
      [memberId],
    );
  }

  /** Deletes every notification addressed to the member; how many there were. */
  async deleteAllFor(manager: EntityManager, memberId: string): Promise<number> {
    const [{ deleted }]: Array<{ deleted: number }> = await manager.query(
      `WITH deleted AS (DELETE FROM notifications WHERE member_id = $1 RETURNING 1) SELECT count(*)::int AS deleted FROM deleted`,
      [memberId],
    );
    return deleted;
  }
}
