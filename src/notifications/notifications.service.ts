import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { NotificationEntity, NotificationKind } from './entities/notification.entity';
import { NotificationModel } from './models/notification.model';
import { NotificationAnnouncer } from './realtime/notification-announcer';

export interface NewNotification {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Ids to link to; never post text. */
  data?: Record<string, string | number | null>;
  /** Unique per logical notification, so a re-delivered job does not notify twice. */
  dedupeKey?: string;
}

/** (created_at as PostgreSQL text, id): a JS Date would cut microseconds and skip rows written within one millisecond. */
const NOTIFICATION_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

function linkedId(data: Record<string, string | number | null>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' ? value : null;
}

export function toModel(row: NotificationEntity): NotificationModel {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    postId: linkedId(row.data, 'postId'),
    caseId: linkedId(row.data, 'caseId'),
    escalationId: linkedId(row.data, 'escalationId'),
    readAt: row.readAt,
    createdAt: row.createdAt,
  };
}

/** Writes in-app notifications inside the caller's transaction, and reads a member's own. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly announcer: NotificationAnnouncer,
  ) {}

  /** Returns how many were new (duplicates by dedupe key are skipped silently). Each new one reaches its member live after commit. */
  async notify(manager: EntityManager, notifications: NewNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(notifications.map((n) => ({ ...n, data: n.data ?? {}, dedupeKey: n.dedupeKey ?? null })))
      .orIgnore()
      .returning('id, member_id')
      .execute();
    const added = result.raw as Array<{ id: string; member_id: string }>;
    this.announcer.afterCommit(
      manager,
      added.map((row) => ({ notificationId: row.id, memberId: row.member_id })),
    );
    return added.length;
  }

  /** The member's notifications, newest first. */
  async listFor(memberId: string, limit: number, after: string | null | undefined): Promise<Connection<NotificationModel>> {
    const cursor = NOTIFICATION_CURSOR.decode(after);
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .addSelect('n.created_at::text', 'created_key')
      .where('n.member_id = :memberId', { memberId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (cursor) {
      const [createdAt, id] = cursor;
      query.andWhere('(n.created_at, n.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', { createdAt, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ created_key: string }>();
    const rows = entities.map((entity, i) => ({ entity, key: raw[i].created_key }));
    return toConnection(
      rows,
      limit,
      (r) => NOTIFICATION_CURSOR.encode([r.key, r.entity.id]),
      (r) => toModel(r.entity),
    );
  }

  async unreadCount(memberId: string): Promise<number> {
    return this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.member_id = :memberId AND n.read_at IS NULL', { memberId })
      .getCount();
  }

  /** Marks one of the member's own notifications read; someone else's is NOT_FOUND (no existence leak). */
  async markRead(memberId: string, id: string): Promise<NotificationModel> {
    await this.dataSource.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND member_id = $2 AND read_at IS NULL`, [id, memberId]);
    const row = await this.dataSource.getRepository(NotificationEntity).findOne({ where: { id, memberId } });
    if (!row) throw AppError.notFound('Notification');
    return toModel(row);
  }
}
