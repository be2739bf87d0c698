// emotion-worker.js: a module Web Worker that runs the emotion model off the
// main thread. Bundled to dist/emotion-worker.js; everything heavy (the core's
// wasm, ONNX Runtime Web, the model) is loaded only when `init` arrives.
//
// Protocol (the widget speaks exactly this):
//   in  {type: 'init', baseUrl}         baseUrl: the dist/ folder (absolute URL)
//   out {type: 'ready'}                 the model answered a first run
//   out {type: 'unavailable', reason}   ORT, the core or the model could not load
//                                       (strict CSP, no wasm SIMD, offline...):
//                                       the widget carries on lexicon-only
//   in  {type: 'infer', id, text}
//   out {type: 'result', id, probs, emotions, emotion_labels, ms}
//        probs: Float32Array in core.emotionLabels order; ms: featurize + run
//   out {type: 'error', id, message}    this text failed, or the model is unavailable
//
// A second `init` is answered from the first one's outcome; `infer` sent
// before `init` finishes waits for it.
import { loadCore } from './engine.js';
import { createEmotionModel } from './emotion.js';

let loading = null;  // Promise<model>, set by the first init

function init(baseUrl) {
  if (!loading) loading = load(baseUrl);
  loading.then(
    () => self.postMessage({ type: 'ready' }),
    (err) => self.postMessage({ type: 'unavailable', reason: err?.message ?? String(err) }),
  );
}

async function load(baseUrl) {
  if (typeof baseUrl !== 'string' && !(baseUrl instanceof URL)) throw new Error('init needs a baseUrl (the dist/ folder)');
  const base = new URL(baseUrl, self.location.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const ortDir = new URL('ort/', base).href;
  const [core, ort] = await Promise.all([
    loadCore({ baseUrl: base.href }),
    import(/* webpackIgnore: true */ new URL('ort.wasm.min.mjs', ortDir).href),
  ]);
  // No threads: a host page cannot be asked for COOP/COEP (threads need cross-origin isolation, which a host page will not set up).
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = ortDir;
  return createEmotionModel({ ort, core, modelUrl: new URL('models/emotion.onnx', base).href });
}

async function infer(id, text) {
  if (!loading) {
    self.postMessage({ type: 'error', id, message: 'the emotion model is not initialised: send init first' });
    return;
  }
  try {
    const model = await loading;
    if (typeof text !== 'string') throw new Error('infer needs `text` as a string');
    const t0 = performance.now();
    const { probs, emotions, emotion_labels } = await model.predict(text);
    const ms = performance.now() - t0;
    self.postMessage({ type: 'result', id, probs, emotions, emotion_labels, ms }, [probs.buffer]);
  } catch (err) {
    self.postMessage({ type: 'error', id, message: err?.message ?? String(err) });
  }
}

self.addEventListener('message', (event) => {
  const msg = event.data;
  if (msg?.type === 'init') init(msg.baseUrl);
  else if (msg?.type === 'infer') infer(msg.id, msg.text);
  else self.postMessage({ type: 'error', id: msg?.id, message: `unknown message type ${JSON.stringify(msg?.type)}` });
});
