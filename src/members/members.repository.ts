import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../common/domain/role.enum';
import { MemberEntity } from './entities/member.entity';
import { SpaceModeratorEntity } from './entities/space-moderator.entity';

/** What a token says about its member, as the upsert writes it. */
export interface MemberClaims {
  sub: string;
  role: Role;
  displayName: string;
  cohort: string | null;
  /** False when the token sent no name: a known member keeps the display name they have. */
  displayNameFromToken: boolean;
}

export interface StoredMember {
  id: string;
  displayName: string;
  cohort: string | null;
}

/** A member who may be paged about an escalation. */
export interface ClinicalStaffMember {
  id: string;
  role: Role.CLINICIAN | Role.ADMIN;
}

/**
 * The members feature's tables, `members` and `space_moderators` (which peer specialist works
 * which space): the only place that names them. Other features read them through these methods.
 */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One round trip whether the member is new or known. */
  async upsertFromClaims(claims: MemberClaims): Promise<StoredMember> {
    const rows: Array<{ id: string; display_name: string; cohort: string | null }> = await this.dataSource.query(
      `INSERT INTO members (sub, role, display_name, cohort) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sub) DO UPDATE SET role = EXCLUDED.role, cohort = EXCLUDED.cohort, last_seen_at = now(),
         display_name = CASE WHEN $5::boolean THEN EXCLUDED.display_name ELSE members.display_name END
       RETURNING id, display_name, cohort`,
      [claims.sub, claims.role, claims.displayName, claims.cohort, claims.displayNameFromToken],
    );
    const row = rows[0];
    return { id: row.id, displayName: row.display_name, cohort: row.cohort };
  }

  async findByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).getMany();
  }

  /** The member's pseudonym, or null when there is no such member; in the caller's transaction when given one. */
  async displayNameOf(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [member]: Array<{ display_name: string }> = await manager.query(`SELECT display_name FROM members WHERE id = $1`, [memberId]);
    return member?.display_name ?? null;
  }

  /** The member's role, or null when there is no such member. */
  async roleOf(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<Role | null> {
    const [member]: Array<{ role: Role }> = await manager.query(`SELECT role FROM members WHERE id = $1`, [memberId]);
    return member?.role ?? null;
  }

  /** Clinicians and admins in the order they joined: the paging rota (see escalation/paging-recipients.ts). */
  async clinicalStaffInJoinOrder(): Promise<ClinicalStaffMember[]> {
    return this.dataSource.query(`SELECT id, role FROM members WHERE role IN ('CLINICIAN', 'ADMIN') ORDER BY created_at, id`);
  }

  /** The spaces a peer specialist is assigned to. */
  async moderatedSpaceIds(memberId: string): Promise<string[]> {
    const rows: Array<{ space_id: string }> = await this.dataSource.query(`SELECT space_id FROM space_moderators WHERE member_id = $1`, [memberId]);
    return rows.map((r) => r.space_id);
  }

  /** Who looks after a space's cases: its peer specialists, or every peer specialist while it has none. */
  async peerSpecialistsFor(spaceId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ member_id: string }> = await manager.query(
      `SELECT member_id FROM space_moderators WHERE space_id = $1
       UNION SELECT id FROM members WHERE role = 'PEER_SPECIALIST' AND NOT EXISTS (SELECT 1 FROM space_moderators WHERE space_id = $1)`,
      [spaceId],
    );
    return rows.map((r) => r.member_id);
  }

  /** Assigning someone already assigned changes nothing. */
  async assignToSpace(manager: EntityManager, spaceId: string, memberId: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(SpaceModeratorEntity).values({ spaceId, memberId }).orIgnore().execute();
  }

  /** False when there was no such assignment. */
  async unassignFromSpace(manager: EntityManager, spaceId: string, memberId: string): Promise<boolean> {
    const result = await manager.delete(SpaceModeratorEntity, { spaceId, memberId });
    return (result.affected ?? 0) > 0;
  }
}
