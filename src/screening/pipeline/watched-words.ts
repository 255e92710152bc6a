import { DataSet, type EnglishProfaneWord, englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

import { normaliseText, type NormalisedText } from './normalise';

/** An admin-managed watched word, as stored by the admin screens. */
export interface WatchedWordEntry {
  readonly id: string;
  readonly term: string;
  readonly action: 'HOLD' | 'FLAG';
}

export type WatchedWordSource = 'ADMIN_LIST' | 'SLUR' | 'DIRECTED_PROFANITY' | 'INCITEMENT_TO_SELF_HARM';

export interface WatchedWordHit {
  readonly source: WatchedWordSource;
  /** The admin entry id, or the library word for built-in matches. */
  readonly ruleId: string;
  readonly phrase: string;
  readonly action: 'HOLD' | 'FLAG';
  /** One sentence a moderator can read: why this action and not the other. */
  readonly why: string;
}

export interface WatchedWordsResult {
  readonly hits: readonly WatchedWordHit[];
}

type LibraryCategory = 'SLUR' | 'INSULT' | 'SWEAR' | 'SEXUAL' | 'IGNORED';

/**
 * How the obscenity library's words are treated here. Disclosure and body words (rape, incest,
 * sex, vagina...) are IGNORED: survivors must be able to say what happened to them.
 */
const LIBRARY_CATEGORIES: Record<EnglishProfaneWord, LibraryCategory> = {
  abeed: 'SLUR',
  abo: 'SLUR',
  africoon: 'SLUR',
  arabush: 'SLUR',
  boonga: 'SLUR',
  chingchong: 'SLUR',
  chink: 'SLUR',
  dyke: 'SLUR',
  fag: 'SLUR',
  kike: 'SLUR',
  negro: 'SLUR',
  nigger: 'SLUR',
  retard: 'SLUR',
  spastic: 'SLUR',
  tranny: 'SLUR',
  bastard: 'INSULT',
  bitch: 'INSULT',
  cock: 'INSULT',
  cuck: 'INSULT',
  cunt: 'INSULT',
  dick: 'INSULT',
  prick: 'INSULT',
  pussy: 'INSULT',
  slut: 'INSULT',
  twat: 'INSULT',
  whore: 'INSULT',
  turd: 'INSULT',
  wank: 'INSULT',
  ass: 'INSULT',
  arse: 'INSULT',
  fuck: 'SWEAR',
  shit: 'SWEAR',
  piss: 'SWEAR',
  bollocks: 'SWEAR',
  blowjob: 'SEXUAL',
  buttplug: 'SEXUAL',
  cum: 'SEXUAL',
  deepthroat: 'SEXUAL',
  dildo: 'SEXUAL',
  doggystyle: 'SEXUAL',
  'double penetration': 'SEXUAL',
  felch: 'SEXUAL',
  fellatio: 'SEXUAL',
  'finger bang': 'SEXUAL',
  fisting: 'SEXUAL',
  gangbang: 'SEXUAL',
  handjob: 'SEXUAL',
  hentai: 'SEXUAL',
  jizz: 'SEXUAL',
  'jerk off': 'SEXUAL',
  orgy: 'SEXUAL',
  lubejob: 'SEXUAL',
  scat: 'SEXUAL',
  hooker: 'SEXUAL',
  boob: 'IGNORED',
  tit: 'IGNORED',
  anal: 'IGNORED',
  anus: 'IGNORED',
  bestiality: 'IGNORED',
  ejaculate: 'IGNORED',
  incest: 'IGNORED',
  masturbate: 'IGNORED',
  orgasm: 'IGNORED',
  penis: 'IGNORED',
  porn: 'IGNORED',
  rape: 'IGNORED',
  semen: 'IGNORED',
  sex: 'IGNORED',
  vagina: 'IGNORED',
};

// A copy, so removing words here never changes the library's shared dataset for anyone else.
const libraryDataset = new DataSet<{ originalWord: EnglishProfaneWord }>()
  .addAll(englishDataset)
  .removePhrasesIf((phrase) => phrase.metadata !== undefined && LIBRARY_CATEGORIES[phrase.metadata.originalWord] === 'IGNORED');
const libraryMatcher = new RegExpMatcher({
  ...libraryDataset.build(),
  ...englishRecommendedTransformers,
});

// Also ordinary English words (a dyke holds back the sea; a fag is a cigarette in the UK).
const HOMONYM_SLURS = new Set<EnglishProfaneWord>(['dyke', 'fag']);

// Quoting or naming a slur to object to it is counter-speech: a human looks, nothing is hidden.
const REFERENCE_CONTEXT =
  /\b(?:call(?:s|ed|ing)? (?:someone|somebody|people|him|her|them|me|us|you|anyone|others|a person)|the (?:word|term|slur|n word|f word)|(?:say|says|said|saying|use|uses|used|using|write|wrote|writing|shout|shouted|shouting|yell|yelled) |is a slur|are slurs|slurs? (?:like|such as)|not (?:ok|okay|acceptable|cool|alright|fine)|(?:do not|never|stop) (?:say|call|use))/;
// "we are X and proud", "my n*gga": reclaimed use by the group itself; forum policy decides.
const SELF_REFERENCE = /\b(?:i am|i'm|we are|we're|us|my|our)\s+(?:\w+\s+)?$/;
const SECOND_PERSON = /\b(?:you|your|yourself|yourselves|ya|yall|y'all)\b/;
const THIRD_PERSON_TARGET =
  /\b(?:he|she|they|him|her|them|his|their) (?:is|are|was|were|'s)? ?(?:a |an |such a |such |the |fucking |stupid |little |dumb |fat |ugly )*$/;

const INCITEMENT =
  /(?<![\p{L}])(?:kys|kill yourself|kill yourselves|go die|go and die|hang yourself|neck yourself|unalive yourself|end yourself|drink bleach|(?:you|u) should (?:just )?die|hope you die|(?:do|go) (?:us all|everyone|the world) a favou?r and die)(?![\p{L}])/gu;
const INCITEMENT_NEGATED = /\b(?:not|never|please do not|no one should|nobody should|do not want you to|told (?:me|him|her|them) to)\s+(?:\w+\s+){0,2}$/;

/**
 * Phase 3 of screening: the admin list first, then the library of slurs and profanity, then
 * incitement to self-harm ("kys"). Returns only hits that change something (HOLD or FLAG).
 *
 * Profanity in self-talk ("this week was shit", "fucking hell") is not a hit at all: swearing is
 * ordinary in therapy spaces, and flagging it teaches clients to censor how they feel. It is held
 * only when aimed at a person ("fuck you", "you stupid bitch"); the toxicity model covers the rest.
 */
export function matchWatchedWords(normalised: NormalisedText, entries: readonly WatchedWordEntry[]): WatchedWordsResult {
  return {
    hits: [...matchAdminList(normalised, entries), ...matchLibrary(normalised.text), ...matchIncitement(normalised.text)],
  };
}

function matchAdminList(normalised: NormalisedText, entries: readonly WatchedWordEntry[]): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const entry of entries) {
    const letters = normaliseText(entry.term).squashed;
    if (letters.length === 0) continue;
    const inText = termPattern(letters).exec(normalised.text);
    if (inText) {
      hits.push({ source: 'ADMIN_LIST', ruleId: entry.id, phrase: inText[0], action: entry.action, why: `watched word "${entry.term}"` });
      continue;
    }
    // Only long terms are looked for across word breaks, and such a hit never hides a post:
    // "the rapist" lives inside "therapist", so a person decides.
    if (letters.length >= 6 && squashedPattern(letters).test(normalised.squashed)) {
      hits.push({
        source: 'ADMIN_LIST',
        ruleId: entry.id,
        phrase: letters,
        action: 'FLAG',
        why: `watched word "${entry.term}" found only with word breaks removed; review, not hold`,
      });
    }
  }
  return hits;
}

/** Each letter may repeat ("baaad"); longer terms tolerate one separator between letters ("bad-word"). */
function termPattern(letters: string): RegExp {
  const separator = letters.length >= 4 ? '[\\s.\\-_*]?' : '';
  const body = [...letters].map((letter) => `${escapeRegExp(letter)}+`).join(separator);
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es|ed|ing|er|ers)?(?![\\p{L}\\p{N}])`, 'u');
}

function squashedPattern(letters: string): RegExp {
  return new RegExp([...letters].map((letter) => `${escapeRegExp(letter)}+`).join(''), 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchLibrary(text: string): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const match of libraryMatcher.getAllMatches(text, true)) {
    const word = libraryDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    if (!word) continue;
    const category = LIBRARY_CATEGORIES[word];
    const phrase = text.slice(match.startIndex, match.endIndex + 1);
    const clause = clauseAround(text, match.startIndex, match.endIndex + 1);
    const before = clause.before;
    const inQuotes = isInsideQuotes(text, match.startIndex);
    switch (category) {
      case 'SLUR':
        if (inQuotes || REFERENCE_CONTEXT.test(clause.whole)) {
          hits.push({ source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'slur quoted or referred to (counter-speech): review, not hold' });
        } else if (HOMONYM_SLURS.has(word) && !SECOND_PERSON.test(clause.whole)) {
          hits.push({ source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'word is also ordinary (an embankment, a cigarette): review, not hold' });
        } else if (SELF_REFERENCE.test(before)) {
          hits.push({ source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'slur used about the author or their own group: review, not hold' });
        } else {
          hits.push({ source: 'SLUR', ruleId: word, phrase, action: 'HOLD', why: 'slur used about a person or group' });
        }
        break;
      case 'INSULT':
        if (inQuotes || REFERENCE_CONTEXT.test(clause.whole)) {
          hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'FLAG', why: 'insult quoted or referred to: review, not hold' });
        } else if (SECOND_PERSON.test(clause.whole) || THIRD_PERSON_TARGET.test(before)) {
          hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'HOLD', why: 'insult aimed at a person' });
        }
        break;
      case 'SWEAR':
        if (!inQuotes && /\b(?:fuck|screw) (?:you|yourself|him|her|them)\b/.test(clause.whole)) {
          hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'HOLD', why: 'profanity aimed at a person' });
        } else if (!inQuotes && SECOND_PERSON.test(clause.whole)) {
          hits.push({
            source: 'DIRECTED_PROFANITY',
            ruleId: word,
            phrase,
            action: 'FLAG',
            why: 'profanity in a sentence addressed to someone: review, not hold',
          });
        }
        break;
      case 'SEXUAL':
        hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'FLAG', why: 'sexually explicit term: review, not hold' });
        break;
      case 'IGNORED':
        break;
    }
  }
  return hits;
}

function matchIncitement(text: string): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const match of text.matchAll(INCITEMENT)) {
    const index = match.index ?? 0;
    const clause = clauseAround(text, index, index + match[0].length);
    // "please don't kill yourself" is care, not abuse; a quote is someone else's words.
    if (INCITEMENT_NEGATED.test(clause.before) || isInsideQuotes(text, index)) continue;
    if (/\b(?:want|wanted|wanting|thinking about|thought about|tried) to $/.test(clause.before)) continue;
    hits.push({ source: 'INCITEMENT_TO_SELF_HARM', ruleId: match[0], phrase: match[0], action: 'HOLD', why: 'tells someone to harm or kill themselves' });
  }
  return hits;
}

function clauseAround(text: string, start: number, end: number): { before: string; whole: string } {
  const from =
    Math.max(text.lastIndexOf('.', start - 1), text.lastIndexOf('!', start - 1), text.lastIndexOf('?', start - 1), text.lastIndexOf('\n', start - 1)) + 1;
  const stops = ['.', '!', '?', '\n'].map((stop) => text.indexOf(stop, end)).filter((index) => index >= 0);
  const to = stops.length > 0 ? Math.min(...stops) : text.length;
  return { before: text.slice(from, start), whole: text.slice(from, to) };
}

function isInsideQuotes(text: string, index: number): boolean {
  return (text.slice(0, index).match(/"/g) ?? []).length % 2 === 1;
}
