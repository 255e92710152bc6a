import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';

/**
 * Admins assign peer specialists to the spaces they moderate: that decides whose held posts and
 * cases they see. Every change is audited.
 */
@Injectable()
export class SpaceAssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async assign(admin: Viewer, spaceId: string, memberId: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [space]: Array<{ id: string }> = await manager.query(`SELECT id FROM spaces WHERE id = $1`, [spaceId]);
      if (!space) throw AppError.notFound('Space');
      const [member]: Array<{ role: Role }> = await manager.query(`SELECT role FROM members WHERE id = $1`, [memberId]);
      if (!member) throw AppError.notFound('Member');
      if (member.role !== Role.PEER_SPECIALIST) throw AppError.badInput('memberId', 'Only peer specialists are assigned to spaces.');
      await manager.query(`INSERT INTO space_moderators (space_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [spaceId, memberId]);
      await this.audit.record(
        {
          actorId: admin.memberId,
          actorRole: admin.role,
          action: 'space.moderator_assigned',
          targetType: 'space',
          targetId: spaceId,
          requestId,
          details: { memberId },
        },
        manager,
      );
      return true;
    });
  }

  async unassign(admin: Viewer, spaceId: string, memberId: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const removed: unknown[] = await manager.query(
        `WITH gone AS (DELETE FROM space_moderators WHERE space_id = $1 AND member_id = $2 RETURNING 1) SELECT 1 FROM gone`,
        [spaceId, memberId],
      );
      if (removed.length === 0) throw AppError.notFound('Assignment');
      await this.audit.record(
        {
          actorId: admin.memberId,
          actorRole: admin.role,
          action: 'space.moderator_unassigned',
          targetType: 'space',
          targetId: spaceId,
          requestId,
          details: { memberId },
        },
        manager,
      );
      return true;
    });
  }
}
