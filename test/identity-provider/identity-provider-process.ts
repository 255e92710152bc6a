import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestIdentityProviderOptions } from './test-identity-provider';

export interface IdentityProviderProcess {
  issuer: string;
  setRefreshTokens(issue: boolean): Promise<void>;
  output(): string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/**
 * The test identity provider in a process of its own: oidc-provider is ESM only, which Jest's module
 * sandbox cannot load, while plain Node (>= 20.19) can. It speaks one JSON line per message on
 * stdin/stdout (see run-test-identity-provider.ts) and is killed when the test process exits.
 */
export async function startIdentityProviderProcess(options: TestIdentityProviderOptions): Promise<IdentityProviderProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'run-test-identity-provider.ts')], {
    env: { PATH: process.env.PATH, TEST_IDENTITY_PROVIDER: JSON.stringify(options), TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const logs: string[] = [];
  child.stderr?.on('data', (data: Buffer) => logs.push(data.toString()));
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(message: Record<string, unknown>) => void> = [];
  lines.on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      logs.push(line);
      return;
    }
    waiting.shift()?.(message);
  });
  const next = (what: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the identity provider did not answer (${what}):\n${logs.join('').slice(-2000)}`)), START_TIMEOUT_MS);
      waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  const started = await next('start');
  if (typeof started.issuer !== 'string') throw new Error(`the identity provider did not start: ${JSON.stringify(started)}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    issuer: started.issuer,
    async setRefreshTokens(issue) {
      const answer = next('refresh tokens');
      child.stdin!.write(`${JSON.stringify({ refreshTokens: issue })}\n`);
      await answer;
    },
    output: () => logs.join('').slice(-4000),
    async close() {
      process.removeListener('exit', killOnExit);
      child.stdin!.end();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
