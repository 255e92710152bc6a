import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { ToxicityClassifier, type ToxicityClassifierOptions } from './toxicity-classifier';
import { writeToxicityFixture, type ToxicityFixtureUrls } from '../../../test/fixtures/toxicity-fixture';
import { TOXICITY_FIXTURE_SCORE_BOUNDS, TOXICITY_FIXTURE_SENTENCES, TOXICITY_FIXTURE_WORDS, type ToxicityFixtureWord } from './toxicity-fixture-words';
import { TOXICITY_LABELS, type ToxicityLabel, type ToxicityScores } from './toxicity.port';

// One backend per process (tfjs is a global singleton); backend choice has its own spec files.
describe(ToxicityClassifier.name, () => {
  let fixtureDir: string;
  let fixture: ToxicityFixtureUrls;
  let batchSizes: number[];
  let sut: ToxicityClassifier;

  const load = (overrides: Partial<ToxicityClassifierOptions> = {}) =>
    ToxicityClassifier.load({
      ...fixture,
      backend: 'cpu',
      onBatch: (size) => batchSizes.push(size),
      ...overrides,
    });

  const expectHighExactly = (scores: ToxicityScores, high: readonly ToxicityLabel[]) => {
    for (const label of TOXICITY_LABELS) {
      if (high.includes(label)) {
        expect(scores[label]).toBeGreaterThan(TOXICITY_FIXTURE_SCORE_BOUNDS.high);
      } else {
        expect(scores[label]).toBeLessThan(TOXICITY_FIXTURE_SCORE_BOUNDS.low);
      }
    }
  };

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'toxicity-fixture-'));
    fixture = await writeToxicityFixture(fixtureDir);
    batchSizes = [];
    sut = await load();
  });

  afterAll(async () => {
    sut.dispose();
    await rm(fixtureDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    batchSizes = [];
  });

  describe('load', () => {
    it('should load the fixture from a file:// URL and report the backend and model version', () => {
      expect(fixture.modelUrl).toMatch(/^file:\/\//);
      expect(sut.backend).toBe('cpu');
      expect(sut.modelVersion).toMatch(/^toxicity-1\.2\.2@sha256:[0-9a-f]{12}$/);
    });

    it('should load the same model from a plain path with the same version and scores', async () => {
      const fromPath = await load({
        modelUrl: fileURLToPath(fixture.modelUrl),
        vocabUrl: fileURLToPath(fixture.vocabUrl),
      });
      try {
        expect(fromPath.modelVersion).toBe(sut.modelVersion);
        expectHighExactly(await fromPath.classify(TOXICITY_FIXTURE_SENTENCES.insult), ['insult', 'toxicity']);
      } finally {
        fromPath.dispose();
      }
    });

    it('should fail with the file name when model.json is missing', async () => {
      await expect(load({ modelUrl: join(fixtureDir, 'missing.json') })).rejects.toThrow(/missing\.json/);
    });

    it('should reject a threshold outside 0..1', async () => {
      await expect(load({ threshold: 1.5 })).rejects.toThrow(RangeError);
    });
  });

  describe('classify', () => {
    it('should score every label low for a neutral sentence', async () => {
      expectHighExactly(await sut.classify(TOXICITY_FIXTURE_SENTENCES.neutral), []);
    });

    it.each(Object.keys(TOXICITY_FIXTURE_WORDS) as ToxicityFixtureWord[])(
      'should score the labels the fixture word "%s" drives high and the rest low',
      async (word) => {
        expectHighExactly(await sut.classify(`honestly, ${word} is what I think`), TOXICITY_FIXTURE_WORDS[word]);
      },
    );

    it('should score the ready-made threat sentence high on threat', async () => {
      expectHighExactly(await sut.classify(TOXICITY_FIXTURE_SENTENCES.threat), ['threat', 'toxicity']);
    });

    it('should not match a trigger inside another word', async () => {
      expectHighExactly(await sut.classify('the kidiot skill yours'), []);
    });

    it('should classify blank text as neutral instead of failing', async () => {
      const [empty, spaces] = await Promise.all([sut.classify(''), sut.classify('   ')]);
      expectHighExactly(empty, []);
      expectHighExactly(spaces, []);
    });

    it('should keep each text its own scores when a blank text is batched between others', async () => {
      const [insult, blank, threat] = await Promise.all([
        sut.classify(TOXICITY_FIXTURE_SENTENCES.insult),
        sut.classify(''),
        sut.classify(TOXICITY_FIXTURE_SENTENCES.threat),
      ]);
      expect(batchSizes).toEqual([3]);
      expectHighExactly(insult, ['insult', 'toxicity']);
      expectHighExactly(blank, []);
      expectHighExactly(threat, ['threat', 'toxicity']);
    });

    it('should list the labels over the threshold', async () => {
      const scores = await sut.classify(TOXICITY_FIXTURE_SENTENCES.severeToxicity);
      expect(sut.flaggedLabels(scores)).toEqual(['insult', 'severe_toxicity', 'toxicity']);
    });
  });

  describe('micro-batching', () => {
    const sentences = Object.values(TOXICITY_FIXTURE_SENTENCES);

    it('should run concurrent calls as fewer model calls with the same scores as one by one', async () => {
      const oneByOne: ToxicityScores[] = [];
      for (const sentence of sentences) {
        oneByOne.push(await sut.classify(sentence));
      }
      expect(batchSizes).toEqual(sentences.map(() => 1));

      batchSizes = [];
      const concurrent = await Promise.all(sentences.map((sentence) => sut.classify(sentence)));

      expect(batchSizes).toEqual([sentences.length]);
      concurrent.forEach((scores, index) => {
        for (const label of TOXICITY_LABELS) {
          expect(scores[label]).toBeCloseTo(oneByOne[index][label], 6);
        }
      });
    });

    it('should split a burst larger than maxBatch into batches of at most maxBatch', async () => {
      const small = await load({ maxBatch: 8 });
      try {
        batchSizes = [];
        const texts = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 'you idiot' : 'hello'));
        const results = await Promise.all(texts.map((text) => small.classify(text)));
        expect(batchSizes).toEqual([8, 8, 4]);
        results.forEach((scores, index) => expect(scores.insult > 0.5).toBe(index % 2 === 0));
      } finally {
        small.dispose();
      }
    });
  });

  describe('memory', () => {
    it('should keep the number of tensors flat across 1,000 classifications', async () => {
      await Promise.all([sut.classify('warm up'), sut.classify('you idiot')]);
      const before = tf.memory();

      for (let round = 0; round < 10; round++) {
        await Promise.all(Array.from({ length: 100 }, (_, index) => sut.classify(index % 3 === 0 ? 'I will kill you' : `post ${index}`)));
      }

      const after = tf.memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytes).toBe(before.numBytes);
    });

    it('should free the weights on dispose and refuse to classify afterwards', async () => {
      const disposable = await load();
      const withModel = tf.memory().numTensors;

      disposable.dispose();

      expect(tf.memory().numTensors).toBeLessThan(withModel);
      await expect(disposable.classify('hello')).rejects.toThrow(/disposed/);
    });
  });
});
