import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TOXICITY_FIXTURE_WORDS, type ToxicityFixtureWord } from './toxicity-fixture-words';
import { TOXICITY_LABELS, type ToxicityLabel } from './toxicity.port';

/**
 * Writes a tiny, deterministic stand-in for the real toxicity model: same inputs (`Placeholder`
 * int32 [N] token ids, `Placeholder_1` int32 [N,2] [sentence, position]) and the same seven
 * `<label>/…` softmax outputs of shape [batch, 2], so it loads and runs through exactly the
 * production code path. Which words score high on which labels: toxicity-fixture-words.ts.
 *
 * Graph: token ids (negative ids dropped) → embedding rows (one dimension per label, 1 where a
 * trigger drives it) → SparseSegmentSum per sentence → per label MatMul → BiasAdd → Softmax. Summing (not averaging)
 * keeps a trigger's effect independent of how long the post is.
 */

export const TOXICITY_FIXTURE_FILES = {
  model: 'model.json',
  weights: 'group1-shard1of1.bin',
  vocabulary: 'vocab.json',
} as const;

const WORD_SEPARATOR = '\u2581';
/** The tokenizer skips the first six vocabulary entries (reserved symbols). */
const RESERVED_PIECES = ['<unk>', '<s>', '</s>', '<pad>', '<mask>', '<sep>'];
/** Trigger pieces must out-score spelling the same text character by character. */
const CHARACTER_PIECE_SCORE = -10;
const TRIGGER_PIECE_SCORE = -1;
/** Logit per trigger on its labels and the resting logit: sigmoid(12 - 6) ≈ 0.9975, sigmoid(-6) ≈ 0.0025. */
const TRIGGER_LOGIT = 12;
const RESTING_LOGIT = -6;

type VocabularyEntry = [piece: string, score: number];

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

export interface ToxicityFixtureUrls {
  /** file:// URL of model.json. */
  modelUrl: string;
  /** file:// URL of vocab.json. */
  vocabUrl: string;
}

/** Writes model.json, its weight shard and vocab.json into `dir` (created if missing). */
export async function writeToxicityFixture(dir: string): Promise<ToxicityFixtureUrls> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const { modelJson, weights, vocabulary } = buildToxicityFixture();
  await writeFile(join(target, TOXICITY_FIXTURE_FILES.weights), weights);
  await writeFile(join(target, TOXICITY_FIXTURE_FILES.vocabulary), JSON.stringify(vocabulary));
  await writeFile(join(target, TOXICITY_FIXTURE_FILES.model), JSON.stringify(modelJson, null, 1));
  return {
    modelUrl: pathToFileURL(join(target, TOXICITY_FIXTURE_FILES.model)).href,
    vocabUrl: pathToFileURL(join(target, TOXICITY_FIXTURE_FILES.vocabulary)).href,
  };
}

/** The fixture's three files as values (pure and deterministic). */
export function buildToxicityFixture(): { modelJson: object; weights: Buffer; vocabulary: VocabularyEntry[] } {
  const vocabulary = buildVocabulary();
  const triggerLabelsByPiece = triggerPieces();
  const labelCount = TOXICITY_LABELS.length;

  const embeddings = new Float32Array(vocabulary.length * labelCount);
  vocabulary.forEach(([piece], id) => {
    for (const label of triggerLabelsByPiece.get(piece) ?? []) {
      embeddings[id * labelCount + TOXICITY_LABELS.indexOf(label)] = 1;
    }
  });

  const specs: WeightSpec[] = [
    { name: 'embeddings', shape: [vocabulary.length, labelCount], dtype: 'float32', values: embeddings },
    { name: 'segment_ids/begin', shape: [2], dtype: 'int32', values: Int32Array.from([0, 0]) },
    { name: 'segment_ids/size', shape: [2], dtype: 'int32', values: Int32Array.from([-1, 1]) },
    { name: 'flat_shape', shape: [1], dtype: 'int32', values: Int32Array.from([-1]) },
    { name: 'valid_tokens/min_id', shape: [], dtype: 'int32', values: Int32Array.from([0]) },
    { name: 'gather_axis', shape: [], dtype: 'int32', values: Int32Array.from([0]) },
  ];
  const nodes: GraphNode[] = [
    placeholder('Placeholder', [-1]),
    placeholder('Placeholder_1', [-1, 2]),
    ...specs.map(constant),
    // Column 0 of Placeholder_1 is the sentence each token belongs to.
    { name: 'segment_ids/Slice', op: 'Slice', input: ['Placeholder_1', 'segment_ids/begin', 'segment_ids/size'], attr: typeAttr('T', 'DT_INT32') },
    { name: 'segment_ids/all', op: 'Reshape', input: ['segment_ids/Slice', 'flat_shape'], attr: typeAttr('T', 'DT_INT32') },
    // Drops negative token ids. Where has a data-dependent shape, as the real model's graph
    // does, so executeAsync (which the package calls) runs without warning on every call.
    { name: 'valid_tokens/GreaterEqual', op: 'GreaterEqual', input: ['Placeholder', 'valid_tokens/min_id'], attr: typeAttr('T', 'DT_INT32') },
    { name: 'valid_tokens/Where', op: 'Where', input: ['valid_tokens/GreaterEqual'], attr: typeAttr('T', 'DT_BOOL') },
    { name: 'valid_tokens', op: 'Reshape', input: ['valid_tokens/Where', 'flat_shape'], attr: typeAttr('T', 'DT_INT64') },
    { name: 'token_ids', op: 'GatherV2', input: ['Placeholder', 'valid_tokens', 'gather_axis'], attr: typeAttr('Tparams', 'DT_INT32') },
    { name: 'segment_ids', op: 'GatherV2', input: ['segment_ids/all', 'valid_tokens', 'gather_axis'], attr: typeAttr('Tparams', 'DT_INT32') },
    { name: 'pooled', op: 'SparseSegmentSum', input: ['embeddings', 'token_ids', 'segment_ids'], attr: typeAttr('T', 'DT_FLOAT') },
  ];

  TOXICITY_LABELS.forEach((label, labelIndex) => {
    const kernel = new Float32Array(labelCount * 2);
    kernel[labelIndex * 2 + 1] = TRIGGER_LOGIT;
    const kernelSpec: WeightSpec = { name: `${label}/kernel`, shape: [labelCount, 2], dtype: 'float32', values: kernel };
    const biasSpec: WeightSpec = { name: `${label}/bias`, shape: [2], dtype: 'float32', values: Float32Array.from([0, RESTING_LOGIT]) };
    specs.push(kernelSpec, biasSpec);
    nodes.push(
      constant(kernelSpec),
      constant(biasSpec),
      {
        name: `${label}/MatMul`,
        op: 'MatMul',
        input: ['pooled', kernelSpec.name],
        attr: { ...typeAttr('T', 'DT_FLOAT'), transpose_a: { b: false }, transpose_b: { b: false } },
      },
      { name: `${label}/BiasAdd`, op: 'BiasAdd', input: [`${label}/MatMul`, biasSpec.name], attr: typeAttr('T', 'DT_FLOAT') },
      { name: `${label}/Softmax`, op: 'Softmax', input: [`${label}/BiasAdd`], attr: typeAttr('T', 'DT_FLOAT') },
    );
  });

  const modelJson = {
    format: 'graph-model',
    generatedBy: 'between-sessions toxicity fixture',
    convertedBy: 'scripts/model-fixture.ts',
    modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
    weightsManifest: [
      {
        paths: [TOXICITY_FIXTURE_FILES.weights],
        weights: specs.map(({ name, shape, dtype }) => ({ name, shape, dtype })),
      },
    ],
  };
  const weights = Buffer.concat(specs.map(({ values }) => Buffer.from(values.buffer, values.byteOffset, values.byteLength)));
  return { modelJson, weights, vocabulary };
}

function buildVocabulary(): VocabularyEntry[] {
  const vocabulary: VocabularyEntry[] = RESERVED_PIECES.map((piece) => [piece, 0]);
  vocabulary.push([WORD_SEPARATOR, CHARACTER_PIECE_SCORE]);
  // Printable ASCII, so any English text tokenizes without unknown pieces.
  for (let code = 0x21; code <= 0x7e; code++) {
    vocabulary.push([String.fromCharCode(code), CHARACTER_PIECE_SCORE]);
  }
  for (const piece of triggerPieces().keys()) {
    vocabulary.push([piece, TRIGGER_PIECE_SCORE]);
  }
  return vocabulary;
}

/** Every spelling of every trigger as a vocabulary piece, with the labels it drives. */
function triggerPieces(): Map<string, readonly ToxicityLabel[]> {
  const pieces = new Map<string, readonly ToxicityLabel[]>();
  for (const word of Object.keys(TOXICITY_FIXTURE_WORDS) as ToxicityFixtureWord[]) {
    const capitalised = word.charAt(0).toUpperCase() + word.slice(1);
    for (const spelling of [word, capitalised, word.toUpperCase()]) {
      pieces.set(WORD_SEPARATOR + spelling.replaceAll(' ', WORD_SEPARATOR), TOXICITY_FIXTURE_WORDS[word]);
    }
  }
  return pieces;
}

function placeholder(name: string, dims: number[]): GraphNode {
  return {
    name,
    op: 'Placeholder',
    attr: {
      dtype: { type: 'DT_INT32' },
      shape: { shape: { dim: dims.map((size) => ({ size: String(size) })) } },
    },
  };
}

function constant({ name, shape, dtype }: WeightSpec): GraphNode {
  const tfType = dtype === 'float32' ? 'DT_FLOAT' : 'DT_INT32';
  return {
    name,
    op: 'Const',
    attr: {
      value: { tensor: { dtype: tfType, tensorShape: { dim: shape.map((size) => ({ size: String(size) })) } } },
      dtype: { type: tfType },
    },
  };
}

function typeAttr(name: string, type: string): Record<string, unknown> {
  return { [name]: { type } };
}
