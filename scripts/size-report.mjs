#!/usr/bin/env node
// Prints each dist/ file's raw, gzip (level 9) and brotli (quality 11) size,
// then the budgets from issue 2:
//   loader (dist/attune.js)                                  <= 6 KB gzip
//   widget on open: attune-chat.js (+ its static chunks) + the core worker
//                   + core .mjs + core .wasm                  <= 100 KB gzip
//                   of which code (issue 17: data counted apart): the JS and
//                   the wasm without its data section, and that data apart
// (the language and channel chunks load later, only when used, and are listed
// separately). Then the widget's wasm by library and its largest functions,
// from the code section and the symbol map the build writes beside it
// (attune-core.mjs.symbols), so every change sees what it costs.
// Usage: node scripts/size-report.mjs [--check] [--json] [--top N]
//   --check  exit 1 when a budget is exceeded;  --json  one JSON object instead of a table
//   --top N  list the N largest functions (default 15)
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const argv = process.argv.slice(2);
const args = new Set(argv);
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 15;
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
    // The .br/.gz twins and the symbol map are not separate downloads.
    return statSync(p).isDirectory() ? walk(p) : /\.(br|gz|symbols)$/.test(f) ? [] : [p];
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

// The core's wasm, read and parsed once for the profile and the code/data split.
const coreWasmPath = path.join(dist, 'attune-core.wasm');
const coreWasm = existsSync(coreWasmPath) ? readFileSync(coreWasmPath) : null;
const coreParsed = coreWasm ? readWasm(coreWasm) : null;
const profile = wasmProfile(coreParsed, path.join(dist, 'attune-core.mjs.symbols'));

// Issue 17 counts the code on open apart from the data: the wasm's data
// section (the rules' word lists, identity lists, patterns and red flags in
// six languages, messages) is judgement data the core carries, not code.
// The code is the JS files and the wasm without that section, gzipped as a file.
const onOpen = budgets[1];
if (onOpen && !onOpen.missing.length && coreWasm) {
  const { sections } = coreParsed;
  const data = sections.filter((x) => x.id === 11);
  const code = Buffer.concat([coreWasm.subarray(0, 8), ...sections.filter((x) => x.id !== 11).map((x) => coreWasm.subarray(x.from, x.to))]);
  const js = onOpen.files.filter((f) => f !== 'attune-core.wasm').reduce((n, f) => n + byName.get(f).gzip, 0);
  onOpen.code = { gzip: js + gzipSync(code, { level: 9 }).length, limit: onOpen.gzipLimit };
  onOpen.wasmData = { gzip: data.reduce((n, x) => n + x.gzip, 0), raw: data.reduce((n, x) => n + x.size, 0) };
}

if (args.has('--json')) {
  console.log(JSON.stringify({ files: rows, budgets, wasm: profile }, null, 2));
} else {
  const fmt = (n) => (n >= 10 * KB ? (n / KB).toFixed(1) + ' KB' : n + ' B').padStart(10);
  console.log('file'.padEnd(44) + 'raw'.padStart(10) + 'gzip'.padStart(10) + 'brotli'.padStart(10));
  for (const r of rows) console.log(r.file.padEnd(44) + fmt(r.raw) + fmt(r.gzip) + fmt(r.brotli));
  console.log('\nbudgets (gzip):');
  for (const b of budgets) {
    const status = b.missing.length ? `MISSING ${b.missing.join(', ')}` : b.ok ? 'ok' : 'OVER BUDGET';
    console.log(`  ${b.name}: ${(b.gzip / KB).toFixed(1)} KB gzip (${(b.brotli / KB).toFixed(1)} KB brotli) of ${b.gzipLimit / KB} KB: ${status}`);
    console.log(`    ${b.files.join(' + ')}`);
    if (b.code) {
      console.log(`    of which code (the JS, the wasm without its data section): ${(b.code.gzip / KB).toFixed(1)} KB gzip of ${b.code.limit / KB} KB: ${b.code.gzip <= b.code.limit ? 'ok' : 'OVER BUDGET'}`);
      console.log(`    and the wasm's static data (word lists, patterns, red flags, messages; counted apart): ${(b.wasmData.gzip / KB).toFixed(1)} KB gzip`);
    }
  }
  if (profile) printProfile(profile);
}
if (args.has('--check') && budgets.some((b) => !b.ok)) process.exit(1);

// --- the wasm profile ---------------------------------------------------------

// Body size of every defined function and size of every section, read from
// the binary itself (https://webassembly.github.io/spec/core/binary/).
function readWasm(buf) {
  let p = 8;
  const leb = () => { let r = 0, shift = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return r; };
  const limits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };  // min [max]
  const sections = [];
  const bodies = [];
  let imported = 0;
  while (p < buf.length) {
    const from = p;
    const id = buf[p++];
    const size = leb();
    const start = p;
    sections.push({ id, size, from, to: start + size, gzip: gzipSync(buf.subarray(start, start + size), { level: 9 }).length });
    if (id === 2) {  // imports: imported functions take the first indices
      for (let n = leb(); n > 0; n--) {
        for (let k = 0; k < 2; k++) { const len = leb(); p += len; }  // module and field names
        const kind = buf[p++];
        if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; limits(); } else if (kind === 2) limits(); else p += 2;
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) { const len = leb(); p += len; bodies.push(len); }
    }
    p = start + size;
  }
  return { sections, bodies, imported };
}

// Which library a function belongs to, by its (demangled) name. LTO inlines
// library code into its callers, so this is where the bytes ended up, which
// is what a cut has to aim at.
export function libraryOf(name) {
  if (/nlohmann::/.test(name)) return 'nlohmann/json';
  if (/^(emscripten::|_?_embind|embind)|emscripten::internal::/.test(name)) return 'Embind';
  if (/^\(anonymous namespace\)::(EngineHandle|JudgementHandle|AnalyzerHandle)|^\(anonymous namespace\)::/.test(name)) return 'bindings';
  if (/^attune::/.test(name)) return 'core';
  if (/^(void |bool )?std::/.test(name)) return /attune::/.test(name) ? 'libc++ (for core types)' : 'libc++';
  if (/^(__cxxabiv1|__cxa_|operator new|operator delete|__dynamic_cast)/.test(name)) return 'libc++abi';
  if (/^(printf_core|sscanf|vsscanf|__floatscan|__intscan|fmt_|pop_arg|__.*tf3|__math|strto|vsnprintf|snprintf|frexp|scalbn)/.test(name)) return 'libc (printf/scanf/strtod)';
  return 'libc + runtime';
}

function wasmProfile(parsed, symbolsPath) {
  if (!parsed) return null;
  const { sections, bodies, imported } = parsed;
  const names = new Map();
  if (existsSync(symbolsPath)) {
    for (const line of readFileSync(symbolsPath, 'utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) names.set(Number(line.slice(0, colon)), line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
    }
  }
  const functions = bodies.map((size, i) => ({ name: names.get(i + imported) ?? `function ${i + imported}`, size }));
  const libraries = {};
  for (const f of functions) libraries[libraryOf(f.name)] = (libraries[libraryOf(f.name)] ?? 0) + f.size;
  const SECTION = { 1: 'type', 2: 'import', 3: 'function', 7: 'export', 9: 'element', 10: 'code', 11: 'data', 0: 'custom' };
  return {
    named: names.size > 0,
    sections: sections.filter((s) => SECTION[s.id]).map((s) => ({ name: SECTION[s.id], raw: s.size, gzip: s.gzip })),
    libraries: Object.entries(libraries).sort((a, b) => b[1] - a[1]).map(([name, raw]) => ({ name, raw })),
    largest: functions.sort((a, b) => b.size - a.size).slice(0, top),
  };
}

function printProfile(p) {
  const kb = (n) => (n / KB).toFixed(1).padStart(7) + ' KB';
  console.log('\nattune-core.wasm by section (raw, gzip of the section alone):');
  for (const s of p.sections.filter((x) => x.raw > 1024)) console.log(`  ${s.name.padEnd(10)}${kb(s.raw)}${kb(s.gzip)}`);
  if (!p.named) {
    console.log('  (no attune-core.mjs.symbols next to it: rebuild with scripts/build.sh for the per-function profile)');
    return;
  }
  console.log('code by library (raw; LTO counts inlined library code in its caller):');
  for (const l of p.libraries) console.log(`  ${l.name.padEnd(28)}${kb(l.raw)}`);
  console.log(`largest ${p.largest.length} functions (raw):`);
  for (const f of p.largest) console.log(`  ${kb(f.size)}  ${f.name.length > 110 ? f.name.slice(0, 107) + '...' : f.name}`);
}
