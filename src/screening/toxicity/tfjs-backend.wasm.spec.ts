import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectTfjsBackend } from './tfjs-backend';
import { ToxicityClassifier } from './toxicity-classifier';
import { writeToxicityFixture } from '../../../test/fixtures/toxicity-fixture';
import { TOXICITY_FIXTURE_SCORE_BOUNDS, TOXICITY_FIXTURE_SENTENCES } from './toxicity-fixture-words';

// Its own file: tfjs holds one backend per process, and Jest gives each spec file a fresh one.
describe('selectTfjsBackend("wasm")', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'toxicity-wasm-'));
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('should initialise WASM without leaving its rethrowing process listeners behind', async () => {
    const before = {
      uncaughtException: process.listenerCount('uncaughtException'),
      unhandledRejection: process.listenerCount('unhandledRejection'),
    };

    const selection = await selectTfjsBackend('wasm');

    expect(selection).toEqual({ backend: 'wasm', skipped: [] });
    expect(tf.getBackend()).toBe('wasm');
    expect({
      uncaughtException: process.listenerCount('uncaughtException'),
      unhandledRejection: process.listenerCount('unhandledRejection'),
    }).toEqual(before);
  });

  it('should classify the fixture on WASM', async () => {
    const sut = await ToxicityClassifier.load({ ...(await writeToxicityFixture(fixtureDir)), backend: 'wasm' });
    try {
      const [threat, neutral] = await Promise.all([sut.classify(TOXICITY_FIXTURE_SENTENCES.threat), sut.classify(TOXICITY_FIXTURE_SENTENCES.neutral)]);

      expect(sut.backend).toBe('wasm');
      expect(threat.threat).toBeGreaterThan(TOXICITY_FIXTURE_SCORE_BOUNDS.high);
      expect(threat.insult).toBeLessThan(TOXICITY_FIXTURE_SCORE_BOUNDS.low);
      expect(neutral.toxicity).toBeLessThan(TOXICITY_FIXTURE_SCORE_BOUNDS.low);
    } finally {
      sut.dispose();
    }
  });

  it('should not leak tensors on WASM', async () => {
    const sut = await ToxicityClassifier.load({ ...(await writeToxicityFixture(fixtureDir)), backend: 'wasm' });
    try {
      const before = tf.memory().numTensors;
      await Promise.all(Array.from({ length: 200 }, (_, index) => sut.classify(`you idiot number ${index}`)));
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      sut.dispose();
    }
  });
});
