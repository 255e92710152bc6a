/**
 * What one process remembers about members it has seen, and when it may trust that memory
 * without asking the database whether the member was discharged since.
 *
 * Every process listens to one channel on which any process announces, after commit, that a
 * member's access changed (discharge, erasure) or that everyone's cached view is stale. A cached
 * entry is trusted, and a request served with no discharge check, only when all of these hold:
 *
 * - the process is listening now (subscribed, not reconnecting);
 * - the entry was written, or last confirmed against the database, during the current listening
 *   session: a reconnect starts a new session, so whatever was cached before it (when messages
 *   may have been missed) is checked against the database once more before it is trusted again;
 * - no announcement arrived while that database read was in flight (the read may predate the
 *   change it announces);
 * - the entry is younger than its time to live. That bounds what a lost message can cost: a
 *   member discharged while this process believed it was listening (a half-open connection, a
 *   publisher that could not reach Redis) is served from here for at most `ttlMs` after the
 *   read that cached them, then the next request reads the row again.
 *
 * Anything else falls back to the per-request database check, as before the channel existed.
 * Pure state, no I/O, so the rules above are unit-tested directly.
 */
export class CachedViewers<V extends { memberId: string }> {
  private readonly entries = new Map<string, { viewer: V; expiresAt: number; trustedInSession: number | null }>();
  /** Grows by one each time listening (re)starts; entries from an earlier session are not trusted. */
  private session = 0;
  private listening = false;
  /** Grows by one with every announcement, so a read that overlapped one is not trusted. */
  private announcements = 0;

  constructor(private readonly limits: { ttlMs: number; maxEntries: number }) {}

  /** Taken before a database read; `store` or `confirm` with it trusts the result only if nothing changed meanwhile. */
  readStarted(): ReadTicket {
    return { session: this.listening ? this.session : null, announcements: this.announcements };
  }

  /** The cached viewer, and whether it may be served without checking the database for discharge. */
  lookup(key: string, now: number): { viewer: V; trusted: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return { viewer: entry.viewer, trusted: this.listening && entry.trustedInSession === this.session };
  }

  /** Caches a viewer just read from the database (and found not discharged). */
  store(key: string, viewer: V, ticket: ReadTicket, now: number): void {
    if (this.entries.size >= this.limits.maxEntries) this.entries.clear();
    this.entries.set(key, { viewer, expiresAt: now + this.limits.ttlMs, trustedInSession: this.sessionIfUnchanged(ticket) });
  }

  /** The database just said this cached viewer is not discharged: trust the entry for the rest of its life. */
  confirm(key: string, ticket: ReadTicket): void {
    const entry = this.entries.get(key);
    const session = this.sessionIfUnchanged(ticket);
    if (entry && session !== null) entry.trustedInSession = session;
  }

  /** Subscribed (again): entries from before stay cached but are checked once more before they are trusted. */
  listeningStarted(): void {
    this.session += 1;
    this.listening = true;
  }

  /** The connection dropped (or is not up yet): announcements may be missed, so nothing is trusted. */
  listeningStopped(): void {
    this.listening = false;
  }

  /** An announcement, from this process or another: the member's next request reads their row again. */
  memberChanged(memberId: string): void {
    this.announcements += 1;
    for (const [key, entry] of this.entries) if (entry.viewer.memberId === memberId) this.entries.delete(key);
  }

  /** An announcement that every cached view is stale (a pseudonym changed, a member was erased). */
  everyoneChanged(): void {
    this.announcements += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private sessionIfUnchanged(ticket: ReadTicket): number | null {
    const unchanged = this.listening && ticket.session === this.session && ticket.announcements === this.announcements;
    return unchanged ? this.session : null;
  }
}

export interface ReadTicket {
  readonly session: number | null;
  readonly announcements: number;
}
