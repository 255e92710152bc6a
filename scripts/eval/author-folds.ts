/**
 * Author-grouped folds for cross-validation: every post of one author lands in the same fold, so
 * a model (or a pattern) that learned an author's wording in training cannot score on that author
 * again in the test fold. Folds are balanced greedily on authors with a moderate+ post first, then
 * on posts, in an order fixed by a seeded shuffle: the same folds on every machine and every run.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FoldInput {
  readonly id: string;
  readonly author: string;
  readonly positive: boolean;
}

/** Fold number (0..folds-1) per row id. */
export function authorFolds(rows: readonly FoldInput[], folds: number, seed: number): Map<string, number> {
  const byAuthor = new Map<string, { posts: number; positives: number }>();
  for (const row of rows) {
    const entry = byAuthor.get(row.author) ?? { posts: 0, positives: 0 };
    entry.posts++;
    if (row.positive) entry.positives++;
    byAuthor.set(row.author, entry);
  }
  const random = seededRandom(seed);
  const authors = [...byAuthor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([author, counts]) => ({ author, ...counts, tieBreak: random() }))
    // Big authors first (they are the hard ones to balance), ties in the seeded order.
    .sort((a, b) => b.positives - a.positives || b.posts - a.posts || a.tieBreak - b.tieBreak);

  const load = Array.from({ length: folds }, () => ({ posts: 0, positives: 0, positiveAuthors: 0 }));
  const foldOfAuthor = new Map<string, number>();
  for (const author of authors) {
    let best = 0;
    for (let fold = 1; fold < folds; fold++) {
      const a = load[fold];
      const b = load[best];
      const better =
        author.positives > 0
          ? a.positiveAuthors < b.positiveAuthors || (a.positiveAuthors === b.positiveAuthors && a.positives < b.positives)
          : a.posts < b.posts;
      if (better) best = fold;
    }
    foldOfAuthor.set(author.author, best);
    load[best].posts += author.posts;
    load[best].positives += author.positives;
    if (author.positives > 0) load[best].positiveAuthors++;
  }
  return new Map(rows.map((row) => [row.id, foldOfAuthor.get(row.author) ?? 0]));
}

/**
 * The author of each row: the `user` column of a `posts_meta.csv` beside the CSV when there is
 * one (the C-SSRS dev data), otherwise the id without its trailing post number.
 */
export function authorMetaFile(csv: string): string | null {
  const meta = join(dirname(csv), 'posts_meta.csv');
  return existsSync(meta) ? meta : null;
}

export function authorFromId(id: string): string {
  return id.replace(/-\d+$/, '');
}
