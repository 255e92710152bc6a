import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testEnv } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');

/** A port that was free a moment ago, so nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runEntry(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 45_000,
  });
}

describe('foundation: start-up failures are one clear line', () => {
  it('should exit 1 naming the database when nothing listens at DATABASE_URL', async () => {
    const port = await closedPort();
    const result = runEntry(testEnv({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere` }));
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`127.0.0.1:${port}/nowhere`);
  });

  it('should exit 1 naming each wrong environment variable', () => {
    const result = runEntry(testEnv({ REDIS_URL: 'not a url', PORT: 'eighty', JWT_SECRET: 'short' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('REDIS_URL');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('JWT_SECRET');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
