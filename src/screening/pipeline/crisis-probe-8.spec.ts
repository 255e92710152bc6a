import { CRISIS_PROBE_8_RUN_ONCE_POSTS, CRISIS_PROBE_8_TUNING_POSTS } from '../../../test/fixtures/crisis-probe-8-posts';
import { checkProbePosts } from '../../../test/helpers/crisis-probe-checks';

/** Probe 8 (test/fixtures/crisis-probe-8-posts.ts): natural SuicideWatch and r/depression wording, through the pipeline with the committed model. */
describe('crisis probe 8: natural SuicideWatch and depression wording, through the pipeline with the committed model', () => {
  checkProbePosts('tuning posts (the first rules were written against these)', CRISIS_PROBE_8_TUNING_POSTS);
  checkProbePosts('written after the rules, run once each round (marks: today)', CRISIS_PROBE_8_RUN_ONCE_POSTS);
});
