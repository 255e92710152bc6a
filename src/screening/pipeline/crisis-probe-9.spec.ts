import { CRISIS_PROBE_9_FIRST_POSTS, CRISIS_PROBE_9_SECOND_POSTS } from '../../../test/fixtures/crisis-probe-9-posts';
import { checkProbePosts } from '../../../test/helpers/crisis-probe-checks';

/** Probe 9 (test/fixtures/crisis-probe-9-posts.ts): blind natural wording, through the pipeline with the committed model. */
describe('crisis probe 9: blind natural SuicideWatch, depression and IOP wording, through the pipeline with the committed model', () => {
  checkProbePosts('first set, written blind (marks: today)', CRISIS_PROBE_9_FIRST_POSTS);
  checkProbePosts("second set, written after the first set's rules (marks: today)", CRISIS_PROBE_9_SECOND_POSTS);
});
