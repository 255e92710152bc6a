import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * Prometheus metrics of the screening worker. Looked up before being created, because tests boot
 * several apps in one process and the default registry refuses a second metric of the same name.
 */
function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const toxicityModelReady = metric(
  'screening_toxicity_model_ready',
  () =>
    new Gauge({
      name: 'screening_toxicity_model_ready',
      help: '1 when the toxicity model is loaded, 0 when it is unavailable; labelled with backend and model version',
      labelNames: ['backend', 'model_version', 'required'],
    }),
);

export const toxicityBatchSize = metric(
  'screening_toxicity_batch_size',
  () => new Histogram({ name: 'screening_toxicity_batch_size', help: 'Texts per toxicity model call', buckets: [1, 2, 4, 8, 16, 32, 64] }),
);

export const screeningsTotal = metric(
  'screening_decisions_total',
  () => new Counter({ name: 'screening_decisions_total', help: 'Post revisions screened, by decision', labelNames: ['decision'] }),
);

export const screeningDuration = metric(
  'screening_duration_seconds',
  () =>
    new Histogram({
      name: 'screening_duration_seconds',
      help: 'Time from a post revision being written to its screening being committed',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
);
