import { repairAbuseSpelling } from './abuse-spelling-repair';

const repaired = (text: string) => repairAbuseSpelling(text).text;

describe(repairAbuseSpelling.name, () => {
  it('should restore a letter left out of an abuse word', () => {
    expect(repaired('i feel nothing but contmpt for womn')).toBe('i feel nothing but contempt for woman');
    expect(repaired('women should all be killd')).toBe('women should all be killed');
  });

  it('should undo two swapped letters', () => {
    expect(repaired('i haet them')).toBe('i hate them');
    expect(repaired('i want to klil all of them')).toBe('i want to kill all of them');
  });

  it('should undo one letter added, and one changed in a long word', () => {
    expect(repaired('you are an idiiot')).toBe('you are an idiot');
    expect(repaired('you are worthlass')).toBe('you are worthless');
  });

  it('should split an abuse word glued to its neighbour', () => {
    expect(repaired('ihate them')).toBe('i hate them');
    expect(repaired('they are justpathetic')).toBe('they are just pathetic');
    expect(repaired('too manybitches here')).toBe('too many bitches here');
  });

  it('should leave English words one letter away from an abuse word as written', () => {
    for (const text of [
      'you lose some',
      'back at work',
      'they treat me well',
      'a strange day',
      'i was willing',
      'he shot the ball',
      'the heated pool',
      'my dog is a savage',
    ])
      expect(repaired(text)).toBe(text);
  });

  it('should leave short words and unrelated words alone', () => {
    expect(repaired('the hat is red and the cat sat')).toBe('the hat is red and the cat sat');
    expect(repaired('theme park and a therapist')).toBe('theme park and a therapist');
  });

  it('should list each repair it made', () => {
    expect(repairAbuseSpelling('i haet womn').repairs).toEqual([
      { from: 'haet', to: 'hate' },
      { from: 'womn', to: 'woman' },
    ]);
  });
});
