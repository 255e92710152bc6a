/**
 * The labelled C-SSRS dev posts (../shared/data/cssrs-dev, CC BY 4.0) with their authors, read in
 * place: the data is never copied into the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CrisisLabel } from '../eval/crisis-cv-metrics';
import { parseCsv } from '../eval/csv';

export interface LabelledPost {
  readonly id: string;
  readonly text: string;
  readonly label: CrisisLabel;
  readonly author: string;
}

export function sharedDataDir(): string {
  return process.env.SHARED_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
}

function table(file: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  return records.filter((record) => record.length === header.length).map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]])));
}

export function readCssrsDev(dir = join(sharedDataDir(), 'cssrs-dev')): LabelledPost[] {
  const authors = new Map(table(join(dir, 'posts_meta.csv')).map((record) => [record.id, record.user]));
  return table(join(dir, 'posts.csv'))
    .filter((record) => ['none', 'low', 'moderate', 'high'].includes(record.crisis))
    .map((record) => ({
      id: record.id,
      text: record.text,
      label: record.crisis as CrisisLabel,
      author: authors.get(record.id) ?? record.id.replace(/-\d+$/, ''),
    }));
}
