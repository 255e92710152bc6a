import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { isTfjsBackendChoice, selectTfjsBackend } from './tfjs-backend';
import { ToxicityClassifier } from './toxicity-classifier';
import { writeToxicityFixture } from '../../../test/fixtures/toxicity-fixture';
import { TOXICITY_FIXTURE_SCORE_BOUNDS, TOXICITY_FIXTURE_SENTENCES } from './toxicity-fixture-words';

// Its own file: tfjs holds one backend per process, and Jest gives each spec file a fresh one.
describe('selectTfjsBackend("cpu")', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'toxicity-cpu-'));
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('should select the CPU backend when asked for it', async () => {
    await expect(selectTfjsBackend('cpu')).resolves.toEqual({ backend: 'cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('should classify the fixture on CPU', async () => {
    const sut = await ToxicityClassifier.load({ ...(await writeToxicityFixture(fixtureDir)), backend: 'cpu' });
    try {
      const scores = await sut.classify(TOXICITY_FIXTURE_SENTENCES.obscene);

      expect(sut.backend).toBe('cpu');
      expect(scores.obscene).toBeGreaterThan(TOXICITY_FIXTURE_SCORE_BOUNDS.high);
      expect(scores.threat).toBeLessThan(TOXICITY_FIXTURE_SCORE_BOUNDS.low);
    } finally {
      sut.dispose();
    }
  });

  it('should recognise only the four backend choices', () => {
    expect(['auto', 'node', 'wasm', 'cpu', 'webgl', ''].filter(isTfjsBackendChoice)).toEqual(['auto', 'node', 'wasm', 'cpu']);
  });
});
