// core-worker.js -> dist/attune-core-worker.js: the wasm core in a module
// worker, so building the engine and answering never block the host page's
// main thread (issue 7: no task over 50 ms while loading). One request, one
// reply: {id, op, ...} -> {id, result} | {id, error: {code, message}}.
import { loadCore } from '../engine.js';

let core = null;
let engine = null;

const ops = {
  async init({ baseUrl, pack }) {
    core = await loadCore({ baseUrl });
    engine = core.createEngine(pack);
    return true;
  },
  greet: () => engine.greet(),
  respond: ({ text, emotions }) => engine.respond(text, emotions ? { emotions } : {}),
  reset: () => (engine.reset(), true),
  // Personal data out of texts that may leave the page (the handoff transcript).
  redact: ({ texts }) => texts.map((t) => core.redact(t).text),
  dispose: () => {
    engine?.dispose();
    engine = null;
    return true;
  },
};

self.addEventListener('message', async ({ data }) => {
  const { id, op } = data ?? {};
  try {
    if (!ops[op]) throw Object.assign(new Error(`unknown operation ${op}`), { code: 'bad_request' });
    if (op !== 'init' && !engine) throw Object.assign(new Error('the engine is not ready'), { code: 'not_ready' });
    self.postMessage({ id, result: await ops[op](data) });
  } catch (err) {
    self.postMessage({ id, error: { code: err?.code ?? 'core_error', message: String(err?.message ?? err) } });
  }
});
