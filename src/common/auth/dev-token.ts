import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { Role } from '../domain/role.enum';

/** Signs an HS256 development token; used by `npm run token`, the demo and tests. Never in production. */
export async function signDevToken(
  secret: string,
  claims: { sub: string; role: Role | string; name?: string; cohort?: string },
  expiresIn: string | number = '12h',
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(createSecretKey(Buffer.from(secret, 'utf8')));
}
