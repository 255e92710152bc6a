import { ThreadPageCache } from './thread-page-cache';

const MAX_AGE = 5_000;
const PAGE = '51:';

describe(ThreadPageCache.name, () => {
  let sut: ThreadPageCache<string>;

  beforeEach(() => {
    sut = new ThreadPageCache({ maxAgeMs: MAX_AGE, maxEntries: 3, maxWeight: 100 });
    sut.listeningStarted();
  });

  it('should serve a page stored from a read nothing interrupted', () => {
    expect(sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0)).toBe(true);
    expect(sut.lookup('t1', PAGE, 1)).toBe('page of t1');
    expect(sut.lookup('t1', '51:7', 1)).toBeUndefined();
  });

  it('should not store a read whose notice about its thread arrived while it was in flight', () => {
    const ticket = sut.readStarted('t1');
    sut.threadChanged('t1'); // a removal committed after the read's snapshot, or before: the read cannot tell
    expect(sut.store(PAGE, 'stale page of t1', ticket, 0)).toBe(false);
    expect(sut.lookup('t1', PAGE, 1)).toBeUndefined();
  });

  it("should still store a read when only another thread's notice arrived meanwhile", () => {
    const ticket = sut.readStarted('t1');
    sut.threadChanged('t2');
    expect(sut.store(PAGE, 'page of t1', ticket, 0)).toBe(true);
  });

  it('should not store a read that overlapped a notice about every page', () => {
    const ticket = sut.readStarted('t1');
    sut.everythingChanged();
    expect(sut.store(PAGE, 'stale page of t1', ticket, 0)).toBe(false);
  });

  it('should say a ticket is still current until a notice about its thread, or about all, or a stop in listening', () => {
    const ticket = sut.readStarted('t1');
    sut.threadChanged('t2');
    expect(sut.stillCurrent(ticket)).toBe(true);
    sut.threadChanged('t1');
    expect(sut.stillCurrent(ticket)).toBe(false);
    const later = sut.readStarted('t1');
    sut.everythingChanged();
    expect(sut.stillCurrent(later)).toBe(false);
    const last = sut.readStarted('t1');
    sut.listeningStopped();
    expect(sut.stillCurrent(last)).toBe(false);
  });

  it("should forget a thread's pages on its notice, and every page on a notice about all", () => {
    sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0);
    sut.store('51:9', 'later page of t1', sut.readStarted('t1'), 0);
    sut.store(PAGE, 'page of t2', sut.readStarted('t2'), 0);
    sut.threadChanged('t1');
    expect(sut.lookup('t1', PAGE, 1)).toBeUndefined();
    expect(sut.lookup('t1', '51:9', 1)).toBeUndefined();
    expect(sut.lookup('t2', PAGE, 1)).toBe('page of t2');
    sut.everythingChanged();
    expect(sut.lookup('t2', PAGE, 1)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('should neither serve nor store while not listening, and forget what it had', () => {
    sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0);
    const ticket = sut.readStarted('t2');
    sut.listeningStopped();
    expect(sut.usable).toBe(false);
    expect(sut.lookup('t1', PAGE, 1)).toBeUndefined();
    expect(sut.store(PAGE, 'page of t2', ticket, 0)).toBe(false);
    expect(sut.store(PAGE, 'page of t2', sut.readStarted('t2'), 0)).toBe(false);
  });

  it('should not store a read that started before listening (re)started: notices may have been missed', () => {
    sut.listeningStopped();
    const ticket = sut.readStarted('t1');
    sut.listeningStarted();
    expect(sut.store(PAGE, 'page of t1', ticket, 0)).toBe(false);
    // Nor one that started while listening, before a reconnect.
    const before = sut.readStarted('t1');
    sut.listeningStopped();
    sut.listeningStarted();
    expect(sut.store(PAGE, 'page of t1', before, 0)).toBe(false);
    expect(sut.lookup('t1', PAGE, 1)).toBeUndefined();
  });

  it('should stop serving a page once it is max age old', () => {
    sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0);
    expect(sut.lookup('t1', PAGE, MAX_AGE - 1)).toBe('page of t1');
    expect(sut.lookup('t1', PAGE, MAX_AGE)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('should be off with a max age of 0', () => {
    sut = new ThreadPageCache({ maxAgeMs: 0, maxEntries: 3, maxWeight: 100 });
    sut.listeningStarted();
    expect(sut.usable).toBe(false);
    expect(sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0)).toBe(false);
  });

  it('should hold at most maxEntries pages, dropping the least recently used thread first', () => {
    sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0);
    sut.store(PAGE, 'page of t2', sut.readStarted('t2'), 0);
    sut.store(PAGE, 'page of t3', sut.readStarted('t3'), 0);
    sut.lookup('t1', PAGE, 1);
    sut.store(PAGE, 'page of t4', sut.readStarted('t4'), 0);
    expect(sut.size).toBe(3);
    expect(sut.lookup('t2', PAGE, 1)).toBeUndefined();
    expect(sut.lookup('t1', PAGE, 1)).toBe('page of t1');
    expect(sut.lookup('t4', PAGE, 1)).toBe('page of t4');
  });

  it('should keep the text it holds under maxWeight, and not keep a page heavier than that alone', () => {
    sut.store(PAGE, 'page of t1', sut.readStarted('t1'), 0, 60);
    sut.store(PAGE, 'page of t2', sut.readStarted('t2'), 0, 30);
    sut.store(PAGE, 'page of t3', sut.readStarted('t3'), 0, 30);
    expect(sut.lookup('t1', PAGE, 1)).toBeUndefined();
    expect(sut.lookup('t2', PAGE, 1)).toBe('page of t2');
    expect(sut.store(PAGE, 'huge page of t4', sut.readStarted('t4'), 0, 101)).toBe(false);
    sut.threadChanged('t2');
    expect(sut.store(PAGE, 'page of t5', sut.readStarted('t5'), 0, 70)).toBe(true);
    expect(sut.lookup('t3', PAGE, 1)).toBe('page of t3');
  });

  it('should not let an old ticket match again once the per-thread counters are forgotten', () => {
    const ticket = sut.readStarted('t1');
    sut.threadChanged('t1');
    for (let i = 0; i < 50_000; i++) sut.threadChanged(`other-${i}`);
    // t1's counter was dropped with the rest (it would read 0 again, as in the ticket): the global bump still refuses it.
    expect(sut.store(PAGE, 'stale page of t1', ticket, 0)).toBe(false);
  });
});
