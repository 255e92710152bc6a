import { CasePriority } from '../../common/domain/moderation.enums';
import { PostStatus } from '../../common/domain/post-status.enum';
import { CRISIS_PROBE_8_RUN_ONCE_POSTS, CRISIS_PROBE_8_TUNING_POSTS } from '../../../test/fixtures/crisis-probe-8-posts';
import type { CrisisProbePost } from '../../../test/fixtures/crisis-probe-posts';
import { CrisisModel } from '../crisis-model/crisis-model';
import type { ToxicityScores } from '../toxicity/toxicity.port';
import { isAtLeast } from './crisis-detector';
import { screenText } from './screen-text';

const scores: ToxicityScores = { identity_attack: 0.01, insult: 0.01, obscene: 0.01, severe_toxicity: 0, sexual_explicit: 0, threat: 0, toxicity: 0.02 };

/**
 * Probe 8 (test/fixtures/crisis-probe-8-posts.ts): natural SuicideWatch and r/depression wording
 * through the whole pipeline with the committed model. Known misses stay wrong until their mark is
 * removed (it.failing), so a fix or a regression shows.
 */
describe('crisis probe 8: natural SuicideWatch and depression wording, through the pipeline with the committed model', () => {
  const crisisModel = CrisisModel.loadCommitted();
  const screen = (text: string) =>
    screenText(text, { watchedWords: [], toxicity: { modelVersion: 'test-1', backend: 'cpu', classify: () => Promise.resolve(scores) }, crisisModel });

  const check = (name: string, posts: readonly CrisisProbePost[]) => {
    describe(name, () => {
      for (const post of posts.filter((item) => isAtLeast(item.expected, 'MODERATE'))) {
        const run = post.knownMiss ? it.failing : it;
        run(`should flag ${post.id} (${post.expected})${post.knownMiss ? ` [known miss: ${post.knownMiss}]` : ''}`, async () => {
          const sut = await screen(post.text);
          expect(isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.casePriority !== null).toBe(true);
        });
      }
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

  check('tuning posts (the first rules were written against these)', CRISIS_PROBE_8_TUNING_POSTS);
  check('written after the rules, run once each round (marks: today)', CRISIS_PROBE_8_RUN_ONCE_POSTS);
});
