import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PeerSpecialistSpaces {
  memberId: string;
  displayName: string;
  spaceIds: string[];
}

/**
 * The admins' view of `space_moderators`: every peer specialist with the spaces they work, for the
 * assignments page. A file of its own beside MembersRepository (same tables, same owner).
 */
@Injectable()
export class PeerAssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every peer specialist by pseudonym, each with their assigned spaces (none is an empty list). */
  async peerSpecialistsWithSpaces(): Promise<PeerSpecialistSpaces[]> {
    const rows: Array<{ id: string; display_name: string; space_ids: string[] }> = await this.dataSource.query(
      `SELECT m.id, m.display_name, COALESCE(array_agg(sm.space_id ORDER BY sm.space_id) FILTER (WHERE sm.space_id IS NOT NULL), '{}') AS space_ids
       FROM members m LEFT JOIN space_moderators sm ON sm.member_id = m.id
       WHERE m.role = 'PEER_SPECIALIST'
       GROUP BY m.id ORDER BY m.display_name, m.id`,
    );
    return rows.map((row) => ({ memberId: row.id, displayName: row.display_name, spaceIds: row.space_ids }));
  }
}
