import pino from 'pino';
import { Role } from '../domain/role.enum';
import { RequestContext } from '../auth/viewer';
import { subscriptionSocketOptions } from './subscription-socket';

const DAY_MS = 24 * 60 * 60 * 1000;

type Hooks = {
  onConnect(ctx: unknown): Promise<boolean>;
  onClose(ctx: unknown): void;
};

function contextExpiringAt(tokenExpiresAt: Date): RequestContext {
  return {
    requestId: 'r',
    loaders: new Map(),
    viewer: { memberId: 'm', sub: 's', role: Role.PEER_SPECIALIST, displayName: 'P', cohort: null, moderatedSpaceIds: [], tokenExpiresAt },
  };
}

describe('subscriptionSocketOptions', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  function socketFor(expiresInMs: number) {
    const sut = subscriptionSocketOptions({
      authenticate: () => Promise.resolve(contextExpiringAt(new Date(Date.now() + expiresInMs))),
      formatError: (error) => error.toJSON(),
      validationRules: () => [],
      stillAdmitted: () => Promise.resolve(true),
      logger: pino({ level: 'silent' }),
    }) as Hooks;
    const close = jest.fn();
    const ctx = { connectionParams: { authorization: 'Bearer t' }, extra: { socket: { close }, request: { headers: {} } } };
    return { sut, ctx, close };
  }

  it('should close the socket with 4403 when a 30-day token expires, not before (longer than one timer can wait)', async () => {
    const { sut, ctx, close } = socketFor(30 * DAY_MS);
    expect(await sut.onConnect(ctx)).toBe(true);
    jest.advanceTimersByTime(30 * DAY_MS - 1000);
    expect(close).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1000);
    expect(close).toHaveBeenCalledWith(4403, expect.any(String));
  });

  it('should refuse a socket whose token has already expired', async () => {
    const { sut, ctx, close } = socketFor(0);
    expect(await sut.onConnect(ctx)).toBe(false);
    jest.advanceTimersByTime(DAY_MS);
    expect(close).not.toHaveBeenCalled();
  });

  it('should forget the expiry of a socket the client closed', async () => {
    const { sut, ctx, close } = socketFor(DAY_MS);
    await sut.onConnect(ctx);
    sut.onClose(ctx);
    jest.advanceTimersByTime(2 * DAY_MS);
    expect(close).not.toHaveBeenCalled();
  });
});
