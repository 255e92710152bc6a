import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';

/** How long the API waits for the provider's metadata, and how long after a failure before it asks again. */
const DISCOVERY_TIMEOUT_MS = 5_000;
const DISCOVERY_RETRY_AFTER_MS = 10_000;

/** OpenID Connect Discovery 1.0, section 4: the issuer without a trailing slash, then the well-known path. */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

/**
 * The provider's signing keys, found through its discovery document (`jwks_uri`) the first time a
 * token needs them rather than at boot: the API starts, and serves its health checks, while the
 * provider is unreachable. The document must name exactly the configured issuer (section 4.3), so a
 * wrong or hijacked metadata address cannot swap in another provider's keys. A failed look-up is
 * retried after a pause, not on every request.
 */
export function discoveredSigningKeys(issuer: string, fetchImpl: typeof fetch = fetch): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failedAt = 0;
  const load = async (): Promise<JWTVerifyGetKey> => {
    const res = await fetchImpl(discoveryUrlOf(issuer), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    const metadata = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (metadata.issuer !== issuer) throw new Error('discovery names another issuer');
    if (typeof metadata.jwks_uri !== 'string') throw new Error('discovery names no jwks_uri');
    const jwksUrl = new URL(metadata.jwks_uri);
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== new URL(issuer).protocol) throw new Error('jwks_uri is not https');
    return createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, timeoutDuration: DISCOVERY_TIMEOUT_MS });
  };
  return async (header, token) => {
    if (!keys) {
      if (Date.now() - failedAt < DISCOVERY_RETRY_AFTER_MS) throw new Error('identity provider discovery failed recently');
      keys = load().catch((error: unknown) => {
        keys = undefined;
        failedAt = Date.now();
        throw error;
      });
    }
    return (await keys)(header, token);
  };
}
