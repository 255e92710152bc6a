import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';

/** Every space, or these spaces only. */
export type ModerationScope = { all: true } | { all: false; spaceIds: string[] };

/**
 * Whose cases a staff member works: clinicians and admins every space's, a peer specialist only
 * the spaces they are assigned to (`space_moderators`), a client none.
 */
@Injectable()
export class ModerationScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async scopeOf(viewer: Viewer): Promise<ModerationScope> {
    switch (viewer.role) {
      case Role.CLINICIAN:
      case Role.ADMIN:
        return { all: true };
      case Role.PEER_SPECIALIST: {
        const rows: Array<{ space_id: string }> = await this.dataSource.query(`SELECT space_id FROM space_moderators WHERE member_id = $1`, [viewer.memberId]);
        return { all: false, spaceIds: rows.map((r) => r.space_id) };
      }
      case Role.CLIENT:
        return { all: false, spaceIds: [] };
    }
  }

  async covers(viewer: Viewer, spaceId: string): Promise<boolean> {
    const scope = await this.scopeOf(viewer);
    return scope.all || scope.spaceIds.includes(spaceId);
  }
}
