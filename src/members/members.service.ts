import { Injectable } from '@nestjs/common';
import { VerifiedClaims } from '../common/auth/token-verifier';
import { Viewer } from '../common/auth/viewer';
import { ViewerDirectory } from '../common/auth/viewer-directory';
import { Role } from '../common/domain/role.enum';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { CachedViewers } from './cached-viewers';
import { MemberAccessChanges } from './member-access-changes';
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
 * authority for role and cohort, so the row is updated whenever they change.
 *
 * Discharge takes effect at once in every process without a statement per request: discharge and
 * erasure announce the member after commit (MemberAccessChanges), every process drops them from
 * its cache, and their next request reads the row and is refused. A cached member is served with
 * no discharge check only while this process is subscribed to those announcements; while it is
 * not (Redis down, reconnecting, starting), and for entries cached before the last reconnect, the
 * discharge check runs per request as it always did. A lost announcement costs at most
 * CACHE_TTL_MS (see CachedViewers for the rules).
 *
 * Display names: a client is known by a pseudonym (generated, or chosen), never by the token's
 * `name`, which is often their legal name; staff by the token's name with their role beside it.
 */
@Injectable()
export class MembersService implements ViewerDirectory {
  /** The member as of its last upsert; the token's own expiry is added per request. */
  private readonly cache = new CachedViewers<Omit<Viewer, 'tokenExpiresAt'>>({ ttlMs: CACHE_TTL_MS, maxEntries: CACHE_MAX });

  constructor(
    private readonly members: MembersRepository,
    private readonly config: AppConfig,
    private readonly accessChanges: MemberAccessChanges,
  ) {}

  /**
   * Lets this process trust its cache while it hears the announcements (MembersApiModule calls it
   * where requests are served). Without it, every cached member is checked against the database.
   */
  listenForAccessChanges(): void {
    this.accessChanges.listen(this.cache);
  }

  async viewerFor(claims: VerifiedClaims): Promise<Viewer> {
    const key = JSON.stringify([claims.sub, claims.role, claims.name ?? null, claims.cohort ?? null]);
    const cached = this.cache.lookup(key, Date.now());
    if (cached) {
      if (!cached.trusted) {
        const ticket = this.cache.readStarted();
        if (await this.members.isDischarged(cached.viewer.memberId)) throw discharged();
        this.cache.confirm(key, ticket);
      }
      return this.withModeratedSpaces({ ...cached.viewer, tokenExpiresAt: claims.expiresAt });
    }

    const ticket = this.cache.readStarted();
    await this.checkAdmission(claims);
    const row = await this.upsert(claims);
    if (row.discharged) throw discharged();
    const viewer = { memberId: row.id, sub: claims.sub, role: claims.role, displayName: row.displayName, cohort: row.cohort, moderatedSpaceIds: [] };
    this.cache.store(key, viewer, ticket, Date.now());
    return this.withModeratedSpaces({ ...viewer, tokenExpiresAt: claims.expiresAt });
  }

  /**
   * Whether a socket opened earlier may still receive events: false once its member was
   * discharged. Still one statement each time: sockets are few and their events rare, and the
   * socket holds a viewer rather than the token the cache is keyed by.
   */
  async stillAdmitted(viewer: Viewer): Promise<boolean> {
    return !(await this.members.isDischarged(viewer.memberId));
  }

  /**
   * After a commit that ends a member's access (discharge): this process forgets them at once,
   * without waiting for its own announcement to come back, then every other process is told.
   */
  async accessRevoked(memberId: string): Promise<void> {
    this.cache.memberChanged(memberId);
    await this.accessChanges.announce(memberId);
  }

  /**
   * Drops every process's cached viewers (a pseudonym changed; a member was erased, which also
   * discharges them): this one at once, the others when the announcement reaches them.
   */
  forgetCachedViewers(): void {
    this.cache.everyoneChanged();
    void this.accessChanges.announce(null);
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
