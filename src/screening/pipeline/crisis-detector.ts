import {
  CRISIS_LEVELS,
  CRISIS_PATTERNS,
  type CrisisConstruct,
  type CrisisLevel,
  type CrisisPattern,
  type CrisisTier,
  THREAT_PATTERNS,
} from './crisis-patterns';
import { genericYouInFirstPerson, phraseAsWritten, readRegister } from './answer-register';
import type { NormalisedText } from './normalise';
import { isInside, PAST_NEXT_SENTENCE, type SpeakerContext, speakerFrame, speakerQuotedRanges, type TextRange } from './speaker-frames';

export type { CrisisLevel } from './crisis-patterns';

/**
 * Why a match does not count at its full tier; shown to the moderator next to the phrase.
 * QUOTED, HYPOTHETICAL, GENERAL and CLINICAL are speaker awareness (see speaker-frames.ts).
 */
export type EvidenceDiscount = 'NEGATED' | 'OTHER_PERSON' | 'PAST' | 'QUOTED' | 'NO_RISK_CONTEXT' | 'HYPOTHETICAL' | 'GENERAL' | 'CLINICAL';

export type { SpeakerContext } from './speaker-frames';

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

/**
 * One construct's share of the cumulative score, for the moderator: which phrase, which tier, and
 * how many points it added. A construct counts once (its strongest phrase), so repeating one word
 * does not add up; different constructs do.
 */
export interface CrisisContribution {
  /** The construct, or HISTORY for past attempts, self-harm or ideation, or SUICIDE_EXPOSURE. */
  readonly construct: CrisisConstruct | 'HISTORY';
  readonly points: number;
  readonly patternId: string;
  readonly tier: CrisisTier;
  readonly discount: EvidenceDiscount | null;
  readonly phrase: string;
}

export interface CrisisAssessment {
  readonly level: CrisisLevel;
  /**
   * Cumulative evidence about the author (see CRISIS_SCORE): distress constructs 1 point each,
   * talk of one's own death 2, a past attempt 2 (other history 1), someone else's suicide 1,
   * current passive ideation 3, active ideation 6. 2 or more is at least MODERATE.
   */
  readonly score?: number;
  readonly contributions?: readonly CrisisContribution[];
  /** A counted match names a method or lethal means (policy holds a MODERATE post for this). */
  readonly namesMethodOrMeans: boolean;
  readonly evidence: readonly CrisisEvidence[];
  readonly threatToOthers: boolean;
  readonly threatEvidence: readonly CrisisEvidence[];
}

/** What `detectCrisis` returns: an assessment that always carries its score (a CrisisAssessment). */
export interface ScoredCrisisAssessment extends CrisisAssessment {
  readonly score: number;
  readonly contributions: readonly CrisisContribution[];
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
const NEGATING_PHRASE =
  /(?:^| )(?:no longer|instead of|rather than|refuse to|refused to|against|without|not think i would ever|not think i will ever|not ever|(?:no one|nobody|no body) (?:would|will|is going to) (?:really |ever |actually )?be)$/;

const SELF_WORDS = new Set(['i', 'me', 'my', 'myself', 'mine', 'we', 'us', 'our']);
// Contractions the normaliser leaves ("if you've been saving up your pills") name the subject too.
const SECOND_WORDS = new Set(['you', 'your', 'yourself', 'yourselves', 'yall', "y'all", 'ya', "you've", "you'd"]);
const THIRD_WORDS = new Set([
  "they've",
  "they'd",
  "he'd",
  "she'd",
  'he',
  'she',
  'they',
  'him',
  'her',
  'them',
  'his',
  'hers',
  'their',
  'someone',
  'somebody',
  'people',
  'friend',
  'friends',
  'mom',
  'mum',
  'mother',
  'dad',
  'father',
  'brother',
  'sister',
  'son',
  'daughter',
  'wife',
  'husband',
  'boyfriend',
  'girlfriend',
  'bf',
  'gf',
  'partner',
  'cousin',
  'aunt',
  'uncle',
  'grandma',
  'grandpa',
  'who',
  'everyone',
  'everybody',
  'kid',
  'kids',
  'child',
  'children',
  'person',
  'others',
  'teen',
  'teens',
  'student',
  'students',
  'patient',
  'patients',
  'guy',
  'girl',
  'man',
  'woman',
  'men',
  'women',
  'classmate',
  'coworker',
  'roommate',
  'client',
  'clients',
  'members',
]);

// "did not / could not / was not able to" + the act itself: it nearly happened.
const ABORTED_ACT = /\b(?:did not|could not|was not able to|were not able to|did not manage to|failed to|almost did not|never did)$/;
const ACT_VERB = /^(?:kill|killed|commit|end|take|jump|hang|overdose|go)$/;
const HELD_BACK =
  /\b(?:only|main|one|biggest) (?:reasons?|things?) (?:why |that )?(?:i|keeps? me from|stops? me from|is keeping me from|is stopping me from)\b(?: \w+){0,2} (?:have|has|had|did|do|am|was) (?:not|never)$|\b(?:only|main) (?:reasons?|things?) (?:why |that )?i (?:have|had|did|do) (?:not|never)$/;

// A time marker in the clause puts the act in the distant past ("I used to cut, two years clean").
// "stopped" tells a habit left behind; "stopped myself from jumping" is the interrupted act itself.
const DISTANT_PAST =
  /\b(?:used to|(?:years?|months?) ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|few|couple(?: of)?|many|several) (?:years?|months?) (?:ago|clean|sober|free|since|back|later)|when i was (?:young|younger|a kid|a child|a teen|a teenager|little|in |\d+|where you are|at my (?:lowest|worst))|in (?:high school|middle school|my teens|the past|19\d\d|20[0-2]\d)|back then|back in (?=the day|(?:19|20)\d\d|high school|middle school|college|school|uni|university|my (?:teens|twenties|thirties|childhood|youth)|those days|\w+ (?:grade|year)|(?:january|february|march|april|may|june|july|august|september|october|november|december))|(?:years|months) (?:clean|free|sober)|clean (?:for|since)|no longer|stopped(?! myself| existing| to exist)|quit|recovered|as a (?:kid|teen|teenager|child)|last (?:year|spring|summer|autumn|fall|winter)|years back|in my (?:childhood|adolescence|teens|twenties)|(?:have|had) not (?:cut|self harmed|harmed myself) (?:in|for|since))\b/;
const HAVE_NOT = /^(?:have|has|had) (?:not|never)$/;
const STOPPED_SINCE =
  /\b(?:since|in (?:over |more than )?(?:a|an|\d+|two|three|four|five|six|several|many|a few|a couple of) (?:years?|months?|weeks?|while))\b/;
// The present moment, said without a subject ("... so strong tonight"). Not "again" or "lately":
// an answer speaks of "cutting again after a long break" as the reader's.
const PRESENT_NOW = /\b(?:tonight|right now|today|this morning|this evening|last night|just now|at the moment)\b/;
// "Two years ago today", "18 months clean today": a span counted up to today is an anniversary, so
// "today" there does not make the act recent.
const ANNIVERSARY_TODAY = /\b(?:years?|months?) (?:ago|clean|sober|free)\b(?: [\w']+){0,6} today\b/;

/** Recent, unless the only recency is the anniversary's "today". */
function isRecent(clause: string): boolean {
  return RECENT.test(ANNIVERSARY_TODAY.test(clause) ? clause.replace(/\btoday\b/g, '') : clause);
}

// Who a clause of an answer is about: the reader, or people in general.
const SOMEONE_ADDRESSED =
  /\b(?:you|your|yourself|you've|you'd|people|someone|somebody|anyone|many|most|some|clients?|patients?|partners?|parents?|families|teens?|teenagers?|he|she|they|him|her|them|his|their)\b/;
const RECENT =
  /\b(?:last night|yesterday|today|tonight|this morning|this week|earlier|just now|right now|again|recently|lately|last week|(?:\d+|two|three|few|couple of) days ago|relapsed|still)\b/;

/**
 * Clinical risk accumulates: several weaker signals from the author (hopelessness, burden,
 * entrapment, loneliness, defeat, talk of their own death, a past attempt) weigh as much as one
 * phrase of passive ideation. Few, round, explainable numbers; tuned on one half of the dev data
 * only (scripts/eval-screening.ts --fold A) and checked on the other.
 */
export const CRISIS_SCORE = {
  /** A current distress construct (LOW tier): hopelessness, burden, entrapment, worthlessness... */
  distress: 1,
  /** Talk of one's own death without a wish ("when I'm gone", "I'd rather be dead"). */
  deathTalk: 2,
  /** Current passive ideation, or any MODERATE-tier phrase about the author now. */
  moderate: 3,
  high: 6,
  imminent: 10,
  /** A past attempt or near-attempt: the strongest single predictor there is. */
  pastAttempt: 2,
  /** Past self-harm or past ideation. History counts once, whatever its kind. */
  otherHistory: 1,
  /** Someone else's suicide or attempt, told by the author: exposure is a risk factor. */
  exposure: 1,
  /**
   * At or above this, the post is at least MODERATE (published, peer outreach, risk signal): two
   * distinct distress constructs, talk of one's own death, or a past attempt. Fold A: 3 gave
   * recall 0.48 at 0.9% none flagged, 2 gave 0.51 at 1.1%, 1 dropped precision under 0.60.
   */
  moderateThreshold: 2,
} as const;

const GIVEN_UP_MEANS = 'means.given-up-for-safety';

const PREPARATORY_PATTERN_IDS = new Set(CRISIS_PATTERNS.filter((p) => p.preparatory).map((p) => p.id));
const CONSTRUCTS_THAT_ARE_IDEATION = new Set<CrisisConstruct>(['PASSIVE_IDEATION', 'ACTIVE_IDEATION', 'SELF_HARM', 'ATTEMPT', 'PLAN', 'TIMING', 'GOODBYE']);

/**
 * Phase 2 of screening: the author's own suicide risk, and threats against other people, with the
 * phrases that decided it. Pure and synchronous: it must work when the ML model does not.
 */
export function detectCrisis(given: NormalisedText, speaker: SpeakerContext = {}): ScoredCrisisAssessment {
  // Who "you" is, over the whole post (answer-register.ts): in an answer to a client, what is said
  // of "you" or people in general is not the author's own risk; in a client's post anchored in
  // their own present, a generic "you" sentence is the author's and is read in the first person.
  // A sentence inside someone else's words is never rewritten.
  const reading = readRegister(given.text);
  const givenQuoted = reading.genericSentences.length > 0 ? speakerQuotedRanges(given, speaker) : [];
  const ownGeneric = reading.genericSentences.filter(([from, to]) => !givenQuoted.some(([qFrom, qTo]) => qFrom < to && from < qTo));
  const normalised = ownGeneric.length > 0 ? { ...given, text: genericYouInFirstPerson(given.text, ownGeneric) } : given;
  const answer = reading.register === 'ANSWER';
  const text = normalised.text;
  const clauses = splitClauses(text);
  const quoted = speakerQuotedRanges(normalised, speaker);

  const raw: Array<{ pattern: CrisisPattern; evidence: CrisisEvidence; sentence: string }> = [];
  for (const clause of clauses) {
    for (const pattern of CRISIS_PATTERNS) {
      for (const match of clause.text.matchAll(pattern.pattern)) {
        const sentence = sentenceAround(text, clause.start + (match.index ?? 0));
        if (pattern.sentenceNames && !pattern.sentenceNames.test(sentence)) continue;
        if (pattern.previousSentenceNames && !pattern.previousSentenceNames.test(sentenceBefore(text, clause.start + (match.index ?? 0)))) continue;
        if (pattern.nearbyNames && !pattern.nearbyNames.test(`${sentenceBefore(text, clause.start + (match.index ?? 0))} ${sentence}`)) continue;
        if (
          pattern.nearbyRulesOut?.test(
            `${sentenceBefore(text, clause.start + (match.index ?? 0))} ${sentence} ${nextSentence(text, clause.start + (match.index ?? 0))}`,
          )
        ) {
          continue;
        }
        raw.push({ pattern, evidence: assessMatch(pattern, clause, match, text, quoted, answer), sentence });
      }
    }
  }

  // Plan, time and means phrases ("I bought a rope", "I've given myself until Friday") count only
  // when the post also carries current ideation, or enough other risk to be MODERATE by itself.
  const explicitIdeation = raw.some(
    ({ pattern, evidence }) =>
      !pattern.needsRiskContext &&
      evidence.discount === null &&
      CONSTRUCTS_THAT_ARE_IDEATION.has(pattern.construct) &&
      isAtLeast(evidence.effectiveTier, 'MODERATE'),
  );
  const contextScore = scoreOf(raw.filter(({ pattern }) => !pattern.needsRiskContext).map(({ evidence: item }) => item)).score;
  const hasRiskContext = explicitIdeation || contextScore >= CRISIS_SCORE.moderateThreshold;
  // For the few patterns that say so (a deadline given oneself), any current distress is context.
  const hasDistress = hasRiskContext || contextScore >= CRISIS_SCORE.distress;
  // Two ambiguous phrases that say they corroborate ("going to the bridge tonight", "goodbye
  // everyone") are context for each other when they come from different patterns.
  const corroborating = raw.filter(({ pattern, evidence: item }) => pattern.corroborates && item.discount === null && item.effectiveTier !== 'NONE');
  // Counted at their lower tier for want of context: a person looks, but they do not escalate with other rules.
  // Suicide named in the same sentence, even as clinical or general talk, says what the author's
  // own plan is for: "my therapist says suicidal thoughts are common, but I have a plan now".
  const topicSentences = new Set(
    raw
      .filter(
        ({ pattern, evidence: item }) => CONSTRUCTS_THAT_ARE_IDEATION.has(pattern.construct) && (item.discount === 'CLINICAL' || item.discount === 'GENERAL'),
      )
      .map(({ sentence }) => sentence),
  );
  const withoutContext = new Set<CrisisEvidence>();
  const evidence = dedupe(
    raw.map(({ pattern, evidence: item, sentence }) => {
      if (!pattern.needsRiskContext || (item.discount !== null && item.discount !== 'PAST')) return item;
      if (pattern.distressIsContext ? hasDistress : hasRiskContext) return item;
      // A phrase that means nothing alone now means nothing alone in the past either: "a year ago
      // I wrote a note" in a recovery story is not a history of preparation without risk around it.
      if (item.discount === 'PAST') return { ...item, discount: 'NO_RISK_CONTEXT' as const, effectiveTier: 'NONE' as const };
      if (pattern.construct === 'PLAN' && topicSentences.has(sentence)) return item;
      // Two different preparatory acts corroborate each other even when one pattern names both
      // ("paid off my debts, cancelled my therapy").
      if (
        pattern.corroborates &&
        corroborating.some((other) => other.pattern.id !== pattern.id || (pattern.preparatory === true && other.evidence.phrase !== item.phrase))
      ) {
        return item;
      }
      // Explicit enough that a person looks even alone, at a lower tier (see tierWithoutContext).
      if (pattern.tierWithoutContext) {
        const lowered = { ...item, effectiveTier: pattern.tierWithoutContext };
        withoutContext.add(lowered);
        return lowered;
      }
      return { ...item, discount: 'NO_RISK_CONTEXT' as const, effectiveTier: 'NONE' as const };
    }),
  );
  const { score, contributions } = scoreOf(evidence);

  const meansPatternIds = new Set(CRISIS_PATTERNS.filter((p) => p.namesMeans).map((p) => p.id));
  // Means the author says they gave up for safety ("I had a gun, in a moment of clarity I sold it")
  // are no longer at hand: a person checks in, the post is not held for them.
  const givenUpSentences = new Set(
    raw.filter(({ pattern, evidence: item }) => pattern.id === GIVEN_UP_MEANS && item.discount === null).map(({ sentence }) => sentence),
  );
  const givenUpPhrases = new Set(raw.filter(({ sentence }) => givenUpSentences.has(sentence)).map(({ evidence: item }) => `${item.patternId}|${item.phrase}`));
  const namesMethodOrMeans = evidence.some(
    (item) =>
      meansPatternIds.has(item.patternId) && item.effectiveTier !== 'NONE' && item.discount === null && !givenUpPhrases.has(`${item.patternId}|${item.phrase}`),
  );

  let level = evidence.reduce<CrisisLevel>((current, item) => maxLevel(current, item.effectiveTier), 'NONE');
  const escalations: CrisisEvidence[] = [];

  // Several weaker signals add up to a post a peer should reach out about.
  if (score >= CRISIS_SCORE.moderateThreshold && !isAtLeast(level, 'MODERATE')) {
    level = 'MODERATE';
    escalations.push({
      patternId: 'rule.cumulative-risk',
      construct: 'ACCUMULATED_RISK',
      tier: 'MODERATE',
      effectiveTier: 'MODERATE',
      phrase: `score ${score}: ${contributions.map((c) => `${c.construct.toLowerCase()} +${c.points}`).join(', ')}`.slice(0, 160),
      discount: null,
    });
  }

  // An attempt (past, or "I've come close") is the strongest predictor there is: with current
  // ideation it is HIGH. Someone else's attempt is exposure, not this.
  const attempt = evidence.find(
    (item) => item.construct === 'ATTEMPT' && (item.discount === 'PAST' || item.discount === null) && item.effectiveTier !== 'NONE',
  );
  const currentIdeation = evidence.some(
    (item) =>
      item.discount === null &&
      !withoutContext.has(item) &&
      CONSTRUCTS_THAT_ARE_IDEATION.has(item.construct) &&
      item.construct !== 'ATTEMPT' &&
      isAtLeast(item.effectiveTier, 'MODERATE'),
  );
  if (attempt && currentIdeation && !isAtLeast(level, 'HIGH')) {
    level = 'HIGH';
    escalations.push({ ...attempt, patternId: 'rule.attempt-history-with-current-ideation', effectiveTier: 'HIGH', discount: null });
  }
  // Ideation plus a named method or means (counted only with ideation or enough risk around it).
  if (currentIdeation && namesMethodOrMeans && !isAtLeast(level, 'HIGH')) {
    const means = evidence.find((item) => meansPatternIds.has(item.patternId) && item.discount === null && item.effectiveTier !== 'NONE');
    if (means) {
      level = 'HIGH';
      escalations.push({ ...means, patternId: 'rule.ideation-with-means', effectiveTier: 'HIGH' });
    }
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

  // Preparations that close a life down, three or more of them (appointments cancelled, debts paid,
  // a letter each, affairs in order, possessions given away, means obtained): preparatory
  // behaviour, which the Columbia scale rates with attempts. Only the acts count (patterns marked
  // `preparatory`): a time, a finality or a goodbye corroborates them but is not a preparation.
  const preparations = new Map(
    evidence
      .filter((item) => PREPARATORY_PATTERN_IDS.has(item.patternId) && item.discount === null && isAtLeast(item.effectiveTier, 'MODERATE'))
      .map((item) => [item.phrase, item]),
  );
  if (preparations.size >= 3 && !isAtLeast(level, 'HIGH')) {
    level = 'HIGH';
    const [first] = preparations.values();
    escalations.push({ ...first, patternId: 'rule.preparations-add-up', effectiveTier: 'HIGH' });
  }

  const threatEvidence: CrisisEvidence[] = [];
  for (const clause of clauses) {
    for (const pattern of THREAT_PATTERNS) {
      for (const match of clause.text.matchAll(pattern.pattern)) {
        const item = assessThreat(pattern, clause, match, quoted, text);
        if (item) threatEvidence.push(item);
      }
    }
  }

  // Evidence quotes the author as they wrote: a generic sentence read in the first person is shown in its own words.
  const asWritten = <T extends { phrase: string }>(item: T): T =>
    ownGeneric.length > 0 ? { ...item, phrase: phraseAsWritten(item.phrase, given.text) } : item;
  return {
    level,
    score,
    contributions: contributions.map(asWritten),
    namesMethodOrMeans,
    evidence: [...evidence, ...escalations].map(asWritten),
    threatToOthers: threatEvidence.some((item) => item.discount === null),
    threatEvidence: dedupe(threatEvidence).map(asWritten),
  };
}

function assessMatch(
  pattern: CrisisPattern,
  clause: Clause,
  match: RegExpMatchArray,
  text: string,
  quoted: readonly TextRange[],
  answer = false,
): CrisisEvidence {
  const index = match.index ?? 0;
  const base = {
    patternId: pattern.id,
    construct: pattern.construct,
    tier: pattern.tier,
    phrase: snippet(clause.text, index, match[0].length),
  };
  // Someone else's words are not the author's risk (a reply quoting a post in crisis is not that crisis).
  if (isInside(quoted, clause.start + index)) return { ...base, effectiveTier: 'NONE', discount: 'QUOTED' };
  // An answer to a client has no first person but the helper's: what it says of "you" or of people
  // in general is guidance, not the author's risk. A phrase that says "i" itself keeps its tier, and
  // so does a clause with no one in it that names the present ("... but the pills are right here and
  // tonight feels different"): a client talking themselves through advice drops the "i", not the risk.
  if (answer && !/\b(?:i|me|my|myself|mine)\b/.test(match[0]) && !(PRESENT_NOW.test(clause.text) && !SOMEONE_ADDRESSED.test(clause.text))) {
    return { ...base, effectiveTier: 'NONE', discount: 'GENERAL' };
  }

  const before = wordsBefore(clause.text, index);
  const firstWord = match[0].split(' ')[0] ?? '';

  const after = clause.text.slice(index + match[0].length);
  const frame = speakerFrame(pattern.id, {
    before: clause.text.slice(0, index),
    matched: match[0],
    after,
    sentence: sentenceAround(text, clause.start + index),
    sentenceAfter: sentenceAfter(text, clause.start + index + match[0].length),
  });
  if (frame) return { ...base, effectiveTier: 'NONE', discount: frame };
  // "I haven't tried since 2013", "haven't cut in two years": it happened, then stopped. History, not a denial.
  const stoppedSince = HAVE_NOT.test(before.slice(-2).join(' ')) && STOPPED_SINCE.test(after);
  if (!stoppedSince && isNegated(before, firstWord) && !/^ (?:until|till)\b/.test(after)) {
    // "the only reason I did not kill myself tonight": an act that did not happen still says
    // the author was close to it. Denials of wanting or intending ("I would never") stay denials.
    if (ABORTED_ACT.test(before.slice(-4).join(' ')) && ACT_VERB.test(firstWord) && isAtLeast(pattern.tier, 'HIGH')) {
      return RECENT.test(clause.text) ? { ...base, effectiveTier: 'HIGH', discount: null } : { ...base, effectiveTier: 'MODERATE', discount: 'PAST' };
    }
    // "the only reason I have not killed myself is my mom": a deterrent named for an act still
    // considered (the C-SSRS asks about deterrents only when there is ideation). Not the act, not a denial.
    if (HELD_BACK.test(before.slice(-8).join(' ')) && isAtLeast(pattern.tier, 'HIGH')) return { ...base, effectiveTier: 'MODERATE', discount: null };
    return { ...base, effectiveTier: 'NONE', discount: 'NEGATED' };
  }

  const subject: Subject =
    pattern.subject === 'THIRD_PERSON'
      ? 'THIRD'
      : /^(?:i|my|me)\b/.test(match[0]) || SELF_AMONG_BEFORE.test(clause.text.slice(0, index))
        ? 'SELF'
        : pattern.subject === 'REFLEXIVE' && NAMED_PERSON_SUBJECT.test(clause.text.slice(0, index))
          ? 'THIRD'
          : pattern.subject === 'REFLEXIVE'
            ? 'SELF'
            : pattern.subject === 'POSSESSIVE'
              ? possessiveSubject(before)
              : subjectBefore(before);
  if (subject === 'SECOND') return { ...base, effectiveTier: 'NONE', discount: 'OTHER_PERSON' };
  // Someone else's crisis is exposure to suicide: a risk factor for the author, no more.
  if (subject === 'THIRD') {
    return { ...base, effectiveTier: pattern.tier === 'LOW' ? 'NONE' : 'LOW', discount: 'OTHER_PERSON' };
  }

  // "I thought about ending my life every day. That was four years ago.": the time since is
  // told in the next sentence, as people often put it. Thoughts and urges only: an attempt stays
  // at its tier ("I tried once. That was four years ago. Things haven't gotten better"), the
  // strongest single predictor, and over-rating it is the lesser error.
  const toldAsOver = pattern.construct !== 'ATTEMPT' && !RECENT.test(clause.text) && PAST_NEXT_SENTENCE.test(nextSentence(text, clause.start + index));
  if (stoppedSince || toldAsOver || (DISTANT_PAST.test(clause.text) && !isRecent(clause.text))) {
    return { ...base, effectiveTier: pastTier(pattern), discount: 'PAST' };
  }
  return { ...base, effectiveTier: pattern.tier, discount: null };
}

/**
 * A person named as the subject right before a reflexive phrase that does not say "I" itself:
 * "your daughter has been cutting", "my son keeps hurting himself". The phrase ("been cutting")
 * is theirs, not the author's; "I have been cutting" has no such subject and stays the author's.
 */
const NAMED_PERSON_SUBJECT =
  /\b(?:my|your|his|her|their|our|a) (?:\w+ )?(?:daughter|son|child|kid|teen|teenager|friend|partner|sister|brother|wife|husband|girlfriend|boyfriend|client|patient|student|mom|mum|mother|dad|father|cousin|roommate)s? (?:has|have|had|is|was|were|keeps|kept|started|still)(?: (?:has|have|had|is|was|been|also|now))? ?$/;

// "I am one of those people who want to die": the author counts themselves among them.
const SELF_AMONG_BEFORE = /\bi (?:am|was|feel like|have always been) (?:one of|among) (?:those |the |these |many )?(?:\w+ )?(?:who|that) $/;

/** About someone else, only an attempt or a suicide is exposure ("they don't want to live with you" is not). */
const EXPOSURE_CONSTRUCTS = new Set<CrisisConstruct>(['ATTEMPT', 'SUICIDE_EXPOSURE', 'ACTIVE_IDEATION']);

/** Notes beside the phrases, not phrases: they never add points. */
const NOT_SCORED = new Set<CrisisConstruct>(['ACCUMULATED_RISK', 'THREAT_TO_OTHERS', 'LEARNED_MODEL', 'AUTHOR_CONTEXT', 'THREAD_CONTEXT']);

/** Points one evidence item adds, and the bucket it adds them to (each bucket counts once). */
function pointsOf(item: CrisisEvidence): { bucket: CrisisContribution['construct']; points: number } | null {
  if (NOT_SCORED.has(item.construct)) return null;
  if (item.discount === null) {
    switch (item.effectiveTier) {
      case 'NONE':
        return null;
      case 'LOW':
        return { bucket: item.construct, points: item.construct === 'DEATH_TALK' ? CRISIS_SCORE.deathTalk : CRISIS_SCORE.distress };
      case 'MODERATE':
        return { bucket: item.construct, points: CRISIS_SCORE.moderate };
      case 'HIGH':
        return { bucket: item.construct, points: CRISIS_SCORE.high };
      case 'IMMINENT':
        return { bucket: item.construct, points: CRISIS_SCORE.imminent };
    }
  }
  // "I attempted last year" is a risk factor in a peer-support forum, not a reason to look away.
  if (item.discount === 'PAST') {
    if (item.construct === 'ATTEMPT' || item.construct === 'PLAN' || item.construct === 'GOODBYE' || item.construct === 'TIMING') {
      return { bucket: 'HISTORY', points: CRISIS_SCORE.pastAttempt };
    }
    // A past psychiatric admission is history too: with any current distress it is worth a peer's check-in.
    if (CONSTRUCTS_THAT_ARE_IDEATION.has(item.construct) || item.construct === 'HOSPITALISATION') {
      return { bucket: 'HISTORY', points: CRISIS_SCORE.otherHistory };
    }
    return null;
  }
  // Someone else's attempt or suicide, as the author tells it (not "you", which is talking to someone).
  if (item.discount === 'OTHER_PERSON' && item.effectiveTier !== 'NONE' && EXPOSURE_CONSTRUCTS.has(item.construct)) {
    return { bucket: 'SUICIDE_EXPOSURE', points: CRISIS_SCORE.exposure };
  }
  return null;
}

function scoreOf(items: readonly CrisisEvidence[]): { score: number; contributions: CrisisContribution[] } {
  const best = new Map<CrisisContribution['construct'], CrisisContribution>();
  for (const item of items) {
    const counted = pointsOf(item);
    if (!counted) continue;
    const current = best.get(counted.bucket);
    if (current && current.points >= counted.points) continue;
    best.set(counted.bucket, {
      construct: counted.bucket,
      points: counted.points,
      patternId: item.patternId,
      tier: item.tier,
      discount: item.discount,
      phrase: item.phrase,
    });
  }
  const contributions = [...best.values()].sort((a, b) => b.points - a.points);
  return { score: contributions.reduce((sum, c) => sum + c.points, 0), contributions };
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
    case 'DEFEAT':
    case 'DEATH_TALK':
    case 'THREAT_TO_OTHERS':
    case 'ACCUMULATED_RISK':
    case 'LEARNED_MODEL':
    case 'AUTHOR_CONTEXT':
    case 'THREAD_CONTEXT':
      return 'NONE';
  }
}

/**
 * A threat laughed off in the same breath ("I want to kill my boss lol"): venting, most likely, so
 * a peer reads it instead of a clinician being paged for duty-to-warn. Only within the threat's
 * sentence and the one after it, and never for violence against a school, a crowd or a workplace.
 */
const SAID_IN_JEST =
  /(?:^|[\s(])(?:lol+|lmf?ao+|rofl|(?:ha){2,}h?|(?:he){2,}|jk|j\/k|just kidding|kidding|jokes?|joking)(?=$|[\s.!?,)])|[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F61C}\u{1F61D}\u{1F643}]/u;
// "not joking", "no joke", "I am not kidding" say the opposite.
const NOT_IN_JEST = /\b(?:not|no|never|nothing)\s+(?:even\s+|a\s+)?(?:joking|kidding|joke|jk)\b/g;
const NEVER_IN_JEST = new Set(['threat.shoot-up']);

function assessThreat(pattern: CrisisPattern, clause: Clause, match: RegExpMatchArray, quoted: readonly TextRange[], text: string): CrisisEvidence | null {
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
  if (isInside(quoted, absolute)) {
    return { ...base, effectiveTier: 'NONE', discount: 'QUOTED' };
  }
  if (isNegated(before, match[0].split(' ')[0] ?? '')) return { ...base, effectiveTier: 'NONE', discount: 'NEGATED' };
  if (pattern.id !== 'threat.should-die' && subject !== 'SELF') {
    return { ...base, effectiveTier: 'NONE', discount: 'OTHER_PERSON' };
  }
  const after = absolute + match[0].length;
  if (!NEVER_IN_JEST.has(pattern.id) && SAID_IN_JEST.test(`${sentenceAfter(text, after)} ${nextSentence(text, after)}`.replace(NOT_IN_JEST, ''))) {
    return { ...base, effectiveTier: 'NONE', discount: 'HYPOTHETICAL' };
  }
  return { ...base, effectiveTier: pattern.tier, discount: null };
}

function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const separator of text.matchAll(CLAUSE_BREAK)) {
    const end = separator.index ?? 0;
    if (end > start) clauses.push(clauseAt(text, start, end));
    start = end + separator[0].length;
  }
  if (start < text.length) clauses.push(clauseAt(text, start, text.length));
  return clauses.filter((clause) => clause.text.length > 0);
}

/** A clause and where its first character is in the text (positions are compared with quoted ranges). */
function clauseAt(text: string, start: number, end: number): Clause {
  const raw = text.slice(start, end);
  return { text: raw.trim(), start: start + raw.length - raw.trimStart().length };
}

function sentenceAround(text: string, position: number): string {
  const start = Math.max(text.lastIndexOf('.', position), text.lastIndexOf('!', position), text.lastIndexOf('?', position)) + 1;
  const rest = text.slice(position).search(/[.!?]/);
  return text.slice(start, rest < 0 ? text.length : position + rest).trim();
}

/** The sentence before the one around `position` ('' for the first). */
function sentenceBefore(text: string, position: number): string {
  const start = Math.max(text.lastIndexOf('.', position), text.lastIndexOf('!', position), text.lastIndexOf('?', position), text.lastIndexOf('\n', position));
  if (start <= 0) return '';
  const head = text.slice(0, start).replace(/[.!?\n\s]+$/, '');
  const previous = Math.max(head.lastIndexOf('.'), head.lastIndexOf('!'), head.lastIndexOf('?'), head.lastIndexOf('\n'));
  return head.slice(previous + 1).trim();
}

/** The sentence after the one around `position` ('' for the last). */
function nextSentence(text: string, position: number): string {
  const end = text.slice(position).search(/[.!?\n]/);
  if (end < 0) return '';
  const rest = text.slice(position + end).replace(/^[.!?\n\s]+/, '');
  const stop = rest.search(/[.!?\n]/);
  return (stop < 0 ? rest : rest.slice(0, stop)).trim();
}

function sentenceAfter(text: string, position: number): string {
  const rest = text.slice(position);
  const end = rest.search(/[.!?\n]/);
  return end < 0 ? rest : rest.slice(0, end);
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

/**
 * Whose noun phrase it is: the word right before decides ("my suicidal thoughts", "his"); with none
 * there, the third-person subject of a verb of having does ("my friend has suicidal thoughts"). A generic "you"
 * earlier in the clause is often the author talking, so it does not.
 */
function possessiveSubject(before: readonly string[]): Subject {
  const adjacent = subjectBefore(before.slice(-1));
  if (
    before.length > 0 &&
    (SELF_WORDS.has(before[before.length - 1]) || SECOND_WORDS.has(before[before.length - 1]) || THIRD_WORDS.has(before[before.length - 1]))
  ) {
    return adjacent;
  }
  // Only through a verb of having: "one of them featured a lot of thoughts of suicide" is the author's.
  const hasVerb = before.length > 0 && HAVING_VERBS.has(before[before.length - 1]);
  return hasVerb && subjectBefore(before) === 'THIRD' ? 'THIRD' : 'SELF';
}

const HAVING_VERBS = new Set(['has', 'had', 'have', 'having', 'gets', 'got', 'get', 'experiences', 'experienced', 'developed', 'with']);

function snippet(clause: string, index: number, length: number): string {
  const before = clause.slice(0, index).split(' ').filter(Boolean).slice(-3).join(' ');
  const after = clause
    .slice(index + length)
    .split(' ')
    .filter(Boolean)
    .slice(0, 3)
    .join(' ');
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
