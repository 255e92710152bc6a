import { normaliseText } from './normalise';
import { matchWatchedWords, type WatchedWordEntry } from './watched-words';

const entries: WatchedWordEntry[] = [
  { id: 'w1', term: 'badword', action: 'HOLD' },
  { id: 'w2', term: 'spoiler', action: 'FLAG' },
  { id: 'w3', term: 'grimblethorpe', action: 'HOLD' },
];
const hitsFor = (text: string, list: WatchedWordEntry[] = entries) => matchWatchedWords(normaliseText(text), list).hits;

describe(matchWatchedWords.name, () => {
  describe('admin list', () => {
    it('should hold on a HOLD term', () => {
      expect(hitsFor('that is a badword')).toEqual([expect.objectContaining({ source: 'ADMIN_LIST', ruleId: 'w1', action: 'HOLD' })]);
    });

    it('should flag on a FLAG term', () => {
      expect(hitsFor('major spoiler ahead')).toEqual([expect.objectContaining({ ruleId: 'w2', action: 'FLAG' })]);
    });

    it('should catch a spaced-out term', () => {
      expect(hitsFor('what a b a d w o r d')).toEqual([expect.objectContaining({ ruleId: 'w1', action: 'HOLD' })]);
    });

    it('should catch a leetspeak term', () => {
      expect(hitsFor('b4dw0rd')).toEqual([expect.objectContaining({ ruleId: 'w1', action: 'HOLD' })]);
    });

    it('should catch stretched letters', () => {
      expect(hitsFor('baaaadword')).toEqual([expect.objectContaining({ ruleId: 'w1' })]);
    });

    it('should not match a term inside a longer word', () => {
      expect(hitsFor('the land was despoiled', [{ id: 'x', term: 'spoil', action: 'HOLD' }])).toEqual([]);
    });

    it('should only flag a long term found across word breaks', () => {
      expect(hitsFor('grimble, thorpe', [entries[2]])).toEqual([expect.objectContaining({ ruleId: 'w3', action: 'FLAG' })]);
    });
  });

  describe('slurs and profanity', () => {
    it('should hold a slur aimed at a person', () => {
      expect(hitsFor('you are such a tranny')).toEqual([expect.objectContaining({ source: 'SLUR', action: 'HOLD' })]);
    });

    it('should only flag a slur quoted in counter-speech', () => {
      expect(hitsFor('He wrote "tranny" under my post and that is not ok')).toEqual([expect.objectContaining({ source: 'SLUR', action: 'FLAG' })]);
    });

    it('should only flag a slur that is referred to', () => {
      expect(hitsFor('Calling someone a retard is not OK')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should only flag a word that is also ordinary English', () => {
      expect(hitsFor('The dyke held back the flood')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should hold an insult aimed at a person', () => {
      expect(hitsFor('you stupid bitch')).toEqual([expect.objectContaining({ source: 'DIRECTED_PROFANITY', action: 'HOLD' })]);
    });

    it('should hold fuck you', () => {
      expect(hitsFor('fuck you')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should hold a slur the library does not list', () => {
      expect(hitsFor('You are nothing but a muzzie.', [])).toEqual([expect.objectContaining({ source: 'SLUR', action: 'HOLD' })]);
      expect(hitsFor('Too many wetbacks in this country.', [])).toEqual([expect.objectContaining({ source: 'SLUR', action: 'HOLD' })]);
      expect(hitsFor('you coon', [])).toEqual([expect.objectContaining({ source: 'SLUR', action: 'HOLD' })]);
    });

    it('should not hit an unlisted slur quoted or named in counter-speech', () => {
      expect(hitsFor('He said this was "typical shemale behaviour", which shows how bigoted he is.', [])).toEqual([]);
      expect(hitsFor("It's really not okay to be calling people muzzie.", [])).toEqual([]);
    });

    it('should only flag an unlisted slur that is reclaimed or also an ordinary word', () => {
      expect(hitsFor('We are muzzies and proud of it.', [])).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(hitsFor('A coon got into the bins again.', [])).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not read an unlisted slur inside another word, or queer as a slur', () => {
      expect(hitsFor('Among other things, the spice cupboard is a cocoon of calm.', [])).toEqual([]);
      expect(hitsFor('As a queer person I finally feel at home in this group.', [])).toEqual([]);
      expect(hitsFor("Don't let self-doubt cripple you.", [])).toEqual([]);
      expect(hitsFor('The news said a jihadi group was behind it.', [])).toEqual([]);
    });

    it('should flag an insult word used as a name for a kind of person', () => {
      expect(hitsFor('Typical bitch behaviour.', [])).toEqual([expect.objectContaining({ source: 'DIRECTED_PROFANITY', action: 'FLAG' })]);
      expect(hitsFor('We need to quit acting like a bunch of dickheads.', [])).toEqual([]);
    });

    it('should ignore swearing in self-talk', () => {
      expect(hitsFor('this week was shit and I am fucking exhausted')).toEqual([]);
    });

    it('should ignore disclosure words', () => {
      expect(hitsFor('I was raped when I was younger and I am working on it in therapy')).toEqual([]);
    });
  });

  describe('incitement to self-harm', () => {
    it('should hold kys', () => {
      expect(hitsFor('nobody likes you, kys')).toEqual([expect.objectContaining({ source: 'INCITEMENT_TO_SELF_HARM', action: 'HOLD' })]);
    });

    it('should hold go kill yourself', () => {
      expect(hitsFor('just go kill yourself')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should not hold a plea not to', () => {
      expect(hitsFor("please don't kill yourself, talk to us")).toEqual([]);
    });
  });
  describe('targeted insults (no library word)', () => {
    const insults = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'TARGETED_INSULT' || hit.source === 'DIRECTED_PROFANITY');

    it('should hold a put-down aimed at the reader', () => {
      expect(insults('You are a worthless idiot and everyone here hates you.')).toEqual(
        expect.arrayContaining([expect.objectContaining({ source: 'TARGETED_INSULT', action: 'HOLD' })]),
      );
      expect(insults('you pathetic loser')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(insults('Nobody here likes you.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should see through spelling tricks', () => {
      expect(insults('y0u are a w0rthless 1diot')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(insults('fvck you River')).toEqual([expect.objectContaining({ source: 'DIRECTED_PROFANITY', action: 'HOLD' })]);
    });

    it('should hold insults aimed at "you" in more shapes', () => {
      for (const text of ['What an idiot you are.', 'You look like a pig.', 'Get a life, loser.', 'You absolute muppet.'])
        expect(insults(text)).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      for (const text of ['You are probably stupid.', 'You sound so stupid.', 'Go to hell.'])
        expect(insults(text)).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not hit the same shapes said kindly or of oneself', () => {
      for (const text of [
        'You look like a pro already.',
        'You seem so lost lately, are you ok?',
        'You are probably worth more than you think.',
        'I sound so stupid when I talk in group.',
        'I told him to go to hell.',
      ])
        expect(insults(text)).toEqual([]);
    });

    it('should only flag an adjective alone', () => {
      expect(insults('you are so annoying')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not hit self-talk, care or denials', () => {
      expect(insults('I feel like such an idiot today.')).toEqual([]);
      expect(insults('You are not a failure, and you are not worthless.')).toEqual([]);
      expect(insults('Whoever told you you are worthless was wrong.')).toEqual([]);
      expect(insults('If you think you are a burden or a failure, talk to your therapist.')).toEqual([]);
      expect(insults('Nobody hates you, I promise.')).toEqual([]);
      expect(insults('You joke about it but I can tell it hurts.')).toEqual([]);
    });

    it('should only flag an insult that is quoted or referred to', () => {
      expect(insults('He called me "you worthless idiot" in front of everyone.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });
  });

  describe('insults aimed at a member by name', () => {
    const named = (text: string) => hitsFor(text, []).filter((hit) => hit.ruleId === 'named-insult');

    it('should hold a put-down of a named person', () => {
      expect(named('River is a pathetic loser')).toEqual([expect.objectContaining({ source: 'TARGETED_INSULT', action: 'HOLD' })]);
      expect(named('honestly Sam is such a w0rthless 1diot')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should not hold opinions of things, roles, denials or lower-case words', () => {
      expect(named('Therapy is a joke.')).toEqual([]);
      expect(named('My therapist is an idiot sometimes.')).toEqual([]);
      expect(named('River is not a loser, stop saying that.')).toEqual([]);
      expect(named('the plan is a failure')).toEqual([]);
      expect(named('He called me "Sam is a loser" to my face.')).toEqual([]);
    });
  });

  describe('hate aimed at a group of people', () => {
    const group = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'GROUP_DEROGATION');

    it('should hold dehumanising words and calls for harm', () => {
      expect(group('Women are scum.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(group('Tr4ns people are a plague to society')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(group('I want to kill all Muslims.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(group('Immigrants like you do not deserve to live.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should only flag hostility for a person to read', () => {
      expect(group('I absolutely loathe immigrants.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('Black people are without a doubt the stupidest people around.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group("I really can't stand gay people like you.")).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should flag hatred felt for a group, a group denied equal worth, and profanity thrown at a group', () => {
      for (const text of [
        'I have so much disdain for these immigrants.',
        'These Muslims disgust me so much.',
        'You gay people make me sick.',
        'Clearly women are not our equals.',
        'Of course human rights should not apply to trans people.',
        'Fuck all immigrants.',
        'Disabled people should just fuck off forever.',
        'You are nothing but common female trash.',
        'Muslim lives are worth absolutely nothing.',
      ])
        expect(group(text)).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('Women are human garbage.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should not hit love, equal rights, self-hatred or a name the author was called', () => {
      for (const text of [
        'Black lives matter.',
        'I have so much love for the women in my group.',
        'Human rights should apply to immigrants too.',
        'Women are not our enemies.',
        'Gay people are not worthless and never were.',
        'I feel so much hatred for myself tonight.',
        'Kids at school called my family white trash.',
        'Trans people make me feel safe here.',
        'Fuck all of this, what a week.',
      ])
        expect(group(text)).toEqual([]);
    });

    it('should not hit counter-speech, negation or praise', () => {
      expect(group('You can not seriously believe that "Muslims are lesser beings".')).toEqual([]);
      expect(group('Threatening to kill all women will get you thrown in jail.')).toEqual([]);
      expect(group('Do you not realise how hateful you are being when calling immigrants trash?')).toEqual([]);
      expect(group('We should not let disabled people suffer.')).toEqual([]);
      expect(group('No woman ought to be executed.')).toEqual([]);
      expect(group('Women are not worthless.')).toEqual([]);
      expect(group('Gay people like you are absolute heroes.')).toEqual([]);
      expect(group('I hate that women get paid less.')).toEqual([]);
      expect(group('I hate being a woman some days.')).toEqual([]);
    });
  });

  describe('implicit derogation, stereotypes, rage and profanity at a group', () => {
    const group = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'GROUP_DEROGATION');

    it('should hold a group called by a profane insult', () => {
      expect(group('Immigrants are all complete assholes.')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should flag comparisons with animals or waste, pinned traits and rage, for a person to read', () => {
      for (const text of [
        'Muslims belong in a zoo.',
        'My dog is smarter than any trans person could ever be.',
        'Disabled people should be dumped in a landfill.',
        'Never trust a woman.',
        'I would rather die than date a black person.',
        "It's in gay people's nature to be uncivilised.",
        'Only immigrants are that violent and cruel.',
        'Typical of a woman to be that stupid.',
        'Refugees with any power are a threat to civilisation.',
        'Jews like you make me furious.',
        'I absolutely abhor all Muslims.',
        'There is nothing worse than a trans person.',
        'I find all immigrants disgusting.',
        'All the Muslims in this country are pissing me off so much.',
        'Swarms of refugees are infesting our towns.',
      ])
        expect(group(text)).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not hit pets, objects, a survivor talking about trust, or warm words', () => {
      for (const text of [
        'My dog is smarter than me some days, honestly.',
        'These old clothes belong in a landfill.',
        'I never trust men after what happened to me.',
        'Trans people make me feel safe here.',
        'Women in my group make me so happy.',
        'There is nothing worse than a panic attack on the bus.',
        'Only women were at group today and it was lovely.',
        'Saying "Muslims belong in a zoo" is vile.',
        'I find all the women at group so kind.',
        'Mice are infesting the kitchen again.',
      ])
        expect(group(text)).toEqual([]);
    });
  });

  describe('hate put as a denial', () => {
    const group = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'GROUP_DEROGATION');

    it('should flag a group denied worth, a place or a life, for a person to read', () => {
      for (const text of [
        'Black lives do not matter.',
        'There is no place in this country for any Muslim.',
        'No immigrant can ever be a valuable member of society.',
        'We must not let any trans person live.',
        'Women do not belong on this earth.',
        'Gay people can never be as smart as anyone else.',
      ])
        expect(group(text)).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not hit the same words said in care or against the denial', () => {
      for (const text of [
        'Black lives matter.',
        'We must not let any woman be hurt at group.',
        'Nobody believes women do not belong here.',
        'There is no place for hate in this group.',
      ])
        expect(group(text)).toEqual([]);
    });
  });

  describe('hate said of a group by pronoun', () => {
    const group = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'GROUP_DEROGATION');

    it('should flag hate said of "they" once a group is named, for a person to read', () => {
      for (const text of [
        'I have met many women and I hate every single one of them.',
        "Gay people think they're special. I hate them.",
        "Immigrants are nothing like us and that's why they deserve to die.",
      ])
        expect(group(text)).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('Muslims might look human but they are just parasites.')[0].why).toContain('reading "they" as "muslims"');
    });

    it('should read "they" as a group named after it', () => {
      expect(group('They are all complete assholes. Needless to say they are women.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('Of course they are stupid. They are immigrants after all.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('They are my friends. They are women and they are wonderful.')).toEqual([]);
    });

    it('should take a negated question that asserts as the author speaking', () => {
      expect(group('Is it not obvious that I hate Muslims?')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(group('Do people really not realise that trans people are disgusting?')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
    });

    it('should not hit kind words, denials or posts that name no group', () => {
      for (const text of [
        'The women at group are kind, they are not stupid and they never judge me.',
        'Trans people visited and they made me feel welcome.',
        'My parents think I hate them.',
      ])
        expect(group(text)).toEqual([]);
    });
  });

  describe("a client's self-talk", () => {
    it("should not hit distress said of oneself or of one's own group", () => {
      for (const text of [
        'I am worthless and I hate myself.',
        'I feel like a burden, everyone would be better off without me.',
        'Gay people like me should just die, that is what my head tells me.',
        'I am trans and honestly I hate them, my parents.',
        'My dog is smarter than me.',
      ])
        expect(hitsFor(text, [])).toEqual([]);
    });
  });

  describe('calls for violence (normative threats)', () => {
    const calls = (text: string) => hitsFor(text, []).filter((hit) => hit.source === 'CALL_FOR_VIOLENCE');

    it('should hold violence wished on a group or made normal', () => {
      for (const text of [
        'Somebody should just stab those women.',
        'I wish all immigrants would be shot in the street.',
        'We would be better off if those Muslims were eradicated.',
        'Gay people should be burned at the stake.',
        'Murdering a trans person like you should be decriminalised.',
        'Execution is the only solution for those refugees.',
        'The world would be better off without disabled people like you.',
        "I'd love to see those Jews suffer.",
      ])
        expect(calls(text)).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should only flag violence wished on one person, for a person to read', () => {
      expect(calls('Someone should shoot him.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(calls('I wish you were dead.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(calls('You deserve to suffer.')).toEqual([expect.objectContaining({ action: 'FLAG' })]);
      expect(calls('You do not deserve to suffer like this.')).toEqual([]);
    });

    it('should let a group rule later in the post hold what a call at one person only flagged', () => {
      expect(hitsFor('Someone should shoot him. Immigrants are vermin.', [])).toEqual([
        expect.objectContaining({ source: 'GROUP_DEROGATION', action: 'HOLD' }),
      ]);
    });

    it('should hold violence put as a question', () => {
      expect(calls('What if we just killed all immigrants?')).toEqual([expect.objectContaining({ action: 'HOLD' })]);
      expect(calls("How about we cut these trans people's throats?")).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });

    it('should not hit negation, counter-speech, figures of speech or the author in crisis', () => {
      for (const text of [
        'No women deserve to die.',
        'Nobody should shoot those immigrants.',
        'Saying "gay people should be burned at the stake" is disgusting.',
        'Confront the sadness and murder it, or it will murder you.',
        'I am going to kill them with kindness.',
        'I want to shoot him a text before group.',
        'I wish I was dead.',
        'I am better off without him.',
      ])
        expect(calls(text)).toEqual([]);
    });
  });

  describe('spelling tricks', () => {
    it('should flag abuse hidden by a dropped, swapped or glued letter, for a person to read', () => {
      expect(hitsFor('Womn are scum.', [])).toEqual([expect.objectContaining({ source: 'GROUP_DEROGATION', action: 'FLAG' })]);
      expect(hitsFor('I haet immigrants.', [])).toEqual([expect.objectContaining({ source: 'GROUP_DEROGATION', action: 'FLAG' })]);
      expect(hitsFor('Ihate Muslims', [])).toEqual([expect.objectContaining({ source: 'GROUP_DEROGATION', action: 'FLAG' })]);
      expect(hitsFor('you are a wortless idoit', [])).toEqual([expect.objectContaining({ source: 'TARGETED_INSULT', action: 'FLAG' })]);
    });

    it('should say which spelling it read, so the moderator can judge the guess', () => {
      expect(hitsFor('I haet immigrants.', [])[0].why).toContain('"haet" as "hate"');
    });

    it('should not flag the real words the repair sits next to', () => {
      expect(hitsFor('You lose some, you win some.', [])).toEqual([]);
      expect(hitsFor('I was back at group today and the black dog was quieter.', [])).toEqual([]);
      expect(hitsFor('They treat women with respect there.', [])).toEqual([]);
      expect(hitsFor('Muslims and Christians sat together at the vigil.', [])).toEqual([]);
    });

    it('should keep a hold that the written spelling earns', () => {
      expect(hitsFor('Women are scum.', [])).toEqual([expect.objectContaining({ action: 'HOLD' })]);
    });
  });
});
