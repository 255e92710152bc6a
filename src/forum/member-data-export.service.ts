import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { MembersRepository } from '../members/members.repository';
import { MemberNotificationsRepository } from '../notifications/member-notifications.repository';
import { MemberPostsDataRepository } from './member-posts-data.repository';

/**
 * `exportMyData`: everything the forum holds that the member wrote or received, as JSON. Only
 * their own rows: the ids of posts they reacted to or reported, never those posts' text or
 * authors; no screening or moderation records (staff's assessments, not the member's data here).
 * Forum is the highest feature that holds all of it (posts, reactions, reports; notifications and
 * members sit below).
 */
@Injectable()
export class MemberDataExportService {
  constructor(
    private readonly members: MembersRepository,
    private readonly posts: MemberPostsDataRepository,
    private readonly notifications: MemberNotificationsRepository,
    private readonly audit: AuditService,
  ) {}

  async exportFor(viewer: Viewer, requestId: string): Promise<string> {
    const profile = await this.members.ownProfile(viewer.memberId);
    if (!profile) throw AppError.notFound('Member');
    const [posts, reactions, reports, notifications] = await Promise.all([
      this.posts.postsBy(viewer.memberId),
      this.posts.reactionsBy(viewer.memberId),
      this.posts.reportsBy(viewer.memberId),
      this.notifications.allFor(viewer.memberId),
    ]);
    await this.audit.record({
      actorId: viewer.memberId,
      actorRole: viewer.role,
      action: 'member.data_exported',
      targetType: 'member',
      targetId: viewer.memberId,
      requestId,
      details: { posts: posts.length, reactions: reactions.length, reports: reports.length, notifications: notifications.length },
    });
    return JSON.stringify({ exportedAt: new Date().toISOString(), member: profile, posts, reactions, reports, notifications });
  }
}
