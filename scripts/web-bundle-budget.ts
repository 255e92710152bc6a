/**
 * The client app's first-load JavaScript, gzipped: every script index.html loads or preloads
 * (lazy chunks come later and are not counted). Printed at every build; the build fails past the
 * budget, so a heavy dependency cannot slip in unnoticed. `--json` prints only the numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const WEB_DIST = join(__dirname, '..', 'dist', 'web');

const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
const scripts = new Set<string>();
for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) scripts.add(match[1]);
for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) scripts.add(match[1]);
if (scripts.size === 0) {
  console.error('web bundle budget: index.html loads no script; is dist/web a Vite build?');
  process.exit(1);
}
if (/<script\b(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('web bundle budget: index.html has an inline script, which the content security policy refuses.');
  process.exit(1);
}

let raw = 0;
let gzipped = 0;
const files = [...scripts].map((src) => {
  const content = readFileSync(join(WEB_DIST, src.replace(/^\//, '')));
  const size = { file: src, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  raw += size.bytes;
  gzipped += size.gzipBytes;
  return size;
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ firstLoadJsGzipBytes: gzipped, firstLoadJsBytes: raw, budgetBytes: BUDGET_BYTES, files }));
} else {
  for (const f of files) console.log(`  ${f.file}  ${kb(f.bytes)} (${kb(f.gzipBytes)} gzipped)`);
  console.log(`web first-load JavaScript: ${kb(gzipped)} gzipped (${kb(raw)} raw), budget ${kb(BUDGET_BYTES)}`);
}
if (gzipped > BUDGET_BYTES) {
  console.error(`web bundle budget exceeded by ${kb(gzipped - BUDGET_BYTES)}: keep the first load small (lazy-load the rest).`);
  process.exit(1);
}
