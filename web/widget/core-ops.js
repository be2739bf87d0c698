// core-ops.js: the core's operations as the widget calls them, one table for
// the module worker (core-worker.js) and the main-thread fallback
// (core-client.js). Each takes one object of arguments and returns a value
// that survives structured cloning.
import { loadCore } from '../engine.js';

// The judgement model (crisis, person, frustration, negativity, hardship, language),
// fetched in parallel with the core. Without it the core still runs its
// crisis and person patterns, so a failed fetch is a warning, never a stop.
async function fetchJudgement(baseUrl) {
  try {
    const res = await fetch(new URL('models/judgement.bin', baseUrl));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    console.warn(`Attune: judgement model not loaded (${err.message}); patterns only`);
    return null;
  }
}

/**
 * `evidence` redacted where it sits in its message: each stretch a redaction of the whole
 * message covers becomes that redaction's "[kind]". null when `at` does not locate it.
 */
export function redactIn(core, evidence, at) {
  if (!at || typeof at.message !== 'string' || !(at.end > at.begin) || at.message.slice(at.begin, at.end) !== evidence) return null;
  let out = '';
  let i = at.begin;
  for (const r of core.redact(at.message).redactions) {
    if (r.end <= i || r.begin >= at.end) continue;
    out += at.message.slice(i, Math.max(i, r.begin)) + `[${r.kind}]`;
    i = Math.min(r.end, at.end);
  }
  return out + at.message.slice(i, at.end);
}

export function createOps() {
  let core = null;
  let engine = null;
  return {
    ready: () => engine !== null,
    async init({ baseUrl, pack }) {
      const [c, bytes] = await Promise.all([loadCore({ baseUrl }), fetchJudgement(baseUrl)]);
      core = c;
      let judgement = null;
      try {
        judgement = bytes ? core.loadJudgement(bytes) : null;
      } catch (err) {
        console.warn(`Attune: judgement model not used (${err.code}: ${err.message}); patterns only`);
      }
      try {
        engine = core.createEngine(pack, { judgement });
      } finally {
        judgement?.dispose();  // the engine holds its own reference
      }
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
    // The conversation's place as a string, and back (Engine::SaveState/RestoreState), for a reload
    // or another tab; null when the core is older than the state API. restoreState rejects with the
    // core's code (invalid_argument) and leaves the conversation as it was.
    saveState: () => (typeof engine.saveState === 'function' ? engine.saveState() : null),
    restoreState: ({ state }) => (typeof engine.restoreState === 'function' ? (engine.restoreState(state), true) : null),
    // The calls below came with the live-handoff work; an older core lacks some of them, so each
    // says `null` ("not supported") instead of failing, and the widget carries on without it.
    // After a declined or ended handoff the core does not ask for a person again until
    // something new happens (a new crisis, a new explicit request, distress clearly higher).
    handoffDeclined: () => (typeof engine.handoffDeclined === 'function' ? (engine.handoffDeclined(), true) : null),
    handoffEnded: () => (typeof engine.handoffEnded === 'function' ? (engine.handoffEnded(), true) : null),
    // The pack's handoff.business_hours at `now`: {open, nextOpen}; null without hours support.
    businessHours: ({ now }) => (typeof engine.businessHoursOpen === 'function' ? engine.businessHoursOpen(now) : null),
    // The visitor's country, for the turn's crisis_resources; false when the core cannot take it.
    setCountry: ({ country }) => (typeof engine.setCountry === 'function' ? (engine.setCountry(country), true) : false),
    crisisResources: ({ country }) => (typeof engine.crisisResources === 'function' ? engine.crisisResources(country) : null),
    // Languages of a pack set: another language's pack (trained here, off the main thread), the
    // one the bot answers in, and the language a message is clearly in (the core's rule, so the
    // widget can fetch that pack before the turn). null: a core without languages.
    addPack: ({ pack }) => (typeof engine.addPack === 'function' ? (engine.addPack(pack), true) : null),
    setLanguage: ({ language }) => (typeof engine.setLanguage === 'function' ? (engine.setLanguage(language), true) : null),
    languages: () => (typeof engine.languages === 'function' ? engine.languages() : null),
    language: () => (typeof engine.language === 'function' ? engine.language() : null),
    messageLanguage: ({ text }) => (typeof engine.messageLanguage === 'function' ? engine.messageLanguage(text) : ''),
    // Template variables from the host page, e.g. {name} from the visitor's identity.
    setVariable: ({ name, value }) => (engine.setVariable(name, value), true),
    // Personal data out of texts that may leave the page or be stored (the handoff transcript,
    // live messages to a person, a left message, the persisted conversation). `within[i]`, when
    // given, says texts[i] is message.slice(begin, end) (a reason's evidence): it is redacted in
    // its message, since a fragment alone ("1111, my" of a card number) is no longer recognisable.
    redact: ({ texts, within }) => texts.map((t, i) => redactIn(core, t, within?.[i]) ?? core.redact(t).text),
    // "yes" / "no" typed instead of pressing the consent card's buttons ('' from an older core).
    contextReply: ({ text }) => (typeof core.contextReply === 'function' ? core.contextReply(text) : ''),
    dispose: () => {
      engine?.dispose();
      engine = null;
      return true;
    },
  };
}
