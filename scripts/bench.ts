/**
 * npm run bench -- <scenario...> [--seconds N] [--connections N] [--database NAME] [--rate N] [--cpu-prof] [--production]
 *   [--api-processes N] [--workers N] [--replies N] [--reactions N] (read: seed a thread that large) [--minutes N] (soak)
 *
 * Prints one JSON object per scenario on stdout (progress and warnings go to stderr).
 * Scenarios: accept, latency, read, screen, escalate, queue, burst, costly (see scripts/bench/scenarios.ts
 * and the README's Benchmarks section). Everything runs on 127.0.0.1 against a fresh database and
 * its own Redis key prefix, both removed afterwards.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { processCounts } from './bench/environment';
import { SCENARIOS } from './bench/scenarios';

let finished = false;
// An awaited step that can never finish would otherwise end the run silently with exit code 0.
process.on('beforeExit', () => {
  if (finished) return;
  console.error('the run stalled: an awaited step can never finish');
  process.exit(1);
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      database: { type: 'string' },
      rate: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      // NODE_ENV=production, RS256 tokens from a local JWKS (scripts/bench/production-tokens.ts).
      production: { type: 'boolean', default: false },
      replies: { type: 'string' },
      reactions: { type: 'string' },
      minutes: { type: 'string' },
      // API processes under one cluster primary (start:api -- --processes N) and worker processes.
      'api-processes': { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
    },
  });
  const names = positionals.length ? positionals : ['accept'];
  const unknown = names.filter((name) => !SCENARIOS[name]);
  if (unknown.length) {
    console.error(`unknown scenario "${unknown.join('", "')}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  processCounts.api = Math.min(16, Math.max(1, Math.floor(Number(values['api-processes'])) || 1));
  processCounts.workers = Math.min(16, Math.max(1, Math.floor(Number(values.workers)) || 1));
  for (const name of names) {
    const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
    const connections = Math.min(256, Math.max(1, Number(values.connections)));
    const rate = values.rate ? Math.min(5_000, Math.max(1, Number(values.rate))) : undefined;
    const count = (value: string | undefined, max: number) => (value === undefined ? undefined : Math.min(max, Math.max(0, Math.floor(Number(value)))));
    const result = await SCENARIOS[name]({
      seconds,
      connections,
      database: values.database,
      rate,
      cpuProf: values['cpu-prof'],
      production: values.production,
      replies: count(values.replies, 1_000_000),
      reactions: count(values.reactions, 20_000_000),
      minutes: count(values.minutes, 120),
    });
    console.log(
      JSON.stringify({
        ...result,
        seconds,
        connections,
        mode: values.production ? 'production' : 'test',
        apiProcesses: processCounts.api,
        workers: processCounts.workers,
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, at: new Date().toISOString(), loadAverage: loadavg() },
      }),
    );
  }
}

main()
  .then(() => {
    finished = true;
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
