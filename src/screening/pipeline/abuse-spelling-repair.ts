/**
 * Spelling tricks that hide abuse from the word rules: a letter left out ("womn are scum",
 * "contmpt"), two letters swapped ("I haet", "klil"), one added or changed, or a space removed
 * ("Ihate", "justpathetic"). Only words the abuse rules look for are repaired, and only into
 * them: a token that is itself an English word is never changed ("lose" stays, it is not
 * "loser"), so ordinary writing reads as it was written. What the repaired text matches is
 * reviewed by a person, never held on its own (see watched-words.ts).
 */

/** The words the targeted-insult and group rules are built from (lower case, as normalised). */
const ABUSE_WORDS: ReadonlySet<string> = new Set(
  `
  animals bitch bitches black blacks bullshit burn cancer cockroach cockroaches contempt death despicable despise
  detest dickhead dickheads die disabled disdain disease disgust disgusted disgusting disgusts dumbest execute executed
  exterminate exterminated female females filth filthy foreigners fuck fucked fucking garbage gay gays hang hate hated
  hateful hates hatred idiot idiots ignorant immigrant immigrants jewish jews kill killed killing lesbian lesbians
  lives loathe loser losers migrants moron morons motherfucker motherfuckers murder murdered muslim muslims parasite
  parasites pathetic people person plague prick refugees repugnant repulsive revolting rubbish savages scum scumbag
  scumbags shit shoot sick sicken sickening slut sluts stab strangle stupid stupidest subhuman subhumans suffer threat
  torture tortured trans transgender trash ugliest uncivilised uncivilized useless vermin vile virus whore whores woman
  women worth worthless
`
    .trim()
    .split(/\s+/),
);

/** Each abuse word under itself and under each of its one-letter deletions (the symmetric-delete index of spelling checkers). */
const ABUSE_WORDS_BY_DELETION = new Map<string, string[]>();
for (const word of ABUSE_WORDS)
  for (const key of new Set([word, ...deletionsOf(word)])) ABUSE_WORDS_BY_DELETION.set(key, [...(ABUSE_WORDS_BY_DELETION.get(key) ?? []), word]);

/**
 * English words one edit away from an abuse word (from a desktop word list, at the time the list
 * above was written): a token that is one of these was written as meant.
 */
const REAL_WORDS_NEARBY: ReadonlySet<string> = new Set(
  `
  animal apathetic back backs batches billing birches bitched bitchy blackburn botches britches bucking bullshits
  butches cancers closer dearth deaths deftest despicably despised despises despite detests disable disables disdains
  diseased diseases ditches ducking emigrants executes exterminates fateful filling foreigner funking garage halted
  hared hasted hastes haters hatreds hats hatted heated hitches hoot itch itches ives killings kilning kipling lack
  lacks lathe lies live livens livers livest loath loathed loathes looser lose loses lucking migrant milling moon moons
  mormon mormons morn morns moro moroni morton mucking murderer murders numbest olives oman omen pearson peopled
  peoples peron persona persons pick pilling pitches plagued plagues pricks rash ravages refugee refuges revolving rick
  rubbishy salvages savage savaged savager savagest shoo shoots shot sickens skilled snuffer soot straggle strange
  strangled strangler strangles stupids sucking suffers tans thrash threats tilling torturer tortures trains tran
  trashy treat tucking willing witches wore worthy wroth yucking
`
    .trim()
    .split(/\s+/),
);

/** Short words a missing space glues to an abuse word ("sosickening", "deathto", "hangall"). */
const GLUE_WORDS: ReadonlySet<string> = new Set(
  'i so to all just much many too those these the absolute absolutely massive such really behaviour behavior throats me you them be are is'.split(' '),
);

export interface SpellingRepair {
  readonly from: string;
  readonly to: string;
}

export interface RepairedText {
  readonly text: string;
  readonly repairs: readonly SpellingRepair[];
}

/** `text` is normalised text (lower case, leetspeak undone); returns it with the hidden abuse words spelled out. */
export function repairAbuseSpelling(text: string): RepairedText {
  const repairs: SpellingRepair[] = [];
  // Long posts repeat their words: each distinct token is looked up once.
  const seen = new Map<string, string | null>();
  const repaired = text.replace(/\p{L}+/gu, (token) => {
    let to = seen.get(token);
    if (to === undefined) {
      to = repairToken(token);
      seen.set(token, to);
    }
    if (to === null) return token;
    repairs.push({ from: token, to });
    return to;
  });
  return { text: repaired, repairs };
}

function repairToken(token: string): string | null {
  if (token.length < 4 || ABUSE_WORDS.has(token) || GLUE_WORDS.has(token) || REAL_WORDS_NEARBY.has(token)) return null;
  // A token one typo from a word shares the word itself or one of its one-letter deletions with the token or one of its own.
  for (const key of [token, ...deletionsOf(token)]) for (const word of ABUSE_WORDS_BY_DELETION.get(key) ?? []) if (isOneTypoFrom(token, word)) return word;
  return splitGluedWords(token);
}

/**
 * One letter left out or added (words of 5+ letters), two neighbours swapped (4+), or one letter
 * changed (7+ letters: shorter words have too many real neighbours).
 */
function isOneTypoFrom(token: string, word: string): boolean {
  const difference = word.length - token.length;
  if (difference === 1) return word.length >= 5 && isDeletionOf(token, word);
  if (difference === -1) return word.length >= 5 && isDeletionOf(word, token);
  if (difference !== 0 || word.length < 4) return false;
  const mismatches: number[] = [];
  for (let i = 0; i < word.length && mismatches.length <= 2; i++) if (token[i] !== word[i]) mismatches.push(i);
  if (mismatches.length === 1) return word.length >= 7;
  if (mismatches.length !== 2) return false;
  const [a, b] = mismatches;
  return b === a + 1 && token[a] === word[b] && token[b] === word[a];
}

/** Whether `shorter` is `longer` with one letter left out. */
function isDeletionOf(shorter: string, longer: string): boolean {
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
}

/** "ihate" -> "i hate", "femalevermin" -> "female vermin": two known words, at least one of them an abuse word. */
function splitGluedWords(token: string): string | null {
  if (token.length < 5 || token.length > 24) return null;
  for (let cut = 1; cut < token.length; cut++) {
    const first = token.slice(0, cut);
    const firstAbuse = ABUSE_WORDS.has(first);
    if (!firstAbuse && !GLUE_WORDS.has(first)) continue;
    const second = token.slice(cut);
    // Plurals glue too ("manybitches" is in the list; "manysluts" needs the -s taken off).
    const secondAbuse = ABUSE_WORDS.has(second) || ABUSE_WORDS.has(second.replace(/e?s$/, ''));
    if ((firstAbuse || secondAbuse) && (secondAbuse || GLUE_WORDS.has(second))) return `${first} ${second}`;
  }
  return null;
}

function deletionsOf(word: string): string[] {
  return [...word].map((_letter, index) => word.slice(0, index) + word.slice(index + 1));
}
