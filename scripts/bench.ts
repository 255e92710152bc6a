/**
 * npm run bench -- <scenario> [--seconds N] [--connections N] [--database NAME]
 * Prints one JSON object per scenario. Scenarios: accept, latency, read, screen, escalate (see README).
 */
import { parseArgs } from 'node:util';
import { SCENARIOS } from './bench/scenarios';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' }, database: { type: 'string' } },
  });
  const names = positionals.length ? positionals : ['accept'];
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) {
      console.error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
      process.exit(2);
    }
    const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
    const connections = Math.min(256, Math.max(1, Number(values.connections)));
    const result = await scenario({ seconds, connections, database: values.database });
    console.log(JSON.stringify({ ...result, seconds, connections, machine: { cpus: (await import('node:os')).cpus().length, node: process.version } }));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
