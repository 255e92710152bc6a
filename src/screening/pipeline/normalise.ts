/**
 * Phase 1 of screening: turn what a person typed into text the crisis and word patterns can read
 * reliably. Obfuscation ("su1c1de", "k i l l  m y s e l f", Cyrillic look-alikes) must not hide a
 * crisis or a slur, and ordinary writing must not turn into one.
 */
export interface NormalisedText {
  /** The input as received, for evidence that quotes the author. */
  readonly original: string;
  /**
   * NFKC, lower case, no zero-width characters or accents, look-alikes and leetspeak mapped,
   * runs of 3+ letters shortened, spaced-out letters joined, common contractions expanded
   * ("can't" / "cant" -> "can not", "im" -> "i am"), whitespace collapsed.
   */
  readonly text: string;
  /**
   * `text` with everything but letters and digits removed. Word boundaries are gone, so a hit
   * here can straddle two innocent words: callers use it only as a review-only fallback.
   */
  readonly squashed: string;
}

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Cyrillic and Greek letters that render like Latin ones (lower case, after NFKC). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ӏ: 'l',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ь: 'b',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ς: 's',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Ordinals, times and units keep their digits: "3rd", "7am", "40mg" are not leetspeak. */
const NUMBER_WITH_UNIT = /^\d+(?:st|nd|rd|th|am|pm|s|x|k|mg|ml|g|kg|lbs?|h|hrs?|mins?|yo|yrs?|days?|kms?|mph)$/;

/** Letters English rarely doubles: a run of them is emphasis ("diiie", "whyyy"), so keep one. */
const RARELY_DOUBLED = new Set(['a', 'i', 'u', 'y', 'h', 'j', 'k', 'q', 'v', 'w', 'x']);

/**
 * Words that spaced-out letter runs are split back into ("k i l l m y s e l f" -> "kill myself"),
 * so patterns written for normal spacing still match. A run that does not split fully into these
 * words stays joined ("b a d w o r d" -> "badword"), which is what watched words look for.
 */
const SEGMENTATION_WORDS = new Set([
  'i',
  'a',
  'am',
  'me',
  'my',
  'myself',
  'self',
  'you',
  'your',
  'yourself',
  'u',
  'ur',
  'he',
  'she',
  'him',
  'her',
  'them',
  'they',
  'all',
  'kill',
  'killing',
  'die',
  'dying',
  'dead',
  'death',
  'want',
  'wanna',
  'to',
  'end',
  'it',
  'life',
  'my',
  'suicide',
  'suicidal',
  'cut',
  'cutting',
  'hang',
  'hurt',
  'harm',
  'hate',
  'go',
  'just',
  'be',
  'not',
  'alive',
  'here',
  'off',
  'shoot',
  'jump',
  'unalive',
  'goodbye',
  'bye',
  'tonight',
  'now',
  'pills',
  'rope',
  'gun',
  'take',
  'own',
  'fuck',
  'shit',
  'bitch',
  'the',
  'and',
  'of',
  'is',
  'so',
  'no',
  'ok',
  'okay',
]);

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bi'?m\b/g, 'i am'],
  [/\bca(?:n'?t|nnot)\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(do|does|did|is|was|are|were|have|has|had|would|could|should|must|need)n'?t\b/g, '$1 not'],
  [/\bi'?ve\b/g, 'i have'],
  [/\bi'd\b/g, 'i would'],
  [/\b(i|you|we|they|he|she|it)'ll\b/g, '$1 will'],
  // "i dont think ill make it": "ill" for "i'll" after a word that takes a clause, before a verb
  // ("mentally ill", "feel ill" are left alone).
  [
    /(?<=\b(?:think|guess|hope|know|maybe|then|and|so|but|promise|swear|bet|doubt|if|when|because|that|tonight|tomorrow) )ill (?=(?:be|make|never|just|do|go|kill|end|try|see|need|have|not|probably|finally)\b)/g,
    'i will ',
  ],
  [/\b(you|they)'?re\b/g, '$1 are'],
  [/\bwe're\b/g, 'we are'],
  // "she's been cutting" is "she has been": read as "she is been", the subject was lost.
  [/\b(it|that|there|what|he|she)'s (been|got|had)\b/g, '$1 has $2'],
  [/\b(it|that|there|what|he|she)'s\b/g, '$1 is'],
  [/\b(that|there|what)s\b/g, '$1 is'],
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\bgotta\b/g, 'got to'],
  [/\btryna\b/g, 'trying to'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
];

export function normaliseText(input: string): NormalisedText {
  let text = input.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase();
  text = text.replace(/[\u2018\u2019\u02BC\u2032`´]/g, "'").replace(/[\u201C\u201D\u2033«»]/g, '"');
  text = text.replace(LOOK_ALIKE_PATTERN, (letter) => LOOK_ALIKES[letter] ?? letter);
  text = text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  text = joinSpacedLetters(text);
  text = text.replace(/\S+/g, mapLeetspeak);
  text = collapseRepeatedLetters(text);
  for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ').trim();
  return { original: input, text, squashed: text.replace(/[^\p{L}\p{N}]+/gu, '') };
}

/** Maps leet characters inside a word; numbers, prices and "40mg" stay as they are. */
function mapLeetspeak(token: string): string {
  if (!/[a-z]/.test(token) || NUMBER_WITH_UNIT.test(token)) return token;
  const core = /^([("'*]*)(.*?)([)"'.,;:?!*]*)$/.exec(token);
  if (!core) return token;
  const [, lead, word, trail] = core;
  const firstLetter = word.search(/[a-z]/);
  // "40pills": a number glued to a word is a count, not leetspeak.
  if (firstLetter > 1 && /^\d+$/.test(word.slice(0, firstLetter))) return token;
  const mapped = word.replace(/11/g, 'll').replace(/[013457@$!]/g, (character, offset: number) => {
    const before = word[offset - 1];
    const after = word[offset + 1];
    if (character === '!' && !(before && /[a-z]/.test(before) && after && /[a-z]/.test(after))) {
      return character;
    }
    return LEET[character] ?? character;
  });
  return `${lead}${mapped}${trail}`;
}

/** "diiiie" -> "die", "killlll" -> "kill", "sooooo" -> "soo"; runs of exactly two are kept. */
function collapseRepeatedLetters(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, (_run, letter: string) => (RARELY_DOUBLED.has(letter) ? letter : letter + letter));
}

/**
 * "s u i c i d e", "k.i.l.l", "b 4 d w 0 r d" -> joined, leetspeak undone, and split into known
 * words when the whole run allows it.
 */
function joinSpacedLetters(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])(?:[\p{L}0-9@$!][ .\-_*]){2,}[\p{L}0-9@$!](?![\p{L}\p{N}])/gu, (run) => {
    const characters = run.replace(/[ .\-_*]/g, '');
    // Counts and lists ("1 2 3", "a, b") are not words in disguise.
    if ((characters.match(/\p{L}/gu) ?? []).length < 2 || /^[ai]+$/.test(characters)) return run;
    const joined = mapLeetspeak(characters);
    const words = segmentIntoWords(joined);
    if (words) return words;
    // "what a b a d w o r d": the article was swept into the run.
    const article = /^[ai](?=.{3})/.exec(joined);
    if (article) return `${article[0]} ${segmentIntoWords(joined.slice(1)) ?? joined.slice(1)}`;
    return joined;
  });
}

function segmentIntoWords(letters: string): string | null {
  // best[i] = fewest words that exactly cover letters[0..i), with the split that achieves it.
  const best: Array<{ words: number; from: number } | null> = [{ words: 0, from: -1 }];
  for (let end = 1; end <= letters.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 12); start < end; start++) {
      const previous = best[start];
      if (!previous || !SEGMENTATION_WORDS.has(letters.slice(start, end))) continue;
      const current = best[end];
      if (!current || previous.words + 1 < current.words) {
        best[end] = { words: previous.words + 1, from: start };
      }
    }
  }
  if (!best[letters.length]) return null;
  const words: string[] = [];
  for (let end = letters.length; end > 0;) {
    const step = best[end];
    if (!step) return null;
    words.unshift(letters.slice(step.from, end));
    end = step.from;
  }
  return words.join(' ');
}
