// The emotion model in Node (web/emotion.js + onnxruntime-web + the wasm core):
// it loads and predicts, matches the golden predictions, the native and wasm
// featurizers agree, and a missing or broken model fails with a clear error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import * as ort from 'onnxruntime-web';
import { loadCore, AttuneError } from '../../web/engine.js';
import { createEmotionModel } from '../../web/emotion.js';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);
const modelBytes = readFileSync(new URL('models/emotion.onnx', root));
const meta = JSON.parse(readFileSync(new URL('models/emotion.json', root), 'utf8'));
const golden = JSON.parse(readFileSync(new URL('tests/data/emotion-golden.json', root), 'utf8'));

ort.env.wasm.numThreads = 1;
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const model = await createEmotionModel({ ort, core, modelBytes });
after(() => model.dispose());

// ctest passes this build's binary (CMakeLists.txt); by hand: ATTUNE_NATIVE=build/native/attune-native.
function nativeBinary() {
  const candidates = [process.env.ATTUNE_NATIVE, 'build/native/attune-native'].filter(Boolean);
  const found = candidates.find((p) => existsSync(new URL(p, root)) || existsSync(p));
  assert.ok(found, `attune-native not found (tried ${candidates.join(', ')}): set ATTUNE_NATIVE`);
  return existsSync(found) ? found : new URL(found, root).pathname;
}

test('the model predicts probabilities for every label, keyed by the core\'s label names', async () => {
  const r = await model.predict('Thank you so much, this is wonderful!');
  assert.deepEqual(Object.keys(r.emotions), core.emotionLabels);
  assert.equal(r.probs.length, core.emotionLabels.length);
  for (const p of r.probs) assert.ok(p >= 0 && p <= 1, `probability ${p} out of range`);
  assert.ok(r.emotion_labels.includes('gratitude'), `got ${r.emotion_labels}`);
  for (let i = 1; i < r.emotion_labels.length; i++) {
    assert.ok(r.emotions[r.emotion_labels[i - 1]] >= r.emotions[r.emotion_labels[i]], 'emotion_labels are strongest first');
  }
});

test('golden predictions: ids, probabilities and labels match the recorded ones', async () => {
  assert.ok(golden.cases.length >= 10);
  for (const c of golden.cases) {
    assert.deepEqual([...core.featurize(c.text)], c.ids, `ids for ${JSON.stringify(c.text)}: the featurizer changed, retrain the model`);
    const r = await model.predict(c.text);
    r.probs.forEach((p, i) => assert.ok(Math.abs(p - c.probs[i]) <= golden.tolerance,
      `${JSON.stringify(c.text)} ${core.emotionLabels[i]}: ${p} vs golden ${c.probs[i]}`));
    assert.deepEqual(r.emotion_labels, c.emotion_labels, `labels for ${JSON.stringify(c.text)}`);
    for (const l of c.expect) {
      if (!c.known_miss?.includes(l)) assert.ok(r.emotion_labels.includes(l), `${JSON.stringify(c.text)} should show ${l}, got ${r.emotion_labels}`);
    }
  }
  // A retrained model may miss a human expectation or two (recorded as known_miss
  // and listed in models/README.md), not more.
  const misses = golden.cases.flatMap((c) => c.known_miss ?? []);
  assert.ok(misses.length <= 2, `the model misses ${misses.length} expected labels: ${misses}`);
});

test('featurizer parity: native attune-native and wasm core.featurize give identical ids', () => {
  const texts = golden.cases.map((c) => c.text);
  const r = spawnSync(nativeBinary(), ['featurize'], { input: texts.join('\n') + '\n', encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l).ids);
  assert.equal(lines.length, texts.length);
  texts.forEach((t, i) => assert.deepEqual(lines[i], [...core.featurize(t)], `native vs wasm ids for ${JSON.stringify(t)}`));
});

test('the thresholds inside the model are the ones in emotion.json, and its labels are the core\'s', async () => {
  assert.deepEqual(meta.labels, core.emotionLabels);
  assert.equal(meta.sha256, createHash('sha256').update(modelBytes).digest('hex'), 'emotion.json describes this emotion.onnx');
  for (const c of golden.cases) {
    const r = await model.predict(c.text);
    const over = core.emotionLabels.filter((l) => r.emotions[l] >= meta.thresholds[l]);
    assert.deepEqual([...r.emotion_labels].sort(), over.sort(), JSON.stringify(c.text));
  }
});

test('ONNX Runtime computes what the training script\'s numpy copy of the graph computed', async () => {
  assert.ok(meta.reference_outputs.length >= 3);
  for (const { text, probs } of meta.reference_outputs) {
    const r = await model.predict(text);
    probs.forEach((p, i) => assert.ok(Math.abs(r.probs[i] - p) < 1e-4, `${text} ${core.emotionLabels[i]}: ORT ${r.probs[i]} vs numpy ${p}`));
  }
});

test('overlapping predictions (a burst of messages) give the same results as one at a time', async () => {
  const texts = golden.cases.map((c) => c.text);
  const burst = await Promise.all(texts.concat(texts).map((t) => model.predict(t)));
  burst.forEach((r, i) => assert.deepEqual(r.emotion_labels, golden.cases[i % texts.length].emotion_labels, texts[i % texts.length]));
});

test('any text gives a valid prediction: empty, blank, huge, odd code points', async () => {
  for (const text of ['', '   ', null, undefined, 42, 'x'.repeat(1 << 20), '\u0000\u202e\ud800 😀'.repeat(100)]) {
    const r = await model.predict(text);
    assert.equal(r.probs.length, 28);
    assert.ok([...r.probs].every((p) => p >= 0 && p <= 1 && !Number.isNaN(p)), String(text).slice(0, 20));
  }
});

test('dispose frees the session: predict then fails with code "disposed"; a second dispose is a no-op', async () => {
  const m = await createEmotionModel({ ort, core, modelBytes });
  await m.dispose();
  await assert.rejects(m.predict('hi'), (e) => e instanceof AttuneError && e.code === 'disposed');
  await m.dispose();
});

test('fallback: a missing model file is "model_unavailable" with the URL and HTTP status', async () => {
  const server = createServer((req, res) => { res.statusCode = 404; res.end('not found'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/models/emotion.onnx`;
  try {
    await assert.rejects(createEmotionModel({ ort, core, modelUrl: url }),
      (e) => e instanceof AttuneError && e.code === 'model_unavailable' && e.message.includes(url) && /HTTP 404/.test(e.message));
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  // The same port once nothing listens there: offline, connection refused.
  await assert.rejects(createEmotionModel({ ort, core, modelUrl: url }),
    (e) => e.code === 'model_unavailable' && /ECONNREFUSED/.test(e.message));
  await assert.rejects(createEmotionModel({ ort, core }), (e) => e.code === 'model_unavailable' && /modelBytes or modelUrl/.test(e.message));
  await assert.rejects(createEmotionModel({ core, modelBytes }), (e) => e.code === 'model_unavailable' && /onnxruntime-web/.test(e.message));
});

test('fallback: a corrupt, truncated or empty model file is "model_invalid"', async () => {
  const junk = new TextEncoder().encode('<html>404 page served as the model</html>');
  for (const bytes of [junk, modelBytes.subarray(0, modelBytes.length >> 1), new Uint8Array(0)]) {
    await assert.rejects(createEmotionModel({ ort, core, modelBytes: bytes }),
      (e) => e instanceof AttuneError && e.code === 'model_invalid', `${bytes.length} bytes`);
  }
});

test('fallback: a model whose outputs do not fit the core\'s labels is "model_invalid", not silently misread', async () => {
  // A core that knows one label fewer than the model outputs (a stale model or core).
  const staleCore = { featurize: (t) => core.featurize(t), emotionLabels: core.emotionLabels.slice(1) };
  await assert.rejects(createEmotionModel({ ort, core: staleCore, modelBytes }),
    (e) => e.code === 'model_invalid' && /28 outputs, the core knows 27 emotion labels/.test(e.message));
});
