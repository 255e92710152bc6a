import { createInterface } from 'node:readline';
import { startTestIdentityProvider, TestIdentityProviderOptions } from './test-identity-provider';

/**
 * Runs the test identity provider (started by identity-provider-process.ts): options as JSON in
 * TEST_IDENTITY_PROVIDER, `{"issuer": ...}` on stdout once it listens, then one JSON command per
 * stdin line (`{"refreshTokens": false}`), each answered with `{"ok": true}`.
 */
async function main(): Promise<void> {
  const options = JSON.parse(process.env.TEST_IDENTITY_PROVIDER ?? '{}') as TestIdentityProviderOptions;
  const provider = await startTestIdentityProvider(options);
  process.stdout.write(`${JSON.stringify({ issuer: provider.issuer })}\n`);
  const stop = () => void provider.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { refreshTokens?: boolean };
    if (typeof command.refreshTokens === 'boolean') provider.setRefreshTokens(command.refreshTokens);
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
