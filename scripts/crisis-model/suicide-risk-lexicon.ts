/**
 * The Suicide Risk Lexicon (Low, Rankin, Bentley, Nock, Ghosh 2024; Apache-2.0) as the model's
 * features: read at training time from ../shared/data/suicide-risk-lexicon/lexicon_long.csv, each
 * term normalised like post text, and only the constructs the model uses are written into the
 * weights file (with the attribution the licence asks for, see the model card).
 */
import { readFileSync } from 'node:fs';

import type { LexiconConstruct } from '../../src/screening/crisis-model/crisis-features';
import { normaliseText } from '../../src/screening/pipeline/normalise';
import { parseCsv } from '../eval/csv';

export function readSuicideRiskLexicon(
  file: string,
  keep: (construct: string, proposedLevel: string) => boolean,
  /** Normalised terms to keep (default all); see CRISIS_MODEL_CONFIG.keepTerm. */
  keepTerm: (normalisedTerm: string) => boolean = () => true,
): LexiconConstruct[] {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const construct = header.indexOf('construct');
  const term = header.indexOf('term');
  const level = header.indexOf('proposed_crisis_level_if_matched');
  const terms = new Map<string, Set<string>>();
  for (const record of records) {
    const name = record[construct]?.trim();
    const raw = record[term]?.trim();
    if (!name || !raw || !keep(name, record[level]?.trim() ?? '')) continue;
    const normalised = normaliseText(raw).text;
    // One-letter and digit-only terms ("0") match noise, not constructs.
    if (normalised.replace(/[^\p{L}]/gu, '').length < 2 || !keepTerm(normalised)) continue;
    const set = terms.get(name) ?? new Set<string>();
    set.add(normalised);
    terms.set(name, set);
  }
  return [...terms.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, set]) => ({ name, terms: [...set].sort() }));
}
