import { normaliseText } from '../pipeline/normalise';
import { detectCrisis } from '../pipeline/crisis-detector';
import { crisisLevelWithModel, crisisWithModel } from './combine-crisis-level';
import { constructTier, extractCrisisFeatures, featureCount, LexiconMatcher, SIGNAL_FAMILIES } from './crisis-features';
import { CrisisModel } from './crisis-model';

const model = CrisisModel.loadCommitted();
const assess = (text: string) => model.assess(normaliseText(text).text);

describe('CrisisModel (committed weights)', () => {
  it('should load offline with a threshold chosen on cross-validation', () => {
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it('should rate a plain wish to die above an ordinary check-in', () => {
    const wish = assess('I want to die, I have no reason to live');
    const checkIn = assess('Group went well today, I tried the breathing exercise and slept better.');
    expect(wish.probability).toBeGreaterThan(checkIn.probability);
    expect(wish.aboveThreshold).toBe(true);
    expect(checkIn.aboveThreshold).toBe(false);
  });

  it('should not raise a short first-person check-in (a long-post artefact it must not learn)', () => {
    expect(assess('Group helped me today and I feel calmer about tomorrow.').aboveThreshold).toBe(false);
    expect(assess('I am ok, I slept and I ate.').aboveThreshold).toBe(false);
  });

  it('should name the features that raised the score, strongest first', () => {
    const { topFeatures } = assess('I want to die, I have no reason to live');
    expect(topFeatures.length).toBeGreaterThan(0);
    expect(topFeatures[0].contribution).toBeGreaterThanOrEqual(topFeatures[topFeatures.length - 1].contribution);
  });

  it('should be deterministic', () => {
    expect(assess('nothing matters anymore').probability).toBe(assess('nothing matters anymore').probability);
  });
});

describe(crisisLevelWithModel.name, () => {
  it('should raise NONE and LOW to MODERATE above the threshold', () => {
    expect(crisisLevelWithModel('NONE', { aboveThreshold: true })).toBe('MODERATE');
    expect(crisisLevelWithModel('LOW', { aboveThreshold: true })).toBe('MODERATE');
  });

  it('should never lower what the patterns found', () => {
    expect(crisisLevelWithModel('HIGH', { aboveThreshold: false })).toBe('HIGH');
    expect(crisisLevelWithModel('IMMINENT', { aboveThreshold: true })).toBe('IMMINENT');
    expect(crisisLevelWithModel('LOW', { aboveThreshold: false })).toBe('LOW');
    expect(crisisLevelWithModel('LOW', null)).toBe('LOW');
  });
});

describe(crisisWithModel.name, () => {
  const over = {
    modelVersion: 'test',
    probability: 0.6,
    threshold: 0.37,
    aboveThreshold: true,
    topFeatures: [{ feature: 'lexicon:Hopelessness', contribution: 0.8 }],
  };
  const under = { ...over, probability: 0.2, aboveThreshold: false };

  it('should raise a post the patterns missed to MODERATE, with the model as evidence', () => {
    const crisis = crisisWithModel(detectCrisis(normaliseText('Nothing left for me, honestly.')), over);
    expect(crisis.level).toBe('MODERATE');
    expect(crisis.evidence.find((item) => item.construct === 'LEARNED_MODEL')?.phrase).toContain(
      'probability 0.60 (threshold 0.37): lexicon:Hopelessness +0.80',
    );
  });

  it('should leave the patterns alone below the threshold', () => {
    const patterns = detectCrisis(normaliseText('Nothing left for me, honestly.'));
    expect(crisisWithModel(patterns, under)).toBe(patterns);
  });

  it('should keep a pattern HIGH as HIGH', () => {
    expect(crisisWithModel(detectCrisis(normaliseText('I want to kill myself.')), over).level).toBe('HIGH');
  });
});

describe('crisis signal features', () => {
  const spec = { hashBits: 4, charNgram: 4, signals: true };
  const lexicon = new LexiconMatcher([]);
  const signalsOf = (text: string) => {
    const features = extractCrisisFeatures(normaliseText(text).text, spec, lexicon, new Set(Array.from({ length: 64 }, (_, index) => index)));
    return [...(features.sources?.values() ?? [])].filter((name) => name.startsWith('signal:'));
  };

  it('should name each family', () => {
    expect(SIGNAL_FAMILIES.map((family) => family.name)).toEqual([
      'signal:past-behaviour',
      'signal:intent-plan',
      'signal:passive-ideation',
      'signal:care-for-you',
    ]);
  });

  it('should see past self-directed behaviour told in the first person, not someone else', () => {
    expect(signalsOf('The last time I tried I ended up in the hospital.')).toContain('signal:past-behaviour');
    expect(signalsOf('I cut myself again last week')).toContain('signal:past-behaviour');
    expect(signalsOf('My brother tried out for the team.')).not.toContain('signal:past-behaviour');
  });

  it('should see preparation, not ordinary errands', () => {
    expect(signalsOf('I wrote a note and I have a plan.')).toContain('signal:intent-plan');
    expect(signalsOf('I wrote an essay for class.')).not.toContain('signal:intent-plan');
  });

  it('should see passive ideation, not tiredness', () => {
    expect(signalsOf('I wish I was dead, there is no point in living.')).toContain('signal:passive-ideation');
    expect(signalsOf('I am so tired of work this week.')).not.toContain('signal:passive-ideation');
  });

  it('should see a reply written to someone in crisis', () => {
    expect(signalsOf('Please do not do it. You are not alone, talk to someone.')).toEqual(['signal:care-for-you']);
    expect(signalsOf('I feel so alone tonight.')).toEqual([]);
  });

  it('should add the signals only when asked', () => {
    const text = normaliseText('I wish I was dead').text;
    const without = extractCrisisFeatures(text, { ...spec, signals: false }, lexicon);
    const withSignals = extractCrisisFeatures(text, spec, lexicon);
    expect(withSignals.indices.length).toBe(without.indices.length + 1);
  });
});

describe('crisis construct-tier features', () => {
  const spec = { hashBits: 4, charNgram: 4, signals: false, tiers: true };
  const lexicon = new LexiconMatcher([
    { name: 'Lethal means for suicide', terms: ['pills', 'rope'] },
    { name: 'Passive suicidal ideation', terms: ['want to die'] },
    { name: 'Anxiety', terms: ['panic'] },
  ]);
  const tiersOf = (text: string) => {
    const features = extractCrisisFeatures(normaliseText(text).text, spec, lexicon, new Set(Array.from({ length: 64 }, (_, index) => index)));
    return [...(features.sources?.values() ?? [])].filter((name) => name.startsWith('tier:')).sort();
  };

  it('should read the tier of a construct from its name, as the lexicon rates it', () => {
    expect(constructTier('Lethal means for suicide')).toBe('high');
    expect(constructTier('Direct self-injury')).toBe('high');
    expect(constructTier('Passive suicidal ideation')).toBe('moderate');
    expect(constructTier('Hopelessness')).toBeNull();
    expect(constructTier('Anxiety')).toBeNull();
  });

  it('should count high and moderate constructs said in the first person', () => {
    expect(tiersOf('I have the pills saved and I want to die.')).toEqual([
      'tier:high-constructs',
      'tier:high-constructs-first-person',
      'tier:moderate-constructs',
      'tier:moderate-constructs-first-person',
    ]);
  });

  it('should count advice to someone else naming the same constructs without the first-person tier', () => {
    expect(tiersOf('Please give the pills to a friend. You do not have to want to die alone.')).toEqual(['tier:high-constructs', 'tier:moderate-constructs']);
  });

  it('should not count context-only constructs', () => {
    expect(tiersOf('I had a panic attack at work.')).toEqual([]);
  });

  it('should add the tier features only when asked', () => {
    const text = normaliseText('I want to die').text;
    const without = extractCrisisFeatures(text, { ...spec, tiers: false }, lexicon);
    expect(extractCrisisFeatures(text, spec, lexicon).indices.length).toBe(without.indices.length + 2);
    expect(featureCount(spec, lexicon)).toBe(featureCount({ ...spec, tiers: false }, lexicon) + 4);
  });
});
