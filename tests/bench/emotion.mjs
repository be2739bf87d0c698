// Benchmark of the emotion model: download size, first-load time and
// per-message latency, in Node and in Chromium (the worker). Prints figures;
// it asserts nothing (timings depend on the machine).
//
//   node tests/bench/emotion.mjs [--messages 500] [--no-browser]
// Needs dist/ (scripts/build.sh). Messages are the golden fixture texts, cycled.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);
const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--messages') + 1]) || 500;
const texts = JSON.parse(readFileSync(new URL('tests/data/emotion-golden.json', root), 'utf8')).cases.map((c) => c.text);
const messages = Array.from({ length: N }, (_, i) => texts[i % texts.length]);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function sizes(label, bytes) {
  const gz = gzipSync(bytes, { level: 9 }).length;
  // Brotli 11 on the 14 MB ORT wasm takes minutes on a busy machine: 9 there (what CDNs use on the fly).
  const quality = bytes.length > 4e6 ? 9 : 11;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  console.log(`size ${label}: raw ${kb(bytes.length)}, gzip -9 ${kb(gz)}, brotli q${quality} ${kb(br)}`);
}
sizes('models/emotion.onnx', readFileSync(new URL('models/emotion.onnx', root)));
sizes('dist/emotion-worker.js', readFileSync(new URL('emotion-worker.js', dist)));
sizes('dist/ort/ort.wasm.min.mjs', readFileSync(new URL('ort/ort.wasm.min.mjs', dist)));
sizes('dist/ort/ort-wasm-simd-threaded.wasm', readFileSync(new URL('ort/ort-wasm-simd-threaded.wasm', dist)));

// Node: the same web/emotion.js the CLI uses.
{
  const t0 = performance.now();
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const { loadCore } = await import('../../web/engine.js');
  const { createEmotionModel } = await import('../../web/emotion.js');
  const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
  const model = await createEmotionModel({ ort, core, modelBytes: readFileSync(new URL('models/emotion.onnx', root)) });
  await model.predict(texts[0]);
  console.log(`node first load (import ORT + core + session + first predict): ${(performance.now() - t0).toFixed(1)} ms`);
  for (let i = 0; i < 50; i++) await model.predict(messages[i % messages.length]);  // warm-up
  const t1 = performance.now();
  for (const m of messages) await model.predict(m);
  const per = (performance.now() - t1) / messages.length;
  let f = 0;
  const t2 = performance.now();
  for (const m of messages) f += core.featurize(m).length;
  const feat = (performance.now() - t2) / messages.length;
  console.log(`node per message (featurize + ORT run, ${messages.length} messages): ${per.toFixed(3)} ms; featurize alone ${feat.toFixed(4)} ms`);
  await model.dispose();
}

if (!args.includes('--no-browser')) {
  const { chromium } = await import('playwright-core');
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    const file = new URL(req.url, 'http://x').pathname.slice(1);
    if (!file) { res.setHeader('content-type', 'text/html'); return res.end('<!doctype html><title>bench</title>'); }
    try {
      const body = await readFile(new URL(file, dist));
      res.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
      res.end(body);
    } catch { res.statusCode = 404; res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const profile = await mkdtemp(path.join(tmpdir(), 'attune-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.goto(origin);
    const r = await page.evaluate(async ({ base, messages }) => {
      const worker = new Worker(base + 'emotion-worker.js', { type: 'module' });
      const once = (pred) => new Promise((resolve) => worker.addEventListener('message', function on(e) {
        if (pred(e.data)) { worker.removeEventListener('message', on); resolve(e.data); }
      }));
      const t0 = performance.now();
      const ready = once((m) => m.type === 'ready' || m.type === 'unavailable');
      worker.postMessage({ type: 'init', baseUrl: base });
      const status = await ready;
      const initMs = performance.now() - t0;
      if (status.type !== 'ready') return { status };
      const ask = async (text, id) => { const p = once((m) => m.id === id); worker.postMessage({ type: 'infer', id, text }); return p; };
      const first = performance.now();
      await ask(messages[0], -1);
      const firstMs = performance.now() - first;
      for (let i = 0; i < 50; i++) await ask(messages[i % messages.length], -2 - i);  // warm-up
      // performance.now() is coarse without cross-origin isolation: time the whole batch.
      let inWorker = 0;
      const t1 = performance.now();
      for (let i = 0; i < messages.length; i++) inWorker += (await ask(messages[i], i)).ms;
      const roundTrip = (performance.now() - t1) / messages.length;
      worker.terminate();
      return { status, initMs, firstMs, roundTrip, inWorker: inWorker / messages.length };
    }, { base: origin, messages });
    if (r.status.type !== 'ready') throw new Error(`worker unavailable: ${r.status.reason}`);
    console.log(`chromium worker first load (init -> ready: core + ORT + model + check run): ${r.initMs.toFixed(1)} ms; first infer ${r.firstMs.toFixed(2)} ms`);
    console.log(`chromium per message (${messages.length} messages): in worker ${r.inWorker.toFixed(3)} ms, round trip from the page ${r.roundTrip.toFixed(3)} ms`);
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
