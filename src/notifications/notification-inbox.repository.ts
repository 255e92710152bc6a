import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationEntity, NotificationKind } from './entities/notification.entity';

export interface GatheredRow {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: Record<string, string | number | null>;
}

/** A member's inbox beyond the list: one notification by id, all marked read, and notifications gathered into one. */
@Injectable()
export class NotificationInboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The notification when it is the member's; null for anyone else's (no existence leak). */
  findOwn(memberId: string, id: string): Promise<NotificationEntity | null> {
    return this.dataSource.getRepository(NotificationEntity).findOne({ where: { id, memberId } });
  }

  /** Returns how many were unread. */
  async markAllRead(memberId: string): Promise<number> {
    const [{ marked }]: Array<{ marked: number }> = await this.dataSource.query(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE member_id = $1 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS marked FROM marked`,
      [memberId],
    );
    return marked;
  }

  /** Until the caller's transaction ends, other writers of the same group wait here, so two events never write two notifications. */
  async lockGroup(manager: EntityManager, kind: NotificationKind, gatherBy: Record<string, string>): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`notification-gather:${kind}:${JSON.stringify(gatherBy)}`]);
  }

  /**
   * In the caller's transaction (after `lockGroup`): rewrites the member's unread notification of
   * this kind whose data contains `gatherBy`, moving it to the top, or writes a new one when none
   * is unread. Returns its id.
   */
  async rewriteOrInsertUnread(manager: EntityManager, row: GatheredRow, gatherBy: Record<string, string>): Promise<string> {
    const data = JSON.stringify({ ...row.data, ...gatherBy });
    const updated: Array<{ id: string }> = await manager.query(
      `WITH updated AS (
         UPDATE notifications SET title = $4, body = $5, data = $6::jsonb, created_at = now()
          WHERE member_id = $1 AND kind = $2 AND read_at IS NULL AND dedupe_key IS NULL AND data @> $3::jsonb
          RETURNING id
       ) SELECT id FROM updated`,
      [row.memberId, row.kind, JSON.stringify(gatherBy), row.title, row.body, data],
    );
    if (updated.length > 0) return updated[0].id;
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications (member_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id`,
      [row.memberId, row.kind, row.title, row.body, data],
    );
    return inserted[0].id;
  }
}
