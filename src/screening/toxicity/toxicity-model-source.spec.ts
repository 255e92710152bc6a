import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDirectory } from './testing/serve-files';
import { TOXICITY_FIXTURE_FILES, writeToxicityFixture } from '../../../test/fixtures/toxicity-fixture';
import { loadVocabulary, resolveModelLocation, siblingLocation, ToxicityModelIoHandler, ToxicityModelSourceError } from './toxicity-model-source';

describe('toxicity model source', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'toxicity-source-'));
    await writeToxicityFixture(fixtureDir);
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  describe(resolveModelLocation.name, () => {
    it('should read a file:// URL as a file path', () => {
      expect(resolveModelLocation('file:///srv/models/model.json')).toEqual({ kind: 'file', path: '/srv/models/model.json' });
    });

    it('should resolve a relative path against the given folder', () => {
      expect(resolveModelLocation('models/toxicity/model.json', '/app')).toEqual({
        kind: 'file',
        path: '/app/models/toxicity/model.json',
      });
    });

    it('should keep an https URL as a URL', () => {
      const location = resolveModelLocation('https://storage.googleapis.com/tfjs-models/savedmodel/toxicity/model.json');
      expect(location.kind).toBe('http');
    });

    it('should refuse an unknown scheme and an empty value', () => {
      expect(() => resolveModelLocation('s3://bucket/model.json')).toThrow(/unsupported model location scheme "s3:"/);
      expect(() => resolveModelLocation('  ')).toThrow(ToxicityModelSourceError);
    });
  });

  describe(siblingLocation.name, () => {
    it('should find a shard next to model.json on disk and over HTTP', () => {
      expect(siblingLocation({ kind: 'file', path: '/m/model.json' }, 'group1-shard1of2.bin')).toEqual({
        kind: 'file',
        path: '/m/group1-shard1of2.bin',
      });
      const overHttp = siblingLocation(resolveModelLocation('https://example.test/a/model.json'), 'group1-shard1of2.bin');
      expect(overHttp).toEqual({ kind: 'http', url: new URL('https://example.test/a/group1-shard1of2.bin') });
    });
  });

  describe(ToxicityModelIoHandler.name, () => {
    it('should load the topology and every shard from disk and hash model.json', async () => {
      const sut = ToxicityModelIoHandler.fromUrl(join(fixtureDir, TOXICITY_FIXTURE_FILES.model));

      const artifacts = await sut.load();

      const shardBytes = (await stat(join(fixtureDir, TOXICITY_FIXTURE_FILES.weights))).size;
      expect(artifacts.format).toBe('graph-model');
      expect(artifacts.weightData).toBeInstanceOf(ArrayBuffer);
      expect((artifacts.weightData as ArrayBuffer).byteLength).toBe(shardBytes);
      const modelJson = await readFile(join(fixtureDir, TOXICITY_FIXTURE_FILES.model));
      expect(sut.modelJsonSha256).toBe(createHash('sha256').update(modelJson).digest('hex'));
    });

    it('should load the same artifacts over HTTP', async () => {
      const server = await serveDirectory(fixtureDir);
      try {
        const sut = ToxicityModelIoHandler.fromUrl(`${server.baseUrl}${TOXICITY_FIXTURE_FILES.model}`);
        const artifacts = await sut.load();
        const shardBytes = (await stat(join(fixtureDir, TOXICITY_FIXTURE_FILES.weights))).size;
        expect((artifacts.weightData as ArrayBuffer).byteLength).toBe(shardBytes);
      } finally {
        await server.close();
      }
    });

    it('should say which file is not a model', async () => {
      const notAModel = join(fixtureDir, 'not-a-model.json');
      await writeFile(notAModel, '<!DOCTYPE html><html></html>');

      await expect(ToxicityModelIoHandler.fromUrl(notAModel).load()).rejects.toThrow(/not-a-model\.json is not valid JSON \(it looks like an HTML page\)/);
    });

    it('should refuse to give a model version before loading', () => {
      expect(() => ToxicityModelIoHandler.fromUrl(fixtureDir).modelJsonSha256).toThrow(/not been loaded/);
    });
  });

  describe(loadVocabulary.name, () => {
    it('should load [piece, score] pairs', async () => {
      const vocabulary = await loadVocabulary(join(fixtureDir, TOXICITY_FIXTURE_FILES.vocabulary));
      expect(vocabulary.length).toBeGreaterThan(100);
      expect(vocabulary).toContainEqual(['\u2581idiot', -1]);
    });

    it('should refuse a file that is not a vocabulary', async () => {
      await expect(loadVocabulary(join(fixtureDir, TOXICITY_FIXTURE_FILES.model))).rejects.toThrow(/is not a vocabulary/);
    });
  });
});
