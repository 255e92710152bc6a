import { CasePriority } from '../../common/domain/moderation.enums';
import { PostStatus } from '../../common/domain/post-status.enum';
import { CRISIS_PROBE_7_LATE_POSTS, CRISIS_PROBE_7_POSTS, CRISIS_PROBE_7_TUNING_POSTS } from '../../../test/fixtures/crisis-probe-7-posts';
import type { CrisisProbePost } from '../../../test/fixtures/crisis-probe-posts';
import { CrisisModel } from '../crisis-model/crisis-model';
import type { ToxicityScores } from '../toxicity/toxicity.port';
import { isAtLeast } from './crisis-detector';
import { screenText } from './screen-text';

const scores: ToxicityScores = { identity_attack: 0.01, insult: 0.01, obscene: 0.01, severe_toxicity: 0, sexual_explicit: 0, threat: 0, toxicity: 0.02 };

/**
 * Probe 7 (test/fixtures/crisis-probe-7-posts.ts): suicidal behaviour told plainly, and hard
 * negatives in the same words, through the whole pipeline with the committed model. The held-out
 * set was run once after the rules; its marks record that run. Known misses stay wrong until the
 * mark is removed (it.failing), so a fix or a regression shows.
 */
describe('crisis probe 7: suicidal behaviour told plainly, through the pipeline with the committed model', () => {
  const crisisModel = CrisisModel.loadCommitted();
  const screen = (text: string) =>
    screenText(text, { watchedWords: [], toxicity: { modelVersion: 'test-1', backend: 'cpu', classify: () => Promise.resolve(scores) }, crisisModel });

  it('should hold enough posts of each kind to mean something', () => {
    expect(CRISIS_PROBE_7_POSTS.filter((post) => isAtLeast(post.expected, 'MODERATE')).length).toBeGreaterThanOrEqual(25);
    expect(CRISIS_PROBE_7_POSTS.filter((post) => !isAtLeast(post.expected, 'MODERATE')).length).toBeGreaterThanOrEqual(15);
  });

  const check = (name: string, posts: readonly CrisisProbePost[]) => {
    describe(name, () => {
      for (const post of posts.filter((item) => isAtLeast(item.expected, 'MODERATE'))) {
        const run = post.knownMiss ? it.failing : it;
        run(`should flag ${post.id} (${post.expected})${post.knownMiss ? ` [known miss: ${post.knownMiss}]` : ''}`, async () => {
          const sut = await screen(post.text);
          expect(isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.casePriority !== null).toBe(true);
        });
      }
      // HIGH and IMMINENT page a clinician (URGENT); MODERATE is held or queued for a person.
      for (const post of posts.filter((item) => isAtLeast(item.expected, 'HIGH'))) {
        const run = post.knownMiss || post.knownUnderRating ? it.failing : it;
        run(`should page a clinician for ${post.id}${post.knownUnderRating ? ` [known under-rating: ${post.knownUnderRating}]` : ''}`, async () => {
          const sut = await screen(post.text);
          expect(isAtLeast(sut.crisis.level, 'HIGH') && sut.decision.casePriority === CasePriority.URGENT).toBe(true);
        });
      }
      for (const post of posts.filter((item) => !isAtLeast(item.expected, 'MODERATE'))) {
        const run = post.knownMiss ? it.failing : it;
        run(`should not flag ${post.id}${post.knownMiss ? ` [known false alarm: ${post.knownMiss}]` : ''}`, async () => {
          const sut = await screen(post.text);
          expect(!isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.status === PostStatus.PUBLISHED && sut.decision.casePriority === null).toBe(true);
        });
      }
    });
  };

  check('held out (written before the rules, run once after them)', CRISIS_PROBE_7_POSTS);
  check('written after the rules, run once (most are known misses: phrase rules do not carry to new wording)', CRISIS_PROBE_7_LATE_POSTS);
  check('tuning posts (the rules were written against these)', CRISIS_PROBE_7_TUNING_POSTS);
});
