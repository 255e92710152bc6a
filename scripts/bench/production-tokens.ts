/**
 * Production mode for the benchmarks (`--production`): the API and worker run with
 * NODE_ENV=production and verify tokens as a deployment does, RS256 against an identity
 * provider's JWKS (src/common/auth/token-verifier.ts), issuer and audience checked. The
 * "provider" here is a key pair made for the run and its public JWK served on 127.0.0.1; the
 * bench signs its members' tokens with the private key (tokenFor in harness.ts).
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '../../src/common/domain/role.enum';

const ISSUER = 'http://127.0.0.1/bench-identity-provider';
const AUDIENCE = 'between-sessions-bench-api';
const KEY_ID = 'bench-rs256';

export interface ProductionSigner {
  /** What the API and worker need to verify the tokens (NODE_ENV=production, JWT_JWKS_URL, issuer, audience). */
  env: Record<string, string>;
  sign(claims: { sub: string; role: Role; name?: string }, expiresIn: string): Promise<string>;
  close(): Promise<void>;
}

export async function startProductionSigner(): Promise<ProductionSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { NODE_ENV: 'production', JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE },
    sign: ({ sub, ...rest }, expiresIn) =>
      new SignJWT({ ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
