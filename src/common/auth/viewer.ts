import { Role } from '../domain/role.enum';

/** Who is asking: the member row plus the claims of this request's token. */
export interface Viewer {
  memberId: string;
  sub: string;
  role: Role;
  displayName: string;
  cohort: string | null;
  /** Spaces a peer specialist is assigned to (space_moderators); empty for every other role. */
  moderatedSpaceIds: readonly string[];
  /** When this request's token expires: a subscription socket is closed then. Never part of the schema. */
  tokenExpiresAt: Date;
}

/** What every GraphQL resolver finds in its context. Loaders are per request (no cross-request caching). */
export interface RequestContext {
  requestId: string;
  viewer: Viewer | null;
  /** Set when a token was sent but failed verification: the guard reports it. */
  authError?: Error;
  /** Per-request DataLoaders, created lazily by the features that use them. */
  loaders: Map<string, unknown>;
}
