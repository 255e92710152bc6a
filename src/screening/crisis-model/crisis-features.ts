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
  /** Adds the C-SSRS behaviour and care-for-you signals of SIGNAL_FAMILIES after the lexicon constructs. */
  readonly signals?: boolean;
  /**
   * Adds construct-tier counts after the signals: distinct high and moderate lexicon terms (the
   * lexicon's own rating), over the whole text and over first-person sentences only, so "I have
   * pills saved" weighs apart from advice about "you" that names the same constructs.
   */
  readonly tiers?: boolean;
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

const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a, 32 bit: stable across machines and Node versions. Fed piece by piece (the hash of
 * "b:" + a + " " + b is the same however it is split), so n-grams are hashed without building
 * their strings: scoring a long post allocated one string per character 4-gram before.
 */
function fnv(h: number, value: string, start = 0, end = value.length): number {
  for (let index = start; index < end; index++) {
    h ^= value.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const WORD_SEED = fnv(FNV_OFFSET, 'w:');
const BIGRAM_SEED = fnv(FNV_OFFSET, 'b:');
const CHAR_SEED = fnv(FNV_OFFSET, 'c:');

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
    this.countInto(tokens, counts, new Set<string>());
    return counts;
  }

  /**
   * Adds the distinct terms of `tokens` not in `seen` to `counts` (and to `seen`): one pass over
   * several sentences counts each term once, as `count` does over their joined tokens.
   */
  countInto(tokens: readonly string[], counts: number[], seen: Set<string>): void {
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
  }
}

/**
 * Clinically named signals the n-grams see only piecemeal, each counted over the author's own
 * words as ln(1 + matches). They follow the C-SSRS questions (past behaviour, intent and
 * preparation, passive ideation) and, on the other side, the shape of a reply written *to*
 * someone in crisis (care, advice, questions to "you"), which the C-SSRS `none` posts are full of.
 * Precompiled once; each is a plain global regex over the normalised text.
 */
const MINE = `(?:my ?self|my (?:wrists?|arms?|legs?|thighs?|skin|stomach|body|life))`;
export const SIGNAL_FAMILIES: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  {
    // Lifetime suicidal behaviour: attempts, overdoses, self-injury, told in the first person, any tense.
    name: 'signal:past-behaviour',
    pattern: new RegExp(
      `\\b(?:i (?:\\w+ ){0,2}(?:tried|attempted|overdosed|od'?d|slit|hanged|hung|cut|burned|burnt|hurt|harmed|starved|stabbed)(?: to)? (?:\\w+ ){0,2}${MINE}|my (?:last |first |previous |recent |failed |second )?(?:suicide )?(?:attempts?|overdose|try)|(?:last|first|the) time i (?:tried|attempted|did it)|i tried (?:once|before|twice|again)|(?:pumped|pump) my stomach|my (?:cuts|scars|wounds)|(?:woke up|ended up|landed) in (?:the )?(?:hospital|er|icu|psych ward|emergency room))\\b`,
      'gu',
    ),
  },
  {
    // Intent, plan, preparation: a method chosen, means obtained, a time, a note, arrangements.
    name: 'signal:intent-plan',
    pattern: new RegExp(
      `\\b(?:i (?:have|had|made|got) (?:a |the )?plan|(?:bought|ordered|got|have|found|keep|stashed|saved) (?:\\w+ ){0,2}(?:rope|gun|pills|razor|blades?|materials|noose)|(?:wrote|writing|write|written) (?:a |my )?(?:suicide )?(?:note|letter|will)|giv(?:e|ing) away my|before i go|(?:going|ready|decided) to do it|my (?:time|plan|method)|(?:staring|stare|looking) at (?:the |these |my )?(?:pills?|pill bottles?|bottles?|rope|gun|razor|blades?))\\b`,
      'gu',
    ),
  },
  {
    // Passive ideation: wishing to be dead or not to exist, no reason to go on.
    name: 'signal:passive-ideation',
    pattern: new RegExp(
      `\\b(?:i (?:\\w+ ){0,2}(?:want|wanted|wish|wished) (?:to |i (?:was|were|could) )?(?:die|be dead|dead|disappear|not exist|not be here|not wake up|never wake up|sleep forever|be gone|never been born|never born)|(?:do not|did not) want to (?:be alive|live|exist|wake up|be here|go on)|(?:no|what is the) (?:point|reason) (?:in |of |to )?(?:living|life|going on|being alive|trying|anything)|(?:tired|sick) of (?:living|life|being alive|existing)|can not (?:do this|go on|take (?:it|this)) (?:anymore|any more|much longer))\\b`,
      'gu',
    ),
  },
  {
    // A reply written to someone else: care, hope and advice aimed at "you".
    name: 'signal:care-for-you',
    pattern: new RegExp(
      `\\b(?:(?:please )?(?:do not|never) (?:do it|do this|kill yourself|give up|hurt yourself|end it)|you (?:are|will|can|deserve|should|could|might|matter|have) |i (?:am|will be) here (?:for|if) you|(?:talk|reach out|speak) to (?:someone|somebody|a (?:therapist|doctor|counsel+or|professional)|us|me)|(?:have|did|do|are|would|can) you |i hope you|hotline|stay safe|hang in there|you are not alone)`,
      'gu',
    ),
  },
];

function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/**
 * Feature indices: [0, 2^hashBits) n-gram buckets, then one per lexicon construct. N-gram values
 * are sublinear term frequency (1 + ln tf), L2-normalised so long posts do not score higher for
 * length alone; construct values are ln(1 + distinct terms matched).
 */
export function extractCrisisFeatures(
  text: string,
  spec: CrisisFeatureSpec,
  lexicon: LexiconMatcher,
  sourcesOf?: ReadonlySet<number>,
  /** Only the n-gram buckets: for naming features, whose other names featureName gives without matching again. */
  ngramsOnly = false,
): SparseFeatures {
  const tokens = tokenise(text);
  const buckets = 2 ** spec.hashBits;
  const counts = new Map<number, number>();
  // Names only for the indices asked for (the few shown to staff): naming all of them costs more than scoring.
  const sources = sourcesOf ? new Map<number, string>() : undefined;
  const add = (h: number, name: (() => string) | null): void => {
    const index = (h >>> 0) % buckets;
    counts.set(index, (counts.get(index) ?? 0) + 1);
    if (sources && name && sourcesOf?.has(index) && !sources.has(index)) sources.set(index, name());
  };
  const n = spec.charNgram;
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    add(fnv(WORD_SEED, token), sources ? () => `w:${token}` : null);
    if (position + 1 < tokens.length) {
      const next = tokens[position + 1];
      add(fnv(fnv(fnv(BIGRAM_SEED, token), ' '), next), sources ? () => `b:${token} ${next}` : null);
    }
    // Character n-grams of " token ": the padding spaces hashed in place.
    const paddedLength = token.length + 2;
    for (let start = 0; start + n <= paddedLength; start++) {
      let h = CHAR_SEED;
      for (let offset = start; offset < start + n; offset++) {
        h ^= offset === 0 || offset === paddedLength - 1 ? 32 : token.charCodeAt(offset - 1);
        h = Math.imul(h, 0x01000193);
      }
      add(h, sources ? () => `c:${` ${token} `.slice(start, start + n)}` : null);
    }
  }

  const entries = [...counts.entries()];
  const weighted = entries.map(([, count]) => 1 + Math.log(count));
  const norm = Math.sqrt(weighted.reduce((sum, value) => sum + value * value, 0)) || 1;
  const indices = entries.map(([index]) => index);
  const values = weighted.map((value) => value / norm);

  if (ngramsOnly) return { indices, values, sources };

  // With tiers, one pass over the sentences gives the whole text's counts and the first-person ones
  // (terms spanning a sentence break are not matched; the model was trained the same way).
  const perText = spec.tiers ? constructCountsBySentence(text, lexicon) : { all: lexicon.count(tokens), firstPerson: [] };
  perText.all.forEach((count, construct) => {
    if (count === 0) return;
    indices.push(buckets + construct);
    values.push(Math.log(1 + count));
    sources?.set(buckets + construct, `lexicon:${lexicon.constructs[construct].name}`);
  });

  if (spec.signals) {
    const first = buckets + lexicon.constructs.length;
    SIGNAL_FAMILIES.forEach((family, offset) => {
      const count = countMatches(family.pattern, text);
      if (count === 0) return;
      indices.push(first + offset);
      values.push(Math.log(1 + count));
      sources?.set(first + offset, family.name);
    });
  }
  if (spec.tiers) {
    const first = buckets + lexicon.constructs.length + (spec.signals ? SIGNAL_FAMILIES.length : 0);
    const tierOf = lexicon.constructs.map((construct) => constructTier(construct.name));
    const all = tierCounts(perText.all, tierOf);
    const own = tierCounts(perText.firstPerson, tierOf);
    TIER_FEATURES.forEach((name, offset) => {
      const count = [all.high, all.moderate, own.high, own.moderate][offset];
      if (count === 0) return;
      indices.push(first + offset);
      values.push(Math.log(1 + count));
      sources?.set(first + offset, name);
    });
  }
  return { indices, values, sources };
}

/**
 * The lexicon's own rating of its constructs (proposed_crisis_level_if_matched): high for active
 * ideation and planning, lethal means and direct self-injury; moderate for passive ideation and
 * other suicidal language. Matched by name so the weights file keeps its format.
 */
export function constructTier(name: string): 'high' | 'moderate' | null {
  if (/^(?:active suicidal ideation|lethal means|direct self-injury)/i.test(name)) return 'high';
  if (/^(?:passive suicidal ideation|other suicidal language)/i.test(name)) return 'moderate';
  return null;
}

const TIER_FEATURES = [
  'tier:high-constructs',
  'tier:moderate-constructs',
  'tier:high-constructs-first-person',
  'tier:moderate-constructs-first-person',
] as const;

function tierCounts(counts: readonly number[], tierOf: ReadonlyArray<'high' | 'moderate' | null>): { high: number; moderate: number } {
  let high = 0;
  let moderate = 0;
  counts.forEach((count, construct) => {
    if (tierOf[construct] === 'high') high += count;
    else if (tierOf[construct] === 'moderate') moderate += count;
  });
  return { high, moderate };
}

const FIRST_PERSON = new Set(['i', 'me', 'my', 'myself', 'mine']);

/** Construct terms matched, over the whole text and over the sentences that speak in the first person (split at . ! ? and new lines). */
function constructCountsBySentence(text: string, lexicon: LexiconMatcher): { all: number[]; firstPerson: number[] } {
  const all = new Array<number>(lexicon.constructs.length).fill(0);
  const firstPerson = new Array<number>(lexicon.constructs.length).fill(0);
  const seenAll = new Set<string>();
  const seenOwn = new Set<string>();
  for (const sentence of text.split(/[.!?\n]+/)) {
    const tokens = tokenise(sentence);
    if (tokens.length === 0) continue;
    lexicon.countInto(tokens, all, seenAll);
    if (tokens.some((token) => FIRST_PERSON.has(token))) lexicon.countInto(tokens, firstPerson, seenOwn);
  }
  return { all, firstPerson };
}

/** The name of a feature past the n-gram buckets (lexicon construct, signal, tier); null for a bucket. */
export function featureName(index: number, spec: CrisisFeatureSpec, lexicon: LexiconMatcher): string | null {
  let offset = index - 2 ** spec.hashBits;
  if (offset < 0) return null;
  if (offset < lexicon.constructs.length) return `lexicon:${lexicon.constructs[offset].name}`;
  offset -= lexicon.constructs.length;
  if (spec.signals) {
    if (offset < SIGNAL_FAMILIES.length) return SIGNAL_FAMILIES[offset].name;
    offset -= SIGNAL_FAMILIES.length;
  }
  return spec.tiers && offset < TIER_FEATURES.length ? TIER_FEATURES[offset] : null;
}

export function featureCount(spec: CrisisFeatureSpec, lexicon: LexiconMatcher): number {
  return 2 ** spec.hashBits + lexicon.constructs.length + (spec.signals ? SIGNAL_FAMILIES.length : 0) + (spec.tiers ? TIER_FEATURES.length : 0);
}
