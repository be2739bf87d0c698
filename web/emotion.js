// emotion.js: runs Attune's emotion model (models/emotion.onnx) through ONNX
// Runtime Web. Shared by the emotion worker (browser) and the Node CLI, so
// both get the same probabilities for the same text.
//
//   const model = await createEmotionModel({ ort, core, modelUrl });   // or modelBytes
//   const { emotions, emotion_labels, probs } = await model.predict('this is so frustrating');
//   model.dispose();
//
// One source of truth for everything the model depends on:
// - input ids come from core.featurize() (the C++ featurizer in wasm), never
//   from a tokenizer here;
// - the label order is core.emotionLabels (the model's output order);
// - the per-label thresholds live inside the model graph (its `predicted`
//   output is probs >= threshold), so there is no threshold table in JS.
//
// Failures are AttuneErrors with a code: 'model_unavailable' (the file could
// not be fetched or read), 'model_invalid' (ONNX Runtime rejected it, or its
// outputs do not fit core.emotionLabels), 'model_failed' (a run failed),
// 'disposed'.
import { AttuneError } from './engine.js';

/**
 * @param {{ort: object, core: object, modelBytes?: ArrayBuffer|Uint8Array, modelUrl?: string|URL,
 *          fetch?: typeof fetch}} options
 *   ort: the onnxruntime-web module (the caller sets ort.env, e.g. numThreads = 1);
 *   core: from loadCore() (web/engine.js); modelBytes, or modelUrl to fetch them from.
 * @returns {Promise<{labels: string[], predict(text: string): Promise<{emotions: Record<string, number>,
 *   emotion_labels: string[], probs: Float32Array}>, dispose(): Promise<void>}>}
 */
export async function createEmotionModel(options = {}) {
  const { ort, core } = options;
  if (!ort?.InferenceSession || !ort?.Tensor) throw new AttuneError('model_unavailable', 'createEmotionModel needs the onnxruntime-web module as `ort`');
  if (typeof core?.featurize !== 'function') throw new AttuneError('model_unavailable', 'createEmotionModel needs the Attune core (loadCore) as `core`');
  const bytes = await modelBytes(options);
  if (bytes.byteLength === 0) throw new AttuneError('model_invalid', 'the emotion model file is empty');

  let session;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new AttuneError('model_invalid', `ONNX Runtime could not load the emotion model: ${err?.message ?? err}`);
  }
  const labels = core.emotionLabels;
  try {
    for (const name of ['ids']) if (!session.inputNames.includes(name)) throw new Error(`it has no input "${name}"`);
    for (const name of ['probs', 'predicted']) if (!session.outputNames.includes(name)) throw new Error(`it has no output "${name}"`);
    // One run on padding only: checks the output width against the core's labels.
    const out = await session.run({ ids: new ort.Tensor('int32', new Int32Array(1), [1, 1]) });
    if (out.probs.dims.at(-1) !== labels.length) {
      throw new Error(`it has ${out.probs.dims.at(-1)} outputs, the core knows ${labels.length} emotion labels`);
    }
  } catch (err) {
    await session.release?.().catch(() => {});
    throw new AttuneError('model_invalid', `the emotion model does not fit this core: ${err?.message ?? err}`);
  }

  let live = true;
  return {
    labels,
    async predict(text) {
      if (!live) throw new AttuneError('disposed', 'this emotion model was disposed');
      let ids = core.featurize(String(text ?? ''));
      // Text without features (empty, only spaces) is one padding id: the graph
      // masks it out and returns the prior, rather than a zero-length tensor.
      if (ids.length === 0) ids = new Int32Array(1);
      let out;
      try {
        out = await session.run({ ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) });
      } catch (err) {
        throw new AttuneError('model_failed', `the emotion model failed on this text: ${err?.message ?? err}`);
      }
      const probs = Float32Array.from(out.probs.data);
      const predicted = out.predicted.data;
      const emotions = {};
      const over = [];
      labels.forEach((label, i) => {
        emotions[label] = probs[i];
        if (predicted[i]) over.push(i);
      });
      // Strongest first: a reader wants the main emotion at the front.
      over.sort((a, b) => probs[b] - probs[a]);
      return { emotions, emotion_labels: over.map((i) => labels[i]), probs };
    },
    /** Frees the ONNX Runtime session; predict() throws 'disposed' afterwards. Safe to call twice. */
    async dispose() {
      if (!live) return;
      live = false;
      await session.release?.();
    },
  };
}

async function modelBytes({ modelBytes, modelUrl, fetch: fetchFn = globalThis.fetch }) {
  if (modelBytes) return modelBytes instanceof Uint8Array ? modelBytes : new Uint8Array(modelBytes);
  if (!modelUrl) throw new AttuneError('model_unavailable', 'createEmotionModel needs modelBytes or modelUrl');
  let response;
  try {
    response = await fetchFn(String(modelUrl));
  } catch (err) {
    // Node's fetch says only "fetch failed"; the cause names the network error.
    const why = [err?.message ?? String(err), err?.cause?.code ?? err?.cause?.message].filter(Boolean).join(': ');
    throw new AttuneError('model_unavailable', `could not fetch the emotion model from ${modelUrl}: ${why}`);
  }
  if (!response.ok) throw new AttuneError('model_unavailable', `could not fetch the emotion model from ${modelUrl}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
