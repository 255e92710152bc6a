import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { MembersRepository } from '../members/members.repository';
import { SpacesRepository } from './spaces.repository';

/**
 * Admins assign peer specialists to the spaces they moderate: that decides whose held posts and
 * cases they see. Every change is audited.
 */
@Injectable()
export class SpaceAssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  async assign(admin: Viewer, spaceId: string, memberId: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.spaces.exists(spaceId, manager))) throw AppError.notFound('Space');
      const role = await this.members.roleOf(memberId, manager);
      if (role === null) throw AppError.notFound('Member');
      if (role !== Role.PEER_SPECIALIST) throw AppError.badInput('memberId', 'Only peer specialists are assigned to spaces.');
      await this.members.assignToSpace(manager, spaceId, memberId);
      await this.recordChange(manager, admin, 'space.moderator_assigned', spaceId, memberId, requestId);
      return true;
    });
  }

  async unassign(admin: Viewer, spaceId: string, memberId: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.members.unassignFromSpace(manager, spaceId, memberId))) throw AppError.notFound('Assignment');
      await this.recordChange(manager, admin, 'space.moderator_unassigned', spaceId, memberId, requestId);
      return true;
    });
  }

  /** Every change to who moderates a space is audited, in the transaction that makes it. */
  private async recordChange(manager: EntityManager, admin: Viewer, action: string, spaceId: string, memberId: string, requestId: string): Promise<void> {
    await this.audit.record(
      { actorId: admin.memberId, actorRole: admin.role, action, targetType: 'space', targetId: spaceId, requestId, details: { memberId } },
      manager,
    );
  }
}
