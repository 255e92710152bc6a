/**
 * Per-post cost of the in-process screening layers, no database or queue: every labelled dev
 * post (and, for short text, the HateCheck cases) through `screenText` with the committed crisis
 * model, after one warm-up pass; each post's cost is its fastest pass. Prints p50 / p99 / max ms per phase
 * and for the layers issue #15 added (speaker frames, learned model, context, targeted insults):
 *
 *   npx ts-node --transpile-only scripts/bench-screening-layers.ts [--csv ../shared/data/cssrs-dev/posts.csv] [--passes 3]
 *
 * A benchmark prints numbers; nothing here asserts on them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { CrisisModel } from '../src/screening/crisis-model/crisis-model';
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

  // Each post's cost is its fastest of the passes: on a shared machine the slower runs measure
  // the scheduler, not the code. Per-post figures, then percentiles across posts.
  const best = texts.map(() => ({ total: Infinity, added: Infinity, speaker: Infinity, phases: new Map<string, number>(), length: 0 }));
  for (let pass = 0; pass < Number(values.passes); pass++) {
    for (const [index, text] of texts.entries()) {
      const started = performance.now();
      const outcome = await screenText(text, deps);
      const total = performance.now() - started;
      // Speaker frames run inside the crisis phase and again for the model's input: timed alone here.
      const speakerStarted = performance.now();
      authorsOwnText(outcome.normalised.text, speakerQuotedRanges(outcome.normalised));
      const speakerMs = performance.now() - speakerStarted;
      const ms = (name: string): number => outcome.phases.find((phase) => phase.name === name)?.durationMs ?? 0;
      const entry = best[index];
      entry.length = text.length;
      entry.total = Math.min(entry.total, total);
      entry.speaker = Math.min(entry.speaker, speakerMs);
      entry.added = Math.min(entry.added, speakerMs + ms('crisis-model') + ms('context') + ms('watched-words'));
      for (const phase of outcome.phases) entry.phases.set(phase.name, Math.min(entry.phases.get(phase.name) ?? Infinity, phase.durationMs));
    }
  }
  const phases = new Map<string, number[]>();
  for (const entry of best) for (const [name, value] of entry.phases) phases.set(name, [...(phases.get(name) ?? []), value]);
  const total = best.map((entry) => entry.total);
  const added = best.map((entry) => entry.added);
  const speaker = best.map((entry) => entry.speaker);
  const longest = [...best].sort((a, b) => b.added - a.added)[0];
  console.log(
    JSON.stringify({
      posts: texts.length,
      passes: Number(values.passes),
      model: crisisModel.version,
      totalMs: summary(total),
      addedLayersMs: summary(added),
      speakerFramesMs: summary(speaker),
      slowestPost: { characters: longest.length, addedLayersMs: Number(longest.added.toFixed(3)) },
      phasesMs: Object.fromEntries([...phases.entries()].map(([name, samples]) => [name, summary(samples)])),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
