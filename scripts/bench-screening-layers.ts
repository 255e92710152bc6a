/**
 * Per-post cost of the in-process screening layers, no database or queue: every labelled dev
 * post (and, for short text, the HateCheck cases) through `screenText` with the committed crisis
 * model, after one warm-up pass. Prints one JSON object of p50 / p99 / max milliseconds per phase
 * and for the layers issue #15 added (speaker frames, learned model, context, targeted insults):
 *
 *   npx ts-node --transpile-only scripts/bench-screening-layers.ts [--csv ../shared/data/cssrs-dev/posts.csv] [--passes 3]
 *
 * A benchmark prints numbers; nothing here asserts on them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { CrisisModel } from '../src/screening/crisis-model/crisis-model';
import { normaliseText } from '../src/screening/pipeline/normalise';
import { screenText } from '../src/screening/pipeline/screen-text';
import { authorsOwnText, speakerQuotedRanges } from '../src/screening/pipeline/speaker-frames';
import { parseCsv } from './eval/csv';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number): number => Number(value.toFixed(3));
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      csv: { type: 'string', multiple: true, default: ['../shared/data/cssrs-dev/posts.csv', '../shared/data/hatecheck/normalized.csv'] },
      passes: { type: 'string', default: '3' },
    },
  });
  const texts = values.csv.flatMap((file) => {
    const [header, ...records] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const column = header.indexOf('text');
    return records.map((record) => record[column] ?? '').filter((text) => text.length > 0);
  });
  const crisisModel = CrisisModel.loadCommitted();
  const deps = { watchedWords: [], toxicity: null, crisisModel, policy: { toxicityRequired: false } };
  for (const text of texts) await screenText(text, deps); // warm-up: JIT, regex compilation

  const phases = new Map<string, number[]>();
  const speaker: number[] = [];
  const added: number[] = [];
  const total: number[] = [];
  for (let pass = 0; pass < Number(values.passes); pass++) {
    for (const text of texts) {
      const started = performance.now();
      const outcome = await screenText(text, deps);
      total.push(performance.now() - started);
      for (const phase of outcome.phases) phases.set(phase.name, [...(phases.get(phase.name) ?? []), phase.durationMs]);
      // Speaker frames run inside the crisis phase and again for the model's input: timed alone here.
      const speakerStarted = performance.now();
      authorsOwnText(outcome.normalised.text, speakerQuotedRanges(outcome.normalised));
      const speakerMs = performance.now() - speakerStarted;
      speaker.push(speakerMs);
      const ms = (name: string): number => outcome.phases.find((phase) => phase.name === name)?.durationMs ?? 0;
      added.push(speakerMs + ms('crisis-model') + ms('context') + ms('watched-words'));
    }
  }
  console.log(
    JSON.stringify({
      posts: texts.length,
      passes: Number(values.passes),
      model: crisisModel.version,
      totalMs: summary(total),
      addedLayersMs: summary(added),
      speakerFramesMs: summary(speaker),
      phasesMs: Object.fromEntries([...phases.entries()].map(([name, samples]) => [name, summary(samples)])),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
