import { dirname } from 'node:path';
import { ToxicityClassifier as PackageToxicityClassifier, version as toxicityPackageVersion } from '@tensorflow-models/toxicity';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { Tensor } from '@tensorflow/tfjs-core';
import { MicroBatcher } from './classify-micro-batcher';
import { selectTfjsBackend, type TfjsBackendChoice, type TfjsBackendSelection } from './tfjs-backend';
import { loadVocabulary, ToxicityModelIoHandler, type VocabularyEntry } from './toxicity-model-source';
import { TOXICITY_LABELS, type ToxicityClassifierPort, type ToxicityLabel, type ToxicityScores } from './toxicity.port';

export interface ToxicityClassifierOptions {
  /** model.json: https://…, file://… or a path. */
  modelUrl: string;
  /** vocab.json: https://…, file://… or a path. */
  vocabUrl: string;
  backend: TfjsBackendChoice;
  /** Score above which `flaggedLabels` reports a label (default 0.85, the package's default). */
  threshold?: number;
  /** Most texts per model call (default 32). */
  maxBatch?: number;
  /** How long the first waiting text waits for company before its batch runs (default 5 ms). */
  batchWindowMs?: number;
  /** Called with each model call's batch size (metrics; tests count model calls with it). */
  onBatch?: (size: number) => void;
}

export const TOXICITY_CLASSIFIER_DEFAULTS = { threshold: 0.85, maxBatch: 32, batchWindowMs: 5 } as const;

export class ToxicityClassifierError extends Error {
  override readonly name = 'ToxicityClassifierError';
}

/**
 * The toxicity phase's model: `@tensorflow-models/toxicity` loaded once per worker from our own
 * model files and shared by every job, classifying concurrent requests in micro-batches.
 */
export class ToxicityClassifier implements ToxicityClassifierPort {
  private disposed = false;

  private constructor(
    private readonly model: PackageModel,
    private readonly batcher: MicroBatcher<string, ToxicityScores>,
    readonly modelVersion: string,
    readonly backendSelection: TfjsBackendSelection,
    readonly threshold: number,
  ) {}

  /** tfjs backend in use: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  get backend(): string {
    return this.backendSelection.backend;
  }

  static async load(options: ToxicityClassifierOptions): Promise<ToxicityClassifier> {
    const threshold = options.threshold ?? TOXICITY_CLASSIFIER_DEFAULTS.threshold;
    if (!(threshold > 0 && threshold < 1)) {
      throw new RangeError(`threshold must be between 0 and 1, got ${threshold}`);
    }
    const backendSelection = await selectTfjsBackend(options.backend);
    const modelIo = ToxicityModelIoHandler.fromUrl(options.modelUrl);
    const [vocabulary, Tokenizer] = await Promise.all([loadVocabulary(options.vocabUrl), loadPackageTokenizerClass()]);
    const model = new PackageModel(threshold, modelIo, () => new Tokenizer(vocabulary));
    await model.load();

    const batcher = new MicroBatcher<string, ToxicityScores>({
      maxBatch: options.maxBatch ?? TOXICITY_CLASSIFIER_DEFAULTS.maxBatch,
      windowMs: options.batchWindowMs ?? TOXICITY_CLASSIFIER_DEFAULTS.batchWindowMs,
      runBatch: (texts) => model.classifyBatch(texts),
      onBatch: options.onBatch,
    });
    const modelVersion = `toxicity-${toxicityPackageVersion}@sha256:${modelIo.modelJsonSha256.slice(0, 12)}`;
    const classifier = new ToxicityClassifier(model, batcher, modelVersion, backendSelection, threshold);
    // Compiles the kernels and proves the model answers before the worker takes jobs.
    await model.classifyBatch([' ']);
    return classifier;
  }

  classify(text: string): Promise<ToxicityScores> {
    if (this.disposed) {
      return Promise.reject(new ToxicityClassifierError('the toxicity classifier has been disposed'));
    }
    return this.batcher.submit(text);
  }

  /** Labels scoring above the threshold, in the port's label order. */
  flaggedLabels(scores: ToxicityScores): ToxicityLabel[] {
    return TOXICITY_LABELS.filter((label) => scores[label] > this.threshold);
  }

  /** Frees the model's weights; later classify calls reject. */
  dispose(): void {
    this.disposed = true;
    this.model.disposeWeights();
  }
}

type PackageTokenizer = Awaited<ReturnType<PackageToxicityClassifier['loadTokenizer']>>;
type PackageTokenizerClass = new (vocabulary: VocabularyEntry[]) => PackageTokenizer;

/**
 * The package's classifier with our loaders. Its own loaders fetch a dead tfhub.dev address;
 * its classify() never disposes the model's seven output tensors, so we capture and free them.
 */
class PackageModel extends PackageToxicityClassifier {
  private graphModel: GraphModel | undefined;
  /** Output tensors of the model call in progress; batches run one at a time (MicroBatcher). */
  private readonly outputsToDispose: Tensor[] = [];

  constructor(
    threshold: number,
    private readonly modelIo: ToxicityModelIoHandler,
    private readonly createTokenizer: () => PackageTokenizer,
  ) {
    // Asking for all seven labels makes load() fail on a model that lacks one of them.
    super(threshold, [...TOXICITY_LABELS]);
  }

  override async loadModel(): Promise<GraphModel> {
    const graphModel = await loadGraphModel(this.modelIo);
    const executeAsync = graphModel.executeAsync.bind(graphModel);
    graphModel.executeAsync = async (inputs, outputs) => {
      const result = await executeAsync(inputs, outputs);
      this.outputsToDispose.push(...(Array.isArray(result) ? result : [result]));
      return result;
    };
    this.graphModel = graphModel;
    return graphModel;
  }

  override async loadTokenizer(): Promise<PackageTokenizer> {
    return this.createTokenizer();
  }

  async classifyBatch(texts: string[]): Promise<ToxicityScores[]> {
    // Blank text encodes to no tokens at all, which would shift every later text's row.
    const inputs = texts.map((text) => (text.trim() === '' ? ' ' : text));
    try {
      const predictions = await this.classify(inputs);
      return inputs.map((_, index) => scoresFor(predictions, index));
    } finally {
      for (const tensor of this.outputsToDispose.splice(0)) {
        tensor.dispose();
      }
    }
  }

  disposeWeights(): void {
    this.graphModel?.dispose();
  }
}

type PackagePredictions = Awaited<ReturnType<PackageToxicityClassifier['classify']>>;

function scoresFor(predictions: PackagePredictions, index: number): ToxicityScores {
  const entries = TOXICITY_LABELS.map((label): [ToxicityLabel, number] => {
    const probabilities = predictions.find((prediction) => prediction.label === label)?.results[index]?.probabilities;
    // probabilities = [P(not label), P(label)]
    const score = probabilities?.length === 2 ? probabilities[1] : Number.NaN;
    if (!Number.isFinite(score)) {
      throw new ToxicityClassifierError(`the model returned no score for "${label}" (text ${index} of the batch)`);
    }
    return [label, score];
  });
  return Object.fromEntries(entries) as ToxicityScores;
}

/**
 * The tokenizer class the toxicity package itself uses: it nests its own
 * universal-sentence-encoder (~1.2.2), which may differ from the top-level 1.3.3.
 */
async function loadPackageTokenizerClass(): Promise<PackageTokenizerClass> {
  const toxicityEntry = require.resolve('@tensorflow-models/toxicity');
  const encoderEntry = require.resolve('@tensorflow-models/universal-sentence-encoder', { paths: [dirname(toxicityEntry)] });
  const encoderModule: unknown = await import(encoderEntry);
  const Tokenizer: unknown = typeof encoderModule === 'object' && encoderModule !== null && 'Tokenizer' in encoderModule ? encoderModule.Tokenizer : undefined;
  if (typeof Tokenizer !== 'function') {
    throw new ToxicityClassifierError(`${encoderEntry} does not export a Tokenizer`);
  }
  return Tokenizer as PackageTokenizerClass;
}
