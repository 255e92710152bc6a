import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey, KeyLike } from 'jose';
import { AppConfig } from '../../config/app-config';
import { Role } from '../domain/role.enum';
import { AppError } from '../errors/app-error';
import { stripUnsafeChars } from '../text/unsafe-characters';
import { discoveredSigningKeys } from './discovered-signing-keys';

export interface VerifiedClaims {
  sub: string;
  role: Role;
  name?: string;
  cohort?: string;
  /** The token's `exp`: every token has one (verification requires it). */
  expiresAt: Date;
}

const ROLES = new Set<string>(Object.values(Role));
const MAX_TOKEN_LENGTH = 8_192;
const MAX_CLAIM_TEXT = 60;
/**
 * A verified token is remembered for at most this long (and never past its exp): an RS256
 * signature check was ~0.6 ms of API CPU per request, ~8% of a thread read, for a token a client
 * sends again and again. The bound is how long a key withdrawn from the JWKS keeps working.
 */
const VERIFIED_TTL_MS = 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Controls and unpaired surrogates: PostgreSQL cannot store NUL, and the driver turns a lone
 * surrogate into U+FFFD, so two different subjects could become one member.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE_SUBJECT = /[\u0000-\u001f\u007f-\u009f]|\p{Surrogate}/u;

/**
 * Verifies bearer tokens: HS256 with JWT_SECRET in development and tests, the identity provider's
 * JWKS (RS256 / ES256, issuer and audience checked) in production and wherever OIDC sign-in is
 * configured; the JWKS is JWT_JWKS_URL or discovered from OIDC_ISSUER. Every failure is the same
 * UNAUTHENTICATED error, so a caller learns nothing about why.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: KeyLike | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /** Issuer and audience to require: the provider's tokens only (a development secret signs no such claims). */
  private readonly expected: { issuer?: string; audience?: string };
  /** Exact token text -> its claims and until when they may be reused; oldest first (a Map keeps insertion order). */
  private readonly verified = new Map<string, { claims: VerifiedClaims; until: number }>();

  constructor(config: AppConfig) {
    const { jwksUrl, discoveryIssuer, secret, issuer, audience } = config.auth;
    this.expected = jwksUrl || discoveryIssuer ? { issuer, audience } : {};
    // The schema requires both; a provider's token without these checks would be valid for any API it serves.
    if ((jwksUrl || discoveryIssuer) && (!issuer || !audience)) throw new Error('Verifying provider tokens needs an issuer and an audience.');
    if (jwksUrl) {
      this.key = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
      this.algorithms = ['RS256', 'ES256'];
    } else if (discoveryIssuer) {
      this.key = discoveredSigningKeys(discoveryIssuer);
      this.algorithms = ['RS256', 'ES256'];
    } else if (secret) {
      this.key = createSecretKey(Buffer.from(secret, 'utf8'));
      this.algorithms = ['HS256'];
    } else {
      throw new Error('No token verification key configured (JWT_SECRET or JWT_JWKS_URL).');
    }
  }

  async verify(token: string): Promise<VerifiedClaims> {
    if (token.length > MAX_TOKEN_LENGTH) throw AppError.unauthenticated();
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.claims;
    if (known) this.verified.delete(token);
    const claims = Object.freeze(await this.verifySignature(token));
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    // Only successes are kept: a refused token is checked again (and refused again) every time.
    this.verified.set(token, { claims, until: Math.min(now + VERIFIED_TTL_MS, claims.expiresAt.getTime()) });
    return claims;
  }

  private async verifySignature(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      // Two branches so the overloads of jwtVerify type-check for a static key and a key set.
      const options = {
        algorithms: this.algorithms,
        issuer: this.expected.issuer,
        audience: this.expected.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      };
      payload = typeof this.key === 'function' ? (await jwtVerify(token, this.key, options)).payload : (await jwtVerify(token, this.key, options)).payload;
    } catch {
      throw AppError.unauthenticated('Your session is not valid. Sign in again.');
    }
    return parseClaims(payload);
  }
}

/** One line of claim text as it is stored (display name, cohort); undefined when nothing is left of it. */
function claimText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = stripUnsafeChars(value).replace(/\s+/g, ' ').trim().slice(0, MAX_CLAIM_TEXT).trim();
  return text || undefined;
}

function parseClaims(payload: JWTPayload): VerifiedClaims {
  const { sub, role, name, cohort, exp } = payload as JWTPayload & Record<string, unknown>;
  // The subject is an identity: refused rather than cleaned, so no two subjects ever meet in one member.
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255 || UNSTORABLE_SUBJECT.test(sub))
    throw AppError.unauthenticated('Your session is not valid. Sign in again.');
  if (typeof role !== 'string' || !ROLES.has(role)) throw AppError.unauthenticated('Your session is not valid. Sign in again.');
  if (typeof exp !== 'number') throw AppError.unauthenticated('Your session is not valid. Sign in again.');
  return { sub, role: role as Role, name: claimText(name), cohort: claimText(cohort), expiresAt: new Date(exp * 1000) };
}
