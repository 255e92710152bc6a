import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VerifiedClaims } from '../common/auth/token-verifier';
import { Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { MemberEntity } from './entities/member.entity';
import { pseudonymFor } from './pseudonym';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Members are created on first sight of a token's subject. A short in-process cache spares one
 * query per request; the token stays the authority for role and cohort, so the row is updated
 * whenever they change.
 */
@Injectable()
export class MembersService {
  /** The member as of its last upsert; the token's own expiry is added per request. */
  private readonly cache = new Map<string, { viewer: Omit<Viewer, 'tokenExpiresAt'>; expiresAt: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async viewerFor(claims: VerifiedClaims): Promise<Viewer> {
    const key = JSON.stringify([claims.sub, claims.role, claims.name ?? null, claims.cohort ?? null]);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return this.withModeratedSpaces({ ...cached.viewer, tokenExpiresAt: claims.expiresAt });

    const displayName = claims.name ?? pseudonymFor(claims.sub);
    // One round trip whether the member is new or known; display name follows the token only when it sends one.
    const rows: Array<{ id: string; display_name: string; cohort: string | null }> = await this.dataSource.query(
      `INSERT INTO members (sub, role, display_name, cohort) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sub) DO UPDATE SET role = EXCLUDED.role, cohort = EXCLUDED.cohort, last_seen_at = now(),
         display_name = CASE WHEN $5::boolean THEN EXCLUDED.display_name ELSE members.display_name END
       RETURNING id, display_name, cohort`,
      [claims.sub, claims.role, displayName, claims.cohort ?? null, claims.name !== undefined],
    );
    const row = rows[0];
    const viewer = { memberId: row.id, sub: claims.sub, role: claims.role, displayName: row.display_name, cohort: row.cohort, moderatedSpaceIds: [] };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { viewer, expiresAt: Date.now() + CACHE_TTL_MS });
    return this.withModeratedSpaces({ ...viewer, tokenExpiresAt: claims.expiresAt });
  }

  /**
   * A peer specialist sees what is not public only in the spaces they are assigned to. Read on
   * every request (not cached) so that taking someone off a space takes effect at once; sockets
   * call it again for every event they deliver.
   */
  async withModeratedSpaces(viewer: Viewer): Promise<Viewer> {
    if (viewer.role !== Role.PEER_SPECIALIST) return viewer;
    const rows: Array<{ space_id: string }> = await this.dataSource.query(`SELECT space_id FROM space_moderators WHERE member_id = $1`, [viewer.memberId]);
    return { ...viewer, moderatedSpaceIds: rows.map((r) => r.space_id) };
  }

  async findByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).getMany();
  }
}
