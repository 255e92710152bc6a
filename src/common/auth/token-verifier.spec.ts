import { AppConfig } from '../../config/app-config';
import { Role } from '../domain/role.enum';
import { signDevToken } from './dev-token';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-development-secret-of-enough-length-0123456789';

describe('TokenVerifier', () => {
  const config = { auth: { secret: SECRET } } as unknown as AppConfig;

  afterEach(() => jest.useRealTimers());

  it('should answer a token it verified before with the same claims', async () => {
    const sut = new TokenVerifier(config);
    const token = await signDevToken(SECRET, { sub: 'alice', role: Role.CLIENT, name: 'Sky' });
    const first = await sut.verify(token);
    expect(await sut.verify(token)).toEqual(first);
    expect(first).toMatchObject({ sub: 'alice', role: Role.CLIENT, name: 'Sky' });
  });

  it('should still refuse a tampered copy of a token it remembers', async () => {
    const sut = new TokenVerifier(config);
    const token = await signDevToken(SECRET, { sub: 'alice', role: Role.CLIENT });
    await sut.verify(token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'alice', role: Role.ADMIN, exp: 4_000_000_000 })).toString('base64url')}.${signature}`;
    await expect(sut.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('should not reuse a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const sut = new TokenVerifier(config);
    const token = await signDevToken(SECRET, { sub: 'alice', role: Role.CLIENT }, '30s');
    await sut.verify(token);
    // Past exp and the 5 s clock tolerance, but inside the 60 s a verified token is remembered.
    jest.setSystemTime(new Date('2026-12-02T12:00:40Z'));
    await expect(sut.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
