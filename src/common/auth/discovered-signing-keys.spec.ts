import { discoveredSigningKeys, discoveryUrlOf } from './discovered-signing-keys';

const ISSUER = 'https://idp.example.org/realms/iop';
const HEADER = { alg: 'RS256', kid: 'k1' };
const TOKEN = { payload: '', signature: '' } as never;

/** A fetch that answers the discovery document given, counting calls. */
function fetchAnswering(document: Record<string, unknown>, status = 200) {
  const calls: string[] = [];
  const fetchImpl = (async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify(document), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

describe('discovered signing keys', () => {
  it('should look for the metadata under the issuer, with or without a trailing slash', () => {
    expect(discoveryUrlOf(ISSUER)).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(discoveryUrlOf('https://idp.example.org/')).toBe('https://idp.example.org/.well-known/openid-configuration');
  });

  it('should refuse metadata that names another issuer, so its keys are never used', async () => {
    const { fetchImpl } = fetchAnswering({ issuer: 'https://evil.example.org', jwks_uri: 'https://evil.example.org/jwks' });
    const sut = discoveredSigningKeys(ISSUER, fetchImpl);
    await expect(sut(HEADER, TOKEN)).rejects.toThrow('another issuer');
  });

  it('should refuse a plain-http jwks_uri for an https issuer', async () => {
    const { fetchImpl } = fetchAnswering({ issuer: ISSUER, jwks_uri: 'http://idp.example.org/jwks' });
    await expect(discoveredSigningKeys(ISSUER, fetchImpl)(HEADER, TOKEN)).rejects.toThrow('not https');
  });

  it('should not ask the provider again on every request right after a failed look-up', async () => {
    const { fetchImpl, calls } = fetchAnswering({}, 503);
    const sut = discoveredSigningKeys(ISSUER, fetchImpl);
    await expect(sut(HEADER, TOKEN)).rejects.toThrow('503');
    await expect(sut(HEADER, TOKEN)).rejects.toThrow('failed recently');
    expect(calls).toHaveLength(1);
  });
});
