import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { EscalationRedactionRepository } from '../escalation/escalation-redaction.repository';
import { MemberPostsDataRepository } from '../forum/member-posts-data.repository';
import { CaseTextRedaction } from '../moderation/case-text-redaction.service';
import { MembersRepository } from '../members/members.repository';
import { MembersService } from '../members/members.service';
import { MemberModel } from '../members/models/member.model';
import { FORMER_MEMBER_NAME } from '../members/pseudonym';
import { MemberNotificationsRepository } from '../notifications/member-notifications.repository';
import { NotificationRedactionRepository } from '../notifications/notification-redaction.repository';
import { ScreeningRedactionRepository } from './screening-redaction.repository';

/** What an erased member's posts and thread titles read. */
export const ERASED_TEXT_MARKER = "[removed at the member's request]";

/**
 * `eraseMember`, by an admin at the member's request: in one transaction, each owner removes its
 * part (forum: post text, revisions, titles, report reasons; screening and escalation: quoted
 * evidence; moderation: the staff notes on their posts' cases; notifications: theirs, and their pseudonym in others'; members: the pseudonym becomes "Former member" and the member
 * is discharged). Here because screening is the highest feature and the only one that may call
 * every owner. The audit log keeps that it happened and by whom; its old events are never touched.
 */
@Injectable()
export class MemberErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly directory: MembersService,
    private readonly posts: MemberPostsDataRepository,
    private readonly screenings: ScreeningRedactionRepository,
    private readonly escalations: EscalationRedactionRepository,
    private readonly caseText: CaseTextRedaction,
    private readonly notifications: MemberNotificationsRepository,
    private readonly notificationCopies: NotificationRedactionRepository,
    private readonly audit: AuditService,
  ) {}

  async erase(viewer: Viewer, memberId: string, requestId: string): Promise<MemberModel> {
    if (memberId === viewer.memberId) throw AppError.badInput('memberId', 'Another admin must erase your own account.');
    await this.dataSource.transaction(async (manager) => {
      const pseudonym = await this.members.displayNameOf(memberId, manager);
      if (!(await this.members.eraseIdentity(manager, memberId, viewer.memberId, FORMER_MEMBER_NAME))) throw AppError.notFound('Member');
      const postIds = await this.posts.eraseTextBy(manager, memberId, ERASED_TEXT_MARKER);
      // Others were told of their replies by pseudonym: those notifications name "Former member" now.
      if (pseudonym) await this.notificationCopies.renameAuthorOf(manager, postIds, pseudonym, FORMER_MEMBER_NAME);
      const screenings = await this.screenings.redactEvidenceOf(manager, postIds);
      await this.escalations.redactEvidenceOf(manager, postIds);
      await this.caseText.redactOfPosts(manager, postIds, ERASED_TEXT_MARKER);
      const notifications = await this.notifications.deleteAllFor(manager, memberId);
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'member.erased',
          targetType: 'member',
          targetId: memberId,
          requestId,
          details: { posts: postIds.length, screenings, notifications },
        },
        manager,
      );
    });
    this.directory.forgetCachedViewers();
    const [member] = await this.members.findByIds([memberId]);
    return MemberModel.from(member);
  }
}
