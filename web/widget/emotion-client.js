// emotion-client.js: the widget's side of the emotion worker (web/emotion-worker.js).
// Protocol: {type:'init', baseUrl} -> {type:'ready'} | {type:'unavailable', reason};
// {type:'infer', id, text} -> {type:'result', id, probs} | {type:'error', id, message}.
// A turn never waits long for the model: after DEADLINE_MS it goes ahead
// lexicon-only (infer() resolves null), and an unavailable model only costs
// one 'error' event (fatal: false).

import { scriptUrl } from './trusted.js';

const DEADLINE_MS = 150;
export function createEmotionClient(baseUrl, onUnavailable) {
  let worker;
  let ready = false;
  let dead = false;
  let seq = 0;
  const pending = new Map();
  const give_up = (reason) => {
    if (dead) return;
    dead = true;
    ready = false;
    worker?.terminate();
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
    console.warn('Attune: emotion model unavailable, using the lexicon only: ' + reason);
    onUnavailable(reason);
  };
  try {
    worker = new Worker(scriptUrl(baseUrl + 'emotion-worker.js', baseUrl), { type: 'module' });
  } catch (err) {
    queueMicrotask(() => give_up(String(err?.message ?? err)));
    return { infer: async () => null, dispose() {} };
  }
  worker.addEventListener('message', ({ data }) => {
    if (data?.type === 'ready') ready = true;
    else if (data?.type === 'unavailable') give_up(String(data.reason ?? 'unavailable'));
    else if (data?.type === 'result' || data?.type === 'error') {
      pending.get(data.id)?.(data.type === 'result' && data.probs ? data.probs : null);
      pending.delete(data.id);
    }
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault?.();
    give_up(e.message || 'the emotion worker failed to start');
  });
  worker.postMessage({ type: 'init', baseUrl });

  return {
    /** Probabilities in core.emotionLabels order, or null (not ready, too slow, failed). */
    infer(text) {
      if (!ready || dead) return Promise.resolve(null);
      const id = ++seq;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        setTimeout(() => {
          if (pending.delete(id)) resolve(null);
        }, DEADLINE_MS);
        worker.postMessage({ type: 'infer', id, text });
      });
    },
    dispose() {
      dead = true;
      worker?.terminate();
      pending.clear();
    },
  };
}
