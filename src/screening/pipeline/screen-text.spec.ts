import { NotificationKind } from '../../notifications/entities/notification.entity';
import type { ToxicityClassifierPort, ToxicityScores } from '../toxicity/toxicity.port';
import { authorNoticeText, DEFAULT_CRISIS_RESOURCES } from './crisis-resources';
import { detectCrisis } from './crisis-detector';
import { normaliseText } from './normalise';
import { decideAfterScreeningFailed } from './screening-policy';
import { screenText, ToxicityTimeoutError } from './screen-text';
import { CrisisModel } from '../crisis-model/crisis-model';

const scores: ToxicityScores = {
  identity_attack: 0.01,
  insult: 0.01,
  obscene: 0.01,
  severe_toxicity: 0,
  sexual_explicit: 0,
  threat: 0,
  toxicity: 0.02,
};
const classifier = (classify: ToxicityClassifierPort['classify']): ToxicityClassifierPort => ({ modelVersion: 'test-1', backend: 'cpu', classify });

describe(screenText.name, () => {
  it('should run the phases in order and time each one', async () => {
    const sut = await screenText('hello everyone', { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)) });
    expect(sut.phases.map((phase) => phase.name)).toEqual(['normalise', 'crisis', 'crisis-model', 'context', 'watched-words', 'toxicity', 'decide']);
    expect(sut.phases.every((phase) => phase.durationMs >= 0)).toBe(true);
  });

  describe('speaker awareness', () => {
    const crisisModel = CrisisModel.loadCommitted();
    const quoted = 'I want to die, I have no reason to live, I want it all to end';
    const reply = `${quoted}\n\nYou matter to us. Please talk to your care team today, we are here.`;

    it("should not score a quote block as the reply's author crisis, in the patterns or the model", async () => {
      const sut = await screenText(reply, { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)), crisisModel }, { quotedPassages: [quoted] });
      expect(sut.crisis.level).toBe('NONE');
      expect(sut.decision.casePriority).toBeNull();
      const model = sut.phases.find((phase) => phase.name === 'crisis-model');
      expect(model?.name === 'crisis-model' && model.result?.aboveThreshold).toBe(false);
    });

    it('should score the same words as the author crisis without the quote block', async () => {
      const sut = await screenText(reply, { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)), crisisModel });
      expect(sut.crisis.level).toBe('MODERATE');
      const model = sut.phases.find((phase) => phase.name === 'crisis-model');
      expect(model?.name === 'crisis-model' && model.result?.aboveThreshold).toBe(true);
    });
  });

  describe('writing that names suicide without being the author in crisis (patterns and the committed model)', () => {
    const crisisModel = CrisisModel.loadCommitted();
    const screen = (text: string) => screenText(text, { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)), crisisModel });

    it.each([
      ["a therapist's answer", 'Suicidal thoughts are common in depression; if you have a plan, call 988.'],
      [
        "a clinician's longer answer",
        'Thoughts of suicide are a symptom of depression and they are treatable. If you are having thoughts of ending your life, talk to your doctor or call 988 today.',
      ],
      ['general discussion', 'Is it selfish to commit suicide? I read an article about the ethics of assisted dying and the right to die.'],
      ['a therapist reflecting and asking', 'It sounds like you are carrying a lot. Have you talked to your therapist about these feelings of hopelessness?'],
      ["a therapist's definition", 'Self-harm is often a way of coping with overwhelming emotions. A therapist can help you find safer strategies.'],
      ['a therapist naming passive ideation', 'Passive thoughts of death, like wishing you would not wake up, are worth telling your clinician about.'],
      ['a therapist drawing a distinction', "It's okay to not be okay. Wanting the pain to stop is not the same as wanting to die, and both deserve care."],
      ['advice about means', 'If you have access to firearms or stockpiled medication, consider asking someone you trust to hold them for now.'],
      ["a client's good day with a safety plan", 'My therapist and I worked on my safety plan today and I feel more hopeful.'],
      ['recovery told with the time since', "I used to cut in high school but I've been clean for six years now and I'm proud of that."],
      ['an idiom with a laugh', 'This job is killing me, lol. I need a vacation.'],
      ['a therapist on how the feelings behave', 'Suicidal feelings can come in waves. Noticing the wave is the first skill we practise.'],
      ['a therapist naming a death wish', 'Wishing you would get hit by a car is a passive death wish, and it is worth telling your care team.'],
      ['a counselor on their caseload', 'As a school counselor, I have worked with students who tried to end their lives. Most of them are doing well now.'],
      ["a nurse describing patients' words", 'Many of the patients I see tell me they wish they were dead when they first arrive.'],
      ['a peer worker on how common the thoughts are', 'It is really common to have thoughts of suicide after a breakup. Reaching out was the right call.'],
      ['a quoted example of a passive thought', "Thoughts such as 'it would be easier if I were gone' are worth bringing to group."],
      ["advice about a friend's disclosure", 'If your friend tells you she wants to kill herself, believe her, stay close and call 988 together.'],
      ['a film that moved the author', 'A movie about suicide made me cry last night.'],
      ['a book the author read', 'I read a book about suicide for my psychology class.'],
      ["a brother's attempt", 'My brother attempted last year.'],
      [
        'lethal-means counselling',
        'Removing access to firearms and stockpiled medication is one of the most effective ways to keep someone safe during a crisis.',
      ],
      ['a bereavement answer', 'Grief after losing someone to suicide can bring guilt and anger. Support groups for survivors of suicide loss can help.'],
      ['a myth corrected', 'Self-harm is not attention seeking. It is usually a way to cope with overwhelming feelings, and it deserves compassion.'],
    ])('should publish %s with no case', async (_kind, text) => {
      const sut = await screen(text);
      expect(sut.crisis.level).not.toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(sut.decision.status).toBe('PUBLISHED');
      expect(sut.decision.casePriority).toBeNull();
    });

    it.each([
      ['a plan beside what a therapist said', 'My therapist says suicidal thoughts are common, but I have a plan now.', /HIGH|IMMINENT/],
      ['a wish beside how many people feel', 'Many people feel this way; I want to die too.', /MODERATE|HIGH|IMMINENT/],
      ['a nurse saving her own supply', 'As a nurse I know the doses, and I have been saving mine.', /HIGH|IMMINENT/],
      ['a counselor with their own wish', 'As a counselor I hear this from clients all the time, and lately I want to die myself.', /MODERATE|HIGH|IMMINENT/],
    ])('should still queue %s', async (_kind, text, level) => {
      const sut = await screen(text);
      expect(sut.crisis.level).toMatch(level);
      expect(sut.decision.casePriority).not.toBeNull();
    });

    it('should still queue the author saying the same in the first person', async () => {
      const sut = await screen('I have suicidal thoughts every day and I have a plan.');
      expect(sut.crisis.level).toMatch(/MODERATE|HIGH|IMMINENT/);
    });

    it.each([
      ['passive ideation', "I don't want to be here anymore."],
      ['behaviour back after recovery', 'I was clean for two years but I relapsed and cut again last night.'],
      ['looking up the means', "I've been looking up how many pills it would take."],
      ['a wish to die by accident', 'Sometimes I hope I get hit by a car on the way to work.'],
    ])('should still queue %s in the first person', async (_kind, text) => {
      const sut = await screen(text);
      expect(sut.crisis.level).toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(sut.decision.casePriority).not.toBeNull();
    });
  });

  describe('short explicit crisis posts (patterns and the committed model, fourth run)', () => {
    const crisisModel = CrisisModel.loadCommitted();
    const screen = (text: string) => screenText(text, { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)), crisisModel });

    it.each([
      ['an aborted jump told with its time', 'Last night I almost jumped. I was standing there for an hour.', 'HIGH'],
      ['an aborted jump from a bridge', 'I nearly jumped off the bridge last week.', 'HIGH'],
      ['a near-act with the rope ready', 'I almost did it last night. I had the rope ready.', 'IMMINENT'],
      ['pills in front of the author, stared at', 'There is a bottle of pills in front of me right now and I keep staring at it.', 'IMMINENT'],
      ['all the pills lined up tonight', 'I have all my pills lined up on the table tonight.', 'IMMINENT'],
      ['a lethal place tonight and a goodbye', "I'm going to the bridge tonight. Goodbye everyone.", 'IMMINENT'],
      ['letters in case the author does not make it', "I wrote letters to my family in case I don't make it through the weekend.", 'IMMINENT'],
    ])('should hold %s and page a clinician', async (_kind, text, level) => {
      const sut = await screen(text);
      expect(sut.crisis.level).toBe(level);
      expect(sut.decision).toEqual(
        expect.objectContaining({ status: 'HELD', casePriority: 'URGENT', escalation: expect.objectContaining({ severity: level }) }),
      );
    });

    it('should hold a plan with a lethal place and a time for a person to look at, without a page', async () => {
      const sut = await screen('My plan is to drive to the bridge after work on Friday.');
      expect(sut.crisis.level).toBe('MODERATE');
      expect(sut.decision.status).toBe('HELD');
      expect(sut.decision.casePriority).not.toBeNull();
      expect(sut.decision.escalation).toBeNull();
    });

    it('should queue a wish to disappear forever', async () => {
      const sut = await screen('I wish I could just disappear forever.');
      expect(sut.crisis.level).toBe('MODERATE');
      expect(sut.decision.casePriority).not.toBeNull();
    });

    it.each([
      ['a startle', 'I almost jumped out of my skin when the door slammed.'],
      ['a trip with a sister', 'My plan is to drive to the beach this weekend with my sister.'],
      ['a farewell to the program', 'Graduating the program today. Goodbye everyone, thank you!'],
      ['letters before surgery', "I wrote letters to my kids in case I don't make it through surgery."],
      ['a quoted line', '"I almost jumped off the bridge" is a line from the book.'],
    ])('should publish %s with no case', async (_kind, text) => {
      const sut = await screen(text);
      expect(sut.crisis.level).not.toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(sut.decision.status).toBe('PUBLISHED');
      expect(sut.decision.casePriority).toBeNull();
    });

    // Known false alarms of the learned model since it learns from the project's own posts
    // (CRISIS_MODEL_CONFIG.ownPostsWeight): a lethal-means word alone in a short post weighs much.
    // Published with a peer's case; it.failing shows the day they pass.
    it.failing.each([
      ['a club night', 'I am going to the bridge club tonight.'],
      ['a pill organiser', 'I have my pills lined up in my weekly organizer.'],
      ["a friend's near-jump", 'My friend almost jumped off the bridge last week.'],
    ])('should publish %s with no case [known false alarm of the learned model]', async (_kind, text) => {
      const sut = await screen(text);
      expect(sut.crisis.level).not.toMatch(/MODERATE|HIGH|IMMINENT/);
      expect(sut.decision.casePriority).toBeNull();
    });
  });

  it('should publish an ordinary post when the model is available', async () => {
    const sut = await screenText('Group went well today', { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)) });
    expect(sut.decision.status).toBe('PUBLISHED');
  });

  it('should record the model version with the scores', async () => {
    const sut = await screenText('hi', { watchedWords: [], toxicity: classifier(() => Promise.resolve(scores)) });
    expect(sut.toxicity).toEqual(expect.objectContaining({ status: 'scored', modelVersion: 'test-1', abusiveLabels: [] }));
  });

  it('should record toxicity as unavailable when there is no model', async () => {
    const sut = await screenText('hi', { watchedWords: [], toxicity: null });
    expect(sut.toxicity).toEqual({ status: 'unavailable' });
  });

  it('should pass policy overrides to the decision', async () => {
    const sut = await screenText('hi', { watchedWords: [], toxicity: null, policy: { toxicityRequired: false } });
    expect(sut.decision.status).toBe('PUBLISHED');
  });

  it('should hold a crisis post even without the model', async () => {
    const sut = await screenText("I've saved up 40 pills and tonight is the night", { watchedWords: [], toxicity: null });
    expect(sut.decision).toEqual(expect.objectContaining({ status: 'HELD', casePriority: 'URGENT', riskSignal: 'IMMINENT' }));
  });

  it('should apply the admin watched words', async () => {
    const sut = await screenText('b 4 d w 0 r d', {
      watchedWords: [{ id: 'w1', term: 'badword', action: 'HOLD' }],
      toxicity: null,
      policy: { toxicityRequired: false },
    });
    expect(sut.decision.reasons).toEqual(['WATCHED_WORD']);
  });

  it('should let a failing classifier fail the screening', async () => {
    const failing = classifier(() => Promise.reject(new Error('model crashed')));
    await expect(screenText('hello', { watchedWords: [], toxicity: failing })).rejects.toThrow('model crashed');
  });

  it('should fail the screening when the classifier does not answer in time', async () => {
    const hung = classifier(() => new Promise<ToxicityScores>(() => undefined));
    await expect(screenText('hello', { watchedWords: [], toxicity: hung, toxicityTimeoutMs: 20 })).rejects.toBeInstanceOf(ToxicityTimeoutError);
  });

  it('should decide a post the crisis phase holds without waiting for a broken model', async () => {
    const hung = classifier(() => new Promise<ToxicityScores>(() => undefined));
    const sut = await screenText("I've saved up 40 pills and tonight is the night", { watchedWords: [], toxicity: hung, toxicityTimeoutMs: 20 });
    expect(sut.toxicity).toEqual({ status: 'failed', error: 'ToxicityTimeoutError' });
    expect(sut.decision).toEqual(
      expect.objectContaining({ status: 'HELD', casePriority: 'URGENT', escalation: expect.objectContaining({ severity: 'IMMINENT' }) }),
    );
  });
});

describe(decideAfterScreeningFailed.name, () => {
  it('should hold with an URGENT case and a kind note when nothing could be read', () => {
    expect(decideAfterScreeningFailed()).toEqual(
      expect.objectContaining({ status: 'HELD', reasons: ['SCREENING_FAILED'], escalation: null, authorNotice: 'POST_HELD' }),
    );
  });

  it('should keep what the crisis phase found: a page, a risk signal and resources', () => {
    const crisis = detectCrisis(normaliseText('I want to kill myself'));
    const sut = decideAfterScreeningFailed(crisis);
    expect(sut.reasons).toEqual(expect.arrayContaining(['CRISIS', 'SCREENING_FAILED']));
    expect(sut.escalation).not.toBeNull();
    expect(sut.riskSignal).toBe(crisis.level);
    expect(sut.authorNotice).toBe('CRISIS_RESOURCES');
  });
});

describe(authorNoticeText.name, () => {
  it('should offer 988 by default', () => {
    expect(authorNoticeText(NotificationKind.CRISIS_RESOURCES).body).toContain(DEFAULT_CRISIS_RESOURCES);
  });

  it('should use the program line when one is configured', () => {
    expect(authorNoticeText(NotificationKind.CRISIS_RESOURCES, 'Call the Riverside IOP line at 555-0100.').body).toContain('555-0100');
  });

  it('should never tell the author they were flagged as suicidal', () => {
    const texts = ([NotificationKind.CRISIS_RESOURCES, NotificationKind.SUPPORTIVE_RESOURCES, NotificationKind.POST_HELD] as const).map(
      (notice) => authorNoticeText(notice).body,
    );
    expect(texts.some((text) => /flagged|suicidal/i.test(text))).toBe(false);
  });
});
