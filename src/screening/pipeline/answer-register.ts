/**
 * Who "you" is, read over the whole post (issue #15, probe 6). Two registers of second-person
 * text that a sentence alone cannot tell apart:
 *
 * - an answer to a client ("answer register"): the post speaks to "you" and gives advice
 *   (imperatives, "you can / you might / it may help to", referrals), and its first person, if
 *   any, is only the helper's ("I would encourage", "I'm sorry you", "in my practice", "as a
 *   counselor"). What it says about "you" or people in general is not the author's own risk.
 * - a client's generic "you" about themselves ("When you want to die every single day, you can
 *   not think straight. Tonight is bad."): generic sentences in a post anchored in the author's
 *   own present. They are the author's, so the patterns read them in the first person.
 *
 * Both read `NormalisedText.text` (lower case, contractions expanded, one space). Each rule fails
 * towards the author: a post with a first person that is not a helper's is never an answer, and an
 * advice sentence ("when you want to die, call 988") is never read as the author's.
 */

const SECOND_PERSON = /\b(?:you|your|yours|yourself|yourselves|you've|you'd|youve|youd)\b/g;
const FIRST_PERSON = /\b(?:i|me|my|mine|myself)\b/;

// What a helper says of themselves while answering: sorry or glad for the reader, what they would
// encourage, their role and practice, the people in their care, what the reader told them.
const HELPER_FIRST_PERSON = new RegExp(
  [
    '\\bi am (?:so |very |really |truly )?(?:sorry|glad|grateful|pleased|happy)\\b',
    '\\bi (?:would|will) (?:also |gently |strongly |really )?(?:encourage|suggest|recommend|like you to|love you to|want you to|urge|invite|ask you|bring|start|begin|try|add|say)\\b',
    // Verbs that also tell a person's own state ("i see no way out", "i hear voices") only with a helper's object.
    '\\bi (?:also |often |usually |always |gently |strongly )?(?:encourage|suggest|recommend|urge|invite|remind you|work with|wonder whether|wonder if|know (?:it|this|that) (?:is|can))\\b',
    '\\bi (?:often |also |usually |always )?(?:hear|see|answer|use|tell|ask|notice|find|understand|can hear|can see|can tell) (?:this|that|it|from|you|many|a lot|people|clients|patients|families|parents|with clients|honestly|how (?:hard|much|frightening|painful)|why you|what you)\\b',
    '\\b(?:in|from) my (?:practice|work|experience|clinic|career|job|role|years)\\b',
    '\\bas an? (?:\\w+ )?(?:counsel+or|therapist|psychotherapist|psychologist|psychiatrist|nurse|doctor|physician|clinician|social worker|case manager|chaplain|peer (?:support )?(?:specialist|worker|supporter|mentor)|support worker)\\b',
    '\\bmy (?:clients?|patients?|caseload|colleagues)\\b',
    '\\b(?:people|clients|patients|those|folks|families|parents) (?:i|we) (?:work with|see|support|treat|counsel|meet)\\b',
    '\\b(?:told|tell|tells|asked|wrote to|write to|writing to|shared with|showed) (?:me|us)\\b',
    '\\bwith me\\b(?= (?:today|here|now))',
  ].join('|'),
  'g',
);

// Advice: an imperative at the head of a sentence or clause, or a modal put to the reader.
const IMPERATIVE =
  /(?:^|[.!?;:] |, (?:and |then |or )?|\b(?:and|then|also|first|please) )(?:please |also |then |first |just )?(?:tell|call|text|ask|try|keep|write|bring|talk|go|let|look|clean|see|stay|remove|give|make|book|reach|put|share|take|store|practise|practice|read|use|plan|lean|get|seek|find|consider|speak|contact|remember|notice|close|move|be kind|be patient|be gentle|hang in|hold on|lock|dispose|follow|mention|rate|cover|save|ring|message)\b/g;
const MODAL_ADVICE =
  /\b(?:you (?:can|could|might|may) (?:also |still |always )?(?:try|ask|bring|talk|call|write|tell|find|look|take|use|reach|get|speak|keep|make|go|learn|start|give|remove|store|plan|practise|practice|book|contact)|you (?:should|need to|must|deserve|do not have to|do not need to|are not alone|are not weak)|it (?:may|might|can|could|often|usually) help|(?:is|are) (?:there|available) (?:for you|to help|at any hour)|the (?:safest|best|first) (?:step|thing)|i (?:would |also |strongly |gently )?(?:encourage|suggest|recommend|urge)|please)\b/g;
const REFERRAL =
  /\b(?:your|a|the|his|her|their) (?:\w+ )?(?:therapist|counsel+or|doctor|gp|psychiatrist|prescriber|clinician|care team|nurse|midwife|pharmacist|dermatologist)\b|\b(?:crisis (?:line|team|service)|988|999|911|112|116 123|a&e|the er|emergency (?:room|department|services|number)|urgent care|samaritans|safety plan)\b/g;

// A farewell is never an answer, however it addresses the reader ("I'm sorry you have to find out
// this way. Take care of yourselves. Goodbye."), nor is advice told back as someone else's
// ("Call the line, they said.").
const FAREWELL =
  /\b(?:(?:they|she|he|everyone) (?:said|says|keeps? saying)(?=[.!?,]|$)|good ?bye|farewell|by the time you (?:read|see|find) this|this is my last|my last (?:post|message|words)|last (?:post|message) (?:here|from me)|take care of (?:yourselves|each other) for me|do not (?:blame|miss) (?:yourselves|yourself))\b/;

/** The post's register, when it has one: an answer to a client, or a client's generic "you". */
export type PostRegister = 'ANSWER' | 'GENERIC_YOU' | null;

export interface RegisterReading {
  readonly register: PostRegister;
  /** For GENERIC_YOU: the sentences (ranges of the text) whose "you" is the author. */
  readonly genericSentences: readonly (readonly [number, number])[];
}

/** The sentences of a text with where each starts (each keeps its end punctuation). */
function sentencesOf(text: string): { text: string; start: number }[] {
  return [...text.matchAll(/[^.!?\n]+[.!?\n]*/g)].map((match) => {
    const lead = match[0].length - match[0].trimStart().length;
    return { text: match[0].trim(), start: (match.index ?? 0) + lead };
  });
}

/** A sentence's first person once a helper's own phrases are taken out ("i would encourage you" has none left). */
export function hasOwnFirstPerson(sentence: string): boolean {
  return FIRST_PERSON.test(sentence.replace(HELPER_FIRST_PERSON, ' '));
}

function count(pattern: RegExp, text: string): number {
  return [...text.matchAll(pattern)].length;
}

/**
 * An answer to a client: at least two second-person words, advice (an imperative or a modal put
 * to the reader) and a second advice or a referral, and no first person but a helper's.
 */
export function isAnswerRegister(text: string): boolean {
  if (count(SECOND_PERSON, text) < 2 || FAREWELL.test(text)) return false;
  const advice = count(IMPERATIVE, text) + count(MODAL_ADVICE, text);
  if (advice < 1 || advice + Math.min(1, count(REFERRAL, text)) < 2) return false;
  return !sentencesOf(text).some((sentence) => hasOwnFirstPerson(sentence.text));
}

// The author's own present in a post that may have no "I": "tonight is bad", "every single day".
const OWN_PRESENT =
  /\b(?:(?:it is|it has been|they are|the thoughts? (?:is|are)|the urges? (?:is|are)) back (?:again )?(?:tonight|today|this week|now)|(?:tonight|today|this week|right now|lately|this morning|this year) (?:is|was|has been|feels?) (?:so |really |very )?(?:bad|hard|rough|awful|terrible|horrible|the worst|a bad one|dark|heavy)|every (?:single )?(?:day|night|morning) now|that is (?:where|how|what) i am|that is me)\b/;
// A sentence that speaks to the reader rather than about the author: advice, a referral, a direct
// question, "i ... you" between two people, or thanks.
const ADDRESSES_READER =
  /^(?:\W*)(?:have|are|did|do|can|could|would|will|were|should|has) you\b|\b(?:thank you|for you|with you|you guys|you all|love you|miss you|hear you|see you|proud of you|here for you|sorry you|glad you|hope you|wish you|tell you|to you)\b/;

// A generic "you": what happens to anyone in a state ("when you want to die every day, you ..."),
// not what one person did or should do. Only these frames are read as the author's.
const GENERIC_FRAME =
  /^(?:and |but |so |because )?(?:when(?:ever)?|once|the moment|by the time) you\b|^you (?:know (?:that|the) feeling|ever (?:notice|get)|get to (?:a|the|that) point|reach (?:a|the|that) point|get used to|start to|stop (?:caring|noticing|feeling|trying))\b|^you (?:can not|just can not|do not|just do not) (?:really )?(?:explain|tell|describe|escape|think|stop|sleep|focus|care)\b|^(?:it is|it gets|it feels) (?:\w+ ){0,5}(?:when|how|once) (?:\w+ ){0,2}you\b|^(?:nobody|no one) (?:ever )?(?:tells|warns) you\b|^does anyone else (?:\w+ )?(?:feel|get) like you\b/;
// A peer who has come through it, speaking to someone still in it ("I've been there. When you want
// to die, it feels like it will never end, but it does."), or urging them to get help: the generic
// "you" is the reader's present and the author's past.
const PEER_WHO_CAME_THROUGH =
  /\b(?:(?:i have|i have been|been) there|it (?:does )?gets? better|it did get better|i promise|(?:years?|months?) (?:out|clean|sober|free) (?:now|and)|glad i (?:stayed|stuck around|held on)|i (?:lived|survived|got through|made it through|came through) (?:it|that|this)|you are not alone|hang in there|sending (?:love|hugs|strength)|you (?:will|can|are going to) get through|please (?:call|reach out|talk to|tell|text|get help|stay))\b/;
// A reply to one reader, not a generic "you": what they said, how they seem, questions to them.
const ADDRESSES_ONE_READER =
  /\b(?:it (?:sounds|seems) like you|you (?:said|say|wrote|write|mentioned|described|posted|seem|sound|look)|(?:are|have|did|were) you|do you (?:have|want|need|think|feel)|you (?:should|need to|must|have to|ought to)|your (?:post|situation|story|family|parents|mom|mum|mother|dad|father|partner|girlfriend|boyfriend|wife|husband|friends?|therapist|doctor|kids?|children|brother|sister))\b/;

/**
 * Generic "you" said by the author of themselves: the post is not an answer, it is anchored in the
 * author's own present (a first person of their own, or "tonight is bad"), and the sentence is a
 * generic frame ("when you ...", "you know that feeling when", "nobody tells you"), not advice, not a question put to the reader, not the author
 * speaking to someone ("i hear you").
 */
export function readRegister(text: string): RegisterReading {
  if (isAnswerRegister(text)) return { register: 'ANSWER', genericSentences: [] };
  const sentences = sentencesOf(text);
  const anchored = OWN_PRESENT.test(text) || sentences.some((sentence) => hasOwnFirstPerson(sentence.text));
  if (!anchored || ADDRESSES_ONE_READER.test(text) || PEER_WHO_CAME_THROUGH.test(text)) return { register: null, genericSentences: [] };
  const generic = sentences
    .filter(({ text: sentence }) => {
      if (!GENERIC_FRAME.test(sentence)) return false;
      if (FIRST_PERSON.test(sentence) || ADDRESSES_READER.test(sentence)) return false;
      return count(IMPERATIVE, sentence) === 0 && count(MODAL_ADVICE, sentence) === 0 && count(REFERRAL, sentence) === 0;
    })
    .map(({ text: sentence, start }) => [start, start + sentence.length] as const);
  return generic.length > 0 ? { register: 'GENERIC_YOU', genericSentences: generic } : { register: null, genericSentences: [] };
}

// After these "you" is an object ("it hits you" -> "it hits me"); elsewhere a subject.
const OBJECT_BEFORE =
  /\b(?:to|for|at|with|on|about|like|of|from|makes?|made|lets?|tells?|told|hits?|gets?|leaves?|takes?|gives?|wants?|keeps?|drives?|pushes?|eats?|kills?|wears?) $/;

/**
 * The text with each generic sentence's "you" in the first person, so that the patterns, which
 * know the author by "i", read them as the author's: "when you want to die" -> "when i want to die".
 * Only the given ranges change; the rest of the text, and so every position outside them, stays.
 */
export function genericYouInFirstPerson(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    out += text.slice(cursor, from);
    out += firstPerson(text.slice(from, to));
    cursor = to;
  }
  return out + text.slice(cursor);
}

/** The first-person words `firstPerson` writes, and what each may have been. */
const WRITTEN_AS: Record<string, string> = {
  'i am': '(?:i am|you are)',
  'i was': '(?:i was|you were)',
  'i have': "(?:i have|you'?ve)",
  'i would': "(?:i would|you'?d)",
  myself: '(?:myself|yourself)',
  mine: '(?:mine|yours)',
  my: '(?:my|your)',
  me: '(?:me|you)',
  i: '(?:i|you)',
};
const FIRST_PERSON_WORDS = /\b(?:i am|i was|i have|i would|myself|mine|my|me|i)\b/g;

/**
 * A phrase quoted from the text `genericYouInFirstPerson` rewrote, in the words of the text before
 * it (`written`): staff read "when you want to die", as the author wrote it, not "when i want to die".
 * Unchanged when it is found as it is, or cannot be found.
 */
export function phraseAsWritten(phrase: string, written: string): string {
  if (written.includes(phrase)) return phrase;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped.replace(FIRST_PERSON_WORDS, (word) => WRITTEN_AS[word] ?? word);
  return new RegExp(pattern).exec(written)?.[0] ?? phrase;
}

function firstPerson(sentence: string): string {
  return sentence
    .replace(/\byou are\b/g, 'i am')
    .replace(/\byou were\b/g, 'i was')
    .replace(/\byou'?ve\b/g, 'i have')
    .replace(/\byou'?d\b/g, 'i would')
    .replace(/\byourself\b/g, 'myself')
    .replace(/\byours\b/g, 'mine')
    .replace(/\byour\b/g, 'my')
    .replace(/\byou\b/g, (_word, offset: number, whole: string) => (OBJECT_BEFORE.test(whole.slice(Math.max(0, offset - 12), offset)) ? 'me' : 'i'));
}
