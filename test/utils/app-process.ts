import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { GraphqlResponse, postGraphql } from './graphql';
import { waitFor } from './wait-for';

/**
 * The real app as processes of its own, started from the production build (dist/, `npm run
 * build`): what the benchmarks and drills measure and break, and what a test uses when it cannot
 * run the app in-process (PGlite's WASM loader, signals). Children are killed when this process
 * exits, whatever ends it.
 */

export const ROOT = join(__dirname, '..', '..');

/** The entry points: API (HTTP), worker (no HTTP), or both in one process (`npm start`). */
export type AppEntry = 'api' | 'worker' | 'all';

const ENTRY_ARGS: Record<AppEntry, string[]> = {
  api: [join(ROOT, 'dist', 'src', 'main.js')],
  worker: [join(ROOT, 'dist', 'src', 'worker.js')],
  all: [join(ROOT, 'dist', 'src', 'main.js'), '--with-worker'],
};

/** A process given this long to exit after a signal is killed, and its stop() fails. */
const DEFAULT_STOP_WAIT_MS = 30_000;

/** Newest modification time of the files under `dir`, in ms (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(...['src', 'migrations'].map((dir) => newestMtime(join(ROOT, dir)))) > built;
}

/**
 * Builds dist/ when src/ or migrations/ changed since the last build (`npm run test:all` has just
 * built; tsc is slow even when incremental, so an unchanged tree is not rebuilt). tsc still emits
 * when some file has a type error (an edit halfway through), so that only warns; a missing entry
 * point stops the run.
 */
export function ensureBuilt(): void {
  if (buildIsStale()) {
    const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0)
      console.error(`warning: the build reported type errors; running what it emitted:\n${(result.stdout + result.stderr).slice(0, 1500)}`);
  }
  for (const entry of ['main.js', 'worker.js']) {
    if (!existsSync(join(ROOT, 'dist', 'src', entry))) throw new Error(`dist/src/${entry} is missing: the build failed`);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ExitStatus = number | NodeJS.Signals | null;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<ExitStatus>;
  /**
   * Signals the process (unless it exited already) and resolves with how it exited; one that does
   * not exit within `waitMs` is killed, and stop() rejects with its last output.
   */
  stop(signal?: NodeJS.Signals, waitMs?: number): Promise<ExitStatus>;
  /** The process's last output, for a failure message. */
  output(): string;
}

/** Every child this process started: killed on the way out, whatever ends it (error, Ctrl-C). */
const liveChildren = new Set<ChildProcess>();
let exitHooked = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const c of liveChildren) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/**
 * Starts one entry point of dist/ with exactly `env` (give it PATH). `preload` names CommonJS
 * modules loaded first with `node -r` (a benchmark's SQL counter, a drill's fault injection): the
 * application itself carries no benchmark or fault switch. `quiet` keeps an expected non-zero exit
 * (a drill's SIGKILL) off stderr. `args` follow the entry point (`--processes 2`).
 */
export function spawnApp(
  entry: AppEntry,
  env: NodeJS.ProcessEnv,
  options: { preload?: string[]; nodeArgs?: string[]; args?: string[]; quiet?: boolean } = {},
): ServerProcess {
  const preload = (options.preload ?? []).flatMap((module) => ['-r', module]);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...preload, ...ENTRY_ARGS[entry], ...(options.args ?? [])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const chunks: string[] = [];
  const keep = (data: Buffer) => {
    chunks.push(data.toString());
    if (chunks.length > 200) chunks.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => chunks.join('').slice(-4000);
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  void exited.then((status) => {
    if (typeof status === 'number' && status !== 0 && !options.quiet) console.error(`[${entry}] exited with ${status}: ${output().slice(-2000)}`);
  });
  return {
    child,
    pid: child.pid ?? -1,
    exited,
    output,
    async stop(signal = 'SIGTERM', waitMs = DEFAULT_STOP_WAIT_MS) {
      // Exited already: by itself (exit code) or by a signal (Nest re-raises SIGTERM after a clean shutdown).
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
      const status = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (status !== 'late') return status;
      // A process that does not finish shutting down is killed (a hung job would hold it forever).
      child.kill('SIGKILL');
      await exited;
      throw new Error(`[${entry}] did not exit within ${waitMs} ms of ${signal}:\n${output()}`);
    },
  };
}

/** The live child processes of `pid` (a cluster primary's API processes), from Linux /proc. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, ...
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return children.sort((a, b) => a - b);
}

/**
 * Waits until the process on `port` answers /health/ready (database, Redis and, in a worker, the
 * model). Boot includes every migration, and PGlite's first start is much slower than PostgreSQL's.
 */
export async function waitReady(port: number, server?: ServerProcess, timeoutMs = 60_000): Promise<void> {
  try {
    await waitFor(
      `the app on port ${port} to be ready`,
      async () => {
        if (server && (server.child.exitCode !== null || server.child.signalCode !== null)) throw new Error('the app exited during start-up');
        return (await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => null))?.ok;
      },
      { timeoutMs, intervalMs: 200 },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}${server ? `:\n${server.output()}` : ''}`);
  }
}

/** A request or an exit that takes longer than this fails the test, naming what it waited for. */
const TEST_WAIT_MS = 20_000;

export interface AppProcess extends ServerProcess {
  url: string;
  /** One GraphQL operation; rejects when no answer comes within the wait. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  get(path: string): Promise<Response>;
}

/**
 * The app (API + worker, `npm start`) as its own process for a test, ready when this resolves.
 * The environment is exactly `env` (plus PATH and PORT); `preload` paths are from the repository
 * root.
 */
export async function startAppProcess(env: Record<string, string>, options: { preload?: string[]; port?: number } = {}): Promise<AppProcess> {
  ensureBuilt();
  const port = options.port ?? (await freePort());
  const server = spawnApp('all', { PATH: process.env.PATH, ...env, PORT: String(port) }, { preload: options.preload?.map((p) => join(ROOT, p)), quiet: true });
  try {
    await waitReady(port, server);
  } catch (error) {
    await server.stop('SIGKILL').catch(() => undefined);
    throw error;
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    ...server,
    url: `${base}/graphql`,
    gql: <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      postGraphql<T>(`${base}/graphql`, query, { variables, token, timeoutMs: TEST_WAIT_MS }),
    get: (path) => fetch(`${base}${path}`, { signal: AbortSignal.timeout(TEST_WAIT_MS) }),
    stop: (signal, waitMs = TEST_WAIT_MS) => server.stop(signal, waitMs),
  };
}
