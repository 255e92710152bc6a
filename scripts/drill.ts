/**
 * npm run drill -- <worker-kill|redis-outage|pg-restart|classifier-fail|shutdown|rolling-restart> [--posts N] [--outage-seconds N] [--mode throw|hang] [--kills N] [--rate N]
 *
 * Runs one fault drill against real processes and prints one JSON object: accepted, screened,
 * held, lost, duplicated, publishedUnscreened and the drill's own measurements. Exits 1 when the
 * drill found anything lost, duplicated or published unscreened (or its own promise broken).
 * Never stops the machine's shared PostgreSQL or Redis: the drills that stop a server start a
 * private one (see test/utils/private-services.ts).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DRILLS } from './drill/drills';

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
    options: { posts: { type: 'string' }, 'outage-seconds': { type: 'string' }, mode: { type: 'string' }, kills: { type: 'string' }, rate: { type: 'string' } },
  });
  const names = positionals.length ? positionals : Object.keys(DRILLS);
  const unknown = names.filter((name) => !DRILLS[name]);
  if (unknown.length) {
    console.error(`unknown drill "${unknown.join('", "')}"; known: ${Object.keys(DRILLS).join(', ')}`);
    process.exit(2);
  }
  if (values.mode && values.mode !== 'throw' && values.mode !== 'hang') {
    console.error('--mode is throw or hang');
    process.exit(2);
  }
  const bounded = (value: string | undefined, max: number) => (value === undefined ? undefined : Math.min(max, Math.max(1, Number(value))));
  let allOk = true;
  for (const name of names) {
    const result = await DRILLS[name]({
      posts: bounded(values.posts, 20_000),
      outageSeconds: bounded(values['outage-seconds'], 600),
      mode: values.mode as 'throw' | 'hang' | undefined,
      kills: bounded(values.kills, 20),
      rate: bounded(values.rate, 1_000),
    });
    allOk &&= result.ok;
    console.log(JSON.stringify({ ...result, machine: { cpus: cpus().length, node: process.version, at: new Date().toISOString() } }));
  }
  finished = true;
  process.exit(allOk ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
