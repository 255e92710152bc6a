import { Injectable } from '@nestjs/common';
import { VerifiedClaims } from '../common/auth/token-verifier';
import { Viewer } from '../common/auth/viewer';
import { ViewerDirectory } from '../common/auth/viewer-directory';
import { Role } from '../common/domain/role.enum';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { isPseudonymTaken, MembersRepository, StoredMember } from './members.repository';
import { pseudonymFor, staffDisplayName } from './pseudonym';

/** `reason` lets the web app end the session and say so kindly, instead of treating it as any refusal. */
function discharged(): AppError {
  return new AppError(ErrorCode.FORBIDDEN, DISCHARGED_MESSAGE, { reason: 'DISCHARGED' });
}

/** `reason`, likewise: the sign-in page can say "not invited yet" rather than "something went wrong". */
function notInvited(): AppError {
  return new AppError(ErrorCode.FORBIDDEN, NOT_INVITED_MESSAGE, { reason: 'NOT_INVITED' });
}

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;
/** Generated pseudonyms are unique: a clash picks the next one, a handful of times at most. */
const PSEUDONYM_ATTEMPTS = 20;

export const DISCHARGED_MESSAGE = 'Your access to this forum has ended. If you think this is a mistake, please contact your program.';
export const NOT_INVITED_MESSAGE = 'This forum is open to invited members only. Please ask your program for an invitation.';

/**
 * Members are created on first sight of a token's subject (with `MEMBERSHIP=invited`, only
 * invited subjects). A short in-process cache spares the upsert per request; the token stays the
 * authority for role and cohort, so the row is updated whenever they change. Discharge is read
 * on every request (one primary-key lookup), so it takes effect at once in every process.
 *
 * Display names: a client is known by a pseudonym (generated, or chosen), never by the token's
 * `name`, which is often their legal name; staff by the token's name with their role beside it.
 */
@Injectable()
export class MembersService implements ViewerDirectory {
  /** The member as of its last upsert; the token's own expiry is added per request. */
  private readonly cache = new Map<string, { viewer: Omit<Viewer, 'tokenExpiresAt'>; expiresAt: number }>();

  constructor(
    private readonly members: MembersRepository,
    private readonly config: AppConfig,
  ) {}

  async viewerFor(claims: VerifiedClaims): Promise<Viewer> {
    const key = JSON.stringify([claims.sub, claims.role, claims.name ?? null, claims.cohort ?? null]);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      if (await this.members.isDischarged(cached.viewer.memberId)) throw discharged();
      return this.withModeratedSpaces({ ...cached.viewer, tokenExpiresAt: claims.expiresAt });
    }

    await this.checkAdmission(claims);
    const row = await this.upsert(claims);
    if (row.discharged) throw discharged();
    const viewer = { memberId: row.id, sub: claims.sub, role: claims.role, displayName: row.displayName, cohort: row.cohort, moderatedSpaceIds: [] };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { viewer, expiresAt: Date.now() + CACHE_TTL_MS });
    return this.withModeratedSpaces({ ...viewer, tokenExpiresAt: claims.expiresAt });
  }

  /** Whether a socket opened earlier may still receive events: false once its member was discharged. */
  async stillAdmitted(viewer: Viewer): Promise<boolean> {
    return !(await this.members.isDischarged(viewer.memberId));
  }

  /** Drops this process's cached viewers (a pseudonym changed); other processes catch up within CACHE_TTL_MS. */
  forgetCachedViewers(): void {
    this.cache.clear();
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

  /**
   * `MEMBERSHIP=invited`: a subject not yet a member needs an invite (for the role it names, if
   * any). Admins always get in, so a program can start with an empty list; members who joined
   * before keep their access.
   */
  private async checkAdmission(claims: VerifiedClaims): Promise<void> {
    if (this.config.membership.mode !== 'invited' || claims.role === Role.ADMIN) return;
    const admission = await this.members.admissionOf(claims.sub);
    if (admission.known) return;
    if (!admission.invited || (admission.invitedRole !== null && admission.invitedRole !== claims.role)) throw notInvited();
  }

  private async upsert(claims: VerifiedClaims): Promise<StoredMember> {
    const cohort = claims.cohort ?? null;
    if (claims.role !== Role.CLIENT) {
      const name = claims.name ?? pseudonymFor(claims.sub);
      return this.members.upsertFromClaims({
        sub: claims.sub,
        role: claims.role,
        displayName: staffDisplayName(name, claims.role),
        cohort,
        displayNameFromToken: claims.name !== undefined,
      });
    }
    // The token's name is never used for a client: a generated pseudonym, the next one on a clash.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.members.upsertFromClaims({
          sub: claims.sub,
          role: claims.role,
          displayName: pseudonymFor(claims.sub, attempt),
          cohort,
          displayNameFromToken: false,
        });
      } catch (error) {
        if (!isPseudonymTaken(error) || attempt + 1 >= PSEUDONYM_ATTEMPTS) throw error;
      }
    }
  }
}
