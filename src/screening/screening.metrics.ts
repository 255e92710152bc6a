import { Counter, Gauge, Histogram } from 'prom-client';
import { registeredMetric as metric } from '../common/metrics/registered-metric';

// Prometheus metrics of the screening worker.

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
