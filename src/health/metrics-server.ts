import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { MetricsSource, processMetrics } from './cluster-metrics';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Prometheus metrics on a port of their own (METRICS_PORT), for the scraper on the private
 * network: the public port never serves them (they name queues, timings and process details).
 */
export async function startMetricsServer(port: number, host: string, source: MetricsSource = processMetrics): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      res.statusCode = 404;
      res.end();
      return;
    }
    source.metrics().then(
      (body) => {
        res.setHeader('content-type', source.contentType);
        res.end(body);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
