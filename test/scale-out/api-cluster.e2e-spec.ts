import { get } from 'node:http';
import { childPids, ensureBuilt, freePort, ServerProcess, spawnApp, waitReady } from '../utils/app-process';
import { runEnvironment } from '../setup/test-env';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../utils/environment';
import { waitFor } from '../utils/wait-for';

/**
 * `npm run start:api -- --processes N`: a primary forks N API processes sharing one port,
 * replaces one that dies, and stops them all gracefully on SIGTERM. Real processes from dist/.
 */
/** GET on a connection of its own, as a new client would (a pooled one may belong to the killed process). */
function statusOf(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to GET ${path} within 10 s`)));
    req.on('error', reject);
  });
}

describe('scale-out: npm run start:api -- --processes 2', () => {
  let port: number;
  let metricsPort: number;
  let primary: ServerProcess;
  /** Everything the primary and its processes logged (ServerProcess.output() keeps only the tail). */
  let logged = '';
  const timesLogged = (message: string) => logged.split(`"msg":"${message}"`).length - 1;

  const env = () => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: runEnvironment().databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `${runEnvironment().redisPrefix}-cluster`,
    JWT_SECRET: TEST_JWT_SECRET,
    TOXICITY_REQUIRED: 'false',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    SHUTDOWN_GRACE_SECONDS: '10',
  });

  beforeAll(async () => {
    ensureBuilt();
    port = await freePort();
    metricsPort = await freePort();
    primary = spawnApp('api', env(), { args: ['--processes', '2'] });
    primary.child.stdout?.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    await waitReady(port, primary);
    await waitFor('both API processes to listen', () => timesLogged('api cluster ready') === 1, { timeoutMs: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await primary?.stop('SIGKILL').catch(() => undefined);
  });

  it('should run two API processes under one primary, both serving the one port', async () => {
    expect(childPids(primary.pid)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 10 }, () => statusOf(port, '/health/ready')));
    expect(answers).toEqual(Array(10).fill(200));
  });

  it('should serve the metrics of the processes from the primary on METRICS_PORT', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });

  it('should replace an API process that was killed, while the other keeps serving', async () => {
    const [victim, survivor] = childPids(primary.pid);
    process.kill(victim, 'SIGKILL');
    // A connection handed to the process as it died is lost, as with a single process; new ones go to the survivor.
    await waitFor('the primary to notice', () => timesLogged('api process exited; replacing it') === 1);
    expect(await statusOf(port, '/health/live')).toBe(200);
    const replaced = await waitFor(
      'a replacement API process',
      () => {
        const now = childPids(primary.pid);
        return now.length === 2 && !now.includes(victim) && now.includes(survivor) && now;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    await waitFor('the replacement to listen', () => timesLogged('api process listening') === 3, { timeoutMs: 60_000 });
    expect(replaced).toHaveLength(2);
  }, 90_000);

  it('should restart every API process in turn on SIGHUP, the port answering every request meanwhile', async () => {
    const before = childPids(primary.pid);
    let restarting = true;
    const failures: string[] = [];
    let answered = 0;
    const poller = (async () => {
      while (restarting) {
        await statusOf(port, '/health/live').then(
          (status) => (status === 200 ? (answered += 1) : failures.push(`HTTP ${status}`)),
          (error: Error) => failures.push(error.message),
        );
      }
    })();
    process.kill(primary.pid, 'SIGHUP');
    try {
      await waitFor('the rolling restart to finish', () => timesLogged('rolling restart done') === 1, { timeoutMs: 120_000, intervalMs: 200 });
    } finally {
      restarting = false;
      await poller;
    }
    const after = childPids(primary.pid);
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
  }, 150_000);

  it('should stop every API process gracefully and exit 0 on SIGTERM', async () => {
    const children = childPids(primary.pid);
    const exit = await primary.stop('SIGTERM', 30_000);
    if (exit !== 0) console.log(logged.slice(-4000), primary.output());
    expect(exit).toBe(0);
    const alive = children.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(timesLogged('api cluster stopped')).toBe(1);
    if (timesLogged('api cluster stopped') !== 1) console.log(logged.slice(-3000));
  }, 40_000);

  it('should refuse a --processes that is not a whole number from 1 to 64, with one line and exit code 1', async () => {
    const bad = spawnApp('api', env(), { args: ['--processes', 'many'], quiet: true });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('--processes must be a whole number from 1 to 64');
  });
});
