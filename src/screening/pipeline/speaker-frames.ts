/**
 * Speaker awareness (issue #15, part 2): whether a crisis phrase is the author speaking about
 * themselves, now. Words in someone else's mouth (a quote block, quotation marks, "OP said:"),
 * hypotheticals and figures of speech ("that would make me want to die", "I could kill myself, I
 * forgot my keys"), general or philosophical talk ("people have the right to die") and clinical
 * mentions ("suicidal thoughts are common") do not raise the author's own level.
 *
 * Every rule is narrow on purpose: a crisis dismissed as a figure of speech is the worse error, so
 * each needs an explicit frame in the text and fails towards counting the phrase.
 * All functions read `NormalisedText.text` (lower case, contractions expanded, one space).
 */
import { hasOwnFirstPerson, isAnswerRegister } from './answer-register';
import { normaliseText, type NormalisedText } from './normalise';

export type TextRange = readonly [start: number, end: number];

// What a construct generally is or does, right after it (see GENERALISING). "does not mean" only
// with "mean": "suicidal ideation does not mean you will act on it"; "suicidal thoughts do come" is not general.
const GENERALISING_ALTERNATIVES = ` (?:is|are|can be|may be|can|may|might) (?:often |usually |sometimes |commonly |generally |typically |frequently |rarely |seldom |surprisingly |very |really |quite |not |also |just )*(?:a (?:way|form|kind|type|sign|response|coping|common|normal|symptom|signal|behaviou?r|reaction|warning)|one (?:way|of)|how|what|worth|more common|less common|common|normal|treatable|understandable|happen|start|feel|come|serve|mean|attention[ -]?seeking|selfish|(?:a )?weakness|a character flaw|a moral failing|something to be ashamed of|shameful|caused by|the result of|preventable|treated|managed|healed|faded|lightened)\\b| (?:exists?|lies|sits) (?:on|along) a (?:spectrum|continuum|range)\\b| (?:ranges?|varies|vary) (?:from|widely|a lot)\\b| (?:can|may|might) (?:often |sometimes |also |really )?(?:be|feel|seem) (?:very |really |so |quite |incredibly |extremely )?(?:exhausting|frightening|scary|overwhelming|isolating|confusing|distressing|painful|hard|difficult|lonely|draining|tiring|upsetting|intense|shocking)\\b| (?:often |usually |sometimes )?(?:brings?|gives?|provides?|offers?) (?:\\w+ )?(?:relief|release|comfort|a sense of)\\b| (?:does|do) not (?:necessarily |always |automatically )?mean\\b|(?: urges| thoughts| feelings)? (?:often|usually|tend to|typically|commonly|generally) (?:peak|come|pass|rise|fade|build|start|happen|get (?:worse|stronger)|show up)\\b`;

/** What the post's markup says about who is speaking: the plain text of its quote blocks. */
export interface SpeakerContext {
  readonly quotedPassages?: readonly string[];
}

/**
 * Quotation marks introduced by the author's own thinking or saying are the author's words:
 * `I keep thinking "why am I still here"`, `my brain tells me "just do it"`.
 */
const OWN_VOICE_BEFORE_QUOTE =
  /\b(?:i (?:\w+ )?(?:think|thought|thinking|say|said|saying|tell myself|told myself|telling myself|wrote|write|typed|ask myself|asked myself|wonder|wondered|feel|felt|keep hearing|hear)|my (?:brain|mind|head|thoughts?|inner voice|depression|anxiety|intrusive thoughts?) (?:\w+ )?(?:says|said|tells me|told me|keeps saying|goes|screams|whispers)|(?:thoughts?|voices?) (?:like|saying|that say|telling me))[ ,:]*$/;

/**
 * Reported speech of another poster, to the end of its sentence: "OP said", "you wrote", and any
 * "X said:" with a colon. "my therapist said I am suicidal" has no colon and stays the author's.
 */
const REPORTED_SPEECH =
  /\b(?:(?:the )?op|original poster|you|(?:he|she|they|someone|somebody) (?:here|above|earlier)) (?:said|says|wrote|writes|posted|mentioned)\b[:,]?|\b\w+ (?:said|says|wrote|writes|posted|asked|goes):/g;

/** An answer telling the reader what they asked or described: "you asked whether ...", "what you describe, ...". */
// Only before what was asked or described: "the friends you described were" is the author's reply going on.
const READER_REPORTED =
  /\b(?:you (?:asked|described|shared)|what you (?:describe|described|are describing))(?= (?:whether|if|that|how|about|feeling|wanting)\b|,)/g;

/**
 * Ranges of `text` that are someone else's words: the quote blocks of the post (their plain
 * text, as passed in), double quotation marks not introduced by the author's own voice, and
 * reported speech of another poster.
 */
export function quotedRanges(text: string, quotedPassages: readonly string[] = []): TextRange[] {
  const ranges: TextRange[] = [...exampleQuoteRanges(text)];
  for (const passage of quotedPassages) {
    if (passage.length === 0) continue;
    // A passage that cannot be found (normalisation joined it to its neighbour) is not discounted.
    for (let from = text.indexOf(passage); from >= 0; from = text.indexOf(passage, from + passage.length)) {
      ranges.push([from, from + passage.length]);
    }
  }
  for (const match of text.matchAll(/"[^"]{1,600}"/g)) {
    const start = match.index ?? 0;
    if (isInside(ranges, start)) continue;
    if (OWN_VOICE_BEFORE_QUOTE.test(text.slice(Math.max(0, start - 60), start))) continue;
    ranges.push([start, start + match[0].length]);
  }
  // The reader's own question or account, told back to them by someone answering it. Only when
  // that part says nothing of the author ("you asked me how I am: I want to die" is the author's).
  for (const match of text.matchAll(READER_REPORTED)) {
    const start = (match.index ?? 0) + match[0].length;
    const rest = text.slice(start);
    const end = rest.search(/[.!?]/);
    const range: TextRange = [start, end < 0 ? text.length : start + end];
    if (!FIRST_PERSON_WORD.test(text.slice(...range))) ranges.push(range);
  }
  for (const match of text.matchAll(REPORTED_SPEECH)) {
    const start = (match.index ?? 0) + match[0].length;
    const rest = text.slice(start);
    const end = rest.search(/[.!?]/);
    ranges.push([start, end < 0 ? text.length : start + end]);
  }
  return ranges;
}

/**
 * A quoted example of what a thought sounds like, in a sentence that says what such thoughts
 * generally are: "passive thoughts like 'I wish I could disappear' are worth mentioning to your
 * therapist". Single or double quotation marks after "like", "such as", "for example". The range
 * starts at the noun it exemplifies ("thoughts like"), where the patterns start their match.
 * The general statement may come after the example or before it ("it's common to have passive
 * thoughts like 'I wish I wouldn't wake up'"). Not when the author speaks of themselves outside the
 * quote ("I keep having thoughts like 'I wish I was dead' every night") or the sentence makes no
 * general statement.
 */
function exampleQuoteRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(EXAMPLE_QUOTE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const sentenceStart = Math.max(text.lastIndexOf('.', start), text.lastIndexOf('!', start), text.lastIndexOf('?', start)) + 1;
    const rest = text.slice(end);
    const sentenceEnd = rest.search(/[.!?]/);
    const after = sentenceEnd < 0 ? rest : rest.slice(0, sentenceEnd);
    const outside = `${text.slice(sentenceStart, start)} ${after}`;
    if (FIRST_PERSON_WORD.test(outside) || !(EXAMPLE_PREDICATE.test(after) || GENERAL_BEFORE_EXAMPLE.test(text.slice(sentenceStart, start)))) continue;
    ranges.push([start, end]);
  }
  return ranges;
}
const EXAMPLE_QUOTE =
  /\b(?:(?:passive |active |intrusive |suicidal |dark |negative )?(?:thoughts?|feelings?|things|statements?|phrases?|comments?|words|remarks?) )?(?:like|such as|for example|for instance)[,:]? (?:'[^'.!?]{1,300}'(?=[ ,;:.!?]|$)|"[^"]{1,300}")/g;
// What the example is worth, generally: "... are worth mentioning", "... can be a sign", "... do not mean".
const EXAMPLE_PREDICATE = new RegExp(`^,?(?:${GENERALISING_ALTERNATIVES})`);
// The same said first: "it is common to have ...", "many people get ...".
const GENERAL_BEFORE_EXAMPLE =
  /(?:\bit is (?:very |really |so |pretty |quite |also )?(?:common|normal|not unusual|not uncommon|okay|ok|understandable|human) (?:for (?:people|clients|patients|many|anyone|someone)(?: \w+)? )?to (?:have|get|feel|think|notice)|\b(?:many|most|lots of|a lot of|plenty of) (?:people|clients|patients|of us|survivors) (?:have|get|experience|notice|report))(?: \w+){0,3} $/;

/** Ranges of the normalised text in someone else's words (quote blocks, quotation marks, "OP said"). */
export function speakerQuotedRanges(normalised: NormalisedText, speaker: SpeakerContext = {}): TextRange[] {
  const passages = (speaker.quotedPassages ?? []).map((passage) => normaliseText(passage).text);
  return quotedRanges(normalised.text, passages);
}

/** What the learned model reads: the author's own words (see authorsOwnText). */
export function authorsOwnWords(normalised: NormalisedText, speaker: SpeakerContext = {}): string {
  return authorsOwnText(normalised.text, speakerQuotedRanges(normalised, speaker));
}

export function isInside(ranges: readonly TextRange[], position: number): boolean {
  return ranges.some(([from, to]) => position >= from && position < to);
}

/**
 * The author's own words, for the learned model: quoted ranges removed, so a reply that quotes a
 * post in crisis is not scored as that crisis. Hypothetical and general frames stay (the model
 * reads whole posts and learned from them).
 */
export function authorsOwnText(text: string, ranges: readonly TextRange[]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [from, to] of sorted) {
    if (from > cursor) out += text.slice(cursor, from);
    cursor = Math.max(cursor, to);
  }
  out += text.slice(cursor);
  return out.replace(/\s+/g, ' ').trim();
}

// A sentence about the author's own state or acts (not "I read", "I think people").
const SELF_STATEMENT =
  /\b(?:i (?:\w+ )?(?:want|wanted|wish|wished|need|am|was|feel|felt|will|would|have|had|plan|planned|tried|keep|can not|do not|did|cut|took)|myself|my (?:life|death|suicide|plan|attempt|body))\b/;
const FIRST_PERSON_WORD = /\b(?:i|me|my|myself|mine)\b/;
// A clinical or topical sentence with no person in it: "suicidal thoughts are common in depression".
const CLINICAL_SENTENCE =
  /\bsuicide (?:prevention|awareness|research)\b|\b(?:suicid\w*|self[ -]?harm\w*|thoughts of (?:suicide|death|dying|ending))\b(?: \w+){0,3} (?:is|are|can be)? ?(?:a (?:time|period) of (?:higher|increased|greater|high) risk|common|normal|not uncommon|treatable|a symptom|symptoms|a sign|signs|a warning sign|warning signs|a risk factor|risk factors|serious)\b/;

/**
 * What the learned model reads: the author's own words (quotes removed) without the sentences
 * that the speaker rules say are not about the author: general or philosophical talk ("is it
 * selfish to commit suicide", "the right to die") that makes no statement about the author's own
 * state, and clinical mentions or guidance to the reader ("if you have a plan, call 988") with no
 * first-person word. The model was trained on whole Reddit posts and cannot tell who is speaking;
 * these sentences made a therapist's short answer score like a post in crisis.
 */
export function modelReadableText(ownText: string): string {
  const sentences = (ownText.match(/[^.!?\n]+[.!?\n]*/g) ?? []).map(withoutFiguresAndDenials);
  // An answer to a client (answer-register.ts): its risk words are about "you" or people in general.
  const answer = isAnswerRegister(ownText);
  const kept = sentences.filter((sentence, index) => {
    const firstPerson = FIRST_PERSON_WORD.test(sentence);
    if (answer && !hasOwnFirstPerson(sentence) && ANSWER_RISK_WORDS.test(sentence)) return false;
    // "I thought about ending my life every day. That was four years ago.": dated by the next
    // sentence. Not an attempt: a past attempt is a risk factor the model must keep reading.
    if (PAST_NEXT_SENTENCE.test((sentences[index + 1] ?? '').trim()) && !STILL_GOING_ON.test(sentence) && !ATTEMPT_WORDS.test(sentence)) return false;
    // "My friend said she wanted to die last night.": someone else's words, told by the author.
    if (REPORTED_THIRD_PARTY.test(sentence) && !SELF_STATEMENT.test(sentence)) return false;
    if ((PHILOSOPHICAL.test(sentence) || GENERAL_QUESTION.test(sentence)) && !SELF_STATEMENT.test(sentence)) return false;
    if (RECOVERED.test(sentence) && !STILL_GOING_ON.test(sentence)) return false;
    // A professional or helper speaking of the people in their care: about others, unless the
    // sentence also says something of the author's own state ("as a nurse, I have been saving mine").
    if (HELPER_SENTENCE.test(sentence) && OTHERS_IN_SENTENCE.test(sentence) && !SELF_STATEMENT.test(sentence.replace(HELPER_VERBS, ''))) return false;
    if (
      !firstPerson &&
      (CLINICAL_SENTENCE.test(sentence) ||
        CONCEPT_IS_COMMON.test(sentence) ||
        /\bif (?:you|anyone|someone|somebody)\b/.test(sentence) ||
        (/\bif your\b/.test(sentence) && CONSTRUCT_WORDS.test(sentence)) ||
        (CONSTRUCT_WORDS.test(sentence) && (MONITORING_SENTENCE.test(sentence) || ASK_OTHER_WHETHER.test(sentence))) ||
        MEDICATION_WARNING.test(sentence) ||
        OTHERS_DISCLOSURE_CONDITION.test(sentence) ||
        GENERIC_PEOPLE.test(sentence) ||
        SUICIDE_LOSS.test(sentence) ||
        DEFINITIONAL_SENTENCE.test(sentence))
    )
      return false;
    return true;
  });
  // A construct as the topic of a work ("a movie about suicide made me cry", "I read a book on
  // self-harm") is what the author watched or read: the topic goes, the rest of the sentence stays
  // ("... after that movie about suicide I started cutting again" keeps the cutting).
  return kept.join('').replace(WORK_ABOUT_TOPIC, '$1').replace(/\s+/g, ' ').trim();
}

/**
 * A next sentence that dates what came before ("That was four years ago.", "It was a long time
 * ago"): the detector reads the sentence before it as history, and the model does not read it.
 */
export const PAST_NEXT_SENTENCE =
  /^(?:but |and )?(?:that|this|it|all that|all of that) was (?:over |more than |almost |nearly |about |around )?(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|a couple of|several|many) (?:years?|months?) ago|(?:years|a long time|ages) ago)\b/;

const ATTEMPT_WORDS = /\b(?:tried|try|attempt\w*|overdos\w*|od|hospitali[sz]ed|survived)\b/;

// Someone the author knows, reported: "my friend said she wanted to die", "my brother told me he ...".
const REPORTED_THIRD_PARTY =
  /^\s*(?:(?:my|our|a) (?:\w+ )?(?:friend|sister|brother|mom|mum|mother|dad|father|son|daughter|cousin|partner|girlfriend|boyfriend|wife|husband|roommate|coworker|classmate|neighbou?r)|she|he|they) (?:said|says|told me|tells me|texted me|messaged me|admitted|confided) (?:to me )?(?:that )?(?:she|he|they)\b/;

// Figures the model cannot tell from the words it learned as risk: "dying to see", "this exam is
// killing me", and an explicit denial ("I would never kill myself"), which the patterns read as a
// negation. What else the sentence says stays ("I would never kill myself, but I wish I was dead").
const EAGER_IDIOM = /\bdying to (?=(?:see|try|know|meet|go|get|hear|watch|read|tell|eat|visit|find out|start|have|buy|show)\b)/g;
const THING_KILLING_ME =
  /\b((?:exams?|tests?|job|work|homework|deadlines?|class(?:es)?|commute|traffic|heat|boss|shoes|wait|waiting|suspense|this week|mondays?)(?: is| are| was| were| will| is going to| are going to)?(?: literally| actually| honestly| really)?) (?:kill|killing) me\b/g;
const DENIAL = /\bi (?:would|will|could) never (?:ever |actually |really )?(?:kill|hurt|harm|end) (?:my ?self|my (?:own )?life)\b/g;

function withoutFiguresAndDenials(sentence: string): string {
  return sentence.replace(EAGER_IDIOM, 'eager to ').replace(THING_KILLING_ME, '$1 wearing me out').replace(DENIAL, '');
}

// "wanting the pain to stop is not the same as wanting to die", "self-harm is often a way of
// coping": what a construct is, said of no one in particular.
// What a construct generally is or does, after its noun: "... is often a way of coping", "... can come in waves".
// A short phrase may say when or in whom, before the predicate: "suicidal thoughts during pregnancy are more common than ...".
const GENERALISING = `(?:,[^.!?]{0,120}?,| (?:during|after|in|among|following|around|before|for|with|at) (?:(?!(?:i|me|my|myself)\\b)\\w+ ){0,4}?(?!(?:i|me|my|myself)\\b)\\w+)?(?:${GENERALISING_ALTERNATIVES})`;
const DEFINITIONAL_SENTENCE = new RegExp(
  `\\b(?:is|are) not (?:the same as|the same thing as|necessarily)\\b|\\bwhat (?:\\w+ ){1,2}(?:call|calls|term|terms|refer to as)\\b|\\b(?:suicid\\w*(?: \\w+)?|self[ -]?harm\\w*|cutting|thoughts of \\w+|wanting to die)${GENERALISING}`,
);

// A film, book, song, class... whose subject is the construct: "a documentary about suicide".
const WORK_ABOUT_TOPIC =
  /\b((?:movies?|films?|books?|shows?|series|documentar(?:y|ies)|articles?|songs?|videos?|podcasts?|episodes?|plays?|novels?|poems?|lectures?|talks?|class(?:es)?|essays?|papers?|stor(?:y|ies)|news|reports?|scenes?|memoirs?|presentations?|workshops?|seminars?|training)) (?:about|on|called|titled|that deals with|dealing with|depicting|where (?:\w+ ){0,3}(?:commits?|committed|attempts?|attempted)) (?:(?!my |i |me )\w+ ){0,2}(?:suicid\w*|self[ -]?harm\w*|depression|death|dying|overdoses?|cutting)\b/g;

// Behaviour told as over, with the time since: "I used to cut but I've been clean for six years".
// The patterns keep it as history (it still counts there); the model, which cannot tell tense,
// read it as the behaviour itself. Not when something says it is back or still going on.
const RECOVERED =
  /\b(?:(?:clean|sober|free) (?:for|since)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many|a couple of) (?:weeks?|months?|years?) (?:clean|sober|free))\b/;
const STILL_GOING_ON = /\b(?:relapsed|relapse|again|lately|recently|still|until|till|anymore|any more|urges?|want to|tonight|today|but now|broke)\b/;

// A helper's or professional's frame: their role, or the people in their care ("as a counselor",
// "my clients", "patients I see", "people I work with", "someone you love who ...").
const HELPER_ROLE = `as an? (?:\\w+ )?(?:counsel+or|therapist|psychotherapist|psychologist|psychiatrist|nurse|doctor|physician|clinician|social worker|case manager|chaplain|crisis (?:counsel+or|worker|line volunteer)|peer (?:support )?(?:specialist|worker|supporter|mentor|counsel+or)|support worker)`;
const PEOPLE_IN_CARE = `(?:(?:my|our) (?:\\w+ )?(?:clients?|patients?|service users?|caseload)|(?:clients?|patients?) (?:who|that|i (?:see|work with|treat|support|counsel)\\b|(?:often )?(?:ask|asks|asked|tell me|say|describe)\\b)|(?:people|those|folks) (?:i|we) (?:work with|see|support|treat|counsel)|someone you (?:love|care about|know) (?:who|that))`;
// The role alone is not enough: "as a nurse, ending it all is all I think about" is the author.
const OTHERS_IN_SENTENCE =
  /\b(?:people|persons?|clients?|patients?|students?|residents?|members?|callers?|others|someone|families|survivors|they|them|their|he|she|his|her)\b/;
const HELPER_SENTENCE = new RegExp(`\\b(?:${HELPER_ROLE}|${PEOPLE_IN_CARE}|in (?:my|our) (?:work|practice|clinic|career))\\b`);
// A helper's own frame before people in general: "in my work I have seen people who ...".
const HELPER_LEAD = new RegExp(`\\b(?:${HELPER_ROLE}|in (?:my|our) (?:work|practice|clinic|career))\\b`);
// What a helper does with the people in their care is not a statement about their own state.
const HELPER_VERBS = /\b(?:i|we) (?:have |had |often )?(?:seen|see|met|meet|known|treated|treat|worked with|work with|counsel+ed|supported|heard from)\b/g;
// The phrase said of the people in care, with no first person between them and it:
// "clients who have attempted suicide", "my patients describe wanting to die".
const COUNTS_SELF_AMONG = /\b(?:one of|like me|including me|me too|myself|so am i|so do i)\b/;
const PEOPLE_IN_CARE_BEFORE = new RegExp(`\\b${PEOPLE_IN_CARE}(?: (?!(?:i|me|my|myself)\\b)\\w+){0,6} ?$`);

// "it is very common to have thoughts of suicide": how common a construct is, said of no one.
const CONCEPT_COMMON_LEAD = `\\bit is (?:very |really |quite |so |pretty |extremely |not )?(?:un)?(?:common|normal|not uncommon|natural|understandable|okay|ok) (?:for (?:people|many people|someone|anyone|a person|survivors|teens|adults) )?to (?:have|experience|get|feel|notice|struggle with)`;
const CONCEPT_IS_COMMON = new RegExp(`${CONCEPT_COMMON_LEAD} (?:\\w+ ){0,3}(?:suicid\\w*|self[ -]?harm\\w*|thoughts of|urges to|death|dying)`);

// Advice about someone else's disclosure: "when someone tells you they want to die, ...",
// "if a friend says she wants to kill herself". Not "when you": that is often the author.
const OTHERS_DISCLOSURE_CONDITION =
  /\b(?:if|when|whenever) (?:someone|somebody|anyone|a person|a friend|a loved one|someone you (?:love|care about|know)|your (?:friend|child|son|daughter|teen|teenager|partner|client|patient|loved one)) (?:\w+ ){0,2}(?:tells you|tell you|says|say|tells|mentions|admits|shares|talks about|is talking about|confides|discloses)\b/;
const OTHERS_DISCLOSURE_BEFORE = new RegExp(`${OTHERS_DISCLOSURE_CONDITION.source}(?: to you)?(?: that)?(?: (?:they|he|she|it))? (?:\\w+ ){0,3}$`);

// How means are kept from someone at risk: the vocabulary of lethal-means counselling.
const MEANS_SAFETY_ADVICE =
  /\b(?:(?:access|accessing) to|remov(?:e|es|ed|ing|al of)|lock(?:s|ed|ing)? (?:up|away)|lock ?box(?:es)?|gun safes?|secur(?:e|ed|ing)|safe(?:ly)? stor(?:e|ed|ing|age)|stor(?:e|ed|ing|age)|dispos(?:e|ed|ing|al)|means (?:safety|restriction|counsel+ing)|keep (?:someone|somebody|them|people|him|her|a person|everyone|your \w+) safe|ask (?:a |your )?(?:family|friends?|someone|somebody|relatives?|a loved one))\b/;

// Loss to suicide told of no one ("grief after losing someone to suicide", "survivors of suicide
// loss"): a bereavement topic; the author's own loss ("I lost my brother to suicide") keeps its "I".
const SUICIDE_LOSS =
  /\b(?:(?:grief|grieving|mourning) (?:after|following) (?:a |the )?suicide|los(?:s|ing|t|e) (?:\w+ ){0,3}to suicide|suicide (?:loss|bereavement|survivors?)|survivors? of suicide|bereaved by suicide)\b/;

// "people who attempt suicide often feel...": people in general, not someone the author knows.
const GENERIC_PEOPLE = /\b(?:people|those|a person) (?:who|with)\b/;

// In an answer, the words that made a therapist's advice score like a post in crisis: the
// constructs, and the crisis services, plans and means the advice names.
const ANSWER_RISK_WORDS =
  /\b(?:suicid\w*|self[ -]?harm\w*|kill\w*|die|dying|death|dead|cut\w*|overdos\w*|hurt\w*|harm\w*|attempt\w*|end (?:it|\w+ li(?:fe|ves))|crisis|emergency|er|a&e|988|999|911|hospital\w*|plans?|pills?|medications?|tablets?|urges?|scars?|wounds?|relapse\w*|blades?|guns?|firearms?|unsafe|safety|thoughts?|tonight|hopeless\w*|giving up|give up)\b/;

// Words of the constructs: the model needs a sentence dropped only when it has some.
const CONSTRUCT_WORDS =
  /\b(?:suicid\w*|self[ -]?harm\w*|kill\w*|die|dying|death|dead|cut\w*|overdos\w*|hurt\w*|harm\w*|attempt\w*|end (?:it|\w+ li(?:fe|ves)))\b/;
// Watched for, warned of, asked about, what to do if it happens (see MONITORING_BEFORE).
const MONITORING_SENTENCE =
  /\b(?:warnings? (?:about|of|for)|(?:watch|look out|watch out|keep an eye out|monitor) for|(?:asks?|asked|asking|questions?|conversations?) about|tell (?:your|their|his|her|a|the) (?:\w+ )?(?:therapist|doctor|gp|psychiatrist|counsel+or|clinician|nurse|care team|prescriber) about|what (?:to|you should|you can) do (?:if|when))\b/;
// Asking someone else, or a condition on someone else's history: "ask him directly whether he has
// been thinking about killing himself", "when someone has attempted suicide before, ...".
const ASK_OTHER_WHETHER =
  /\bask (?:him|her|them|your \w+|the \w+)(?: \w+)? (?:whether|if) (?:he|she|they|your \w+)\b|\b(?:if|when) (?:someone|somebody|a person|a loved one) (?:has|have|had) (?:\w+ )?(?:attempted|tried|self[ -]?harmed|overdosed)\b/;
// A medicine's warning or side effect: "some antidepressants carry a warning about suicidal thoughts".
const MEDICATION_WARNING = /\b(?:antidepressants?|medications?|medicines?|ssris?|prescriptions?)\b[^.!?]*\b(?:warnings?|side effects?)\b/;

// "is it selfish to commit suicide", "should people be allowed to end their lives".
const GENERAL_QUESTION =
  /\b(?:is (?:it|suicide) (?:ok|okay|wrong|selfish|a sin|cowardly|brave|right|moral|immoral|legal|rational)|should (?:people|anyone|a person|we) be allowed)\b/;

/** Why a phrase is not the author's own risk, now (null: it is, as far as these rules can tell). */
export type SpeakerFrame = 'HYPOTHETICAL' | 'GENERAL' | 'CLINICAL';

export interface FrameContext {
  /** The clause's text before the match. */
  readonly before: string;
  readonly matched: string;
  /** The clause's text after the match. */
  readonly after: string;
  /** The whole sentence around the match (clauses split at commas; sentences do not). */
  readonly sentence: string;
  /** The sentence after the match, commas and all (clauses stop at a comma; this does not). */
  readonly sentenceAfter?: string;
}

// A condition on a construct arising, then what to do: "if thoughts of suicide come up, call ...".
const IF_CONSTRUCT_BEFORE = /\b(?:if|when|whenever) (?:the |these |those |any |such )?$/;
const CONSTRUCT_ARISES_AFTER =
  /^ (?:\w+ )?(?:come up|comes up|come back|comes back|show up|shows up|return|returns|get (?:strong|stronger|bad|worse|loud)|gets (?:strong|stronger|bad|worse|loud)|start|starts|appear|appears|hit|hits)\b/;
const INSTRUCTION_AFTER =
  /, (?:please |then )?(?:use|call|text|reach out|tell|go|remember|try|talk|contact|open|grab|get|follow|ring|message|mention|let|ask|see|seek|speak|write|book|work through|read|bring|take|give|do not)\b|, (?:that|it) is (?:different|the time|a sign|important|worth)\b|, you (?:should|must|need to|can|could)\b/;
// Any condition, then what the reader should do: "if seeing the scars brings back urges to cut, mention it to your therapist".
const CONDITION_BEFORE = /\b(?:if|when|whenever) (?:\w+ ){0,6}$/;
// "ask your care team what to do if the suicidal feelings return at night".
const WHAT_TO_DO_BEFORE = /\bwhat (?:to|you should|you can|you will) do (?:if|when|whenever) (?:\w+ ){0,4}$/;
// "tell your therapist, or your gp, that the thoughts are back": what the reader is told to say.
const TELL_THAT_SENTENCE = /^(?:please )?(?:tell|let|remind|warn) /;

// "that would make me want to die", "it'd make anyone want to kill themselves": a conditional about what would follow.
const WOULD_MAKE_BEFORE = /\b(?:would|could|will) (?:\w+ )?(?:make|makes) (?:me|anyone|you|someone|anybody|people) (?:\w+ )?(?:want to|wanna|wish i could)? ?$/;
const WOULD_BEFORE_MAKE = /\b(?:would|could|will) (?:honestly |literally |probably |just |definitely |seriously )?$/;

// Not a rule: "I'd rather die than go to that party" reads like "I'd rather be dead than go back to
// that house", which a clinician would want to see; "rather die than" stays death talk.

// "I could kill myself, I forgot my keys": the idiom, with a mishap as its reason in the same sentence.
const IDIOM_BEFORE = /\b(?:i (?:could|can) (?:just |literally |honestly |seriously )?|i am (?:going to|gonna) |i am about to )$/;
const MISHAP =
  /\bi (?:just )?(?:forgot|left|lost|missed|locked|dropped|spilled|spilt|broke|deleted|burnt|burned|overslept|misplaced|failed to save) (?:my|the|a|an|all|our|it|to)\b|\bfor (?:forgetting|leaving|losing|missing|locking|dropping|spilling|breaking|deleting|oversleeping)\b|\b(?:lol|lmao|haha+|jk|just kidding)\b.*\b(?:forgot|left|lost|missed|locked|dropped|spilled|broke|deleted|overslept)\b/;

// Generic subjects: talk about people in general, not about someone the author knows. Not "one":
// "one of them featured a lot of thoughts of suicide" is the author's panic attack.
const GENERIC_SUBJECT_BEFORE =
  /\b(?:people|any(?:one|body)(?! else)|every(?:one|body)|humans|a person|someone who|those who) (?:\w+ ){0,6}$|\b(?:the )?right to (?:\w+ )?$|\b(?:should|can|could) (?:people|anyone|we|a person|one) (?:be allowed to )?$|\bis it (?:ok|okay|wrong|selfish|a sin|cowardly|brave|right|moral|immoral|legal) (?:for (?:someone|anyone|people|a person) )?to $/;
// A condition put to the reader: "if you are having", "if you ever feel", "if anyone is experiencing".
// Not "when you": "when you want to die it is hard to think" is often the author talking.
// Up to eight words: "if you are going through a period of depression or suicidal thoughts, ...".
const ADVICE_CONDITIONAL_BEFORE = /\bif (?:you|anyone|someone|somebody|a person|people) (?:\w+ ){0,8}$/;
const PHILOSOPHICAL =
  /\b(?:right to (?:die|end|commit|take|kill)|assisted (?:suicide|dying)|euthanasia|is suicide (?:selfish|wrong|a sin|cowardly|brave|immoral|moral|rational|a choice)|the ethics of|philosoph\w*)\b/;

// Clinical or topical mentions of a construct, as a noun phrase with no person of its own. Not
// "talk about" or "history of": "it feels good to talk about these suicidal thoughts" is the author's.
const CLINICAL_AFTER =
  /^ (?:is|are|can be|is very|are very|are really|are so|is so|are pretty|is pretty|are quite|is quite)? ?(?:surprisingly |fairly |relatively |far |much )?(?:a (?:time|period) of (?:higher|increased|greater|high) risk|common|normal|not uncommon|more common|treatable|a symptom|symptoms|a sign|signs|a warning sign|warning signs|part of (?:the|many|most|depression|bpd|ptsd)|a risk factor|risk factors|serious|widespread|frequent|higher|rising|increasing|linked to|associated with|a side effect|side effects)\b/;
const CLINICAL_BEFORE =
  /\b(?:rates? of|risk of|risk factors? for|(?:warning )?signs of|symptoms? of|screening for|prevention of|research on|research into|studies on|study on|statistics on|statistics about|education about|training on|awareness of|assessment of|topic of|article about|article on|lecture on|course on) (?:\w+ )?$|\b(?:movies?|films?|books?|shows?|documentar(?:y|ies)|articles?|songs?|videos?|podcasts?|episodes?|novels?|memoirs?|lectures?|class(?:es)?|courses?|units?|workshops?|seminars?|presentations?|stor(?:y|ies)|news) (?:about|on) (?:\w+ )?$|\b(?:suicide|self[ -]?harm) (?:prevention|awareness|hotline|lifeline|rates?|statistics|risk assessment|screening) ?$/;

// A construct as what is warned of, watched for or asked about: "a warning about increased suicidal
// thoughts", "watch for new or worsening thoughts of self-harm", "your therapist asks about suicidal
// thoughts at every session", "if they tell their therapist about suicidal thoughts". Only with no
// first person in the sentence: "I told my therapist about the suicidal thoughts" is a disclosure.
const MONITORING_BEFORE =
  /\b(?:warnings? (?:about|of|for)|(?:watch|look out|watch out|keep an eye out|monitor|screen|screening) for|(?:asks?|asked|asking|questions?|conversations?) about|tell (?:your|their|his|her|a|the) (?:\w+ )?(?:therapist|doctor|gp|psychiatrist|counsel+or|clinician|nurse|care team|prescriber) about) (?:(?:new|increased|worsening|any|passive|active|chronic|or|and) ){0,4}(?:(?:thoughts|urges|feelings) (?:of|about|to) )?$/;
// Asking someone else whether they have it: "ask her directly whether she has had any thoughts of suicide".
const ASK_OTHER_WHETHER_BEFORE = /\bask (?:him|her|them|your \w+|the \w+)(?: \w+)? (?:whether|if) (?:he|she|they|your \w+) (?:\w+ ){0,4}$/;
// The construct's examples in a sentence that defines it: "suicidal ideation exists on a spectrum,
// from fleeting thoughts that life is not worth living to detailed plans".
const EXAMPLES_LEAD_BEFORE = /\b(?:from|such as|including|ranging from)(?: \w+){0,4} $/;
const CONCEPT_COMMON_BEFORE = new RegExp(`${CONCEPT_COMMON_LEAD} (?:\\w+ ){0,2}$`);

// A construct as the subject of a sentence that says what it generally is or does: "self-harm is
// often a way of coping", "passive thoughts of death, like ..., are worth telling your clinician
// about". Only generalising predicates: "suicidal thoughts are back tonight" is the author's.
const SUBJECT_ONLY_BEFORE =
  /^(?:(?:passive|active|chronic|frequent|recurrent|recurring|intrusive|occasional|fleeting|such|these|those|the|some|many|most|all|any|and|or|but|so|also|even|often|usually|typically|generally|commonly|sometimes) )*(?:(?:urges?|cravings?|thoughts?|feelings?) (?:to|of|about) |(?:living|coping|dealing|struggling|life) with (?:(?:passive|active|chronic|frequent|recurrent|intrusive) )?|having (?:(?:passive|active|chronic|frequent|recurrent|intrusive) )?)?$/;
// The construct's marks or habits may stand between: "self-harm scars can be treated by a dermatologist".
const GENERALISING_PREDICATE = new RegExp(`^(?: (?:scars?|marks?|wounds?|injur(?:y|ies)|behaviou?rs?|habits?))?${GENERALISING}`);
// The construct named as what something is: "wishing you would get hit by a car is a passive death wish".
// Not "when you are having suicidal thoughts": an article, or the copula right before the phrase.
const NAMED_AS_BEFORE =
  /\b(?:is|are|called|as|means|mean) (?:a|an) (?:\w+ )?$|\b(?:is|are|called|known as|described as|counts as) $|\bwhat (?:\w+ ){1,2}(?:call|calls|term|terms|refer to as|describe as) (?:\w+ )?$/;

// "wanting the pain to stop is not the same as wanting to die": the phrase is the thing compared with.
const COMPARED_WITH_BEFORE =
  /\b(?:the same as|the same thing as|different (?:from|than)|distinct from|confused with|mistaken for|not (?:necessarily )?mean|as opposed to) $/;

const NOUN_PHRASE_PATTERNS = new Set([
  'passive.better-off-dead',
  'passive.suicidal-thoughts',
  'self-harm.mention',
  'attempt.mention',
  'exposure.died-by-suicide',
  'passive.thinking-about-death',
]);

/**
 * The frame a match sits in, when it is not the author's own risk now. `patternId` picks the
 * rules that can apply: the clinical frame only to noun phrases, the hypothetical to the phrases
 * those idioms use.
 */
export function speakerFrame(patternId: string, context: FrameContext): SpeakerFrame | null {
  const { before, matched, after, sentence, sentenceAfter = after } = context;

  if (matched.startsWith('make') ? WOULD_BEFORE_MAKE.test(before) : WOULD_MAKE_BEFORE.test(before)) return 'HYPOTHETICAL';
  if (/^kill my ?self$/.test(matched) && IDIOM_BEFORE.test(before) && MISHAP.test(sentence)) return 'HYPOTHETICAL';
  // Likewise "ugh I could just kill myself, I forgot my keys" (the pattern takes "i could just" in).
  if (/^i (?:could|can) (?:just )?kill my ?self$/.test(matched) && MISHAP.test(sentence)) return 'HYPOTHETICAL';

  // "If you are having thoughts of suicide, call 988": guidance to whoever reads it, written by
  // someone who says nothing of themselves in the sentence. "If you knew I was suicidal" has an "I".
  if (!/\b(?:i|me|my|myself)\b/.test(matched) && ADVICE_CONDITIONAL_BEFORE.test(before) && !/\b(?:i|me|my|myself|mine)\b/.test(sentence)) return 'GENERAL';

  // "If thoughts of suicide come up, use the safety plan we made": a condition on the construct
  // itself with an instruction after it, written by someone who says nothing of themselves there.
  // "If the thoughts come back, I will call my therapist" has its "I" and stays the author's.
  if (
    IF_CONSTRUCT_BEFORE.test(before) &&
    CONSTRUCT_ARISES_AFTER.test(sentenceAfter) &&
    INSTRUCTION_AFTER.test(sentenceAfter) &&
    !FIRST_PERSON_WORD.test(sentence)
  )
    return 'GENERAL';
  // Any condition with what the reader should do after it ("if seeing the scars brings back urges
  // to cut, mention that to your therapist"), what to do if it happens ("ask your care team what
  // to do if the suicidal feelings return"), or what to tell someone ("tell your therapist that
  // the thoughts are back"), by someone who says nothing of themselves in the sentence.
  // "If the urge to cut gets bad, I hold ice" and "tell me the thoughts will stop" keep their first person.
  if (
    !FIRST_PERSON_WORD.test(matched) &&
    !FIRST_PERSON_WORD.test(sentence) &&
    ((CONDITION_BEFORE.test(before) && INSTRUCTION_AFTER.test(sentenceAfter)) ||
      WHAT_TO_DO_BEFORE.test(before) ||
      (TELL_THAT_SENTENCE.test(sentence) && /\bthat (?:the |your |these )?$/.test(before)))
  )
    return 'GENERAL';

  // "Removing access to firearms and stockpiled medication keeps someone safe": means-safety
  // counselling, said of no one. "I have stockpiled medication" has its "I".
  if (patternId.startsWith('means.') && !FIRST_PERSON_WORD.test(sentence) && MEANS_SAFETY_ADVICE.test(sentence)) return 'GENERAL';

  // "when someone tells you they want to die, take it seriously": advice about another's disclosure.
  if (!/\b(?:i|me|my|myself)\b/.test(matched) && OTHERS_DISCLOSURE_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence)) return 'GENERAL';
  // "I often work with clients who have attempted suicide": a helper speaking of the people in
  // their care. Clinical talk, not the author's risk and not their exposure to a suicide.
  // Not when the author counts themselves among them ("I am one of those patients who ...").
  if (!/\b(?:i|me|my|myself)\b/.test(matched) && PEOPLE_IN_CARE_BEFORE.test(before) && !COUNTS_SELF_AMONG.test(before)) return 'CLINICAL';

  // "In my work I have seen people who survived an attempt": a helper's own "I" before people in
  // general. Only the words from "people" on must be free of the first person ("I am one of those
  // people who survived an attempt" counts the author among them).
  if (!FIRST_PERSON_WORD.test(matched) && HELPER_LEAD.test(before) && !COUNTS_SELF_AMONG.test(before)) {
    const generic = GENERIC_SUBJECT_BEFORE.exec(before);
    if (generic && !FIRST_PERSON_WORD.test(generic[0])) return 'CLINICAL';
  }

  const nearBefore = before.split(' ').slice(-6).join(' ');
  // "I am one of those people who ...": the author counts themselves among the people.
  const countsSelfAmong = COUNTS_SELF_AMONG.test(before) && FIRST_PERSON_WORD.test(before);
  if (!/\b(?:i|me|my|myself)\b/.test(matched) && !/\b(?:i|my|me)\b/.test(nearBefore) && !countsSelfAmong) {
    if (GENERIC_SUBJECT_BEFORE.test(before) || PHILOSOPHICAL.test(`${nearBefore} ${matched}`)) return 'GENERAL';
  }

  // An urge named as a noun ("urges to self-harm usually rise, peak and pass") is a noun phrase too.
  // So is an attempt with an article ("the weeks after a suicide attempt are a time of higher risk").
  const nounPhrase =
    NOUN_PHRASE_PATTERNS.has(patternId) ||
    (patternId === 'self-harm.urge' && /^(?:urges?|cravings?) to\b/.test(matched)) ||
    (patternId === 'attempt.my-attempt' && /^(?:survived|after|since|before) (?:a|an|the|another)\b/.test(matched));
  if (nounPhrase && !/\b(?:my|i|me|myself)\b/.test(matched) && !/\b(?:my|i|i am|i have|i get|i had|i have had|me)(?: \w+)?$/.test(before.trimEnd())) {
    if (CLINICAL_AFTER.test(after) || CLINICAL_BEFORE.test(before)) return 'CLINICAL';
    if (CONCEPT_COMMON_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence)) return 'CLINICAL';
    if (MONITORING_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence)) return 'CLINICAL';
    if (ASK_OTHER_WHETHER_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence)) return 'CLINICAL';
    const subjectWords = before.trim();
    if (SUBJECT_ONLY_BEFORE.test(subjectWords && `${subjectWords} `) && GENERALISING_PREDICATE.test(sentenceAfter) && !FIRST_PERSON_WORD.test(sentence))
      return 'CLINICAL';
    if (NAMED_AS_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence)) return 'CLINICAL';
  }
  if (!FIRST_PERSON_WORD.test(sentence) && EXAMPLES_LEAD_BEFORE.test(before) && DEFINITIONAL_SENTENCE.test(sentence)) return 'CLINICAL';
  // A wish named as the thing compared with, by someone who says nothing of themselves there.
  if (/^(?:wanting|wishing|needing|longing|feeling|thinking)\b/.test(matched) && COMPARED_WITH_BEFORE.test(before) && !FIRST_PERSON_WORD.test(sentence))
    return 'GENERAL';
  return null;
}
