import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDirectory, type ServedDirectory, type ServeOverride } from '../../src/screening/toxicity/testing/serve-files';
import { TOXICITY_FIXTURE_FILES, writeToxicityFixture } from '../../test/fixtures/toxicity-fixture';
import { fetchToxicityModel, ModelFetchError } from './toxicity-model-fetch';

describe(fetchToxicityModel.name, () => {
  let workDir: string;
  let fixtureDir: string;
  let targetDir: string;
  let server: ServedDirectory | undefined;

  const serve = async (overrides: Record<string, ServeOverride> = {}) => {
    server = await serveDirectory(fixtureDir, overrides);
    return {
      modelUrl: new URL(TOXICITY_FIXTURE_FILES.model, server.baseUrl).href,
      vocabUrl: new URL(TOXICITY_FIXTURE_FILES.vocabulary, server.baseUrl).href,
    };
  };
  const sha256 = async (path: string) =>
    createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  const htmlPage: ServeOverride = (response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!DOCTYPE html><html><body>Sign in to continue</body></html>');
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'toxicity-fetch-'));
    fixtureDir = join(workDir, 'fixture');
    await writeToxicityFixture(fixtureDir);
  });

  beforeEach(async () => {
    targetDir = await mkdtemp(join(workDir, 'target-'));
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('should download model.json, its shard and vocab.json byte for byte and print file:// env lines', async () => {
    const urls = await serve();

    const fetched = await fetchToxicityModel({ dir: targetDir, ...urls });

    expect(fetched.files.map((file) => file.name).sort()).toEqual(Object.values(TOXICITY_FIXTURE_FILES).sort());
    for (const name of Object.values(TOXICITY_FIXTURE_FILES)) {
      expect(await sha256(join(targetDir, name))).toBe(await sha256(join(fixtureDir, name)));
    }
    expect(fetched.env).toEqual({
      TOXICITY_MODEL_URL: `file://${join(targetDir, 'model.json')}`,
      TOXICITY_VOCAB_URL: `file://${join(targetDir, 'vocab.json')}`,
    });
    expect((await readdir(targetDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('should fail naming the shard when an HTML page is served in its place, and write nothing', async () => {
    const urls = await serve({ [TOXICITY_FIXTURE_FILES.weights]: htmlPage });

    const result = fetchToxicityModel({ dir: targetDir, ...urls });

    await expect(result).rejects.toThrow(ModelFetchError);
    await expect(result).rejects.toThrow(/^group1-shard1of1\.bin: .* sent an HTML page/);
    expect(await readdir(targetDir)).toEqual([]);
  });

  it('should recognise an HTML page by its body even when it claims to be JSON', async () => {
    const urls = await serve({
      [TOXICITY_FIXTURE_FILES.vocabulary]: (response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('<html><body>503 Service Unavailable</body></html>');
      },
    });

    await expect(fetchToxicityModel({ dir: targetDir, ...urls })).rejects.toThrow(/^vocab\.json: .* sent an HTML page/);
  });

  it('should fail naming the shard when it is shorter than its weights manifest says', async () => {
    const urls = await serve({
      [TOXICITY_FIXTURE_FILES.weights]: (response, body) => {
        const truncated = body.subarray(0, body.byteLength - 16);
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': truncated.byteLength });
        response.end(truncated);
      },
    });

    await expect(fetchToxicityModel({ dir: targetDir, ...urls })).rejects.toThrow(
      /^group1-shard1of1\.bin: the weights manifest needs \d+ bytes but the download has \d+/,
    );
    expect(await readdir(targetDir)).toEqual([]);
  });

  it('should fail naming the shard when the connection ends before Content-Length bytes arrived', async () => {
    const urls = await serve({
      [TOXICITY_FIXTURE_FILES.weights]: (response, body) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.byteLength });
        response.write(body.subarray(0, 100));
        response.socket?.destroy();
      },
    });

    await expect(fetchToxicityModel({ dir: targetDir, ...urls })).rejects.toThrow(/^group1-shard1of1\.bin: /);
    expect(await readdir(targetDir)).toEqual([]);
  });

  it('should fail naming the file on an HTTP error status', async () => {
    const urls = await serve();

    await expect(fetchToxicityModel({ dir: targetDir, ...urls, vocabUrl: new URL('nowhere.json', urls.vocabUrl).href })).rejects.toThrow(
      /^vocab\.json: .*nowhere\.json answered HTTP 404/,
    );
  });

  it('should refuse a shard path that would write outside the target folder', async () => {
    const evilDir = join(workDir, 'evil');
    await writeToxicityFixture(evilDir);
    const model = JSON.parse(await readFile(join(evilDir, 'model.json'), 'utf8'));
    model.weightsManifest[0].paths = ['../escaped.bin'];
    server = await serveDirectory(evilDir, {
      'model.json': (response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(model));
      },
    });

    await expect(fetchToxicityModel({ dir: targetDir, modelUrl: `${server.baseUrl}model.json`, vocabUrl: `${server.baseUrl}vocab.json` })).rejects.toThrow(
      /refusing shard path "\.\.\/escaped\.bin"/,
    );
  });
});
