import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { errorMessage, fileUrlFor } from '../../src/screening/toxicity/toxicity-model-source';

/**
 * Downloads the real toxicity model (model.json, every shard it lists) and the tokenizer
 * vocabulary into a folder, so deployments load them from disk (TOXICITY_MODEL_URL=file://…).
 * Everything is downloaded and checked before anything is written, and each file is written to
 * a temporary name then renamed, so a failed or interrupted run never leaves a half model behind.
 */
export const DEFAULT_TOXICITY_MODEL_URL = 'https://storage.googleapis.com/tfjs-models/savedmodel/toxicity/model.json';
export const DEFAULT_TOXICITY_VOCAB_URL = 'https://storage.googleapis.com/tfjs-models/savedmodel/universal_sentence_encoder/vocab.json';

export interface FetchToxicityModelOptions {
  dir: string;
  modelUrl?: string;
  vocabUrl?: string;
  /** Per file (default 120 s: the shards are a few MB each). */
  timeoutMs?: number;
}

export interface FetchedFile {
  /** Path relative to `dir`, as model.json refers to it. */
  name: string;
  url: string;
  bytes: number;
}

export interface FetchedToxicityModel {
  dir: string;
  files: FetchedFile[];
  /** Environment lines that point the worker at the downloaded copy. */
  env: { TOXICITY_MODEL_URL: string; TOXICITY_VOCAB_URL: string };
}

export class ModelFetchError extends Error {
  override readonly name = 'ModelFetchError';
}

const MODEL_FILE = 'model.json';
const VOCABULARY_FILE = 'vocab.json';

/** Bytes per stored element; a quantized weight is stored in its quantization dtype. */
const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

export async function fetchToxicityModel(options: FetchToxicityModelOptions): Promise<FetchedToxicityModel> {
  const dir = resolve(options.dir);
  const modelUrl = new URL(options.modelUrl ?? DEFAULT_TOXICITY_MODEL_URL);
  const vocabUrl = new URL(options.vocabUrl ?? DEFAULT_TOXICITY_VOCAB_URL);
  const timeoutMs = options.timeoutMs ?? 120_000;

  const modelBytes = await download(modelUrl, MODEL_FILE, timeoutMs);
  const groups = parseWeightsManifest(modelBytes);

  const downloads: Array<{ name: string; url: URL; body: Buffer }> = [];
  for (const group of groups) {
    let groupBytes = 0;
    for (const path of group.paths) {
      const name = safeRelativePath(dir, path);
      const url = new URL(path, modelUrl);
      const body = await download(url, name, timeoutMs);
      groupBytes += body.byteLength;
      downloads.push({ name, url, body });
    }
    if (group.expectedBytes !== undefined && groupBytes !== group.expectedBytes) {
      throw new ModelFetchError(
        `${group.paths.join(', ')}: the weights manifest needs ${group.expectedBytes} bytes but the ` + `download has ${groupBytes} (truncated or wrong file)`,
      );
    }
  }

  const vocabularyBytes = await download(vocabUrl, VOCABULARY_FILE, timeoutMs);
  parseJsonFile(vocabularyBytes, VOCABULARY_FILE, (value) => Array.isArray(value) && value.length > 0, 'a non-empty array');
  downloads.push({ name: VOCABULARY_FILE, url: vocabUrl, body: vocabularyBytes });
  // Written last: a model.json on disk means its shards are already complete.
  downloads.push({ name: MODEL_FILE, url: modelUrl, body: modelBytes });

  for (const { name, body } of downloads) {
    await writeAtomically(join(dir, name), body);
  }
  return {
    dir,
    files: downloads.map(({ name, url, body }) => ({ name, url: url.href, bytes: body.byteLength })),
    env: {
      TOXICITY_MODEL_URL: fileUrlFor(join(dir, MODEL_FILE)),
      TOXICITY_VOCAB_URL: fileUrlFor(join(dir, VOCABULARY_FILE)),
    },
  };
}

async function download(url: URL, name: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ModelFetchError(`${name}: cannot download ${url.href}: ${describeFetchFailure(error)}`, { cause: error });
  }
  if (!response.ok) {
    throw new ModelFetchError(`${name}: ${url.href} answered HTTP ${response.status}`);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (/^\s*text\/html/i.test(contentType)) {
    throw new ModelFetchError(
      `${name}: ${url.href} sent an HTML page (content-type ${contentType}) instead of the file — ` + `a login, error or captive-portal page?`,
    );
  }
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new ModelFetchError(`${name}: download from ${url.href} broke off: ${errorMessage(error)}`, { cause: error });
  }
  if (looksLikeHtml(body, name)) {
    throw new ModelFetchError(`${name}: ${url.href} sent an HTML page instead of the file`);
  }
  // fetch decompresses, so Content-Length only describes the body when nothing was encoded.
  const declaredLength = response.headers.get('content-length');
  const encoding = response.headers.get('content-encoding') ?? 'identity';
  if (declaredLength !== null && encoding === 'identity' && Number(declaredLength) !== body.byteLength) {
    throw new ModelFetchError(`${name}: ${url.href} declared ${declaredLength} bytes but sent ${body.byteLength} (truncated)`);
  }
  return body;
}

/** Node's fetch says only "fetch failed"; the reason (DNS, refused, timeout) is in its cause. */
function describeFetchFailure(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? errorMessage(error) : `${errorMessage(error)} (${errorMessage(cause)})`;
}

/**
 * JSON never starts with "<", so for .json any leading "<" is an HTML (or XML error) page.
 * A weight shard is binary and may start with that byte, so it must look like an actual page.
 */
function looksLikeHtml(body: Buffer, name: string): boolean {
  const head = body
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (name.endsWith('.json')) {
    return head.startsWith('<');
  }
  return /^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|\?xml)/i.test(head);
}

interface ExpectedGroup {
  paths: string[];
  /** Sum of the group's weights' byte sizes, when every weight has a fixed-size dtype. */
  expectedBytes: number | undefined;
}

function parseWeightsManifest(modelBytes: Buffer): ExpectedGroup[] {
  const model = parseJsonFile(
    modelBytes,
    MODEL_FILE,
    (value) => isRecord(value) && isRecord(value.modelTopology) && Array.isArray(value.weightsManifest),
    'a tfjs graph model (modelTopology and weightsManifest)',
  ) as { weightsManifest: unknown[] };
  return model.weightsManifest.map((group, index) => {
    if (!isRecord(group) || !isStringArray(group.paths) || group.paths.length === 0 || !Array.isArray(group.weights)) {
      throw new ModelFetchError(`${MODEL_FILE}: weightsManifest[${index}] has no paths or weights`);
    }
    return { paths: group.paths, expectedBytes: expectedGroupBytes(group.weights) };
  });
}

function expectedGroupBytes(weights: unknown[]): number | undefined {
  let total = 0;
  for (const weight of weights) {
    if (!isRecord(weight) || !Array.isArray(weight.shape) || !weight.shape.every((d) => Number.isInteger(d))) {
      return undefined;
    }
    const quantization = isRecord(weight.quantization) ? weight.quantization : undefined;
    const dtype = quantization?.dtype ?? weight.dtype;
    const bytesPerElement = typeof dtype === 'string' ? BYTES_PER_ELEMENT[dtype] : undefined;
    if (bytesPerElement === undefined) {
      return undefined; // strings have no fixed size: skip the check rather than guess
    }
    total += (weight.shape as number[]).reduce((size, dim) => size * dim, 1) * bytesPerElement;
  }
  return total;
}

function parseJsonFile(bytes: Buffer, name: string, isExpected: (value: unknown) => boolean, expected: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ModelFetchError(`${name}: not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
  if (!isExpected(value)) {
    throw new ModelFetchError(`${name}: expected ${expected}`);
  }
  return value;
}

/** Shard paths come from a downloaded file: never let one write outside the target folder. */
function safeRelativePath(dir: string, path: string): string {
  const target = resolve(dir, path);
  const inside = relative(dir, target);
  if (isAbsolute(path) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new ModelFetchError(`${MODEL_FILE}: refusing shard path "${path}" outside ${dir}`);
  }
  return inside;
}

async function writeAtomically(path: string, body: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
