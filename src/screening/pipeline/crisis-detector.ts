import {
  CRISIS_LEVELS,
  CRISIS_PATTERNS,
  type CrisisConstruct,
  type CrisisLevel,
  type CrisisPattern,
  type CrisisTier,
  THREAT_PATTERNS,
} from './crisis-patterns';
import type { NormalisedText } from './normalise';

export type { CrisisLevel } from './crisis-patterns';

/** Why a match does not count at its full tier; shown to the moderator next to the phrase. */
export type EvidenceDiscount = 'NEGATED' | 'OTHER_PERSON' | 'PAST' | 'QUOTED' | 'NO_RISK_CONTEXT';

export interface CrisisEvidence {
  readonly patternId: string;
  readonly construct: CrisisConstruct;
  /** Tier the pattern carries when it is about the author, now. */
  readonly tier: CrisisTier;
  /** Tier it contributes after the discount (NONE when it does not count at all). */
  readonly effectiveTier: CrisisLevel;
  /** A few words of normalised text around the match. */
  readonly phrase: string;
  readonly discount: EvidenceDiscount | null;
}

export interface CrisisAssessment {
  readonly level: CrisisLevel;
  /** A counted match names a method or lethal means (policy holds a MODERATE post for this). */
  readonly namesMethodOrMeans: boolean;
  readonly evidence: readonly CrisisEvidence[];
  readonly threatToOthers: boolean;
  readonly threatEvidence: readonly CrisisEvidence[];
}

export function crisisLevelRank(level: CrisisLevel): number {
  return CRISIS_LEVELS.indexOf(level);
}

export function isAtLeast(level: CrisisLevel, minimum: CrisisLevel): boolean {
  return crisisLevelRank(level) >= crisisLevelRank(minimum);
}

function maxLevel(a: CrisisLevel, b: CrisisLevel): CrisisLevel {
  return crisisLevelRank(a) >= crisisLevelRank(b) ? a : b;
}

interface Clause {
  readonly text: string;
  readonly start: number;
}

type Subject = 'SELF' | 'SECOND' | 'THIRD';

// Negation is local: a clause ends at punctuation or a contrast ("I'm not ok, I want to die").
const CLAUSE_BREAK = /[.!?;:\n]+|,|\s(?:but|however|though|although|except|yet)\s|\s(?:and|so|because|cause) (?=i |my |i'|we )/g;
const NEGATORS = new Set(['not', 'never', 'nor', 'no']);
// "can not stop thinking", "not sure", "do not know if": the negation is about something else.
const NEGATION_DOES_NOT_APPLY = new Set(['stop', 'help', 'even', 'only', 'sure', 'know', 'just', 'care', 'mind', 'think', 'matter']);
const NEGATING_PHRASE = /(?:^| )(?:no longer|instead of|rather than|refuse to|refused to|against|without|not think i would ever|not think i will ever|not ever)$/;

const SELF_WORDS = new Set(['i', 'me', 'my', 'myself', 'mine', 'we', 'us', 'our']);
const SECOND_WORDS = new Set(['you', 'your', 'yourself', 'yourselves', 'yall', "y'all", 'ya']);
const THIRD_WORDS = new Set([
  'he', 'she', 'they', 'him', 'her', 'them', 'his', 'hers', 'their', 'someone', 'somebody', 'people',
  'friend', 'friends', 'mom', 'mum', 'mother', 'dad', 'father', 'brother', 'sister', 'son', 'daughter',
  'wife', 'husband', 'boyfriend', 'girlfriend', 'bf', 'gf', 'partner', 'cousin', 'aunt', 'uncle',
  'grandma', 'grandpa', 'who', 'everyone', 'everybody', 'kid', 'kids', 'child', 'children', 'person',
  'others', 'teen', 'teens', 'student', 'students', 'patient', 'patients', 'guy', 'girl', 'man',
  'woman', 'men', 'women', 'classmate', 'coworker', 'roommate', 'client', 'clients', 'members',
]);

// "did not / could not / was not able to" + the act itself: it nearly happened.
const ABORTED_ACT = /\b(?:did not|could not|was not able to|were not able to|did not manage to|failed to|almost did not|never did)$/;
const ACT_VERB = /^(?:kill|killed|commit|end|take|jump|hang|overdose|go)$/;

// A time marker in the clause puts the act in the distant past ("I used to cut, two years clean").
const DISTANT_PAST =
  /\b(?:used to|(?:years?|months?) ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|few|couple(?: of)?|many|several) (?:years?|months?) (?:ago|clean|sober|free|since|back|later)|when i was (?:young|younger|a kid|a child|a teen|a teenager|little|in |\d+)|in (?:high school|middle school|my teens|the past|19\d\d|20[0-2]\d)|back (?:then|in)|(?:years|months) (?:clean|free|sober)|clean (?:for|since)|no longer|stopped|quit|recovered|as a (?:kid|teen|teenager|child)|last year|years back|in my (?:childhood|adolescence|teens|twenties)|(?:have|had) not (?:cut|self harmed|harmed myself) (?:in|for|since))\b/;
const RECENT = /\b(?:last night|yesterday|today|tonight|this morning|this week|earlier|just now|right now|again|recently|lately|last week|(?:\d+|two|three|few|couple of) days ago|relapsed|still)\b/;

const CONSTRUCTS_THAT_ARE_IDEATION = new Set<CrisisConstruct>([
  'PASSIVE_IDEATION', 'ACTIVE_IDEATION', 'SELF_HARM', 'ATTEMPT', 'PLAN', 'TIMING', 'GOODBYE',
]);

/**
 * Phase 2 of screening: the author's own suicide risk, and threats against other people, with the
 * phrases that decided it. Pure and synchronous: it must work when the ML model does not.
 */
export function detectCrisis(normalised: NormalisedText): CrisisAssessment {
  const text = normalised.text;
  const clauses = splitClauses(text);
  const quoted = quotedRanges(text);

  const raw: Array<{ pattern: CrisisPattern; evidence: CrisisEvidence }> = [];
  for (const clause of clauses) {
    for (const pattern of CRISIS_PATTERNS) {
      for (const match of clause.text.matchAll(pattern.pattern)) {
        raw.push({ pattern, evidence: assessMatch(pattern, clause, match) });
      }
    }
  }

  const hasRiskContext = raw.some(
    ({ pattern, evidence }) =>
      !pattern.needsRiskContext &&
      evidence.discount === null &&
      CONSTRUCTS_THAT_ARE_IDEATION.has(pattern.construct) &&
      isAtLeast(evidence.effectiveTier, 'MODERATE'),
  );
  const evidence = dedupe(
    raw.map(({ pattern, evidence: item }) =>
      pattern.needsRiskContext && item.discount === null && !hasRiskContext
        ? { ...item, discount: 'NO_RISK_CONTEXT' as const, effectiveTier: 'NONE' as const }
        : item,
    ),
  );

  const meansPatternIds = new Set(CRISIS_PATTERNS.filter((p) => p.namesMeans).map((p) => p.id));
  const namesMethodOrMeans = evidence.some(
    (item) => meansPatternIds.has(item.patternId) && item.effectiveTier !== 'NONE' && item.discount === null,
  );

  let level = evidence.reduce<CrisisLevel>((current, item) => maxLevel(current, item.effectiveTier), 'NONE');
  const escalations: CrisisEvidence[] = [];

  // An attempt in the past is the strongest predictor there is: with current ideation it is HIGH.
  const pastAttempt = evidence.find((item) => item.construct === 'ATTEMPT' && item.discount === 'PAST');
  const currentIdeation = evidence.some(
    (item) => item.discount === null && CONSTRUCTS_THAT_ARE_IDEATION.has(item.construct) && item.construct !== 'ATTEMPT' && isAtLeast(item.effectiveTier, 'MODERATE'),
  );
  if (pastAttempt && currentIdeation && !isAtLeast(level, 'HIGH')) {
    level = 'HIGH';
    escalations.push({ ...pastAttempt, patternId: 'rule.attempt-history-with-current-ideation', effectiveTier: 'HIGH', discount: null });
  }
  // Active ideation plus a named method or means is a plan in all but name.
  const activeIdeation = evidence.some((item) => item.construct === 'ACTIVE_IDEATION' && item.discount === null && item.effectiveTier === 'HIGH');
  if (level === 'HIGH' && activeIdeation && namesMethodOrMeans) {
    const means = evidence.find((item) => meansPatternIds.has(item.patternId) && item.discount === null);
    if (means) {
      level = 'IMMINENT';
      escalations.push({ ...means, patternId: 'rule.active-ideation-with-means', effectiveTier: 'IMMINENT' });
    }
  }

  const threatEvidence: CrisisEvidence[] = [];
  for (const clause of clauses) {
    for (const pattern of THREAT_PATTERNS) {
      for (const match of clause.text.matchAll(pattern.pattern)) {
        const item = assessThreat(pattern, clause, match, quoted);
        if (item) threatEvidence.push(item);
      }
    }
  }

  return {
    level,
    namesMethodOrMeans,
    evidence: [...evidence, ...escalations],
    threatToOthers: threatEvidence.some((item) => item.discount === null),
    threatEvidence: dedupe(threatEvidence),
  };
}

function assessMatch(pattern: CrisisPattern, clause: Clause, match: RegExpMatchArray): CrisisEvidence {
  const index = match.index ?? 0;
  const base = {
    patternId: pattern.id,
    construct: pattern.construct,
    tier: pattern.tier,
    phrase: snippet(clause.text, index, match[0].length),
  };
  const before = wordsBefore(clause.text, index);
  const firstWord = match[0].split(' ')[0] ?? '';

  const after = clause.text.slice(index + match[0].length);
  if (isNegated(before, firstWord) && !/^ (?:until|till)\b/.test(after)) {
    // "the only reason I did not kill myself tonight": an act that did not happen still says
    // the author was close to it. Denials of wanting or intending ("I would never") stay denials.
    if (ABORTED_ACT.test(before.slice(-4).join(' ')) && ACT_VERB.test(firstWord) && isAtLeast(pattern.tier, 'HIGH')) {
      return RECENT.test(clause.text)
        ? { ...base, effectiveTier: 'HIGH', discount: null }
        : { ...base, effectiveTier: 'MODERATE', discount: 'PAST' };
    }
    return { ...base, effectiveTier: 'NONE', discount: 'NEGATED' };
  }

  const subject: Subject =
    pattern.subject === 'THIRD_PERSON'
      ? 'THIRD'
      : pattern.subject === 'REFLEXIVE' || /^(?:i|my|me)\b/.test(match[0])
        ? 'SELF'
        : pattern.subject === 'POSSESSIVE'
          ? subjectBefore(before.slice(-1))
          : subjectBefore(before);
  if (subject === 'SECOND') return { ...base, effectiveTier: 'NONE', discount: 'OTHER_PERSON' };
  // Someone else's crisis is exposure to suicide: a risk factor for the author, no more.
  if (subject === 'THIRD') {
    return { ...base, effectiveTier: pattern.tier === 'LOW' ? 'NONE' : 'LOW', discount: 'OTHER_PERSON' };
  }

  if (DISTANT_PAST.test(clause.text) && !RECENT.test(clause.text)) {
    return { ...base, effectiveTier: pastTier(pattern), discount: 'PAST' };
  }
  return { ...base, effectiveTier: pattern.tier, discount: null };
}

function pastTier(pattern: CrisisPattern): CrisisLevel {
  switch (pattern.construct) {
    case 'ATTEMPT':
    case 'PLAN':
    case 'TIMING':
    case 'GOODBYE':
    case 'METHOD_OR_MEANS':
      return pattern.tier === 'IMMINENT' || pattern.tier === 'HIGH' ? 'MODERATE' : 'LOW';
    case 'SELF_HARM':
    case 'ACTIVE_IDEATION':
    case 'PASSIVE_IDEATION':
      return 'LOW';
    case 'HOPELESSNESS':
    case 'BURDENSOMENESS':
    case 'ENTRAPMENT':
    case 'WORTHLESSNESS':
    case 'LONELINESS':
    case 'HOSPITALISATION':
    case 'SUICIDE_EXPOSURE':
    case 'THREAT_TO_OTHERS':
      return 'NONE';
  }
}

function assessThreat(
  pattern: CrisisPattern,
  clause: Clause,
  match: RegExpMatchArray,
  quoted: ReadonlyArray<readonly [number, number]>,
): CrisisEvidence | null {
  const index = match.index ?? 0;
  const before = wordsBefore(clause.text, index);
  const subject = /^(?:i|my|me)\b/.test(match[0]) ? 'SELF' : subjectBefore(before);
  // "X should all be killed" is a threat when X is other people; "I should die" is ideation.
  if (pattern.id === 'threat.should-die' && subject !== 'THIRD') return null;

  const base = {
    patternId: pattern.id,
    construct: pattern.construct,
    tier: pattern.tier,
    phrase: snippet(clause.text, index, match[0].length),
  };
  const absolute = clause.start + index;
  if (quoted.some(([from, to]) => absolute > from && absolute < to)) {
    return { ...base, effectiveTier: 'NONE', discount: 'QUOTED' };
  }
  if (isNegated(before, match[0].split(' ')[0] ?? '')) return { ...base, effectiveTier: 'NONE', discount: 'NEGATED' };
  if (pattern.id !== 'threat.should-die' && subject !== 'SELF') {
    return { ...base, effectiveTier: 'NONE', discount: 'OTHER_PERSON' };
  }
  return { ...base, effectiveTier: pattern.tier, discount: null };
}

function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const separator of text.matchAll(CLAUSE_BREAK)) {
    const end = separator.index ?? 0;
    if (end > start) clauses.push({ text: text.slice(start, end).trim(), start });
    start = end + separator[0].length;
  }
  if (start < text.length) clauses.push({ text: text.slice(start).trim(), start });
  return clauses.filter((clause) => clause.text.length > 0);
}

function quotedRanges(text: string): Array<readonly [number, number]> {
  return [...text.matchAll(/"[^"]*"/g)].map((match) => {
    const start = match.index ?? 0;
    return [start, start + match[0].length] as const;
  });
}

function wordsBefore(clause: string, index: number): string[] {
  return clause
    .slice(0, index)
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}']+|[^\p{L}']+$/gu, ''))
    .filter((word) => word.length > 0);
}

function isNegated(before: readonly string[], firstMatchedWord: string): boolean {
  const window = before.slice(-3);
  if (NEGATING_PHRASE.test(before.slice(-6).join(' '))) return true;
  return window.some((word, position) => {
    if (!NEGATORS.has(word)) return false;
    const next = window[position + 1] ?? firstMatchedWord;
    return !NEGATION_DOES_NOT_APPLY.has(next);
  });
}

function subjectBefore(before: readonly string[]): Subject {
  const recent = before.slice(-8);
  for (let position = recent.length - 1; position >= 0; position--) {
    const word = recent[position];
    // "does anyone else want to die" includes the author.
    if ((word === 'anyone' || word === 'anybody') && recent[position + 1] === 'else') return 'SELF';
    if (SELF_WORDS.has(word)) return 'SELF';
    if (SECOND_WORDS.has(word)) return 'SECOND';
    if (THIRD_WORDS.has(word)) return 'THIRD';
  }
  // Posts often drop the subject ("want to die so badly"): the author is speaking.
  return 'SELF';
}

function snippet(clause: string, index: number, length: number): string {
  const before = clause.slice(0, index).split(' ').filter(Boolean).slice(-3).join(' ');
  const after = clause.slice(index + length).split(' ').filter(Boolean).slice(0, 3).join(' ');
  return [before, clause.slice(index, index + length), after].filter(Boolean).join(' ').slice(0, 160);
}

function dedupe(items: readonly CrisisEvidence[]): CrisisEvidence[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.patternId}|${item.phrase}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
