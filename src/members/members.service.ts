import { Injectable } from '@nestjs/common';
import { VerifiedClaims } from '../common/auth/token-verifier';
import { Viewer } from '../common/auth/viewer';
import { ViewerDirectory } from '../common/auth/viewer-directory';
import { Role } from '../common/domain/role.enum';
import { MembersRepository } from './members.repository';
import { pseudonymFor } from './pseudonym';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Members are created on first sight of a token's subject. A short in-process cache spares one
 * query per request; the token stays the authority for role and cohort, so the row is updated
 * whenever they change.
 */
@Injectable()
export class MembersService implements ViewerDirectory {
  /** The member as of its last upsert; the token's own expiry is added per request. */
  private readonly cache = new Map<string, { viewer: Omit<Viewer, 'tokenExpiresAt'>; expiresAt: number }>();

  constructor(private readonly members: MembersRepository) {}

  async viewerFor(claims: VerifiedClaims): Promise<Viewer> {
    const key = JSON.stringify([claims.sub, claims.role, claims.name ?? null, claims.cohort ?? null]);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return this.withModeratedSpaces({ ...cached.viewer, tokenExpiresAt: claims.expiresAt });

    const displayName = claims.name ?? pseudonymFor(claims.sub);
    // One round trip whether the member is new or known; display name follows the token only when it sends one.
    const row = await this.members.upsertFromClaims({
      sub: claims.sub,
      role: claims.role,
      displayName,
      cohort: claims.cohort ?? null,
      displayNameFromToken: claims.name !== undefined,
    });
    const viewer = { memberId: row.id, sub: claims.sub, role: claims.role, displayName: row.displayName, cohort: row.cohort, moderatedSpaceIds: [] };
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
    return { ...viewer, moderatedSpaceIds: await this.members.moderatedSpaceIds(viewer.memberId) };
  }
}
