import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { NotificationEntity, NotificationKind } from './entities/notification.entity';
import { NotificationModel } from './models/notification.model';
import { NotificationsRepository } from './notifications.repository';
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
    private readonly notifications: NotificationsRepository,
    private readonly announcer: NotificationAnnouncer,
  ) {}

  /** Returns how many were new (duplicates by dedupe key are skipped silently). Each new one reaches its member live after commit. */
  async notify(manager: EntityManager, notifications: NewNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const added = await this.notifications.insertNew(
      manager,
      notifications.map((n) => ({ ...n, data: n.data ?? {}, dedupeKey: n.dedupeKey ?? null })),
    );
    this.announcer.afterCommit(manager, added);
    return added.length;
  }

  /** The member's notifications, newest first. */
  async listFor(memberId: string, limit: number, after: string | null | undefined): Promise<Connection<NotificationModel>> {
    const rows = await this.notifications.newestFirst(memberId, limit + 1, NOTIFICATION_CURSOR.decode(after));
    return toConnection(
      rows,
      limit,
      (r) => NOTIFICATION_CURSOR.encode([r.createdKey, r.notification.id]),
      (r) => toModel(r.notification),
    );
  }

  async unreadCount(memberId: string): Promise<number> {
    return this.notifications.unreadCount(memberId);
  }

  /** Marks one of the member's own notifications read; someone else's is NOT_FOUND (no existence leak). */
  async markRead(memberId: string, id: string): Promise<NotificationModel> {
    const row = await this.notifications.markRead(memberId, id);
    if (!row) throw AppError.notFound('Notification');
    return toModel(row);
  }
}
