import { CachedViewers } from './cached-viewers';

const TTL = 60_000;
const alice = { memberId: 'm-alice' };
const bob = { memberId: 'm-bob' };

describe(CachedViewers.name, () => {
  let sut: CachedViewers<{ memberId: string }>;

  beforeEach(() => {
    sut = new CachedViewers({ ttlMs: TTL, maxEntries: 100 });
  });

  /** Listening, with Alice cached from a read that nothing interrupted. */
  function listeningWithAlice(): void {
    sut.listeningStarted();
    sut.store('alice', alice, sut.readStarted(), 0);
  }

  it('should trust an entry read while listening, with no announcement meanwhile', () => {
    listeningWithAlice();
    expect(sut.lookup('alice', 1)).toEqual({ viewer: alice, trusted: true });
  });

  it('should not trust anything before listening has started', () => {
    sut.store('alice', alice, sut.readStarted(), 0);
    expect(sut.lookup('alice', 1)).toEqual({ viewer: alice, trusted: false });
  });

  it('should not trust an entry while listening is stopped, and trust it again only once confirmed in a new session', () => {
    listeningWithAlice();
    sut.listeningStopped();
    expect(sut.lookup('alice', 1)?.trusted).toBe(false);

    sut.listeningStarted();
    // Cached before the reconnect: announcements may have been missed while it was down.
    expect(sut.lookup('alice', 2)?.trusted).toBe(false);
    sut.confirm('alice', sut.readStarted());
    expect(sut.lookup('alice', 3)?.trusted).toBe(true);
  });

  it('should not trust a read that started before listening did', () => {
    const ticket = sut.readStarted();
    sut.listeningStarted();
    sut.store('alice', alice, ticket, 0);
    expect(sut.lookup('alice', 1)?.trusted).toBe(false);
  });

  it('should not trust a read that overlapped an announcement, even about someone else', () => {
    sut.listeningStarted();
    const ticket = sut.readStarted();
    sut.memberChanged(bob.memberId);
    sut.store('alice', alice, ticket, 0);
    expect(sut.lookup('alice', 1)?.trusted).toBe(false);
  });

  it('should not trust a read that overlapped a reconnect', () => {
    sut.listeningStarted();
    const ticket = sut.readStarted();
    sut.listeningStopped();
    sut.listeningStarted();
    sut.store('alice', alice, ticket, 0);
    sut.confirm('alice', ticket);
    expect(sut.lookup('alice', 1)?.trusted).toBe(false);
  });

  it("should drop every entry of the announced member, and no one else's", () => {
    listeningWithAlice();
    sut.store('alice-renamed-token', alice, sut.readStarted(), 0);
    sut.store('bob', bob, sut.readStarted(), 0);
    sut.memberChanged(alice.memberId);
    expect(sut.lookup('alice', 1)).toBeUndefined();
    expect(sut.lookup('alice-renamed-token', 1)).toBeUndefined();
    expect(sut.lookup('bob', 1)).toEqual({ viewer: bob, trusted: true });
  });

  it('should drop everyone on an announcement about everyone', () => {
    listeningWithAlice();
    sut.store('bob', bob, sut.readStarted(), 0);
    sut.everyoneChanged();
    expect(sut.size).toBe(0);
  });

  it('should forget a trusted entry once its time to live is over, so a lost announcement costs at most the TTL', () => {
    listeningWithAlice();
    expect(sut.lookup('alice', TTL - 1)?.trusted).toBe(true);
    expect(sut.lookup('alice', TTL)).toBeUndefined();
  });

  it('should not extend the time to live when an entry is confirmed', () => {
    listeningWithAlice();
    sut.listeningStopped();
    sut.listeningStarted();
    sut.confirm('alice', sut.readStarted());
    expect(sut.lookup('alice', TTL)).toBeUndefined();
  });

  it('should start over when full rather than grow without bound', () => {
    sut = new CachedViewers({ ttlMs: TTL, maxEntries: 2 });
    sut.listeningStarted();
    sut.store('a', alice, sut.readStarted(), 0);
    sut.store('b', bob, sut.readStarted(), 0);
    sut.store('c', bob, sut.readStarted(), 0);
    expect(sut.size).toBe(1);
    expect(sut.lookup('c', 1)?.trusted).toBe(true);
  });
});
