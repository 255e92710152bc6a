import { AppConfig } from './app-config';
import { InvalidEnvironmentError } from './env.schema';

const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app@127.0.0.1:5432/forum' };
const OIDC = { OIDC_ISSUER: 'https://idp.example.org/realms/iop', OIDC_CLIENT_ID: 'between-sessions-web', JWT_AUDIENCE: 'https://forum.example.org/graphql' };

/** The problems the environment is refused with, or [] when it is accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    AppConfig.fromEnv(env);
    return [];
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
}

describe('sign-in configuration', () => {
  it('should offer the demo-member picker in development without OIDC', () => {
    const sut = AppConfig.fromEnv({ JWT_SECRET: 'x'.repeat(32) });
    expect(sut.signIn).toEqual({ method: 'dev' });
  });

  it('should never offer the picker in production, even with a development secret set', () => {
    const sut = AppConfig.fromEnv({
      ...PRODUCTION,
      JWT_SECRET: 'x'.repeat(32),
      JWT_JWKS_URL: 'https://idp.example.org/jwks',
      JWT_ISSUER: 'https://idp.example.org/',
      JWT_AUDIENCE: 'forum',
    });
    expect(sut.signIn).toEqual({ method: 'none' });
  });

  it('should sign in through the provider in production, verifying its tokens with keys discovered from the issuer', () => {
    const sut = AppConfig.fromEnv({ ...PRODUCTION, ...OIDC });
    expect(sut.signIn).toEqual({
      method: 'oidc',
      oidc: {
        issuer: OIDC.OIDC_ISSUER,
        clientId: OIDC.OIDC_CLIENT_ID,
        scopes: 'openid offline_access',
        resource: undefined,
        redirectPath: '/sign-in/callback',
        postLogoutRedirectPath: '/',
      },
    });
    expect(sut.auth).toMatchObject({ jwksUrl: undefined, discoveryIssuer: OIDC.OIDC_ISSUER, issuer: OIDC.OIDC_ISSUER, audience: OIDC.JWT_AUDIENCE });
  });

  it('should use a configured JWKS instead of discovering one', () => {
    const sut = AppConfig.fromEnv({ ...PRODUCTION, ...OIDC, JWT_JWKS_URL: 'https://idp.example.org/keys' });
    expect(sut.auth).toMatchObject({ jwksUrl: 'https://idp.example.org/keys', discoveryIssuer: undefined, issuer: OIDC.OIDC_ISSUER });
  });

  it('should take the audience from the resource indicator when JWT_AUDIENCE is unset', () => {
    const sut = AppConfig.fromEnv({ ...PRODUCTION, ...OIDC, JWT_AUDIENCE: '', OIDC_RESOURCE: 'urn:between-sessions:api' });
    expect(sut.auth.audience).toBe('urn:between-sessions:api');
    expect(sut.signIn).toMatchObject({ oidc: { resource: 'urn:between-sessions:api' } });
  });

  it('should refuse OIDC without a client id or an audience, naming both', () => {
    const problems = problemsOf({ ...PRODUCTION, OIDC_ISSUER: OIDC.OIDC_ISSUER });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^OIDC_CLIENT_ID: required/), expect.stringMatching(/^JWT_AUDIENCE: required/)]));
  });

  it('should refuse a JWT_ISSUER that differs from OIDC_ISSUER', () => {
    expect(problemsOf({ ...PRODUCTION, ...OIDC, JWT_ISSUER: 'https://other.example.org/' })).toEqual([
      expect.stringMatching(/^JWT_ISSUER: must equal OIDC_ISSUER/),
    ]);
  });

  it('should refuse a plain-http provider in production unless it is on this machine', () => {
    expect(problemsOf({ ...PRODUCTION, ...OIDC, OIDC_ISSUER: 'http://idp.example.org/' })).toEqual([expect.stringMatching(/^OIDC_ISSUER: must be https/)]);
    expect(problemsOf({ ...PRODUCTION, ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
  });

  it('should refuse scopes without openid, and a resource with a fragment', () => {
    expect(problemsOf({ ...PRODUCTION, ...OIDC, OIDC_SCOPES: 'profile email' })).toEqual([expect.stringMatching(/^OIDC_SCOPES: must include openid/)]);
    expect(problemsOf({ ...PRODUCTION, ...OIDC, OIDC_RESOURCE: 'https://forum.example.org/#api' })).toEqual([
      expect.stringMatching(/^OIDC_RESOURCE: must be an absolute URI/),
    ]);
  });

  it('should refuse OIDC settings that would silently do nothing without OIDC_ISSUER', () => {
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(32), OIDC_CLIENT_ID: 'web' })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_ID: has no effect without OIDC_ISSUER/),
    ]);
  });

  it('should still refuse production with neither a provider nor a JWKS', () => {
    expect(problemsOf({ ...PRODUCTION, JWT_SECRET: 'x'.repeat(32) })).toEqual([expect.stringMatching(/^JWT_JWKS_URL: production verifies tokens/)]);
  });
});

describe('thread-page cache configuration', () => {
  const DEV = { JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://app@127.0.0.1:5432/forum' };

  it('should keep pages a few seconds by default on PostgreSQL', () => {
    expect(AppConfig.fromEnv(DEV).threadPageCache).toEqual({ maxAgeMs: 5_000, maxEntries: 2_000, maxReactions: 2_000 });
  });

  it('should be off with the embedded PGlite and behind a transaction-mode pooler, whatever is set', () => {
    const { DATABASE_URL: _url, ...embedded } = DEV;
    expect(AppConfig.fromEnv({ ...embedded, THREAD_PAGE_CACHE_MS: '3000' }).threadPageCache.maxAgeMs).toBe(0);
    expect(AppConfig.fromEnv({ ...DEV, DATABASE_PREPARED_STATEMENTS: 'false', THREAD_PAGE_CACHE_MS: '3000' }).threadPageCache.maxAgeMs).toBe(0);
    expect(AppConfig.fromEnv({ ...DEV, THREAD_PAGE_CACHE_MS: '0' }).threadPageCache.maxAgeMs).toBe(0);
  });
});
