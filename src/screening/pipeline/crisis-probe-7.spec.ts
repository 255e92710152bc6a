import { CRISIS_PROBE_7_LATE_POSTS, CRISIS_PROBE_7_POSTS, CRISIS_PROBE_7_TUNING_POSTS } from '../../../test/fixtures/crisis-probe-7-posts';
import { checkProbePosts } from '../../../test/helpers/crisis-probe-checks';
import { isAtLeast } from './crisis-detector';

/**
 * Probe 7 (test/fixtures/crisis-probe-7-posts.ts): suicidal behaviour told plainly, and hard
 * negatives in the same words, through the whole pipeline with the committed model. The held-out
 * set was run once after the rules; its marks record that run. Known misses stay wrong until the
 * mark is removed (it.failing), so a fix or a regression shows.
 */
describe('crisis probe 7: suicidal behaviour told plainly, through the pipeline with the committed model', () => {
  it('should hold enough posts of each kind to mean something', () => {
    expect(CRISIS_PROBE_7_POSTS.filter((post) => isAtLeast(post.expected, 'MODERATE')).length).toBeGreaterThanOrEqual(25);
    expect(CRISIS_PROBE_7_POSTS.filter((post) => !isAtLeast(post.expected, 'MODERATE')).length).toBeGreaterThanOrEqual(15);
  });

  checkProbePosts('held out (written before the rules, run once after them)', CRISIS_PROBE_7_POSTS);
  checkProbePosts('written after the rules, run once (most are known misses: phrase rules do not carry to new wording)', CRISIS_PROBE_7_LATE_POSTS);
  checkProbePosts('tuning posts (the rules were written against these)', CRISIS_PROBE_7_TUNING_POSTS);
});
