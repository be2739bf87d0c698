// engine.js: the core (wasm) as a JavaScript API, shared by the widget, the
// emotion worker and the Node CLI.
//
//   const core = await loadCore({ baseUrl, wasmBinary });
//   const tools = await loadCore({ baseUrl, tools: true }); // + valence, analyzer, checkPack
//   const judgement = core.loadJudgement(bytes);       // models/judgement.bin; throws AttuneError
//   const engine = core.createEngine(packJsonText, { judgement }); // throws AttuneError
//   const turn = engine.respond('where is my order?'); // a turn result
//   engine.dispose();                                  // frees the wasm object
//
// Errors from the core arrive as values and become an AttuneError here, once:
// `code` is the core's status code ('invalid_json', 'invalid_pack'), or
// 'core_load_failed' / 'disposed' for failures on this side.

export class AttuneError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'AttuneError';
    this.code = code;
  }
}

const cache = new Map();

// The UTC offset of an IANA time zone at an instant, from the JS engine's own
// tz data (the core has none; src/core/hours.h). Minutes east of UTC, or null
// for a zone Intl does not know. Never throws: the core calls it from wasm.
const zoneFormats = new Map();
function utcOffsetMinutes(zone, epochMs) {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
        day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      format = null;
    }
    zoneFormats.set(zone, format);
  }
  if (!format) return null;
  try {
    const p = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
    return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60000);
  } catch {
    return null;
  }
}

// Lone surrogates would reach the core as invalid UTF-8 and be repaired to
// three U+FFFD bytes each, shifting UTF-16 offsets; as one U+FFFD they map 1:1.
const wellFormed = (text) => {
  const s = String(text ?? '');
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
};

/**
 * Loads the wasm core once per base URL and build (a cached promise; a failed
 * load is not cached, so a later call can retry). The default build,
 * attune-core, is the widget's: engines, redact, featurize, emotion labels.
 * `tools: true` loads attune-tools, the superset that adds valence(),
 * createAnalyzer() and checkPack() (the CLI, tests and benchmarks), so pages
 * never download the pack checker.
 * @param {{baseUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array, moduleUrl?: string|URL, tools?: boolean}} [options]
 */
export function loadCore(options = {}) {
  const base = new URL(options.baseUrl ?? './', import.meta.url).href;
  const key = base + (options.tools ? '#tools' : '') + (options.wasmBinary ? '#binary' : '');
  if (!cache.has(key)) {
    const promise = instantiate(base, options).catch((err) => {
      cache.delete(key);
      throw err instanceof AttuneError ? err : new AttuneError('core_load_failed', `Attune core failed to load: ${err?.message ?? err}`);
    });
    cache.set(key, promise);
  }
  return cache.get(key);
}

async function instantiate(base, options) {
  const module = options.moduleUrl ?? (options.tools ? 'attune-tools.mjs' : 'attune-core.mjs');
  const { default: createAttuneCore } = await import(new URL(module, base).href);
  let aborted;
  const instance = await createAttuneCore({
    locateFile: (path) => new URL(path, base).href,
    ...(options.wasmBinary ? { wasmBinary: options.wasmBinary } : {}),
    onAbort: (what) => { aborted = what; },
  });
  return new Core(instance, () => aborted);
}

class Core {
  #m;
  #aborted;
  #live = 0;
  constructor(module, aborted) {
    this.#m = module;
    this.#aborted = aborted;
  }

  // A function only the tools build has, or a clear error in the widget's.
  #tool(name) {
    if (typeof this.#m[name] !== 'function') {
      throw new AttuneError('not_in_build', `${name} is in the tools build only: loadCore({ tools: true })`);
    }
    return this.#m[name];
  }

  /** How many engines are alive in wasm memory (created and not yet disposed): a leak check. */
  get liveEngines() {
    return this.#live;
  }

  /** The GoEmotions labels in the order the emotion model outputs them. */
  get emotionLabels() {
    return this.#m.emotionLabels();
  }

  /** Model input ids for `text`, from the core's featurizer. */
  featurize(text) {
    return this.#m.featurize(String(text));
  }

  /**
   * What a short message says on its own: 'yes' ("ok", "sí, por favor", "ja gerne"), 'no' ("no
   * thanks", "non merci") or '' (anything else, "no, I want a refund" included), in the six
   * languages of the core's one table of these words (src/core/context.h).
   * @param {string} text
   * @returns {'yes' | 'no' | ''}
   */
  contextReply(text) {
    return this.#m.contextReply(wellFormed(text));
  }

  /**
   * Personal data (emails, phone numbers, Luhn-valid card numbers, IBANs, street addresses)
   * replaced by "[email]", "[phone]", "[card]", "[iban]", "[address]" (src/core/redact.h), by the
   * same detectors the engine's entities use, in any written form (full-width digits, dots,
   * double or non-breaking spaces). Redact before anything leaves the page or is stored.
   * @param {string} text
   * @returns {{text: string, redactions: {kind: string, begin: number, end: number}[]}}
   *   begin/end index `text` (UTF-16), so text.slice(begin, end) is what was hidden
   */
  redact(text) {
    return this.#m.redact(wellFormed(text));
  }

  /**
   * Messages grouped by similarity with the intent model's own features (cosine over IDF-weighted
   * words, word pairs and character n-grams; greedy clustering, src/core/intents.h). The review
   * page groups what the bot did not understand this way, so a group can become a new intent.
   * @param {string[]} texts
   * @param {number} [threshold] cosine to join a group, 0..1 (default 0.4)
   * @returns {{members: number[], representative: number}[]} indices into texts, largest group first
   */
  groupBySimilarity(texts, threshold = 0.4) {
    return this.#m.groupBySimilarity(Array.from(texts, (t) => wellFormed(String(t ?? ''))), Number(threshold));
  }

  /** Valence of one message in [-1, 1] (the core's VADER-class scorer). Tools build. */
  valence(text) {
    return this.#tool('valence')(String(text ?? ''));
  }

  /**
   * Reads the judgement model (models/judgement.bin: crisis, human_request,
   * frustration, negativity and hardship heads, and language) from its bytes. Give it to
   * createEngine / createAnalyzer; without one they run the patterns alone.
   * @param {ArrayBuffer|Uint8Array} bytes
   * @returns {{languages: string[], dispose(): void}}
   * @throws {AttuneError} code 'invalid_model' naming what is wrong with the bytes
   */
  loadJudgement(bytes) {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const handle = new this.#m.Judgement(view);
    if (!handle.ok()) {
      const err = new AttuneError(handle.errorCode(), handle.errorMessage());
      handle.delete();
      throw err;
    }
    return new Judgement(handle);
  }

  /**
   * Affect analysis of a conversation without intents or replies: each
   * `analyze(text)` is one turn ({valence, distress, cues, handoff, reasons, ...}).
   * @param {string|object} [pack] a pack whose settings.handoff to use; default policy without
   * @param {{judgement?: Judgement}} [options] the judgement model (loadJudgement); patterns alone without
   * @throws {AttuneError} code 'invalid_json' or 'invalid_pack' for a bad pack
   */
  createAnalyzer(pack, options = {}) {
    const text = pack === undefined || pack === null ? '' : typeof pack === 'string' ? pack : JSON.stringify(pack);
    const handle = new (this.#tool('Analyzer'))(text);
    if (!handle.ok()) {
      const err = new AttuneError(handle.errorCode(), handle.errorMessage());
      handle.delete();
      throw err;
    }
    if (options.judgement) handle.setJudgement(options.judgement.handle);
    return new Analyzer(handle, this.#aborted);
  }

  /**
   * The handoff policy a pack puts in effect, its defaults included: {threshold, release,
   * smoothing, fallbacks_before_offer, valence_weight, emotion_weight, trend_turns,
   * weights: {cue: weight}}, the keys of a pack's "handoff" block. Tools build.
   * @throws {AttuneError} code 'invalid_json' or 'invalid_pack' for a bad pack
   */
  handoffPolicy(pack) {
    const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
    const out = this.#tool('handoffPolicy')(text);
    if (out.error) throw new AttuneError(out.error.code, out.error.message);
    return out;
  }

  /**
   * Every problem with a pack, from the core's validator (the one the engine
   * uses): [{severity: 'error'|'warning', pointer, message, line, column, suggestion}].
   * With `toneRules` (a tone rules JSON text, packs/tone-rules/<lang>.json) the tone check runs too.
   * Business-hours time zones are checked against this JS engine's Intl.
   */
  checkPack(pack, toneRules = '') {
    const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
    return this.#tool('checkPack')(text, typeof toneRules === 'string' ? toneRules : JSON.stringify(toneRules), utcOffsetMinutes);
  }

  /**
   * How every reply of a pack reads, for `attune check`: [{pointer, line, column, tone, language,
   * formula, score (null when the language has no formula), band, words, sentences, syllables,
   * letters, chars, lines, rated (10+ words: the score means something)}] (src/core/tone_check.h). Empty when the pack or the rules do not load.
   */
  toneReport(pack, toneRules = '') {
    const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
    return this.#tool('toneReport')(text, typeof toneRules === 'string' ? toneRules : JSON.stringify(toneRules));
  }

  /**
   * Builds a conversation engine from a pack's JSON text (or object).
   * @param {{judgement?: Judgement}} [options] the judgement model (loadJudgement); patterns alone without
   * @throws {AttuneError} code 'invalid_json' or 'invalid_pack', message names where.
   */
  createEngine(pack, options = {}) {
    const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
    const handle = new this.#m.Engine(text);
    if (!handle.ok()) {
      const err = new AttuneError(handle.errorCode(), handle.errorMessage());
      handle.delete();
      throw err;
    }
    if (options.judgement) handle.setJudgement(options.judgement.handle);
    this.#live++;
    return new Engine(handle, this.#aborted, () => {
      // Embind's own flag proves the C++ destructor ran, not just our bookkeeping.
      if (handle.isDeleted()) this.#live--;
    });
  }
}

class Judgement {
  #h;
  constructor(handle) {
    this.#h = handle;
  }

  /** The wasm object, for engines and analyzers (they keep the model alive on their own). */
  get handle() {
    if (!this.#h) throw new AttuneError('disposed', 'this judgement model was disposed');
    return this.#h;
  }

  /** Languages the model detects, e.g. ['en', 'es', ...]. */
  get languages() {
    return this.handle.languages();
  }

  /** Frees the wasm object; engines already given the model keep their own reference. Safe to call twice. */
  dispose() {
    if (this.#h) {
      this.#h.delete();
      this.#h = null;
    }
  }
}

class Analyzer {
  #h;
  #aborted;
  constructor(handle, aborted) {
    this.#h = handle;
    this.#aborted = aborted;
  }

  #live() {
    if (!this.#h) throw new AttuneError('disposed', 'this Attune analyzer was disposed');
    if (this.#aborted()) throw new AttuneError('core_aborted', `the Attune core stopped: ${this.#aborted()}`);
    return this.#h;
  }

  /**
   * One visitor message as a turn of this analyzer's conversation.
   * @param {string} text
   * @param {{emotions?: ArrayLike<number>}} [options] model probabilities in core.emotionLabels order
   */
  analyze(text, options = {}) {
    return JSON.parse(this.#live().analyzeJson(String(text ?? ''), options.emotions ?? null));
  }

  /** Starts a new conversation (distress, trend and repetition history cleared). */
  reset() {
    this.#live().reset();
  }

  /** Frees the wasm object. Safe to call twice. */
  dispose() {
    if (this.#h) {
      this.#h.delete();
      this.#h = null;
    }
  }
}

class Engine {
  #h;
  #aborted;
  #onDeleted;
  constructor(handle, aborted, onDeleted) {
    this.#h = handle;
    this.#aborted = aborted;
    this.#onDeleted = onDeleted;
  }

  #live() {
    if (!this.#h) throw new AttuneError('disposed', 'this Attune engine was disposed');
    if (this.#aborted()) throw new AttuneError('core_aborted', `the Attune core stopped: ${this.#aborted()}`);
    return this.#h;
  }

  /** The pack's greeting as a turn result. */
  greet() {
    return this.#live().greet();
  }

  /**
   * One visitor turn.
   * @param {string} text
   * @param {{emotions?: ArrayLike<number>}} [options] model probabilities in core.emotionLabels order
   */
  respond(text, options = {}) {
    return this.#live().respond(String(text ?? ''), options.emotions ?? null);
  }

  /** Starts a new conversation with the same pack. */
  reset() {
    this.#live().reset();
  }

  /**
   * The visitor declined the offer of a person. Until something new happens (a new crisis, a new
   * explicit request for a person, distress 0.15 above its level now, or 6 turns) turns have
   * `handoff: false` and `handoff_suppressed: true` where the offer was held back; crisis cues and
   * crisis resources still come.
   */
  handoffDeclined() {
    this.#live().handoffDeclined();
  }

  /** The conversation with a person has ended (back to the bot): same rule as handoffDeclined(). */
  handoffEnded() {
    this.#live().handoffEnded();
  }

  /**
   * The visitor's country (ISO 3166-1 alpha-2, any case), which chooses the crisis resources turns
   * carry (`crisis_resources`); '' clears it.
   * @throws {AttuneError} code 'invalid_argument' when it is not an assigned code ('UK', 'EU')
   */
  setCountry(country) {
    const error = this.#live().setCountry(String(country ?? ''));
    if (error) throw new AttuneError('invalid_argument', error);
  }

  /**
   * Whether the pack's handoff.business_hours are open at `epochMs` (default now), and when closed
   * the next opening: {open, nextOpen: epoch ms | null}. Time zones come from Intl, like the relay's.
   * @throws {AttuneError} code 'invalid_argument' for a time zone this JS engine does not know
   */
  businessHoursOpen(epochMs = Date.now()) {
    const r = this.#live().businessHoursOpen(Number(epochMs), utcOffsetMinutes);
    if (r.error) throw new AttuneError('invalid_argument', r.error);
    return { open: r.open, nextOpen: r.nextOpen };
  }

  /**
   * The pack's handoff.teams, for a visitor choosing one: [{id, label}] ([] when the pack lists
   * none: every handoff goes to team 'default'). A turn that hands off names its team in `team`.
   */
  get teams() {
    return this.#live().teams();
  }

  /** The country set with setCountry(), upper case, or ''. */
  get country() {
    return this.#live().country();
  }

  /**
   * The pack's crisis lines for `country` (default: the one set with setCountry): those listing it,
   * else the pack's fallback lines (no `countries`). An unknown or invalid country gets the fallback.
   * @returns {{name: string, phone: string, url: string, countries?: string[]}[]}
   */
  crisisResources(country) {
    const h = this.#live();
    return h.crisisResources(country === undefined || country === null ? h.country() : String(country));
  }

  /** Sets a template variable for this conversation, e.g. setVariable('name', 'Ana') for "{name}"; '' clears it. */
  setVariable(name, value) {
    this.#live().setVariable(String(name), String(value ?? ''));
  }

  /**
   * The conversation so far, bounded by the limits: {entries: [{role, text, turn, redacted?}], dropped}.
   * With redact (the default) personal data is replaced, as it must be before anything goes to an agent.
   */
  transcript({ redact = true } = {}) {
    return this.#live().transcript(Boolean(redact));
  }

  /** The limits in force (src/core/limits.h): {max_message_bytes, max_messages_per_minute, burst_messages, ...}. */
  get limits() {
    return this.#live().limits();
  }

  /**
   * Changes some limits, e.g. {max_messages_per_minute: 30}; the others stay.
   * @throws {AttuneError} code 'invalid_argument' naming the field and its allowed range
   */
  setLimits(limits) {
    const error = this.#live().setLimits(JSON.stringify(limits ?? {}));
    if (error) throw new AttuneError('invalid_argument', error);
  }

  /**
   * The conversation's place as a JSON string (flow and slots, known entities, topic, what the bot
   * just asked or offered, handoff history, transcript, variables), to continue it with
   * restoreState() in another engine built from the same pack: after a reload, in another tab.
   * It holds the transcript unredacted: keep it where the conversation itself may be kept.
   * @returns {string}
   */
  saveState() {
    return this.#live().saveState();
  }

  /**
   * Continues a conversation saved by saveState(). On failure the engine is unchanged.
   * @param {string} state
   * @throws {AttuneError} code 'invalid_argument' when `state` is not a state, is too large, or
   *   belongs to another pack (id, version, or its intents/responses/flows changed) or language
   */
  restoreState(state) {
    if (typeof state !== 'string') throw new AttuneError('invalid_argument', 'restoreState takes the string saveState() returned');
    const error = this.#live().restoreState(state);
    if (error) throw new AttuneError(error.code, error.message);
  }

  /**
   * Holds another language of the same pack set (e.g. packs/ecommerce.es.json beside .en): the
   * engine answers in it after setLanguage(), or by itself when the visitor clearly writes in it
   * (with a judgement model). The conversation carries over a switch.
   * @param {string|object} pack the pack's JSON text or object
   * @throws {AttuneError} code 'invalid_json' or 'invalid_pack' as createEngine; 'invalid_argument'
   *   when the engine already holds the pack's language
   */
  addPack(pack) {
    const error = this.#live().addPack(typeof pack === 'string' ? pack : JSON.stringify(pack));
    if (error) throw new AttuneError(error.code, error.message);
  }

  /**
   * Answers in `language` from now on (the visitor chose it); the conversation carries over.
   * @throws {AttuneError} code 'invalid_argument' for a language the engine does not hold
   */
  setLanguage(language) {
    const error = this.#live().setLanguage(String(language ?? ''));
    if (error) throw new AttuneError(error.code, error.message);
  }

  /** The languages held, sorted: ['en', 'es']. */
  languages() {
    return this.#live().languages();
  }

  /** The active language: the one the next reply comes in unless the visitor writes in another. */
  language() {
    return this.#live().language();
  }

  /**
   * The language `text` is clearly written in, by the rule the engine switches with (enough words,
   * a sure judgement model), whether held or not: '' when unsure ('ok', an order number) or without
   * a model. Lets a caller add that language's pack before respond().
   */
  messageLanguage(text) {
    return this.#live().messageLanguage(wellFormed(text));
  }

  /** Frees the wasm object; the engine is unusable afterwards. Safe to call twice. */
  dispose() {
    if (this.#h) {
      this.#h.delete();
      this.#h = null;
      this.#onDeleted();
    }
  }

  get disposed() {
    return this.#h === null;
  }
}
