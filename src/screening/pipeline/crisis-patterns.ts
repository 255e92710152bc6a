/**
 * The project's own crisis patterns, tiered after the Columbia scale (C-SSRS) and informed by the
 * constructs of the Suicide Risk Lexicon (Low et al. 2024). They run on `NormalisedText.text`, one
 * clause at a time, so contractions are already expanded ("dont" -> "do not", "im" -> "i am"),
 * leetspeak and spacing tricks are undone, and runs of letters are shortened.
 *
 * Tiers: LOW distress (hopelessness, burden, entrapment, worthlessness); MODERATE passive ideation;
 * HIGH active ideation, attempts, current self-harm; IMMINENT plan, means in hand, time, goodbye.
 * Discounts (negation, someone else, the distant past) are applied by the detector, not here.
 */
export const CRISIS_LEVELS = ['NONE', 'LOW', 'MODERATE', 'HIGH', 'IMMINENT'] as const;
export type CrisisLevel = (typeof CRISIS_LEVELS)[number];
export type CrisisTier = Exclude<CrisisLevel, 'NONE'>;

export type CrisisConstruct =
  | 'HOPELESSNESS'
  | 'BURDENSOMENESS'
  | 'ENTRAPMENT'
  | 'WORTHLESSNESS'
  | 'LONELINESS'
  | 'HOSPITALISATION'
  | 'SUICIDE_EXPOSURE'
  | 'DEFEAT'
  | 'DEATH_TALK'
  | 'PASSIVE_IDEATION'
  | 'ACTIVE_IDEATION'
  | 'SELF_HARM'
  | 'ATTEMPT'
  | 'METHOD_OR_MEANS'
  | 'PLAN'
  | 'TIMING'
  | 'GOODBYE'
  | 'THREAT_TO_OTHERS'
  /** Not a pattern: the detector's note that several weaker signals added up (see crisis-detector). */
  | 'ACCUMULATED_RISK'
  /** Not a pattern: the learned crisis model's probability was over its threshold (src/screening/crisis-model). */
  | 'LEARNED_MODEL'
  /** Not a pattern: the author's recent risk signals (src/screening/pipeline/screening-context.ts). */
  | 'AUTHOR_CONTEXT'
  /** Not a pattern: the reply agrees with a post rated MODERATE or above (screening-context.ts). */
  | 'THREAD_CONTEXT';

/**
 * Whose risk a phrase is about.
 * - REFLEXIVE: the phrase says so itself ("kill myself", "my attempt").
 * - CLAUSE_SUBJECT: the nearest subject before the phrase decides ("she wants to die" is not ours).
 * - POSSESSIVE: a noun phrase; only the word right before it decides ("my suicidal thoughts"
 *   vs "his"), since a generic "you" earlier in the clause is often the author talking.
 * - THIRD_PERSON: always someone else ("killed herself"): suicide exposure, a risk factor only.
 */
export type CrisisSubject = 'REFLEXIVE' | 'CLAUSE_SUBJECT' | 'POSSESSIVE' | 'THIRD_PERSON';

export interface CrisisPattern {
  readonly id: string;
  readonly construct: CrisisConstruct;
  readonly tier: CrisisTier;
  readonly subject: CrisisSubject;
  readonly pattern: RegExp;
  /** Names a method or lethal means: a MODERATE post naming one is held, a HIGH one is IMMINENT. */
  readonly namesMeans?: boolean;
  /**
   * Only counts when the same post also carries current ideation of MODERATE or above:
   * "tonight's the night" or "I bought a rope" alone are ordinary sentences.
   */
  readonly needsRiskContext?: boolean;
  /**
   * With needsRiskContext: any current distress construct (hopelessness, defeat, burden...) is
   * context enough. A deadline given oneself ("I've given myself until Christmas") beside "it's
   * not worth fighting anymore" is a deadline to live; beside nothing it may be an essay's.
   */
  readonly distressIsContext?: boolean;
  /**
   * With needsRiskContext: two such phrases in one post, from different patterns, are context for
   * each other. "I'm going to the bridge tonight" and "goodbye everyone" are each an ordinary
   * sentence; together they are a plan and a farewell.
   */
  readonly corroborates?: boolean;
  /**
   * Counts only when its sentence names this too: "I have been saving mine" is stockpiling when
   * the sentence is about doses or pills, and nothing when it is about money.
   */
  readonly sentenceNames?: RegExp;
  /**
   * Counts only when the sentence before names this: "I have thought about it" is ideation after
   * "I could never take my own life", and nothing after "should I take the job".
   */
  readonly previousSentenceNames?: RegExp;
  /** Counts only when its sentence or the one before names this ("my grandpa passed away. I want to join him"). */
  readonly nearbyNames?: RegExp;
  /**
   * With needsRiskContext: the tier it counts at when the post carries no context (instead of not
   * counting at all). For explicit forms where a person should look even alone ("my plan is to
   * drive to the bridge on Friday"), but a page would be too much without more.
   */
  readonly tierWithoutContext?: CrisisTier;
  /**
   * C-SSRS preparatory behaviour: an act that readies one's death (giving possessions or pets away,
   * affairs settled, a note or letters written, lethal means obtained or laid out). Only these add
   * up in rule.preparations-add-up; a time, a finality or a goodbye corroborates but is not one.
   */
  readonly preparatory?: boolean;
  /**
   * Does not count when its sentence, or the one before or after, gives an ordinary reason: "I won't
   * be here by Friday, I'm moving to Leeds", "gave my dog to my sister while I'm in hospital".
   */
  readonly nearbyRulesOut?: RegExp;
}

/** Whole-word, global regex from a source string (the detector iterates every match). */
function phrase(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');
}

const SELF = 'my ?self';
const GENERIC_SELF_KILL = `(?:kill|killing|killed|off|offing|unalive|unaliving|end|ending) ${SELF}`;
const METHOD_SELF_KILL =
  `(?:(?:hang|hanging|hung|shoot|shooting|drown|drowning|poison|poisoning|suffocate|suffocating|stab|stabbing|` +
  `electrocute|electrocuting|gas|gassing|overdose|overdosing|od) ${SELF}|set ${SELF} on fire)`;
const END_LIFE =
  `end(?:ing)? (?:my (?:own )?life|it all|my suffering|everything|things|it(?! with| between| for| on(?! (?:my birthday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \\d))))|` +
  `tak(?:e|ing) my (?:own )?life`;
const JUMP = `jump(?:ing)? (?:off|from|in front of|out of) (?:a|the|my|this)? ?(?:bridge|building|roof|balcony|cliff|train|window|ledge|overpass|parking garage|tower|car)`;
const OVERDOSE = `overdos(?:e|ing)|od|take all (?:of )?(?:my|the|these|those) (?:pills|meds|tablets)`;
const INTENT = `(?:want|wanted|wanting|going|plan|planning|intend|intending|ready|about|decided|deciding|need|trying|try|would like|choose|chose|urge|urges|tempted|have decided) to(?: go)?`;
const PILLS = `(?:pills|tablets|meds|medication|medications|painkillers|pain killers|sleeping pills|sleeping tablets|sleep meds|sleeping meds|anti[- ]?depressants|benzos|opioids|tylenol|paracetamol|oxys|insulin)`;
/** What pills come in, counted as a quantity at hand ("a bottle of", "a strip of"). */
const PILL_CONTAINER = `(?:bottles?|handfuls?|piles?|stash|box(?:es)?|packs?|packets?|strips?)`;
const QUANTITY = `(?:\\d{2,}|[4-9]|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|enough|all(?: of)?(?: my| the)?|a (?:whole )?bottle of|a (?:whole|full|entire) (?:strip|pack|packet|box|blister pack) of|bottles of|a handful of|handfuls of|a stash of|a bunch of|lots of|a lot of|so many|dozens of|hundreds of)`;
const PLACE = `(?:bridge(?! club| game| table)|ledge|roof|rooftop|cliff|tracks|train tracks|railway|edge of (?:the|a) (?:bridge|roof|building|cliff|platform))`;
const DISAPPEAR = `dis{1,2}ap{1,2}ear`;
const WEEKDAY = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;
// A date set for the act is a plan as much as "tonight" is: "on my birthday", "next friday", "by the end of the month".
const TIME = `(?:tonight|today|tomorrow|this weekend|right now|now|soon|in (?:an|a few|\\d+|a couple of) (?:hours?|minutes?|days?)|(?:on |this |next )${WEEKDAY}|next (?:week|weekend|month)|on my birthday|on (?:the )?\\d{1,2}(?:st|nd|rd|th)?(?! (?:time|floor|try|attempt|day of|grade))|(?:by|before) (?:the weekend|${WEEKDAY}|the end of (?:the|this|next) (?:week|month)|my birthday|christmas|new year))`;
// A place to jump from, for plans and aborted attempts (PLACE also has "the edge of...", which is often a metaphor).
const LETHAL_PLACE = `(?:bridge|cliffs?|ledge|roof|rooftop|overpass|tracks|train tracks|railway(?: tracks)?|parking garage|top of (?:the|a) (?:building|parking garage|car park|cliff))`;
const RECENTLY = `last night|tonight|yesterday|this morning|earlier today|earlier tonight|the other night|last week|today`;
// Cliff jumping into a lake is a sport; a dog on the balcony is not the author.
const NOT_INTO_WATER = `(?! (?:in)?to (?:the|a) (?:lake|water|pool|sea|ocean|quarry))`;
const NOT_AN_ANIMAL = `(?<!(?:dog|dogs|cat|cats|puppy|kitten|pet|bird|horse|hamster|rabbit) )`;
// When, in a plan: "tonight", "after work on Friday", "at midnight".
const PLAN_TIME = `(?:tonight|today|tomorrow(?: night)?|this (?:weekend|evening|afternoon|morning)|right now|after (?:work|school|class|group|dinner|everyone (?:is )?(?:asleep|in bed))|(?:on )?${WEEKDAY}(?: night)?|at (?:midnight|dawn|\\d+(?: ?[ap]m)?)|when everyone is asleep|in (?:an|a few|\\d+|a couple of) (?:hours?|minutes?))`;
// A trip with company or an ordinary purpose is not a plan to die ("with my sister", "to watch the fireworks").
const ORDINARY_TRIP = `(?! (?:club|game|table|party|walk)| ?(?:with|where|for (?:a|the|our|my|some) (?!last |final )\\w+|to (?:meet|see|watch|take|pick|play|film|photograph|fish|paint|look at)))`;

// Acquiring lethal means, for means.acquired-recently: the verb, the object and a recent time.
const ACQUIRE = `bought|buy|purchased|ordered|got|picked up|went and got|got hold of|borrowed`;
const LETHAL_OBJECT = `(?:myself )?(?:a |an |some |the |another )?(?:new )?(?:rope|noose|gun|pistol|handgun|revolver|shotgun|rifle|firearm|bullets|ammo|ammunition|razor blades?|charcoal|helium(?: tank)?)`;
const NAMED_DRUGS = `lithium|sertraline|fluoxetine|citalopram|quetiapine|seroquel|amitriptyline|venlafaxine|mirtazapine|zopiclone|diazepam|lorazepam|clonazepam|xanax|valium|oxycodone|codeine|tramadol|morphine`;
// "my third attempt at the driving test", "another attempt to quit": an attempt at something else.
// "an attempt at my life", "my attempt at suicide" (and "at it", unsaid) stay attempts.
const NOT_AN_ORDINARY_ATTEMPT = `(?! (?:at|to|on) (?!(?:my (?:own )?life|suicide|it(?![\\p{L}])|ending|killing|end (?:it|my)|kill|take my|taking my|overdose|hang|die|od(?![\\p{L}])))\\p{L})`;
const PET = `dog|dogs|cat|cats|pets?|puppy|kitten|bird|birds|rabbit|hamster|horse`;
const ACQUIRED_WHEN = `today|yesterday|tonight|last night|this (?:morning|afternoon|evening)|earlier today|just|finally`;

/**
 * An ordinary reason to be away, to rehome a pet or to part with things, said beside the phrase:
 * a move, a trip, a stay in hospital or rehab, a new job, an allergy, money. People who give such
 * a reason almost always say it in the same sentence or the next one.
 */
/** A dose set out for a reason, or an ordinary absence: what rules out pills readied "for later". */
const DOSE_REASON =
  /\b(?:doses?|dosage|dosing|organi[sz]er|pill ?box|dispenser|blister|pharmacy|pharmacist|prescribed|refill|with (?:food|dinner|lunch|breakfast)|(?:before|after) (?:bed|food|dinner|lunch|breakfast|meals?)|bedtime|out all day|all day at|at work|at the clinic|clinic|side effects?)\b/;
export const ORDINARY_ABSENCE =
  /\b(?:moving|move (?:to|out|in|house|away|back)|moved (?:to|out|in|house|away|back)|new (?:flat|house|place|job|apartment)|relocat\w*|visiting|visit (?:my|our|the|family|friends)|trip|holiday|vacation|travel\w*|flight|flying|abroad|away (?:for|on|until|till)|back (?:on|next|in|by)|(?:going|go|admitted|checking|check|booked) (?:in)?to (?:the )?(?:hospital|rehab|inpatient|residential)|(?:in|at) (?:the )?hospital for|hospital (?:stay|appointment)|while i am (?:away|in (?:the )?(?:hospital|rehab|treatment)|at|on|out)|surgery|operation|deploy\w*|conference|camp|festival|wedding|honeymoon|business trip|work(?:ing)? (?:away|abroad)|allerg\w*|landlord|foster\w*|(?:until|till) i (?:get|come) back|see you (?:all )?(?:next (?:week|month|time)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \d)|when i (?:get|am) back|in (?:a|two|three|\d+) (?:days?|weeks?)))\b/;
const DOSE_OR_ABSENCE = new RegExp(`${DOSE_REASON.source}|${ORDINARY_ABSENCE.source}`);
/** An ordinary farewell said beside "goodbye everyone": the program finished, a new job, a move. */
const FAREWELL_REASON = new RegExp(
  `\\b(?:graduat\\w*|discharg\\w*|finish(?:ed|ing) (?:the|my) (?:program|programme|course|treatment)|last (?:day|session|group|week) (?:at|of|in|with)|(?:great|good|amazing|wonderful) (?:program|programme|group|year|time|course|team)|new job|retir\\w*|on to new things)\\b|${ORDINARY_ABSENCE.source}`,
);

/**
 * An ordinary absence from the group or the forum: a farewell's reason, an errand, a session to be
 * missed, a return or catching up afterwards ("won't be here by Friday's group, doctor's
 * appointment", "I'll be gone by the weekend so post any questions before then"). In an outpatient
 * program people say when they will miss group; that must not page a clinician.
 */
const ORDINARY_ABSENCE_FROM_GROUP = new RegExp(
  `${FAREWELL_REASON.source}|\\b(?:appointments?|doctor'?s|dentist|(?:for|at|from) work|work (?:thing|trip|event|do)|shifts?|catch(?:ing)? up|questions? (?:before|by|until|till)|before then|back (?:after|afterwards|later|soon)|talk soon|${WEEKDAY}'?s (?:group|session|class|meeting)|(?:miss|missing|skip|skipping) (?:the |our |my |this |next )?(?:\\w+ )?(?:group|session|class|meeting))\\b`,
);

export const CRISIS_PATTERNS: readonly CrisisPattern[] = [
  // IMMINENT: means in hand, place, time, goodbye.
  {
    id: 'means.stockpiled-pills',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    pattern: phrase(
      `(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting|stashed|stashing) (?:up )?(?:${QUANTITY} )?(?:\\w+ )?${PILLS}|` +
        // A prescription kept back instead of taken ("stockpiling my sertraline instead of taking it").
        `(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|stashed|stashing) (?:up )?my \\w+ (?:instead of|rather than) taking (?:it|them)|` +
        // A psychiatric or pain medication named and saved up, or pills "I've been holding back".
        `(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|stashed|stashing|kept back|keeping back|holding back|held back) (?:up )?(?:all )?(?:of )?my (?:${NAMED_DRUGS})|` +
        `(?:${PILLS}|every pill|each pill) (?:that )?i (?:have|had) been (?:saving|stockpiling|hoarding|stashing|holding back|hiding|collecting)`,
    ),
  },
  // "As a nurse I know the doses, and I have been saving mine": the pills named earlier in the sentence.
  {
    id: 'means.saving-own-supply',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    pattern: phrase(`(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|stashed|stashing) (?:up )?(?:mine|my own|them up)`),
    sentenceNames: /\b(?:lethal |fatal |toxic )?(?:doses?|dosages?|pills|tablets|meds|medications?|prescriptions?)\b/,
  },
  {
    id: 'means.pills-enough-to-die',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(`(?:enough|all (?:of )?(?:my|the|these)) (?:\\w+ )?${PILLS} to (?:kill|die|end|overdose|od|do it|not wake up|never wake up)`),
  },
  {
    id: 'means.overdose-taken',
    construct: 'ATTEMPT',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    // "all of my mum's sleeping tablets": whose they are, in one or two words, is still the pills.
    pattern: phrase(
      `(?:took|taken|swallowed|downed|just took|have taken) ${QUANTITY} (?:of )?(?:my |the |those |these )?(?:[\\w']+ ){0,2}?${PILLS}|` +
        // The pills unnamed, by where they were kept: "took everything that was in the cabinet".
        `(?:took|taken|swallowed|downed) (?:everything|all|the lot|whatever was) (?:that was |that is |that i found )?in (?:the|my|our|mum's|mom's) (?:medicine |bathroom )?(?:cabinet|cupboard|drawer)(?! (?:out|down|off|to|with me))`,
    ),
  },
  {
    id: 'means.noose',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:bought|got|tied|made|set up|hung|put up|have|holding) (?:a|the|my) (?:noose|rope (?:around|round) my neck)|rope (?:is|around my neck)|noose is (?:ready|tied|up)`,
    ),
  },
  {
    id: 'means.gun-to-head',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(`(?:gun|pistol|barrel|revolver|knife|blade) (?:to|in|against|on) my (?:head|mouth|temple|throat|chest|wrists?)`),
  },
  {
    id: 'place.at-the-edge',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(`i am (?:standing |sitting |now |currently |right |here )*(?:on|at) (?:the|a|this|top of the) ${PLACE}`),
  },
  {
    id: 'timing.act-with-time',
    construct: 'TIMING',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:going to|will|about to|plan to|planning to|decided to) (?:${GENERIC_SELF_KILL}|${METHOD_SELF_KILL}|end my life|take my (?:own )?life) ${TIME}`,
    ),
  },
  {
    id: 'timing.do-it-with-time',
    construct: 'TIMING',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    // The act left unsaid, with a time: with letters to one's family, a goodbye or means beside it
    // (each corroborates the other) it is the act ("Tonight I'm going to do it. I've written letters").
    corroborates: true,
    pattern: phrase(
      `(?:do it|doing it|go through with it|going through with it|end it|ending it|it will (?:all )?be over) ${TIME}|` +
        `(?:tonight|today|tomorrow|this weekend) i am (?:finally |really |actually )?(?:going to|gonna) (?:do it|go through with it|end it)(?= *$)`,
    ),
  },
  {
    id: 'timing.the-night',
    construct: 'TIMING',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    // "Tonight is the night. I'm done.": a time and a finality, each ordinary alone.
    corroborates: true,
    pattern: phrase(
      `(?:tonight|today)(?: is|'s) the (?:night|day)|(?:tomorrow|${WEEKDAY}|this weekend)(?: is|'s) the (?:night|day)(?= *$)|(?:this is|it is) my (?:last|final) (?:night|day|post|message)`,
    ),
  },
  {
    id: 'plan.have-a-plan',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    pattern: phrase(
      `(?:have|made|got|came up with|worked out|figured out|finalised|finalized) (?:a|the|my) (?:suicide )?plan|(?:picked|chose|chosen|set|decided on) (?:a|the) (?:date|day|method)`,
    ),
  },
  {
    // A plan and the means together is the plan the C-SSRS asks about, whatever words are around it.
    id: 'plan.plan-and-means',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:have|got|have got) (?:a|the|my) plan and (?:the |my )?(?:means|pills|rope|gun)`),
  },
  {
    id: 'plan.suicide-plan',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `plan(?:ning|ned)? (?:to|how to|on how to) (?:${GENERIC_SELF_KILL}|${METHOD_SELF_KILL}|end my life|take my (?:own )?life|commit suicide)|my suicide plan|plan(?:ning|ned)? my (?:own )?(?:suicide|death)`,
    ),
  },
  {
    // Preparation (C-SSRS preparatory behaviour): something obtained or readied for one's own death.
    id: 'plan.prepared-for-my-death',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'REFLEXIVE',
    preparatory: true,
    pattern: phrase(
      `(?:bought|ordered|got|gathered|collected|prepared|picked up|researched) (?:\\w+ ){0,3}(?:for|to use (?:for|in)) my (?:suicide|death|attempt|overdose)`,
    ),
  },
  {
    id: 'plan.giving-away',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    // Two preparatory acts corroborate each other (giving things away, everything in order by a day).
    corroborates: true,
    preparatory: true,
    // A pet handed to someone, rehomed, or everything sold: the same act when no reason is given
    // ("gave my dog to my sister while I'm in hospital" gives one).
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:giving|gave|give) away (?:all )?(?:of )?my (?:stuff|things|belongings|possessions|pets?|cats?|dogs?)|(?:giving|gave|give) (?:all )?(?:of )?my (?:stuff|things|belongings|possessions) away|(?:put|putting|getting) my affairs in order|(?:wrote|written|writing|made|making) (?:a|my) will|(?:changed|updated|rewrote|redid|finished) my will|` +
        `(?:giving|gave|given|give|handed|handing) my (?:${PET}) (?:away )?to (?:my |a |the |our )?\\w+|(?:rehomed|rehoming|found (?:a )?new homes? for) (?:both |all )?(?:of )?my (?:${PET})|(?:gave|given|giving|handed) (?:away )?my (?:favou?rite |old |best )?(?:guitar|bike|car|jewell?ery|rings?|watch|books|records|vinyl|console|switch|xbox|playstation|ps\\d|games|laptop|camera|tools|paintings|art|clothes|hoodies?|jackets?|plants|sneakers|shoes) (?:away )?to (?:my |a |the |our )?\\w+|` +
        // Someone found for a pet, with no trip or hospital stay said: "made sure the dog has somewhere to go".
        `made sure (?:the|my) (?:${PET}) (?:has|have|will have|gets|would have) (?:somewhere to go|a (?:new |good )?home|someone to (?:look after|take care of|feed) (?:him|her|them|it))|(?:sold|selling|sell) (?:all |most )?(?:of )?(?:my (?:stuff|things|belongings|possessions)|everything i (?:own|have))`,
    ),
  },
  {
    // A preparatory act done "before I go", with nothing after the "go": a home found for the cats,
    // things tidied, goodbyes said before an unnamed leaving (C-SSRS preparatory behaviour told in
    // the usual euphemism). "Before I go to uni" names where; a move or a trip beside it rules it
    // out. With distress it is HIGH and pages; alone a person looks.
    id: 'plan.before-i-go',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    preparatory: true,
    tierWithoutContext: 'MODERATE',
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:(?:find|found|finding) (?:a |some )?(?:new |good )?homes? for (?:them|him|her|(?:my|the) \\w+)|(?:give|giving) (?:them|him|her|(?:my|the) \\w+) away|rehome (?:them|him|her|(?:my|the) \\w+)|(?:tidy|tidying|sort|sorting|clear|clearing) (?:things |everything |my (?:things|stuff|room|flat|affairs) )?(?:up|out)|say(?:ing)? (?:my )?goodbyes?(?: to (?:everyone|my \\w+))?)` +
        `(?: \\w+){0,3}? before i (?:go|leave|am gone|die|do it|end it)(?= *$)`,
    ),
  },
  {
    // Settling affairs with an end in sight ("everything is in order now", "I want everything sorted
    // before Sunday"): tidy-minded alone; beside giving things away or other preparations, the
    // C-SSRS's preparatory acts. A person looks (MODERATE); with more risk the act's full tier.
    id: 'plan.affairs-settled',
    construct: 'PLAN',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    preparatory: true,
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:everything|it all|all of it|my affairs)(?: is| are|'s) (?:now )?(?:in order|sorted|taken care of|settled)(?: now)?(?= *$)|(?:want|need|have) (?:to get )?(?:everything|it all|my affairs) (?:sorted|in order|settled|taken care of) (?:before|by) (?:${WEEKDAY}|the weekend|next week|tomorrow|tonight|the end of (?:the|this) (?:week|month)|my birthday)`,
    ),
  },
  {
    // Preparations that close a life down: appointments cancelled, debts paid off, a letter each.
    id: 'plan.preparations',
    construct: 'PLAN',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    preparatory: true,
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `cancel(?:l)?ed (?:all )?(?:of )?my (?:appointments|sessions|therapy|plans for next (?:week|month))|paid off (?:what i owed|everything i owed|all my debts|my debts)|wrote (?:my (?:mum|mom|dad|brother|sister|son|daughter|wife|husband|partner|parents|kids|best friend)|each of my \\w+) (?:a )?(?:letter|letters|note)`,
    ),
  },
  {
    // Resolve after an attempt that failed ("this time I'm not going to fail"), and having enough
    // "to make sure": each ordinary alone (an exam, a recipe), the intent beside each other or risk.
    id: 'plan.not-fail-this-time',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(`this time i (?:am not going to|will not|will) (?:fail|mess (?:it |this )?up|screw (?:it |this )?up|wake up|survive|get it wrong)(?= *$)`),
  },
  {
    // After an attempt, "finish what I started" is the act itself; beside no risk it is a degree or a painting.
    id: 'active.finish-what-i-started',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    pattern: phrase(
      `(?:want|need|going|have|plan|planning|ready|determined) to (?:finish what i started|finish the job|get it right this time|do it right this time)`,
    ),
  },
  {
    // A wish to die or stop, then "I know how" / "I keep thinking about how" with nothing after it:
    // ideation with a method in mind (the Columbia scale's step up from ideation alone).
    id: 'active.knows-how',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    pattern: phrase(
      `(?:i (?:think i |already |now )?know (?:exactly )?how|(?:keep|been|am|i am|cannot stop|can not stop) thinking about how|(?:figured|worked) out how)(?= *$| *[.,!;])`,
    ),
  },
  {
    // "I have everything I need" ending a sentence, beside risk: the means are at hand, unnamed.
    id: 'means.have-everything-needed',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    pattern: phrase(`i (?:have|have got|got) (?:everything|all|what) i need(?= *$| *[.,!;])`),
  },
  {
    id: 'means.enough-to-make-sure',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(`i have (?:got )?enough (?:\\w+ )?to make sure(?= *$| (?:this time|it works))`),
  },
  {
    // Looking up heights to jump from ("researching which bridge is the tallest around here").
    // A school project or a trip says what it is for; alone a person looks.
    id: 'means.researching-heights',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `(?:researching|looking up|looked up|googling|googled|searching|searched(?: for)?) (?:which|what|the) (?:\\w+ )?(?:bridges?|buildings?|cliffs?|overpass(?:es)?|parking garages?|car parks?) (?:\\w+ ){0,3}?(?:is |are )?(?:the )?(?:tallest|highest)(?!.*\\b(?:for|to see|to visit|to climb|homework|project|trip)\\b)|` +
        // The superlative first, or access to the roof asked: "googled the tallest buildings that have roof access".
        `(?:researching|looking up|looked up|googling|googled|searching|searched(?: for)?) (?:the )?(?:tallest|highest) (?:bridges?|buildings?|cliffs?|overpass(?:es)?|parking garages?|car parks?)(?! (?:in the world|ever))(?!.*\\b(?:to see|to visit|to climb|homework|project|trip|photos?|view)\\b)|` +
        `(?:researching|looking up|looked up|googling|googled|searching|searched(?: for)?) (?:\\w+ ){0,6}?(?:with|that have|that has|with open) roof access`,
    ),
  },
  {
    id: 'goodbye.this-is-goodbye',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `this is (?:my )?(?:final |last )?goodbye|my (?:final|last) goodbyes?|goodbye (?:forever|cruel world|world)|saying (?:my )?(?:final|last) goodbyes?|by the time (?:you|anyone|someone|they) (?:read|reads|see|sees|find|finds) this`,
    ),
  },
  {
    id: 'goodbye.note',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    pattern: phrase(
      `(?:my|wrote a|written a|writing a|write a|left a|leave a|leaving a) (?:suicide|goodbye|farewell) (?:note|letter)|this is my (?:suicide )?note`,
    ),
  },
  {
    // C-SSRS preparatory behaviour, means in reach now: the pills lined up, the rope ready. Pills
    // are everyday objects (a weekly organiser, morning meds), so they count at full tier only with
    // risk or another such phrase in the post, and alone a person still looks (MODERATE, held).
    id: 'means.within-reach',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: DOSE_OR_ABSENCE,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `${PILL_CONTAINER} of (?:\\w+ )?${PILLS} (?:\\w+ ){0,3}?(?:in front of me|next to me|beside me|in my hands?|on my lap|within reach)(?! for (?:my|this|the|a) (?:headache|migraine|pain|cold|flu|period|cramps|back|tooth|fever))|` +
        `${PILLS} (?:are |all )?(?:lined up|laid out|counted out|poured out|spread out)(?! (?:in|into) (?:my|the|a) (?:\\w+ )?(?:organi[sz]er|pill ?box|dispenser|case|container)| for (?:the|this|next|tomorrow|my) (?:week|month|morning|day|trip|holiday|vacation))|` +
        `(?:had|have|got|has) (?:the|a|my) (?:rope|noose|gun|pistol|handgun|belt) (?:ready|loaded|tied|set up|out)(?! for (?:the|a|my) (?:range|hunt|hunting|trip|climb|show))|` +
        // "I have the pills ready": said of a dose, it comes with the dose's reason (ruled out
        // nearby) or its purpose ("for the week", "for grandma").
        `(?:had|have|got|has) (?:the|my|all (?:of )?(?:the|my)|those|these) (?:\\w+ )?${PILLS} (?:all )?ready(?! for (?!tonight|now|later|when)\\w)`,
    ),
  },
  {
    // C-SSRS preparatory behaviour: lethal means acquired just now, no purpose stated ("I bought a
    // rope today"). A climbing rope or a hunting rifle comes with its purpose in the clause ("for
    // the climbing gym", "to go hunting"), so a stated purpose ends the match. Alone a person looks
    // (MODERATE, held); beside any distress, a finality or a goodbye it is the full tier.
    id: 'means.acquired-recently',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `(?:(?:${ACQUIRED_WHEN}) (?:i )?(?:${ACQUIRE}) ${LETHAL_OBJECT}|(?:${ACQUIRE}) ${LETHAL_OBJECT}(?: from(?: [\\w']+){1,4}?)? (?:${ACQUIRED_WHEN}))(?!.*\\b(?:for|to|so (?:i|we) can|because)\\b)`,
    ),
  },
  {
    // The unambiguous form: means laid out with a time, now ("all my pills lined up tonight").
    id: 'means.at-hand-now',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    pattern: phrase(
      `${QUANTITY} (?:\\w+ )?${PILLS} (?:are |all )?(?:lined up|laid out|counted out|poured out|spread out|ready)(?: \\w+){0,4} (?:tonight|right now|ready to go)|(?:the|my) (?:rope|noose) is (?:ready|tied|up)(?: \\w+){0,3} (?:tonight|right now)` +
        `|(?:have|holding) (?:the|my|all my|all the|a handful of|a fistful of|a bottle of) ${PILLS} in my hands?(?: \\w+){0,2} (?:tonight|right now)`,
    ),
  },
  {
    // Pills readied and kept back for a time later ("got the pills counted out on the dresser for
    // later"): C-SSRS preparatory behaviour, means at hand with a time. A dose is set out with its
    // reason beside it (out all day, with dinner, the organiser), which rules it out.
    id: 'means.readied-for-later',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    nearbyRulesOut: DOSE_OR_ABSENCE,
    pattern: phrase(
      `(?:the|my|all (?:of )?(?:the|my)|those|these) ${PILLS} (?:are |all )?(?:lined up|laid out|counted out|poured out|set aside|put aside|hidden|ready)(?: \\w+){0,4}? for (?:later|when (?:everyone|everybody|they|he|she|the house|my \\w+) (?:is|are|has|have) (?:asleep|in bed|gone|left|out))(?= *$)`,
    ),
  },
  {
    // Means named in this sentence or the one before, kept back for a time: "sixty sleeping pills in
    // a sock drawer. Been saving them for Saturday." A dose saved for a trip or a flare-up says so.
    id: 'means.saved-for-a-time',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    nearbyNames: /\b(?:pills|tablets|meds|medications?|painkillers|sleeping pills|rope|noose|gun|pistol|bullets|blades?)\b/,
    nearbyRulesOut: DOSE_OR_ABSENCE,
    pattern: phrase(
      `(?:saving|saved|keeping|kept|hiding|hid|holding|held) (?:them|it|these|those) (?:back |up )?for (?:later|${TIME}|(?:on )?${WEEKDAY}(?: night)?|the (?:right|perfect) (?:time|moment|day|night)|when i am ready|when (?:everyone|everybody) (?:is|has) (?:asleep|gone))(?= *$)`,
    ),
  },
  {
    // Looking fixedly at something named before ("a bottle of pills in front of me. I keep
    // staring at it"): nothing alone, but beside means within reach it is the author attending to them.
    id: 'means.fixed-on',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:keep|kept|keeps|can not stop|been|sitting here|sit here|just) (?:staring|looking|stare|look) at (?:it|them)(?= *$| and| for| all| again| right)`,
    ),
  },
  {
    // A plan with a lethal place and a time (C-SSRS: intent with a plan). Going to a bridge on
    // Friday is also a date, so alone a person looks (MODERATE, held for the place); with distress
    // or a farewell in the post it is IMMINENT. Company or an ordinary purpose rules it out.
    id: 'plan.place-and-time',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `(?:tonight|today|tomorrow) i am (?:going|heading|driving|walking) (?:back )?(?:to|up to|out to|down to|onto) (?:the|that|a) (?:\\w+ ){0,2}?${LETHAL_PLACE}(?= *$)|` +
        `(?:plan is|planning|plan|going|heading|head|driving|walking|drive|walk|will (?:go|drive|walk|head))(?: to (?:go|drive|walk|head|get|take the (?:bus|train)))? (?:back )?(?:to|up to|out to|down to|onto) (?:the|that|a) (?:\\w+ ){0,2}?${LETHAL_PLACE}${ORDINARY_TRIP}(?: \\w+){0,3}? ${PLAN_TIME}${ORDINARY_TRIP}`,
    ),
  },
  {
    // Goodbye letters written for after one's death: "in case I don't make it", "for when I'm gone".
    // Not before surgery or a deployment, which people also write for.
    id: 'goodbye.letters',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    pattern: phrase(
      `(?:wrote|written|writing|write|left|leaving|leave|finished|finishing|recorded|recording) (?:\\w+ ){0,2}(?:letters?|notes?|messages?|cards?|videos?) (?:\\w+ ){0,4}?(?:in case i (?:do not|will not|never|am not|can not) (?:make it|wake up|come back|survive|get through|be here|be around)(?! (?:through|out of|after) (?:the |my )?(?:surgery|operation|procedure|deployment|treatment|chemo|transplant|delivery|birth))|for (?:when|after) i am (?:gone|dead|not here|no longer here)|to (?:be )?(?:read|found|opened) (?:when|after) i am (?:gone|dead))`,
    ),
  },
  {
    // Plural goodbye letters or videos written by the author: farewell alone is also a retirement,
    // so it needs distress around it, and alone a person still looks.
    id: 'goodbye.letters-written',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `(?:wrote|written|writing|write|left|leave|leaving|finished|recorded|recording) (?:my |the |some |all )?(?:goodbye|farewell|suicide) (?:letters|notes|messages|videos?)`,
    ),
  },
  {
    // A note written or left with no addressee or errand: "I wrote a note and left it in my desk
    // drawer". Ordinary alone (a note to the landlord, homework), so it counts only with risk or
    // another such phrase (a decided time, a goodbye); then it is the C-SSRS's suicide note.
    id: 'goodbye.note-left',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:wrote|written|writing|left|leaving|finished) (?:letters|notes) (?:for|to) (?:my |each of my |all of my )?(?:kids|children|family|parents|mum|mom|dad|wife|husband|partner|friends|sons?|daughters?|brothers?|sisters?|loved ones)|` +
        `(?:wrote|written|writing|left|leaving|finished|hid) (?:a|the|my) (?:note|letter)(?! (?:to|for) (?:my |the |a |our )?(?:landlord|teacher|boss|neighbou?r|school|work|manager|doctor|gp|psychiatrist|therapist|counsel+or|nurse|younger self|future self|self|class|group|homework|council|bank|insurance|office|milkman|postman|delivery)| (?:about|asking|reminding|to remind|to say|to ask|on the fridge|of (?:complaint|thanks|apology|recommendation|resignation)))`,
    ),
  },
  {
    // "I know what I'm doing this weekend." said as a whole sentence: a decision with a time whose
    // act is left unsaid. Plans for a weekend usually follow it ("...: camping"), so it counts only
    // with risk or another such phrase (a note left, a goodbye, possessions given away).
    id: 'plan.decided-time',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    sentenceNames: new RegExp(`(?:${TIME})$`),
    pattern: phrase(
      `i (?:know|have decided|decided|have made up my mind about) (?:exactly )?what i (?:am (?:going to do|doing)|(?:have|need|want) to do|will do|will be doing) ${TIME}`,
    ),
  },
  {
    // The last message: "this is the last time you'll hear from me".
    id: 'goodbye.last-you-hear',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:this is|this will be|it is) the last (?:time )?(?:you|anyone|anybody|you all|you guys|any of you) (?:will )?(?:ever )?(?:hear|hears) from me(?! about| on| regarding| until| for (?:a while|now|the (?:week|month|summer))| today| this (?:week|month))`,
    ),
  },
  {
    // "Goodbye everyone" ends ordinary farewells too (leaving the program, moving), so it counts
    // with distress or another such phrase in the post ("going to the bridge tonight").
    id: 'goodbye.to-everyone',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    // "Goodbye everyone, it was a great program": a farewell with its ordinary reason beside it.
    nearbyRulesOut: FAREWELL_REASON,
    pattern: phrase(
      `(?:goodbye|bye|farewell) (?:everyone|everybody|all|world|y'?all|you all|guys|to (?:all of you|everyone|everybody))(?= *$)|(?:wanted|want|need|came here|have) to say (?:goodbye|my goodbyes|bye)(?: to (?:everyone|everybody|you all|all of you|you guys))?(?= *$)|say(?:ing)? (?:goodbye|my goodbyes) to (?:everyone|everybody|my (?:family|kids|children|friends|parents))(?= *$| before| while| one last| for the last)|you will never (?:hear from|see) me again`,
    ),
  },
  {
    id: 'goodbye.not-here-tomorrow',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    // "won't be around by the weekend. Flying out to see my gran": an ordinary absence.
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:will not|not going to) (?:be (?:here|around|alive)|wake up|make it) (?:tomorrow|much longer|by (?:tomorrow|morning|the morning|the weekend)|after tonight)`,
    ),
  },
  {
    // A finality said as a whole sentence ("I'm done."): defeat alone (low.defeat), but beside a
    // time ("tonight is the night"), a goodbye or means just acquired it is the decision told.
    id: 'goodbye.finality',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    sentenceNames: /^(?:(?:and|so|honestly|ok|okay|well) )?i am (?:just |so |finally |completely |really )?(?:done|finished)$/,
    pattern: phrase(`i am (?:just |so |finally |completely |really )?(?:done|finished)(?= *$)`),
  },
  {
    // Parting words that say the author will not be needing anything, or thank people for having
    // tried: ordinary alone, a farewell beside a time, a goodbye or means.
    id: 'goodbye.finality-parting',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `i (?:will not|am not going to) need (?:it|them|this|that|anything|any of (?:it|this)) (?:for long|much longer|after (?:tonight|today|this week(?:end)?))|it (?:all )?ends (?:tonight|today|here|now)(?= *$)|thank(?:s| you)(?: (?:all|everyone|everybody|guys|so much))* for (?:trying|putting up with me)(?= *$| to help)|` +
        `thank(?:s| you) for everything(?: (?:guys|everyone|everybody|all|you all|y'all))?(?= *$)|you (?:were|have been|are) the only (?:ones?|people|person) (?:who|that) (?:ever )?(?:listened|cared|understood)(?= *$)`,
    ),
  },
  {
    // Not being alive by a named day ("I won't be here by Friday", "I'll be gone by the weekend"):
    // a disappearance with a time, which the C-SSRS reads as intent with timing. People away for an
    // ordinary reason say it beside it ("..., I'm moving to Leeds"; "not here Friday, visiting my
    // parents"; "won't be here by Friday's group, doctor's appointment"), which rules it out;
    // without one it pages (HIGH), and with distress it is IMMINENT.
    id: 'goodbye.not-here-by',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    nearbyRulesOut: ORDINARY_ABSENCE_FROM_GROUP,
    pattern: phrase(
      `(?:(?:will not|not going to|will no longer) be (?:here|around|alive)|(?:will|am going to) be gone) (?:by|after|past|come|before) (?:${WEEKDAY}|the weekend|next week|the end of (?:the|this) (?:week|month)|christmas|new year'?s?|my birthday)|` +
        `(?:will not|not going to) be (?:here|around|alive) (?:this time next (?:week|month)|for (?:christmas|my birthday|much longer))`,
    ),
  },
  {
    // Burdensomeness with an end in sight ("I won't be a burden much longer"): a warning sign the
    // C-SSRS training names. A new job or the rent said in the clause is the ordinary reading.
    id: 'goodbye.burden-not-for-long',
    construct: 'GOODBYE',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:will not|not going to) be (?:a |such a )?(?:burden|problem|bother) (?:to (?:anyone|anybody|you|you all|them|my family|everyone) )?(?:much longer|for (?:much )?longer|for long)(?!.*\\b(?:job|rent|pay|paid|move|moving|recover|better|surgery|cast)\\b)`,
    ),
  },

  {
    id: 'goodbye.last-day',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:spend|spending|live|living) my (?:very )?last (?:day|days|night|hours|moments)(?= *$| alive| on (?:this )?earth| here)`),
  },
  {
    id: 'plan.deadline',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    pattern: phrase(
      `(?:given|giving|give|gave) myself (?:until|till|one (?:more )?(?:day|week|month|year)|a (?:day|week|month|year)|\\d+ (?:more )?(?:days|weeks|months)|a deadline)`,
    ),
  },

  // HIGH: active ideation (intent, method), attempts, current self-harm.
  {
    id: 'active.intent-method',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `${INTENT} (?:just )?(?:${METHOD_SELF_KILL}|${JUMP}|${OVERDOSE}|(?:drive|crash|steer) (?:my car )?(?:into|off) (?:a|the) (?:tree|wall|bridge|cliff|river|lake|oncoming traffic|truck|train))`,
    ),
  },
  {
    id: 'active.intent',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`${INTENT} (?:just )?(?:${GENERIC_SELF_KILL}|${END_LIFE}|commit suicide|die by suicide|go through with it|sewer ?slide)`),
  },
  {
    id: 'active.will-kill-myself',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(`(?:i will|i am going to|i should|i might|i could just|i may|might as well|should just) (?:just )?(?:${GENERIC_SELF_KILL}|${END_LIFE})`),
  },
  {
    // "I'm going to do it" is the act only beside distress or risk ("I can't keep living like this.
    // I'm going to do it."); alone it is a client's exposure homework, an interview, a phone call to mum.
    id: 'active.will-do-it',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    needsRiskContext: true,
    // Any current distress says what "it" is ("I can't take any more. I should do it.").
    distressIsContext: true,
    pattern: phrase(
      // "I'll just do it myself", "... do it in my head": an errand done alone, not the act.
      `(?:i will|i am going to|i should|i might|i could just|i may|might as well|should just) (?:just )?do it(?! (?:myself|in my head|for (?:you|him|her|them)|with you|my way|online|instead))`,
    ),
  },
  {
    // "do myself in" (suicide, colloquially): only with intent or purpose before it ("going to",
    // "a tank of gas to do myself in with"), since "I did myself in at the gym" is exhaustion.
    id: 'active.do-myself-in',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:to|will|gonna|might|should|could|i am going to) (?:just )?do ${SELF} in(?! (?:the|a|an|my|at|public|front|every))`),
  },
  {
    id: 'active.kill-myself',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(`(?:kill|killing|killed|unalive|unaliving|off|offing) ${SELF}|(?<!\\d )kms|sewer ?slide`),
  },
  {
    id: 'active.method-myself',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(`${METHOD_SELF_KILL}|(?:blow|blowing|blew) my brains out|drink(?:ing)? ${SELF} to death`),
  },
  {
    id: 'active.take-them-all',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:should|could|want to|going to|thinking of|thinking about|wondering if i should|tempted to|urge to) (?:just )?(?:take|swallow|down) (?:them all|all of them|the whole (?:bottle|box|pack)|all (?:of )?(?:my|the|these|those) ${PILLS})|(?:staring at|looking at|holding|counting out) (?:the|my|these|those|a (?:whole )?bottle of|a handful of) ${PILLS}` +
        // The thought as a gerund: "I keep thinking about taking all of them tonight". Not taking
        // people somewhere ("thinking about taking them all to the zoo").
        `|(?:thinking of|thinking about|tempted by) (?:just )?(?:taking|swallowing|downing) (?:them all|all of them|the whole (?:bottle|box|pack)|all (?:of )?(?:my|the|these|those) ${PILLS})(?! (?:to|out|with|for|on|along|home|back|shopping|camping|swimming)\\b)`,
    ),
  },
  {
    id: 'active.would-have',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:would|could|should|almost|nearly) (?:have )?(?:committed suicide|killed ${SELF}|ended (?:it|my life)|taken my (?:own )?life)`),
  },
  {
    id: 'active.considering',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      // The ways must be ways to die: "googling how to bake bread" and "looking up ways to relax" are not.
      `(?:considering|contemplating|researching|research|looking up|look up|looked up|googling|googled|google|searching(?: for)?|searched(?: for)?|search(?: for)?) ` +
        `(?:(?:(?:painless |easy |easiest |quick |quickest |best |different )?ways (?:to|of)|how to|(?:painless |easy )?methods (?:of|to|for)) (?:just )?(?:die|dying|commit suicide|committing suicide|suicide|${GENERIC_SELF_KILL}|${METHOD_SELF_KILL}|${END_LIFE}|${OVERDOSE})|suicide|${GENERIC_SELF_KILL}|ending (?:it|my life))|` +
        // Looking up the dose that would kill: "looking up how many pills it would take".
        `(?:researching|looking up|looked up|googling|googled|searching|searched|checking|checked|calculating|calculated|counting|working out|figuring out) (?:how many|how much) (?:(?:mg|milligrams|grams|doses) )?(?:of (?:my|the|these) )?(?:\\w+ )?${PILLS}? ?(?:it would take|it will take|it takes|would kill|would be fatal|would be lethal|to die|to overdose|to od|is lethal|is fatal|is a lethal dose)|(?:researching|looking up|looked up|googling|googled|searching for|searched for|checking|checked) (?:the |a )?(?:lethal|fatal) dose`,
    ),
  },
  {
    // Drowning told as walking into the water and not coming back: a method, in the author's words.
    id: 'active.into-the-water',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:walk|walking|swim|swimming|wade|wading)(?: out)? (?:in)?to the (?:sea|ocean|lake|river|water|waves)(?: [^,]{0,40}?)? (?:and )?(?:just )?(?:not|never) (?:coming|come) back(?= *$)`,
    ),
  },
  {
    id: 'active.only-way-out',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`suicide (?:is|seems|feels) (?:like )?(?:the|my) (?:only|best|last) (?:option|way|answer|choice|way out)`),
  },
  {
    id: 'attempt.tried',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:tried|attempted|almost|nearly|attempt) (?:to )?(?:${GENERIC_SELF_KILL}|killed ${SELF}|${METHOD_SELF_KILL}|${END_LIFE}|ended (?:it|my life)|commit suicide|committed suicide|suicide|overdose|overdosed|od|${JUMP}|died)`,
    ),
  },
  {
    // The same attempt told with "me" for "myself", as writers whose first language is not English
    // often do ("I tried to hang me"). Not "tried to kill me a deer": an article after "me" is an
    // ordinary object; "they tried to kill me" has another subject, so the "i" is part of the phrase.
    id: 'attempt.tried-me',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `i (?:tried|attempted) to (?:hang|kill|drown|poison|suffocate|strangle|shoot|overdose) me(?! (?:a|an|some|the|one|this|that|dinner|lunch|breakfast)(?![\\p{L}\\p{N}]))`,
    ),
  },
  {
    // Aborted or interrupted attempt (C-SSRS): about to act at a lethal place, and did not.
    id: 'attempt.aborted',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `${NOT_AN_ANIMAL}(?:almost|nearly|very nearly|so close to|close to) (?:(?:jumped|jumping|threw myself|throwing myself) (?:off|from|in front of|onto|into|out of|of) |(?:stepped|stepping) (?:off|from) )(?:a|the|my|this|that|an)? ?(?:${LETHAL_PLACE}|building|balcony|train|bus|truck|subway|window|traffic|river|oncoming \\w+)${NOT_INTO_WATER}|` +
        // Interrupted at the place: "I was on the roof last night, ready to jump".
        `(?:on|at) (?:the|a|that) (?:edge of the )?${LETHAL_PLACE} (?:\\w+ ){0,4}?(?:ready|about|going|trying|wanting) to (?:jump|let go|step off)${NOT_INTO_WATER}|` +
        `(?:almost|nearly) (?:went|gone|going) through with it|(?:stopped|caught) myself (?:from|before|just before) (?:jumping(?! to)|stepping off|taking (?:them all|all (?:of )?(?:them|my pills|the pills)|the (?:whole )?bottle)|going through with it|pulling the trigger|hanging myself|kicking the chair)|(?:talked|pulled) myself (?:back )?(?:from jumping|(?:down )?(?:off|from) the (?:ledge|bridge|roof|railing|tracks))|` +
        `(?:someone|somebody|they|he|she|a stranger|a (?:man|woman|guy|passer ?by|driver|guard)|the police|the cops|my \\w+) (?:stopped|pulled|talked|grabbed|dragged) me (?:back |down )?(?:off|from|away from) (?:the|a) (?:ledge|bridge|roof|railing|tracks?(?! (?:team|meet|event|race|day|and field))|railway|platform edge|edge of the (?:bridge|roof|platform|cliff))`,
    ),
  },
  {
    // "Last night I almost jumped.": the bare near-act with a recent time, told as the whole clause.
    // A startle has its cause in the clause ("almost jumped when the phone rang", "out of my skin").
    id: 'attempt.aborted-recent',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:${RECENTLY}) i (?:almost|nearly) jumped(?: again)?(?= *$)|i (?:almost|nearly) jumped (?:again )?(?:${RECENTLY})(?= *$)|(?:came|come|got|was) (?:so |really |very |this )?close to jumping (?:again )?(?:${RECENTLY})(?= *$)`,
    ),
  },
  {
    // "I almost did it": the act unnamed. Said of a marathon too, so only with distress or another
    // such phrase in the post ("I had the rope ready").
    id: 'attempt.almost-did-it',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:almost|nearly) (?:did it|jumped|let go|pulled the trigger|took them(?: all)?)(?= *$| again| last| tonight| yesterday| this| the other| on)`,
    ),
  },
  {
    id: 'attempt.my-attempt',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `my (?:last |first |second |third |previous |recent |failed |latest |most recent )?(?:suicide )?attempts?${NOT_AN_ORDINARY_ATTEMPT}|(?:failed|previous|past|multiple|several|many|two|three|a few|a couple of|couple of|numerous) suicide attempts?|(?:survived|after|since|before) (?:my|a|an|the|another) (?:suicide )?attempt${NOT_AN_ORDINARY_ATTEMPT}|i (?:overdosed|od'?d|oded)|my (?:last |first |second |previous |recent |latest )?overdose(?! of| on)|(?:was|got) (?:hospitali[sz]ed|admitted) (?:after|for) (?:an? )?(?:overdose|attempt)`,
    ),
  },
  // Probe 7 (issue #15): suicidal behaviour told plainly, as people tell it afterwards. The C-SSRS
  // asks about actual, interrupted and aborted attempts separately; these are its kinds in the
  // words people use, each first-person and negation aware like the attempts above.
  {
    // A crash told as intended: an actual attempt by car ("drove into a pole on purpose").
    id: 'attempt.crash-on-purpose',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:drove|drive|driven|driving|crashed|crash|crashing|steered|steer|swerved|swerve|swerving|ran|walked|stepped|stepping) (?:(?:my|the|her|his|their) car |myself )?(?:(?:in)?to|off|out in front of|in front of) (?:a|the|an|oncoming) (?:\\w+ )?(?:pole|lamp ?post|tree|wall|barrier|bridge|pillar|lorry|truck|traffic|river|ditch|car|bus|train|tram|road)s? (?:\\w+ ){0,3}?(?:on purpose|deliberately|intentionally)|` +
        `(?:deliberately|intentionally) (?:drove|crashed|steered|swerved|stepped|walked) (?:my car |the car )?(?:(?:in)?to|off|out in front of|in front of)|crashed (?:my|the) car (?:on purpose|deliberately|intentionally)`,
    ),
  },
  {
    // A past attempt told by its method: one jumped from a height, or took an overdose. Into water
    // is a sport ("jumped off the cliff into the sea"); a diving board is not a height to die from.
    id: 'attempt.told-by-method',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `i (?:jumped|threw myself|stepped) (?:off|from) (?:a|the|that|my) (?:${LETHAL_PLACE}|building|balcony|multi ?storey|car park)${NOT_INTO_WATER}|(?:took|taking|taken|had) an overdose(?! of (?:sugar|caffeine|coffee|chocolate|sun|fun|love|work|information|cuteness))`,
    ),
  },
  {
    // Carbon monoxide readied, told in the past as well as the present: a hose hooked up to the exhaust.
    id: 'attempt.exhaust-hose',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    sentenceNames: /\b(?:car|exhaust|tailpipe|engine|garage)\b/,
    // Washing the car or watering the garden is the hose's ordinary use.
    nearbyRulesOut: /\b(?:taps?|wash\w*|water\w*|garden\w*|plants?|tomatoes|lawn|pool|sprinklers?|hosepipe|fire)\b/,
    pattern: phrase(
      `(?:with )?the hose (?:hooked up|attached|connected|taped|rigged|fitted|running)|(?:hooked|attached|connected|taped|rigged) (?:up )?(?:a|the) hose`,
    ),
  },
  {
    // Interrupted hanging: a ligature around one's neck. A scarf or a tie is clothing, not one.
    id: 'attempt.ligature-around-neck',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(
      `(?:had|put|tied|wrapped|tightened|pulled|with|got) (?:a |the |my )?(?:belt|cord|extension cord|cable|charger cable|ligature|wire|dog lead|leash) (?:tight )?(?:around|round) my neck`,
    ),
  },
  {
    // An aborted attempt, told by how far it went: "got as far as putting the pills in my mouth".
    // Counts only when the sentence names means or a place to die: "got as far as the car park" is a walk.
    id: 'attempt.got-as-far-as',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:got|went|made it|gone) as far as (?:putting|tying|taking|swallowing|holding|loading|climbing|standing|writing|setting up|counting|pouring|running|kicking|cocking)`,
    ),
    sentenceNames:
      /\b(?:pills|tablets|meds|rope|noose|belt|ligature|bridge|ledge|roof|railing|parapet|gun|trigger|blade|razor|(?:suicide |goodbye )?note|engine|exhaust|chair|stool)\b/,
  },
  {
    // The method failed ("the rope snapped", "the belt broke"): an attempt survived. A climbing
    // rope snaps too, so only beside distress or another phrase of this kind ("the only reason I'm here").
    id: 'attempt.method-failed',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(`(?:the |my )?(?:rope|noose|belt|cord|ligature|knot|beam) (?:snapped|broke|gave way|came loose|came undone|slipped)`),
  },
  {
    // Survival owed to chance, and anger or sorrow that it failed: the aftermath of an attempt.
    // Ordinary alone ("angry it didn't work" of a diet), so they corroborate each other and the above.
    id: 'attempt.survived-by-chance',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut:
      /\b(?:surgery|operation|procedure|appendix|anaesthe\w*|anesthe\w*|accident|car crash|transplant|birth|labou?r|c-section|covid|pneumonia|seizure|allerg\w*)\b/,
    pattern: phrase(
      `(?:the )?only reason (?:that |why )?i am (?:still )?(?:alive|here|breathing|typing this|writing this)(?= *$)|(?<!(?:why|reason) )i am (?:somehow )?still (?:here|alive)(?= *$| and)|(?:angry|mad|upset|disappointed|sad|pissed|gutted|annoyed|furious|sorry) (?:that )?(?:it did not work|nothing happened|i survived)|wish (?:that )?it had worked`,
    ),
  },
  {
    // Waking in intensive care or the emergency department, told with no illness or surgery: the
    // aftermath of an attempt when the post says so too ("upset it didn't work"); alone it is a hospital stay.
    id: 'attempt.woke-up-in-hospital',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut:
      /\b(?:surgery|operation|procedure|appendix|anaesthe\w*|anesthe\w*|accident|car crash|transplant|birth|labou?r|c-section|covid|pneumonia|seizure|allerg\w*|stroke|heart attack|fell|fall)\b/,
    pattern: phrase(`woke up (?:in|at) (?:the )?(?:icu|intensive care|a and e|a&e|er|emergency room|emergency department|resus|hospital)`),
  },
  {
    // Rehearsal at a place to die: standing at the edge, for a long time, or going back again and
    // again; and climbing back over the railing. Sitting on a bridge for lunch is not this, so each
    // corroborates the other or counts beside distress.
    id: 'attempt.rehearsal-at-the-edge',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: /\b(?:photos?|pictures?|selfies?|view|sunset|sunrise|fireworks|hike|hiking|climbing|abseil\w*|bungee|tour|tourist|lunch|picnic)\b/,
    pattern: phrase(
      `(?:stood|standing|stand|sat|sitting) (?:right |for (?:an|a|\\w+) (?:hour|hours|while|long time) )?(?:at|on) the (?:very )?edge(?: of (?:the|a) (?:[\\w-]+ )?(?:${LETHAL_PLACE}|roof|building|platform|parking garage|car park))?(?! of)|` +
        `(?:stood|standing|sat|sitting) on (?:the|a|that) ${LETHAL_PLACE} (?:for (?:an hour|hours|a long time|ages|a while|a bit|\\w+ minutes)|(?:[\\w']+ ){0,4}?with my (?:feet|legs) (?:hanging|dangling|over))|` +
        // At the railing of a height, the same lingering: "pulled over and stood at the railing for 20 min".
        `(?:stood|standing|sat|sitting|leaned|leaning) (?:right )?(?:at|on|by|against|over) the (?:railing|rail|barrier|parapet|guard ?rail)(?: of (?:the|a|that) ${LETHAL_PLACE})? for (?:an hour|hours|a long time|ages|a while|(?:like |about |maybe )?\\w+ (?:min|mins|minutes))|` +
        `(?:keep|kept) going (?:back )?to (?:the|that) (?:${LETHAL_PLACE}|roof of (?:the|a) \\w+(?: \\w+)?)`,
    ),
  },
  {
    // Climbing back over the railing: the moment an aborted attempt at a height ends. Said of a
    // viewpoint too, so beside distress or the rehearsal above.
    id: 'attempt.climbed-back',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    // Something fetched says why ("to get the dog's ball"); a couple walking their dog past does not.
    nearbyRulesOut:
      /\b(?:photos?|pictures?|selfies?|view|hike|hiking|climbing|abseil\w*|(?:get|fetch|grab|reach|rescue|retrieve|save) (?:the|my|our|a|his|her) (?:\w+ )?(?:dog|ball|frisbee|kite|hat|phone|keys|cat))\b/,
    pattern: phrase(`climbed (?:back )?(?:over|down from|off) (?:the )?(?:railing|railings|barrier|ledge|parapet)`),
  },
  {
    // Climbing back once talked down ("a couple started talking to me and I climbed back"), said
    // after climbing over: the end of an interrupted attempt, corroborating the climb over.
    id: 'attempt.climbed-back-down',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyNames: /\b(?:railings?|barrier|ledge|parapet|edge)\b/,
    nearbyRulesOut: /\b(?:photos?|pictures?|selfies?|hike|hiking|climbing wall|bouldering|abseil\w*|tree|ladder|bunk)\b/,
    pattern: phrase(`climbed back(?: (?:over|in|inside|down|up|to safety|onto the (?:path|pavement|road|bridge|platform)))?(?= *$)`),
  },
  {
    // The state before a past attempt, come back ("I'm starting to feel the way I did right before
    // it", "the closest I've been to that since"): current ideation, told by the attempt it preceded.
    id: 'passive.feeling-as-before-attempt',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    nearbyNames:
      /\b(?:tried|attempt\w*|overdos\w*|od|hang|hanged|jumped|suicid\w*|on purpose|deliberately|intentionally|noose|rope|pills|ended up in (?:the )?(?:icu|hospital|er))\b/,
    pattern: phrase(
      `(?:feel|feeling|felt) (?:exactly |just )?(?:like|the way|how) i (?:did|felt) (?:right |just )?before(?: (?:it|i tried|my attempt|i attempted|i overdosed|the overdose|last time))?(?= *$| again)|` +
        `(?:the )?closest i have (?:ever )?been (?:to (?:that|it|doing it) )?since|(?:slipping|sliding|going|heading|falling) back (?:to|into) (?:that|the same) (?:place|headspace|dark place|state)`,
    ),
  },
  {
    // Ambivalence about acting (C-SSRS intent): part of one wants to go through with it, part wants
    // to be stopped. "Go through with it" is also a wedding, so each counts beside the other or risk.
    id: 'active.ambivalent-intent',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(`part of me (?:still |really )?(?:wants|want|wanted) to (?:just )?(?:go through with it|do it|end it)(?= *$| and)`),
  },
  {
    // Wanting to be stopped: the other half of that ambivalence, at the end of its clause.
    id: 'active.wants-to-be-stopped',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(`(?:wants|want|need|needs|wanted|hope|hoping|is hoping) (?:someone|somebody|anyone|people) (?:to |will |would )?stop me(?= *$)`),
  },
  {
    // A date for one's death chosen ("I've picked the day."), said as a whole sentence; a wedding
    // or a move is said with it, so it corroborates preparations rather than counting alone.
    id: 'plan.picked-the-day',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: new RegExp(`${ORDINARY_ABSENCE.source}|\\b(?:party|date night|launch|exam|interview|gig|concert|appointment|ceremony|due date)\\b`),
    sentenceNames: /^(?:(?:so|and|ok|okay|well) )?i (?:have )?(?:picked|chosen|chose|set|decided on) (?:the|a) (?:day|date)$/,
    pattern: phrase(`i (?:have )?(?:picked|chosen|chose|set|decided on) (?:the|a) (?:day|date)(?= *$)`),
  },
  {
    // Paying for one's own funeral in advance so it falls on nobody: a preparatory act, beside risk.
    id: 'plan.funeral-paid',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    preparatory: true,
    pattern: phrase(
      `(?:money|savings|cash) (?:aside |saved |put away |set aside )?(?:for|towards|to cover|to pay for) (?:my|the) funeral|(?:so|that) (?:my|the) funeral (?:is not|will not be|is never) on (?:anyone|anybody|my \\w+|them)|pa(?:y|id|ying) for my (?:own )?funeral`,
    ),
  },
  {
    // Passwords, PINs or bank cards left out for others: putting affairs in order, beside risk.
    id: 'plan.passwords-left',
    construct: 'PLAN',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    preparatory: true,
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:left|leaving|wrote (?:out|down)|written (?:out|down)|writing (?:out|down)) (?:all )?(?:of )?my (?:passwords|pins?|pin numbers?|bank (?:cards?|details)|logins|account details)|(?:passwords|pins?|pin numbers?|logins) (?:all )?(?:written|wrote|left) (?:out|down)`,
    ),
  },
  {
    // A pet left with someone "for good": the rehoming the C-SSRS counts, in plainer words.
    id: 'plan.pet-left-for-good',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    preparatory: true,
    nearbyRulesOut: ORDINARY_ABSENCE,
    pattern: phrase(
      `(?:dropped|left|took|gave|brought|handed) (?:off )?my (?:${PET}) (?:off |over )?(?:at|with|to) (?:my |a |the |our )?\\w+(?: \\w+)? for good`,
    ),
  },
  {
    // A time after which nothing will matter, or nothing will be left ("By Sunday none of this will
    // matter."): the disappearance with a time, said without saying it. An exam or a deadline said
    // beside it is the ordinary reading; otherwise it corroborates a preparation or means.
    id: 'goodbye.nothing-matters-after',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    nearbyRulesOut: new RegExp(
      `${ORDINARY_ABSENCE.source}|\\b(?:exams?|tests?|papers?|deadlines?|interviews?|results|grades?|marks|assignments?|essays?|dissertation|thesis|presentation|deadline|audition|match|race|game|court|hearing|stress)\\b`,
    ),
    pattern: phrase(
      `(?:after|by|past|come) (?:tonight|tomorrow|${WEEKDAY}|the weekend|this weekend|next week|the end of (?:the|this) (?:week|month)) (?:it|none of (?:this|it)|nothing|any of (?:this|it)) (?:will not|is not going to|would not|will no longer|will) matter(?: anymore| anyway)?|` +
        `after (?:tonight|tomorrow|${WEEKDAY}) (?:there is|there will be|there is going to be) nothing (?:left|more)`,
    ),
  },
  {
    id: 'self-harm.cutting',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(
      // Not an accident told as one ("cut myself shaving", "burned my hand on the stove"): a page for that
      // teaches nobody anything.
      `(?<!accidentally |accidently )(?:cut|cutting|cuts|carve|carving|carved|slit|slitting|slice|slicing|sliced|slash|slashing|slashed|burn|burning|burned|burnt|mutilate|mutilating|mutilated) (?:${SELF}|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body|ankles?|face|hands?|fingers?|chest|feet))` +
        `(?! (?:(?:while|when) )?(?:shaving|cooking|chopping|opening|gardening|baking|by accident|accidentally|on (?:a |the |some )?(?:knife|glass|paper|can|tin|nail|fence|stove|oven|pan|iron|kettle|grill)))`,
    ),
  },
  {
    id: 'self-harm.injury',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:dig|digging|dug|scratch|scratching|scratched|pick|picking|picked|rip|ripping|tear|tearing|bite|biting|bit) (?:my )?(?:\\w+ )?(?:into|at|open) my (?:skin|arms?|wrists?|legs?|flesh|thighs?)(?: until (?:i|it) (?:start )?bleed(?:s|ing)?)?|(?:until|till) i (?:start )?bleed(?:ing)?|made ${SELF} bleed|(?:scratch|scratching|scratched|pick|picking|picked) (?:at )?my (?:skin|arms?|wrists?|legs?|thighs?) (?:raw|open|until|till)|(?:until|till) (?:they|it|my (?:skin|arms?|wrists?|legs?|thighs?)) (?:start(?:s|ed)? (?:to )?)?bleeds?(?:ing)?(?= *$| again| and)|(?:hit|punch|punched|hitting|punching|bang|banging|banged) (?:${SELF}|my head (?:against|into|on))`,
    ),
  },
  {
    // Injury by striking: "punched the wall till my knuckles broke" (C-SSRS non-suicidal self-injury),
    // and wanting to do worse to oneself. A wall punched in anger with no injury is not this.
    id: 'self-harm.striking',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:punched|punching|punch|hit|hitting|banged|banging|slammed|slamming) (?:the |a |my )?(?:wall|walls|door|mirror|brick|concrete|head|fists?)(?: [\\w']+){0,3} (?:until|till) (?:my (?:knuckles|hands?|fists?|head|forehead)|it|i) (?:broke|bled|bleed|split|cracked|started bleeding|was bleeding)|` +
        `(?:want|wanted|going|tempted|urge|need) to do (?:worse|something worse|something bad|even worse) to ${SELF}`,
    ),
  },
  {
    id: 'self-harm.mention',
    construct: 'SELF_HARM',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`self[ -]?harm(?:ing|ed)?|self[ -]?injur(?:y|ing|ed)|nssi`),
  },
  {
    id: 'self-harm.urge',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:want|wanting|urge|urges|need|needing|craving|cravings|tempted|going|about|itching|itch) to (?:cut|self[ -]?harm|hurt ${SELF}|harm ${SELF}|burn ${SELF}|punish ${SELF})`,
    ),
  },
  {
    id: 'self-harm.ongoing',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    // Whoever the clause is about: "she's been cutting" is a friend's (exposure), "been cutting" alone the author's.
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:i|been|keep|kept|started|still|again and) (?:am )?(?:self[ -]?harm(?:ing|ed)?|hurting ${SELF}|harming ${SELF}|hitting ${SELF}|punching ${SELF}|scratching ${SELF}|cutting)|(?:cut again|cutting again|self[ -]?harmed again)|` +
        // A relapse into drinking or drugs is not self-harm: said with the substance or sobriety in the clause.
        `relapsed(?! (?:on|into|with|to|back (?:on|into)) (?:drinking|alcohol|drugs|drug use|weed|smoking|cigarettes|vaping|gambling|porn|booze|heroin|meth|coke|cocaine|opioids))(?!.*\\b(?:sober|sobriety|drinking|alcohol|drunk|meetings|sponsor|aa|na)\\b)`,
    ),
  },

  // MODERATE: passive ideation and other suicidal language.
  {
    id: 'passive.want-to-die',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:want|wanted|wanting|wish|wished|need|long|longing|ready|deserve) to (?:just )?(?:die|be dead|not exist|stop existing|stop living|cease to exist|${DISAPPEAR}|vanish|fade away|not be here|not be alive|(?:go to )?sleep forever|never wake up|fall asleep and (?:never|not) wake up|not wake up)`,
    ),
  },
  {
    id: 'passive.wish-dead',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `wish (?:that )?i (?:was|were|could be|would be|had been|am) (?:dead|gone|never born|not born|not alive|not here)|wish i (?:had )?never (?:been )?born|wish i (?:could|would|will) (?:just )?(?:die|disappear|not wake up|never wake up|(?:go to |fall )?(?:sleep|asleep) and (?:never|not) wake up|(?:go to )?sleep forever|stop existing|cease to exist)|wish i (?:just )?(?:did not|never) exist(?:ed)?`,
    ),
  },
  {
    id: 'passive.not-wake-up',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    // C-SSRS question 1 in the words people use: "go to sleep and never wake up".
    pattern: phrase(
      `(?:hope|hoping|pray|praying)(?: (?:every|each) (?:night|day|morning)| at night| sometimes| often)? (?:that )?i (?:just )?(?:do not|will not|never|would not|will never) wake up(?! (?:late|early|too|in time|on time|before|with|and miss))|(?:disappointed|upset|angry|gutted|annoyed|sad) (?:that|when) i (?:woke up|wake up|wake up again)|(?:do not|never) want to wake up|(?:go to sleep|going to sleep|fall asleep|sleep|close my eyes)(?: tonight| forever)? and (?:never|not) (?:wake up|waking up|open them again|come back|coming back)(?! (?:until|till|before|for|from))`,
    ),
  },
  {
    id: 'passive.do-not-want-to-live',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:do not|not|no longer) (?:really )?want to (?:be alive|live|exist|be here|go on|keep going|keep on (?:going|living)|carry on (?:living)?|keep living|continue living|continue (?:on|existing)|be around|be on this earth)`,
    ),
  },
  {
    // To disappear for good, said of oneself ("I could just disappear forever", "thinking about
    // vanishing for good"); not the pain disappearing, not leaving social media.
    id: 'passive.disappear-forever',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:i (?:could|would|should|might|will|wish i could|want to|just want to)(?: just)?|let me|make me|about|of) (?:${DISAPPEAR}(?:ing)?|vanish(?:ing)?|fade away|fading away) (?:forever|for good|permanently|for ever|and never (?:come back|be seen again|be found)|off the face of the earth)(?! from (?:social media|facebook|instagram|twitter|the internet|online|this (?:forum|group|app|site)|here))`,
    ),
  },
  {
    id: 'passive.better-off-dead',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `better off dead|(?:i should|i need to|i must|i might as well|i deserve to|let me) (?:just )?die|death wish|(?:desire|wish|urge|longing|will) to (?:just )?die|i (?:do not|not) deserve to (?:live|be alive|exist)`,
    ),
  },
  {
    id: 'passive.no-reason-to-live',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:no|not any|not a single|lost my|lost the|lost all) (?:real )?(?:reason|point|purpose|will|desire) (?:for me )?(?:to|in|for) (?:live|living|go on|going on|keep going|stay alive|staying alive|be alive|being alive|exist|existing|keep living|keep (?:myself|me) alive)|no point (?:in )?(?:living|being alive|going on|staying alive)|nothing (?:left )?to live for|(?:not|no longer) worth living|(?:do not|can not|no longer|fail to) see (?:the|any|a) (?:point|reason|purpose) (?:in |of |to |for )?(?:living|life|being alive|going on|staying alive|existing|keep(?:ing)? going|carrying on|waking up)|life (?:is not|is no longer) worth (?:living|it)`,
    ),
  },
  {
    id: 'passive.tired-of-living',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:tired|sick|exhausted|done) (?:of|with) (?:living|being alive|life|existing|my life|this life)`),
  },
  {
    id: 'passive.want-it-to-end',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `want (?:it|everything|it all|all of this|all of it|my life|this life) to (?:end|be over|stop)|end it all|wish (?:it|everything|this|it all|all of this|all this|my life) (?:would|could) (?:just |all )*(?:end|stop|be over)|want(?:ing)? (?:death|to be done with (?:it all|everything|life|my life|living|this life|existing))|feel(?:ing)? like dying|(?:make|making|want|need|wish|wanting) (?:it|this|everything|it all|(?:the|this|my) pain) (?:all )?(?:to )?(?:stop|end|go away) (?:for good|permanently|forever)`,
    ),
  },
  {
    id: 'passive.why-alive',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `why am i (?:still )?(?:alive|here|living)|(?:not sure|do not know|unsure) (?:if|whether|why) i (?:even )?(?:want to|should|can|will) (?:live|be alive|go on|keep going|keep living|stay alive|be here)|(?:do not|not) care (?:if|whether) i (?:live|die|wake up)|can not even (?:manage to )?want to (?:live|be alive)|if i (?:choose|chose|decide|decided) to (?:live|stay alive|keep living)|(?:whether|if) i (?:should )?(?:live or die|stay alive or)|can not (?:see|imagine) (?:myself|me) (?:living|alive|being alive|being here|making it) (?:past|beyond|to|until|much longer|another)`,
    ),
  },
  {
    id: 'passive.suicidal',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:i am|i have been|i feel|i felt|i was|i get|been|feeling|getting|got|become|became|turning|makes me|made me|make me|and|still) (?:so |very |really |extremely |pretty |kind of |kinda |a bit |a little |incredibly |increasingly |more |super |actively |passively |quite |constantly |always |again |still |severely |chronically |fucking )*suicidal(?! (?:people|person|friends?|family|members?|clients?|patients?|users?|posts?|individuals|teens?|kids?|students?|brother|sister|mom|dad|partner|wife|husband|son|daughter))|unalive|suicidality`,
    ),
  },
  {
    id: 'passive.suicidal-thoughts',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'POSSESSIVE',
    pattern: phrase(
      `suicidal (?:thoughts|feelings|ideation|ideations|urges|tendencies|thinking|episodes?|impulses|mood|state|depression|ideas|again)|thoughts of (?:suicide|killing ${SELF}|ending my life|death|dying)`,
    ),
  },
  {
    id: 'passive.trying-not-to',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:trying|try|struggling|fighting|working hard|hard) (?:so )?(?:hard )?(?:to )?not (?:to )?(?:kill ${SELF}|end (?:it|my life)|hurt ${SELF}|harm ${SELF}|cut|give in|act on (?:it|them|these thoughts))`,
    ),
  },
  {
    // The "if i" inside the match says whose absence it is, whoever "everyone" before it is.
    id: 'passive.better-if-gone',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `(?:better|easier|happier) (?:off )?(?:for (?:everyone|everybody|them|my family|my \\w+|all)(?: else)? )?if i (?:were|was|am|died|was dead|were dead|was gone|were gone|disappeared|was not here|were not here|was not around|killed ${SELF})|(?:doing|do|did) (?:everyone|everybody|them|the world|my family|us all) a (?:favour|favor) if i (?:just )?(?:ended it|end it|died|was gone|were gone|disappeared|was not here|killed ${SELF})`,
    ),
  },
  {
    id: 'passive.thinking-about-death',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:thoughts|thinking|think|thought|fantasi[sz]e|fantasi[sz]ing|romantici[sz]e|romantici[sz]ing|dream|dreaming|obsess(?:ing|ed)?|obsession) (?:about|of|with) (?:the (?:thought|idea) of )?(?:suicide|dying|my (?:own )?(?:death|suicide)|killing ${SELF}|ending (?:it|my life|it all)|not being (?:here|alive|around)|not existing|taking my (?:own )?life|death)`,
    ),
  },
  {
    id: 'passive.no-one-would-miss-me',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:no one|nobody|no body) (?:would|will|is going to) (?:even )?(?:miss me|notice if i (?:died|was gone|were gone|disappeared|was dead)|care if i (?:died|was gone|were gone|disappeared|was dead))`,
    ),
  },
  {
    // Afraid of one's own next act, now ("scared of what I might do tonight"): the C-SSRS asks next about intent.
    id: 'passive.afraid-of-acting',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:scared|afraid|terrified|frightened|worried) (?:of|about) what i (?:might|will|could|would|am going to) do(?: to myself| tonight| right now| if i am alone| when i am alone|(?= *$))`,
    ),
  },
  {
    id: 'passive.not-safe',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `i am not safe(?: at all| right now| with myself| tonight| alone| anymore|(?= *$))|(?:do not|can not) trust myself (?:right now|tonight|alone|anymore|not to)`,
    ),
  },
  {
    id: 'passive.can-not-live-like-this',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`can not (?:live like this|keep living|go on living|live this way|do life)`),
  },
  {
    id: 'passive.makes-me-want-to',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`makes? me (?:just )?want to (?:die|${DISAPPEAR}|vanish|not exist|end it|end (?:it all|my life)|give up on (?:life|living))`),
  },
  {
    id: 'passive.keeping-me-alive',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `only (?:thing|reason|person|one|things|people)s? (?:that is |that are |that )?(?:keeping|keeps|kept|keep) me (?:alive|here|going|from (?:killing ${SELF}|ending it|doing it))|the only reason i am (?:still )?(?:alive|here|breathing)`,
    ),
  },
  {
    id: 'passive.what-stops-me',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:only|one) (?:thing|reason|person|one|people|things) (?:that is |that )?(?:stopping|stops|stopped|holding|holds|held) me(?: back)?(?: from (?:doing it|doing something|killing ${SELF}|ending (?:it|my life)|going through with it))?(?: (?:is|are|was|were)(?= )| *$)|(?:would|will|could) (?:destroy|devastate|crush|break|wreck|ruin|kill) (?:my (?:\\w+ )?\\w+|others|everyone|everybody|them|people|those)(?: [\\w ]{0,40})? if i (?:gave in|died|did it|was gone|were gone|killed ${SELF}|went through with it|was not here|were not here|took my (?:own )?life|ended it)`,
    ),
  },
  {
    id: 'passive.survival-in-doubt',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `if there (?:is|will be) (?:even )?a tomorrow|if i am (?:still )?(?:alive|here|around) (?:tomorrow|by then|next (?:week|month|year)|in a (?:week|month|year))|if i (?:make it|survive|last) (?:through (?:the|this|tonight)|to tomorrow|until tomorrow|that long|much longer)`,
    ),
  },
  {
    id: 'passive.reason-to-stay',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:looking for|need|needing|give me|find|searching for|trying to find) (?:a|one|any|some) (?:good |legitimate |real |single |valid )?reason (?:(?:not to|to not) (?:just )?(?:die|do it|end it|end my life|kill ${SELF}|give up on (?:life|living|everything))|to (?:keep living|stay alive|go on living|keep going(?! to| back| out)|live(?! in| with| at| near| there| here| on| like| off)|be alive))`,
    ),
  },
  {
    // "My safety plan isn't working": the author is using a safety plan against suicidal thoughts
    // now and it is not holding. Current ideation told as its treatment failing (a peer checks in;
    // beside means attended to, HIGH). Someone else's plan ("if your safety plan...") is not ours.
    id: 'passive.safety-plan-failing',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `my safety plan (?:is not|has not been|is no longer|does not seem to be|stopped|is not really) (?:working|helping|enough|holding)|(?:went|gone|been) through (?:all of |every step of |everything (?:on|in) )?my safety plan and (?:it )?(?:is not|did not|does not|has not) (?:work|help|working|helping)`,
    ),
  },
  {
    // Ready or decided to "check out for good": readiness to act, the C-SSRS's step from wish to intent.
    id: 'active.ready-to-check-out',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:ready|going|decided|planning|about|want) to check out (?:early|for good|permanently)(?! (?:of|from|on))`),
  },
  {
    id: 'passive.check-out',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `check(?:ing)? out (?:a (?:bit|little) )?(?:early|for good|permanently)(?! (?:of|from|on))|get (?:this|it) (?:all )?over with and die|(?:live|living) or (?:just )?(?:die|get this over with)`,
    ),
  },
  {
    // Admitted ideation whose act the sentence before named (C-SSRS lifetime ideation): "I know I
    // could never take my own life. God knows I thought about it." The denial before it does not
    // undo the admission. Only after the author's own act is named ("take my own life", "kill
    // myself", "suicide" beside I or my), not after a friend's death or a film; "I have never
    // thought about it" has its negation inside and does not match.
    id: 'passive.admitted-thinking-of-it',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:god knows |honestly |to be honest |yes |yeah |of course |sure |i admit |i will admit |believe me )?i (?:have |had )?(?:also |even |definitely |certainly |seriously |often )?(?:thought about|thought of|considered|contemplated|pictured|imagined) (?:it|doing it|that)(?: (?:before|though|many times|a lot|often|so many times|more than once|plenty of times|sometimes|every day|too|myself|honestly)){0,2}(?= *$)`,
    ),
    previousSentenceNames: new RegExp(
      `\\b(?:(?:kill|killing|killed|end|ending|ended|off|offing|unalive|unaliving) (?:${SELF}|my (?:own )?life|it all)|tak(?:e|ing|en) my (?:own )?life|(?:i|my|me) (?:\\w+ ){0,3}suicide(?! (?:rates?|prevention|statistics|awareness|hotline|lifeline))|suicide (?:\\w+ ){0,3}(?:i|me|myself))\\b|^(?:suicide|killing myself|ending it)$`,
    ),
  },
  {
    // Wishing to join someone who has died (C-SSRS question 1, wish to be dead): "I lost my brother
    // to suicide and I want to join him". Only with a death named in the sentence or the one before;
    // "I want to join my dad at his company" and "I want to see her again" are not it.
    id: 'passive.join-the-dead',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:want|wanted|wanting|wish|wished|long|longing|ready|just want) to (?:join|be with|go be with|go to) (?:him|her|them|my (?:\\w+ )?(?:mom|mum|mother|dad|father|brother|sister|son|daughter|wife|husband|partner|friend|best friend|grandma|grandmother|grandpa|grandfather|baby|boyfriend|girlfriend|fiance|fiancee))(?: (?:again|soon|now|already|in heaven|up there|on the other side|wherever (?:he|she|they) (?:is|are)))?(?= *$| (?:so|because|and i)\\b)`,
    ),
    nearbyNames:
      /\b(?:(?<!(?:almost|nearly) )died|dead|death|passed away|passed on|lost (?:\w+ ){0,3}to|killed (?:himself|herself|themselves)|took (?:his|her|their) (?:own )?life|suicide|funeral|grave|heaven|buried|miss (?:him|her|them) so)\b/,
  },
  {
    // Wishing for a way out with death named as one (C-SSRS question 1, wish to be dead): "I keep
    // wishing there was some way out, even death". A way out of a lease is entrapment at most, so
    // the sentence must name death, and not as what the way out is not ("other than death").
    id: 'passive.way-out-by-death',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:wish|wishing|wished|hope|hoping|pray|praying|want|wanting|wanted|looking for|longing for|need) (?:that )?(?:there (?:was|were|is|would be) |for |i (?:had|could find) )?(?:a|some|any|an|one) (?:way out|escape|exit|way to escape)`,
    ),
    sentenceNames: /(?<!\b(?:not|than|besides|without|except|but|no|over) )\b(?:death|dying|die|dead)\b/,
  },
  {
    // Having believed one's death had come, told of a recent night: "I posted here a few nights ago
    // believing it was my time". Not "my time to shine", "my time slot", nor someone else's time.
    id: 'passive.believed-my-time',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:believing|believed|thought|thinking|was sure|was convinced|was certain|felt like|feeling like|knew) (?:that )?(?:it was|this was|tonight was|it would be|tonight would be) (?:finally )?my time(?: to (?:go|die|leave))?(?= *$| and (?!they|he|she|someone)| so )`,
    ),
  },
  {
    // Euphemisms for wanting out of life ("I just want to opt out"); "opt out of the emails" is not one.
    id: 'passive.opt-out',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:want|wanted|wanting|wish|need|ready|long) to (?:just )?(?:opt out(?! of (?!life|living|existence|existing|everything|this world))|leave this (?:world|earth|life)|not be around anymore|give up on (?:life|living))`,
    ),
  },
  {
    // A wish to die by something that is not one's own act (C-SSRS question 1, wish to be dead):
    // "I hope I get hit by a car", "I pray something kills me".
    id: 'passive.wish-for-accident',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:hope|hoping|wish|wishing|pray|praying)(?: (?:every|each) (?:night|day|morning)| sometimes| that)? (?:i|something|someone) (?:would |will |could |might )?(?:get|gets|got|be|is) (?:hit by (?:a|the) (?:car|bus|truck|train)|run over|killed|struck by lightning|in (?:a|an) (?:fatal )?(?:accident|crash)|a terminal (?:illness|disease)|cancer)|if i (?:got|get|was|were) (?:hit by (?:a |the )?(?:car|bus|truck|train)|run over|in (?:a |an )?(?:fatal )?(?:car )?(?:crash|accident)|killed)[^,]{0,60}? i (?:would|will) not (?:mind|care)|(?:hope|hoping|wish|wishing|pray|praying) (?:for death|(?:that )?(?:something|someone) (?:would |will )?(?:kills?|kill) me|(?:that )?(?:the|my) (?:plane|car|bus) (?:crashes|would crash))`,
    ),
  },
  {
    // Doubt that one will be alive at a point in time: "I don't think I'll make it to my birthday".
    id: 'passive.will-not-make-it',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:do not|can not|could not) see myself (?:being |still being )?(?:around|here|alive) (?:much longer|for (?:much )?longer|for long|next year|in a (?:month|year))|(?:do not think|doubt|not sure|not convinced) (?:that )?i (?:will|would|am going to|can) (?:make it|be (?:here|alive|around)|still be (?:here|alive|around)) (?:much longer|another (?:day|week|month|year)|to (?:see )?(?:my (?:next )?birthday|next (?:week|month|year)|christmas|the new year|the end of (?:the|this) (?:week|month|year)|(?:my )?(?:\\d+|twenty|thirty|forty)(?:th)?(?: birthday)?)|(?:past|through) (?:tonight|this (?:week|month|year|weekend)|the (?:night|week|weekend)))`,
    ),
  },
  {
    // Access to lethal means, in the author's words: "I know where my dad keeps his gun".
    id: 'means.knows-where',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(
      `i know (?:exactly )?where (?:(?:my|our) (?:\\w+ )?\\w+|he|she|they|we) (?:keeps?|kept|hides?|hid|stores?|stashes?|locks? up) (?:\\w+ ){0,2}(?:guns?|pistol|rifle|shotgun|revolver|firearms?|pills|meds|medications?|sleeping pills|painkillers|razors?|key to the gun safe|gun safe)`,
    ),
  },
  {
    // A firearm or a noose within reach, now: "I have my gun in my lap". Pills and blades are
    // everyday objects and count only with risk around them (means.mentioned).
    id: 'means.at-hand',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:gun|pistol|revolver|handgun|rifle|shotgun|firearm|noose|\\.?(?:357|38|45)(?: magnum)?) (?:is |sits |sitting |lying |resting )?(?:right )?(?:in my (?:lap|hand|hands|mouth)|on my lap|next to me|beside me|in front of me)`,
    ),
  },
  {
    // Carbon monoxide, in progress: in the car with the engine running in a garage.
    id: 'means.car-in-garage',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    pattern: phrase(
      `(?:i am|sitting|sat|lying|i sit) in (?:my|the) car (?:\\w+ ){0,4}(?:engine|motor|car) (?:is |still )?running (?:\\w+ ){0,2}in (?:the|my|a) (?:closed |shut |locked )?garage|(?:i am|sitting|sat|lying|i sit) in (?:my|the) car in (?:the|my|a) (?:closed |shut |locked )?garage with the (?:engine|motor) (?:on|running)|(?:a|the) hose (?:from|to|on|in) the (?:exhaust|tailpipe)`,
    ),
  },
  {
    // "The thoughts are back": ideation coming back, when the post already carries risk (a past
    // attempt, hopelessness); alone it may be intrusive thoughts of any kind.
    id: 'passive.thoughts-returning',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    pattern: phrase(
      `(?:the|those|these|my|dark) (?:thoughts|urges|feelings) (?:are|have been|have started|started|keep|came|come|are coming|have come) (?:back|coming back|creeping back|returning)|(?:the|those|my) (?:thoughts|urges) (?:have )?returned`,
    ),
  },
  {
    // Attending to the means at hand: "I need to stop staring at these pill bottles" (pills
    // themselves are active.take-them-all).
    id: 'means.staring-at',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    // The lethal means named, attended to: held for a person, and with current ideation HIGH.
    namesMeans: true,
    pattern: phrase(
      `(?:staring|stare|stared|looking|looked|look) at (?:these|those|my|the) (?:(?:pill bottles?|bottles? of pills|noose|rope|gun|razor(?: blade)?s?)(?! (?:show|range|club|shop|store|safety|laws?|control))|(?:knife drawer|knives)(?! (?:at|in|for|on sale|show|shop|store)))`,
    ),
  },
  {
    // Lethal means given up for one's own safety (means restriction, told by the author): "in a
    // moment of clarity I sold it", "I gave my pills to my sister so I would not take them". It
    // tells of thoughts of using them, so a person checks in (MODERATE), but it is not a hold: the
    // means are gone. Counts only when the sentence names a lethal means; selling a gun collection
    // to pay the rent has no reason of safety in it, and "my dad got rid of his guns" is not ours.
    id: 'means.given-up-for-safety',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `i (?:finally |eventually |already |just )?(?:sold|got rid of|gave away|gave|handed over|handed in|turned in|threw (?:away|out)|flushed|locked up) (?:it|them|my|the|all|away)|i (?:had|asked|let) (?:my \\w+|someone|a friend|him|her|them) (?:to )?(?:take|hide|lock up|keep|hold on to) (?:it|them|my|the|all)`,
    ),
    // Both a lethal means and a reason of safety in the sentence (clauses break at "so I", "because I").
    sentenceNames:
      /^(?=.*\b(?:guns?|firearms?|pistol|handgun|rifle|shotgun|revolver|pills|tablets|meds|medications?|painkillers|razors?|blades?|rope|noose)\b)(?=.*(?:\bso (?:that )?i (?:would|could|will|can|would not be able to|could not) (?:not |never )?(?:use|take|do|hurt|harm|kill|shoot|overdose|act|be tempted|go through)|\bto keep (?:me|myself) safe|\bfor my (?:own )?safety|\bmoment of clarity|\b(?:did not|do not|could not|can not) trust myself|\bbefore i (?:used|use|did|do|could use) (?:it|them|something|anything)))/,
  },
  {
    // The medical aftermath of an attempt: one's stomach pumped.
    id: 'attempt.stomach-pumped',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    pattern: phrase(`(?:pumped|pump|pumping) my stomach|had my stomach pumped`),
  },
  {
    id: 'attempt.came-close',
    construct: 'ATTEMPT',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:came|come|been|got|get|getting) (?:so |really |very |pretty |dangerously )?close (?:to (?:killing ${SELF}|ending (?:it|my life)|suicide|taking my (?:own )?life|going through with it)|before|once|a few times|many times|several times)|(?:nearly|almost) gave up (?:on (?:life|living|everything) )?(?:once|before|myself)`,
    ),
  },
  {
    id: 'attempt.mention',
    construct: 'ATTEMPT',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `suicide attempts?|attempts? (?:on|at) my (?:own )?life|i (?:tried|attempted) (?:once|twice|before|several times|multiple times|a few times|when i was)|i attempted(?: suicide)?(?= (?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\\d+|a few|a couple of|several|many) (?:years?|months?|weeks?|days?) ago|last (?:year|month|week|spring|summer|fall|autumn|winter)|in (?:19|20)\\d\\d|as a (?:kid|teen|teenager))\\b| *$)`,
    ),
  },
  {
    id: 'means.mentioned',
    construct: 'METHOD_OR_MEANS',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    pattern: phrase(
      `${QUANTITY} (?:\\w+ )?${PILLS}|noose|rope|guns?|firearms?|pistol|shotgun|rifle|handgun|razors?|razor blades?|blades?|${JUMP}|${PLACE}|carbon monoxide|car exhaust|bleach|antifreeze|helium|cyanide|overdos(?:e|ing)|train tracks|in front of (?:a|the) (?:train|bus|truck|car)`,
    ),
  },

  // LOW: distress constructs that raise a risk signal, never a hold.
  {
    id: 'low.hopeless',
    construct: 'HOPELESSNESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `hopeless(?:ness)?|(?:no|lost (?:all )?|without|lost my) hope|no future|(?:never|not ever) (?:going to )?gets? better|(?:will|is) never (?:going to )?(?:get|be) better|(?:nothing|things|it|life) (?:will not|is not going to|does not|do not|never) (?:ever )?(?:get|gets|getting|going to get) better|what is the point(?: of (?:anything|living|life|it all|trying|going on))?|there is no point|(?:giving|given|give|gave) up on (?:life|everything|myself|living|hope|the future)|i am giving up|i give up|i am (?:just |such |a |such a |completely )*(?:a )?lost cause|i am (?:beyond|past) (?:help|saving|repair)`,
    ),
  },
  {
    id: 'low.burden',
    construct: 'BURDENSOMENESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:a|such a|just a|only a|the) burden(?: to| on| for)?|better off without me|(?:happier|better) without me|waste of (?:space|oxygen|air|life)|taking up space`,
    ),
  },
  {
    id: 'low.entrapment',
    construct: 'ENTRAPMENT',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `trapped|no way out|(?:no|can not) escape|i want out|can not (?:take|handle|do) (?:it|this|this life|any of this|much more)(?: anymore| any more| much longer)|can not (?:take|handle) (?:anymore|any more)(?= *$| *[.,!;?]| (?:i|and|but|so|of (?:this|it|life))\\b)|can not (?:go on|keep going)|(?:at|reached|hit) (?:the end of my rope|my breaking point|rock bottom|my limit)`,
    ),
  },
  {
    id: 'low.worthless',
    construct: 'WORTHLESSNESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `worthless|i (?:hate|despise|loathe|can not stand) (?:myself|my ?self|who i am|my life|being alive)|self[- ]?(?:hatred|loathing)|i am (?:a |such a |so |just a |nothing but a |a complete |a total )?(?:failure|loser|waste|mistake|disappointment|useless|pathetic|disgusting|nothing)|i feel (?:so |completely |totally |like )?(?:useless|worthless|like a failure|like nothing)`,
    ),
  },
  {
    id: 'low.empty-alone',
    construct: 'LONELINESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:no one|nobody) (?:cares|loves me|would care|understands me|likes me|wants me)|i (?:have|got) no (?:one|friends)|i am (?:so |completely |totally |all )?alone|(?:feel|am|feeling) (?:so |completely |totally |just )?(?:empty|numb|hollow|dead inside)|i am (?:just )?going through the motions`,
    ),
  },
  {
    id: 'low.hopeless-future',
    construct: 'HOPELESSNESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `nothing (?:can|will|is going to|is ever going to) (?:ever )?change|i (?:will|am going to) never (?:have|be|get|find) (?:the life|happy|better|anyone|a normal|a life)|doomed|no (?:chance|hope|way) (?:that )?(?:things|it|life|anything) (?:will|would|is going to) (?:ever )?(?:get|be) better|(?:life|everything|my life|existence) (?:is|feels|seems) (?:so |completely |totally )?(?:pointless|meaningless|futile)|(?:no|lost (?:all )?) (?:meaning|purpose) in (?:my )?life|i have no (?:meaning|purpose|future)`,
    ),
  },
  {
    id: 'low.entrapment-escape',
    construct: 'ENTRAPMENT',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:need|needed|have|want|wanted) to (?:escape|get away from (?:it all|everything|this life|life|my ?self|them))|stuck in (?:this|my) (?:life|head|situation|hell|cycle|loop)|i can not do this(?: anymore| any more| much longer)?(?= *$| anymore| any more| much longer)|can not keep going on`,
    ),
  },
  {
    id: 'low.defeat',
    construct: 'DEFEAT',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `i am (?:just |so |completely |totally )?done(?= *$)|i am (?:just |so |completely |totally )?done with (?:everything|it all|life|this life|this shit|all of this|trying|fighting)|(?:tired|sick|exhausted) of (?:fighting|trying|struggling|being alive|being me|waking up|everything|it all|all of this|all this|pretending)|(?:not|no longer) worth (?:fighting|fighting for|the fight|the struggle)|worth fighting (?:for )?any ?more|(?:can not|do not want to) (?:fight|keep fighting|keep trying)(?: anymore| any more| much longer)|worn out|burnt out|burned out|(?:can not|could not|will never be able to|will never) (?:overcome|get over|get past|beat|escape) (?:this|it|these|my (?:\\w+ )?(?:problems|depression|illness|past|demons))|(?:something|this is something|things?) (?:that )?i (?:can not|will never) overcome|(?:to no avail|nothing (?:ever )?(?:works|helps|has worked|has helped|seems to (?:work|help))(?= *$| for me| anymore| any more))`,
    ),
  },
  {
    id: 'low.alone',
    construct: 'LONELINESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `doomed to be alone|i (?:do not|have not got|do not even) have (?:a single|anyone|anybody|any) (?:person|friend|friends|one)|i have (?:no|zero) (?:one|friends|people)|i (?:am|feel|felt) (?:so |completely |totally |very |really )?(?:isolated|lonely)|makes? me feel (?:so |completely |totally )?(?:isolated|alone|lonely)|loneliness|(?:i am|i was|someone|i feel|i was just) (?:just |simply |clearly |obviously )?not (?:made|meant|built|cut out) for this (?:world|life|planet|earth)`,
    ),
  },
  {
    id: 'low.self-blame',
    construct: 'WORTHLESSNESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `i (?:have )?let (?:myself|everyone|everybody) down|i am (?:a |such a |just a )?(?:fucking |complete |total )?(?:idiot|screw ?up|fuck ?up|mess)(?= *$| and| who)|nothing i do (?:is|ever) (?:good enough|right|matters)|i do not deserve (?:to be happy|love|anything|help|happiness|good things|to be loved)` +
        // A blanket apology, the whole clause ("I'm sorry for everything."): beside a goodbye it is the note.
        `|i am (?:so )?sorry for (?:everything|being (?:like this|such a burden|this way))(?= *$)|i am (?:so )?sorry (?:that )?i (?:could not|was not|could never|was never|am not) (?:be )?(?:better|enough|good enough|stronger)(?= *$)`,
    ),
  },
  {
    id: 'low.burden-others',
    construct: 'BURDENSOMENESS',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `i (?:am|feel like) (?:just )?(?:a )?(?:nuisance|drain|dead weight)|(?:everyone|everybody) would be (?:better|happier|fine|okay|ok) without me|everyone would be (?:better|happier)|sorry for (?:existing|being alive)|i ruin everything|i make (?:everything|things|everyone) worse`,
    ),
  },
  {
    id: 'death.own-death',
    construct: 'DEATH_TALK',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:when|after|once) i am (?:gone|dead|not around|no longer (?:here|around))|after i (?:die|pass)|my[ -](?:own[ -])?(?:dead[ -](?:body|corpse)|corpse|funeral|demise)|(?:i would|id|i had) rather (?:just )?(?:die|be dead)|(?:let|make) me die|(?:it is )?(?:time for me|my time) to go(?= *$)|how much longer i can (?:take|do|go on|keep)|nothing (?:left )?to lose`,
    ),
  },
  {
    // A conditional disappearance, "If I'm not here next week, ...": ordinary alone (exams, a trip,
    // said beside it: ruled out), so a person looks (MODERATE); beside parting words, a time or
    // means it is a goodbye (C-SSRS intent).
    id: 'goodbye.if-not-here',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    nearbyRulesOut: new RegExp(`${ORDINARY_ABSENCE_FROM_GROUP.source}|\\b(?:exams?|finals|busy|internet|wifi|phone|signal|shift|shifts|work|school)\\b`),
    pattern: phrase(
      `if i am (?:not|no longer) (?:here|around|on here|posting) (?:next week|tomorrow|by (?:${WEEKDAY}|the weekend|next week)|after (?:tonight|this weekend)|anymore|any more)`,
    ),
  },
  {
    // Working out how: "lie awake planning how I would do it" (C-SSRS: thoughts with a method, the
    // act left unsaid). A project says what it is ("how I would do the kitchen"): the act must be
    // "it" at the end of the clause; alone a person looks, beside means or risk it is a plan.
    id: 'plan.working-out-how',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    nearbyRulesOut: /\b(?:project|presentation|essay|speech|interview|exam|recipe|renovat\w*|kitchen|garden|wedding|proposal|surprise|party)\b/,
    pattern: phrase(
      `(?:planning|planned|plan out|planning out|working out|worked out|figuring out|figured out|thinking through) (?:exactly )?how (?:i would|i will|i am going to|i could|i should|to) (?:do it|end it|go through with it)(?= *$)`,
    ),
  },
  {
    // The place picked: "I know which bridge". With a plan or risk beside it, means (C-SSRS); alone
    // a person looks.
    id: 'means.knows-which-place',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'REFLEXIVE',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    pattern: phrase(
      `i (?:already )?know (?:exactly )?which (?:bridge|building|roof|rooftop|cliff|overpass|train|tracks|car park|parking garage|tree)(?= *$| i would| i will| i am going to)`,
    ),
  },
  {
    // An aborted attempt at the platform or the edge: "waited for the express. I stepped back at the
    // last second." It corroborates other risk; alone it still pages (C-SSRS: an aborted attempt is HIGH).
    id: 'attempt.stepped-back',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    nearbyNames: /\b(?:platform|train|express|tracks|edge|ledge|bridge|roof|rooftop|cliff|balcony|railing|overpass)\b/,
    nearbyRulesOut: /\b(?:mind the gap|pushed|crowd|crowded|doors closing|rush hour|selfie|photo|view)\b/,
    pattern: phrase(
      `(?:i )?(?:stepped|pulled|jumped|moved) back (?:from the edge |from the tracks |from the platform edge )?(?:at the (?:last|very last) (?:second|minute|moment)|just in time)`,
    ),
  },
  {
    // The act held back, said as such: "I didn't do it but I wanted to" (C-SSRS aborted attempt).
    // "I didn't do it but I wanted to eat the whole cake" says what, so the sentence must end there;
    // alone it still pages (C-SSRS: an aborted attempt is HIGH).
    id: 'attempt.did-not-but-wanted',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    // Clauses break at "but": the match is its second half, in a sentence that says the first.
    sentenceNames: /\bi did not (?:do it|go through with it)(?: this time)?,? but i (?:really )?(?:wanted to|almost did|came so close|came close)$/,
    pattern: phrase(`i (?:really )?(?:wanted to|almost did|came so close|came close)(?= *$)`),
  },
  {
    // Asking to be stopped: "I need someone to talk me out of it tonight" (ideation with intent the
    // author is fighting; HIGH even alone). "Talk me out of buying it" says what; "it" or "this" must
    // end the clause, or an insistence that it is serious.
    id: 'active.talk-me-out-of-it',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    nearbyRulesOut: /\b(?:buy|buying|bought|order|ordering|quit|quitting|tattoo|piercing|haircut|dress|shoes|car|motorbike|motorcycle|puppy|cake|pizza|trip)\b/,
    pattern: phrase(
      `(?:someone|somebody|anyone|anybody|you|please) (?:to )?talk me out of (?:it|this|doing it|doing this)(?: ${TIME})?(?= *$| i am (?:not joking|serious)| please| seriously| for real)`,
    ),
  },
  {
    // How a method feels, asked of oneself: "Does it hurt to bleed out? Asking for myself."
    // (C-SSRS: thoughts of method). Asked about a pet, a film or a story, the sentence says so.
    id: 'active.asks-how-method-feels',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut:
      /\b(?:dog|cat|pet|hamster|fish|film|movie|show|book|novel|story|character|game|episode|documentary|class|exam|homework|nursing school|med school)\b/,
    pattern: phrase(
      `(?:does it hurt|is it painful|how painful is it|how long does it take|how much does it hurt|would it hurt) (?:to )?(?:bleed out|bleeding out|drown|drowning|hang ${SELF}|hanging|overdose|overdosing|od|jump off|slit (?:my|your) wrists|die from (?:an )?overdose)`,
    ),
  },
  {
    // Hiding a suicide as an accident "so my parents don't feel guilty" (a plan with a purpose). A
    // plot or a crime says whose: the clause's subject decides; alone it is still a plan (HIGH).
    id: 'plan.look-like-an-accident',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    nearbyRulesOut: /\b(?:novel|story|book|film|movie|show|episode|plot|murder|murderer|killer|detective|character|game)\b/,
    pattern: phrase(
      `(?:ways? (?:to|of)|how (?:to|i could|i would)|plan(?:ning)? to|going to|want to) make (?:it|my death) look like an accident|` +
        // The requirement said of the act: "if I do it, it has to look like an accident".
        `(?:it|my death) (?:has to|have to|needs to|would need to|would have to|will have to|should|must) (?:look|seem) like an accident`,
    ),
  },
  {
    // One's own death disguised as an accident, said as a consequence ("if I crash the car it'd look
    // like an accident"): a plan with a purpose, HIGH (C-SSRS). The sentence must say it is the
    // author's death or crash; a plot, a crime or a game says whose.
    id: 'plan.own-death-would-look-accidental',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    sentenceNames:
      /\bi (?:\w+ ){0,2}(?:crash|crashed|swerve|swerved|drive|drove|fall|fell|slip|slipped|overdose|od|drown|drowned|die|died|step|stepped|walk|walked)\b/,
    nearbyRulesOut: /\b(?:novel|story|book|film|movie|show|episode|plot|murder|murderer|killer|detective|character|game|insurance claim|dashcam|whiplash)\b/,
    pattern: phrase(
      `(?:(?:it|that|this|my death) (?:would|will|could|might|should)|it'd|that'd) (?:just |all )?(?:look|seem|pass) (?:like|as|for) an accident`,
    ),
  },
  {
    // Others' gain from one's death, counted in money ("they'd be better off with the life
    // insurance than with me"): burdensomeness joined to one's own death, as a wish (C-SSRS 1).
    id: 'passive.worth-more-dead-insured',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    // The family gains by the author's death: "they" and "mum" are who is paid, not whose death it is.
    subject: 'REFLEXIVE',
    pattern: phrase(
      `(?:better off|happier|richer) with (?:the|my) (?:life )?insurance(?: money| payout)?(?: than (?:with )?me)|` +
        `(?:would|will|could|can) (?:finally )?(?:get|have|collect|cash in) (?:the|my) (?:life )?insurance(?: money| payout)?(?= *$| if i| when i| after i)`,
    ),
    nearbyNames: /\b(?:better off|than (?:with )?me|if i (?:died|was gone|were gone|crashed|was dead)|when i am gone|accident|crash|dead)\b/,
  },
  {
    // A death welcomed that is not one's own act: a bus, an illness (C-SSRS question 1, wish to be
    // dead). "I wouldn't mind if the bus was late" names no death, nor "relieved if it's ADHD".
    id: 'passive.welcome-death-by-chance',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:would not (?:mind|care)|(?:would|will) (?:honestly |actually |secretly |kind of |probably )?be (?:relieved|glad|grateful|thankful|happy|ok|okay|fine)) if ` +
        `(?:(?:a|the|some) (?:car|bus|truck|lorry|train|plane|drunk driver) (?:hit|hits|ran over|runs over|killed|kills|crashed|crashes)|something (?:killed|kills|happened to) me|` +
        `i (?:got|get|was|were) (?:diagnosed with )?(?:something |a )?(?:terminal|cancer|a terminal (?:illness|disease))|i (?:got|get|was|were) (?:hit by|run over|killed)|i (?:died|did not wake up|never woke up|just died|dropped dead))|` +
        `would not (?:mind|care) (?:dying|not waking up|never waking up|dropping dead)|` +
        // The condition first: "if I got diagnosed with something terminal tomorrow I'd be relieved".
        `if (?:i (?:got|get|was|were) (?:diagnosed with )?(?:something |a )?(?:terminal|cancer)|i (?:got|get|was|were) (?:hit by|run over by|killed by) (?:a |the )?(?:car|bus|truck|lorry|train)|(?:a|the) (?:car|bus|truck|lorry|train) (?:hit|ran over|killed) me|i (?:died|did not wake up|never woke up|dropped dead))` +
        `(?: [\\w']+){0,4} i would (?:\\w+ )?(?:be (?:relieved|glad|grateful|thankful|happy)|not (?:mind|care))`,
    ),
  },
  {
    // One's own death judged not a bad thing: "if I died tomorrow I don't think it would be a bad
    // thing" (C-SSRS 1, wish to be dead, said as a verdict). "It would be a bad thing" alone is not.
    id: 'passive.own-death-not-a-loss',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `if i (?:died|was dead|were dead|was gone|were gone|did not wake up|just died)(?: [\\w']+){0,3} ` +
        `(?:(?:i do not think|i doubt) (?:it|that) would be|(?:it|that) would not be|(?:it|that) would (?:honestly |really |probably |actually )?be) ` +
        `(?:(?:such |that )?(?:a bad thing|bad|so bad|the worst thing|a loss|a big deal|a tragedy)|a relief|a good thing|for the best|better for everyone)(?= *$| honestly| tbh| really)`,
    ),
  },
  {
    // Others' lives better by one's absence, counted in what they would gain ("my parents would
    // have more money and less stress if I wasn't around anymore"): burdensomeness with one's death
    // or absence (C-SSRS 1). An absence for an evening or a trip says when.
    id: 'passive.others-gain-by-absence',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'REFLEXIVE',
    pattern: phrase(
      `(?:would|will) (?:have|be|feel) (?:so |much )?(?:more money|less stress|more time|more space|better lives|an easier life|easier lives|happier|relieved|lighter|free)(?: [\\w']+){0,4} if i (?:was|were|am) (?:not|no longer) (?:around|here|alive)(?: anymore| any more)?(?! (?:for|this|on|at|during|tonight|tomorrow|next|over))`,
    ),
  },
  {
    // A wish to sleep in a way that ends it: "I wish I could just fall asleep in the snow and that
    // would be it" (C-SSRS 1). What the sleep is in or where does not matter; that it is the end does.
    id: 'passive.wish-and-that-would-be-it',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `wish i could (?:just )?(?:fall asleep|go to sleep|sleep|lie down|walk into the (?:sea|ocean|water|woods)|drift off|close my eyes)(?: [\\w']+){0,5} and (?:that would be it|that would be the end|it would (?:all )?be over|never (?:wake up|come back))(?= *$)`,
    ),
  },
  {
    // Life endured until it ends, with "the sooner the better" (C-SSRS 1, wish to be dead).
    id: 'passive.the-sooner-the-better',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    nearbyNames: /\b(?:until (?:it|life|this|i) (?:ends|end|die|am dead|am gone|is over)|my (?:life|death) (?:ends|is over)|die|dead|death)\b/,
    pattern: phrase(`the sooner the better(?= *$| honestly| tbh| really)`),
  },
  {
    // A plan hidden from a clinician: "asked if I have a plan and I lied and said no. I do have one."
    // Concealment plus a plan (C-SSRS: plan, HIGH); the sentence around must be about a plan.
    id: 'plan.concealed-from-clinician',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyNames: /\b(?:a plan|any plans? to|suicidal|hurt (?:myself|yourself)|kill (?:myself|yourself)|safe)\b/,
    nearbyRulesOut:
      /\b(?:(?:phone|data|meal|business|savings|pension|insurance|treatment|care|study|workout|diet|payment|lesson|birth|floor) plan|plan (?:for|to) (?:the|my) (?:weekend|holiday|wedding|party|trip))\b/,
    pattern: phrase(
      `i (?:do|actually|really|still) (?:do )?have (?:one|a plan)(?= *$)|(?:lied|lie|lying) (?:and said (?:no|i did not)|about (?:having )?(?:it|a plan|my plan|the plan))`,
    ),
  },
  {
    // Asking for a reason not to do it, tonight ("can someone give me one reason not to do it
    // tonight"): like asking to be talked out of it, intent being fought (HIGH). "Give me one reason
    // not to buy it" says what.
    id: 'active.asks-for-a-reason-not-to',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    nearbyRulesOut:
      /\b(?:buy|buying|bought|order|ordering|quit|quitting|tattoo|piercing|haircut|dress|shoes|car|motorbike|motorcycle|puppy|cake|pizza|trip|text|call|email|break up|dump)\b/,
    pattern: phrase(
      `(?:give|tell|show) me (?:a|one|any|some) (?:good |real |single )?reason (?:not to|to not|why i should not) (?:just )?(?:do it|end it|go through with it|kill ${SELF}|end my life)(?: ${TIME})?(?= *$)`,
    ),
  },
  {
    // Command hallucinations to die or self-harm (a clinical red flag whatever else is said): "the
    // voice keeps saying I should jump". A film's or a book's voice says whose it is.
    id: 'active.command-voices',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut: /\b(?:film|movie|show|book|novel|story|character|game|song|episode|narrator|gps|sat ?nav)\b/,
    pattern: phrase(
      `(?:the |a |my |these )?voices? (?:in my head )?(?:\\w+ )?(?:telling me|tell me|tells me|told me|saying|says|said|whispering|screaming|yelling|telling)(?: me)?(?: that)? ` +
        `(?:i should|i need to|i have to|i must|i deserve to|to) (?:just )?(?:die|kill ${SELF}|hurt ${SELF}|cut(?: ${SELF})?|jump|end it|${END_LIFE}|overdose|take (?:all )?(?:the|my) ${PILLS}|drown ${SELF}|` +
        // The method the voice names: walking into water or traffic, stepping in front of a train.
        `walk (?:into|in front of) (?:the |a )?(?:lake|river|sea|ocean|water|traffic|train|bus)|step in front of (?:a |the )?(?:train|bus|car|truck|lorry))`,
    ),
  },
  {
    // Whether a counted quantity will do, asked of pills ("43 of her old tablets plus mine. that should be
    // enough right"): lethal means gathered and measured (C-SSRS preparatory), HIGH alone. A course,
    // a trip or a month says what they are enough for.
    id: 'means.enough-to-do-it',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    nearbyNames: new RegExp(`\\b(?:${PILLS}|mg|doses?)\\b`),
    nearbyRulesOut:
      /\b(?:for (?:the|a|this|next|my) (?:month|week|weekend|trip|holiday|vacation|flight|course|cold|flu|pain|period|back|headache|migraine)|prescription|refill|pharmacy|pharmacist|doctor|gp)\b/,
    pattern: phrase(
      `(?:that|this|it|these|those|they|that many) (?:should|will|would|ought to|must|has to|have to) (?:be )?(?:more than |just )?(?:be )?enough(?= *$| right| yeah| i think| now| surely)|(?:is|will|would) (?:that|this|it) be enough(?= *$| right)`,
    ),
  },
  {
    // An aborted attempt told as not having gone through with it ("stood on the edge of the car park
    // for an hour... I don't know why I didn't go through with it"). Ordinary alone (a job, a
    // haircut), so it counts beside risk or another such phrase (the edge, means at hand): then HIGH
    // (C-SSRS aborted attempt). A bungee jump or a dive says what it was.
    id: 'attempt.did-not-go-through-with-it',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: /\b(?:bungee|skydiv\w*|parachute|diving board|pool|lake|quarry|zip ?line|tattoo|piercing|proposal|audition|surgery|operation|abortion)\b/,
    pattern: phrase(
      `i (?:did not|could not|could not bring myself to|was not able to|chickened out and did not) (?:go through with it|do it|jump|pull the trigger|take them)(?= *$| this time| in the end)`,
    ),
  },
  {
    // Means readied then put away: "poured them out on the bed... and put them back" (C-SSRS aborted
    // attempt, HIGH). The sentence must ready lethal means; sorting a pill organiser or a refill says not.
    id: 'attempt.means-put-back',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    // Its sentence or the one before: "had the pills counted out on my desk and then i just. put them back".
    nearbyNames: new RegExp(
      `^(?=.*\\b(?:${PILLS}|them|knife|blade|razor|rope|noose|gun)\\b)(?=.*\\b(?:in my hands?|poured|counted|laid out|lined up|loaded|tied|held|holding|to my (?:wrist|throat|head))\\b)`,
    ),
    nearbyRulesOut: /\b(?:organi[sz]er|dosette|refill|prescription|pharmacy|pharmacist|recipe|kitchen drawer|hunting|range|cleaning)\b/,
    pattern: phrase(`(?:put|putting|threw|flushed|hid) (?:them|it|the ${PILLS}|the (?:knife|blade|razor|rope|gun)) (?:all )?(?:back|away|down the toilet)`),
  },
  {
    // A place chosen, said beside ideation ("I even picked a spot in the woods"): a plan (C-SSRS),
    // counted only with risk around it; a picnic or a tent says what the spot is for.
    id: 'plan.picked-a-place',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    corroborates: true,
    nearbyRulesOut: /\b(?:picnic|camp\w*|tent|wedding|lunch|parking|fishing|photos?|holiday|vacation|date night|restaurant|seat|concert)\b/,
    pattern: phrase(
      `(?:picked|chose|chosen|found|scouted|decided on) (?:out )?(?:a|the|my) (?:spot|place|location)(?= *$| in | at | by | near | where| for it| to do it)`,
    ),
  },
  {
    // Farewells, each ordinary alone, so they corroborate each other and a time or a finality
    // (C-SSRS: goodbye): absolving the people left ("please don't blame yourselves")...
    id: 'goodbye.absolving',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:please )?(?:do not|never) blame (?:yourselves|anyone|anybody|my (?:\\w+ )?(?:family|parents|mum|mom|dad|friends|therapist))(?: for (?:this|what happens|what i did|anything))?(?= *$)`,
    ),
  },
  {
    // ...a last message passed on through the reader ("tell my dog I love him")...
    id: 'goodbye.message-passed-on',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(`tell (?:my (?:\\w+ )?\\w+|everyone|everybody|them) (?:that )?i (?:love|loved|am sorry)(?: (?:him|her|them|you|it))?(?= *$)`),
  },
  {
    // ...and no more posts after tonight ("I won't be logging on again after tonight").
    id: 'goodbye.no-more-posts',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:will not|not going to|will never) be (?:logging on|logging in|posting|online|on here|back on here|coming back here)(?: again)? (?:after (?:tonight|today)|ever again)`,
    ),
  },
  {
    // Letters written beside one's will: each an ordinary chore, together preparation for one's
    // death (C-SSRS preparatory); each counts only beside the other or risk.
    id: 'plan.letters-and-will',
    construct: 'PLAN',
    tier: 'IMMINENT',
    subject: 'REFLEXIVE',
    preparatory: true,
    needsRiskContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:written|wrote|finished|done) (?:the|all the|all my) letters(?= *$)|(?:in|with|next to|beside) my will|(?:wrote|written|made|updated|finished|signed) (?:out )?my will(?= *$)`,
    ),
  },
  {
    // Means kept out of sight: "a bottle of my mom's sleeping pills hidden in my room". A stash is
    // ordinary alone (hidden from a child, from a partner who misuses them), so a person looks
    // (MODERATE) and beside distress or another such phrase it is preparation (C-SSRS).
    id: 'means.hidden-stash',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    nearbyRulesOut: new RegExp(
      `${DOSE_OR_ABSENCE.source}|\\b(?:from (?:the|my) (?:kids|children|son|daughter|baby|toddler|dog|puppy)|so (?:the|my) (?:kids|children|son|daughter|dog) (?:can not|do not|will not)|childproof|child[- ]proof)\\b`,
    ),
    pattern: phrase(
      `${PILL_CONTAINER} of (?:[\\w']+ ){0,2}${PILLS} (?:\\w+ ){0,2}?(?:hidden|hid|stashed|tucked away)|${PILLS} (?:that )?i (?:have )?(?:hidden|hid|stashed|been hiding|been stashing)`,
    ),
  },
  {
    // The act not done yet, of means named just before: "... sleeping pills hidden in my room. I
    // haven't taken them yet." Medication not started says why (prescribed, side effects: ruled out).
    id: 'means.not-taken-yet',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    // Alone it is painkillers bought for a bad back: it counts beside distress or another such phrase.
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyNames: new RegExp(`\\b(?:${PILLS}|rope|noose|gun|razor|blade|knife)\\b`),
    nearbyRulesOut: DOSE_OR_ABSENCE,
    pattern: phrase(`i (?:have not|did not|have not actually) (?:taken|swallowed|used) (?:them|it|any|those|these)(?: \\w+)? yet`),
  },
  {
    // Not trusting oneself near the means: an urge to act, in the author's words (C-SSRS active
    // ideation with a method in mind): "I don't trust myself around the knives tonight".
    id: 'active.no-trust-near-means',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(
      `i (?:do not|can not|no longer|really do not) trust myself (?:around|with|near|alone with|in the same room as) (?:the |my |these |those |all the |all my )?(?:knives|knife|blades?|razors?|${PILLS}|guns?|rope|belts?|balcony|bridge|window|car keys|train tracks|tracks)`,
    ),
  },
  {
    // "Why is it so hard to just die": the wish to be dead, said as a complaint (passive ideation).
    id: 'passive.hard-to-die',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut: /\b(?:game|gaming|level|boss|character|player|raid|dark souls|elden ring|minecraft|movie|film|zombie|zombies|plant|plants|cactus|weeds)\b/,
    pattern: phrase(
      `(?:why is it|it is|it is just) so (?:hard|difficult) to (?:just )?(?:die|be dead|stop existing)(?! (?:laughing|of (?:boredom|embarrassment|laughter|cringe)))`,
    ),
  },
  {
    // A method pictured on the road: "how easy it would be to just swerve into oncoming traffic".
    // A near miss told as it happened ("a car swerved into my lane") has no wish in it.
    id: 'active.swerve-into-traffic',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:thinking (?:about|of)|thought (?:about|of)|urges? to|want(?:ed)? to|tempted to|imagine|imagining|picture|picturing|how easy it (?:would|will) be to|so easy to|close to) (?:how easy it (?:would|will) be to )?(?:just )?(?:swerve|steer|drive|crash|veer|aim)(?: (?:my|the) car)? (?:into|in front of|off) (?:the )?(?:oncoming traffic|traffic|a (?:tree|wall|pole|truck|lorry|bus|bridge)|the (?:median|barrier|river|lake|wall|bridge|cliff)|(?:a|the) (?:cliff|bridge|overpass))`,
    ),
  },
  {
    // Ligature set up on an anchor point (C-SSRS interrupted or aborted attempt): "the belt around
    // the closet rod". A swing, a hammock or a washing line says what the rope is for.
    id: 'attempt.ligature-anchored',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    nearbyRulesOut:
      /\b(?:swing|hammock|washing|laundry|clothes ?line|boat|tent|climbing|gym|pull[- ]?ups?|workout|exercise|curtains?|towels?|shirts?|jackets?|coats?|hangers?|decorations?|lights|plants?)\b/,
    pattern: phrase(
      `(?:tied|looped|hooked|fixed|hung|put|had|with|attached) (?:a |the |my )?(?:belt|rope|cord|extension cord|cable|ligature|noose|dog lead|leash|scarf|sheet|bed ?sheet) (?:tight )?(?:around|round|to|over|on) (?:the|a|my) ` +
        `(?:closet |wardrobe |shower |curtain |clothes )?(?:rod|rail|beam|banister|rafter|pipe|hook|door ?frame|door handle|ceiling fan|pull[- ]?up bar|loft hatch|stair rail)`,
    ),
  },
  {
    // Found in the act by someone else (interrupted attempt): "walked in on me with the belt ...".
    id: 'attempt.interrupted-with-ligature',
    construct: 'ATTEMPT',
    tier: 'HIGH',
    subject: 'REFLEXIVE',
    namesMeans: true,
    pattern: phrase(
      `(?:walked in on|found|caught|stopped|saw) me (?:[\\w']+ ){0,4}?(?:with|while i had|when i had) (?:a |the |my )?(?:belt|rope|cord|cable|ligature|noose|scarf|sheet) (?:tight )?(?:around|round|tied to|over|on) (?:my neck|the|a)`,
    ),
  },
  {
    // Reading up on a lethal dose (C-SSRS preparatory behaviour, method research): "reading about
    // how many of my pills it would take". A parent, a course or a pet says whose dose it is.
    id: 'means.researching-a-dose',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut:
      /\b(?:toddler|baby|kids?|child|children|son|daughter|dog|cat|puppy|pets?|exam|class|nursing|pharmacology|course|lecture|assignment|essay|shift|patients?|clients?|accidentally|by accident)\b/,
    pattern: phrase(
      `(?:reading|read|researching|researched|looking up|looked up|googling|googled|searching|searched|looking into|looked into)(?: up)?(?: about| on| for)? ` +
        `(?:how many|how much|what dose|which dose|the lethal dose|a lethal dose|lethal doses|the fatal dose|fatal doses|what amount)(?: of)?(?: my| the| these| those| your)?(?: [\\w']+){0,2}? ` +
        `(?:it would take|would it take|it takes|does it take|would kill|it would take to|to die|would be fatal|is fatal|is lethal|to overdose|would be enough)|` +
        `(?:reading|read|researching|researched|looking up|looked up|googling|googled|searching|searched)(?: up)?(?: about| on| for)? (?:the )?(?:lethal|fatal) doses? of`,
    ),
  },
  {
    // Means bought so as not to be asked (C-SSRS preparatory behaviour): pills from a second
    // pharmacy to get past a pack limit. A shop closed or out of stock gives the ordinary reason.
    id: 'means.acquired-covertly',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    nearbyRulesOut: /\b(?:closed|cheaper|out of stock|shortage|insurance|coupon|open late|24 hour|sold out|prescription|refill)\b/,
    pattern: phrase(
      `(?:bought|buy|buying|got|getting|picked up) (?:[\\w']+ ){0,4}?(?:${PILLS}|${PILL_CONTAINER} of (?:[\\w']+ )?${PILLS}) (?:[\\w']+ ){0,3}?` +
        `(?:(?:at|from) (?:a |an )?(?:different|another|second|third|separate|other) (?:pharmacy|pharmacies|chemists?|stores?|shops?|drugstores?)|so (?:they|nobody|no one|the pharmacist|the cashier) (?:would not|will not|could not|did not|would never) (?:ask|notice|suspect|question))`,
    ),
  },
  {
    // Self-harm in the forum's shorthand: "sh'd again last night", "been sh-ing again".
    id: 'self-harm.shorthand',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:sh'd|sh'ed|sh-ed|s/h'd)(?= again| last night| tonight| today| this (?:morning|week)| after)|(?:i|been|started|keep|kept) (?:sh|s/h)(?:ing|-ing|'ing)(?: again)?|relapsed (?:on|with|into) (?:sh|s/h)(?![\\p{L}])`,
    ),
  },
  {
    // The wish to stop existing (passive ideation in the lexicon's words): "if I stopped existing",
    // "I just want to stop existing". "Stopped existing" of a shop or a band is not the author.
    id: 'passive.stop-existing',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:want|wanted|wanting|wish|wished|wishing|hope|hoping|would love|would like|need) (?:to |i could |that i could |i would )?(?:just )?(?:stop|cease) (?:existing|to exist)|if i (?:just )?(?:stopped|stop|ceased|cease) (?:existing|to exist)|i (?:just )?(?:stopped|ceased) (?:existing|to exist)`,
    ),
  },
  {
    // Ending it by a season or a date ("I could end it this winter"): ideation with a time. "End
    // it" is also a relationship or a lease, which the sentences around it name.
    id: 'active.end-it-by-a-time',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut:
      /\b(?:relationship|boyfriend|girlfriend|marriage|engagement|friendship|lease|contract|subscription|series|show|game|streak|with (?:him|her|them))\b/,
    pattern: phrase(
      `(?:i could|i might|i will|i am going to|i am gonna|i want to|i plan to|i would) (?:just |finally )?end it(?: all)? (?:this|next|by|before) (?:winter|summer|spring|autumn|fall|year|month|week|weekend|christmas|new year|my birthday)`,
    ),
  },
  {
    // Notes written for each of one's family (a goodbye, C-SSRS preparatory behaviour) told without
    // the word "suicide": "wrote the notes yesterday. one for mom and one for my sister".
    id: 'goodbye.notes-for-family',
    construct: 'GOODBYE',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    nearbyNames: /\b(?:notes?|letters?)\b/,
    nearbyRulesOut: /\b(?:christmas|birthday|thank you|thank-you|valentine|cards?|lunch ?box|shopping|grocer\w*|fridge|school|teacher|class|homework|recipe)\b/,
    pattern: phrase(
      `(?:wrote|written|writing|left|leaving|finished)(?: [\\w']+){0,3}? (?:notes|letters)[,.]? (?:[\\w']+ ){0,2}?one for (?:my )?(?:\\w+ )?(?:mom|mum|mother|dad|father|sister|brother|wife|husband|son|daughter|kids|parents|family|partner|girlfriend|boyfriend|grandma|nan)|` +
        `(?:^|[.] )one (?:note |letter )?for (?:my )?(?:\\w+ )?(?:mom|mum|mother|dad|father|sister|brother|wife|husband|son|daughter|kids|parents|partner) and (?:one )?for (?:my )?(?:\\w+ )?(?:mom|mum|mother|dad|father|sister|brother|wife|husband|son|daughter|kids|parents|partner)`,
    ),
  },
  {
    // Loose ends tied up (affairs settled, C-SSRS preparatory behaviour), when nothing says it is a
    // job or a trip: alone it is ordinary, so it corroborates another preparation or distress.
    id: 'plan.loose-ends',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: new RegExp(
      `${ORDINARY_ABSENCE.source}|\\b(?:work|job|office|project|thesis|handover|leave|maternity|paternity|retire\\w*|semester|term|quit|quitting|notice)\\b`,
    ),
    pattern: phrase(
      `(?:tied|tying|tie|tidied|tidying) up (?:all )?(?:of )?(?:the |my )?loose ends|(?:all )?(?:the |my )?loose ends (?:are |all )?(?:tied|tidied) up`,
    ),
  },
  {
    // Lingering at a height: slowing down on the bridge every day, thinking of going back up to the
    // place. Ordinary alone (ice, traffic, a view), so it corroborates the edge or distress.
    id: 'place.drawn-to-a-height',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: /\b(?:ice|icy|traffic|speed|camera|police|limit|fog|rain|snow|view|photos?|pictures?|sunset|sunrise|hike|hiking|climb\w*|picnic|tour)\b/,
    pattern: phrase(
      `(?:slow|slows|slowed|slowing) down (?:on|at|over|near|when i (?:cross|drive over|pass|get to)) (?:the|that) (?:${LETHAL_PLACE}|quarry)|` +
        `(?:keep|kept|keeps) (?:thinking about|picturing|imagining) (?:going|driving|walking|heading) back (?:up )?(?:there|to (?:the|that) (?:${LETHAL_PLACE}|quarry|edge))|` +
        `(?:went|drove|walked|climbed|took the (?:lift|elevator|stairs)) (?:all the way )?(?:up )?to the (?:top|highest|roof) (?:level|floor|deck)(?: of (?:the|a) (?:parking garage|car park|building|multi[- ]?storey))?`,
    ),
  },
  {
    // Waiting on a platform, letting trains go by (C-SSRS aborted attempt or preparation at the
    // place). A full train, a friend awaited or the wrong line gives the ordinary reason.
    id: 'place.letting-trains-pass',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    nearbyNames: /\b(?:platform|station|tracks|trains?|express|subway|metro|tube|railway|freight)\b/,
    nearbyRulesOut:
      /\b(?:full|packed|crowded|wrong (?:train|line)|delayed|late|waiting for (?:my|a|the) (?:friend|mom|mum|dad|sister|brother|date)|meet\w*|rush hour|reading|podcast|phone call)\b/,
    pattern: phrase(
      `(?:let|letting|watched|watching) (?:two|three|four|five|a few|a couple|several|\\d+|one|another)(?: of them| trains| express trains| more)? (?:go|pass|come and go|rush|fly) (?:by|past|through)`,
    ),
  },
  {
    // Which trains do not stop, noted on a platform: ordinary alone, so it corroborates the trains
    // let go by or distress.
    id: 'place.non-stopping-train',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: /\b(?:delayed|late|cancell?ed|missed my|meeting|timetable changes?|commute|annoying|annoyed)\b/,
    pattern: phrase(
      `(?:the )?(?:express|fast|freight|through|non-stop)(?: trains?)? (?:does not|do not|never|will not) stops? (?:here|at this station|at this stop)`,
    ),
  },
  {
    // Pills in front of one, said as the moment (means at hand, C-SSRS preparatory behaviour):
    // "I have my grandma's whole bottle of oxy in front of me". A headache or a dose says why.
    id: 'means.in-front-of-me',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'HIGH',
    nearbyRulesOut: new RegExp(`${DOSE_OR_ABSENCE.source}|\\b(?:headache|migraine|cramps|period|fever|flu|cold|back pain|toothache|hangover)\\b`),
    pattern: phrase(
      `(?:have|got|holding|sitting (?:here )?with|staring at) (?:[\\w']+ ){0,3}?(?:bottles?|packs?|packets?|box(?:es)?|stash|handful|piles?|strips?) of (?:[\\w']+ )?(?:${PILLS}|${NAMED_DRUGS}|oxy) ` +
        `(?:right )?(?:in front of me|next to me|beside me|on my (?:lap|bed|desk|nightstand|bedside table))`,
    ),
  },
  {
    // Whether a method is survivable, looked up (method research): "googling whether you can survive
    // a fall from the 9th floor", "what floor is high enough". A film, physics or a sport says why.
    id: 'means.researching-survival',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut:
      /\b(?:film|movie|show|documentary|book|story|homework|class|physics|skydiv\w*|base jump\w*|climbing|parkour|cats?|dogs?|kids?|toddler|news|article|stunt)\b/,
    pattern: phrase(
      `(?:googling|googled|looking up|looked up|researching|researched|reading about|read about|searching|searched) (?:whether|if|how) (?:you|one|a person|someone|people|i) (?:can|could|would|will|do|does) ` +
        `(?:survive|die from|die after) (?:a fall from|falling from|falling off|jumping (?:off|from)|a jump from|an overdose|hanging|a gunshot)|` +
        `(?:googling|googled|looking up|looked up|researching|researched|searching|searched) (?:how high|what floor|which floor|how many floors|what height)(?: [\\w']+){0,4}? (?:to die|is fatal|is lethal|would kill|you need|is enough|to be sure|to make sure)`,
    ),
  },
  {
    // Pills stocked up (stockpiling, C-SSRS preparatory behaviour). Ordinary for a cold season or a
    // trip, so it counts beside distress or another such phrase, such as a prescriber deceived.
    id: 'means.stocked-up',
    construct: 'METHOD_OR_MEANS',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    namesMeans: true,
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    tierWithoutContext: 'MODERATE',
    nearbyRulesOut: new RegExp(`${DOSE_OR_ABSENCE.source}|\\b(?:cold|flu|winter|allerg\\w*|season|sale|shortage|discount)\\b`),
    pattern: phrase(`(?:stocking|stocked|building|built) up (?:on )?(?:my |some |the )?(?:\\w+ )?(?:${PILLS}|${NAMED_DRUGS})`),
  },
  {
    // More prescribed by telling the prescriber it does not work: how pills are stockpiled.
    id: 'means.prescriber-deceived',
    construct: 'METHOD_OR_MEANS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:telling|told|lying to|lied to) (?:my |the )?(?:doctor|gp|psychiatrist|pharmacist|prescriber|nurse) (?:that )?(?:they|it|the \\w+|my \\w+) (?:were not|was not|are not|is not) working`,
    ),
  },
  {
    // A home cleaned "so nobody has to deal with a mess" (affairs settled for whoever finds one,
    // C-SSRS preparatory behaviour). Guests, a move or a deposit give the ordinary reason.
    id: 'plan.tidied-for-those-left',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    preparatory: true,
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    nearbyRulesOut: new RegExp(
      `${ORDINARY_ABSENCE.source}|\\b(?:party|guests|inspection|viewing|deposit|visit|visiting|coming over|arrive|arriving|cleaner)\\b`,
    ),
    // The clause after "so" (clauses break there before "my"), in a sentence that tidies.
    sentenceNames: /\b(?:cleaned|tidied|cleared|sorted|emptied|organi[sz]ed|deep cleaned)\b/,
    pattern: phrase(
      `(?:so )?(?:nobody|no one|my (?:\\w+ )?(?:family|mom|mum|dad|parents|sister|brother|roommate|flatmate)|whoever finds me) ` +
        `(?:has|have|will have|would have|needs|need|will need|would need|(?:does|do|will|would) not (?:have|need)) to (?:deal with|clean up|sort out|go through) (?:a|the|my|any|it|anything)`,
    ),
  },
  {
    // A deadline for things to change, said as a condition one set oneself: "I always said if
    // nothing changed by 30 I'd stop trying". Alone it may be a job search, so it corroborates.
    id: 'plan.deadline-for-change',
    construct: 'PLAN',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    distressIsContext: true,
    corroborates: true,
    pattern: phrase(
      `(?:said|told myself|promised myself|decided|swore)(?: that)? if (?:nothing|things|it|life) (?:changed|changes|got better|gets better|improved|improves)(?: by [\\w']+)? i would (?:stop trying|give up|end it|be done|check out|not stick around|call it)`,
    ),
  },
  {
    // Self-injury with an improvised tool, the wound named nearby: "did it in the bathroom at work
    // with a paperclip". A lock, a router or a splinter says what the pin was for.
    id: 'self-harm.improvised-tool',
    construct: 'SELF_HARM',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyNames: /\b(?:scratch\w*|cuts?|cutting|marks|scars?|bleed\w*|blood|wounds?|skin|arms?|wrists?|thighs?)\b/,
    nearbyRulesOut: /\b(?:lock|router|reset|phone|sim|tray|splinter|button|hole|opened|open it|cat|kitten)\b/,
    pattern: phrase(
      `(?:did it|scratched (?:${SELF}|my \\w+)|cut (?:${SELF}|my \\w+)|dug into my \\w+|carved into my \\w+)(?: [\\w']+){0,6}? with (?:a|the|my|some) ` +
        `(?:paper ?clip|safety pin|pin|needle|compass|sharpener blade|pencil sharpener|broken glass|piece of glass|shard of glass|nail file|staple|bobby pin|ring pull)`,
    ),
  },
  {
    // A wish for a fatal illness (passive ideation): "I wish I had cancer so it could be over".
    id: 'passive.wish-for-fatal-illness',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:wish|wished|wishing|hope|hoping|pray|praying) (?:that )?i (?:had|would get|could get|get|got|would catch|could catch|would develop) ` +
        `(?:cancer|a terminal (?:illness|disease|diagnosis)|something terminal|a brain tumou?r|a heart attack|something (?:fatal|that kills me))(?! (?:insurance|screening|checks?|research|awareness))`,
    ),
  },
  {
    // Waiting to die, or for one's body to give out (passive ideation without the word "wish").
    id: 'passive.waiting-to-die',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `waiting (?:for|until) (?:my (?:body|heart|lungs|liver) (?:to )?(?:give out|gives out|to stop|stops|fails|to fail)|i die|death|the end of my life|my life to end)|waiting to die`,
    ),
  },
  {
    // What a whole bottle would do, asked of one's own: "if I took the whole pack of my lithium
    // would it hurt?" (active ideation with a method, C-SSRS). A missed or double dose is ordinary.
    id: 'active.asks-what-a-dose-would-do',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut: /\b(?:by accident|accidentally|double dose|missed (?:a|my) dose|forgot|extra one|dog|cat|toddler|kid|child)\b/,
    pattern: phrase(
      `if i (?:took|take|swallowed|swallow|downed) (?:all (?:of )?(?:my|the)|(?:a|the|my) (?:whole|full|entire) (?:bottle|strip|pack|packet|box|tub) of|\\d{2,}|enough|a handful of) (?:of )?(?:my |the )?(?:[\\w']+ ){0,2}?(?:${PILLS}|${NAMED_DRUGS}|oxy) ` +
        `(?:would|will|could|does|do) (?:it|that|i|they) (?:hurt|be painful|kill me|work|be enough|die|feel anything)`,
    ),
  },
  {
    // How long until unconscious by a method, asked (method research): "how long does it take to
    // pass out if you cut off your air". Freediving, martial arts or first aid say what it is for.
    id: 'active.asks-time-to-unconsciousness',
    construct: 'ACTIVE_IDEATION',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut:
      /\b(?:freediv\w*|swim\w*|apnea|breath[- ]?hold\w*|yoga|choke ?holds?|bjj|jiu[- ]?jitsu|judo|wrestling|first aid|cpr|class|exam|film|movie|show|book|character)\b/,
    pattern: phrase(
      `how long (?:does it take|would it take|will it take|until you|until i|before you|before i) (?:to )?(?:pass out|lose consciousness|black out|go unconscious|die)(?: [\\w']+){0,2}? (?:if|when|from|after|once) (?:you |i |someone )?` +
        `(?:cut off (?:your|my|the) air(?: supply)?|hang|hanging|are hanging|strangl\\w*|(?:use|using|with) (?:a )?(?:belt|rope|plastic bag|bag)|overdose|od|inhale|breathe in|drown)`,
    ),
  },
  {
    // "Sorry for everything" ending its sentence: an apology for a life, said as a goodbye. Alone it
    // is self-blame (LOW, low.self-blame), so it corroborates another farewell or ideation only.
    id: 'goodbye.sorry-for-everything',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    nearbyRulesOut: FAREWELL_REASON,
    pattern: phrase(`(?:i am )?(?:so |really |truly )?sorry for everything(?: i (?:have )?(?:done|put you through|did))?(?= *$)`),
  },
  {
    // "I love you all" ending a post's sentence: a farewell beside an apology for everything; alone a
    // thank-you, so it corroborates only.
    id: 'goodbye.love-you-all',
    construct: 'GOODBYE',
    tier: 'IMMINENT',
    subject: 'CLAUSE_SUBJECT',
    needsRiskContext: true,
    corroborates: true,
    nearbyRulesOut: new RegExp(`${FAREWELL_REASON.source}|\\b(?:thank\\w*|support|grateful|congrat\\w*|proud)\\b`),
    pattern: phrase(`i love you (?:all|guys|both|so much)(?= *$)`),
  },
  {
    // The wish not to be here, or to be erased, with no method: passive ideation.
    id: 'passive.not-be-here',
    construct: 'PASSIVE_IDEATION',
    tier: 'MODERATE',
    subject: 'CLAUSE_SUBJECT',
    nearbyRulesOut: /\b(?:town|city|job|school|house|party|class|country|meeting|office|wedding|family dinner|dinner|queue|line)\b/,
    pattern: phrase(
      `(?:give anything|do anything|would love|would like|just want|want|wish i could) to (?:just )?(?:not be here|not exist|be erased|not be alive)(?: anymore| any more)|(?:just )?be erased(?= *$)`,
    ),
  },
  {
    id: 'low.hospitalised',
    construct: 'HOSPITALISATION',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:psych|psychiatric|mental|behavioral|behavioural) (?:ward|hospital|unit)|inpatient|(?:72|seventy two) hour hold|5150|involuntar(?:y|ily) (?:committed|hold)|(?:was|got|been|being|get) (?:involuntarily )?(?:committed(?= *$| (?:when|after|for|at|again|twice|once|and|because|last)| to (?:a |the )?(?:hospital|ward|psych|psychiatric|mental|institution|facility|unit|inpatient))|sectioned|institutionali[sz]ed|baker acted|put on (?:a )?(?:psych |psychiatric )?hold)|held against my will`,
    ),
  },
  {
    id: 'exposure.someone-else',
    construct: 'SUICIDE_EXPOSURE',
    tier: 'HIGH',
    subject: 'THIRD_PERSON',
    pattern: phrase(
      `(?:kill|killed|kills|killing|hanged|hung|shot|end|ended) (?:himself|herself|themselves|themself|his (?:own )?life|her (?:own )?life|their (?:own )?life)|(?:lost (?:him|her|them) to|lost my \\w+ to) suicide`,
    ),
  },
  {
    id: 'exposure.died-by-suicide',
    construct: 'SUICIDE_EXPOSURE',
    tier: 'LOW',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`(?:committed|died by|death by|succeeded in committing) suicide`),
  },
];

/**
 * Threats to other people (duty-to-warn review). Incitement such as "kys" is abuse, not a threat
 * of violence by the author, so the watched-words phase handles it.
 */
// Words for people, so "kill that exam", "shoot that scene" and "beat that level" are not threats.
const PERSON = `(?:person|people|persons|guy|guys|man|men|woman|women|girl|girls|boy|boys|kid|kids|child|children|lady|ladies|dude|dudes|bitch|bitches|bastard|bastards|asshole|assholes|prick|idiot|idiots|cop|cops|teacher|teachers|nurse|nurses|doctor|doctors|therapist|coworker|coworkers|co-worker|neighbou?rs?|bully|bullies|student|students|classmates?|family|roommate|members?|patients?|customers?|gays?|lesbians?|muslims?|jews?|christians?|immigrants?|refugees?|migrants?|foreigners?|blacks|whites|asians|mexicans|arabs)`;
const VICTIM = `(?:him|her|them|you|everyone|everybody|all of (?:you|them)|all (?:of )?(?:those |these |the )?(?:\\w+ )?${PERSON}|my (?:\\w+ )?(?:boss|dad|father|mom|mother|brother|sister|ex|wife|husband|boyfriend|girlfriend|teacher|coworker|co-worker|neighbou?r|family|roommate|stepdad|stepmom|parents|classmates?)|(?:that|those|these|the next|the|a|an|some|any|every) (?:\\w+ )?${PERSON}|some ?(?:one|body)|people|anyone|them all|you all|\\w+ people)`;

export const THREAT_PATTERNS: readonly CrisisPattern[] = [
  {
    id: 'threat.harm-someone',
    construct: 'THREAT_TO_OTHERS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:going to|will|want to|plan to|planning to|about to|intend to|would love to|am going to|'ll|have to) (?:\\w+ )?(?:kill|murder|shoot|stab|hurt|beat up|beat|strangle|choke|attack|slaughter|bomb|poison|burn|exterminate|execute|gas|lynch|torture|rape|sexually assault|keep (?:attacking|hurting|beating|raping|killing)) ${VICTIM}`,
    ),
  },
  {
    // Violence named by the act rather than a verb of killing: "cut their throats", "make those men suffer".
    id: 'threat.violent-act',
    construct: 'THREAT_TO_OTHERS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      // Said by the author ("I", "we"): "this workout will make you suffer" is not a threat.
      `(?:i|we) (?:am |are |really |just )*(?:going to|will|want to|plan to|planning to|about to|would love to|'ll) (?:\\w+ )?(?:cut (?:his|her|their|your) (?:\\w+ )?throats?|snap (?:his|her|their|your|that) (?:\\w+ )?necks?|make (?:him|her|them|you|(?:those|these|all|every) (?:\\w+ )?${PERSON}) (?:all )?(?:suffer|bleed))`,
    ),
  },
  {
    id: 'threat.should-die',
    construct: 'THREAT_TO_OTHERS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `(?:should|must|need to|deserve to|ought to) (?:all )?(?:be killed|be shot|be hanged|be exterminated|be executed|be gassed|be wiped out|be lynched|be slaughtered|die|be murdered|burn)`,
    ),
  },
  {
    id: 'threat.shoot-up',
    construct: 'THREAT_TO_OTHERS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(
      `shoot up (?:the|my|a|this|our) (?:school|office|work|workplace|place|church|mosque|synagogue|mall|class|campus|clinic)|bring (?:a|my) (?:gun|knife|weapon) to (?:school|work|class|the office|group)`,
    ),
  },
  {
    // Revenge: "I'll make them pay", "make him pay for what he did"; not "make them pay for dinner".
    id: 'threat.revenge',
    construct: 'THREAT_TO_OTHERS',
    tier: 'HIGH',
    subject: 'CLAUSE_SUBJECT',
    pattern: phrase(`make (?:him|her|them|you) (?:all )?pay(?: for (?:what|this|that|it|everything)(?![\\p{L}\\p{N}])|\\s*$)`),
  },
];
