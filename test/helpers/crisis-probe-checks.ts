import { CasePriority } from '../../src/common/domain/moderation.enums';
import { PostStatus } from '../../src/common/domain/post-status.enum';
import { CrisisModel } from '../../src/screening/crisis-model/crisis-model';
import { isAtLeast } from '../../src/screening/pipeline/crisis-detector';
import { screenText } from '../../src/screening/pipeline/screen-text';
import type { ToxicityScores } from '../../src/screening/toxicity/toxicity.port';
import type { CrisisProbePost } from '../fixtures/crisis-probe-posts';

const scores: ToxicityScores = { identity_attack: 0.01, insult: 0.01, obscene: 0.01, severe_toxicity: 0, sexual_explicit: 0, threat: 0, toxicity: 0.02 };

/**
 * A probe set through the whole pipeline with the committed model, as the worker screens it: each
 * post a clinician would want to see (MODERATE or above) opens a case, HIGH and IMMINENT page
 * (URGENT), and no negative is held or queued. Known misses and under-ratings run as it.failing,
 * so a fix or a regression shows until the mark is removed. The learned model also trains on
 * these posts (CRISIS_MODEL_CONFIG.ownPostsWeight), so what it finds here it has seen: its honest
 * figure on them is eval:screening's leave-one-set-out line (scripts/eval/crisis-probe-validation.ts).
 */
export function checkProbePosts(name: string, posts: readonly CrisisProbePost[]): void {
  const crisisModel = CrisisModel.loadCommitted();
  const screen = (text: string) =>
    screenText(text, { watchedWords: [], toxicity: { modelVersion: 'test-1', backend: 'cpu', classify: () => Promise.resolve(scores) }, crisisModel });
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
}
