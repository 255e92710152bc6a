/**
 * What the rest of the app knows about signing in: a session that hands out a bearer token and
 * ends. Development sign-in (api/dev-sign-in.ts) is one way to get one; OpenID Connect
 * (oidc-session.ts) is the other, with the same shape. Tokens live in memory only: never
 * localStorage or sessionStorage, so nothing outlives the tab or can be read by a script from storage.
 */
export interface AuthSession {
  readonly method: 'development' | 'oidc';
  /** When the current token expires; a session that renews its token (OIDC) moves this on. */
  expiresAt(): Date;
  /** The bearer token for the next request, renewing it first where the method can; null once it is over. */
  getToken(): Promise<string | null>;
  /**
   * Forgets the tokens here; for OIDC, a sign-out also ends the session at the identity provider
   * (the browser goes there and comes back), while an expiry does not.
   */
  end(reason: SessionEnd): Promise<void>;
}

/** Why the last session ended, so the sign-in page can say so kindly. */
export type SessionEnd = 'signed-out' | 'expired' | 'access-ended' | 'not-invited';
