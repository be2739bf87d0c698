// core-ops.js: the core's operations as the widget calls them, one table for
// the module worker (core-worker.js) and the main-thread fallback
// (core-client.js). Each takes one object of arguments and returns a value
// that survives structured cloning.
import { loadCore } from '../engine.js';

export function createOps() {
  let core = null;
  let engine = null;
  return {
    ready: () => engine !== null,
    async init({ baseUrl, pack }) {
      core = await loadCore({ baseUrl });
      engine = core.createEngine(pack);
      return true;
    },
    greet: () => engine.greet(),
    respond: ({ text, emotions }) => engine.respond(text, emotions ? { emotions } : {}),
    // Rebuilds the conversation's state (flow step, distress, repeats) from
    // the visitor's restored messages, so after a reload the bot still knows
    // it asked for an order number. The replies are dropped (the visible ones
    // were restored) and the rate limit does not count these turns.
    replay: ({ texts }) => {
      const limits = engine.limits;
      engine.setLimits({ ...limits, max_messages_per_minute: 0 });
      try {
        for (const text of texts) engine.respond(text);
      } finally {
        engine.setLimits(limits);
      }
      return texts.length;
    },
    reset: () => (engine.reset(), true),
    // Personal data out of texts that may leave the page (the handoff transcript).
    redact: ({ texts }) => texts.map((t) => core.redact(t).text),
    dispose: () => {
      engine?.dispose();
      engine = null;
      return true;
    },
  };
}
