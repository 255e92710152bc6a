/**
 * The shared part of thread pages, per API process (issue #16): what a viewer who sees only
 * PUBLISHED posts is shown, kept for a few seconds so that most reads of a busy thread send no
 * statement. Post text stays in this process's memory; it never goes to Redis.
 *
 * An entry is trusted only while PostgreSQL's change notices can be heard
 * (ThreadPageChanges: triggers NOTIFY on every write a page is read from):
 *
 * - nothing is served or stored unless the process is listening now; starting or stopping to
 *   listen empties the cache (notices may have been missed meanwhile);
 * - every notice (a thread's, or '*' for all) bumps a generation, per thread or global; a read
 *   takes a ticket with the generations before its statement and its result is stored only if
 *   none changed when it returns: a read whose snapshot predates a removal is never stored after
 *   the removal's notice arrived;
 * - an entry is at most `maxAgeMs` old, which bounds what a notice lost on a half-open connection
 *   can cost, and there are at most `maxEntries` weighing `maxWeight` in all (their text's
 *   length), the least recently used thread dropped first.
 *
 * Pure state, no I/O: the rules above are unit-tested directly (thread-page-cache.spec.ts).
 */
export class ThreadPageCache<E> {
  /** Entries by thread, then by page ("limit:afterSeq"); Map order is least recently used first. */
  private readonly threads = new Map<string, Map<string, { entry: E; expiresAt: number; weight: number }>>();
  private entryCount = 0;
  /** The sum of the entries' weights (their text's length): pages of long posts fill memory sooner than their number says. */
  private weight = 0;
  /** Bumped by each notice about the thread; forgotten (with a global bump) when it grows too large. */
  private readonly threadGenerations = new Map<string, number>();
  /** Bumped by every '*' notice and every start or stop of listening. */
  private globalGeneration = 0;
  private listening = false;

  constructor(private readonly limits: { maxAgeMs: number; maxEntries: number; maxWeight: number }) {}

  /** Whether the cache may be used at all now (listening, and not switched off). */
  get usable(): boolean {
    return this.listening && this.limits.maxAgeMs > 0;
  }

  /** Taken before the database read whose result `store` may keep. */
  readStarted(threadId: string): PageReadTicket {
    return { threadId, global: this.usable ? this.globalGeneration : null, thread: this.threadGenerations.get(threadId) ?? 0 };
  }

  lookup(threadId: string, page: string, now: number): E | undefined {
    if (!this.usable) return undefined;
    const pages = this.threads.get(threadId);
    const found = pages?.get(page);
    if (!pages || !found) return undefined;
    if (found.expiresAt <= now) {
      this.remove(threadId, page);
      return undefined;
    }
    // Most recently used goes last.
    this.threads.delete(threadId);
    this.threads.set(threadId, pages);
    return found.entry;
  }

  /**
   * Keeps a page read under `ticket`, unless anything about it may have changed since the ticket
   * was taken (or it alone outweighs the whole cache). Returns whether it was kept.
   */
  store(page: string, entry: E, ticket: PageReadTicket, now: number, weight = 0): boolean {
    if (!this.stillCurrent(ticket)) return false;
    if (weight > this.limits.maxWeight) return false;
    this.remove(ticket.threadId, page);
    while ((this.entryCount >= this.limits.maxEntries || this.weight + weight > this.limits.maxWeight) && this.threads.size > 0) {
      const oldest = this.threads.keys().next().value as string;
      this.forgetThread(oldest);
    }
    let pages = this.threads.get(ticket.threadId);
    if (!pages) {
      pages = new Map();
      this.threads.set(ticket.threadId, pages);
    }
    pages.set(page, { entry, expiresAt: now + this.limits.maxAgeMs, weight });
    this.entryCount += 1;
    this.weight += weight;
    return true;
  }

  /**
   * Whether nothing about the ticket's thread may have changed since it was taken: what was read
   * under it may be added to an entry (a viewer's own reactions kept beside the shared page).
   */
  stillCurrent(ticket: PageReadTicket): boolean {
    return this.usable && ticket.global === this.globalGeneration && ticket.thread === (this.threadGenerations.get(ticket.threadId) ?? 0);
  }

  /** A notice: something a page of this thread shows changed (committed). */
  threadChanged(threadId: string): void {
    if (this.threadGenerations.size >= MAX_GENERATIONS) {
      // Forgetting the counters would let an old ticket match again: the global bump rules that out.
      this.threadGenerations.clear();
      this.everythingChanged();
    }
    this.threadGenerations.set(threadId, (this.threadGenerations.get(threadId) ?? 0) + 1);
    this.forgetThread(threadId);
  }

  /** A '*' notice (a space, a member's name or role, an erasure): every page may be stale. */
  everythingChanged(): void {
    this.globalGeneration += 1;
    this.threads.clear();
    this.entryCount = 0;
    this.weight = 0;
  }

  /** LISTEN confirmed: from now on notices are heard. What was cached before may have missed some. */
  listeningStarted(): void {
    this.everythingChanged();
    this.listening = true;
  }

  /** The listening connection failed or ended: nothing is served or stored until it is back. */
  listeningStopped(): void {
    this.listening = false;
    this.everythingChanged();
  }

  get size(): number {
    return this.entryCount;
  }

  private forgetThread(threadId: string): void {
    const pages = this.threads.get(threadId);
    if (!pages) return;
    this.entryCount -= pages.size;
    for (const { weight } of pages.values()) this.weight -= weight;
    this.threads.delete(threadId);
  }

  private remove(threadId: string, page: string): void {
    const pages = this.threads.get(threadId);
    const found = pages?.get(page);
    if (!pages || !found) return;
    pages.delete(page);
    this.entryCount -= 1;
    this.weight -= found.weight;
    if (pages.size === 0) this.threads.delete(threadId);
  }
}

/** Generation counters kept per thread before they are all forgotten at once (a global bump). */
const MAX_GENERATIONS = 50_000;

export interface PageReadTicket {
  readonly threadId: string;
  /** null when the cache was not usable as the read started: its result is never stored. */
  readonly global: number | null;
  readonly thread: number;
}
