import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryPreparedIn } from '../common/sql/prepared-statement';
import { NotificationEntity, NotificationKind } from './entities/notification.entity';

export interface NotificationRow {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: Record<string, string | number | null>;
  dedupeKey: string | null;
}

/** A stored notification with its keyset: created_at as PostgreSQL prints it (microseconds kept). */
export interface PagedNotification {
  notification: NotificationEntity;
  createdKey: string;
}

/** `notifications`, one member's in-app messages: the only place that names the table. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction; rows whose dedupe key is already taken are skipped. Returns the new ones. */
  async insertNew(manager: EntityManager, rows: NotificationRow[]): Promise<Array<{ notificationId: string; memberId: string }>> {
    if (rows.length === 0) return [];
    // One text for any number of rows, so it stays one prepared statement (the screening worker notifies on most posts it publishes).
    const inserted = await queryPreparedIn<{ id: string; member_id: string }>(
      manager,
      'notifications-insert',
      `INSERT INTO notifications (member_id, kind, title, body, data, dedupe_key)
       SELECT n.member_id, n.kind, n.title, n.body, n.data::jsonb, n.dedupe_key
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS n(member_id, kind, title, body, data, dedupe_key)
       ON CONFLICT DO NOTHING
       RETURNING id, member_id`,
      [
        rows.map((r) => r.memberId),
        rows.map((r) => r.kind),
        rows.map((r) => r.title),
        rows.map((r) => r.body),
        rows.map((r) => JSON.stringify(r.data)),
        rows.map((r) => r.dedupeKey),
      ],
    );
    return inserted.map((row) => ({ notificationId: row.id, memberId: row.member_id }));
  }

  /** The member's notifications newest first, `limit` of them after the keyset `after` (from the start when null). */
  async newestFirst(memberId: string, limit: number, after: readonly [createdAt: string, id: string] | null): Promise<PagedNotification[]> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .addSelect('n.created_at::text', 'created_key')
      .where('n.member_id = :memberId', { memberId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit);
    if (after) {
      const [createdAt, id] = after;
      query.andWhere('(n.created_at, n.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', { createdAt, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ created_key: string }>();
    return entities.map((notification, i) => ({ notification, createdKey: raw[i].created_key }));
  }

  async unreadCount(memberId: string): Promise<number> {
    return this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.member_id = :memberId AND n.read_at IS NULL', { memberId })
      .getCount();
  }

  /** Marks it read when it is the member's and unread; returns it when it is the member's, null otherwise. */
  async markRead(memberId: string, id: string): Promise<NotificationEntity | null> {
    await this.dataSource.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND member_id = $2 AND read_at IS NULL`, [id, memberId]);
    return this.dataSource.getRepository(NotificationEntity).findOne({ where: { id, memberId } });
  }
}
