/**
 * Features of the learned crisis model, shared by training (scripts/crisis-model) and the worker,
 * so the two can never disagree: hashed word unigrams and bigrams, hashed character 4-grams inside
 * words (robust to misspelling and inflection), and counts of Suicide Risk Lexicon constructs.
 * They read `NormalisedText.text` (lower case, contractions expanded, obfuscation undone).
 */

export interface CrisisFeatureSpec {
  /** log2 of the number of hash buckets shared by word and character n-grams. */
  readonly hashBits: number;
  readonly charNgram: number;
}

/** Lexicon constructs as the model reads them: each term already normalised like post text. */
export interface LexiconConstruct {
  readonly name: string;
  readonly terms: readonly string[];
}

/** A sparse row: bucket indices (unique) and values; L2-normalised n-grams, then lexicon. */
export interface SparseFeatures {
  readonly indices: readonly number[];
  readonly values: readonly number[];
  /** What the indices asked for came from, for the evidence shown to staff (first source seen per index). */
  readonly sources?: ReadonlyMap<number, string>;
}

const WORD = /[\p{L}\p{N}']+/gu;

export function tokenise(text: string): string[] {
  return (text.match(WORD) ?? []).map((token) => token.replace(/^'+|'+$/g, '')).filter((token) => token.length > 0);
}

/** FNV-1a, 32 bit: stable across machines and Node versions. */
function hash(value: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    h ^= value.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Matches lexicon terms on token sequences: a map from a term's first token to the terms it starts. */
export class LexiconMatcher {
  private readonly byFirstToken = new Map<string, Array<{ tokens: readonly string[]; construct: number }>>();

  constructor(readonly constructs: readonly LexiconConstruct[]) {
    constructs.forEach((construct, index) => {
      for (const term of construct.terms) {
        const tokens = tokenise(term);
        if (tokens.length === 0) continue;
        const list = this.byFirstToken.get(tokens[0]) ?? [];
        list.push({ tokens, construct: index });
        this.byFirstToken.set(tokens[0], list);
      }
    });
  }

  /** Distinct terms matched per construct. */
  count(tokens: readonly string[]): number[] {
    const counts = new Array<number>(this.constructs.length).fill(0);
    const seen = new Set<string>();
    for (let position = 0; position < tokens.length; position++) {
      const candidates = this.byFirstToken.get(tokens[position]);
      if (!candidates) continue;
      for (const candidate of candidates) {
        let matches = true;
        for (let offset = 1; offset < candidate.tokens.length; offset++) {
          if (tokens[position + offset] !== candidate.tokens[offset]) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        const key = `${candidate.construct}|${candidate.tokens.join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        counts[candidate.construct]++;
      }
    }
    return counts;
  }
}

/**
 * Feature indices: [0, 2^hashBits) n-gram buckets, then one per lexicon construct. N-gram values
 * are sublinear term frequency (1 + ln tf), L2-normalised so long posts do not score higher for
 * length alone; construct values are ln(1 + distinct terms matched).
 */
export function extractCrisisFeatures(text: string, spec: CrisisFeatureSpec, lexicon: LexiconMatcher, sourcesOf?: ReadonlySet<number>): SparseFeatures {
  const tokens = tokenise(text);
  const buckets = 2 ** spec.hashBits;
  const counts = new Map<number, number>();
  // Names only for the indices asked for (the few shown to staff): naming all of them costs more than scoring.
  const sources = sourcesOf ? new Map<number, string>() : undefined;
  const add = (feature: string): void => {
    const index = hash(feature) % buckets;
    counts.set(index, (counts.get(index) ?? 0) + 1);
    if (sources && sourcesOf?.has(index) && !sources.has(index)) sources.set(index, feature);
  };
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    add(`w:${token}`);
    if (position + 1 < tokens.length) add(`b:${token} ${tokens[position + 1]}`);
    const padded = ` ${token} `;
    for (let start = 0; start + spec.charNgram <= padded.length; start++) add(`c:${padded.slice(start, start + spec.charNgram)}`);
  }

  const entries = [...counts.entries()];
  const weighted = entries.map(([, count]) => 1 + Math.log(count));
  const norm = Math.sqrt(weighted.reduce((sum, value) => sum + value * value, 0)) || 1;
  const indices = entries.map(([index]) => index);
  const values = weighted.map((value) => value / norm);

  lexicon.count(tokens).forEach((count, construct) => {
    if (count === 0) return;
    indices.push(buckets + construct);
    values.push(Math.log(1 + count));
    sources?.set(buckets + construct, `lexicon:${lexicon.constructs[construct].name}`);
  });
  return { indices, values, sources };
}

export function featureCount(spec: CrisisFeatureSpec, lexicon: LexiconMatcher): number {
  return 2 ** spec.hashBits + lexicon.constructs.length;
}
