/**
 * npx ts-node --transpile-only scripts/bench/profile-top.ts <file.cpuprofile> [--from S] [--to S] [--top N] [--match TEXT]
 *
 * Where a V8 CPU profile (the bench's `--cpu-prof`) spent its busy time, as self and total
 * (self + callees) shares per function, within a window of seconds from the profile's start.
 * Without a window it prints the busy share per second first, so the measured part of a run can
 * be told from boot (module loading) and shutdown, and picked with --from / --to. `--match`
 * lists only functions whose name or file contains TEXT (e.g. `guards` or `typeorm`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CpuProfile, IDLE_FUNCTIONS, ProfileNode } from './cpu-profile';

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const modules = url.lastIndexOf('node_modules/');
  const where = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : url.replace(/^.*\/dist\//, 'dist/');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, top: { type: 'string', default: '30' }, match: { type: 'string' } },
  });
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Sample times in seconds from the start.
  const times: number[] = [];
  let t = 0;
  for (const delta of profile.timeDeltas) times.push((t += delta) / 1e6);

  if (values.from === undefined && values.to === undefined) {
    const perSecond = new Map<number, { busy: number; all: number }>();
    profile.samples.forEach((id, i) => {
      const second = Math.floor(times[i]);
      const entry = perSecond.get(second) ?? { busy: 0, all: 0 };
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      entry.all += ms;
      if (!IDLE_FUNCTIONS.has(byId.get(id)?.callFrame.functionName ?? '')) entry.busy += ms;
      perSecond.set(second, entry);
    });
    console.log('second: busy ms');
    for (const [second, { busy }] of [...perSecond].sort((a, b) => a[0] - b[0])) console.log(`${second}: ${Math.round(busy)}`);
  }

  const from = Number(values.from ?? 0);
  const to = Number(values.to ?? Infinity);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    if (times[i] < from || times[i] > to) return;
    const node = byId.get(id);
    if (!node || IDLE_FUNCTIONS.has(node.callFrame.functionName)) return;
    // A sample's weight is the time until the next one (V8 writes the delta before each sample).
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    busy += ms;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue; // recursion counts once
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const top = Number(values.top);
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const keep = (name: string) => !values.match || name.includes(values.match);
  console.log(`\nbusy ${Math.round(busy)} ms in [${from}, ${to}] s`);
  const printTop = (title: string, times: Map<string, number>) => {
    console.log(`\n${title}:`);
    for (const [name, ms] of [...times]
      .filter(([n]) => keep(n))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top))
      console.log(`${pct(ms)}  ${name}`);
  };
  printTop('self', self);
  printTop('total (self + callees)', total);
}

main();
