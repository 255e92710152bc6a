import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { stripUnsafeChars } from '../common/text/unsafe-characters';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { MemberModel } from './models/member.model';

const MAX_SUB_CHARS = 255;

/** Who may belong to the forum: the invite list (`MEMBERSHIP=invited`) and discharge. Admins only, audited. */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly directory: MembersService,
    private readonly audit: AuditService,
  ) {}

  async invite(viewer: Viewer, rawSub: string, role: Role | null, requestId: string): Promise<boolean> {
    const sub = cleanSub(rawSub);
    await this.dataSource.transaction(async (manager) => {
      await this.members.invite(manager, sub, role, viewer.memberId);
      // The subject is the provider's identifier, not a name: the audit keeps it so a later sign-in can be traced to the invite.
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'member.invited', targetType: 'invite', targetId: sub, requestId, details: { role } },
        manager,
      );
    });
    return true;
  }

  async revokeInvite(viewer: Viewer, rawSub: string, requestId: string): Promise<boolean> {
    const sub = cleanSub(rawSub);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.members.revokeInvite(manager, sub))) throw AppError.notFound('Invite');
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'member.invite_revoked', targetType: 'invite', targetId: sub, requestId },
        manager,
      );
      return true;
    });
  }

  /** The member can no longer read or post (every request, every socket); their posts stay under their pseudonym. */
  async discharge(viewer: Viewer, memberId: string, requestId: string): Promise<MemberModel> {
    if (memberId === viewer.memberId) throw AppError.badInput('memberId', 'You cannot discharge yourself.');
    await this.dataSource.transaction(async (manager) => {
      const result = await this.members.discharge(manager, memberId, viewer.memberId);
      if (result === 'NOT_FOUND') throw AppError.notFound('Member');
      if (result === 'DISCHARGED') {
        await this.audit.record(
          { actorId: viewer.memberId, actorRole: viewer.role, action: 'member.discharged', targetType: 'member', targetId: memberId, requestId },
          manager,
        );
      }
    });
    await this.directory.accessRevoked(memberId);
    const [member] = await this.members.findByIds([memberId]);
    return MemberModel.from(member);
  }
}

function cleanSub(raw: string): string {
  const sub = stripUnsafeChars(raw).trim();
  if (sub.length === 0 || sub.length > MAX_SUB_CHARS || /\s/.test(sub)) {
    throw AppError.badInput('sub', `Give the identity provider's subject identifier (1 to ${MAX_SUB_CHARS} characters, no spaces).`);
  }
  return sub;
}
