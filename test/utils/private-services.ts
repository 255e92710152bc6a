/**
 * Private Redis and PostgreSQL servers for the drills that stop them: the machine's shared
 * servers (6379, 5432) are never touched. Each lives in a temporary directory on a free port on
 * 127.0.0.1 and is removed by `destroy()`.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from './app-process';
import { waitFor } from './wait-for';

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** `redis-server` as a child process, no persistence: a restart comes back empty, like a lost node. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    await waitFor(
      `redis-server on ${port}`,
      async () => {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      },
      { timeoutMs: 10_000, retryErrors: true },
    );
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
    child = null;
  };
  await start();
  process.once('exit', () => child?.kill('SIGKILL'));
  return { url, port, start, stop, destroy: stop };
}

export interface PrivatePostgres {
  adminUrl: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back a moment later. */
  restart(): Promise<number>;
  destroy(): Promise<void>;
}

/**
 * Where initdb and pg_ctl are: DRILL_PG_BIN, else the newest Debian PostgreSQL installed (bookworm
 * ships 15, trixie 17; a fixed 15 made the pg-restart drill fail with ENOENT on any other).
 */
const PG_BIN = process.env.DRILL_PG_BIN ?? debianPgBin('/usr/lib/postgresql');

export function debianPgBin(root: string): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) return join(root, '15', 'bin');
  return join(root, versions[0], 'bin');
}

/** Runs a PostgreSQL binary as the `postgres` user (initdb and the server refuse root). */
function pgCommand(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]] : [join(PG_BIN, binary), args];
}

function asPostgres(binary: string, args: string[]): string {
  const [file, argv] = pgCommand(binary, args);
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The same, without blocking this process's event loop (clients keep posting meanwhile). */
async function asPostgresAsync(binary: string, args: string[]): Promise<void> {
  const [file, argv] = pgCommand(binary, args);
  await promisify(execFile)(file, argv, { encoding: 'utf8' });
}

/** A throwaway cluster: initdb (trust auth) in a temp dir, started with pg_ctl on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bs-drill-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asPostgres('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor(
    `private PostgreSQL on ${port}`,
    async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.end();
      return true;
    },
    { timeoutMs: 20_000, retryErrors: true },
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return {
    adminUrl,
    port,
    async restart() {
      const started = Date.now();
      await asPostgresAsync('pg_ctl', ['-D', data, '-l', log, '-o', options, '-m', 'fast', '-w', 'restart']);
      return Date.now() - started;
    },
    async destroy() {
      stop();
    },
  };
}
