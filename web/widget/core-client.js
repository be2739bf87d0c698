// core-client.js: the widget's handle on the core. The core runs in a module
// worker (core-worker.js); if the page cannot start one, it runs on the main
// thread instead (same API, still async). Errors keep the core's `code`
// (invalid_json, invalid_pack, core_load_failed, ...).
import { scriptUrl } from './trusted.js';

const fail = (e) => Object.assign(new Error(e.message), { code: e.code });

function inWorker(baseUrl) {
  const worker = new Worker(scriptUrl(baseUrl + 'attune-core-worker.js', baseUrl), { type: 'module' });
  const pending = new Map();
  let seq = 0;
  let broken = null;
  const rejectAll = (err) => {
    broken = err;
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
  };
  worker.addEventListener('message', ({ data }) => {
    const p = pending.get(data?.id);
    if (!p) return;
    pending.delete(data.id);
    data.error ? p.reject(fail(data.error)) : p.resolve(data.result);
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    rejectAll(Object.assign(new Error(`the core worker failed: ${e.message || 'could not load attune-core-worker.js'}`), { code: 'worker_failed' }));
  });
  const call = (op, args = {}) => {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, ...args });
    });
  };
  return { call, terminate: () => worker.terminate() };
}

async function onMainThread() {
  const { createOps } = await import('./core-ops.js');
  const ops = createOps();
  return { call: async (op, args = {}) => ops[op](args), terminate() {} };
}

/**
 * Loads the core and builds an engine from `packText`.
 * @returns {Promise<{greet, respond, replay, reset, saveState, restoreState, redact, handoffDeclined,
 *   handoffEnded, businessHours, setCountry, crisisResources, setVariable, addPack, setLanguage,
 *   languages, language, messageLanguage, dispose}>} every method returns a promise
 */
export async function startCore(baseUrl, packText) {
  let backend;
  try {
    backend = inWorker(baseUrl);
    await backend.call('init', { baseUrl, pack: packText });
  } catch (err) {
    backend?.terminate();
    if (err.code !== 'worker_failed' && !(err instanceof TypeError) && err.name !== 'SecurityError') throw err;
    console.warn(`Attune: ${err.message}; running the core on the main thread`);
    backend = await onMainThread();
    await backend.call('init', { baseUrl, pack: packText });
  }
  const { call } = backend;
  return {
    greet: () => call('greet'),
    respond: (text, { emotions } = {}) => call('respond', { text, emotions }),
    /** the visitor's earlier messages, answered silently to restore the conversation's state */
    replay: (texts) => call('replay', { texts }),
    reset: () => call('reset'),
    /** the conversation's place as a string (null from an older core) */
    saveState: () => call('saveState'),
    /** continues a saved conversation; rejects with code invalid_argument (conversation unchanged) */
    restoreState: (state) => call('restoreState', { state }),
    /** texts with emails, phones, cards and IBANs replaced by the core ([email], ...) */
    redact: (texts, within) => call('redact', { texts, within }),
    /** 'yes', 'no' or '' for a short message on its own ("ok", "no thanks"), by the core's words */
    contextReply: (text) => call('contextReply', { text }),
    /** the visitor said no to a person (or chose leave-a-message / the bot): do not offer again next turn */
    handoffDeclined: () => call('handoffDeclined'),
    /** the conversation with a person ended */
    handoffEnded: () => call('handoffEnded'),
    /** the pack's business hours at `now`: {open, nextOpen}, or null when the core cannot say */
    businessHours: (now = Date.now()) => call('businessHours', { now }),
    setCountry: (country) => call('setCountry', { country }),
    /** crisis resources for a country, or null when the core cannot choose them */
    crisisResources: (country) => call('crisisResources', { country }),
    setVariable: (name, value) => call('setVariable', { name, value }),
    /** another language of the pack set (JSON text); rejects with code invalid_json, invalid_pack or invalid_argument */
    addPack: (pack) => call('addPack', { pack }),
    /** the bot answers in `language` from now on (conversation kept); rejects with invalid_argument if not held */
    setLanguage: (language) => call('setLanguage', { language }),
    languages: () => call('languages'),
    language: () => call('language'),
    /** the language `text` is clearly in by the core's switching rule, or '' */
    messageLanguage: (text) => call('messageLanguage', { text }),
    dispose() {
      call('dispose').catch(() => {});
      backend.terminate();
    },
  };
}
