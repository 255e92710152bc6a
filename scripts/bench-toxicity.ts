/**
 * npx ts-node --transpile-only scripts/bench-toxicity.ts [--duration-ms 1000]
 *
 * Classifications per second of the toxicity classifier on the fixture model, for batch sizes
 * 1, 8 and 32, on every tfjs backend available here (wasm, cpu; node when tfjs-node is
 * installed). tfjs holds one backend per process, so each backend runs in a child process.
 * Prints one JSON document. A benchmark, not a test: nothing here asserts on time.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TfjsBackendChoice } from '../src/screening/toxicity/tfjs-backend';
import { ToxicityClassifier } from '../src/screening/toxicity/toxicity-classifier';
import { writeToxicityFixture } from '../test/fixtures/toxicity-fixture';

const BATCH_SIZES = [1, 8, 32] as const;
/** A post of typical length (about 60 words), so tokenization cost is realistic. */
const SAMPLE_POST =
  'Today was hard. I went to group this morning and talked about the week, and it helped a bit. ' +
  'My sleep is still off and I keep replaying the argument with my sister, but I used the ' +
  'breathing exercise twice and went for a walk. Thank you all for the kind words yesterday.';

interface BackendResult {
  backend: string;
  modelVersion: string;
  results: Array<{ batchSize: number; classificationsPerSecond: number; classifications: number }>;
}

async function benchBackend(backend: TfjsBackendChoice, durationMs: number): Promise<BackendResult> {
  const dir = await mkdtemp(join(tmpdir(), 'toxicity-bench-'));
  try {
    const fixture = await writeToxicityFixture(dir);
    const results: BackendResult['results'] = [];
    let reported = { backend: '', modelVersion: '' };
    for (const batchSize of BATCH_SIZES) {
      const classifier = await ToxicityClassifier.load({ ...fixture, backend, maxBatch: batchSize });
      reported = { backend: classifier.backend, modelVersion: classifier.modelVersion };
      const runBatch = () => Promise.all(Array.from({ length: batchSize }, (_, i) => classifier.classify(`${SAMPLE_POST} ${i}`)));
      for (let warmUp = 0; warmUp < 3; warmUp++) {
        await runBatch();
      }
      let classifications = 0;
      const started = process.hrtime.bigint();
      let elapsedMs = 0;
      while (elapsedMs < durationMs) {
        await runBatch();
        classifications += batchSize;
        elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      }
      results.push({ batchSize, classifications, classificationsPerSecond: Math.round((classifications / elapsedMs) * 1000) });
      classifier.dispose();
    }
    return { ...reported, results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runInChild(backend: TfjsBackendChoice, durationMs: number): Promise<BackendResult | { backend: string; error: string }> {
  return new Promise((resolve) => {
    const child = fork(__filename, ['--backend', backend, '--duration-ms', String(durationMs)], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.once('message', (message) => resolve(message as BackendResult | { backend: string; error: string }));
    child.once('exit', (code) => resolve({ backend, error: `benchmark process exited with code ${code}` }));
  });
}

function isInstalled(packageName: string): boolean {
  try {
    require.resolve(packageName);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backend: { type: 'string' }, 'duration-ms': { type: 'string', default: '1000' } } });
  const durationMs = Number(values['duration-ms']);
  if (values.backend !== undefined) {
    // Child: one backend, result sent to the parent.
    const backend = values.backend as TfjsBackendChoice;
    try {
      process.send?.(await benchBackend(backend, durationMs));
    } catch (error) {
      process.send?.({ backend, error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const backends: TfjsBackendChoice[] = isInstalled('@tensorflow/tfjs-node') ? ['node', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  const report = { fixture: 'toxicity fixture model', samplePostChars: SAMPLE_POST.length, durationMsPerCase: durationMs, backends: [] as unknown[] };
  for (const backend of backends) {
    report.backends.push(await runInChild(backend, durationMs));
  }
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
