import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, freePort, ROOT } from '../../scripts/bench/harness';
import { GraphqlResponse } from './test-app';

/** A request or an exit that takes longer than this fails the test, naming what it waited for. */
const DEFAULT_WAIT_MS = 20_000;

export interface AppProcess {
  url: string;
  /** One GraphQL operation; rejects when no answer comes within the wait. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  get(path: string): Promise<Response>;
  /** Signals the process; resolves with its exit code or signal, rejects (and kills it) when it does not exit in time. */
  stop(signal?: NodeJS.Signals, waitMs?: number): Promise<number | NodeJS.Signals | null>;
  /** The process's last output, for a failure message. */
  output(): string;
}

/** Newest modification time of the files under `dir`, in ms (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** `npm run test:all` has just built; a run of one test file after an edit builds first (tsc is slow even when incremental). */
function distIsStale(): boolean {
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(...['src', 'migrations', join('test', 'helpers')].map((dir) => newestMtime(join(ROOT, dir)))) > built;
}

/**
 * The real app (API + worker, `npm start`) as its own process from dist/, for what a test cannot
 * do in-process: run PGlite (it loads its WASM through dynamic `import()`, which Jest's module
 * sandbox refuses) or send signals. The environment is exactly `env` (plus PATH and PORT);
 * `preload` names compiled modules (paths under dist/) loaded first with `node -r`, e.g. a fault
 * injection; `port` when the test must know it before the app starts (an identity provider
 * registers the app's address). The process is killed when the test process exits, whatever ends it.
 */
export async function startAppProcess(env: Record<string, string>, options: { preload?: string[]; port?: number } = {}): Promise<AppProcess> {
  if (distIsStale()) ensureBuilt();
  const port = options.port ?? (await freePort());
  const preload = (options.preload ?? []).flatMap((module) => ['-r', join(ROOT, 'dist', module)]);
  const child: ChildProcess = spawn(process.execPath, [...preload, join(ROOT, 'dist', 'src', 'main.js'), '--with-worker'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const keep = (data: Buffer) => {
    chunks.push(data.toString());
    if (chunks.length > 200) chunks.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve(code ?? signal);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const output = () => chunks.join('').slice(-4000);

  const app: AppProcess = {
    url: `${base}/graphql`,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlResponse<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const what = query.replace(/\s+/g, ' ').slice(0, 80);
      let res: Response;
      try {
        res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(DEFAULT_WAIT_MS),
        });
      } catch (error) {
        throw new Error(`no answer within ${DEFAULT_WAIT_MS} ms to: ${what} (${(error as Error).name})`);
      }
      const body = (await res.json()) as { data?: T | null; errors?: GraphqlResponse['errors'] };
      return { status: res.status, data: body.data, errors: body.errors };
    },
    get: (path) => fetch(`${base}${path}`, { signal: AbortSignal.timeout(DEFAULT_WAIT_MS) }),
    async stop(signal = 'SIGTERM', waitMs = DEFAULT_WAIT_MS) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), waitMs);
      });
      const result = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (result !== 'late') return result;
      child.kill('SIGKILL');
      await exited;
      throw new Error(`the app did not exit within ${waitMs} ms of ${signal}:\n${output()}`);
    },
    output,
  };

  // Boot includes PGlite's first start and every migration: much slower than PostgreSQL's.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited during start-up:\n${output()}`);
    const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return app;
    if (Date.now() > deadline) {
      await app.stop('SIGKILL').catch(() => undefined);
      throw new Error(`the app was not ready within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
