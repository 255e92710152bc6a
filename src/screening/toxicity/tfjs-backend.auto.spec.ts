import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectTfjsBackend, TfjsBackendError } from './tfjs-backend';
import { ToxicityClassifier } from './toxicity-classifier';
import { writeToxicityFixture } from '../../../test/fixtures/toxicity-fixture';
import { TOXICITY_FIXTURE_SCORE_BOUNDS, TOXICITY_FIXTURE_SENTENCES } from './toxicity-fixture-words';

function isInstalled(packageName: string): boolean {
  try {
    require.resolve(packageName);
    return true;
  } catch {
    return false;
  }
}

// These tests describe a machine without the optional tfjs-node (like the build machines);
// where it is installed, "node" and "auto" rightly pick it and the tests do not apply.
const itWithoutTfjsNode = isInstalled('@tensorflow/tfjs-node') ? it.skip : it;

// Its own file: tfjs holds one backend per process, and Jest gives each spec file a fresh one.
describe('selectTfjsBackend without tfjs-node', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'toxicity-auto-'));
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  itWithoutTfjsNode('should refuse an explicit "node" with a message that says tfjs-node is missing', async () => {
    const selection = selectTfjsBackend('node');

    await expect(selection).rejects.toThrow(TfjsBackendError);
    await expect(selection).rejects.toThrow(/@tensorflow\/tfjs-node is not installed/);
  });

  itWithoutTfjsNode('should fail to load the classifier when "node" is requested explicitly', async () => {
    await expect(ToxicityClassifier.load({ ...(await writeToxicityFixture(fixtureDir)), backend: 'node' })).rejects.toThrow(/tfjs-node is not installed/);
  });

  itWithoutTfjsNode('should fall back from node to WASM on "auto" and say why node was skipped', async () => {
    const sut = await ToxicityClassifier.load({ ...(await writeToxicityFixture(fixtureDir)), backend: 'auto' });
    try {
      expect(sut.backend).toBe('wasm');
      expect(tf.getBackend()).toBe('wasm');
      expect(sut.backendSelection.skipped).toEqual([{ backend: 'node', reason: expect.stringMatching(/tfjs-node is not installed/) }]);
      const scores = await sut.classify(TOXICITY_FIXTURE_SENTENCES.identityAttack);
      expect(scores.identity_attack).toBeGreaterThan(TOXICITY_FIXTURE_SCORE_BOUNDS.high);
    } finally {
      sut.dispose();
    }
  });
});
