// Writes the web half of dist/: bundles (esbuild), ONNX Runtime Web files
// from node_modules, packs and the schema. Run by scripts/build.sh after the
// wasm build has written dist/attune-core.{mjs,wasm}.
import { build } from 'esbuild';
import { cpSync, mkdirSync, existsSync, readdirSync, readFileSync, writeFileSync, statSync, utimesSync } from 'node:fs';
import { gzipSync, gunzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning', legalComments: 'none' };

// Emscripten's glue only has its whitespace minified (Debian ships no Closure
// compiler); esbuild also shortens its local names: 13.2 -> 9.9 KB gzip.
// In place and idempotent; Embind's names are strings, which stay.
for (const f of ['attune-core.mjs', 'attune-tools.mjs']) {
  const file = path.join(dist, f);
  if (existsSync(file)) await build({ entryPoints: [file], outfile: file, allowOverwrite: true, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning' });
}

// The Node CLI: engine.js inlined, the core module loaded from dist/ at run time.
await build({
  ...common,
  platform: 'node',
  entryPoints: [path.join(root, 'src/cli/attune-cli.mjs')],
  outfile: path.join(dist, 'attune-cli.mjs'),
  external: ['./attune-core.mjs', 'onnxruntime-web'],
});

// Packs and their schema, so a site can serve them next to the widget.
mkdirSync(path.join(dist, 'packs'), { recursive: true });
for (const f of readdirSync(path.join(root, 'packs'))) {
  if (f.endsWith('.json')) cpSync(path.join(root, 'packs', f), path.join(dist, 'packs', f));
}
// Tone rules per language, read by `attune check` next to the packs.
mkdirSync(path.join(dist, 'packs/tone-rules'), { recursive: true });
for (const f of readdirSync(path.join(root, 'packs/tone-rules'))) {
  if (f.endsWith('.json')) cpSync(path.join(root, 'packs/tone-rules', f), path.join(dist, 'packs/tone-rules', f));
}

// ONNX Runtime Web: only the plain CPU (wasm SIMD) backend is needed
// (ort.wasm.min.mjs + ort-wasm-simd-threaded.wasm); the jsep/jspi/asyncify/webgl files are not shipped.
const ort = path.join(root, 'node_modules/onnxruntime-web/dist');
if (existsSync(ort)) {
  mkdirSync(path.join(dist, 'ort'), { recursive: true });
  for (const f of ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) {
    cpSync(path.join(ort, f), path.join(dist, 'ort', f));
  }
}
// The emotion model (issue 4): the worker bundle (engine.js + emotion.js
// inlined; the core, ORT and the model are fetched at run time from next to
// it) and the committed model with its metadata.
await build({
  ...common,
  platform: 'browser',
  entryPoints: [path.join(root, 'web/emotion-worker.js')],
  outfile: path.join(dist, 'emotion-worker.js'),
  minify: true,
});
mkdirSync(path.join(dist, 'models'), { recursive: true });
for (const f of ['emotion.onnx', 'emotion.json', 'judgement.bin']) {
  if (existsSync(path.join(root, 'models', f))) cpSync(path.join(root, 'models', f), path.join(dist, 'models', f));
}

// The widget: loader, <attune-chat>, ES entry and types (scripts/build-widget.mjs).
await import('./build-widget.mjs');

// Precompressed twins (file.br, file.gz) of everything a page fetches, so a
// server sends the compressed bytes without compressing on every request
// (nginx gzip_static/brotli_static, Caddy precompressed, demo/serve.mjs).
// Skipped when the .gz twin already holds the same bytes (builds rewrite
// files with new times): re-runs stay fast, though brotli at quality 11
// takes ~30 s on ORT's 14 MB wasm.
const COMPRESSIBLE = /\.(m?js|wasm|json|bin|onnx|css|svg|html|d\.ts)$/;
function* files(dir) {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(f)) yield p;
  }
}
for (const file of files(dist)) {
  const data = readFileSync(file);
  if (existsSync(file + '.br') && existsSync(file + '.gz') && gunzipSync(readFileSync(file + '.gz')).equals(data)) {
    // Servers (demo/serve.mjs) trust a twin only when it is newer than its source.
    const now = new Date();
    utimesSync(file + '.br', now, now);
    utimesSync(file + '.gz', now, now);
    continue;
  }
  writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
  writeFileSync(file + '.br', brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
}
console.log('build-web: dist/ written');
