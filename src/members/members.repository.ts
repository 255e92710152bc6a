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
  /** A client's generated pseudonym, or a staff member's name with their role. */
  displayName: string;
  cohort: string | null;
  /** Staff only: the token sent a name, so the display name follows it. A client's never does. */
  displayNameFromToken: boolean;
}

export interface StoredMember {
  id: string;
  displayName: string;
  cohort: string | null;
  discharged: boolean;
}

/** A member who may be paged about an escalation. */
export interface ClinicalStaffMember {
  id: string;
  role: Role.CLINICIAN | Role.ADMIN;
}

/** What `MEMBERSHIP=invited` needs to know about a subject before it may become a member. */
export interface Admission {
  known: boolean;
  invited: boolean;
  /** The role the invite names, if it names one. */
  invitedRole: Role | null;
}

export type PseudonymChoice = { chosen: true } | { chosen: false; nextAllowedAt: Date | null };

export type DischargeResult = 'DISCHARGED' | 'ALREADY' | 'NOT_FOUND';

/** A member's status (MemberStatus) from their row: erasure wins over discharge, which it implies. */
const MEMBER_STATUS_SQL = `CASE WHEN erased_at IS NOT NULL THEN 'ERASED' WHEN discharged_at IS NOT NULL THEN 'DISCHARGED' ELSE 'ACTIVE' END`;

/** The name of the unique index that keeps clients' pseudonyms apart (case-insensitively). */
export const CLIENT_DISPLAY_NAME_INDEX = 'members_client_display_name';

/** True when the error is a clash on the clients' pseudonym index. */
export function isPseudonymTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && constraint === CLIENT_DISPLAY_NAME_INDEX;
}

/**
 * The members feature's tables, `members`, `member_invites` and `space_moderators` (which peer
 * specialist works which space): the only place that names them. Other features read them through
 * these methods.
 */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One round trip whether the member is new or known. A client keeps the pseudonym they have (the
   * generated one, or their choice); someone whose role changed gets the display name of the new
   * role; an erased member keeps "Former member".
   */
  async upsertFromClaims(claims: MemberClaims): Promise<StoredMember> {
    const rows: Array<{ id: string; display_name: string; cohort: string | null; discharged: boolean }> = await this.dataSource.query(
      `INSERT INTO members (sub, role, display_name, cohort) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sub) DO UPDATE SET role = EXCLUDED.role, cohort = EXCLUDED.cohort, last_seen_at = now(),
         display_name = CASE
           WHEN members.erased_at IS NOT NULL THEN members.display_name
           WHEN (EXCLUDED.role = 'CLIENT') <> (members.role = 'CLIENT') THEN EXCLUDED.display_name
           WHEN EXCLUDED.role <> 'CLIENT' AND $5::boolean THEN EXCLUDED.display_name
           ELSE members.display_name END,
         pseudonym_chosen_at = CASE WHEN (EXCLUDED.role = 'CLIENT') <> (members.role = 'CLIENT') THEN NULL ELSE members.pseudonym_chosen_at END
       RETURNING id, display_name, cohort, discharged_at IS NOT NULL AS discharged`,
      [claims.sub, claims.role, claims.displayName, claims.cohort, claims.displayNameFromToken],
    );
    const row = rows[0];
    return { id: row.id, displayName: row.display_name, cohort: row.cohort, discharged: row.discharged };
  }

  /** Whether a subject is a member already, and whether (and as what) they were invited. */
  async admissionOf(sub: string): Promise<Admission> {
    const [row]: Array<{ known: boolean; invited: boolean; invited_role: Role | null }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM members WHERE sub = $1) AS known,
              EXISTS (SELECT 1 FROM member_invites WHERE sub = $1) AS invited,
              (SELECT role FROM member_invites WHERE sub = $1) AS invited_role`,
      [sub],
    );
    return { known: row.known, invited: row.invited, invitedRole: row.invited_role };
  }

  /** True when the member was discharged (or erased); false for an active member. */
  async isDischarged(memberId: string): Promise<boolean> {
    const [row]: Array<{ discharged: boolean }> = await this.dataSource.query(`SELECT discharged_at IS NOT NULL AS discharged FROM members WHERE id = $1`, [
      memberId,
    ]);
    return row?.discharged ?? true;
  }

  /** When the client may choose a pseudonym again: null when they may now. */
  async nextPseudonymChoiceAt(memberId: string, intervalDays: number): Promise<Date | null> {
    const [row]: Array<{ next: Date | null }> = await this.dataSource.query(
      `SELECT CASE WHEN pseudonym_chosen_at > now() - make_interval(days => $2) THEN pseudonym_chosen_at + make_interval(days => $2) END AS next
         FROM members WHERE id = $1`,
      [memberId, intervalDays],
    );
    return row?.next ?? null;
  }

  /**
   * The client's chosen pseudonym, when their last choice is at least `intervalDays` old (checked
   * in the UPDATE, so two concurrent choices cannot both pass). Throws the unique violation when
   * the name is taken (isPseudonymTaken).
   */
  async choosePseudonym(manager: EntityManager, memberId: string, displayName: string, intervalDays: number): Promise<PseudonymChoice> {
    const updated: Array<{ id: string }> = await manager.query(
      `WITH updated AS (
         UPDATE members SET display_name = $2, pseudonym_chosen_at = now()
          WHERE id = $1 AND role = 'CLIENT' AND erased_at IS NULL
            AND (pseudonym_chosen_at IS NULL OR pseudonym_chosen_at <= now() - make_interval(days => $3))
          RETURNING id
       ) SELECT id FROM updated`,
      [memberId, displayName, intervalDays],
    );
    if (updated.length > 0) return { chosen: true };
    return { chosen: false, nextAllowedAt: await this.nextPseudonymChoiceAt(memberId, intervalDays) };
  }

  /** Discharges an active member; says whether there was one to discharge. */
  async discharge(manager: EntityManager, memberId: string, by: string): Promise<DischargeResult> {
    const rows: Array<{ discharged_now: boolean }> = await manager.query(
      `WITH updated AS (
         UPDATE members SET discharged_at = COALESCE(discharged_at, now()), discharged_by = COALESCE(discharged_by, $2)
          WHERE id = $1 RETURNING discharged_at = now() AS discharged_now
       ) SELECT discharged_now FROM updated`,
      [memberId, by],
    );
    if (rows.length === 0) return 'NOT_FOUND';
    return rows[0].discharged_now ? 'DISCHARGED' : 'ALREADY';
  }

  /** Erasure's part here: the pseudonym becomes "Former member", and the member is discharged too. False when there is no such member. */
  async eraseIdentity(manager: EntityManager, memberId: string, by: string, formerName: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH updated AS (
         UPDATE members SET display_name = $3, erased_at = COALESCE(erased_at, now()),
                discharged_at = COALESCE(discharged_at, now()), discharged_by = COALESCE(discharged_by, $2)
          WHERE id = $1 RETURNING id
       ) SELECT id FROM updated`,
      [memberId, by, formerName],
    );
    return rows.length > 0;
  }

  /** Adds a subject to the invite list (again: the role is updated). */
  async invite(manager: EntityManager, sub: string, role: Role | null, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO member_invites (sub, role, invited_by) VALUES ($1, $2, $3)
       ON CONFLICT (sub) DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, created_at = now()`,
      [sub, role, by],
    );
  }

  /** False when the subject was not invited. Members who joined stay members. */
  async revokeInvite(manager: EntityManager, sub: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`WITH deleted AS (DELETE FROM member_invites WHERE sub = $1 RETURNING sub) SELECT sub FROM deleted`, [sub]);
    return rows.length > 0;
  }

  /** The member's own row as their data export shows it (no subject: that is the provider's). */
  async ownProfile(memberId: string): Promise<{ id: string; displayName: string; role: Role; cohort: string | null; joinedAt: Date } | null> {
    const [row]: Array<{ id: string; display_name: string; role: Role; cohort: string | null; created_at: Date }> = await this.dataSource.query(
      `SELECT id, display_name, role, cohort, created_at FROM members WHERE id = $1`,
      [memberId],
    );
    return row ? { id: row.id, displayName: row.display_name, role: row.role, cohort: row.cohort, joinedAt: row.created_at } : null;
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

  /**
   * Admins' member list, newest joined first, keyset-paged on (created_at, id); `search` matches
   * part of the display name (LIKE wildcards escaped). Never the subject.
   */
  async listForAdmins(
    limit: number,
    after: [string, string] | null,
    filter: { search?: string | null; role?: Role | null; status?: 'ACTIVE' | 'DISCHARGED' | 'ERASED' | null },
  ): Promise<Array<{ id: string; displayName: string; role: Role; status: 'ACTIVE' | 'DISCHARGED' | 'ERASED'; joinedAt: Date; cursorAt: string }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (after) where.push(`(created_at, id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    if (filter.search) where.push(`display_name ILIKE ${param(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    if (filter.role) where.push(`role = ${param(filter.role)}`);
    const status = MEMBER_STATUS_SQL;
    if (filter.status) where.push(`${status} = ${param(filter.status)}`);
    const rows: Array<{ id: string; display_name: string; role: Role; status: 'ACTIVE' | 'DISCHARGED' | 'ERASED'; created_at: Date; cursor_at: string }> =
      await this.dataSource.query(
        `SELECT id, display_name, role, ${status} AS status, created_at, created_at::text AS cursor_at FROM members
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(limit)}`,
        params,
      );
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, status: r.status, joinedAt: r.created_at, cursorAt: r.cursor_at }));
  }

  /**
   * Members by id as the admins' list shows them, with their status now: an erased member reads
   * "Former member" and ERASED (their row was rewritten), never the name they had.
   */
  async listingsByIds(
    ids: readonly string[],
  ): Promise<Array<{ id: string; displayName: string; role: Role; status: 'ACTIVE' | 'DISCHARGED' | 'ERASED'; joinedAt: Date }>> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string; display_name: string; role: Role; status: 'ACTIVE' | 'DISCHARGED' | 'ERASED'; created_at: Date }> =
      await this.dataSource.query(`SELECT id, display_name, role, ${MEMBER_STATUS_SQL} AS status, created_at FROM members WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, status: r.status, joinedAt: r.created_at }));
  }

  /** The invite list, newest first, keyset-paged on (created_at, sub). */
  async invites(limit: number, after: [string, string] | null): Promise<Array<{ sub: string; role: Role | null; invitedAt: Date; cursorAt: string }>> {
    const rows: Array<{ sub: string; role: Role | null; created_at: Date; cursor_at: string }> = await this.dataSource.query(
      `SELECT sub, role, created_at, created_at::text AS cursor_at FROM member_invites
        ${after ? 'WHERE (created_at, sub) < ($2::timestamptz, $3)' : ''} ORDER BY created_at DESC, sub DESC LIMIT $1`,
      after ? [limit, after[0], after[1]] : [limit],
    );
    return rows.map((r) => ({ sub: r.sub, role: r.role, invitedAt: r.created_at, cursorAt: r.cursor_at }));
  }

  /**
   * Clinicians and admins who may still open the forum, in the order they joined: the paging rota
   * (see escalation/paging-recipients.ts). A discharged one is left out, so a shift they still hold
   * pages nobody and the page goes to every clinician, rather than to someone who cannot acknowledge.
   */
  async clinicalStaffInJoinOrder(): Promise<ClinicalStaffMember[]> {
    return this.dataSource.query(`SELECT id, role FROM members WHERE role IN ('CLINICIAN', 'ADMIN') AND discharged_at IS NULL ORDER BY created_at, id`);
  }

  /** Clinicians who may be put on the roster (not discharged), by name: the roster's clinician picker. */
  async activeClinicians(): Promise<MemberEntity[]> {
    return this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.role = :role AND m.dischargedAt IS NULL', { role: Role.CLINICIAN })
      .orderBy('m.displayName')
      .addOrderBy('m.id')
      .getMany();
  }

  /** Those of these members who are not discharged (nor erased): who may still be told of something in-app. */
  async activeAmong(manager: EntityManager, memberIds: readonly string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM members WHERE id = ANY($1::uuid[]) AND discharged_at IS NULL`, [memberIds]);
    return rows.map((r) => r.id);
  }

  /** The spaces a peer specialist is assigned to. */
  async moderatedSpaceIds(memberId: string): Promise<string[]> {
    const rows: Array<{ space_id: string }> = await this.dataSource.query(`SELECT space_id FROM space_moderators WHERE member_id = $1`, [memberId]);
    return rows.map((r) => r.space_id);
  }

  /**
   * Who looks after a space's cases (and hears of them in-app): its peer specialists, or every peer
   * specialist while it has none. Discharged ones are left out, as if unassigned (discharge keeps the
   * assignment rows): they cannot open a case, and a space whose assigned peers are all discharged
   * falls back to every peer rather than telling nobody.
   */
  async peerSpecialistsFor(spaceId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ member_id: string }> = await manager.query(
      `WITH assigned AS (
         SELECT sm.member_id FROM space_moderators sm JOIN members m ON m.id = sm.member_id WHERE sm.space_id = $1 AND m.discharged_at IS NULL
       )
       SELECT member_id FROM assigned
       UNION SELECT id FROM members WHERE role = 'PEER_SPECIALIST' AND discharged_at IS NULL AND NOT EXISTS (SELECT 1 FROM assigned)`,
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
