import { normaliseText } from '../pipeline/normalise';
import { detectCrisis } from '../pipeline/crisis-detector';
import { crisisLevelWithModel, crisisWithModel } from './combine-crisis-level';
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
