import { Injectable } from '@nestjs/common';
import type { WatchedWordEntry } from './pipeline/watched-words';
import { ScreeningRepository } from './screening.repository';

/** An admin's change reaches every worker within this long, without a query per post. */
export const WATCHED_WORDS_CACHE_MS = 10_000;

/** The admin-managed watched words, read from PostgreSQL and kept for a few seconds. */
@Injectable()
export class WatchedWordsCache {
  private cached: { entries: readonly WatchedWordEntry[]; loadedAt: number } | null = null;
  private loading: Promise<readonly WatchedWordEntry[]> | null = null;

  constructor(private readonly screenings: ScreeningRepository) {}

  async list(): Promise<readonly WatchedWordEntry[]> {
    if (this.cached && Date.now() - this.cached.loadedAt < WATCHED_WORDS_CACHE_MS) return this.cached.entries;
    // Concurrent jobs share one query instead of each reading the table.
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Forgets the cached list (an admin changed it in this process). */
  invalidate(): void {
    this.cached = null;
  }

  private async load(): Promise<readonly WatchedWordEntry[]> {
    const entries = await this.screenings.watchedWordEntries();
    this.cached = { entries, loadedAt: Date.now() };
    return entries;
  }
}
