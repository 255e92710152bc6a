/**
 * What every benchmark and drill needs: a fresh database, the real API and worker as separate
 * processes on 127.0.0.1, tokens for many members, a GraphQL client, CPU accounting of a process
 * and latency percentiles. Nothing here talks to anything but 127.0.0.1.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';

export const ROOT = join(__dirname, '..', '..');
export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export function databaseUrl(name: string, adminUrl = PG_ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh database (or the named one, kept), dropped again by `drop()` unless kept. */
export async function freshDatabase(label: string, keepName?: string, adminUrl = PG_ADMIN_URL): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = keepName ?? `bs_bench_${label.replace(/-/g, '_')}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: databaseUrl(name, adminUrl),
    async drop() {
      if (keepName) return;
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Builds dist/ when it is older than the sources (incremental tsc). tsc still emits when some
 * file has a type error (e.g. a test someone is halfway through), so that only warns; a missing
 * entry point stops the run.
 */
let built = false;
export function ensureBuilt(): void {
  if (built) return;
  built = true;
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0)
    console.error(`warning: the build reported type errors; running what it emitted:\n${(result.stdout + result.stderr).slice(0, 1500)}`);
  for (const entry of ['main.js', 'worker.js']) {
    if (!existsSync(join(ROOT, 'dist', 'src', entry))) throw new Error(`dist/src/${entry} is missing: the build failed`);
  }
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** Signals the process and resolves with its exit code, or the signal that ended it. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** The process's last output lines (for a drill's report when it exits unexpectedly). */
  output(): string;
}

/** Every child this run started: killed on the way out, whatever ends the run (error, Ctrl-C). */
const liveChildren = new Set<ChildProcess>();
let exitHooked = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const c of liveChildren) c.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const c of liveChildren) c.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** Deletes every key under a run's prefix (queues, rate limits, events), leaving other runs alone. */
export async function clearRedisPrefix(prefix: string, redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function baseEnv(databaseUrlValue: string, prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production' === extra.NODE_ENV ? 'production' : 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrlValue,
    DATABASE_POOL_SIZE: '16',
    REDIS_URL: REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET,
    TOXICITY_REQUIRED: 'false',
    ...extra,
  };
}

/**
 * Starts `dist/src/main.js` or `dist/src/worker.js` as its own process. `preload` names modules
 * loaded first with `node -r` (the benchmarks' SQL counter, the drills' fault injection): the
 * application itself carries no benchmark or fault switch.
 */
export function startProcess(
  entry: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean; preload?: string[]; nodeArgs?: string[] } = {},
): ServerProcess {
  const script = join(ROOT, 'dist', 'src', entry === 'api' ? 'main.js' : 'worker.js');
  const preload = (options.preload ?? []).flatMap((module) => ['-r', module]);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...preload, script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  const chunks: string[] = [];
  const keep = (data: Buffer) => {
    chunks.push(data.toString());
    if (chunks.length > 200) chunks.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && !options.quiet) console.error(`[${entry}] exited with ${code ?? signal}: ${chunks.join('').slice(-2000)}`);
  });
  return {
    child,
    pid: child.pid ?? -1,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      // Exited already: by itself (exit code) or by a signal (Nest re-raises SIGTERM after a clean shutdown).
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
      return new Promise((resolve) => {
        // A process that does not finish shutting down in 30 s is killed (a hung job would hold it forever).
        const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', (code, exitSignal) => {
          clearTimeout(deadline);
          resolve(code ?? exitSignal);
        });
        child.kill(signal);
      });
    },
    output: () => chunks.join(''),
  };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function waitReady(port: number): Promise<void> {
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 60_000, `API on port ${port}`);
}

/** CPU time (user + system) a process has used so far, in milliseconds. Linux /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

export function tokenFor(sub: string, role: Role, name?: string): Promise<string> {
  return signDevToken(JWT_SECRET, { sub, role, name }, '2h');
}

export async function gql<T = Record<string, unknown>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  return body.data as T;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 100) / 100;
}

export function summarise(values: number[]): { count: number; p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}
