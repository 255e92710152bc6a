import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey, KeyLike } from 'jose';
import { AppConfig } from '../../config/app-config';
import { Role } from '../domain/role.enum';
import { AppError } from '../errors/app-error';

export interface VerifiedClaims {
  sub: string;
  role: Role;
  name?: string;
  cohort?: string;
}

const ROLES = new Set<string>(Object.values(Role));
const MAX_TOKEN_LENGTH = 8_192;

/**
 * Verifies bearer tokens: HS256 with JWT_SECRET in development and tests, the identity provider's
 * JWKS (RS256 / ES256, issuer and audience checked) in production. Every failure is the same
 * UNAUTHENTICATED error, so a caller learns nothing about why.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: KeyLike | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: AppConfig) {
    const { jwksUrl, secret } = config.auth;
    if (jwksUrl) {
      this.key = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
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
    let payload: JWTPayload;
    try {
      // Two branches so the overloads of jwtVerify type-check for a static key and a key set.
      const options = {
        algorithms: this.algorithms,
        issuer: this.config.auth.jwksUrl ? this.config.auth.issuer : undefined,
        audience: this.config.auth.jwksUrl ? this.config.auth.audience : undefined,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch {
      throw AppError.unauthenticated('Your session is not valid. Sign in again.');
    }
    return parseClaims(payload);
  }
}

function parseClaims(payload: JWTPayload): VerifiedClaims {
  const { sub, role, name, cohort } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) throw AppError.unauthenticated();
  if (typeof role !== 'string' || !ROLES.has(role)) throw AppError.unauthenticated('Your session is not valid. Sign in again.');
  return {
    sub,
    role: role as Role,
    name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 60) : undefined,
    cohort: typeof cohort === 'string' && cohort.trim() ? cohort.trim().slice(0, 60) : undefined,
  };
}
