// The emotion worker in Chromium: it loads the core, ONNX Runtime Web and the
// model from dist/, answers `infer` with the same probabilities as Node (the
// golden file), and says 'unavailable' when ORT or the model cannot load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);
const golden = JSON.parse(readFileSync(new URL('tests/data/emotion-golden.json', root), 'utf8'));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.onnx': 'application/octet-stream', '.html': 'text/html' };

// Serves dist/ at /ok/; /no-ort/ is dist/ without ONNX Runtime (as when a CSP
// or a proxy blocks it); /bad-model/ serves an HTML error page as the model.
function serve() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') {
      res.setHeader('content-type', 'text/html');
      return res.end('<!doctype html><title>emotion worker test</title>');
    }
    const [, mode, ...rest] = url.pathname.split('/');
    const file = rest.join('/');
    if (!['ok', 'no-ort', 'bad-model'].includes(mode) || file.includes('..')) { res.statusCode = 404; return res.end(); }
    if (mode === 'no-ort' && file.startsWith('ort/')) { res.statusCode = 404; return res.end('blocked'); }
    if (mode === 'bad-model' && file === 'models/emotion.onnx') {
      res.setHeader('content-type', 'text/html');
      return res.end('<html>Service unavailable</html>');
    }
    try {
      const body = await readFile(new URL(file, dist));
      res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server, origin, context, profile;
before(async () => {
  server = await serve();
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = await mkdtemp(path.join(tmpdir(), 'attune-e2e-emotion-'));
  // Debian Chromium as root: a persistent context on a fresh profile, no sandbox, no background networking.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await context?.close();
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

// Runs the worker in a fresh page: init with `mode`'s baseUrl, then infer `texts`.
async function runWorker(mode, texts) {
  const page = await context.newPage();
  try {
    await page.goto(origin + '/');
    return await page.evaluate(async ({ base, texts }) => {
      const worker = new Worker(base + 'emotion-worker.js', { type: 'module' });
      const messages = [];
      const next = (pred) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('worker timed out; got ' + JSON.stringify(messages))), 30000);
        worker.addEventListener('message', function on(e) {
          messages.push(e.data.type);
          if (pred(e.data)) { clearTimeout(timer); worker.removeEventListener('message', on); resolve(e.data); }
        });
      });
      const early = next((m) => m.type === 'error');
      worker.postMessage({ type: 'infer', id: 0, text: 'before init' });
      const beforeInit = await early;
      const t0 = performance.now();
      const status = next((m) => m.type === 'ready' || m.type === 'unavailable');
      worker.postMessage({ type: 'init', baseUrl: base });
      const init = await status;
      const initMs = performance.now() - t0;
      const results = [];
      for (let i = 0; i < texts.length; i++) {
        const reply = next((m) => m.id === i + 1);
        worker.postMessage({ type: 'infer', id: i + 1, text: texts[i] });
        const r = await reply;
        results.push({ ...r, probs: r.probs ? Array.from(r.probs) : undefined, probsIsFloat32: r.probs instanceof Float32Array });
      }
      worker.terminate();
      return { beforeInit, init, initMs, results };
    }, { base: `${origin}/${mode}/`, texts });
  } finally {
    await page.close();
  }
}

test('the worker loads lazily on init and answers infer with the golden probabilities', async () => {
  const texts = golden.cases.map((c) => c.text);
  const { beforeInit, init, results } = await runWorker('ok', texts);
  assert.equal(beforeInit.type, 'error');
  assert.match(beforeInit.message, /send init first/);
  assert.deepEqual(init, { type: 'ready' });
  golden.cases.forEach((c, i) => {
    const r = results[i];
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.id, i + 1);
    assert.ok(r.probsIsFloat32, 'probs arrive as a Float32Array');
    r.probs.forEach((p, k) => assert.ok(Math.abs(p - c.probs[k]) <= golden.tolerance, `${JSON.stringify(c.text)} label ${k}: ${p} vs ${c.probs[k]}`));
    assert.deepEqual(r.emotion_labels, c.emotion_labels);
    assert.equal(Object.keys(r.emotions).length, 28);
    assert.ok(r.ms >= 0 && r.ms < 1000);
  });
});

test('a text that is not a string gets an error reply for its id, and the worker keeps working', async () => {
  const { init, results } = await runWorker('ok', [null, 'thanks a lot!']);
  assert.equal(init.type, 'ready');
  assert.deepEqual({ type: results[0].type, id: results[0].id }, { type: 'error', id: 1 });
  assert.match(results[0].message, /text/);
  assert.equal(results[1].type, 'result');
});

test('fallback: without ONNX Runtime the worker reports unavailable, and infer answers error', async () => {
  const { init, results } = await runWorker('no-ort', ['hello']);
  assert.equal(init.type, 'unavailable');
  assert.match(init.reason, /ort/i);
  assert.equal(results[0].type, 'error');
});

test('fallback: a model file that is not ONNX makes the worker report unavailable', async () => {
  const { init } = await runWorker('bad-model', []);
  assert.equal(init.type, 'unavailable');
  assert.match(init.reason, /could not load the emotion model/);
});
