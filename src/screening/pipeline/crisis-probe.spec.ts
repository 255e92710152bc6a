import { CasePriority } from '../../common/domain/moderation.enums';
import { PostStatus } from '../../common/domain/post-status.enum';
import { CRISIS_PROBE_POSTS } from '../../../test/fixtures/crisis-probe-posts';
import { SECOND_PERSON_HELDOUT_POSTS } from '../../../test/fixtures/second-person-heldout-posts';
import { SECOND_PERSON_TUNING_POSTS } from '../../../test/fixtures/second-person-tuning-posts';
import { CrisisModel } from '../crisis-model/crisis-model';
import type { ToxicityScores } from '../toxicity/toxicity.port';
import { isAtLeast } from './crisis-detector';
import { screenText } from './screen-text';

const scores: ToxicityScores = { identity_attack: 0.01, insult: 0.01, obscene: 0.01, severe_toxicity: 0, sexual_explicit: 0, threat: 0, toxicity: 0.02 };

/**
 * The third probe (test/fixtures/crisis-probe-posts.ts) through the whole pipeline with the
 * committed model: every post a clinician would want to see (MODERATE or above) opens a case, and
 * no hard negative does. Known misses are expected to stay wrong until the mark is removed.
 */
describe('crisis probe 3: posts in our own words through the pipeline with the committed model', () => {
  const crisisModel = CrisisModel.loadCommitted();
  const screen = (text: string) =>
    screenText(text, { watchedWords: [], toxicity: { modelVersion: 'test-1', backend: 'cpu', classify: () => Promise.resolve(scores) }, crisisModel });

  const atRisk = CRISIS_PROBE_POSTS.filter((post) => isAtLeast(post.expected, 'MODERATE'));
  const negatives = CRISIS_PROBE_POSTS.filter((post) => !isAtLeast(post.expected, 'MODERATE'));

  it('should hold enough posts of each kind to mean something', () => {
    expect(atRisk.length).toBeGreaterThanOrEqual(45);
    expect(negatives.length).toBeGreaterThanOrEqual(35);
  });

  const flagged = async (text: string) => {
    const sut = await screen(text);
    return isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.casePriority !== null;
  };
  const unflagged = async (text: string) => {
    const sut = await screen(text);
    return !isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.status === PostStatus.PUBLISHED && sut.decision.casePriority === null;
  };

  for (const post of atRisk) {
    const run = post.knownMiss ? it.failing : it;
    run(`should flag ${post.id} (${post.expected})${post.knownMiss ? ` [known miss: ${post.knownMiss}]` : ''}: ${post.text.slice(0, 60)}`, async () => {
      expect(await flagged(post.text)).toBe(true);
    });
  }

  for (const post of negatives) {
    const run = post.knownMiss ? it.failing : it;
    run(`should not flag ${post.id}${post.knownMiss ? ` [known false alarm: ${post.knownMiss}]` : ''}: ${post.text.slice(0, 60)}`, async () => {
      expect(await unflagged(post.text)).toBe(true);
    });
  }

  // HIGH and IMMINENT both page a clinician (URGENT case); one that stops at MODERATE is held or
  // queued for a person, and nobody is paged.
  for (const post of atRisk.filter((item) => isAtLeast(item.expected, 'HIGH'))) {
    const run = post.knownMiss || post.knownUnderRating ? it.failing : it;
    run(
      `should page a clinician for ${post.id} (${post.expected})${post.knownUnderRating ? ` [known under-rating: ${post.knownUnderRating}]` : ''}`,
      async () => {
        const sut = await screen(post.text);
        expect(isAtLeast(sut.crisis.level, 'HIGH') && sut.decision.casePriority === CasePriority.URGENT).toBe(true);
      },
    );
  }

  it('should page a clinician for the explicit imminent posts that are not known misses', async () => {
    const paged: string[] = [];
    for (const post of atRisk.filter((item) => item.expected === 'IMMINENT' && !item.knownMiss)) {
      const sut = await screen(post.text);
      if (sut.decision.casePriority === CasePriority.URGENT) paged.push(post.id);
    }
    // Every one of them pages since probe 4 (a disappearance with a time, pills readied for later,
    // preparations with a place, a note beside a decided time reached only MODERATE before).
    expect(paged.length).toBe(atRisk.filter((item) => item.expected === 'IMMINENT' && !item.knownMiss).length);
  });
});

/**
 * Probe 6 (issue #15, who is "you"?): the tuning set the answer-register rules were written from,
 * and the held-out set written before them and not tuned on, through the whole pipeline with the
 * committed model. Known misses are expected to stay wrong until the mark is removed.
 */
describe('crisis probe 6: second-person posts through the pipeline with the committed model', () => {
  const crisisModel = CrisisModel.loadCommitted();
  const screen = (text: string) =>
    screenText(text, { watchedWords: [], toxicity: { modelVersion: 'test-1', backend: 'cpu', classify: () => Promise.resolve(scores) }, crisisModel });

  for (const [name, posts] of [
    ['tuning', SECOND_PERSON_TUNING_POSTS],
    ['held-out', SECOND_PERSON_HELDOUT_POSTS],
  ] as const) {
    for (const post of posts) {
      const run = post.knownMiss ? it.failing : it;
      const shouldFlag = isAtLeast(post.expected, 'MODERATE');
      run(
        `should ${shouldFlag ? '' : 'not '}flag ${name} ${post.id}${post.knownMiss ? ` [known: ${post.knownMiss}]` : ''}: ${post.text.slice(0, 60)}`,
        async () => {
          const sut = await screen(post.text);
          if (shouldFlag) expect(isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.casePriority !== null).toBe(true);
          else
            expect(!isAtLeast(sut.crisis.level, 'MODERATE') && sut.decision.status === PostStatus.PUBLISHED && sut.decision.casePriority === null).toBe(true);
        },
      );
    }
  }
});
