import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';
import { TEST_JWT_SECRET } from '../utils/environment';

const ME = '{ me { id role displayName } }';
const AUDIENCE = 'urn:between-sessions:api';

/**
 * The two halves of a provider the API relies on, served for real on 127.0.0.1: the discovery
 * document and the JWKS it names. Tokens are RS256 JWTs signed with the provider's key, as the
 * provider's token endpoint would issue them (the browser test gets its tokens from a full
 * OpenID provider; this one lets a test sign exactly the wrong token it needs).
 */
interface KeyServer {
  issuer: string;
  sign(claims: JWTPayload, options?: { key?: KeyLike; kid?: string; issuer?: string; audience?: string; alg?: string }): Promise<string>;
  discoveryRequests: number;
  close(): Promise<void>;
}

async function startKeyServer(): Promise<KeyServer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'provider-key', alg: 'RS256', use: 'sig' };
  const state = { discoveryRequests: 0 };
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      state.discoveryRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    get discoveryRequests() {
      return state.discoveryRequests;
    },
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', typ: 'at+jwt', kid: options.kid ?? 'provider-key' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(options.key ?? privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('foundation: production sign-in through the identity provider', () => {
  let provider: KeyServer;
  let otherProvider: KeyServer;
  let app: TestApp;

  beforeAll(async () => {
    provider = await startKeyServer();
    otherProvider = await startKeyServer();
    // JWT_SECRET stays set (testEnv sets it): production must ignore it.
    app = await startTestApp({
      role: 'api',
      env: { NODE_ENV: 'production', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'between-sessions-web', OIDC_RESOURCE: AUDIENCE },
    });
  });

  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await otherProvider?.close();
  });

  const refused = async (token: string) => {
    const res = await app.gql(ME, {}, token);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data?.me ?? null).toBeNull();
  };

  it("should accept the provider's access token, its JWKS discovered from the issuer, with the role it carries and the staff name with that role", async () => {
    const token = await provider.sign({ sub: uniqueSub('oidc'), role: Role.PEER_SPECIALIST, name: 'River' });
    const res = await app.gql<{ me: { role: string; displayName: string } }>(ME, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toMatchObject({ role: Role.PEER_SPECIALIST, displayName: 'River (peer specialist)' });
    expect(provider.discoveryRequests).toBeGreaterThan(0);
  });

  it('should refuse a token for another audience (another API, or the web client id of an ID token)', async () => {
    await refused(await provider.sign({ sub: uniqueSub('aud'), role: Role.CLIENT }, { audience: 'urn:another-api' }));
    await refused(await provider.sign({ sub: uniqueSub('aud'), role: Role.CLIENT }, { audience: 'between-sessions-web' }));
  });

  it('should refuse a token from another issuer, whether signed with its own key or claiming ours', async () => {
    await refused(await otherProvider.sign({ sub: uniqueSub('iss'), role: Role.ADMIN }));
    await refused(await otherProvider.sign({ sub: uniqueSub('iss'), role: Role.ADMIN }, { issuer: provider.issuer }));
    await refused(await provider.sign({ sub: uniqueSub('iss'), role: Role.ADMIN }, { issuer: otherProvider.issuer }));
  });

  it('should refuse a development token signed with JWT_SECRET, and a provider token without a role', async () => {
    await refused(await signDevToken(TEST_JWT_SECRET, { sub: uniqueSub('dev'), role: Role.ADMIN }));
    await refused(await provider.sign({ sub: uniqueSub('norole') }));
  });

  it('should tell the web app to sign in through the provider, with public values only', async () => {
    const res = await request(app.url.replace(/\/graphql$/, '')).get('/auth/config');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      method: 'oidc',
      oidc: {
        issuer: provider.issuer,
        clientId: 'between-sessions-web',
        scopes: 'openid offline_access',
        resource: AUDIENCE,
        redirectPath: '/sign-in/callback',
        postLogoutRedirectPath: '/',
      },
    });
    expect(JSON.stringify(res.body)).not.toContain(TEST_JWT_SECRET);
  });
});

describe('foundation: development sign-in settings', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should tell the web app to offer the demo-member picker outside production', async () => {
    const res = await request(app.url.replace(/\/graphql$/, '')).get('/auth/config');
    expect(res.body).toEqual({ method: 'dev' });
  });
});
