// core-worker.js -> dist/attune-core-worker.js: the wasm core in a module
// worker, so building the engine and answering never block the host page's
// main thread (issue 7: no task over 50 ms while loading). One request, one
// reply: {id, op, ...} -> {id, result} | {id, error: {code, message}}.
import { createOps } from './core-ops.js';

const ops = createOps();

self.addEventListener('message', async ({ data }) => {
  const { id, op } = data ?? {};
  try {
    if (!Object.hasOwn(ops, op) || op === 'ready') throw Object.assign(new Error(`unknown operation ${op}`), { code: 'bad_request' });
    if (op !== 'init' && !ops.ready()) throw Object.assign(new Error('the engine is not ready'), { code: 'not_ready' });
    self.postMessage({ id, result: await ops[op](data) });
  } catch (err) {
    self.postMessage({ id, error: { code: err?.code ?? 'core_error', message: String(err?.message ?? err) } });
  }
});
