import { CRISIS_PROBE_10_FIRST_POSTS, CRISIS_PROBE_10_SECOND_POSTS, CRISIS_PROBE_10_THIRD_POSTS } from '../../../test/fixtures/crisis-probe-10-posts';
import { checkProbePosts } from '../../../test/helpers/crisis-probe-checks';

/** Probe 10 (test/fixtures/crisis-probe-10-posts.ts): longer natural posts, implied means and preparation, through the pipeline with the committed model. */
describe('crisis probe 10: longer natural posts and implied preparation, through the pipeline with the committed model', () => {
  checkProbePosts('first set, written blind (marks: today)', CRISIS_PROBE_10_FIRST_POSTS);
  checkProbePosts("second set, written after the first set's rules, run once (marks: today)", CRISIS_PROBE_10_SECOND_POSTS);
  checkProbePosts("third set, written after the second set's rules, run once (marks: today)", CRISIS_PROBE_10_THIRD_POSTS);
});
