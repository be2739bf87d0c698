// Records the emotion model's golden predictions into tests/data/emotion-golden.json.
//
//   node models/golden.mjs        (after scripts/build.sh and models/train.sh)
//
// The fixture's `text` and `expect` fields are written by hand (expect: labels
// a person would agree the text shows, which the model must predict); this
// script fills in what the current featurizer and model produce: `ids` (from
// the wasm core), `probs` (label order, 4 decimals), `emotion_labels`, and
// `known_miss` (expected labels the model does not predict).
// tests/js/emotion.test.mjs then checks that Node, the browser and the native
// featurizer keep producing exactly these. Re-run it only after retraining,
// and review the diff: a changed `ids` line means the featurizer changed and
// the model must be retrained.
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { loadCore } from '../web/engine.js';
import { createEmotionModel } from '../web/emotion.js';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
const goldenUrl = new URL('tests/data/emotion-golden.json', root);

ort.env.wasm.numThreads = 1;
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const model = await createEmotionModel({ ort, core, modelBytes: readFileSync(new URL('models/emotion.onnx', root)) });
const golden = JSON.parse(readFileSync(goldenUrl, 'utf8'));
for (const c of golden.cases) {
  const r = await model.predict(c.text);
  c.ids = [...core.featurize(c.text)];
  c.probs = [...r.probs].map((p) => Number(p.toFixed(4)));
  c.emotion_labels = r.emotion_labels;
  // What a reader expects and this model misses: recorded for review (and the
  // model card), and the test caps how many there may be.
  const missing = (c.expect ?? []).filter((l) => !r.emotion_labels.includes(l));
  if (missing.length) {
    c.known_miss = missing;
    console.warn(`golden: ${JSON.stringify(c.text)} misses expected ${missing.join(', ')} (got ${r.emotion_labels.join(', ') || 'none'})`);
  } else {
    delete c.known_miss;
  }
}
await model.dispose();
// One case per line keeps diffs readable.
const body = golden.cases.map((c) => '    ' + JSON.stringify(c)).join(',\n');
const { cases, ...head } = golden;
writeFileSync(goldenUrl, JSON.stringify(head, null, 2).replace(/\n}$/, `,\n  "cases": [\n${body}\n  ]\n}\n`));
console.log(`golden: ${golden.cases.length} cases written to tests/data/emotion-golden.json`);
