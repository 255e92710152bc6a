import { createHash } from 'node:crypto';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { stripUnsafeChars } from '../common/text/unsafe-characters';

// Calm, neutral words only: a pseudonym is how other members meet someone on a hard day.
const ADJECTIVES = [
  'Quiet',
  'Gentle',
  'Brave',
  'Steady',
  'Bright',
  'Calm',
  'Kind',
  'Hopeful',
  'Warm',
  'Patient',
  'Curious',
  'Soft',
  'Clear',
  'Golden',
  'Still',
  'Open',
];
const NOUNS = [
  'Harbor',
  'Willow',
  'River',
  'Meadow',
  'Lantern',
  'Sparrow',
  'Cedar',
  'Tide',
  'Ember',
  'Fern',
  'Pebble',
  'Aurora',
  'Maple',
  'Heron',
  'Orchard',
  'Breeze',
];

/** What an erased member's posts show instead of their pseudonym. */
export const FORMER_MEMBER_NAME = 'Former member';

/**
 * A stable pseudonym derived from the subject: never the token's name, not reversible to the
 * subject. `attempt` picks another one when the first is taken (pseudonyms are unique).
 */
export function pseudonymFor(sub: string, attempt = 0): string {
  const digest = createHash('sha256')
    .update(attempt === 0 ? `pseudonym:${sub}` : `pseudonym:${sub}:${attempt}`)
    .digest();
  return `${ADJECTIVES[digest[0] % ADJECTIVES.length]} ${NOUNS[digest[1] % NOUNS.length]} ${digest.readUInt16BE(2) % 100}`;
}

const ROLE_LABEL: Record<Exclude<Role, Role.CLIENT>, string> = {
  [Role.PEER_SPECIALIST]: 'peer specialist',
  [Role.CLINICIAN]: 'clinician',
  [Role.ADMIN]: 'program staff',
};

/** Staff are known by the name their program gives them, always with their role: "Pat (peer specialist)". */
export function staffDisplayName(name: string, role: Exclude<Role, Role.CLIENT>): string {
  const label = ROLE_LABEL[role];
  const base = stripUnsafeChars(name).replace(/\s+/g, ' ').trim().slice(0, 60) || 'Staff member';
  return base.toLowerCase().endsWith(`(${label})`) ? base : `${base} (${label})`;
}

export const PSEUDONYM_MIN_CHARS = 3;
export const PSEUDONYM_MAX_CHARS = 32;

// Letters (any script), digits, spaces and a little punctuation: no brackets, so nobody can look like staff.
const ALLOWED = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'_-]*$/u;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const URL_LIKE = /(https?:|www\.|[a-z0-9-]+\.(com|org|net|io|me|app|co|us|uk|de|info|biz|xyz)\b)/i;
const DIGITS_RUN = /\d[\d .-]{5,}\d/;
/** Invisible code points (combining grapheme joiner, variation selectors): a taken name plus one would look the same. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
/** Scripts whose letters pass for Latin ones: "Quiеt Heron" with a Cyrillic е is someone else's name on screen. */
const LATIN = /\p{Script=Latin}/u;
const LATIN_LOOKALIKES = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** Digits and signs that stand in for letters, so "C1inician" is read as the title it shows. */
const STAND_INS: Record<string, string> = { i: 'i1l|!', l: 'l1i|', o: 'o0', e: 'e3', a: 'a4@', s: 's5$', t: 't7', g: 'g9' };
function standInPattern(word: string): string {
  return [...word].map((c) => (c === ' ' ? '[\\s._-]*' : STAND_INS[c] ? `[${STAND_INS[c].replace(/[|$]/g, '\\$&')}]` : c)).join('');
}
/**
 * Words that name a role of the program's staff: a client called "Clinician" or "Pat peer
 * specialist" would be read as one (staff names always carry their role, added by the server).
 */
const STAFF_TITLES = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[
    'clinician',
    'clinical',
    'peer specialist',
    'specialist',
    'moderator',
    'admin',
    'administrator',
    'program staff',
    'staff',
    'therapist',
    'counselor',
    'counsellor',
    'doctor',
    'dr',
    'nurse',
    'psychiatrist',
    'psychologist',
  ]
    .map(standInPattern)
    .join('|')})(?=$|[^\\p{L}\\p{N}])`,
  'iu',
);

/**
 * A pseudonym a client chose, cleaned and checked for shape (length, characters, no contact
 * details or links); BAD_USER_INPUT otherwise. Screening for crisis language and watched words
 * is the screening feature's (it sits above members).
 */
export function cleanChosenPseudonym(raw: string): string {
  const name = stripUnsafeChars(raw.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  const chars = [...name].length;
  if (chars < PSEUDONYM_MIN_CHARS || chars > PSEUDONYM_MAX_CHARS) {
    throw AppError.badInput('displayName', `Choose a name of ${PSEUDONYM_MIN_CHARS} to ${PSEUDONYM_MAX_CHARS} characters.`);
  }
  if (EMAIL.test(name) || URL_LIKE.test(name) || DIGITS_RUN.test(name) || (name.match(/\d/g)?.length ?? 0) > 4) {
    throw AppError.badInput('displayName', 'A name cannot hold an email address, a phone number or a link: it keeps you private.');
  }
  if (!ALLOWED.test(name)) {
    throw AppError.badInput('displayName', "Use letters, numbers, spaces and . ' _ - only.");
  }
  if (INVISIBLE.test(name) || (LATIN.test(name) && LATIN_LOOKALIKES.test(name))) {
    throw AppError.badInput('displayName', 'Write the name in one alphabet, without invisible characters.');
  }
  const plain = name.normalize('NFKD').replace(/\p{M}/gu, '');
  if (STAFF_TITLES.test(plain)) throw AppError.badInput('displayName', 'A name cannot hold a staff title such as clinician or peer specialist.');
  if (name.toLowerCase() === FORMER_MEMBER_NAME.toLowerCase()) throw AppError.badInput('displayName', 'Choose another name.');
  return name;
}
