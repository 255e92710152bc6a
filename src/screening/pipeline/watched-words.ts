import { DataSet, type EnglishProfaneWord, englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

import { repairAbuseSpelling } from './abuse-spelling-repair';
import { normaliseText, type NormalisedText } from './normalise';

/** An admin-managed watched word, as stored by the admin screens. */
export interface WatchedWordEntry {
  readonly id: string;
  readonly term: string;
  readonly action: 'HOLD' | 'FLAG';
}

export type WatchedWordSource =
  'ADMIN_LIST' | 'SLUR' | 'DIRECTED_PROFANITY' | 'INCITEMENT_TO_SELF_HARM' | 'TARGETED_INSULT' | 'GROUP_DEROGATION' | 'CALL_FOR_VIOLENCE';

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
  /\b(?:call(?:s|ed|ing)? (?:someone|somebody|people|him|her|them|me|us|you|anyone|others|a person|my \w+|our \w+)|the (?:word|term|slur|n word|f word)|(?:say|says|said|saying|use|uses|used|using|write|wrote|writing|shout|shouted|shouting|yell|yelled) |is a slur|are slurs|slurs? (?:like|such as)|not (?:ok|okay|acceptable|cool|alright|fine)|(?:do not|never|stop) (?:say|call|use))/;
// "we are X and proud", "my n*gga": reclaimed use by the group itself; forum policy decides.
const SELF_REFERENCE = /\b(?:i am|i'm|we are|we're|us|my|our)\s+(?:\w+\s+)?$/;
const SECOND_PERSON = /\b(?:you|your|yourself|yourselves|ya|yall|y'all)\b/;
const THIRD_PERSON_TARGET =
  /\b(?:he|she|they|him|her|them|his|their) (?:is|are|was|were|'s)? ?(?:a |an |such a |such |the |fucking |stupid |little |dumb |fat |ugly )*$/;

const INCITEMENT =
  /(?<![\p{L}])(?:kys|kill yourself|kill yourselves|go die|go and die|hang yourself|neck yourself|unalive yourself|end yourself|drink bleach|(?:you|u) should (?:just )?die|hope you die|(?:do|go) (?:us all|everyone|the world) a favou?r and die)(?![\p{L}])/gu;
const INCITEMENT_NEGATED = /\b(?:not|never|please do not|no one should|nobody should|do not want you to|told (?:me|him|her|them) to)\s+(?:\w+\s+){0,2}$/;

/**
 * Insults without swearing, which the library does not know: words a person uses to put someone
 * down. A word alone is not a hit (self-talk: "I feel like an idiot"); only aimed at someone is.
 */
const INSULT_NOUN = `(?:idiot|moron|imbecile|loser|failure|freak|creep|clown|joke|nobody|parasite|scum|scumbag|trash(?! (?:talk\\w*|at|can|bags?|day|bin|pickup))|garbage(?! (?:truck|bags?|can|day|bin|disposal))|rubbish|filth|vermin|pig|dumbass|jackass|dipshit|dumbfuck|jerk|cretin|fool|halfwit|nitwit|dimwit|waste of (?:space|air|oxygen|time|skin)|piece of (?:shit|crap|garbage|trash)|pos|disgrace|embarrassment|disappointment|psycho|lunatic|weirdo|attention (?:seeker|whore)|liar|coward|leech|hypocrite|troll|snowflake|degenerate|subhuman|animal|cockroach|rat|worm|pest|muppet|cow|pillock|tosser|dunce|buffoon|numpty|simpleton|ignoramus)s?`;
const INSULT_ADJECTIVE = `(?:stupid|dumb|worthless|despicable|sickening|contemptible|deplorable|repellent|useless|pathetic|disgusting|ugly|fat|hideous|repulsive|revolting|vile|brainless|clueless|braindead|brain dead|retarded|idiotic|moronic|insufferable|annoying|trashy|lame|gross|spineless|gutless|delusional|repugnant|ignorant|dishonest|the (?:absolute |very )?worst)`;
const INSULT_INTENSIFIER = `(?:(?:a|an|such an?|so|really|truly|totally|completely|absolutely|utterly|absolute|complete|total|utter|human|common|massive|the most|the biggest|one|just an?|nothing but an?|fucking|fuckin|freaking|bloody|little|big|fat|lazy|ugly|stupid|dumb|worthless|useless|pathetic|disgusting|sad|sorry|old|whiny|whining|pitiful|probably|clearly|obviously|honestly|seriously|literally|definitely|all that) )*`;
/** "you are (a) worthless idiot", "you pathetic loser", "are you stupid", "ur a joke". */
const TARGETED_INSULT = new RegExp(
  `(?<![\\p{L}])(?:(?:you are|you were|you have always been|you will always be|you will never be anything but|you|are you|was you|you all are|all of you are|you guys are|you people are|you lot are|you are all|you (?:sound|look|seem|act|are acting)(?: like)?)(?: just| still| nothing but)? ${INSULT_INTENSIFIER}(?:${INSULT_NOUN}|${INSULT_ADJECTIVE}(?! (?:to|about|of|for|that|when|because|if|with|at|as)\\b)))(?![\\p{L}])|(?<![\\p{L}])(?:every ?(?:one|body)(?: here| in this group| on this forum)? (?:hates|despises|laughs at|is laughing at|is sick of|is tired of|can not stand) you|(?:no ?one|nobody)(?: here| in this group| on this forum)? (?:likes|loves|wants|cares about|gives a (?:shit|fuck|damn) about|would miss|needs) you|(?:go away|shut up|get lost|piss off|fuck off|get a life|grow up|get over yourself|nobody cares|no one cares),? (?:you )?${INSULT_INTENSIFIER}(?:${INSULT_NOUN}|${INSULT_ADJECTIVE})|i (?:really |absolutely |just |fucking )?(?:hate|despise|detest|loathe|can not stand) you|you (?:make me sick|disgust me|sicken me)|what (?:a|an) ${INSULT_INTENSIFIER}(?:${INSULT_NOUN}|${INSULT_ADJECTIVE} (?:person|human being|excuse for a (?:human|person)))(?: you are| you have become| you turned out to be|,? you)|how (?:${INSULT_ADJECTIVE}) (?:are you|can you be)|(?:go to|burn in|rot in) hell(?:,? you)?)(?![\\p{L}])`,
  'gu',
);
/**
 * A person named in the post ("River is a pathetic loser"): a capitalised word before "is/was",
 * followed by a word only ever said of a person. Nouns that also describe things ("joke",
 * "failure", "trash") are left out, since "Therapy is a joke" is an opinion, not an attack.
 */
const PERSON_INSULT_NOUN = `(?:idiot|moron|imbecile|loser|freak|creep|clown|parasite|scumbag|dumbass|jackass|dipshit|dumbfuck|jerk|cretin|halfwit|nitwit|dimwit|psycho|lunatic|weirdo|liar|coward|leech|hypocrite|degenerate|subhuman|waste of (?:space|air|oxygen|skin)|piece of (?:shit|crap|garbage|trash))`;
const NAMED_INSULT = new RegExp(
  `(?<![\\p{L}])([\\p{L}]+) (?:is|was|has always been|will always be)(?: just| still| nothing but)? ${INSULT_INTENSIFIER}${PERSON_INSULT_NOUN}(?![\\p{L}])`,
  'gu',
);
/** Capitalised words that are not names: sentence words, pronouns, family and roles (venting about them is not an attack on a member). */
const NOT_A_NAME =
  /^(?:i|he|she|it|this|that|who|what|which|everyone|everybody|someone|somebody|nobody|mom|mum|dad|mother|father|brother|sister|husband|wife|boyfriend|girlfriend|boss|teacher|therapist|doctor|he's|she's|there|here|my|the|a|an|and|but|so|because|life|god)$/;

/** "if you think you are a failure", "whoever told you you are worthless", "you are not a burden". */
const INSULT_NOT_AIMED =
  /\b(?:not|never|no longer|stop|do not|does not|did not|think|thinks|thinking|thought|feel|feels|feeling|felt|believe|believes|believing|tell|tells|telling|told|say|says|saying|said|call|calls|called|calling|like|if|whether|when|means|mean|make|makes|made|that)\s+(?:\w+\s+){0,2}$/;
/** After "you are": a word that turns the insult into care or into a description of a feeling. */
const INSULT_FOLLOWED_BY_CARE = /^\s*(?:enough|worth|loved|not alone|not|either)\b/;

/**
 * Phase 3 of screening: the admin list first, then the library of slurs and profanity, then
 * incitement to self-harm ("kys"). Returns only hits that change something (HOLD or FLAG).
 *
 * Profanity in self-talk ("this week was shit", "fucking hell") is not a hit at all: swearing is
 * ordinary in therapy spaces, and flagging it teaches clients to censor how they feel. It is held
 * only when aimed at a person ("fuck you", "you stupid bitch"); the toxicity model covers the rest.
 */
export function matchWatchedWords(normalised: NormalisedText, entries: readonly WatchedWordEntry[]): WatchedWordsResult {
  const hits = withTargetedInsults(normalised, [...matchAdminList(normalised, entries), ...matchBuiltIn(normalised)]);
  return { hits: hits.some((hit) => hit.action === 'HOLD') ? hits : [...hits, ...matchRepairedSpelling(normalised, hits)] };
}

function matchBuiltIn(normalised: NormalisedText): WatchedWordHit[] {
  return [...matchLibrary(normalised.text), ...matchUnlistedSlurs(normalised.text), ...matchIncitement(normalised.text)];
}

/**
 * The built-in rules again on the text with spelling tricks undone ("womn are scum", "I haet",
 * "Ihate"). A repair is a guess, so what only the repaired text shows is read by a person (FLAG)
 * and never hides a post on its own.
 */
function matchRepairedSpelling(normalised: NormalisedText, found: readonly WatchedWordHit[]): WatchedWordHit[] {
  const repaired = repairAbuseSpelling(normalised.text);
  if (repaired.repairs.length === 0) return [];
  const seen = new Set(found.map((hit) => `${hit.source}:${hit.ruleId}`));
  const asRead = repaired.repairs.map((repair) => `"${repair.from}" as "${repair.to}"`).join(', ');
  const text: NormalisedText = { ...normalised, text: repaired.text };
  return withTargetedInsults(text, matchBuiltIn(text))
    .filter((hit) => !seen.has(`${hit.source}:${hit.ruleId}`))
    .map((hit) => ({ ...hit, action: 'FLAG' as const, why: `${hit.why}, with the spelling read as meant (${asRead}): review, not hold` }));
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
        hits.push(slurHit(word, phrase, HOMONYM_SLURS.has(word), inQuotes, clause));
        break;
      case 'INSULT':
        if (inQuotes || REFERENCE_CONTEXT.test(clause.whole)) {
          hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'FLAG', why: 'insult quoted or referred to: review, not hold' });
        } else if (SECOND_PERSON.test(clause.whole) || THIRD_PERSON_TARGET.test(before)) {
          hits.push({ source: 'DIRECTED_PROFANITY', ruleId: word, phrase, action: 'HOLD', why: 'insult aimed at a person' });
        } else if (KIND_OF_PERSON.test(before)) {
          hits.push({
            source: 'DIRECTED_PROFANITY',
            ruleId: word,
            phrase,
            action: 'FLAG',
            why: 'insult used as a name for a kind of person: review, not hold',
          });
        }
        break;
      case 'SWEAR':
        // The matched word, however it is spelled ("fvck you", "f*ck you"), aimed at a person.
        if (!inQuotes && (/\b(?:fuck|screw) (?:you|yourself|him|her|them)\b/.test(clause.whole) || AIMED_AFTER.test(text.slice(match.endIndex + 1)))) {
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

function slurHit(word: string, phrase: string, homonym: boolean, inQuotes: boolean, clause: { before: string; whole: string }): WatchedWordHit {
  if (inQuotes || REFERENCE_CONTEXT.test(clause.whole))
    return { source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'slur quoted or referred to (counter-speech): review, not hold' };
  if (homonym && !SECOND_PERSON.test(clause.whole))
    return { source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'word is also ordinary (an embankment, a cigarette): review, not hold' };
  if (SELF_REFERENCE.test(clause.before))
    return { source: 'SLUR', ruleId: word, phrase, action: 'FLAG', why: 'slur used about the author or their own group: review, not hold' };
  return { source: 'SLUR', ruleId: word, phrase, action: 'HOLD', why: 'slur used about a person or group' };
}

/**
 * Slurs the library does not list, as written (plural or not). "Queer" is left out on purpose:
 * members use it of themselves far more often than anyone throws it at them; "jihadi" too, a
 * word of the news far more often than an insult.
 */
const UNLISTED_SLUR =
  /(?<![\p{L}])(muzzie|wetback|shemale|rapefugee|raghead|towelhead|spic|gook|beaner|kyke|paki|camel ?fucker|coon|mong|cripple)s?(?![\p{L}])/gu;
/** Also a word for something else (a raccoon, a verb, "Mong Kok", "gobbledy gook"): held only when said to someone. */
const UNLISTED_HOMONYM_SLURS = new Set(['coon', 'mong', 'cripple', 'gook']);
/** Before a homonym: the words that make it a name for a person ("a cripple", "you coon"), not a verb or a place. */
const NAMING_A_PERSON =
  /\b(?:a|an|the|you|ya|u|some|that|this|those|these|fucking|stupid|dumb|little|old|my|your|his|her|their|our|typical|many|of|bunch of|common|another)\s+$/;

function matchUnlistedSlurs(text: string): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const match of text.matchAll(UNLISTED_SLUR)) {
    const index = match.index ?? 0;
    const word = match[1].replace(/ /g, '');
    const clause = clauseAround(text, index, index + match[0].length);
    if (UNLISTED_HOMONYM_SLURS.has(word) && !NAMING_A_PERSON.test(clause.before)) continue;
    // Quoted or named to object to it, it is counter-speech. Unlike the library's slurs (flagged so
    // that a person sees them), these add no flag: on HateCheck they made non-hateful posts flagged
    // 76 -> 112, every added one a person objecting to the word.
    const inQuotes = isInsideQuotes(text, index);
    if (inQuotes || REFERENCE_CONTEXT.test(clause.whole)) continue;
    hits.push(slurHit(word, match[0], UNLISTED_HOMONYM_SLURS.has(word), inQuotes, clause));
  }
  return hits;
}

/** Before an insult word: it names a kind of person ("typical bitch behaviour", "too many sluts"), not a thing or a mood. */
const KIND_OF_PERSON = /(?<!\blike )\b(?:typical|just another|a bunch of|too many|so many|all these|all those)\s+(?:\w+\s+)?$/;

const ENDS_IN_INSULT_NOUN = new RegExp(`${INSULT_NOUN}$|you$|${INSULT_NOUN},? you(?: are| have become| turned out to be)?$`, 'u');
const BARE_YOU_VERB = /^you (?:joke|rat|worm|troll|clown|fool|animal|pest|pig|failure|nobody|leech|creep)s?$/;

/** Right after a swear word: its target ("fvck you", "f off you"). */
const AIMED_AFTER = /^\s+(?:you|yourself|yourselves|u|off you)\b/;

/**
 * Hate aimed at a group of people by what they are (HateCheck's derogation and threats): the
 * groups hate speech names. "I hate men" from a survivor is still read by a person (FLAG); a group
 * called vermin or told it should die is held.
 */
const GROUP = `(?:(?:every|each|any|all|most|many|some)(?: single)?(?: one)? of )?(?:(?:all|the|most|these|those|you|other|any|every|each) )?(?:women|woman|girls|men|gays|lesbians?|bisexuals?|homosexuals|queers|blacks|whites|asians|latinos|latinas|hispanics|arabs|mexicans|jews|muslims?|christians|hindus|immigrants?|refugees|migrants|foreigners|minorities|(?:gay|trans|transgender|black|white|asian|latino|hispanic|arab|indian|chinese|mexican|jewish|muslim|christian|disabled|autistic|mentally ill|deaf|blind|female|immigrant) (?:people|persons?|person|folk|folks|men|women|man|woman|guys|kids|lives)|disabled|trans|autistics)(?: like (?:you|them|him|her|that|these|those|yourself))?`;
/** What a person is, said as an adjective ("female trash", "gay lives"). */
const IDENTITY = `(?:female|gay|lesbian|bisexual|queer|trans|transgender|black|white|asian|latino|hispanic|arab|indian|chinese|mexican|jewish|muslim|christian|hindu|disabled|autistic|immigrant|refugee|migrant)`;
const DEHUMANISING = `(?:plagues?|virus(?:es)?|diseases?|cancers?|parasites?|vermin|scum|filth|dirt|animals|savages|subhumans?|lesser beings|abominations?|rats|cockroaches|pests|trash|garbage|rubbish|a (?:plague|virus|disease|cancer|burden|curse|blight|stain) (?:on|to|for|upon) (?:society|the world|humanity|this country|our country|us all))`;
const GROUP_VIOLENCE = new RegExp(
  `(?<![\\p{L}])(?:(?:kill|murder|exterminate|get rid of|wipe out|gas|hang|shoot|execute|eradicate|slaughter|lynch|beat up|burn) (?:all|every|each|more)? ?(?:of )?(?:(?:that|this) )?${GROUP}|(?:end|take) (?:every|all|each) ${GROUP}(?:'s|s') li(?:fe|ves)|death to (?:all )?${GROUP}|${GROUP} (?:should|must|ought to|deserve to|need to|have to|would be better off if they)(?: all| just| be made to)? (?:die|suffer|burn|rot|(?:be|get) (?:killed|executed|exterminated|shot|hanged|hung|gassed|wiped out|eradicated|locked up|caged|put down|removed from (?:society|this country)))|${GROUP} (?:are not|is not|are never|do not deserve to|does not deserve to) (?:worth (?:shit|anything|saving|a damn|living)|live|exist|be alive)|${GROUP} have no (?:value|place|right to (?:live|exist)))(?![\\p{L}])`,
  'gu',
);
/**
 * Calls for violence, wished or made normal rather than threatened by the author ("someone should
 * stab those women", "I wish they were all shot", "murdering X should be legal"): the crisis phase
 * sends the author's own threats to a clinician; these are abuse. At a group they are held, as
 * the group calls for harm above are; at one person ("someone should shoot him") they are often
 * venting about someone who hurt the author, so a person reads them (FLAG).
 */
const VIOLENT_ACT = `(?:kill|murder|shoot|stab|strangle|hang|lynch|burn|drown|execute|gas|behead|butcher|slaughter|exterminate|eradicate|torture|beat up|bomb|massacre|wipe out|get rid of|put an end to|(?:snap|break|cut|slit) (?:the )?(?:necks?|throats?) of)`;
const VIOLENT_DONE = `(?:killed|murdered|shot|stabbed|strangled|hanged|hung|lynched|burn(?:ed|t)(?: alive| at the stake)?|drowned|executed|gassed|beheaded|butchered|slaughtered|exterminated|eradicated|tortured|beaten(?: to death)?|bombed|massacred|wiped out|put down|dead|(?:had )?their (?:throats?|necks?) (?:cut|slit|snapped|broken))`;
const HARMED_PERSON = `(?:you(?: all)?|him|her|them|that (?:man|woman|guy|girl|person|kid))`;
const HARMED = `(?:${GROUP}|(?:those|these) kinds? of ${GROUP}|${HARMED_PERSON})`;
const CALL_FOR_VIOLENCE = new RegExp(
  `(?<![\\p{L}])(?:(?:(?<!\\b(?:it|this|that|which) )|(?=would be best|is best))(?:should|must|ought to|needs? to|has to|have to|would be best to|is best to|let us|lets|let's|how about we|what if we|why do not we|time to|going to|will|would love to|want to)(?: just| all| finally| simply| really)? ${VIOLENT_ACT} (?:all |every |each )?(?:one )?(?:of )?${HARMED}(?! (?:with kindness|with love|a (?:message|text|line|note|look)|an email))|(?:would love to|want to|can not wait to|hope to|wish i could|like to) see ${HARMED}(?: all)? (?:suffer|die|burn|hang|rot|${VIOLENT_DONE})|(?:wish|hope|pray|if only|can only hope)(?: that)? (?:someone|somebody) (?:would|will|could|should)(?: just)? ${VIOLENT_ACT} ${HARMED}|(?:wish|hope|pray|if only)(?: that)? (?:all )?${HARMED}(?: all)? (?:would|will|could|were|was|had|got|get)(?: all)?(?: be| get)? ${VIOLENT_DONE}|(?:better off|a better place|best) (?:if|when) (?:all )?${HARMED}(?: all)? (?:were|was|are|got|get|is)(?: all)? ${VIOLENT_DONE}|(?:the world|we|everyone|society|this country|humanity|the planet) (?:would|will) be (?:so much |much |a lot |a lot )?(?:better off|a better place|better) without ${GROUP}|${HARMED} (?:should|must|ought to|deserve to|need to|needs to|have to)(?: all| just| really)? be ${VIOLENT_DONE}|(?:killing|murdering|raping|shooting|lynching|stabbing|beating|torturing|hurting|attacking) (?:a |an |any |all )?${HARMED} (?:\\w+ ){0,3}?(?:should|must|ought to) (?:not be (?:illegal|a crime|punished)|be (?:legal|legali[sz]ed|decriminali[sz]ed|allowed|encouraged|rewarded))|(?:execution|death|extermination|genocide|a bullet|the gas chambers?) (?:is|are) the (?:only|final|best) (?:solution|answer|option|cure) (?:for|to) ${HARMED}|${HARMED} will (?:all )?(?:die|suffer) (?:\\w+ ){0,3}?at (?:my|our) hands|what if (?:we|someone|somebody) (?:just )?${VIOLENT_DONE} (?:all |every )?(?:of )?${HARMED}|(?:cut|slit|snap|break) (?:all )?${GROUP}(?:'s|s'|') (?:throats?|necks?)|${HARMED} (?:deserve|deserves) to (?:die|suffer|rot|burn|be ${VIOLENT_DONE}))(?![\\p{L}])`,
  'gu',
);
const NAMES_HARMED_PERSON = new RegExp(`(?<![\\p{L}])${HARMED_PERSON}(?![\\p{L}])`, 'u');
const NAMES_A_GROUP = new RegExp(`(?<![\\p{L}])${GROUP}(?![\\p{L}])`, 'u');

const GROUP_DEHUMANISED = new RegExp(
  `(?<![\\p{L}])${GROUP} (?:are|is)(?: (?:just|all|only|still|nothing but|no better than|such|so|simply|truly|really|literally|basically|a|an|the|worthless|absolute|complete|total|disgusting|filthy|utter|human|common))* (?:${DEHUMANISING}|${INSULT_NOUN})(?![\\p{L}])`,
  'gu',
);
const GROUP_PUT_DOWN = new RegExp(
  `(?<![\\p{L}])(?:${GROUP} (?:are|is)(?: (?:just|all|always|still|too|pretty|so|such|really|truly|without a doubt|by far|simply|totally|completely|absolutely|utterly|incredibly|extremely|very|fucking))* (?:${INSULT_ADJECTIVE}|the (?:stupidest|dumbest|ugliest|worst|most (?:disgusting|pathetic|useless|worthless)))|(?:i|we) (?:\\w+ ){0,2}?(?:hate|despise|loathe|detest|can not stand|am disgusted by|are disgusted by|feel (?:nothing but )?(?:contempt|disgust|hatred|scorn) for|have no (?:respect|compassion|sympathy|empathy)(?: at all| whatsoever)? for)(?! (?:that|it|when|how|the way|what|being)\\b) (?:\\w+ ){0,2}?${GROUP}|(?:disgusted|sickened|repulsed|revolted) by (?:all )?(?:the )?${GROUP}|(?:have|feel) (?:so much |such |nothing but |only |pure |a lot of )?(?:contempt|disgust|hatred|hate|scorn|disdain|loathing) (?:for|towards?) (?:\\w+ ){0,2}?${GROUP}|${GROUP} (?:\\w+ ){0,2}?(?:disgusts?|sickens?|repulses?|revolts?) (?:me|us)|${GROUP} (?:\\w+ ){0,2}?make (?:me|us) (?:so |really |fucking )?sick|fuck (?:all |every |each )?${GROUP}|${GROUP} (?:should|can|must|need to)(?: all| just)? (?:go )?(?:fuck (?:off|themselves)|get the fuck out|shut the fuck up))(?![\\p{L}])`,
  'gu',
);
/**
 * A person or group called trash by what they are ("female trash", "gay lives are worth nothing").
 * Said of oneself or quoted from a bully ("people treated us like white trash") it is a story, so a
 * person reads it (FLAG) rather than the post being hidden.
 */
const IDENTITY_DEHUMANISED = new RegExp(
  `(?<![\\p{L}])(?:${IDENTITY} (?:${DEHUMANISING}|pigs|subhumans?)|${IDENTITY} lives (?:are|is) (?:worth (?:absolutely |literally )?nothing|worthless))(?![\\p{L}])`,
  'gu',
);

/**
 * A group denied what every person has ("women are not our equals", "human rights should not apply
 * to Muslims"): the negation is the hostility here, so it is read by a person (FLAG).
 */
const GROUP_DENIED = new RegExp(
  `(?<![\\p{L}])(?:${GROUP} (?:are|is) (?:not|never)(?: \\w+)? (?:our |my |your )?(?:equals?|human|humans|real people|people|worthy of (?:living|life|respect|rights)|deserving of (?:life|respect|rights))|(?:human |equal )?rights (?:should|must) not apply to ${GROUP}|${IDENTITY} lives (?:are|is) not worth (?:\\w+ing|anything)|${IDENTITY} lives (?:do not|does not|should not|will never|never) (?:matter|count|be important)|(?:a |an )?${IDENTITY} life is not worth (?:\\w+ing|anything)|(?:there is )?no (?:space|place|room) (?:on this (?:planet|earth) |in this (?:world|country) )?for (?:any )?${GROUP}|no ${GROUP} (?:can|could|will|should) ever be (?:a |an )?(?:valuable|useful|good|productive|worthy|real)|(?:must|should) not let (?:any )?${GROUP} (?:live|exist|survive)|never lift a finger to (?:save|help) (?:a |an |any )?${GROUP}|${GROUP} have no right to (?:be alive|be here|breathe)|${GROUP} (?:do|does) not belong (?:on this (?:earth|planet)|in this (?:world|country)|anywhere|among us)|${GROUP} (?:are|is) never (?:any |very )?(?:attractive|intelligent|smart|clever|beautiful|capable|competent|trustworthy)|${GROUP} can never be as (?:smart|good|capable|intelligent|clever) as)(?![\\p{L}])`,
  'gu',
);

/** Profanity as a name for people ("all complete assholes"): held at a group as the insult nouns above are. */
const PROFANE_NOUN = `(?:assholes?|arseholes?|bastards?|scumbags?|shitheads?|dickheads?|pricks?|cunts?|twats?|wankers?|motherfuckers?|fuckers?|shitty (?:human beings|people)|fucked in the head)`;
const GROUP_PROFANED = new RegExp(
  `(?<![\\p{L}])${GROUP}(?: (?:really|truly|all|just|simply|honestly))? (?:are|is)(?: (?:just|all|always|so|such|really|truly|seriously|simply|totally|completely|absolutely|utterly|a bunch of|nothing but|complete|absolute|total|massive|utter|fucking|annoying))* ${PROFANE_NOUN}(?![\\p{L}])`,
  'gu',
);

/** A trait pinned on a whole group by what they are ("it is in their nature", "typical of a X", "only X are that cruel"). */
const GROUP_TRAIT = `(?:${INSULT_ADJECTIVE}|violent|cruel|uncivili[sz]ed|filthy|dirty|savage|primitive|inferior|evil|brainless|lazy|greedy|revolting|an? (?:\\w+ )?(?:${INSULT_NOUN}|${PROFANE_NOUN})|(?:(?:complete|absolute|total|utter|such) )?${PROFANE_NOUN})`;
const GROUP_STEREOTYPED = new RegExp(
  `(?<![\\p{L}])(?:typical of (?:a |an )?${GROUP} to be(?: such| that| so)?|(?:it is )?in (?:a |an )?${GROUP}(?:'s|s'|') nature to be(?: so| that| such)?|${GROUP} (?:can not|can never) (?:help|stop) themselves (?:but |from )?(?:be|being)(?: so| such| absolutely| completely| totally)?|only ${GROUP} (?:are|is|can be) (?:that|so|this)|no one (?:else )?is as \\w+ as ${GROUP}|${GROUP} (?:really|truly|all|clearly) (?:are|is)(?: so| all)?|${GROUP}(?: with any power| being in charge| in power)? (?:are|is) (?:a|the) (?:threat|danger|menace|plague) to) (?:${GROUP_TRAIT}|(?:civili[sz]ation|society|our country|this country|us all|everyone))(?![\\p{L}])`,
  'gu',
);

/** Feelings of rage or disgust at a group ("X make me furious", "I abhor X", "nothing worse than a X"). */
const GROUP_RESENTED = new RegExp(
  `(?<![\\p{L}])(?:(?:i|we) (?:\\w+ )?(?:abhor|resent) (?:all |every )?${GROUP}|(?:so |really )?sick (?:and tired )?of (?:being around |seeing |dealing with )?${GROUP}|(?:there is )?nothing (?:in the world )?(?:worse|more (?:disgusting|annoying|pathetic)) than (?:a |an |your kind|)${GROUP}|nothing (?:in the world )?(?:i|we) (?:like|hate) (?:less|more) than (?:a |an )?${GROUP}|(?:i|we) find (?:all )?${GROUP} (?:so |really |absolutely |utterly )?(?:${INSULT_ADJECTIVE})|${GROUP} (?:\\w+ ){0,4}?(?:are |is )?(?:pissing|piss|pisses) (?:me|us) off|${GROUP} (?:\\w+ ){0,4}?(?:make|makes|fill|fills) (?:me|us) (?:so |really |fucking )?(?:angry|furious|mad|enraged|boil|with (?:\\w+ ){0,2}?(?:rage|anger|hatred|disgust))|(?:scorn|contempt|hatred|disgust|loathing) (?:i|we) (?:feel|have) (?:for|towards?) ${GROUP})(?![\\p{L}])`,
  'gu',
);

/**
 * Implicit derogation: a group compared with animals or waste without a slur ("X belong in a zoo",
 * "my dog is smarter than any X", "should be dumped in a landfill", "never trust a X"). Each shape is
 * one a moderator knows, but none is certain alone, so a person reads it (FLAG).
 */
const ANIMAL = `(?:dogs?|cats?|monkeys?|apes?|pigs?|rats?|insects?|bugs?|cockroach(?:es)?|animals?|goldfish|hamsters?|chimps?|donkeys?)`;
const GROUP_IMPLIED = new RegExp(
  `(?<![\\p{L}])(?:${GROUP} (?:\\w+ ){0,3}?belongs? (?:in|on) (?:a |the )?(?:zoo|cage|kennel|barn|farm|landfill|dump|trash|bin|gutter|sewer|jungle)|${GROUP} (?:\\w+ ){0,3}?(?:should|must|need to|ought to) be (?:dumped|thrown|taken|sent|kept|locked|put|caged)(?: \\w+){0,3}? (?:in|into|to|at) (?:a |the )?(?:landfill|dump|trash|bin|vet|zoo|cage|kennel|sewer|gutter)|${ANIMAL} (?:\\w+ ){0,2}?(?:is|are|has|have|would be) (?:so much |much |far |way )?(?:smarter|more intelligent|more valuable|worth more|more useful|more human|cleaner|better) than (?:that of |those of )?(?:\\w+ ){0,4}?${GROUP}|(?:(?:do not|can not) see )?(?:no|any|the) difference between (?:a |an )?(?:dead )?${ANIMAL} and (?:a |an )?(?:dead )?${GROUP}|care (?:more|less) about (?:the )?(?:dirt|trash|garbage|shit|mud|insects|rats|bugs)(?: \\w+){0,4}? than (?:about )?${GROUP}|^\\s*never trust (?:\\w+ ){0,5}?(?:a |an |any )?${GROUP}|(?:rather|prefer to) (?:die|have cancer|be dead|starve|eat (?:dirt|shit|glass)) than (?:\\w+ ){0,3}?(?:date|marry|touch|be near|be anywhere near|sit next to|live next to|work with|be friends with|talk to|be around|share a room with) (?:a |an |any )?${GROUP}|never (?:eat|drink|touch)(?: \\w+){0,5}? (?:touched|cooked|made|prepared|served) by (?:a |an |any )?${GROUP}|(?:allowing|letting|putting|having|electing|hiring) (?:any more |more |a |an )?${GROUP}(?: \\w+){0,3}? (?:will|would) (?:ruin|destroy|doom)|(?:swarms?|hordes?) of ${GROUP} (?:are |is )?(?:infesting|invading|overrunning)|${GROUP} (?:are |is )?(?:infesting|breeding like (?:rats|rabbits|animals|cockroaches))|(?:putting|having|electing) (?:a |an )?${GROUP} in charge (?:is|would be) (?:the (?:biggest|worst) mistake|a (?:mistake|disaster)))(?![\\p{L}])`,
  'gum',
);

/** Before the match in its clause: negation or counter-speech ("we must not let", "stop saying"). */
const GROUP_NEGATED = /\b(?:not|never|no one|nobody|no|stop|against|condemn|condemns|oppose|opposes)\b(?:\s+\w+){0,4}\s*$/;

/** A negated question that asserts ("is it not obvious that", "do people really not realise that"): the hate is the author's. */
const RHETORICAL_QUESTION =
  /\b(?:is it not|is not it|do (?:people|you|they) (?:really |still )?not|does (?:this|that) not|why do (?:people|you|they) (?:still )?not|how do (?:people|you) not)\b(?:\s+\w+){0,3}?\s+(?:obvious|clear|apparent|realise|realize|recognise|recognize|see|understand|know|make it obvious)(?: how much| that)?\s*$/;

/** Right before the match: someone else's hate reported or condemned ("threatening to kill all X will get you jailed"). */
const GROUP_REPORTED =
  /\b(?:threaten(?:s|ed|ing)?|calls? for|calling for|called for|talk(?:s|ed|ing)? about|joke(?:s|d)? about|joking about|advocat(?:e|es|ed|ing)|wanting|people who (?:say|think|want)|whoever (?:says|thinks|wants))(?: to)? $/;

/**
 * Words every group rule or every call for violence needs, looked for first: most posts name no
 * group and no violence, and the rules themselves are long alternations tried at every position.
 */
const NAMES_GROUP_OR_IDENTITY = new RegExp(`(?<![\\p{L}])(?:${GROUP}|${IDENTITY})(?![\\p{L}])`, 'u');
const VIOLENCE_WORD =
  /(?<![\p{L}])(?:kill|murder|shoot|shot|stab|strangl|hang|hung|lynch|burn|drown|execut|gas|behead|butcher|slaughter|extermin|eradicat|tortur|beat|bomb|massacr|wipe|get rid|put an end|put down|neck|throat|dead|die|suffer|rot|death|genocide|bullet|rap|hurt|attack)/u;

function matchGroupDerogation(text: string): WatchedWordHit[] {
  // Only sentences that name a group or violence can match, so the long rules run on those alone.
  const sentences = sentenceSpans(text)
    .map((span) => {
      const namesGroup = NAMES_GROUP_OR_IDENTITY.test(span.text);
      // A call for violence needs someone it is aimed at: a group, or a person (HARMED).
      return { ...span, namesGroup, namesViolence: VIOLENCE_WORD.test(span.text) && (namesGroup || NAMES_HARMED_PERSON.test(span.text)) };
    })
    .filter((sentence) => sentence.namesGroup || sentence.namesViolence);
  if (sentences.length === 0) return [];
  const rules: ReadonlyArray<{ pattern: RegExp; action: 'HOLD' | 'FLAG'; why: string }> = [
    { pattern: GROUP_VIOLENCE, action: 'HOLD', why: 'calls for harm to a group of people' },
    { pattern: CALL_FOR_VIOLENCE, action: 'HOLD', why: 'calls for violence against people' },
    { pattern: GROUP_DEHUMANISED, action: 'HOLD', why: 'calls a group of people vermin, a disease or worse' },
    { pattern: GROUP_PROFANED, action: 'HOLD', why: 'calls a group of people by a profane insult' },
    { pattern: IDENTITY_DEHUMANISED, action: 'FLAG', why: 'calls people trash for what they are: review, not hold' },
    { pattern: GROUP_STEREOTYPED, action: 'FLAG', why: 'pins a bad trait on a group of people: review, not hold' },
    { pattern: GROUP_RESENTED, action: 'FLAG', why: 'rage or disgust at a group of people: review, not hold' },
    { pattern: GROUP_IMPLIED, action: 'FLAG', why: 'compares a group of people with animals or waste: review, not hold' },
    { pattern: GROUP_PUT_DOWN, action: 'FLAG', why: 'hostility towards a group of people: review, not hold' },
    { pattern: GROUP_DENIED, action: 'FLAG', why: 'denies a group of people equal worth or rights: review, not hold' },
  ];
  // Violence wished on one person is kept aside: a group rule further down may still hold the post.
  let atAPerson: WatchedWordHit | null = null;
  for (const rule of rules) {
    const violence = rule.pattern === CALL_FOR_VIOLENCE;
    for (const sentence of sentences) {
      if (!sentence.namesGroup && !(violence && sentence.namesViolence)) continue;
      for (const match of sentence.text.matchAll(rule.pattern)) {
        const index = sentence.from + (match.index ?? 0);
        if (!isGroupHitMeant(text, index, match[0], rule.pattern === GROUP_DENIED)) continue;
        if (violence && !NAMES_A_GROUP.test(match[0])) {
          atAPerson ??= {
            source: 'CALL_FOR_VIOLENCE',
            ruleId: 'call-for-violence',
            phrase: match[0],
            action: 'FLAG',
            why: 'calls for violence against a person: review, not hold',
          };
          continue;
        }
        return [
          violence
            ? { source: 'CALL_FOR_VIOLENCE', ruleId: 'call-for-violence', phrase: match[0], action: rule.action, why: rule.why }
            : { source: 'GROUP_DEROGATION', ruleId: 'group-derogation', phrase: match[0], action: rule.action, why: rule.why },
        ];
      }
    }
  }
  return atAPerson ? [atAPerson] : [];
}

/** False for counter-speech (a quoted hateful line, "calling immigrants trash", "we must not let ...") and negated matches. */
function isGroupHitMeant(text: string, index: number, phrase: string, negationIsTheHate: boolean): boolean {
  const clause = clauseAround(text, index, index + phrase.length);
  if (
    isInsideQuotes(text, index) ||
    REFERENCE_CONTEXT.test(clause.whole) ||
    (GROUP_NEGATED.test(clause.before) && !RHETORICAL_QUESTION.test(clause.before)) ||
    GROUP_REPORTED.test(clause.before)
  )
    return false;
  return negationIsTheHate || !/\b(?:not|never)\b/.test(phrase.replace(NEGATION_THAT_IS_THE_HATE, ''));
}

/** Negations inside a hateful phrase that are part of the hate ("do not deserve to live", "should not be illegal"). */
const NEGATION_THAT_IS_THE_HATE =
  /can not stand|(?:are not|is not|are never) worth|do not deserve|does not deserve|not be (?:illegal|a crime|punished)|why do not we|never trust|never (?:eat|drink|touch)|(?:do not|can not) see (?:any|no) difference|can (?:not|never) (?:help|stop) themselves/g;

/** The text cut at the same stops as clauseAround, each piece with where it starts. */
function sentenceSpans(text: string): Array<{ from: number; text: string }> {
  const spans: Array<{ from: number; text: string }> = [];
  let from = 0;
  for (const stop of text.matchAll(/[.!?\n]/g)) {
    const at = stop.index ?? 0;
    if (at > from) spans.push({ from, text: text.slice(from, at) });
    from = at + 1;
  }
  if (from < text.length) spans.push({ from, text: text.slice(from) });
  return spans;
}

/** Targeted insults add a hit only where nothing else holds the post already (the moderator reads those). */
function withTargetedInsults(normalised: NormalisedText, hits: WatchedWordHit[]): WatchedWordHit[] {
  if (hits.some((hit) => hit.action === 'HOLD')) return hits;
  const aimed = [...matchTargetedInsults(normalised.text), ...matchNamedInsults(normalised)];
  if (aimed.some((hit) => hit.action === 'HOLD')) return [...hits, ...aimed];
  const group = matchGroupDerogation(normalised.text);
  return [...hits, ...aimed, ...(group.length > 0 ? group : matchGroupDerogationByPronoun(normalised.text))];
}

const GROUP_PRONOUN = /(?<![\p{L}'])(?:they|them)(?![\p{L}'])/gu;

/**
 * Hate said of a group by pronoun once the group is named ("I have met many women and I hate every
 * one of them", "Gay people think they are special. I hate them."): "they" and "them" after the
 * first group the post names are read as that group. Who "they" are is a guess, so what only this
 * reading shows is flagged for a person and never holds a post.
 */
function matchGroupDerogationByPronoun(text: string): WatchedWordHit[] {
  const resolved = resolveGroupPronouns(text);
  if (!resolved) return [];
  return matchGroupDerogation(resolved.text).map((hit) => ({
    ...hit,
    action: 'FLAG' as const,
    why: `${hit.why}, reading "they" as "${resolved.group}": review, not hold`,
  }));
}

/** "They are all assholes. Needless to say they are women.": the group is named after the pronoun. */
const THEY_ARE_GROUP = new RegExp(`(?<![\\p{L}])they (?:are|were) (?:all |just |only )?(${GROUP})(?![\\p{L}])`, 'u');

/** The text with "they"/"them" replaced by the group the post names, or null when it names none or nothing changes. */
function resolveGroupPronouns(text: string): { text: string; group: string } | null {
  const predicated = THEY_ARE_GROUP.exec(text);
  if (predicated) {
    const group = bareGroup(predicated[1]);
    const replaced = text.replace(GROUP_PRONOUN, group);
    return { text: replaced, group };
  }
  const named = NAMES_A_GROUP.exec(text);
  // "I am trans and they hate me": the group is the author's own, and "they" are someone else.
  if (!named || SELF_REFERENCE.test(text.slice(0, named.index)) || /\bas an? $/.test(text.slice(0, named.index))) return null;
  const end = named.index + named[0].length;
  const group = bareGroup(named[0]);
  const after = text.slice(end).replace(GROUP_PRONOUN, group);
  return after === text.slice(end) ? null : { text: text.slice(0, end) + after, group };
}

function bareGroup(phrase: string): string {
  return phrase
    .replace(/^(?:(?:every|each|any|all|most|many|some)(?: single)?(?: one)? of )?(?:(?:all|the|most|these|those|you|other|any|every|each) )?/, '')
    .replace(/ like \w+$/, '');
}

/** "River is a pathetic loser": the word before "is" must be capitalised in what the author wrote, and not a role or pronoun. */
function matchNamedInsults(normalised: NormalisedText): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const match of normalised.text.matchAll(NAMED_INSULT)) {
    const name = match[1];
    if (NOT_A_NAME.test(name)) continue;
    const index = match.index ?? 0;
    const clause = clauseAround(normalised.text, index, index + match[0].length);
    if (INSULT_NOT_AIMED.test(clause.before) || isInsideQuotes(normalised.text, index) || REFERENCE_CONTEXT.test(clause.whole)) continue;
    if (/\b(?:not|never|no longer)\b/.test(match[0])) continue;
    const capitalised = new RegExp(`(?<![\\p{L}])${name.charAt(0).toUpperCase()}${escapeRegExp(name.slice(1))}(?![\\p{L}])`, 'u');
    if (!capitalised.test(normalised.original)) continue;
    hits.push({ source: 'TARGETED_INSULT', ruleId: 'named-insult', phrase: match[0], action: 'HOLD', why: 'insult aimed at a person by name' });
  }
  return hits;
}

/** Put-downs aimed at someone, with no library word in them ("you are a worthless idiot"). */
function matchTargetedInsults(text: string): WatchedWordHit[] {
  const hits: WatchedWordHit[] = [];
  for (const match of text.matchAll(TARGETED_INSULT)) {
    const index = match.index ?? 0;
    const clause = clauseAround(text, index, index + match[0].length);
    if (INSULT_NOT_AIMED.test(clause.before) || INSULT_FOLLOWED_BY_CARE.test(text.slice(index + match[0].length))) continue;
    if (/\b(?:not|never|no longer)\b/.test(match[0])) continue;
    if (isInsideQuotes(text, index) || REFERENCE_CONTEXT.test(clause.whole)) {
      hits.push({
        source: 'TARGETED_INSULT',
        ruleId: 'targeted-insult',
        phrase: match[0],
        action: 'FLAG',
        why: 'insult quoted or referred to: review, not hold',
      });
      continue;
    }
    // A bare "you" before a word that is also a verb is not an insult: "you joke about it", "you fool around".
    if (BARE_YOU_VERB.test(match[0])) continue;
    if (ENDS_IN_INSULT_NOUN.test(match[0])) {
      hits.push({ source: 'TARGETED_INSULT', ruleId: 'targeted-insult', phrase: match[0], action: 'HOLD', why: 'insult aimed at a person' });
    } else {
      // An adjective alone ("you are so annoying") can be a hard truth between peers: a person looks, nothing is hidden.
      hits.push({
        source: 'TARGETED_INSULT',
        ruleId: 'targeted-insult',
        phrase: match[0],
        action: 'FLAG',
        why: 'put-down aimed at a person: review, not hold',
      });
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
