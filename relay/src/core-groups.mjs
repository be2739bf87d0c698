// The core's GroupBySimilarity for the review summary, loaded from the built dist/ (the same wasm
// the widget runs, so the relay groups messages with the featurizer the intent model uses). The
// relay runs without it: a missing or broken build leaves each message in a group of its own, and
// the summary says why.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let loading = null;

/** Resolves {group(texts) | null, why}; `threshold` is the cosine to join a group. */
export function coreGrouper(threshold = 0.4, dist = process.env.ATTUNE_DIST ?? path.join(ROOT, 'dist')) {
  loading ??= (async () => {
    const wasm = path.join(dist, 'attune-core.wasm');
    if (!fs.existsSync(wasm)) return { core: null, why: `no core build at ${wasm} (scripts/build.sh)` };
    try {
      const { loadCore } = await import(new URL('../../web/engine.js', import.meta.url).href);
      const core = await loadCore({ baseUrl: new URL(`file://${dist}/`), wasmBinary: fs.readFileSync(wasm) });
      if (typeof core.groupBySimilarity !== 'function') return { core: null, why: 'the core build has no groupBySimilarity' };
      core.groupBySimilarity(['probe'], threshold); // an older dist/ without the binding fails here, once
      return { core, why: null };
    } catch (e) {
      return { core: null, why: `the core failed to load: ${e.message}` };
    }
  })();
  return loading.then(({ core, why }) => ({ group: core ? (texts) => core.groupBySimilarity(texts, threshold) : null, why }));
}
