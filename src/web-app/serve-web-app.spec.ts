import { AppConfig } from '../config/app-config';
import { webAppContentSecurityPolicy } from './serve-web-app';

const IDP = 'https://idp.example.org';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
}

describe("the web app's content security policy", () => {
  const oidcProduction = AppConfig.fromEnv({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://app@127.0.0.1:5432/forum',
    PUBLIC_BASE_URL: 'https://forum.example.org',
    OIDC_ISSUER: `${IDP}/realms/iop`,
    OIDC_CLIENT_ID: 'between-sessions-web',
    JWT_AUDIENCE: 'https://forum.example.org/graphql',
  });

  it("should let pages reach the provider's origin for discovery and tokens, and frame it for silent renewal", () => {
    const sut = directives(webAppContentSecurityPolicy(oidcProduction));
    expect(sut.get('connect-src')).toBe(`'self' ${IDP}`);
    expect(sut.get('frame-src')).toBe(`'self' ${IDP}`);
    expect(sut.get('script-src')).toBe("'self'");
    expect(sut.has('upgrade-insecure-requests')).toBe(true);
  });

  it('should let only the sign-in callback page be framed, and only by the app itself', () => {
    expect(directives(webAppContentSecurityPolicy(oidcProduction)).get('frame-ancestors')).toBe("'none'");
    expect(directives(webAppContentSecurityPolicy(oidcProduction, { forCallback: true })).get('frame-ancestors')).toBe("'self'");
  });

  it('should allow no frames and no framing at all without OIDC', () => {
    const dev = AppConfig.fromEnv({ JWT_SECRET: 'x'.repeat(32) });
    const sut = directives(webAppContentSecurityPolicy(dev, { forCallback: true }));
    expect(sut.has('frame-src')).toBe(false);
    expect(sut.get('default-src')).toBe("'self'");
    expect(sut.get('frame-ancestors')).toBe("'none'");
  });

  it('should not upgrade requests where the app itself is served over plain http', () => {
    const local = AppConfig.fromEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/forum',
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_CLIENT_ID: 'web',
      JWT_AUDIENCE: 'api',
    });
    expect(directives(webAppContentSecurityPolicy(local)).has('upgrade-insecure-requests')).toBe(false);
  });
});
