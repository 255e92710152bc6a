import type { ToxicityLabel } from './toxicity.port';

/**
 * The words the fixture toxicity model reacts to, and the labels each one drives high.
 *
 * The fixture (see toxicity-fixture.ts) is a tiny graph model with the real model's signature,
 * built so tests can assert screening decisions without the real 25 MB model:
 * - a trigger matches only at the start of a word ("idiots" matches, "kidiot" does not), in
 *   lower case, Capitalised or UPPER CASE; "kill you" needs exactly one space between the words;
 * - each trigger adds the same amount to its labels whatever the text's length, so one trigger
 *   anywhere scores its labels ≈ 0.9975 and two ≈ 1.0;
 * - text without triggers scores every label ≈ 0.0025.
 */
export const TOXICITY_FIXTURE_WORDS = {
  idiot: ['insult', 'toxicity'],
  'kill you': ['threat', 'toxicity'],
  shit: ['obscene', 'toxicity'],
  scum: ['severe_toxicity', 'insult', 'toxicity'],
  vermin: ['identity_attack', 'toxicity'],
  xxx: ['sexual_explicit', 'obscene', 'toxicity'],
} as const satisfies Record<string, readonly ToxicityLabel[]>;

export type ToxicityFixtureWord = keyof typeof TOXICITY_FIXTURE_WORDS;

/** Ready-made sentences for tests; each names what the fixture scores high. */
export const TOXICITY_FIXTURE_SENTENCES = {
  /** Every label low. */
  neutral: 'Group helped me today and I feel calmer about tomorrow.',
  /** insult + toxicity high. */
  insult: 'You are an idiot.',
  /** threat + toxicity high. */
  threat: 'Leave me alone or I will kill you.',
  /** obscene + toxicity high. */
  obscene: 'This week was shit.',
  /** severe_toxicity + insult + toxicity high. */
  severeToxicity: 'People like you are scum.',
  /** identity_attack + toxicity high. */
  identityAttack: 'Those people are vermin.',
  /** sexual_explicit + obscene + toxicity high. */
  sexualExplicit: 'Send me xxx pictures.',
} as const;

/** Labels a trigger drives score above `high`; every other label scores below `low`. */
export const TOXICITY_FIXTURE_SCORE_BOUNDS = { high: 0.99, low: 0.01 } as const;
