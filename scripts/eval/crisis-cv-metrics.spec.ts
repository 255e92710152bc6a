import { chooseModerateThreshold } from '../crisis-model/train-crisis-model';
import { checkInIds, crisisCvMetrics, type OutOfFoldPrediction } from './crisis-cv-metrics';

const post = (id: string, author: string, label: OutOfFoldPrediction['label'], level: OutOfFoldPrediction['level']): OutOfFoldPrediction => ({
  id,
  author,
  fold: 0,
  label,
  level,
});

describe(checkInIds.name, () => {
  it('should open a check-in for a LOW post after the same author was flagged', () => {
    const posts = [post('a-0', 'a', 'moderate', 'MODERATE'), post('a-1', 'a', 'moderate', 'LOW'), post('a-2', 'a', 'none', 'NONE')];
    expect([...checkInIds(posts)]).toEqual(['a-1']);
  });

  it('should not open one before the flag, for another author, or for a post already flagged', () => {
    const posts = [post('a-0', 'a', 'low', 'LOW'), post('a-1', 'a', 'high', 'HIGH'), post('a-2', 'a', 'high', 'MODERATE'), post('b-0', 'b', 'low', 'LOW')];
    expect(checkInIds(posts).size).toBe(0);
  });

  it('should count check-ins as a human look, never as a new author found', () => {
    const metrics = crisisCvMetrics([post('a-0', 'a', 'high', 'HIGH'), post('a-1', 'a', 'moderate', 'LOW'), post('b-0', 'b', 'moderate', 'LOW')]);
    expect(metrics.recall).toBeCloseTo(1 / 3);
    expect(metrics.recallWithCheckIn).toBeCloseTo(2 / 3);
    expect(metrics.authorRecall).toBeCloseTo(0.5);
    expect(metrics.authorRecallWithCheckIn).toBeCloseTo(0.5);
  });
});

describe(chooseModerateThreshold.name, () => {
  const selection = {
    patternFlagged: [false, false, false, false],
    isNone: [true, false, true, false],
    isPositive: [false, true, false, true],
    maxNoneFlagged: 0.5,
    minPrecision: 0.6,
  };

  it('should take the lowest threshold that keeps the none rate and the precision', () => {
    // At 0.21 one none post (0.4) is flagged with both positives: none 50%, precision 0.67; at 0.2 both none posts are.
    expect(chooseModerateThreshold([0.4, 0.9, 0.2, 0.3], selection)).toBe(0.21);
  });

  it('should go higher when precision would fall below the floor', () => {
    // Up to 0.3 two none posts and two positives are flagged (precision 0.5); from 0.41 only the positive 0.9 is.
    expect(chooseModerateThreshold([0.4, 0.9, 0.35, 0.3], { ...selection, maxNoneFlagged: 1 })).toBe(0.41);
  });
});
