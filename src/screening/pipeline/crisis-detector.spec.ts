import { detectCrisis, isAtLeast } from './crisis-detector';
import { normaliseText } from './normalise';

const assess = (text: string) => detectCrisis(normaliseText(text));
const levelOf = (text: string) => assess(text).level;

describe(detectCrisis.name, () => {
  describe('tiers', () => {
    it('should find nothing in an ordinary honest post', () => {
      expect(levelOf("I've been so depressed lately and group helped a bit today")).toBe('NONE');
    });

    it('should not treat talk about suicide statistics as risk', () => {
      expect(levelOf('Suicide rates in my town went up again, we should talk about prevention')).toBe('NONE');
    });

    it('should rate hopelessness as LOW', () => {
      expect(levelOf('Honestly everything feels hopeless.')).toBe('LOW');
    });

    it('should rate feeling like a burden as LOW', () => {
      expect(levelOf('I feel like such a burden on my sister.')).toBe('LOW');
    });

    it('should rate "can not take any more" as LOW, with or without an "it"', () => {
      expect(levelOf("I can't take anymore")).toBe('LOW');
      expect(levelOf('i cant take it anymore')).toBe('LOW');
      expect(levelOf("I can't take any more cake, thank you")).toBe('NONE');
    });

    it('should rate feeling trapped as LOW', () => {
      expect(levelOf('I am trapped in this job with no way out.')).toBe('LOW');
    });

    it('should rate worthlessness as LOW', () => {
      expect(levelOf('I hate myself for how I acted.')).toBe('LOW');
    });

    it('should rate a wish not to be here as MODERATE', () => {
      expect(levelOf("Some days I just wish I wasn't here.")).toBe('MODERATE');
    });

    it('should rate better off dead as MODERATE', () => {
      expect(levelOf('Everything is a mess, I would be better off dead.')).toBe('MODERATE');
    });

    it('should rate not wanting to wake up as MODERATE', () => {
      expect(levelOf("I go to bed hoping I don't wake up")).toBe('MODERATE');
    });

    it('should rate wanting to kill myself as HIGH', () => {
      expect(levelOf('I want to kill myself.')).toBe('HIGH');
    });

    it('should rate kms as HIGH', () => {
      expect(levelOf('ugh kms')).toBe('HIGH');
    });

    it('should rate going to end it as HIGH', () => {
      expect(levelOf("I'm going to end it.")).toBe('HIGH');
    });

    it('should rate a date set for the act as IMMINENT, not a relationship or a meeting ended', () => {
      expect(levelOf("I've decided. I'm going to end it on my birthday next week.")).toBe('IMMINENT');
      expect(levelOf('I am going to kill myself on Friday.')).toBe('IMMINENT');
      expect(levelOf('I plan to kill myself next week.')).toBe('IMMINENT');
      expect(levelOf("I'm going to end it with him next week.")).toBe('NONE');
      expect(levelOf("We're going to end it on a high note.")).toBe('NONE');
    });

    it('should read "I am going to do it" as the act only beside risk, not as homework or a hard phone call', () => {
      expect(levelOf("I can't keep living like this. I'm going to do it.")).toBe('HIGH');
      expect(levelOf("I can't take anymore. If I want to do it I should do it.")).toBe('HIGH');
      expect(levelOf('Want to die. Going to do it on Saturday.')).toBe('IMMINENT');
      expect(levelOf("I've been nervous about the job interview, but I'm going to do it!")).toBe('NONE');
      expect(levelOf("Exposure homework: call the dentist. I'm going to do it today.")).toBe('NONE');
      expect(levelOf("I'm scared to tell my mom, but I'm going to do it this weekend.")).toBe('NONE');
    });

    it('should rate looking up ways to die as HIGH, and looking up how to bake bread or ways to relax as nothing', () => {
      expect(levelOf("Is it normal to google ways to die when you're sad? I've been doing it every night.")).toBe('HIGH');
      expect(levelOf('I have been researching painless ways to kill myself.')).toBe('HIGH');
      expect(levelOf('I keep searching for ways to end it all.')).toBe('HIGH');
      expect(levelOf("I've been googling how to bake bread.")).toBe('NONE');
      expect(levelOf('I was looking up ways to relax before exams.')).toBe('NONE');
      expect(levelOf('I researched methods of coping with panic, and breathing helps.')).toBe('NONE');
    });

    it('should rate a wish to die with a method in mind ("I know how") as HIGH, and knowing how to cook as nothing', () => {
      expect(levelOf('I just want to opt out. Permanently. I keep thinking about how.')).toBe('HIGH');
      expect(levelOf('I need to make it stop for good and I think I know how.')).toBe('HIGH');
      expect(levelOf('I finally know how to make my grandmother’s soup.')).toBe('NONE');
      expect(levelOf('I keep thinking about how kind everyone was at group.')).toBe('NONE');
      expect(levelOf('Group taught me a breathing trick and now I know how.')).toBe('NONE');
    });

    it('should rate "finish what I started" after an attempt as HIGH, and a degree as nothing', () => {
      expect(levelOf('I tried to overdose two years ago and survived. This week the same feeling is back and I want to finish what I started.')).toBe('HIGH');
      expect(levelOf('I dropped out of college but I want to finish what I started.')).toBe('NONE');
    });

    it('should rate "I have everything I need" beside a wish not to survive as HIGH, and a packed bag as nothing', () => {
      expect(levelOf('i dont think ill make it through tonight. i have everything i need')).toBe('HIGH');
      expect(levelOf('Packed for the retreat, I have everything I need.')).toBe('NONE');
    });

    it('should rate recent self-harm as HIGH', () => {
      expect(levelOf('I cut myself again last night.')).toBe('HIGH');
    });

    it('should rate an urge to cut as HIGH', () => {
      expect(levelOf('The urge to cut is so strong right now')).toBe('HIGH');
    });

    it('should rate stockpiled pills as IMMINENT', () => {
      expect(levelOf("I've saved up 60 pills in a drawer")).toBe('IMMINENT');
    });

    it('should rate a goodbye as IMMINENT', () => {
      expect(levelOf('This is my goodbye, thank you all.')).toBe('IMMINENT');
    });

    it('should rate being at the bridge as IMMINENT', () => {
      expect(levelOf("I'm at the bridge now.")).toBe('IMMINENT');
    });

    it('should rate a time with ideation as IMMINENT', () => {
      expect(levelOf("I can't do this anymore. I want to die. Tonight's the night.")).toBe('IMMINENT');
    });

    it('should rate active ideation with a named means as IMMINENT', () => {
      expect(levelOf('I want to kill myself and there is a rope in the garage')).toBe('IMMINENT');
    });
  });

  describe('whose risk it is', () => {
    it('should give at most LOW for a friend who tried to kill herself', () => {
      expect(levelOf('My friend tried to kill herself last week and I am scared.')).toBe('LOW');
    });

    it("should mark a friend's attempt as other-person evidence", () => {
      expect(assess('My friend tried to kill herself.').evidence[0]?.discount).toBe('OTHER_PERSON');
    });

    it('should not count a plea to someone else', () => {
      expect(levelOf("Please don't hurt yourself, we are here for you.")).toBe('NONE');
    });

    it('should not count a question to someone else', () => {
      expect(levelOf('Do you want to die or do you want the pain to stop?')).toBe('NONE');
    });

    it("should not count a professional's clients' attempts as the author's exposure to suicide", () => {
      const sut = assess('I work as a crisis counselor, and my clients have often tried to kill themselves more than once.');
      expect(sut.level).toBe('NONE');
      expect(sut.contributions).toEqual([]);
    });

    it("should still count a friend's attempt as exposure when no helper frame is there", () => {
      expect(levelOf('My friends have often tried to kill themselves more than once.')).toBe('LOW');
    });

    it('should count a helper who names their own plan or wish in the same post', () => {
      expect(levelOf('My therapist says suicidal thoughts are common, but I have a plan now.')).toMatch(/HIGH|IMMINENT/);
      expect(levelOf('As a nurse I see patients who overdose, and I want to die too.')).toBe('MODERATE');
    });

    it("should not treat kys as the author's own crisis", () => {
      expect(levelOf('kys loser')).toBe('NONE');
    });
  });

  describe('negation', () => {
    it('should not count a denial', () => {
      expect(levelOf("I'm not suicidal, just tired of work")).toBe('NONE');
    });

    it('should not count never', () => {
      expect(levelOf('I would never kill myself, my kids need me.')).toBe('NONE');
    });

    it('should keep negation inside its clause', () => {
      expect(levelOf("I'm not okay, I want to die")).toBe('MODERATE');
    });

    it('should record negated evidence with its discount', () => {
      expect(assess('I would never kill myself').evidence).toEqual([
        expect.objectContaining({ patternId: 'active.kill-myself', discount: 'NEGATED', effectiveTier: 'NONE' }),
      ]);
    });

    it('should read "did not kill myself" as a near-attempt, not a denial', () => {
      expect(isAtLeast(levelOf('The only reason I did not kill myself was my dog.'), 'MODERATE')).toBe(true);
    });

    it('should read a deterrent for an act still considered as ideation ("the only reason I have not")', () => {
      expect(levelOf('The only reason I have not killed myself is my mom.')).toBe('MODERATE');
      expect(levelOf('My cat is the only thing that stops me from killing myself.')).not.toBe('NONE');
    });

    it('should keep a plain denial a denial', () => {
      expect(levelOf('I have not killed myself and I never would.')).toBe('NONE');
      expect(levelOf('The only reason I have not called is work.')).toBe('NONE');
    });

    it('should read trying not to kill myself as ideation', () => {
      expect(levelOf("I'm trying so hard not to kill myself")).toBe('MODERATE');
    });
  });

  describe('past and present', () => {
    it("should count an overdose of the author's own as past behaviour", () => {
      expect(isAtLeast(levelOf('I was in the hospital after my overdose.'), 'MODERATE')).toBe(true);
      expect(isAtLeast(levelOf('My last overdose was two years ago.'), 'MODERATE')).toBe(true);
    });

    it('should not read an overdose of something ordinary as one', () => {
      expect(levelOf('My overdose of coffee this morning made me jittery.')).toBe('NONE');
    });

    it('should rate past self-harm with recovery as LOW', () => {
      expect(levelOf('I used to cut myself, two years clean now.')).toBe('LOW');
    });

    it('should mark past self-harm as past', () => {
      expect(assess('I used to cut myself').evidence[0]?.discount).toBe('PAST');
    });

    it('should count a past attempt as MODERATE', () => {
      expect(levelOf('I attempted suicide when I was 19 and got help.')).toBe('MODERATE');
    });

    it('should rate a past attempt with current ideation as HIGH', () => {
      expect(levelOf('I tried to kill myself years ago. Lately I wish I was dead.')).toBe('HIGH');
    });

    it('should rate an attempt without a time as HIGH', () => {
      expect(levelOf('I tried to overdose.')).toBe('HIGH');
    });

    it('should read "have not tried since" as a past attempt, not a denial', () => {
      const assessment = assess('I have not tried to kill myself since March 2013. I still have suicidal thoughts.');
      expect(assessment.evidence.find((item) => item.construct === 'ATTEMPT')?.discount).toBe('PAST');
      expect(assessment.level).toBe('HIGH');
    });

    it('should keep "have not" without a time a denial', () => {
      expect(levelOf('I have not tried to kill myself and I will not.')).toBe('NONE');
    });

    it('should read a past psychiatric admission with current hopelessness as MODERATE', () => {
      expect(levelOf('I was committed when I was 16. Right now everything feels hopeless.')).toBe('MODERATE');
    });

    it('should leave a past admission alone as history below MODERATE', () => {
      expect(levelOf('I was committed when I was 16 and I am doing well now.')).toBe('NONE');
    });

    it('should not read commitment to a plan as a psychiatric admission', () => {
      expect(assess('I was committed to the project and I feel so alone.').evidence.map((item) => item.construct)).not.toContain('HOSPITALISATION');
    });
  });

  describe('passive ideation in other words', () => {
    it('should rate wanting this pain to stop for good as MODERATE; not pain a physio says will stop for good', () => {
      expect(levelOf('I want this pain to stop for good.')).toBe('MODERATE');
      expect(levelOf('I just want this pain to end permanently.')).toBe('MODERATE');
      expect(levelOf('My physio says the pain should stop for good after the surgery.')).toBe('NONE');
      expect(levelOf('I do not want the pain to stop permanently, I just need a rest day.')).toBe('NONE');
    });

    it.each([
      'I do not know what I will do tomorrow, if there is a tomorrow.',
      'The only thing stopping me is my dog.',
      'I keep reminding myself how much it would destroy my mom if I gave in.',
      'I am looking for a reason to keep living.',
    ])('should rate "%s" as MODERATE', (text) => {
      expect(levelOf(text)).toBe('MODERATE');
    });

    it.each(['I wish it would all just end.', 'I feel like dying most days.', 'I see no reason to keep myself alive.', 'Honestly, I am not safe.'])(
      'should rate "%s" (Suicide Risk Lexicon wording) as MODERATE',
      (text) => {
        expect(levelOf(text)).toBe('MODERATE');
      },
    );

    it.each([
      'Some nights I think I will blow my brains out.',
      'I am going to drink myself to death.',
      'I want to drive my car into a tree.',
      'I mutilated my face again last night.',
    ])('should rate "%s" as HIGH or above', (text) => {
      expect(isAtLeast(levelOf(text), 'HIGH')).toBe(true);
    });

    it.each([
      'I drove my car into a tree last winter on black ice and walked away fine.',
      'I am not safe driving in snow, so I take the bus.',
      'I wish the meeting would end already.',
    ])('should not rate "%s" as HIGH', (text) => {
      expect(isAtLeast(levelOf(text), 'HIGH')).toBe(false);
    });

    it.each([
      'The only thing stopping me from going to the gym is the rain.',
      'If I make it to the party I will bring snacks.',
      'I need a reason to keep going to that class.',
    ])('should not rate "%s" as MODERATE', (text) => {
      expect(isAtLeast(levelOf(text), 'MODERATE')).toBe(false);
    });

    it('should add up defeat and entrapment to MODERATE', () => {
      expect(levelOf('I am trapped in my memories. This is something I can not overcome.')).toBe('MODERATE');
    });
  });

  describe('obfuscation and slang', () => {
    it.each(['I want to unalive myself', 'thinking about sewerslide', 'su1c1dal again', 'k!ll mys3lf', 'i want to k i l l  m y s e l f'])(
      'should see through "%s"',
      (text) => {
        expect(isAtLeast(levelOf(text), 'MODERATE')).toBe(true);
      },
    );

    it('should not read a distance as kms', () => {
      expect(levelOf('I walked 10 kms today!')).toBe('NONE');
    });
  });

  describe('means', () => {
    it('should report a named means with passive ideation', () => {
      const result = assess('I wish I was dead. I keep looking at the bottle of pills, 30 pills would do.');
      expect(result.namesMethodOrMeans).toBe(true);
    });

    it('should not count means talk without ideation', () => {
      const result = assess('I take my 2 pills every morning and we crossed the bridge on our walk');
      expect(result).toEqual(expect.objectContaining({ level: 'NONE', namesMethodOrMeans: false }));
    });

    it("should count saving one's own supply when the sentence names doses or pills, a professional or not", () => {
      expect(levelOf('As a nurse I know the doses, and I have been saving mine.')).toBe('HIGH');
      expect(levelOf('I have been hoarding my own, the pills they gave me at discharge.')).toBe('HIGH');
    });

    it('should not count saving with no pills in the sentence, or someone else saving', () => {
      expect(levelOf('I have been saving mine for a new bike.')).toBe('NONE');
      expect(levelOf('The doses changed in spring. I have been saving mine for a new bike.')).toBe('NONE');
      expect(levelOf('My sister knows the doses and has been saving hers.')).toBe('NONE');
    });
  });

  describe('evidence', () => {
    it('should give the phrase, tier and construct of a match', () => {
      expect(assess('i just want to die').evidence[0]).toEqual(
        expect.objectContaining({ construct: 'PASSIVE_IDEATION', tier: 'MODERATE', phrase: 'i just want to die', discount: null }),
      );
    });
  });

  describe('threats to others', () => {
    it('should detect a threat to hurt someone', () => {
      expect(assess("I'm going to hurt him when he gets home").threatToOthers).toBe(true);
    });

    it('should detect a threat to kill them all', () => {
      expect(assess('I will kill them all').threatToOthers).toBe(true);
    });

    it('should record the threat evidence', () => {
      expect(assess('I will kill them all').threatEvidence[0]).toEqual(expect.objectContaining({ construct: 'THREAT_TO_OTHERS', discount: null }));
    });

    it('should detect a threat to a person named by what they are, or by the violent act', () => {
      for (const text of [
        "I'm going to stab a woman tomorrow.",
        'I am going to shoot the next guy who looks at me.',
        'I will cut their throats.',
        'I am going to make those men suffer.',
        'I am going to rape her',
        "I'll have to rape a woman today",
        'We will keep attacking you women until you are gone',
      ])
        expect(assess(text).threatToOthers).toBe(true);
    });

    it('should not read a thing "killed" or "shot" as a person threatened', () => {
      for (const text of [
        "I'm going to kill that exam tomorrow!",
        "We're going to shoot that scene again.",
        'going to beat that level finally',
        'I will kill those weeds this weekend',
        "I'm going to kill that song at karaoke",
        'This workout will make you suffer lol',
      ])
        expect(assess(text).threatToOthers).toBe(false);
    });

    it('should detect harm aimed at "the" person and revenge', () => {
      for (const text of [
        'I want to hurt the guy who did this to me. I know where he lives.',
        "I'm going to make him pay for what he did.",
        'I will make them all pay',
      ])
        expect(assess(text).threatToOthers).toBe(true);
    });

    it('should not read paying for something as revenge', () => {
      for (const text of ["I'm going to make them pay for dinner", 'My mom said she would make them pay']) expect(assess(text).threatToOthers).toBe(false);
    });

    it('should count a threat laughed off in the same breath as said in jest, for a peer to read', () => {
      for (const text of ['I want to kill my boss lol', "I'm gonna kill my brother 😂", 'I could strangle my roommate, I will kill him. hahaha']) {
        const sut = assess(text);
        expect(sut.threatToOthers).toBe(false);
        expect(sut.threatEvidence).toEqual([expect.objectContaining({ construct: 'THREAT_TO_OTHERS', discount: 'HYPOTHETICAL' })]);
      }
    });

    it('should not let a joke marker elsewhere, or any joke about a school shooting, take a threat back', () => {
      for (const text of [
        'lol. I want to kill him, he knows what he did.',
        "I'm going to shoot up the school lol",
        'I will kill them all. I mean it. Not joking about that lol',
        "I'm going to hurt him, not joking",
        'I will kill him. This is no joke.',
      ])
        expect(assess(text).threatToOthers).toBe(true);
    });

    it('should not count a negated threat', () => {
      expect(assess('I would never hurt him').threatToOthers).toBe(false);
    });

    it('should not count a quoted threat', () => {
      expect(assess('If you say "I want to kill all of them", you need help').threatToOthers).toBe(false);
    });

    it('should not count someone else threatening', () => {
      expect(assess('My brother said he is going to hurt me').threatToOthers).toBe(false);
      expect(assess('he said he would rape me and I still have nightmares').threatToOthers).toBe(false);
    });

    it('should not confuse self-directed ideation with a threat', () => {
      expect(assess('I should just die').threatToOthers).toBe(false);
    });
  });
  describe('cumulative evidence', () => {
    it('should reach MODERATE when two different distress constructs come from the author', () => {
      const result = assess('Everything feels hopeless. I am so alone, nobody even texts me back.');
      expect(result.level).toBe('MODERATE');
      expect(result.score).toBeGreaterThanOrEqual(2);
      expect(result.evidence.some((item) => item.patternId === 'rule.cumulative-risk')).toBe(true);
    });

    it('should count one construct once, however often it is repeated', () => {
      const result = assess('I feel hopeless. Honestly hopeless. Just hopeless about all of it.');
      expect(result.level).toBe('LOW');
      expect(result.score).toBe(1);
    });

    it('should say which phrase, construct and points each contribution brought', () => {
      const result = assess('I am a burden to my parents and I feel stuck in this life.');
      expect(result.contributions.map((c) => c.construct).sort()).toEqual(['BURDENSOMENESS', 'ENTRAPMENT']);
      for (const contribution of result.contributions) {
        expect(contribution.phrase.length).toBeGreaterThan(0);
        expect(contribution.points).toBe(1);
        expect(contribution.tier).toBe('LOW');
      }
      const rule = result.evidence.find((item) => item.patternId === 'rule.cumulative-risk');
      expect(rule?.phrase).toContain('burdensomeness +1');
    });

    it('should treat a past attempt as a risk factor worth reaching out about', () => {
      const result = assess('I attempted when I was 19 and I still think about that night.');
      expect(result.level).toBe('MODERATE');
      expect(result.contributions.find((c) => c.construct === 'HISTORY')?.points).toBe(2);
    });

    it('should not let history alone other than an attempt pass MODERATE', () => {
      expect(levelOf('I used to self harm in high school, three years clean now.')).toBe('LOW');
    });

    it("should reach MODERATE on talk of the author's own death", () => {
      expect(levelOf('Maybe when I am gone my brother will finally get the attention he needs.')).toBe('MODERATE');
      expect(levelOf("Honestly I'd rather be dead than go back to that house.")).toBe('MODERATE');
    });

    it("should reach MODERATE on euphemisms for ending one's life", () => {
      expect(levelOf('Thinking it might be time to check out early.')).toBe('MODERATE');
      expect(levelOf('The dog is the only thing keeping me alive these days.')).toBe('MODERATE');
    });

    it('should reach MODERATE when the author is exhausted with life and alone', () => {
      expect(levelOf("I'm so tired of fighting. I have no friends left.")).toBe('MODERATE');
    });

    it("should count someone else's suicide as exposure, with the author's own distress", () => {
      const result = assess('My cousin killed himself in March. Since then I feel empty.');
      expect(result.level).toBe('MODERATE');
      expect(result.contributions.map((c) => c.construct)).toContain('SUICIDE_EXPOSURE');
    });

    it('should make explicit ideation with a past attempt HIGH', () => {
      const result = assess('I want to die again. I tried to overdose two years ago.');
      expect(result.level).toBe('HIGH');
      expect(result.evidence.some((item) => item.patternId === 'rule.attempt-history-with-current-ideation')).toBe(true);
    });

    it('should make ideation with a means mention HIGH, and name the means', () => {
      const result = assess('I want to die. I keep thinking about the gun in my closet.');
      expect(isAtLeast(result.level, 'HIGH')).toBe(true);
      expect(result.namesMethodOrMeans).toBe(true);
    });

    it('should count a deadline only when the post carries risk around it', () => {
      expect(levelOf('I have given myself until Friday to finish the essay.')).toBe('NONE');
      expect(isAtLeast(levelOf('I am done. Nothing can change. I have given myself until Friday.'), 'HIGH')).toBe(true);
    });

    it('should rate a last-day goodbye IMMINENT', () => {
      expect(levelOf('Found a quiet spot where I am going to spend my last day.')).toBe('IMMINENT');
    });

    it.each([
      'Suicide prevention week at school starts Monday, we are making posters.',
      'This homework is killing me.',
      "I'm not suicidal, just tired of this job.",
      'Please do not give up, you are not a burden and you are not alone.',
      'If you feel hopeless, reach out to your group tonight.',
      "My friend said her parents don't want to live with her anymore.",
      'I finished the marathon and I am done!',
      'My therapist and I made a safety plan together last year, it helps.',
    ])('should keep an ordinary hard negative below MODERATE: %s', (text) => {
      expect(isAtLeast(levelOf(text), 'MODERATE')).toBe(false);
    });

    it.each([
      'Suicide prevention week at school starts Monday, we are making posters.',
      'This homework is killing me.',
      "I'm not suicidal, just tired of this job.",
    ])('should find nothing at all in: %s', (text) => {
      expect(levelOf(text)).toBe('NONE');
      expect(assess(text).score).toBe(0);
    });
  });

  describe('C-SSRS wording the older patterns missed', () => {
    it('should rate wishing to sleep and never wake up as MODERATE', () => {
      expect(levelOf('I wish I could go to sleep and never wake up.')).toBe('MODERATE');
      expect(levelOf('I just want to fall asleep and not wake up')).toBe('MODERATE');
    });

    it('should not rate an ordinary night of sleep', () => {
      expect(levelOf('I want to go to sleep early and wake up rested.')).toBe('NONE');
    });

    it('should rate wanting to opt out of life as MODERATE, not opting out of emails', () => {
      expect(levelOf('Honestly I just want to opt out.')).toBe('MODERATE');
      expect(levelOf('I want to opt out of the group emails.')).toBe('NONE');
    });

    it('should rate preparation for one own death as IMMINENT', () => {
      expect(levelOf('I ordered the materials for my suicide.')).toBe('IMMINENT');
    });

    it('should not rate preparation said of someone else or of something else', () => {
      expect(levelOf('I picked up my prescription for my anxiety.')).toBe('NONE');
      expect(levelOf('She bought the supplies for her party.')).toBe('NONE');
    });

    it('should rate staring at the means at hand as at least MODERATE', () => {
      expect(isAtLeast(levelOf('I need to stop staring at these pill bottles.'), 'MODERATE')).toBe(true);
      expect(isAtLeast(levelOf('I keep looking at the rope in my closet.'), 'MODERATE')).toBe(true);
    });

    it('should not rate looking at a gun show or a pill bottle label as risk', () => {
      expect(isAtLeast(levelOf('I was looking at the gun show listings with my dad.'), 'MODERATE')).toBe(false);
    });

    it('should rate a stomach pumped as an attempt, the author own', () => {
      expect(levelOf('They pumped my stomach.')).toBe('HIGH');
      expect(levelOf('Last year they pumped my stomach.')).toBe('MODERATE');
      expect(levelOf('They had to pump his stomach at the party.')).not.toBe('HIGH');
    });
  });

  describe('first-person behaviour, means and passive ideation (third run, issue #15)', () => {
    it('should rate "do myself in" with intent or purpose as HIGH, not exhaustion at the gym', () => {
      expect(levelOf("I'm going to do myself in.")).toBe('HIGH');
      expect(levelOf('I was pricing a tank of gas to do myself in with.')).toBe('HIGH');
      expect(levelOf('I really did myself in at the gym today.')).toBe('NONE');
    });

    it('should rate looking up the dose that would kill as HIGH, not a dosing question', () => {
      expect(levelOf("I've been looking up how many pills it would take.")).toBe('HIGH');
      expect(levelOf('I googled the lethal dose of my meds.')).toBe('HIGH');
      expect(levelOf('I looked up how many pills I should take for my cold.')).toBe('NONE');
    });

    it('should rate scratching until it bleeds as self-harm, not a scraped knee', () => {
      expect(levelOf("I've been scratching my arms until they bleed.")).toBe('HIGH');
      expect(levelOf('I fell off my bike and my knee bled a lot.')).toBe('NONE');
    });

    it('should rate going to sleep forever and praying not to wake up as MODERATE', () => {
      expect(levelOf('I wish I could just go to sleep forever.')).toBe('MODERATE');
      expect(levelOf("I pray every night that I don't wake up.")).toBe('MODERATE');
      expect(levelOf('I could sleep forever after that shift, lol.')).toBe('NONE');
    });

    it('should rate a wish to die by accident as MODERATE, not a hope about the weather', () => {
      expect(levelOf('Sometimes I hope I get hit by a car on the way to work.')).toBe('MODERATE');
      expect(levelOf('I pray something kills me in my sleep.')).toBe('MODERATE');
      expect(levelOf('I hope I get a car for my birthday.')).toBe('NONE');
      expect(levelOf('I hope she does not get hit by a car, she never looks.')).not.toBe('MODERATE');
    });

    it('should rate doubt of being alive at a date as MODERATE, not doubt about a party', () => {
      expect(levelOf("I don't think I'll make it to my birthday.")).toBe('MODERATE');
      expect(levelOf("Honestly I doubt I'll be here much longer.")).toBe('MODERATE');
      expect(levelOf("I don't think I'll make it to the party on time.")).toBe('NONE');
    });

    it('should rate not wanting to keep on going and no point in living as MODERATE', () => {
      expect(levelOf("I don't want to keep on going.")).toBe('MODERATE');
      expect(levelOf("I don't see the point in living anymore.")).toBe('MODERATE');
      expect(levelOf("There's no reason for me to keep going.")).toBe('MODERATE');
      expect(levelOf("I don't see the point in this meeting.")).toBe('NONE');
    });

    it("should count everyone being better off if the author were gone as the author's own", () => {
      expect(levelOf('I keep thinking everyone would be better off if I was gone.')).toBe('MODERATE');
      expect(levelOf('Everyone would be happier if I were dead.')).toBe('MODERATE');
      expect(levelOf('No one would be better off if I was gone, my therapist says.')).not.toBe('MODERATE');
    });

    it('should rate knowing where a gun is kept as MODERATE and naming means, not knowing where the keys are', () => {
      const sut = assess('I know where my dad keeps his gun.');
      expect(sut.level).toBe('MODERATE');
      expect(sut.namesMethodOrMeans).toBe(true);
      expect(levelOf('I know where my dad keeps the spare keys.')).toBe('NONE');
    });

    it('should rate a gun within reach as MODERATE and naming means, not a gun in a game', () => {
      const sut = assess('I have my gun in my lap right now.');
      expect(sut.level).toBe('MODERATE');
      expect(sut.namesMethodOrMeans).toBe(true);
      expect(levelOf('The gun in the game sits next to the map.')).toBe('NONE');
      expect(levelOf('My brother has his gun in his hand at the range.')).not.toBe('MODERATE');
    });

    it('should rate sitting in the car with the engine running in the garage as IMMINENT, not a safety tip', () => {
      expect(levelOf("I'm sitting in my car with the engine running in the garage.")).toBe('IMMINENT');
      expect(levelOf('Never leave the engine running in the garage, the fumes are dangerous.')).not.toBe('IMMINENT');
      expect(levelOf('Sat in the car in the garage with the engine on for a bit last night.')).toBe('IMMINENT');
      expect(levelOf('We sat in the car in the garage with the radio on, waiting out the storm.')).toBe('NONE');
    });

    it('should count a past attempt told with its time, and the thoughts coming back beside it', () => {
      expect(levelOf('I attempted two years ago and lately the thoughts are back.')).toBe('HIGH');
      expect(levelOf('I attempted a few years ago.')).toBe('MODERATE');
      expect(levelOf('I attempted to call my mom two years ago.')).toBe('NONE');
    });

    it('should not count the thoughts coming back with no other risk in the post', () => {
      expect(levelOf('The thoughts are back about my ex, ugh.')).toBe('NONE');
    });

    it('should count a deadline given oneself beside distress, not beside nothing', () => {
      expect(levelOf("Everything feels hopeless. I've given myself until Christmas.")).toBe('HIGH');
      expect(levelOf("I've given myself until Friday to finish the essay.")).toBe('NONE');
    });

    it('should add up being a lost cause and not made for this world to MODERATE', () => {
      expect(levelOf("I'm a lost cause and I'm not made for this world.")).toBe('MODERATE');
      expect(levelOf('That printer is a lost cause.')).toBe('NONE');
    });
  });

  describe('explicit near-acts, means at hand, plans and goodbyes (fourth run)', () => {
    it('should rate an aborted jump from a lethal place as HIGH, not a startle', () => {
      expect(levelOf('I nearly jumped off the bridge last week.')).toBe('HIGH');
      expect(levelOf('Someone pulled me back from the ledge last night.')).toBe('HIGH');
      expect(levelOf('I almost went through with it.')).toBe('HIGH');
      expect(levelOf('I almost jumped out of my skin when the door slammed.')).toBe('NONE');
      expect(levelOf('I nearly jumped when the phone rang.')).toBe('NONE');
    });

    it('should rate the bare near-jump told with a recent time as HIGH, not one told with its cause', () => {
      expect(levelOf('Last night I almost jumped. I was standing there for an hour.')).toBe('HIGH');
      expect(levelOf('Last night I almost jumped when the dog barked.')).toBe('NONE');
    });

    it("should count an aborted jump as someone else's exposure, as history when long ago, and not in quotation marks", () => {
      expect(levelOf('My friend almost jumped off the bridge last week.')).toBe('LOW');
      const past = assess('Two years ago I almost jumped off a bridge.');
      expect(past.level).toBe('MODERATE');
      expect(past.evidence.find((item) => item.patternId === 'attempt.aborted')?.discount).toBe('PAST');
      expect(levelOf('"I almost jumped off the bridge" is a line from the book.')).toBe('NONE');
    });

    it('should rate being interrupted at the place, or a throw in front of a bus, as HIGH; not a sport, a pet or a diving board', () => {
      expect(levelOf('I was on the roof last night ready to jump but I called my sister.')).toBe('HIGH');
      expect(levelOf('I almost jumped in front of the bus this morning.')).toBe('HIGH');
      expect(levelOf('I came so close to jumping last night.')).toBe('HIGH');
      expect(levelOf('We nearly jumped off the cliff into the lake, it was so fun!')).toBe('NONE');
      expect(levelOf('We were at the cliff ready to jump into the water.')).toBe('NONE');
      expect(levelOf('My dog almost jumped off the balcony.')).toBe('NONE');
      expect(levelOf('I was on the diving board ready to jump.')).toBe('NONE');
      expect(levelOf('I almost jumped for joy when I got the job.')).toBe('NONE');
    });

    it('should rate "I almost did it" with the rope ready as IMMINENT, not a marathon', () => {
      expect(levelOf('I almost did it last night. I had the rope ready.')).toBe('IMMINENT');
      expect(levelOf('I almost did it! I almost finished the marathon.')).toBe('NONE');
    });

    it('should rate pills in front of the author, stared at, as IMMINENT; alone as MODERATE naming means; not a headache remedy', () => {
      expect(levelOf('There is a bottle of pills in front of me right now and I keep staring at it.')).toBe('IMMINENT');
      const alone = assess('There is a bottle of pills in front of me.');
      expect(alone.level).toBe('MODERATE');
      expect(alone.namesMethodOrMeans).toBe(true);
      expect(levelOf('I have a bottle of tylenol next to me for this headache.')).toBe('NONE');
      expect(levelOf('There is no bottle of pills next to me anymore, my sister took them.')).toBe('NONE');
      expect(levelOf('I keep staring at it, the new phone is so shiny.')).toBe('NONE');
    });

    it('should rate "I have the pills ready" as MODERATE naming means alone, IMMINENT beside distress; not a dose or pills ready for someone', () => {
      const alone = assess("You should call the line. I won't, I have the pills ready.");
      expect(alone.level).toBe('MODERATE');
      expect(alone.namesMethodOrMeans).toBe(true);
      expect(levelOf('I have the pills ready for tonight.')).toBe('MODERATE');
      expect(levelOf('I got the sleeping pills ready. I am done.')).toBe('IMMINENT');
      expect(levelOf('I have my meds ready for the week.')).toBe('NONE');
      expect(levelOf('I have the pills ready for grandma, she comes at six.')).toBe('NONE');
      expect(levelOf('I have my pills ready by the bed, I take them after dinner.')).toBe('NONE');
      expect(levelOf('I do not have the pills ready, my sister keeps them now.')).toBe('NONE');
    });

    it('should rate all the pills lined up tonight as IMMINENT, not the weekly organiser', () => {
      expect(levelOf('I have all my pills lined up on the table tonight.')).toBe('IMMINENT');
      expect(levelOf('I have my pills lined up in my weekly organizer.')).toBe('NONE');
      expect(levelOf('My pills are laid out for the week.')).toBe('NONE');
      expect(levelOf('I have the gun ready for the hunting trip.')).toBe('NONE');
    });

    it('should rate a plan with a lethal place and a time as MODERATE naming means alone, IMMINENT beside distress', () => {
      const alone = assess('My plan is to drive to the bridge after work on Friday.');
      expect(alone.level).toBe('MODERATE');
      expect(alone.namesMethodOrMeans).toBe(true);
      expect(levelOf('I feel hopeless. My plan is to drive to the bridge on Friday.')).toBe('IMMINENT');
    });

    it('should rate the time said first ("tonight I\'m going to the tracks") as a plan too, and a trip for the sunset as none', () => {
      expect(levelOf("Tonight I'm going to the tracks.")).toBe('MODERATE');
      expect(levelOf('Going to the bridge tonight for the sunset.')).toBe('NONE');
      expect(levelOf("I'm driving to the bridge tonight to pick up my brother.")).toBe('NONE');
    });

    it('should not rate a trip with company, a purpose or a club as a plan, nor a denied one', () => {
      expect(levelOf('My plan is to drive to the beach this weekend with my sister.')).toBe('NONE');
      expect(levelOf('My plan is to drive to the bridge on Friday with my sister.')).toBe('NONE');
      expect(levelOf('My plan is to drive to the bridge where we got engaged on Friday.')).toBe('NONE');
      expect(levelOf('I am going to the bridge club tonight.')).toBe('NONE');
      expect(levelOf('We are going to the roof tonight to watch the fireworks.')).toBe('NONE');
      expect(levelOf("I'm not going to the bridge tonight.")).toBe('NONE');
    });

    it('should rate going to the bridge tonight with a goodbye as IMMINENT, not a farewell to the program', () => {
      expect(levelOf("I'm going to the bridge tonight. Goodbye everyone.")).toBe('IMMINENT');
      expect(levelOf("I just wanted to say goodbye to everyone. I can't do this anymore.")).toBe('IMMINENT');
      expect(levelOf('Graduating the program today. Goodbye everyone, thank you!')).toBe('NONE');
      expect(levelOf('Goodbye party for my coworker on Friday!')).toBe('NONE');
    });

    it("should rate letters left in case the author doesn't make it as IMMINENT, not before surgery or to Santa", () => {
      expect(levelOf("I wrote letters to my family in case I don't make it through the weekend.")).toBe('IMMINENT');
      expect(levelOf("I wrote letters to my kids in case I don't make it through surgery.")).toBe('NONE');
      expect(levelOf('We wrote letters to Santa.')).toBe('NONE');
      expect(levelOf('I wrote goodbye letters to everyone.')).toBe('MODERATE');
    });

    it('should rate the last time anyone will hear from the author as IMMINENT', () => {
      expect(levelOf("This is the last time you'll hear from me.")).toBe('IMMINENT');
      expect(levelOf('This is the last time you will hear from me about the bake sale, I promise.')).toBe('NONE');
    });

    it('should rate a goodbye with a blanket apology as IMMINENT, not an apology for one thing or a see-you-next-week', () => {
      expect(levelOf("Bye everyone. I'm sorry for everything.")).toBe('IMMINENT');
      expect(levelOf("I'm sorry for everything.")).toBe('LOW');
      // Sympathy at the end of a reply, not an apology for oneself.
      expect(levelOf("That sounds so hard. I'm sorry about everything you are going through.")).toBe('NONE');
      expect(levelOf("Bye everyone, I'm sorry for everything I said at group, see you next week.")).toBe('NONE');
      expect(levelOf('Bye everyone, see you all next week at group!')).toBe('NONE');
    });

    it('should rate stopping oneself at the act as an interrupted attempt (HIGH), not stopping a habit or a figure of speech', () => {
      expect(levelOf('I stopped myself from jumping at the last second.')).toBe('HIGH');
      expect(levelOf('I stopped myself from taking them all last night.')).toBe('HIGH');
      expect(levelOf('I stopped myself from jumping to conclusions.')).toBe('NONE');
      expect(levelOf('I stopped myself from taking all the cookies lol')).toBe('NONE');
      expect(levelOf('I stopped cutting two years ago and I am proud of it.')).toBe('NONE');
    });

    it('should rate holding the pills right now as IMMINENT, not the morning dose', () => {
      expect(levelOf('I have the pills in my hand right now.')).toBe('IMMINENT');
      expect(levelOf('I have my pills in my hand every morning, it is part of my routine now.')).toBe('NONE');
    });

    it('should rate cutting or burning oneself as HIGH, not an accident told as one', () => {
      expect(levelOf('I cut myself again last night.')).toBe('HIGH');
      expect(levelOf('I burned my arm with a lighter so I could feel something.')).toBe('HIGH');
      expect(levelOf('I cut myself shaving this morning lol')).toBe('NONE');
      expect(levelOf('I burned my hand on the stove making dinner.')).toBe('NONE');
      expect(levelOf('I accidentally cut my finger.')).toBe('NONE');
    });

    it('should rate a plan together with the means as IMMINENT, not a plan for something else', () => {
      expect(levelOf('I have a plan and the means, I just need the courage.')).toBe('IMMINENT');
      expect(levelOf('I have a plan and the pills.')).toBe('IMMINENT');
      expect(levelOf('I have a plan and the budget for the trip.')).toBe('NONE');
      expect(levelOf('My friend has a plan and the means, I am scared for her.')).toBe('NONE');
    });

    it('should rate being afraid of what one might do to oneself now as MODERATE, not worry about a reaction', () => {
      expect(levelOf("I'm scared of what I might do tonight.")).toBe('MODERATE');
      expect(levelOf('I am afraid of what I will do to myself.')).toBe('MODERATE');
      expect(levelOf("I'm worried about what I might do if my boss yells again.")).toBe('NONE');
      expect(levelOf('Not scared of what I might do anymore, the plan with my therapist helps.')).toBe('NONE');
    });

    it('should rate disappearing forever, said of oneself, as MODERATE; not the pain, not social media, not a conditional', () => {
      expect(levelOf('Thinking about disappearing for good.')).toBe('MODERATE');
      expect(levelOf('Sometimes I think I could just vanish forever.')).toBe('MODERATE');
      expect(levelOf('I want the pain to disappear forever.')).toBe('NONE');
      expect(levelOf('I will disappear forever from social media.')).toBe('NONE');
      expect(levelOf('That would make me want to disappear forever, so embarrassing.')).toBe('NONE');
    });
  });

  describe('behaviour and passive ideation in the words of missed high posts, generalised (fifth run)', () => {
    it('should rate an attempt told with "me" for "myself" as HIGH; not an object after "me", not someone else trying', () => {
      expect(levelOf('I was 16 and I tried to hang me, it did not work.')).toBe('HIGH');
      expect(levelOf('Last year i attempted to drown me in the lake.')).not.toBe('NONE');
      expect(levelOf('I tried to kill me a deer last season.')).toBe('NONE');
      expect(levelOf('I tried to shoot me some photos at the lake.')).toBe('NONE');
      expect(levelOf('They tried to kill me in that alley.')).toBe('NONE');
    });

    it('should rate lethal means given up for safety as MODERATE without holding; not a sale for money, a move, a forgotten dose or a parent', () => {
      const sold = assess('I had a gun for years but in a moment of clarity I sold it.');
      expect(sold.level).toBe('MODERATE');
      expect(sold.evidence.some((item) => item.patternId === 'means.given-up-for-safety')).toBe(true);
      expect(sold.namesMethodOrMeans).toBe(false);
      expect(assess('I had a gun for years. It is in my drawer and I want to die.').namesMethodOrMeans).toBe(true);
      expect(levelOf('I gave my pills to my sister so I would not take them all.')).toBe('MODERATE');
      expect(levelOf('I asked my roommate to hide my razors because I do not trust myself.')).toBe('MODERATE');
      expect(levelOf('I sold my gun collection to pay the rent.')).toBe('NONE');
      expect(levelOf('I sold my rifle because I moved to the city.')).toBe('NONE');
      expect(levelOf('I gave my meds to the nurse so I would not forget them.')).toBe('NONE');
      expect(levelOf('In a moment of clarity I sold my car and moved.')).toBe('NONE');
      expect(levelOf('My dad got rid of his guns so he would not be tempted.')).not.toBe('MODERATE');
    });

    it("should rate having believed it was one's time as MODERATE; not a time to shine, not someone else's time", () => {
      expect(levelOf('A few nights ago I posted here believing it was my time.')).toBe('MODERATE');
      expect(levelOf('Last week I really thought it was my time to go.')).toBe('MODERATE');
      expect(levelOf('I thought it was my time to shine at the audition.')).toBe('NONE');
      expect(levelOf('I thought it was my time slot, sorry.')).toBe('NONE');
      expect(levelOf('Grandma said she felt it was her time.')).toBe('NONE');
    });

    it('should rate wishing for a way out with death named as one as MODERATE; not a way out of a lease, not death ruled out', () => {
      expect(levelOf('Lately I keep wishing there was some way out, death or whatever.')).toBe('MODERATE');
      expect(levelOf('I just want an escape, even if it means dying.')).toBe('MODERATE');
      expect(levelOf('I wish there was some way out of this lease.')).toBe('NONE');
      expect(levelOf('I want a way out of this, but not death.')).toBe('NONE');
      expect(levelOf('I keep looking for a way out, something other than death.')).toBe('NONE');
      expect(levelOf('She wishes there was a way out, she says death would be easier.')).not.toBe('MODERATE');
    });

    it('should rate admitted thoughts of the act the sentence before named as MODERATE, whatever denial came first', () => {
      const admitted = assess('I know I could never take my own life. God knows I thought about it.');
      expect(admitted.level).toBe('MODERATE');
      expect(admitted.evidence.some((item) => item.patternId === 'passive.admitted-thinking-of-it')).toBe(true);
      expect(levelOf('I told my therapist I would never kill myself. I have thought about it before though.')).toBe('MODERATE');
      expect(levelOf('Suicide? Yeah, I have thought about it.')).toBe('MODERATE');
    });

    it('should not read "I thought about it" after a question, a film, a friend, statistics, general talk or a denial', () => {
      expect(levelOf('Should I take the job? I thought about it.')).toBe('NONE');
      expect(levelOf('Should I end things with my boyfriend? I have thought about it.')).toBe('NONE');
      expect(levelOf('The movie was about suicide. I thought about it for days.')).toBe('NONE');
      expect(levelOf('My friend killed herself last year. I thought about it a lot.')).toBe('LOW');
      expect(levelOf('Suicide rates are rising in my town. I thought about it.')).toBe('NONE');
      expect(levelOf('Is it selfish to commit suicide? I have thought about it a lot.')).toBe('NONE');
      expect(levelOf('I could never take my own life. I have never thought about it.')).toBe('NONE');
      expect(levelOf('I thought about it. I could never take my own life.')).toBe('NONE');
    });

    it("should not take a film's or a class's topic as the author's risk, but keep the author's own history", () => {
      expect(levelOf('I watched a documentary about self-harm with my mom and we talked after.')).toBe('NONE');
      expect(levelOf('Our group had a workshop on suicidal thoughts today.')).toBe('NONE');
      expect(levelOf('I read a book about my self-harm history.')).toBe('MODERATE');
      expect(levelOf('I started self-harming again after that movie about suicide.')).toBe('HIGH');
    });

    it('should rate wishing to join someone who has died as MODERATE, with the death in the sentence or the one before', () => {
      expect(levelOf('I lost my brother to suicide and I want to join him.')).toBe('MODERATE');
      expect(levelOf('My grandpa passed away in March. I just want to be with him again.')).toBe('MODERATE');
      expect(levelOf('Since mom died I keep thinking I want to go be with her.')).toBe('MODERATE');
    });

    it('should not read joining the living, a company, the army, or being beside someone who nearly died as a wish to die', () => {
      expect(levelOf('I want to join my dad at his company after college.')).toBe('NONE');
      expect(levelOf('My dad died last year. I want to join the army like him.')).toBe('NONE');
      expect(levelOf('My sister moved to Ohio. I want to be with her.')).toBe('NONE');
      // LOW: her near-death is exposure; being with her is not the author's wish to die.
      expect(levelOf('My mom is in the hospital, she almost died. I want to be with her.')).toBe('LOW');
      expect(levelOf('My friend died. His family wants to be with him.')).not.toBe('MODERATE');
    });

    it("should read lethal-means counselling said of no one as general talk, not the author's means", () => {
      expect(levelOf('Removing access to firearms and stockpiled medication is one of the most effective ways to keep someone safe.')).toBe('NONE');
      expect(levelOf('Ask family to lock up stockpiled medication and firearms.')).toBe('NONE');
      expect(levelOf('I have stockpiled medication.')).toBe('IMMINENT');
      expect(levelOf('I keep the stockpiled pills locked up in my drawer.')).toBe('IMMINENT');
    });

    it('should read a myth corrected of no one as general talk, and keep the author who says it of themselves', () => {
      expect(levelOf('Self-harm is not attention seeking. It deserves compassion.')).toBe('NONE');
      expect(levelOf('Self-harm is not attention seeking for me, I do it to feel something.')).toBe('MODERATE');
    });

    it('should leave helpers, quotes and general talk about the same constructs unflagged', () => {
      expect(levelOf('If you have a gun at home, give it to a friend so you would not be tempted, and call 988.')).toBe('NONE');
      expect(levelOf('As a counselor I ask my clients to lock up the pills for their own safety.')).toBe('NONE');
      expect(levelOf('"I thought it was my time" is what the character says before the end.')).toBe('NONE');
    });
  });

  describe('means acquired, finality, preparations and euphemisms, in our own words (sixth run, probe 3)', () => {
    it('should hold lethal means acquired just now with no purpose for a person, and page beside distress', () => {
      expect(levelOf('i bought a rope today')).toBe('MODERATE');
      expect(levelOf("I bought a rope today. Nobody noticed. I'm so tired of all of this.")).toBe('IMMINENT');
      expect(levelOf('Just got a gun. I feel hopeless.')).toBe('IMMINENT');
      expect(assess('i bought a rope today').namesMethodOrMeans).toBe(true);
    });

    it('should not read means bought for a stated purpose, or long ago, as acquired means', () => {
      expect(levelOf('Bought a rope today for the climbing gym, so excited to start bouldering.')).toBe('NONE');
      expect(levelOf('I bought a rifle yesterday to go hunting with my uncle.')).toBe('NONE');
      expect(levelOf('I bought a rope for the tire swing.')).toBe('NONE');
      expect(levelOf('My brother bought a gun today.')).not.toMatch(/MODERATE|HIGH|IMMINENT/);
    });

    it('should read a time and a finality, each ordinary alone, as a decision told together', () => {
      expect(levelOf("Tonight is the night. I'm done.")).toBe('IMMINENT');
      expect(levelOf('this is my last post. thank you all for trying.')).toBe('IMMINENT');
      expect(levelOf("Picked up the gun from my uncle's place this afternoon. I won't need it for long.")).toBe('IMMINENT');
      expect(levelOf('This time I am not going to fail. I have enough to make sure.')).toBe('IMMINENT');
    });

    it('should leave a finality, a time or a resolve alone, and a done with a diet, unflagged', () => {
      expect(levelOf("I'm done.")).toBe('LOW');
      expect(levelOf('Tonight is the night! First date in two years, wish me luck.')).toBe('NONE');
      expect(levelOf("I'm done with this diet. Tonight is pizza night.")).toBe('NONE');
      expect(levelOf('Exams are over and I am done for the year. Tonight is the night we celebrate.')).toBe('NONE');
      expect(levelOf('I failed the driving test twice. This time I will not fail.')).toBe('NONE');
      expect(levelOf('Thanks for trying to help with my laptop, it still will not boot.')).toBe('NONE');
    });

    it('should read not being here by a named day as a goodbye that pages, and an ordinary absence as nothing', () => {
      expect(levelOf("Don't bother checking in on me, I won't be here by Friday.")).toBe('HIGH');
      expect(levelOf("I won't be here by Friday. Everything is hopeless.")).toBe('IMMINENT');
      expect(levelOf("I'm not going to be here Friday, I'm visiting my parents up north.")).toBe('NONE');
    });

    it('should read a burden that ends soon as HIGH, and not a burden that ends with a new job', () => {
      expect(levelOf("I'm not going to be a burden much longer. I've made up my mind.")).toBe('HIGH');
      expect(levelOf("I won't be a burden to my parents much longer, I start my new job on Monday.")).not.toMatch(/HIGH|IMMINENT/);
    });

    it('should read two preparatory acts together, and not one alone', () => {
      expect(levelOf('I have been giving my stuff away all week. I want everything sorted before Sunday.')).toBe('IMMINENT');
      // Three or more of them are preparatory behaviour: HIGH (rule.preparations-add-up).
      expect(levelOf("Cancelled my appointments, paid off what I owed, and wrote my brother a letter. Everything's in order now.")).toBe('HIGH');
      expect(levelOf('Paid off all my debts this year!')).toBe('NONE');
      expect(levelOf('Moving house next week, I want everything sorted before Sunday.')).toBe('NONE');
      expect(levelOf('Cancelled my appointments this week because of the flu.')).toBe('NONE');
      expect(levelOf("Giving away my old clothes to the charity shop because I'm moving.")).toBe('NONE');
    });

    it('should read passive ideation in plain words as MODERATE', () => {
      expect(levelOf("life feels pointless. i wish i just didn't exist")).toBe('MODERATE');
      expect(levelOf("I don't see myself being around much longer and I'm weirdly at peace with it.")).toBe('MODERATE');
      expect(levelOf("Honestly if I got in a car crash on the way to group tomorrow I wouldn't mind.")).toBe('MODERATE');
      expect(levelOf("I keep thinking I'd be doing everyone a favour if I just ended it.")).toBe('MODERATE');
      expect(levelOf('I need to make it stop for good.')).toBe('MODERATE');
      expect(levelOf('i dont think ill make it through tonight')).toBe('MODERATE');
    });

    it('should not read the same words about a car, a hiccup or a sentence with a purpose as ideation', () => {
      expect(levelOf('How do I make the hiccups stop for good? Nothing works.')).not.toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(levelOf('If I got in a car crash my insurance would go up, I would mind a lot.')).toBe('NONE');
      expect(levelOf("I don't see myself being around this town much longer, I want to move to the coast.")).toBe('NONE');
      expect(levelOf('I am feeling ill be back tomorrow.')).toBe('NONE');
    });

    it('should not read an errand done alone as the act, and keep doing it properly next time', () => {
      expect(levelOf("Nobody is helping with the dishes so I'll just do it myself.")).toBe('NONE');
      expect(levelOf('so ill just do it in my head')).toBe('NONE');
      expect(levelOf("Sat in the car in the garage with the engine on for a bit last night. I'll do it properly next time.")).toMatch(/HIGH|IMMINENT/);
    });

    it('should read walking into the sea and not coming back as a method, and a swim as a swim', () => {
      expect(levelOf('Thinking about walking into the sea and just not coming back.')).toMatch(/HIGH|IMMINENT/);
      expect(levelOf('We walked into the sea at sunset and did not come back out until dark.')).toBe('NONE');
    });

    it('should read a prescription kept back, a knife drawer stared at and heights researched as means', () => {
      expect(levelOf("Been stockpiling my sertraline instead of taking it. About three months' worth now.")).toBe('IMMINENT');
      expect(levelOf("My safety plan isn't working. I keep looking at the knife drawer.")).toBe('HIGH');
      expect(levelOf("I've been researching which bridge is the tallest around here. Not for any good reason.")).toBe('MODERATE');
      expect(levelOf('Saving my allowance instead of spending it.')).toBe('NONE');
      expect(levelOf('I was looking at knives in the kitchen shop for my new flat.')).toBe('NONE');
      expect(levelOf('Researching which bridge is the tallest in the world for my son’s homework.')).toBe('NONE');
    });

    it('should read an apology for not being better beside a goodbye as the note', () => {
      expect(levelOf("goodbye everyone. i love you all. i'm sorry i couldn't be better")).toBe('IMMINENT');
      expect(levelOf("Goodbye everyone, thanks for a great year of group! Sorry I couldn't be there more.")).toBe('NONE');
    });

    it('should date a thought by the next sentence that says it was years ago', () => {
      expect(levelOf('When I was at my lowest I thought about ending my life every day. That was four years ago.')).toBe('LOW');
      expect(levelOf('I thought about ending my life every day this week. That was the worst part.')).toBe('MODERATE');
      // An attempt keeps its tier: the strongest predictor, and the author may say it is not over.
      expect(levelOf('I tried to kill myself once. That was four years ago.')).toBe('HIGH');
    });
  });
  describe('high risk that stopped at MODERATE: disappearance with a time, means readied, preparations, a note (probe 4)', () => {
    it('should page for a disappearance by a named day with no reason given, and read it as IMMINENT beside distress', () => {
      expect(levelOf("I'll be gone by Sunday.")).toBe('HIGH');
      expect(levelOf('i wont be around by the end of the month so it doesnt really matter')).toBe('HIGH');
      expect(levelOf("I won't be around this time next week, and that's okay.")).toBe('HIGH');
      expect(levelOf("I won't be here by Friday. Everything is hopeless.")).toBe('IMMINENT');
    });

    it("should not read a disappearance with an ordinary reason beside it, or someone else's, as a goodbye", () => {
      expect(levelOf("I won't be here by Friday, I'm moving to Leeds!")).toBe('NONE');
      expect(levelOf("I won't be around by the weekend. Flying out to see my gran.")).toBe('NONE');
      expect(levelOf("I'll be gone by Sunday, the wedding is up in Scotland.")).toBe('NONE');
      expect(levelOf('Going into hospital on Thursday for my knee. I will not be here by the weekend.')).toBe('NONE');
      expect(levelOf('If a client says they will not be around by the weekend, ask them directly about suicide.')).not.toMatch(/MODERATE|HIGH|IMMINENT/);
    });

    it('should not page for a member saying they will miss group, with an errand, a return or a graduation beside it', () => {
      expect(levelOf("Heads up I won't be here by Friday's group, doctor's appointment.")).toBe('NONE');
      expect(levelOf("Won't be here by Friday, but I'll catch up on the threads after.")).toBe('NONE');
      expect(levelOf("I'll be gone by the weekend so post any questions before then")).toBe('NONE');
      expect(levelOf("Graduating IOP on friday! I won't be here by next week but I'll miss you all")).toBe('NONE');
      expect(levelOf("I won't be here by Monday, I'm missing group for a work thing.")).toBe('NONE');
      // The errand has to be there: "tell my group" is no reason to be away.
      expect(levelOf("I won't be here by Friday. Tell my group I'm sorry.")).toMatch(/HIGH|IMMINENT/);
    });

    it('should not take hospital history, a funeral or a parting "see you" for an ordinary reason', () => {
      expect(levelOf("I won't be here tomorrow. I got out of hospital last week and nothing has changed.")).toBe('IMMINENT');
      expect(levelOf("I'll be gone by Sunday. Nobody will come to my funeral anyway.")).toMatch(/HIGH|IMMINENT/);
      expect(levelOf("I won't be here by Friday. See you on the other side.")).toMatch(/HIGH|IMMINENT/);
      expect(levelOf("Gave my dog to my sister to look after. I don't want to be alive anymore.")).toBe('IMMINENT');
      expect(levelOf("I won't be here by Friday. See you all next week at group!")).toBe('NONE');
    });

    it('should read pills readied for later as means at hand with a time, and a dose set out for a reason as nothing', () => {
      expect(levelOf("I've got the pills counted out on the dresser for later.")).toBe('IMMINENT');
      expect(levelOf('The tablets are lined up in the bathroom for when everyone is asleep.')).toBe('IMMINENT');
      expect(levelOf('Counted out my pills for the week in the organiser.')).toBe('NONE');
      expect(levelOf("Got my meds counted out for later since I'm at the clinic all day.")).toBe('NONE');
      expect(levelOf('I put my evening meds out for later, with dinner.')).toBe('NONE');
    });

    it('should read a medication saved up or kept for a day as stockpiling, and not a dose saved for a trip', () => {
      expect(levelOf("I've been saving up my lithium for weeks.")).toBe('IMMINENT');
      expect(levelOf("i've got about sixty sleeping pills hidden in a sock drawer. been saving them for saturday")).toBe('IMMINENT');
      expect(levelOf("Counted out every pill I've been holding back.")).toBe('IMMINENT');
      expect(levelOf('I got my painkillers refilled. Saving them for the trip next week.')).toBe('NONE');
      expect(levelOf('Saving them for Saturday, the cupcakes are for the bake sale.')).toBe('NONE');
      expect(levelOf('Still taking my lithium every morning, levels are good.')).toBe('NONE');
    });

    it('should read possessions or pets given away beside a lethal place and a time as a plan', () => {
      expect(levelOf("Sold my car, gave my dog to my parents, and I'm going up to the cliffs on Saturday.")).toBe('IMMINENT');
      expect(levelOf('Gave my cat to my neighbour and cleaned the whole flat. Driving out to the bridge tomorrow night.')).toBe('IMMINENT');
      expect(levelOf("Rehomed both my dogs this week and sold everything I own. Nobody's asked why.")).toMatch(/HIGH|IMMINENT/);
    });

    it('should not read a pet given into care, a sale for a move or a walk to the cliffs as preparations', () => {
      expect(levelOf("Gave my dog to my sister while I'm in hospital for my knee.")).toBe('NONE');
      expect(levelOf('Going up to the cliffs on Saturday for a walk with the hiking club.')).toBe('NONE');
      expect(levelOf("Sold everything I own on eBay because we're moving abroad in June.")).toBe('NONE');
      expect(levelOf('Thinking of rehoming my cat because my landlord says no pets.')).toBe('NONE');
      expect(levelOf('Gave my dog to my parents.')).toBe('NONE');
    });

    it('should read a home found for pets or things tidied "before I go" as a preparation, HIGH beside distress', () => {
      expect(levelOf("I recently got cats and they help a little, it's a shame I'll have to find a new home for them before I go.")).toBe('MODERATE');
      expect(levelOf("There's no way out of this. I'll have to find a new home for the cats before I go.")).toBe('HIGH');
      expect(levelOf('Feels like tidying up before I go.')).toBe('MODERATE');
    });

    it('should not read "before I go" with a place, a move or a trip beside it as a preparation', () => {
      expect(levelOf('I need to find a new home for my cat before I go to uni.')).toBe('NONE');
      expect(levelOf("I have to find a new home for them before I go, we're moving abroad in June.")).toBe('NONE');
      expect(levelOf('Tidying up the flat before I go on holiday.')).toBe('NONE');
    });

    it('should not read advice to someone saving pills, a stockpile told as last spring, or a farewell to the program as risk now', () => {
      expect(levelOf("If you've been saving up your pills, please give them to someone you trust.")).not.toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(levelOf("They've been stockpiling their pills, what do I do?")).not.toMatch(/HIGH|IMMINENT/);
      expect(levelOf('Last spring I stockpiled my lithium for weeks. My psychiatrist helped me hand it in.')).not.toMatch(/HIGH|IMMINENT/);
      expect(levelOf("I know what I'm doing this weekend. Goodbye everyone, it was a great program and I'll miss you.")).toBe('NONE');
      // The same goodbye with no reason beside it still corroborates.
      expect(levelOf("I know what I'm doing this weekend. Goodbye everyone.")).toBe('IMMINENT');
    });

    it('should read a note left beside a decision with a time as a goodbye and a plan', () => {
      expect(levelOf("I wrote a note and left it in my desk drawer. I know what I'm doing this weekend.")).toBe('IMMINENT');
      expect(levelOf("Left a letter on the kitchen table for my husband. I know what I'm going to do tonight.")).toBe('IMMINENT');
      expect(levelOf("I've written letters for my kids and put them with my will. Sunday is the day.")).toBe('IMMINENT');
    });

    it('should not read a note to the landlord, weekend plans or a recovery story as a goodbye', () => {
      expect(levelOf("I know what I'm doing this weekend: sleeping in and taking my nephew to the zoo.")).toBe('NONE');
      expect(levelOf("I know what I'm doing this weekend.")).toBe('NONE');
      expect(levelOf('Wrote a note to my landlord about the boiler and left it in the hallway.')).toBe('NONE');
      expect(levelOf('I wrote a note and left it in my desk drawer.')).toBe('NONE');
      expect(levelOf('A year ago I wrote a note and left it in my desk drawer. Today I tore it up with my therapist.')).toBe('NONE');
      expect(levelOf('Sunday is the day we meet for coffee.')).toBe('NONE');
    });

    it('should read a safety plan that is not holding as current ideation, HIGH beside means attended to', () => {
      expect(levelOf("My safety plan isn't working anymore.")).toBe('MODERATE');
      expect(levelOf("My safety plan isn't working anymore. I keep staring at the pill bottles in the bathroom.")).toBe('HIGH');
      expect(levelOf("My safety plan is working better now that I've added my brother's number.")).toBe('NONE');
      expect(levelOf("If your safety plan isn't working, tell your therapist so you can change it together.")).toBe('NONE');
    });

    it('should read readiness to check out for good as intent, and not leaving social media', () => {
      expect(levelOf("I can't keep doing this. I'm ready to check out for good.")).toBe('HIGH');
      expect(levelOf("I'm ready to check out for good from social media, it's been making me miserable.")).toBe('NONE');
    });

    it('should raise only preparatory acts, not a time, a finality or a goodbye, in rule.preparations-add-up', () => {
      const three = assess('Paid off my debts, cancelled my therapy, and wrote my sister a letter.');
      expect(three.evidence.some((item) => item.patternId === 'rule.preparations-add-up')).toBe(true);
      expect(three.level).toBe('HIGH');
      // A time, a finality and a goodbye corroborate each other (IMMINENT by their own tiers) but
      // are not three preparations.
      const notPreparations = assess("Tonight is the night. I'm done. Goodbye everyone.");
      expect(notPreparations.evidence.some((item) => item.patternId === 'rule.preparations-add-up')).toBe(false);
      expect(notPreparations.level).toBe('IMMINENT');
      // Two preparations are corroborated (a person looks) but do not add up to three.
      const two = assess('Paid off my debts and cancelled my therapy.');
      expect(two.level).toBe('MODERATE');
      expect(two.evidence.some((item) => item.patternId === 'rule.preparations-add-up')).toBe(false);
    });
  });

  describe('probe 5: whose act it is, and pills thought of as a gerund', () => {
    it("should read a reflexive phrase after a named person as that person's, not the author's", () => {
      expect(assess('Finding out that your daughter has been cutting is frightening.').level).toBe('LOW');
      expect(assess('My daughter has been cutting and I do not know how to help her.').level).toBe('LOW');
    });

    it("should keep the author's own reflexive phrase", () => {
      expect(levelOf('I have been cutting again.')).toBe('HIGH');
      expect(levelOf('My daughter is asleep. I have been cutting again.')).toBe('HIGH');
    });

    it('should count the author among "those people who" when they say so', () => {
      expect(levelOf('I am one of those people who want to die.')).toBe('MODERATE');
      expect(levelOf('In my work I am one of those people who survived an attempt.')).toBe('HIGH');
    });

    it('should read thinking about taking all of the pills as active ideation with the means', () => {
      expect(levelOf("They're in my drawer and I keep thinking about taking all of them tonight.")).toBe('IMMINENT');
      expect(levelOf('I keep thinking about swallowing all of my pills.')).not.toBe('NONE');
    });

    it('should not read taking people somewhere as pills', () => {
      expect(levelOf('I am thinking about taking them all to the zoo on Saturday.')).toBe('NONE');
      expect(levelOf('Thinking of taking all of them out for pizza after the game.')).toBe('NONE');
    });
  });

  describe('probe 7: suicidal behaviour told plainly (actual, interrupted and aborted attempts, preparation)', () => {
    const fired = (text: string, patternId: string) => assess(text).evidence.some((item) => item.patternId === patternId && item.effectiveTier !== 'NONE');

    it('should read a crash told as intended as an attempt, and not an accident or a denial', () => {
      expect(levelOf('I steered into the barrier on the motorway on purpose.')).toBe('HIGH');
      expect(levelOf('Two weeks ago I deliberately drove into a wall.')).toBe('HIGH');
      expect(levelOf('I drove into a lamppost when the ice got me, the car is a write-off.')).toBe('NONE');
      expect(levelOf("I didn't drive into the pole on purpose, the brakes failed.")).toBe('NONE');
      expect(levelOf('She crashed her car into a tree on purpose last year.')).toBe('LOW');
    });

    it('should read a ligature around one own neck as an interrupted attempt, and not clothing', () => {
      expect(levelOf('My brother found me with the cord around my neck on Sunday.')).toBe('HIGH');
      expect(fired('I had a belt round my neck in the wardrobe.', 'attempt.ligature-around-neck')).toBe(true);
      expect(levelOf('I had a scarf around my neck all day, it was freezing.')).toBe('NONE');
      expect(levelOf('The dog had his lead around my neck again while we played.')).toBe('NONE');
    });

    it('should read how far an aborted attempt went when the sentence names the means', () => {
      expect(levelOf('Went as far as tying the noose last night, then I sat on the floor and cried.')).toBe('HIGH');
      expect(fired('I got as far as counting out the pills before I called my sister.', 'attempt.got-as-far-as')).toBe(true);
      expect(levelOf('My dad got as far as putting the tent up before the rain started.')).toBe('NONE');
      expect(levelOf('I got as far as writing the introduction of my essay.')).toBe('NONE');
    });

    it('should read a method that failed beside survival or distress as an attempt, and a tug of war as nothing', () => {
      expect(levelOf("The belt broke. I'm still here and I don't know how to feel about it.")).toBe('HIGH');
      expect(levelOf('The noose came loose. I feel so hopeless.')).toBe('HIGH');
      expect(levelOf("The rope snapped during the tug of war at my kid's sports day.")).toBe('NONE');
      expect(levelOf("I'm still here and still fighting, two years on.")).toBe('NONE');
    });

    it('should read waking in intensive care beside regret that it failed as an attempt, and not after surgery', () => {
      expect(levelOf("Woke up in intensive care two days ago. Honestly I'm upset it didn't work.")).toBe('HIGH');
      expect(levelOf('Woke up in the ICU after my heart surgery, the nurses were lovely.')).toBe('NONE');
      expect(levelOf("Tried the new keto recipe and I'm annoyed it didn't work.")).toBe('NONE');
    });

    it('should read rehearsal at a height and climbing back over the railing as an aborted attempt, and not sightseeing', () => {
      expect(levelOf('Sat on the edge of the roof for a long time last night. Then I climbed back over the railing.')).toBe('HIGH');
      expect(levelOf("I keep going back to the bridge after my shift. I'm scared of what I'll do.")).toBe('HIGH');
      expect(levelOf('We stood on the bridge for an hour watching the fireworks.')).toBe('NONE');
      expect(levelOf('Sitting on the edge of my bed trying to find the motivation to shower.')).toBe('NONE');
      expect(levelOf('Stood at the edge of the pool and climbed back over the barrier to get the ball.')).toBe('NONE');
    });

    it('should read the feeling before a past attempt come back as current ideation beside that attempt', () => {
      expect(levelOf("I OD'd in January. Lately I feel exactly how I felt right before it.")).toBe('HIGH');
      expect(levelOf('I attempted in 2019. This is the closest I have been to that since.')).toBe('HIGH');
      expect(levelOf('Before my driving test I felt sick. Today I feel the way I did right before it.')).toBe('NONE');
    });

    it('should read ambivalence about acting beside the wish to be stopped as active ideation, and not a job offer', () => {
      expect(levelOf('part of me wants to go through with it and part of me is hoping somebody will stop me')).toBe('HIGH');
      expect(levelOf('Part of me wants to go through with it and take the job in Glasgow.')).toBe('NONE');
      expect(levelOf('I want someone to stop me')).toBe('NONE');
    });

    it('should read a day picked beside funeral money as a plan with preparation, and a wedding day as nothing', () => {
      expect(isAtLeast(levelOf("I've chosen the date. Money's set aside for my funeral so my parents don't have to pay."), 'HIGH')).toBe(true);
      expect(fired("I've picked the day. I feel like such a burden on everyone.", 'plan.picked-the-day')).toBe(true);
      expect(levelOf("I've picked the day! The wedding is on the 14th of June.")).toBe('NONE');
      expect(levelOf("Grandad passed on Monday. We're putting money aside for the funeral.")).not.toBe('MODERATE');
    });

    it('should read a time after which nothing matters beside a preparation as a goodbye with a time, across sentences', () => {
      expect(levelOf('Gave my cat to my neighbour. After Friday none of it will matter.')).toBe('IMMINENT');
      expect(levelOf("Wrote down all my passwords for my sister. After tonight there's nothing more to sort.")).toBe('IMMINENT');
      expect(levelOf('Left my rabbit with my aunt for good. By Sunday none of this will matter.')).toBe('IMMINENT');
      expect(levelOf('After Friday none of this will matter, the grant deadline is Thursday.')).toBe('NONE');
      expect(levelOf('By Sunday none of this will matter.')).toBe('NONE');
      expect(levelOf("I left my dog with my parents for good because my new flat doesn't allow pets.")).toBe('NONE');
    });

    it('should not read an attempt at something else as a suicide attempt, and keep an attempt at one own life', () => {
      expect(levelOf('My third attempt at the driving test went badly.')).toBe('NONE');
      expect(levelOf('After another attempt to quit smoking I feel fine.')).toBe('NONE');
      expect(levelOf('This is my third attempt at my life and I am so tired.')).not.toBe('NONE');
      expect(levelOf('I survived my third attempt.')).toBe('HIGH');
    });

    it('should count an overdose told in words, and not a dose of two tablets', () => {
      expect(isAtLeast(levelOf('Swallowed fifteen of my pills on Tuesday.'), 'HIGH')).toBe(true);
      expect(levelOf('took 2 paracetamol for my headache and went to bed early')).toBe('NONE');
      expect(levelOf('took 2 tablets with breakfast like the doctor said')).toBe('NONE');
    });

    it('should read a past attempt told by its method (a jump from a height, an overdose taken), and not a dive or an idiom', () => {
      expect(levelOf('I jumped off the multi storey car park in March and broke my back.')).toBe('HIGH');
      expect(levelOf('My GP asked why I had taken an overdose again.')).toBe('HIGH');
      expect(levelOf('I jumped off the cliff into the sea with my cousins, it was freezing.')).toBe('NONE');
      expect(levelOf('I jumped off the high board at the pool for the first time!')).toBe('NONE');
      expect(levelOf('Had an overdose of sugar at the party, the kids were bouncing off the walls.')).toBe('NONE');
      expect(levelOf('She took an overdose last spring and I found her.')).toBe('LOW');
    });

    it('should read a hose hooked up to the car as carbon monoxide readied, in the past too, and not a garden hose', () => {
      expect(levelOf('Last week I sat in the car in the garage with the hose taped on and the engine running.')).toBe('HIGH');
      expect(levelOf('I hooked up the hose to water the tomatoes this morning.')).toBe('NONE');
      expect(levelOf('We washed the car with the hose connected to the outside tap.')).toBe('NONE');
    });

    it("should read an overdose of someone else's pills, said with a possessive, as an overdose", () => {
      expect(isAtLeast(levelOf("Swallowed all of my dad's sleeping tablets last night."), 'HIGH')).toBe(true);
      expect(levelOf("I took all of my mum's vitamins by mistake, they were in the same jar.")).toBe('NONE');
    });

    it('should read being pulled off the track by a stranger as an interrupted attempt', () => {
      expect(levelOf('A woman pulled me off the track seconds before the train came.')).toBe('HIGH');
      expect(levelOf('My coach pulled me off the track team after the injury.')).toBe('NONE');
    });
  });

  describe('natural SuicideWatch wording the patterns missed (2026-12-04)', () => {
    it('should rate "going to do it" tonight beside letters to family as IMMINENT; not a graduate saying goodbye', () => {
      expect(levelOf("Tonight I'm going to do it. I've written letters to my mom and my brother. I'm sorry.")).toBe('IMMINENT');
      expect(levelOf("I'm going to do it! I signed up for the marathon.")).toBe('NONE');
      expect(levelOf('I am going to do it. I wrote a letter to my landlord about the boiler.')).toBe('NONE');
    });

    it('should rate a hidden stash of pills as MODERATE alone, IMMINENT beside "I haven\'t taken them yet"; not pills hidden from the kids or not started', () => {
      expect(levelOf("I have a bottle of my mom's sleeping pills hidden in my room. I haven't taken them yet.")).toBe('IMMINENT');
      expect(levelOf('There is a stash of pills hidden in my room.')).toBe('MODERATE');
      expect(levelOf('I keep a box of my painkillers hidden from the kids.')).toBe('NONE');
      expect(levelOf('My GP prescribed sertraline tablets but I have not taken them yet, I am scared of the side effects.')).toBe('NONE');
      expect(levelOf('I bought painkillers for my back and I have not taken any yet.')).toBe('NONE');
    });

    it('should rate not trusting oneself around the knives as at least HIGH; not a credit card or cake', () => {
      expect(isAtLeast(levelOf("I'm scared of myself tonight. I don't trust myself around the knives in the kitchen."), 'HIGH')).toBe(true);
      expect(levelOf("I don't trust myself with a credit card.")).toBe('NONE');
      expect(levelOf("I don't trust myself around cake, honestly.")).toBe('NONE');
    });

    it('should rate "why is it so hard to just die" as MODERATE; not a video game boss', () => {
      expect(levelOf('Why is it so hard to just die. I wish I had the courage.')).toBe('MODERATE');
      expect(levelOf('Why is it so hard to die in this game, the boss one-shots everyone else.')).toBe('NONE');
    });

    it('should rate thinking of swerving into oncoming traffic as HIGH; not a car that swerved or a swerve to miss a deer', () => {
      expect(levelOf('I keep thinking about how easy it would be to just swerve into oncoming traffic on the highway.')).toBe('HIGH');
      expect(levelOf('A car swerved into oncoming traffic in front of me today, it was terrifying.')).toBe('NONE');
      expect(levelOf('I had to swerve into the median to miss a deer.')).toBe('NONE');
      expect(levelOf('I want to drive into the city tomorrow.')).toBe('NONE');
    });

    it('should rate a date picked beside going through the motions as HIGH; going through the motions alone as LOW', () => {
      expect(levelOf("I've decided on a date. It's my birthday next month. Until then I'm just going through the motions.")).toBe('HIGH');
      expect(levelOf("Work is fine, I'm just going through the motions lately.")).toBe('LOW');
    });

    it('should read antidepressants as pills: stockpiled they are means; taken every morning they are not', () => {
      expect(levelOf("I've been stockpiling my antidepressants for a month. I think I have enough now.")).toBe('IMMINENT');
      expect(levelOf('I take my antidepressants every morning with breakfast.')).toBe('NONE');
    });

    it('should rate planning how one would do it beside the place picked as IMMINENT, alone MODERATE; not a kitchen renovation', () => {
      expect(levelOf('Every night I lie awake planning how I would do it. I know which bridge.')).toBe('IMMINENT');
      expect(levelOf('I keep planning how I would do it.')).toBe('MODERATE');
      expect(levelOf('We are planning how we would do the kitchen renovation, I know which tiles.')).toBe('NONE');
      expect(levelOf('I know which bridge has the best view of the fireworks.')).toBe('NONE');
    });

    it('should rate "if I am not here next week" beside parting words as IMMINENT, alone MODERATE; not exams or a trip', () => {
      expect(levelOf("If I'm not here next week, thanks for everything guys. You were the only ones who listened.")).toBe('IMMINENT');
      expect(levelOf("If I'm not here next week, that's why.")).toBe('MODERATE');
      expect(levelOf("If I'm not here next week it's because of finals, wish me luck.")).toBe('NONE');
      expect(levelOf("If I'm not here next week I'm on holiday in Spain!")).toBe('NONE');
      expect(levelOf('Thanks for everything guys, the group was great.')).toBe('NONE');
    });

    it('should rate waiting on the platform for the express and stepping back at the last second as an aborted attempt; not a crowded platform', () => {
      expect(isAtLeast(levelOf('Last week I stood on the train platform and waited for the express. I stepped back at the last second.'), 'MODERATE')).toBe(
        true,
      );
      expect(levelOf('The platform was so crowded I stepped back at the last second when the doors were closing.')).toBe('NONE');
      expect(levelOf('I stood on the platform and waited for the train to work.')).toBe('NONE');
    });

    it("should rate a friend's cutting, told with worry, as exposure (LOW), and a relapse into drinking as nothing, while one's own relapse into self-harm stays HIGH", () => {
      expect(levelOf("My best friend told me she's been cutting. I don't know what to say to her.")).toBe('LOW');
      expect(levelOf("I relapsed on drinking after two years sober. I feel ashamed but I'm going back to meetings.")).toBe('NONE');
      expect(levelOf('I relapsed after two years sober, back to meetings tomorrow.')).toBe('NONE');
      expect(levelOf('Three years clean from self harm and I relapsed tonight.')).toBe('HIGH');
      expect(levelOf("relapsed into self-harm. don't judge.")).toBe('HIGH');
      expect(levelOf('Been cutting for weeks, nobody knows.')).toBe('HIGH');
    });

    it('should rate "I didn\'t do it but I wanted to" as an aborted attempt (HIGH, C-SSRS, even alone); not the whole cake', () => {
      expect(levelOf("I sat in the bathtub with a razor for two hours last night. I didn't do it but I wanted to.")).toBe('HIGH');
      expect(levelOf("I didn't do it but I wanted to eat the whole cake.")).toBe('NONE');
      expect(levelOf('I wanted to.')).toBe('NONE');
    });

    it('should rate asking to be talked out of it as HIGH even alone; not a motorbike', () => {
      expect(levelOf('I just need someone to talk me out of it tonight.')).toBe('HIGH');
      expect(levelOf('Someone talk me out of it, I want to buy a motorbike.')).toBe('NONE');
    });

    it('should rate asking whether it hurts to bleed out as HIGH; not a question about a film', () => {
      expect(levelOf('Does it hurt to bleed out? Asking for myself.')).toBe('HIGH');
      expect(levelOf('Does it hurt to drown? My goldfish looked sad in the movie.')).toBe('NONE');
    });

    it('should rate making it look like an accident as a plan (HIGH even alone); not a novel', () => {
      expect(levelOf("I've been thinking of ways to make it look like an accident so my parents don't feel guilty.")).toBe('HIGH');
      expect(levelOf('In the novel the killer makes it look like an accident.')).toBe('NONE');
    });
  });

  describe('probe 9: constructs behind the blind posts the patterns missed (aborted acts, wishes for a death by chance, command voices, farewells)', () => {
    it('should rate an aborted attempt (HIGH, C-SSRS): not going through with it at the edge, means readied and put back; not a bungee jump or a pill organiser', () => {
      expect(levelOf("Stood on the edge of the bridge for an hour last night. I couldn't go through with it.")).toBe('HIGH');
      expect(levelOf('I laid out all the pills on my desk, then flushed them down the toilet.')).toBe('HIGH');
      expect(levelOf('I stood on the edge of the bridge for the bungee jump and I did not go through with it.')).toBe('NONE');
      expect(levelOf('Had the interview lined up and I did not go through with it.')).toBe('NONE');
      expect(levelOf('I counted my pills into the dosette box and put them back in the cupboard.')).toBe('NONE');
    });

    it('should rate a welcomed death by chance or illness as passive ideation (MODERATE); not a late bus or an ordinary diagnosis', () => {
      expect(levelOf("honestly i wouldn't care if a truck ran over me")).toBe('MODERATE');
      expect(levelOf("If I was diagnosed with cancer I'd be glad, to be honest.")).toBe('MODERATE');
      expect(levelOf("I wouldn't mind if the bus was late, I need the extra sleep.")).toBe('NONE');
      expect(levelOf("I'd be relieved if I got diagnosed with ADHD, it would explain a lot.")).toBe('NONE');
    });

    it("should rate others gaining from the author's death in insurance money as passive ideation (MODERATE); not renewing a policy", () => {
      expect(levelOf('My wife would be better off with my life insurance than with me.')).toBe('MODERATE');
      expect(levelOf('I renewed my life insurance today, the kids would get the payout if anything happened.')).toBe('NONE');
    });

    it("should rate one's own death disguised as an accident as a plan (HIGH); not a dashcam claim or a crime show", () => {
      expect(levelOf('If I drove off the road at the bend it would look like an accident.')).toBe('HIGH');
      expect(levelOf('If I crashed it would look like an accident on the dashcam footage.')).toBe('NONE');
      expect(levelOf('In the show the killer drove the car so it would look like an accident.')).toBe('NONE');
    });

    it("should rate command voices to die or self-harm as HIGH; not a film's narrator or a voice telling one to quit", () => {
      expect(levelOf('the voices are telling me to kill myself again')).toBe('HIGH');
      expect(levelOf('The voice in the movie keeps telling him to jump.')).toBe('NONE');
      expect(levelOf('A little voice keeps saying I should quit my job.')).toBe('NONE');
    });

    it('should rate asking whether counted pills will be enough as HIGH; not pills counted for a trip', () => {
      expect(levelOf('Counted out 60 of my painkillers. That should be enough.')).toBe('HIGH');
      expect(levelOf('I have 30 tablets left, that should be enough for the trip.')).toBe('NONE');
      expect(levelOf('I bought two bags of flour. That should be enough.')).toBe('NONE');
    });

    it('should rate looking up the dose in milligrams as HIGH; not looking up the dose of a cold remedy without an outcome', () => {
      expect(levelOf('looked up how many mg of paracetamol it would take')).toBe('HIGH');
      expect(levelOf('looked up how many mg of paracetamol I can take for a fever')).toBe('NONE');
    });

    it('should rate a chosen place beside ideation as a plan (HIGH or above); a picked spot alone or for a picnic is nothing', () => {
      expect(isAtLeast(levelOf('I want to end my life. I found a place near the river.'), 'HIGH')).toBe(true);
      expect(levelOf('We picked a spot by the lake.')).toBe('NONE');
      expect(levelOf('I want to die some days, but we picked a spot for the picnic.')).toBe('MODERATE');
    });

    it('should rate farewells that corroborate each other as IMMINENT (absolving, a last message passed on, no more posts); each alone is nothing', () => {
      expect(levelOf("please don't blame yourselves. tell my sister i love her.")).toBe('IMMINENT');
      expect(levelOf("I won't be posting again after tonight. Don't blame anyone.")).toBe('IMMINENT');
      expect(levelOf("Tell my mum I love her, I'll be home late.")).toBe('NONE');
      expect(levelOf("Please don't blame yourself for how you feel.")).toBe('NONE');
      expect(levelOf("I won't be posting again after tonight, exams start tomorrow and I'm deleting the app.")).toBe('NONE');
    });

    it("should rate letters written beside one's will as preparation (IMMINENT); a will alone is a chore", () => {
      expect(levelOf("I've finished all the letters. They're next to my will.")).toBe('IMMINENT');
      expect(levelOf('I updated my will after the baby was born.')).toBe('NONE');
    });

    it('should read "today" in a counted anniversary as the anniversary, not recency', () => {
      expect(levelOf('two years clean from self harm today')).toBe('LOW');
      expect(levelOf('I relapsed and cut myself today')).toBe('HIGH');
    });

    it('should rate hoping not to wake up, with "just", as passive ideation (MODERATE); disappointed to wake up too', () => {
      expect(levelOf("I keep hoping I just don't wake up.")).toBe('MODERATE');
      expect(levelOf('Every morning I am disappointed when I wake up.')).toBe('MODERATE');
      expect(levelOf("I'm hoping I just don't wake up late tomorrow.")).toBe('NONE');
    });
  });

  describe("probe 9's second set: constructs that generalised (a death judged no loss, others' gain by one's absence, striking oneself, a concealed plan)", () => {
    it("should rate one's own death judged no loss as passive ideation (MODERATE); not a death judged a bad thing", () => {
      expect(levelOf('if i was gone it would honestly be a relief')).toBe('MODERATE');
      expect(levelOf("If I died tomorrow I don't think it would be a bad thing.")).toBe('MODERATE');
      expect(levelOf('If I died tomorrow it would be a bad thing for my kids, so I keep going.')).toBe('NONE');
    });

    it("should rate others' gain by one's absence as passive ideation (MODERATE); not an evening away", () => {
      expect(levelOf("My wife would have an easier life if I wasn't around anymore.")).toBe('MODERATE');
      expect(levelOf("My flatmates would have more space if I wasn't here this weekend.")).toBe('NONE');
    });

    it('should rate a wish to sleep that ends it, and "the sooner the better" of life ending, as passive ideation (MODERATE); not a nap', () => {
      expect(levelOf('I wish I could just close my eyes on the sofa and that would be it.')).toBe('MODERATE');
      expect(levelOf("I'm just waiting until it ends. The sooner the better.")).toBe('MODERATE');
      expect(levelOf('I wish I could just fall asleep on the train and wake up at home.')).toBe('NONE');
      expect(levelOf('Want the exam over with, the sooner the better.')).toBe('NONE');
    });

    it('should rate striking oneself to injury, and wanting to do worse to oneself, as self-harm (HIGH); not a wall punched in a film', () => {
      expect(levelOf('punched the wall till my knuckles bled')).toBe('HIGH');
      expect(levelOf('I want to do something worse to myself tonight')).toBe('HIGH');
      expect(levelOf('I punched the wall once when I was angry.')).toBe('NONE');
    });

    it('should rate a plan concealed from a clinician as a plan (HIGH or above); not a phone plan', () => {
      expect(isAtLeast(levelOf('The nurse asked if I had a plan to hurt myself. I lied and said no.'), 'HIGH')).toBe(true);
      expect(levelOf('They asked if I was happy with my phone plan and I lied and said no.')).toBe('NONE');
    });

    it('should rate asking for a reason not to do it as HIGH; a purchase beside it does not page (the older reason-to-stay phrase still asks a person to look)', () => {
      expect(levelOf('Tell me one good reason not to end it.')).toBe('HIGH');
      expect(levelOf('Give me one reason not to do it, the shoes are on sale.')).toBe('MODERATE');
    });

    it('should rate climbing back once talked down, after climbing over, as an interrupted attempt (HIGH); not a climb down from a tree', () => {
      expect(levelOf('Climbed over the railing at the bridge. A man started talking to me and I climbed back.')).toBe('HIGH');
      expect(levelOf('I climbed back.')).toBe('NONE');
      expect(levelOf('The cat got stuck on the ledge of the tree. I climbed back down.')).toBe('NONE');
    });

    it('should rate looking up the tallest buildings or roof access as means researched (a person looks); not a trip', () => {
      expect(levelOf('googled the tallest buildings in my city that have roof access')).toBe('MODERATE');
      expect(levelOf('I looked up the tallest buildings in the world for my homework.')).toBe('NONE');
    });
  });
  describe('probe 10: implied method and preparation (a ligature anchored, a dose researched, means bought covertly, trains let go by), and wishes in other words', () => {
    it('should rate a ligature set up on an anchor point as an attempt (HIGH or above); not a swing', () => {
      expect(levelOf('I tied my dog lead to the banister last night.')).toBe('HIGH');
      expect(levelOf('We tied the rope to the beam in the garden for the kids swing.')).toBe('NONE');
    });

    it('should rate being found with a ligature as an interrupted attempt (HIGH or above); not being found asleep', () => {
      expect(isAtLeast(levelOf('My mum found me in the garage with the rope around my neck.'), 'HIGH')).toBe(true);
      expect(levelOf('My mum found me asleep in the garage with the dog.')).toBe('NONE');
    });

    it('should rate researching a lethal dose as means (HIGH or above); not a course question', () => {
      expect(isAtLeast(levelOf('been googling how much paracetamol would be enough'), 'HIGH')).toBe(true);
      expect(isAtLeast(levelOf('I looked up the lethal dose of my sleeping tablets'), 'HIGH')).toBe(true);
      expect(levelOf('been reading about how many pills it would take for my pharmacology exam')).toBe('NONE');
    });

    it('should rate pills bought so as not to be asked as preparation (HIGH or above); not a closed shop', () => {
      expect(isAtLeast(levelOf('Got more painkillers from another chemist this morning.'), 'HIGH')).toBe(true);
      expect(levelOf('Got my meds from another pharmacy because mine was closed.')).toBe('NONE');
    });

    it('should rate self-harm shorthand as self-harm (HIGH); not a shed', () => {
      expect(levelOf("sh'd after group today")).toBe('HIGH');
      expect(levelOf('been sh-ing again, nobody knows')).toBe('HIGH');
      expect(levelOf('we built a shed again this summer')).toBe('NONE');
    });

    it('should rate a wish to stop existing as passive ideation (MODERATE); not a shop that stopped existing', () => {
      expect(levelOf('I just want to stop existing.')).toBe('MODERATE');
      expect(levelOf('Nobody would notice if I ceased to exist.')).toBe('MODERATE');
      expect(levelOf('That bakery stopped existing years ago.')).toBe('NONE');
    });

    it('should rate ending it by a season or a date as active ideation (HIGH); not a lease', () => {
      expect(levelOf('I could end it this winter and nobody would be surprised.')).toBe('HIGH');
      expect(levelOf('I could end it before christmas, the lease has a break clause.')).toBe('NONE');
    });

    it('should rate notes written one for each of the family as a goodbye (HIGH or above); not birthday cards', () => {
      expect(isAtLeast(levelOf('Finished the letters. One for my dad and one for my brother.'), 'HIGH')).toBe(true);
      expect(levelOf('Wrote the birthday cards tonight, one for my dad and one for my brother.')).toBe('NONE');
    });

    it('should rate loose ends tied up beside another preparation as a plan; alone, or at work, nothing', () => {
      expect(isAtLeast(levelOf('Rehomed my cats this week. All the loose ends are tied up now.'), 'HIGH')).toBe(true);
      expect(levelOf('Tying up loose ends at work before my maternity leave.')).toBe('NONE');
      expect(levelOf('All the loose ends are tied up.')).toBe('NONE');
    });

    it('should rate lingering at a height beside the edge as an aborted attempt (HIGH); slowing down on an icy bridge is driving', () => {
      expect(levelOf('I slow down on the bridge every morning. Yesterday I stood at the railing for an hour.')).toBe('HIGH');
      expect(levelOf('I always slow down on the bridge when it is icy.')).toBe('NONE');
    });

    it('should rate trains let go by on a platform, with the trains that do not stop, as HIGH or above; a full train is a commute', () => {
      expect(isAtLeast(levelOf('At the station again. Freight trains do not stop here. Watched three go by.'), 'HIGH')).toBe(true);
      expect(levelOf('Let two trains go by at the station because they were packed.')).toBe('NONE');
    });

    it('should rate pills taken unnamed, by where they were kept, as an overdose (IMMINENT); not a cupboard emptied to clean', () => {
      expect(levelOf('i swallowed everything in the medicine cabinet')).toBe('IMMINENT');
      expect(levelOf('I took everything in the cupboard out to clean it.')).toBe('NONE');
    });

    it('should rate "it has to look like an accident" of the act as a plan (HIGH); not a detective story', () => {
      expect(levelOf('It would have to look like an accident so the kids never know.')).toBe('HIGH');
      expect(levelOf('In the film the killer wanted it to look like an accident.')).toBe('NONE');
    });

    it('should rate being glad to be hit by a bus, the accident said first, as passive ideation (MODERATE); not a late bus', () => {
      expect(levelOf('if a truck hit me on the way home i would honestly not mind')).toBe('MODERATE');
      expect(levelOf('if the bus is late again i would not mind, more time for coffee')).toBe('NONE');
    });

    it('should rate command voices naming water or traffic as HIGH or above; not a film', () => {
      expect(isAtLeast(levelOf('the voice keeps telling me to step in front of a train'), 'HIGH')).toBe(true);
      expect(levelOf('In the movie a voice keeps telling him to walk into the sea.')).toBe('NONE');
    });

    it('should rate sleeping and not coming back as passive ideation (MODERATE); not a nap until noon', () => {
      expect(levelOf('I want to go to sleep and not come back.')).toBe('MODERATE');
      expect(levelOf('going to sleep and not waking up until noon tomorrow')).toBe('NONE');
    });

    it('should read a peer speaking of "when I was where you are" as the past (a person is not paged)', () => {
      expect(levelOf('When I was where you are I wanted to kill myself every day.')).toBe('LOW');
      expect(levelOf('I want to kill myself every day.')).toBe('HIGH');
    });

    it('should rate means put back, the means readied in the sentence before, as an aborted attempt (HIGH or above); "back in" is not the distant past', () => {
      expect(isAtLeast(levelOf('Had all my pills lined up on the bed. Then I put them back.'), 'HIGH')).toBe(true);
      expect(levelOf('I counted my pills into the organiser. Then I put them back in the cupboard.')).toBe('NONE');
    });
  });
  describe("probe 10's second set: constructs that generalised (means in front of one, survivability looked up, stocking up, a home tidied for those left, method questions, an apology for everything)", () => {
    it('should rate pills in front of one as means at hand (HIGH or above); not a headache', () => {
      expect(isAtLeast(levelOf('sitting here with a box of sleeping pills next to me'), 'HIGH')).toBe(true);
      expect(levelOf('I have a packet of painkillers next to me for this headache.')).toBe('NONE');
    });

    it('should rate looking up whether a fall is survivable as method research (HIGH); not a stunt in a film', () => {
      expect(levelOf('I looked up how many floors you need to be sure.')).toBe('HIGH');
      expect(levelOf('We googled whether you can survive a fall from a plane after the film.')).toBe('NONE');
    });

    it('should rate pills stocked up beside a prescriber deceived as stockpiling (HIGH or above); not a cold season', () => {
      expect(isAtLeast(levelOf('I have been building up my sertraline by telling my psychiatrist it is not working.'), 'HIGH')).toBe(true);
      expect(levelOf('Stocked up on cold meds before winter.')).toBe('NONE');
    });

    it('should rate a home tidied for those left, beside a deadline one set oneself, as preparation (HIGH or above); not guests', () => {
      expect(
        isAtLeast(
          levelOf('I told myself if nothing changed by spring I would give up. Cleared out my room so my parents will not have to sort out my stuff.'),
          'HIGH',
        ),
      ).toBe(true);
      expect(levelOf('Cleaned the flat so nobody has to deal with a mess when the guests arrive.')).toBe('NONE');
    });

    it('should rate self-injury with an improvised tool, the wound named, as self-harm (HIGH); not a reset button', () => {
      expect(levelOf('new marks on my arm. scratched my wrist with a safety pin in class')).toBe('HIGH');
      expect(levelOf('Reset the router with a paperclip, the cable marks the spot.')).toBe('NONE');
    });

    it("should rate a wish for a fatal illness, and waiting for one's body to give out, as passive ideation (MODERATE); not cancer screening", () => {
      expect(levelOf('Some days I hope I get something terminal.')).toBe('MODERATE');
      expect(levelOf('honestly just waiting to die at this point')).toBe('MODERATE');
      expect(levelOf('I wish I had cancer screening sooner, my aunt caught hers late.')).toBe('NONE');
    });

    it("should rate asking what a whole bottle of one's own pills would do as active ideation (HIGH); not a missed dose", () => {
      expect(levelOf('if i swallow all of my quetiapine will i feel anything')).toBe('HIGH');
      expect(levelOf('If I took 2 of my tablets would it hurt? I forgot my dose this morning.')).toBe('NONE');
    });

    it('should rate asking how long until unconscious by a method as active ideation (HIGH); not freediving', () => {
      expect(levelOf('how long until you black out when hanging')).toBe('HIGH');
      expect(levelOf('How long does it take to black out if you hold your breath? Asking for my freediving course.')).toBe('NONE');
    });

    it('should rate "sorry for everything" with "I love you all" as a goodbye (IMMINENT); alone, or a thank-you, nothing', () => {
      expect(levelOf("I'm so sorry for everything. I love you all.")).toBe('IMMINENT');
      expect(levelOf('Thank you all for the support this year, I love you all.')).toBe('NONE');
      expect(levelOf('sorry for everything')).toBe('NONE');
    });

    it('should rate a wish not to be here anymore, or to be erased, as passive ideation (MODERATE); not a boring town', () => {
      expect(levelOf('I would do anything to not exist anymore.')).toBe('MODERATE');
      expect(levelOf('I would give anything to not be here anymore, this meeting is so boring.')).toBe('NONE');
    });

    it('should rate a will changed beside cancelled sessions as preparation (HIGH or above); a will alone is not', () => {
      expect(isAtLeast(levelOf('Updated my will and cancelled my sessions for next month.'), 'HIGH')).toBe(true);
      expect(levelOf('Updated my will after the baby was born.')).toBe('NONE');
    });

    it('should rate the top level at night beside the ledge as an aborted attempt (HIGH); the top level alone is parking', () => {
      expect(levelOf('took the stairs to the top level of the car park. sat on the ledge with my legs dangling.')).toBe('HIGH');
      expect(levelOf('Drove up to the top level of the parking garage to find a space.')).toBe('NONE');
    });
  });
});
