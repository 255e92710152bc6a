/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: self time per
 * package (or "app" for our own code, "node" for Node internals, "(gc)" / "(idle)") and the
 * hottest functions. Enough to tell HTTP, GraphQL, ORM, driver and our code apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One call-tree node of a V8 `.cpuprofile` (the fields these scripts read). */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A V8 `.cpuprofile` as `node --cpu-prof` writes it: sampled node ids and the microseconds between samples. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** V8's pseudo-functions for time the process spent waiting, not working: left out of busy shares. */
export const IDLE_FUNCTIONS: ReadonlySet<string> = new Set(['(idle)', '(program)']);

function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const rest = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:') || !url.includes('/')) return 'node (internals)';
  if (url.includes('/dist/src/')) return `app: ${url.slice(url.indexOf('/dist/src/') + '/dist/src/'.length).split('/')[0]}`;
  return url;
}

export function summariseCpuProfile(
  dir: string,
  top = 12,
): { file: string; sampledMs: number; byPackage: Array<{ name: string; percent: number }>; hottest: Array<{ fn: string; percent: number }> } | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return null;
  const file = join(dir, files[0]);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  // Idle time is the process waiting, not working: leave it out of the shares.
  let busy = 0;
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node || IDLE_FUNCTIONS.has(node.callFrame.functionName)) continue;
    busy += ms;
    const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
    packages.set(bucket, (packages.get(bucket) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${bucket}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const share = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, percent: Math.round((ms / busy) * 1000) / 10 }));
  return {
    file,
    sampledMs: Math.round(busy),
    byPackage: share(packages),
    hottest: share(functions).map(({ name, percent }) => ({ fn: name, percent })),
  };
}
