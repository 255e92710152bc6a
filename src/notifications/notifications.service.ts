import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationEntity, NotificationKind } from './entities/notification.entity';

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

/** Writes in-app notifications inside the caller's transaction. */
@Injectable()
export class NotificationsService {
  /** Returns how many were new (duplicates by dedupe key are skipped silently). */
  async notify(manager: EntityManager, notifications: NewNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(notifications.map((n) => ({ ...n, data: n.data ?? {}, dedupeKey: n.dedupeKey ?? null })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }
}
