import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WatchedWordEntity } from './entities/watched-word.entity';
import type { WatchedWordEntry } from './pipeline/watched-words';

/** An admin's change reaches every worker within this long, without a query per post. */
export const WATCHED_WORDS_CACHE_MS = 10_000;

/** The admin-managed watched words, read from PostgreSQL and kept for a few seconds. */
@Injectable()
export class WatchedWordsCache {
  private cached: { entries: readonly WatchedWordEntry[]; loadedAt: number } | null = null;
  private loading: Promise<readonly WatchedWordEntry[]> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const rows = await this.dataSource.getRepository(WatchedWordEntity).find({ select: { id: true, term: true, action: true }, order: { term: 'ASC' } });
    const entries = rows.map((row) => ({ id: row.id, term: row.term, action: row.action }));
    this.cached = { entries, loadedAt: Date.now() };
    return entries;
  }
}
