import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { io } from '@tensorflow/tfjs-core';

/**
 * Where the toxicity model and vocabulary come from. `TOXICITY_MODEL_URL` / `TOXICITY_VOCAB_URL`
 * accept `https://…` (or `http://…` for a local mirror), `file://…` or a plain path. Files are
 * read with fs rather than fetch: Node's fetch cannot read file:// and a worker must not depend
 * on a network to read its own disk.
 */
export type ModelLocation = { kind: 'file'; path: string } | { kind: 'http'; url: URL };

export class ToxicityModelSourceError extends Error {
  override readonly name = 'ToxicityModelSourceError';
}

/** A vocabulary entry as the universal-sentence-encoder tokenizer wants it: [piece, score]. */
export type VocabularyEntry = [piece: string, score: number];

export function resolveModelLocation(value: string, relativeTo: string = process.cwd()): ModelLocation {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new ToxicityModelSourceError('model location is empty: set a https://, file:// URL or a path');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case undefined:
      return { kind: 'file', path: isAbsolute(trimmed) ? trimmed : resolve(relativeTo, trimmed) };
    case 'file':
      return { kind: 'file', path: fileURLToPath(trimmed) };
    case 'http':
    case 'https':
      return { kind: 'http', url: new URL(trimmed) };
    default:
      throw new ToxicityModelSourceError(`unsupported model location scheme "${scheme}:" in ${trimmed}`);
  }
}

export function describeLocation(location: ModelLocation): string {
  return location.kind === 'file' ? location.path : location.url.href;
}

/** Resolves a weights-manifest path (relative to model.json) to its own location. */
export function siblingLocation(modelLocation: ModelLocation, relativePath: string): ModelLocation {
  if (modelLocation.kind === 'http') {
    return { kind: 'http', url: new URL(relativePath, modelLocation.url) };
  }
  return { kind: 'file', path: resolve(dirname(modelLocation.path), relativePath) };
}

export async function readLocation(location: ModelLocation): Promise<Uint8Array> {
  if (location.kind === 'file') {
    try {
      return await readFile(location.path);
    } catch (error) {
      throw new ToxicityModelSourceError(`cannot read ${location.path}: ${errorMessage(error)}`, { cause: error });
    }
  }
  let response: Response;
  try {
    response = await fetch(location.url);
  } catch (error) {
    throw new ToxicityModelSourceError(`cannot fetch ${location.url.href}: ${errorMessage(error)}`, { cause: error });
  }
  if (!response.ok) {
    throw new ToxicityModelSourceError(`cannot fetch ${location.url.href}: HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A tfjs IO handler that reads model.json and its shards from a ModelLocation. It also keeps
 * the sha256 of model.json, which names the model version recorded on each screening.
 */
export class ToxicityModelIoHandler implements io.IOHandler {
  private modelJsonDigest: string | undefined;

  constructor(readonly location: ModelLocation) {}

  static fromUrl(modelUrl: string): ToxicityModelIoHandler {
    return new ToxicityModelIoHandler(resolveModelLocation(modelUrl));
  }

  /** sha256 (hex) of the model.json bytes; available after load(). */
  get modelJsonSha256(): string {
    if (this.modelJsonDigest === undefined) {
      throw new ToxicityModelSourceError('model.json has not been loaded yet');
    }
    return this.modelJsonDigest;
  }

  async load(): Promise<io.ModelArtifacts> {
    const bytes = await readLocation(this.location);
    const modelJson = parseModelJson(bytes, describeLocation(this.location));
    this.modelJsonDigest = createHash('sha256').update(bytes).digest('hex');
    return io.getModelArtifactsForJSON(modelJson, async (weightsManifest) => {
      const specs = weightsManifest.flatMap((group) => group.weights);
      const shards = await Promise.all(weightsManifest.flatMap((group) => group.paths).map((path) => readLocation(siblingLocation(this.location, path))));
      return [specs, concatenateToArrayBuffer(shards)];
    });
  }
}

export async function loadVocabulary(vocabUrl: string): Promise<VocabularyEntry[]> {
  const location = resolveModelLocation(vocabUrl);
  const name = describeLocation(location);
  const parsed = parseJson(await readLocation(location), name);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isVocabularyEntry)) {
    throw new ToxicityModelSourceError(`${name} is not a vocabulary: expected a non-empty array of [piece, score]`);
  }
  return parsed;
}

function parseModelJson(bytes: Uint8Array, name: string): io.ModelJSON {
  const parsed = parseJson(bytes, name);
  if (!isRecord(parsed) || !isRecord(parsed.modelTopology) || !Array.isArray(parsed.weightsManifest)) {
    throw new ToxicityModelSourceError(`${name} is not a tfjs graph model: modelTopology or weightsManifest missing`);
  }
  if (!parsed.weightsManifest.every(isWeightsGroup)) {
    throw new ToxicityModelSourceError(`${name} has a malformed weightsManifest`);
  }
  return parsed as unknown as io.ModelJSON;
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const hint = text.trimStart().startsWith('<') ? ' (it looks like an HTML page)' : '';
    throw new ToxicityModelSourceError(`${name} is not valid JSON${hint}: ${errorMessage(error)}`, { cause: error });
  }
}

function concatenateToArrayBuffer(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWeightsGroup(value: unknown): value is io.WeightsManifestConfig[number] {
  return (
    isRecord(value) &&
    Array.isArray(value.paths) &&
    value.paths.every((path) => typeof path === 'string') &&
    Array.isArray(value.weights) &&
    value.weights.every((weight) => isRecord(weight) && typeof weight.name === 'string' && Array.isArray(weight.shape))
  );
}

function isVocabularyEntry(value: unknown): value is VocabularyEntry {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'number';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** file:// URL for a path, e.g. to print the env line a deployment should set. */
export function fileUrlFor(path: string): string {
  return pathToFileURL(resolve(path)).href;
}
