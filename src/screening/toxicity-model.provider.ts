import { FactoryProvider } from '@nestjs/common';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ReadinessRegistry } from '../health/readiness';
import { ROOT_LOGGER } from '../logging/logging.module';
import { ToxicityClassifier } from './toxicity/toxicity-classifier';
import type { ToxicityClassifierPort } from './toxicity/toxicity.port';
import { toxicityBatchSize, toxicityModelReady } from './screening.metrics';

export type ToxicityModelState = 'ready' | 'unavailable' | 'not-configured';

/**
 * The worker's toxicity model, loaded once at start and shared by every job. When it cannot be
 * loaded the worker still starts: `TOXICITY_REQUIRED` then decides whether posts are held for a
 * person (production) or screened on crisis patterns and watched words alone (demo).
 */
export class ToxicityModel {
  constructor(
    readonly state: ToxicityModelState,
    private readonly loaded: ToxicityClassifier | null,
    readonly required: boolean,
    /** Why the model is unavailable (for the readiness check), never post text. */
    readonly problem: string | null,
  ) {}

  /** The classifier for the toxicity phase, or null when the model is not loaded. */
  get classifier(): ToxicityClassifierPort | null {
    return this.loaded;
  }

  get backend(): string | null {
    return this.loaded?.backend ?? null;
  }

  get modelVersion(): string | null {
    return this.loaded?.modelVersion ?? null;
  }

  /** Ready unless the model is required and missing: then every post is held and ops must know. */
  get ready(): boolean {
    return this.state === 'ready' || !this.required;
  }
}

/**
 * tfjs keeps one backend per process, so a process loads each model once even when tests boot
 * several worker apps in it. The model then lives as long as the process.
 */
const loadedInThisProcess = new Map<string, Promise<ToxicityClassifier>>();

function loadOnce(modelUrl: string, vocabUrl: string, backend: AppConfig['toxicity']['backend']): Promise<ToxicityClassifier> {
  const key = `${backend}|${modelUrl}|${vocabUrl}`;
  let loading = loadedInThisProcess.get(key);
  if (!loading) {
    loading = ToxicityClassifier.load({ modelUrl, vocabUrl, backend, onBatch: (size) => toxicityBatchSize.observe(size) });
    // A failed load is not cached: the next worker start tries again.
    loading.catch(() => loadedInThisProcess.delete(key));
    loadedInThisProcess.set(key, loading);
  }
  return loading;
}

export async function loadToxicityModel(config: AppConfig, logger: Logger): Promise<ToxicityModel> {
  const { modelUrl, vocabUrl, backend, required } = config.toxicity;
  if (!modelUrl || !vocabUrl) {
    const consequence = required ? 'every post will be HELD for review' : 'posts are screened with crisis patterns and watched words only';
    logger.warn({ toxicityRequired: required }, `TOXICITY MODEL NOT CONFIGURED (TOXICITY_MODEL_URL / TOXICITY_VOCAB_URL unset): ${consequence}`);
    return new ToxicityModel('not-configured', null, required, 'TOXICITY_MODEL_URL and TOXICITY_VOCAB_URL are not set');
  }
  try {
    const classifier = await loadOnce(modelUrl, vocabUrl, backend);
    logger.info({ backend: classifier.backend, modelVersion: classifier.modelVersion }, 'toxicity model loaded');
    return new ToxicityModel('ready', classifier, required, null);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const consequence = required ? 'every post will be HELD for review' : 'posts are screened with crisis patterns and watched words only';
    logger.error({ err: { message }, toxicityRequired: required }, `TOXICITY MODEL FAILED TO LOAD: ${consequence}`);
    return new ToxicityModel('unavailable', null, required, message);
  }
}

/**
 * Loads the model while the worker's providers are built, so no job is taken before the model
 * is ready (BullMQ starts consuming only after the application has started).
 */
export const toxicityModelProvider: FactoryProvider<Promise<ToxicityModel>> = {
  provide: ToxicityModel,
  inject: [AppConfig, ReadinessRegistry, ROOT_LOGGER],
  useFactory: async (config: AppConfig, readiness: ReadinessRegistry, logger: Logger) => {
    const model = await loadToxicityModel(config, logger);
    toxicityModelReady.set(
      { backend: model.backend ?? 'none', model_version: model.modelVersion ?? 'none', required: String(model.required) },
      model.state === 'ready' ? 1 : 0,
    );
    readiness.register({
      name: 'toxicityModel',
      check: () =>
        Promise.resolve({
          ok: model.ready,
          details: {
            state: model.state,
            required: model.required,
            backend: model.backend,
            modelVersion: model.modelVersion,
            ...(model.problem ? { problem: model.problem } : {}),
          },
        }),
    });
    return model;
  },
};
