/**
 * The load generator shared by the scenarios: autocannon against the real API, every connection
 * its own member, bounded by time AND by a request count, with exact percentiles from every
 * response and GraphQL errors (which answer HTTP 200) counted apart from transport errors.
 */
import autocannon from 'autocannon';
import { BenchEnvironment } from './environment';
import { summarise } from './harness';

export interface LoadRun {
  requests: number;
  durationSeconds: number;
  throughput: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Answers with a GraphQL `errors` array (refused: rate limit, bad input, ...). */
  graphqlErrors: number;
  apiCpuMsPerRequest: number;
  /** Average SQL statements the API sent per request (environments started with `countSql`). */
  sqlStatementsPerRequest?: number;
}

export interface DriveOptions {
  connections: number;
  seconds: number;
  /** Upper bound on requests, whatever the duration. */
  maxRequests: number;
  /** Requests per second over all connections (fixed-rate runs). */
  overallRate?: number;
  body: (i: number) => string;
  /** Tokens to send as, one per connection (default: the environment's client members). */
  tokens?: string[];
}

export async function drive(env: BenchEnvironment, options: DriveOptions): Promise<LoadRun> {
  let counter = 0;
  let connectionIndex = 0;
  let graphqlErrors = 0;
  const latencies: number[] = [];
  const tokens = options.tokens ?? env.clientTokens;
  const cpuBefore = env.apiCpuMs();
  const sqlBefore = await env.sqlStatements();
  const instance = autocannon({
    url: env.graphqlUrl,
    connections: options.connections,
    duration: options.seconds,
    maxOverallRequests: Math.max(options.maxRequests, options.connections),
    overallRate: options.overallRate,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      const token = tokens[connectionIndex++ % tokens.length];
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
      client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
      client.on('body', (body: Buffer) => {
        if (body.includes('"errors"')) graphqlErrors += 1;
      });
    },
    requests: [{ setupRequest: (req) => ({ ...req, body: options.body(counter++) }) }],
  });
  const result = await instance;
  const cpu = env.apiCpuMs() - cpuBefore;
  const sqlAfter = await env.sqlStatements();
  const { p50, p95, p99, max } = summarise(latencies);
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    throughput: Math.round((result.requests.total / result.duration) * 10) / 10,
    latencyMs: { p50, p95, p99, max },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    apiCpuMsPerRequest: result.requests.total ? Math.round((cpu / result.requests.total) * 1000) / 1000 : 0,
    ...(sqlBefore !== null && sqlAfter !== null
      ? { sqlStatementsPerRequest: Math.round(((sqlAfter - sqlBefore) / Math.max(1, result.requests.total)) * 100) / 100 }
      : {}),
  };
}

/**
 * A fixed rate with evenly spaced arrivals: request i is sent at start + i / rate (by whichever
 * of `connections` clients is free). autocannon's `overallRate` sends each second's quota in a
 * burst at the start of the second, which measures queueing behind that burst rather than the
 * latency a steady stream of posts sees.
 */
export async function drivePaced(
  env: BenchEnvironment,
  options: { connections: number; seconds: number; rate: number; body: (i: number) => string; tokens?: string[] },
): Promise<LoadRun & { late: number }> {
  const tokens = options.tokens ?? env.clientTokens;
  const total = Math.floor(options.rate * options.seconds);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let non2xx = 0;
  let graphqlErrors = 0;
  let late = 0;
  const cpuBefore = env.apiCpuMs();
  const sqlBefore = await env.sqlStatements();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async (_, client) => {
      const token = tokens[client % tokens.length];
      while (next < total) {
        const i = next++;
        const due = started + (i * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -5) late += 1;
        const sent = performance.now();
        try {
          const res = await fetch(env.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: options.body(i),
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          latencies.push(performance.now() - sent);
          if (res.status >= 300) non2xx += 1;
          else if (text.includes('"errors"')) graphqlErrors += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const durationSeconds = (performance.now() - started) / 1000;
  const cpu = env.apiCpuMs() - cpuBefore;
  const sqlAfter = await env.sqlStatements();
  const { p50, p95, p99, max } = summarise(latencies);
  return {
    requests: latencies.length,
    durationSeconds: Math.round(durationSeconds * 100) / 100,
    throughput: Math.round((latencies.length / durationSeconds) * 10) / 10,
    latencyMs: { p50, p95, p99, max },
    errors,
    non2xx,
    graphqlErrors,
    apiCpuMsPerRequest: latencies.length ? Math.round((cpu / latencies.length) * 1000) / 1000 : 0,
    ...(sqlBefore !== null && sqlAfter !== null
      ? { sqlStatementsPerRequest: Math.round(((sqlAfter - sqlBefore) / Math.max(1, latencies.length)) * 100) / 100 }
      : {}),
    /** Requests sent more than 5 ms after their slot because every client was busy (the API fell behind). */
    late,
  };
}
