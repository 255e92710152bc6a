import { AggregatorRegistry, register } from 'prom-client';

/** Where a metrics server reads from: this process's registry, or the cluster's sum. */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export const processMetrics: MetricsSource = { contentType: register.contentType, metrics: () => register.metrics() };

/**
 * The metrics of every API process of a cluster, summed by the primary over IPC (prom-client's
 * aggregator): one scrape target for the port they share, instead of whichever process the
 * connection happened to reach.
 */
export function clusterMetrics(): MetricsSource {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() };
}

/** In a cluster's API process: answer the primary's requests for this process's metrics. */
export function answerClusterMetricRequests(): void {
  // The aggregator's constructor installs the IPC listener a worker answers with.
  new AggregatorRegistry();
}
