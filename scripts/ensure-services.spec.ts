import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * scripts/ensure-services.sh, the first thing `npm run test:all` and `npm run demo` run on a fresh
 * machine, against stand-ins for pg_isready, psql and redis-cli placed first on PATH: what the
 * functions ask those tools, and what they say when the answer is no. No real service is touched.
 */
describe('ensure-services.sh', () => {
  const script = join(__dirname, 'ensure-services.sh');
  let bin: string;

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'bs-ensure-services-'));
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  /** A stand-in for `name` that appends its arguments to <bin>/<name>.calls and then runs `body`. */
  function stub(name: string, body: string): void {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\necho "$@" >> "${path}.calls"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  const calls = (name: string) => readFileSync(join(bin, `${name}.calls`), 'utf8');

  function run(call: string, env: Record<string, string> = {}) {
    const result = spawnSync('bash', ['-c', `source "${script}"; ${call}`], {
      encoding: 'utf8',
      // The stand-ins first; node (the scripts parse URLs with it) and the usual tools after.
      env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: bin, ...env },
    });
    return { status: result.status, out: result.stdout + result.stderr };
  }

  it('should check the server TEST_PG_ADMIN_URL names, not 127.0.0.1:5432, and sign in there', () => {
    stub('pg_isready', 'exit 0');
    stub('psql', 'exit 0');
    const url = 'postgres://admin:pw@db.internal:6543/postgres';
    expect(run('ensure_postgres', { TEST_PG_ADMIN_URL: url }).status).toBe(0);
    expect(calls('pg_isready')).toContain(`-d ${url}`);
    expect(calls('psql')).toContain(`-d ${url}`);
    // -w: a server asking for a password must fail the check, not wait at a prompt.
    expect(calls('psql')).toContain('-w');
  });

  it('should stop with how to give postgres a password when the server answers but refuses the sign-in, never printing the password', () => {
    stub('pg_isready', 'exit 0');
    stub('psql', 'echo \'psql: error: FATAL:  password authentication failed for user "postgres"\' >&2; exit 2');
    const { status, out } = run('ensure_postgres', { TEST_PG_ADMIN_URL: 'postgres://postgres:s3cret@127.0.0.1:5432/postgres' });
    expect(status).toBe(1);
    expect(out).toContain('password authentication failed');
    expect(out).toContain('TEST_PG_ADMIN_URL=postgres://postgres:***@127.0.0.1:5432/postgres');
    expect(out).toContain("ALTER ROLE postgres PASSWORD 'postgres'");
    expect(out).not.toContain('s3cret');
  });

  it('should not try to start a local Redis when TEST_REDIS_URL names a Redis that answers elsewhere', () => {
    stub('redis-cli', '[ "$2" = "redis://cache.internal:6380" ] && echo PONG');
    stub('redis-server', 'exit 0');
    expect(run('ensure_redis', { TEST_REDIS_URL: 'redis://cache.internal:6380' }).status).toBe(0);
    expect(calls('redis-cli')).toContain('-u redis://cache.internal:6380 ping');
    expect(() => calls('redis-server')).toThrow();
  });

  it('should say that a Redis on another host does not answer, and start nothing', () => {
    stub('redis-cli', 'exit 1');
    stub('redis-server', 'exit 0');
    const { status, out } = run('ensure_redis redis://cache.internal:6380');
    expect(status).toBe(1);
    expect(out).toContain('Redis does not answer at redis://cache.internal:6380');
    expect(() => calls('redis-server')).toThrow();
  });

  it('should start a local Redis on the port of the URL it was given', () => {
    // Answers once the stand-in server has been "started".
    stub('redis-cli', `[ -f "${bin}/redis-server.calls" ] && echo PONG`);
    stub('redis-server', 'exit 0');
    expect(run('ensure_redis redis://127.0.0.1:6391', { REDIS_DIR: join(bin, 'redis') }).status).toBe(0);
    expect(calls('redis-server')).toContain('--port 6391');
  });

  it('should refuse a Node.js older than 20.19 by name, before anything fails for lack of it', () => {
    const preload = join(bin, 'old-node.cjs');
    writeFileSync(
      preload,
      'Object.defineProperty(process.versions, "node", { value: "18.19.0" });\nObject.defineProperty(process, "version", { value: "v18.19.0" });\n',
    );
    stub('node', `exec "${process.execPath}" --require "${preload}" "$@"`);
    const { status, out } = run('ensure_node');
    expect(status).toBe(1);
    expect(out).toContain('needs Node.js 20 (>= 20.19) or 22+');
    expect(out).toContain('v18.19.0');
  });

  it('should accept the Node.js running these tests (the project runs on it)', () => {
    expect(run('ensure_node').status).toBe(0);
  });

  describe('ensure_port_free (the demo, before it installs or builds anything)', () => {
    let server: Server;
    let port: number;
    beforeEach(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('should stop with how to choose another port when another app listens on 127.0.0.1:PORT', () => {
      const { status, out } = run(`cd "${bin}" && ensure_port_free ${port}`);
      expect(status).toBe(1);
      expect(out).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(out).toContain('PORT=3100 npm run demo');
      expect(out).not.toContain('.env');
    });

    it('should say that .env keeps the port when the port in use came from there', () => {
      writeFileSync(join(bin, '.env'), `PORT=${port}\nPUBLIC_BASE_URL=http://127.0.0.1:${port}\n`);
      const { status, out } = run(`cd "${bin}" && ensure_port_free ${port}`);
      expect(status).toBe(1);
      expect(out).toContain('change PORT in .env');
    });

    it('should pass a free port, and leave a value that is no port to the app, which names it', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server = createServer();
      expect(run(`ensure_port_free ${port}`)).toEqual({ status: 0, out: '' });
      expect(run('ensure_port_free not-a-port')).toEqual({ status: 0, out: '' });
    });
  });
});
