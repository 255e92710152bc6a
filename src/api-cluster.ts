import cluster, { Worker } from 'node:cluster';
import { Logger } from 'pino';
import { startMetricsServer } from './health/metrics-server';
import { clusterMetrics } from './health/cluster-metrics';
import { createRootLogger } from './logging/logger';
import { loadConfigOrExit } from './process-entry';

/** Most API processes one primary forks: more than the machine has cores only adds context switches. */
export const MAX_API_PROCESSES = 64;
/** A replacement for a process that crashed soon after starting waits longer each time, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A process that ran this long before it exited was healthy: its replacement starts at once. */
const HEALTHY_RUN_MS = 60_000;
/** What the primary adds to the processes' own shutdown grace before it stops waiting for them. */
const PRIMARY_GRACE_MARGIN_MS = 5_000;

/**
 * `--processes N` or `--processes=N` from the command line; 1 when absent. Throws on anything
 * but a whole number from 1 to MAX_API_PROCESSES.
 */
export function apiProcessesFrom(argv: readonly string[]): number {
  const index = argv.findIndex((arg) => arg === '--processes' || arg.startsWith('--processes='));
  if (index === -1) return 1;
  const raw = argv[index].includes('=') ? argv[index].slice('--processes='.length) : argv[index + 1];
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_API_PROCESSES) {
    throw new Error(`--processes must be a whole number from 1 to ${MAX_API_PROCESSES} (got ${raw === undefined ? 'nothing' : `"${raw}"`})`);
  }
  return count;
}

/** How long the replacement of a process that exited after `ranMs` waits, given the crashes just before it. */
export function restartDelayMs(ranMs: number, recentCrashes: number): number {
  if (ranMs >= HEALTHY_RUN_MS) return 0;
  return Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** Math.min(recentCrashes, 10));
}

interface Slot {
  worker: Worker;
  startedAt: number;
  ready: boolean;
  crashes: number;
}

/**
 * The primary of `npm run start:api -- --processes N`: forks N API processes that share the port
 * (Node's cluster hands each new connection to one of them in turn), serves no request itself,
 * and holds no application state: everything the processes share lives in PostgreSQL and Redis.
 *
 * - A process that exits while the primary is not shutting down is replaced (an operator's
 *   `kill -TERM <pid>` of one process is a restart of that one; the others keep serving). Before
 *   every process has started once, an exit stops everything with exit code 1, as a single process
 *   would: a bad environment or a missing database is not cured by trying again.
 * - SIGTERM / SIGINT: every process gets SIGTERM and shuts down gracefully (in-flight requests
 *   finish); the primary exits 0 when they all exited cleanly, 1 otherwise.
 * - SIGHUP: a rolling restart (new code on disk): one process at a time, the replacement is
 *   listening before the old one is told to stop, so the port is never without a process.
 * - METRICS_PORT is served by the primary, summed over the processes (one scrape target).
 */
export async function runApiCluster(count: number, withWorker: boolean): Promise<void> {
  // Checked once here, so a bad environment is one message instead of N processes failing.
  const config = loadConfigOrExit();
  const logger = createRootLogger(config.logLevel).child({ component: 'api-cluster' });
  const metrics = config.metricsPort === undefined ? null : await startMetricsServer(config.metricsPort, '127.0.0.1', clusterMetrics());
  new ApiCluster(count, withWorker, config.shutdownGraceMs + PRIMARY_GRACE_MARGIN_MS, logger, () => metrics?.close()).start();
}

class ApiCluster {
  private readonly slots: Slot[] = [];
  private startedOnce = false;
  private stopping = false;
  private rolling = false;

  constructor(
    private readonly count: number,
    private readonly withWorker: boolean,
    private readonly stopWaitMs: number,
    private readonly logger: Logger,
    private readonly closeMetrics: () => Promise<void> | undefined,
  ) {}

  start(): void {
    cluster.setupPrimary({ args: this.withWorker ? ['--with-worker'] : [] });
    for (let i = 0; i < this.count; i++) this.slots.push(this.fork(i, 0));
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    process.on('SIGINT', () => void this.stop('SIGINT'));
    process.on('SIGHUP', () => void this.rollingRestart());
    this.logger.info({ processes: this.count }, 'api cluster starting');
  }

  private fork(index: number, crashes: number): Slot {
    const worker = cluster.fork();
    const slot: Slot = { worker, startedAt: Date.now(), ready: false, crashes };
    // The first server a process opens is the API's (its metrics are served here, not there).
    worker.once('listening', () => {
      slot.ready = true;
      this.logger.info({ index, pid: worker.process.pid }, 'api process listening');
      if (!this.startedOnce && this.slots.length === this.count && this.slots.every((s) => s.ready)) {
        this.startedOnce = true;
        this.logger.info({ processes: this.count, pids: this.slots.map((s) => s.worker.process.pid) }, 'api cluster ready');
      }
    });
    worker.once('exit', (code, signal) => this.onExit(index, slot, code, signal));
    return slot;
  }

  private onExit(index: number, slot: Slot, code: number | null, signal: string | null): void {
    if (this.stopping || this.slots[index] !== slot) return;
    const ranMs = Date.now() - slot.startedAt;
    if (!this.startedOnce) {
      this.logger.error({ index, pid: slot.worker.process.pid, code, signal }, 'an api process exited during start-up; stopping');
      void this.stop('SIGTERM', 1);
      return;
    }
    const crashes = ranMs >= HEALTHY_RUN_MS ? 0 : slot.crashes + 1;
    const delayMs = restartDelayMs(ranMs, slot.crashes);
    this.logger.warn({ index, pid: slot.worker.process.pid, code, signal, ranMs, restartInMs: delayMs }, 'api process exited; replacing it');
    setTimeout(() => {
      if (!this.stopping && this.slots[index] === slot) this.slots[index] = this.fork(index, crashes);
    }, delayMs);
  }

  /** One process at a time: the replacement listens before the old one is told to stop. */
  private async rollingRestart(): Promise<void> {
    if (this.rolling || this.stopping || !this.startedOnce) return;
    this.rolling = true;
    this.logger.info({ processes: this.count }, 'rolling restart');
    try {
      for (let index = 0; index < this.slots.length && !this.stopping; index++) {
        const old = this.slots[index];
        const replacement = this.fork(index, 0);
        const listening = await new Promise<boolean>((resolve) => {
          replacement.worker.once('listening', () => resolve(true));
          replacement.worker.once('exit', () => resolve(false));
        });
        if (!listening) {
          this.logger.error({ index }, 'rolling restart: the replacement did not start; keeping the running process and stopping the restart');
          return;
        }
        this.slots[index] = replacement;
        await this.terminate(old.worker);
      }
      this.logger.info({ pids: this.slots.map((s) => s.worker.process.pid) }, 'rolling restart done');
    } finally {
      this.rolling = false;
    }
  }

  /** SIGTERM, then resolves with whether it exited cleanly (Nest re-raises SIGTERM after a clean close). */
  private terminate(worker: Worker): Promise<boolean> {
    // One that died already (its replacement still waiting to start) was logged when it exited.
    if (worker.isDead()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.logger.error({ pid: worker.process.pid, waitedMs: this.stopWaitMs }, 'api process did not exit in time; killing it');
        worker.process.kill('SIGKILL');
      }, this.stopWaitMs);
      worker.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code === 0 || signal === 'SIGTERM' || signal === 'SIGINT');
      });
      worker.process.kill('SIGTERM');
    });
  }

  private async stop(signal: NodeJS.Signals, exitCode = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.info({ signal }, 'api cluster stopping');
    const clean = await Promise.all(this.slots.map((slot) => this.terminate(slot.worker)));
    await this.closeMetrics();
    const code = exitCode || (clean.every(Boolean) ? 0 : 1);
    this.logger.info({ exitCode: code }, 'api cluster stopped');
    process.exit(code);
  }
}
