#!/usr/bin/env node
// Prints each dist/ file's raw, gzip (level 9) and brotli (quality 11) size,
// then the budgets from issue 2:
//   loader (dist/attune.js)                                  <= 6 KB gzip
//   widget on open: attune-chat.js (+ its static chunks) + the core worker
//                   + core .mjs + core .wasm                  <= 100 KB gzip
// (the language and channel chunks load later, only when used, and are listed
// separately). Usage: node scripts/size-report.mjs [--check] [--json]
//   --check  exit 1 when a budget is exceeded;  --json  one JSON object instead of a table
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const args = new Set(process.argv.slice(2));
const KB = 1024;
export const BUDGETS = [
  { name: 'loader', files: ['attune.js'], gzipLimit: 6 * KB },
  { name: 'widget JS + core wasm (loaded on open)', files: ['attune-chat.js', 'attune-core-worker.js', 'attune-core.mjs', 'attune-core.wasm'], gzipLimit: 100 * KB },
];

if (!existsSync(dist)) {
  console.error('size-report: dist/ does not exist; run scripts/build.sh first');
  process.exit(2);
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const rows = walk(dist).sort().map((p) => {
  const data = readFileSync(p);
  return {
    file: path.relative(dist, p),
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
  };
});
const byName = new Map(rows.map((r) => [r.file, r]));

// attune-chat.js may import shared chunks statically (esbuild code splitting):
// those load on open too, so they count toward its budget. Dynamic import()s
// (other languages, the handoff flow, channels) load only when used.
function staticImports(file, seen = new Set()) {
  if (seen.has(file) || !byName.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(path.join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g)) {
    staticImports(path.posix.join(path.posix.dirname(file), m[1]), seen);
  }
  return seen;
}
BUDGETS[1].files = [...staticImports('attune-chat.js'), 'attune-core-worker.js', 'attune-core.mjs', 'attune-core.wasm'];
const budgets = BUDGETS.map((b) => {
  const missing = b.files.filter((f) => !byName.has(f));
  const gzip = b.files.reduce((s, f) => s + (byName.get(f)?.gzip ?? 0), 0);
  const brotli = b.files.reduce((s, f) => s + (byName.get(f)?.brotli ?? 0), 0);
  return { ...b, gzip, brotli, missing, ok: missing.length === 0 && gzip <= b.gzipLimit };
});

if (args.has('--json')) {
  console.log(JSON.stringify({ files: rows, budgets }, null, 2));
} else {
  const fmt = (n) => (n >= 10 * KB ? (n / KB).toFixed(1) + ' KB' : n + ' B').padStart(10);
  console.log('file'.padEnd(44) + 'raw'.padStart(10) + 'gzip'.padStart(10) + 'brotli'.padStart(10));
  for (const r of rows) console.log(r.file.padEnd(44) + fmt(r.raw) + fmt(r.gzip) + fmt(r.brotli));
  console.log('\nbudgets (gzip):');
  for (const b of budgets) {
    const status = b.missing.length ? `MISSING ${b.missing.join(', ')}` : b.ok ? 'ok' : 'OVER BUDGET';
    console.log(`  ${b.name}: ${(b.gzip / KB).toFixed(1)} KB gzip (${(b.brotli / KB).toFixed(1)} KB brotli) of ${b.gzipLimit / KB} KB: ${status}`);
    console.log(`    ${b.files.join(' + ')}`);
  }
}
if (args.has('--check') && budgets.some((b) => !b.ok)) process.exit(1);
