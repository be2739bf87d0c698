// attune-chat.js: the <attune-chat> element, a chat panel whose answers come
// from the Attune core (WebAssembly) running in this page.
//
// @attr locale (UI strings and, with a pack set, the bot's language), theme
//       ("auto" | "light" | "dark"), position ("bottom-right" | "bottom-left"),
//       pack (URL, with {lang} for a pack set), pack-languages ("en,es"),
//       base-url, persist, inline (panel always shown in the page flow, no
//       launcher)
// @cssproperty --attune-accent, --attune-on-accent, --attune-bg, --attune-fg,
//       --attune-muted, --attune-bubble-bot, --attune-bubble-user,
//       --attune-border, --attune-font, --attune-radius, --attune-width,
//       --attune-height, --attune-offset, --attune-z
// @csspart launcher, badge, panel, header, log, message, bubble,
//       quick-replies, composer
// @event ready, open, close, message, handoff, error, csat (CustomEvents,
//       bubbling and composed; on(name, fn) takes the same names).
//
// Privacy: nothing leaves the page unless a channel is configured and the
// visitor said yes to the consent step; everything sent is redacted by the
// core, and so is everything `persist` stores (the bubbles show what was typed)
// and every record `review: 'local'` keeps in this browser for the local review page.
import { startCore } from './core-client.js';
import { parseConfig, isRtl, packSet, firstPackLanguage, matchLocale } from './config.js';
import { LAUNCHER_CSS, drawLauncher, sheet } from './launcher.js';
import { PANEL_CSS } from './styles.js';
import { loadStrings, format, en } from './i18n/index.js';
import { renderMessage, plainText } from './format.js';
import { createMemory, EMPTY } from './memory.js';
import { createPace, MAX_QUEUED } from './pace.js';
import { createTabs } from './tabs.js';
import { createEmotionClient } from './emotion-client.js';
import { emotionDecision, browserEnvironment } from './emotion-policy.js';
import { handoffWasActive } from './handoff-flag.js';
import { h, icon } from './dom.js';
import { MAX_MESSAGE_LENGTH } from '../channels/limits.js';
import { visitorCountry, isCrisis, inputCount, cleanIdentity } from './handoff-policy.js';
import { turnRecord, redactedRecords, reviewUrl, shareReview } from './review-share.js';

// Event names are the contract's bare names (the project's one event vocabulary). Note: a
// bubbling `error`/`message` reaches window listeners too; ours are
// CustomEvents (check `e.detail`), never ErrorEvent/MessageEvent.
const PREFIX = '';
const GLOBAL_ATTRS = /^(class|id|style|dir|lang|hidden|inline|slot|part|tabindex|title|aria-.*|data-.*)$/;
const HERE = new URL('./', import.meta.url).href;
let styles; // one constructed stylesheet shared by every instance

export class AttuneChat extends HTMLElement {
  static observedAttributes = ['locale', 'theme'];

  #config;
  #t = en;
  #root;
  #ui = {};
  #messages = [];
  #engine = null;
  #pack = null;         // the pack the bot answers from now
  #set = null;          // a pack set: {lang: url or pack} (config.js packSet), else null
  #packs = new Map();   // languages the core holds -> their pack
  #packLoads = new Map(); // language -> promise of its pack added to the core
  #languagesLoading = false;
  #starting = null;
  #mode = 'idle'; // idle | loading | bot | unavailable (handoff states live in #handoff)
  #unread = 0;
  #greeted = false;
  #greeting = Promise.resolve();
  #catchingUp = Promise.resolve(); // a tab taking over brings its core to the last committed state first
  #emotion = null;
  #memory = null;
  #unsubscribe = [];
  #handoff = null;
  #typingTimer = 0;
  #typingDone = null;
  #csatShown = false;
  #turnRecords = []; // per bot turn, for the review page (review-share.js); texts redacted only when they leave
  #csatPending = false; // a rating card is on screen, not yet answered
  #seq = 0;
  #identity = null;     // {name, email, userId, hash} from settings.visitor / identify()
  #country = null;      // for local crisis resources
  #coreCountry = false; // the core chooses crisis resources by country (else the widget filters the pack's)
  #crisisHeard = false; // a crisis was heard in this conversation: the handoff's priority
  #crisisShown = null;  // the crisis lines last shown (the turn's kinds): what the agent is told the visitor saw
  #lastTurn = null;     // the bot's last turn: its affect goes with a handoff the visitor asks for
  #stored = [];         // what `persist` keeps: the messages with their text redacted
  #saving = Promise.resolve();
  #review = null;       // the local review store (review: 'local'), loaded with the first record
  #reviewId = null;     // this conversation's id in it
  // Pace and tabs (pace.js, tabs.js): visitor messages wait as `pending` bubbles until the turn
  // that answers them starts; one tab (the leader) answers for all tabs of a persisted conversation.
  #pace = null;
  #tabs = null;
  #pending = new Map();  // id -> {m, li}: shown, not yet in the conversation
  #waiters = new Map();  // visitor message id -> resolve, called when a bot message answers it
  #asked = new Set();    // leader: ids queued or answered, so a resent message is answered once
  #known = { ...EMPTY }; // the latest committed conversation (state, seq, chips) this tab knows
  #engineSeq = 0;        // the `seq` of the state this tab's core is at
  #shownChips = [];
  #waitSeconds = 0;
  #generation = 0;       // a new conversation (reset) makes older pending saves moot
  #running = false; // set up by connectedCallback, until a real removal tears it down

  constructor() {
    super();
    // The loader may have set `config` before this class existed: re-apply it
    // through the setter (the usual custom-element "upgrade property" step).
    if (Object.hasOwn(this, 'config')) {
      const c = this.config;
      delete this.config;
      this.#config = c;
    }
    // The loader already attached a shadow root holding the launcher: adopt it.
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
  }

  /** The parsed settings (see config.js); set before connecting. */
  get config() {
    return this.#config;
  }
  set config(value) {
    this.#config = value;
  }

  connectedCallback() {
    if (this.#running) return; // moved within the page: the conversation never stopped
    this.#running = true;
    if (!this.#config) {
      const attrs = {};
      // Global HTML attributes (class, id, dir, aria-*, ...) are not settings.
      for (const a of this.attributes) if (!GLOBAL_ATTRS.test(a.name)) attrs[a.name] = a.value;
      const { config, warnings } = parseConfig(undefined, attrs, {
        documentLang: document.documentElement.lang,
        languages: navigator.languages,
      });
      for (const w of warnings) console.warn('Attune: ' + w);
      if (!attrs['base-url']) {
        config.baseUrl = HERE;
        if (!attrs.pack) config.pack = HERE + 'packs/ecommerce.{lang}.json';
      }
      this.#config = config;
    }
    const c = this.#config;
    if (!this.hasAttribute('position')) this.setAttribute('position', c.position);
    if (!this.hasAttribute('theme')) this.setAttribute('theme', c.theme);
    styles ||= sheet(LAUNCHER_CSS + PANEL_CSS);
    this.#root.adoptedStyleSheets = [styles];
    if (!this.#ui.panel) this.#build(); // connected again after a move: keep the DOM
    const key = location.host + (typeof c.pack === 'string' ? c.pack : c.pack.id ?? 'inline');
    this.#memory = createMemory({
      mode: c.persist,
      ttlMinutes: c.persistTtlMinutes,
      key,
      storage: c.persist === 'local' ? safeStorage('localStorage') : safeStorage('sessionStorage'),
    });
    this.#tabs = createTabs({ enabled: this.#memory.enabled, name: key, BroadcastChannel: globalThis.BroadcastChannel, locks: navigator.locks });
    this.#unsubscribe.push(this.#tabs.subscribe((m) => this.#onRemote(m)));
    this.#pace = createPace({ answer: (batch) => this.#turn(batch), onWait: (s) => this.#wait(s, true), maxQueued: 4 * MAX_QUEUED });
    let reopen = false;
    if (!this.#messages.length) {
      const saved = this.#memory.load();
      for (const m of saved.messages) this.#stored.push(this.#append(m, { remote: true }));
      const { messages, ...place } = saved;
      this.#known = place;
      this.#chips(saved.chips);
      reopen = saved.open;
    }
    // A new tab asks the tab that answers for the conversation so far (tabs.js).
    this.#tabs.post({ type: 'hello' });
    this.#identity = cleanIdentity(c.visitor);
    this.#country = visitorCountry(c.country, navigator.languages);
    this.#greeted = this.#messages.length > 0;
    this.setLocale(c.locale);
    if (this.hasAttribute('inline') || c.open || reopen) this.open({ remote: reopen && !c.open });
    else if (c.preload === 'idle') {
      const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1000));
      idle(() => this.#start(), { timeout: 5000 });
    }
  }

  disconnectedCallback() {
    // A move (removed and appended again in one go, as page frameworks do)
    // keeps the core, the conversation and a person on the line; only a
    // removal still in place when this script's microtasks run tears down.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  #teardown() {
    this.#running = false;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#pace?.close();
    this.#tabs?.close();
    this.#wait(0);
    this.#emotion?.dispose();
    this.#emotion = null;
    this.#handoff?.dispose();
    this.#handoff = null;
    this.#engine?.dispose();
    this.#engine = null;
    this.#packs.clear();
    this.#packLoads.clear();
    this.#languagesLoading = false;
    this.#starting = null;
    this.#mode = 'idle';
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'locale' && value && value !== old && this.isConnected) this.setLocale(value);
  }

  // ---- public API -------------------------------------------------------

  get isOpen() {
    return !this.#ui.panel?.hidden;
  }

  /** Opens the panel (and, when the conversation is persisted, in the site's other tabs). */
  open({ remote = false } = {}) {
    const { panel, launcher, input } = this.#ui;
    if (!panel || !panel.hidden) return;
    panel.hidden = false;
    if (!remote) this.#panelMoved(true);
    launcher?.setAttribute('aria-expanded', 'true');
    this.#setUnread(0);
    // Reading scrollHeight now would force the whole panel's first layout
    // inside the click; in the next frame it shares the layout that frame
    // does anyway.
    requestAnimationFrame(() => this.#scroll());
    input.focus();
    this.#emit('open', {});
    this.#start().then(() => {
      this.#startEmotion('open');
      return this.#greet();
    }).then(() => this.#loadLanguages());
  }

  close({ remote = false } = {}) {
    const { panel, launcher } = this.#ui;
    if (!panel || panel.hidden || this.hasAttribute('inline')) return;
    panel.hidden = true;
    if (!remote) this.#panelMoved(false);
    launcher?.setAttribute('aria-expanded', 'false');
    launcher?.focus();
    this.#emit('close', {});
  }

  toggle() {
    this.isOpen ? this.close() : this.open();
  }

  /**
   * Sends `text` as the visitor; resolves when the answer (bot) or hand-over (agent) is done.
   * A message over the relay's limit is refused before it is shown (never shown as sent, then failed).
   * Messages sent while the bot answers are answered together in its next turn (pace.js); one the
   * core refuses for pace waits, with a countdown, and goes by itself.
   */
  async send(text) {
    const clean = String(text ?? '').trim();
    if (!clean) return;
    if (clean.length > MAX_MESSAGE_LENGTH) {
      this.#append({ from: 'system', text: format(this.#t.tooLong, { count: clean.length, max: MAX_MESSAGE_LENGTH }) });
      return;
    }
    // The greeting comes first even when send() is the first call (e.g. queued before load).
    if (!this.#engine) await this.#start();
    await this.#greet();
    this.#clearChips();
    if (this.#handoff?.active || !this.#engine) {
      this.#append({ from: 'user', text: clean });
      if (this.#handoff?.active) await this.#handoff.visitorSaid(clean, await this.#suggest(clean));
      return;
    }
    // Typed instead of pressing a button: "yes" consents, "no thanks" declines (the bot answers
    // it, see below). Read by the core's own words. Anything else ("what do I do now?") goes to
    // the bot and the card stays, under the answer: a question is not a no (a fraud or a crisis
    // reported, then a question typed, lost the person the visitor had been offered).
    let keepConsent = false;
    if (this.#handoff?.state === 'consent') {
      const said = await this.#engine.contextReply(clean).catch(() => '');
      if (said === 'yes' && this.#handoff.state === 'consent') {
        this.#handoff.acceptTyped(this.#append({ from: 'user', text: clean }));
        return;
      }
      if (said === 'no') this.#handoff.cancelConsent();
      else keepConsent = true;
    }
    // A script past the waiting room's size waits for room: nothing is dropped (the composer keeps
    // the text in the box instead, see #build).
    while (this.#pending.size >= MAX_QUEUED && this.#running) await new Promise((r) => setTimeout(r, 250));
    const m = this.#append({ from: 'user', text: clean }, { pending: true });
    const answered = new Promise((resolve) => this.#waiters.set(m.id, resolve));
    this.#ask(m);
    await answered;
    if (keepConsent) this.#handoff.consentLast();
    this.#startEmotion('message');
    this.#loadLanguages();
  }

  /** A visitor message to the bot: queued here when this tab answers, else sent to the tab that does. */
  #ask(m) {
    const message = { id: m.id, from: 'user', text: m.text, time: m.time, tab: this.#tabs.id, ...(m.logged ? { logged: true } : {}) };
    if (this.#tabs.leader) this.#enqueue(message);
    else this.#tabs.post({ type: 'say', message });
  }

  #enqueue(message) {
    if (this.#asked.has(message.id)) return; // resent after a change of leader: answered once
    this.#asked.add(message.id);
    this.#pace.add(message);
  }

  /**
   * The leader answers one turn: `batch` is one or more visitor messages, oldest first, answered
   * as one (they were sent while the bot was typing). Resolves {retryAfterMs} when the core refused
   * it for pace (nothing answered, the messages stay pending).
   */
  async #turn(batch) {
    await this.#greeting;
    // Typed the moment this tab took over: answered by the core once it has the conversation
    // (answered before, the bot had forgotten the order number given in the closed tab).
    await this.#catchingUp;
    if (!this.#engine || this.#handoff?.active) return this.#answered(batch.map((m) => m.id));
    const text = batch.map((m) => m.text).join('\n');
    await this.#loadLanguageOf(text);
    const emotions = await this.#emotion?.infer(text);
    let turn;
    try {
      turn = await this.#engine.respond(text, emotions ? { emotions } : {});
    } catch (err) {
      return this.#fail(err);
    }
    if (turn.limit?.code === 'rate_limited') return { retryAfterMs: Math.max(1, Number(turn.limit.retry_after_ms) || 1000) };
    // The bot switched because the visitor wrote another language: the UI follows.
    if (turn.reply_language && this.#packs.has(turn.reply_language)) this.#pack = this.#packs.get(turn.reply_language);
    if (turn.language_switched && matchLocale(turn.language_switched) && turn.language_switched !== this.#config.locale) {
      await this.#setStrings(matchLocale(turn.language_switched));
    }
    // The review's records (local: privacy mode; relay: shared at rating with consent).
    if (this.#config.review === 'local') this.#recordReview(text, turn);
    if (Number.isInteger(turn.turn)) this.#turnRecords.push(turnRecord(turn, text));
    // Admitted: the messages enter the conversation, in this order, in every tab.
    this.#commit(batch.filter((m) => !m.logged).map((m) => this.#enter(m)));
    this.#tabs.post({ type: 'typing' });
    await this.#botAnswer(turn, batch.map((m) => m.id), batch.at(-1).tab ?? this.#tabs.id);
  }

  /** The bot's answer to a turn the core took: `ids` are the visitor messages it answers. */
  async #botAnswer(turn, ids = [], origin = this.#tabs.id) {
    const crisis = isCrisis(turn);
    if (crisis) this.#crisisHeard = true;
    this.#lastTurn = turn;
    let reply = turn.reply;
    let offer = null;
    let stored = null;
    const generation = this.#generation;
    if (turn.handoff) {
      // Before the bot promises a person, find out whether one can come; if not, it says so
      // instead (the core's handoff reply would promise one).
      const wait = this.#typing(this.#t.bot, 900);
      const flow = await this.#handoffFlow();
      offer = await flow.check(turn);
      if (offer.kind !== 'person') reply = flow.honestReply(offer, turn, crisis);
      await wait;
    } else {
      // The state saved and the reply redacted while the bot "types", so the answer is stored
      // the moment it shows: a reload right after it must not lose it.
      stored = this.#storedReply(reply);
      await this.#typing(this.#t.bot, Math.min(300 + turn.reply.length * 4, 900));
    }
    stored ??= this.#storedReply(reply);
    const { state, text } = await stored;
    await this.#saving; // the visitor's messages before it, in order
    const bot = this.#append({ from: 'bot', text: reply, turn, inReplyTo: ids }, { remote: true });
    this.#chips(offer && offer.kind !== 'person' ? [] : turn.quick_replies);
    this.#known = { ...this.#known, state, seq: this.#known.seq + 1, chips: this.#shownChips };
    this.#engineSeq = this.#known.seq;
    if (text !== null && generation === this.#generation) this.#store([{ ...bot, text }], { turn, offer, origin });
    this.#answered(ids);
    this.#afterTurn(turn, offer, origin === this.#tabs.id);
  }

  /** What follows a bot turn in the tab it belongs to: crisis card (every tab), offer, rating. */
  async #afterTurn(turn, offer, mine) {
    if (isCrisis(turn)) this.#crisisCard(turn);
    if (!mine) return;
    if (offer) (await this.#handoffFlow()).present(offer, turn);
    else if (turn.intent === 'goodbye') this.#csat();
  }

  #answered(ids) {
    for (const id of ids) {
      this.#waiters.get(id)?.();
      this.#waiters.delete(id);
    }
  }

  /**
   * Asks for a person without a bot turn (the "Talk to a person" button): availability is
   * checked first, as when the core asks.
   */
  async requestPerson(team = null) {
    if (!this.#config.channel) return;
    if (!this.#engine) await this.#start();
    await this.#greet();
    const flow = await this.#handoffFlow();
    if (flow.active || flow.state === 'consent') return;
    const last = this.#lastTurn ?? {};
    const turn = { reasons: [{ name: 'human_request', weight: 1, evidence: '' }], distress: last.distress, valence: last.valence,
      emotions: last.emotions, intent: last.intent, ...(team ? { team } : {}) };
    this.#clearChips();
    const offer = await flow.check(turn);
    if (offer.kind !== 'person') this.#append({ from: 'bot', text: flow.honestReply(offer, turn, false) });
    flow.present(offer, turn);
  }

  /**
   * Who the visitor is, from the host page (e.g. after sign-in): {name, email, userId, hash}.
   * Sent with a handoff as `identity` (hash: the site's HMAC, checked by the relay) and fills
   * {name} in the pack's replies.
   */
  identify(visitor) {
    const next = cleanIdentity({ ...(this.#identity ?? {}), ...(visitor ?? {}) });
    this.#identity = next;
    if (next?.name) this.#engine?.setVariable('name', next.name).catch(() => {});
    return next;
  }

  /** Forgets the conversation (here, in storage and in the other tabs) and starts again. */
  reset({ remote = false } = {}) {
    this.#handoff?.dispose();
    this.#handoff = null;
    this.#messages = [];
    this.#stored = [];
    this.#crisisHeard = false;
    this.#crisisShown = null;
    this.#lastTurn = null;
    this.#reviewId = null; // the next message starts a new conversation in the local review
    this.#ui.log.replaceChildren();
    this.#clearChips();
    this.#csatShown = false;
    this.#csatPending = false;
    this.#turnRecords = [];
    this.#generation++;
    this.#pace.clear();
    this.#pending.clear();
    this.#asked.clear();
    this.#answered([...this.#waiters.keys()]);
    this.#known = { ...EMPTY };
    this.#engineSeq = 0;
    this.#engine?.reset().catch((err) => this.#fail(err));
    if (!remote) {
      this.#memory.clear();
      this.#tabs.post({ type: 'reset' });
    }
    // The tab that answers greets, in every tab; the others only listen.
    this.#greeted = !this.#tabs.leader;
    this.#announce(this.#t.newConversation);
    if (this.#engine && this.#tabs.leader) this.#greet();
  }

  /**
   * Switches the UI language (en, es, fr, de, pt, ar) and, when the pack set has that language,
   * the bot's too (its pack is loaded if needed); the conversation goes on.
   */
  async setLocale(locale) {
    const { config } = parseConfig({ locale }, {}, {});
    const l = config.locale;
    await this.#setStrings(l);
    if (this.#engine && this.#set?.[l]) await this.#botLanguage(l);
  }

  /** The UI strings, direction and lang of `l`. */
  async #setStrings(l) {
    this.#t = await loadStrings(l);
    this.#config.locale = l;
    this.setAttribute('dir', isRtl(l) ? 'rtl' : 'ltr');
    this.#ui.panel.lang = l;
    this.#label();
  }

  /** Listens to an Attune event ("message", "handoff", ...); returns a function that stops listening. */
  on(event, fn) {
    const h = (e) => fn(e.detail, e);
    this.addEventListener(PREFIX + event, h);
    return () => this.removeEventListener(PREFIX + event, h);
  }

  /** The conversation as plain text lines, for a download or a support ticket. */
  transcript() {
    const fmt = new Intl.DateTimeFormat(this.#config.locale, { dateStyle: 'short', timeStyle: 'short' });
    return this.#messages
      .map((m) => `[${fmt.format(m.time)}] ${this.#who(m)}: ${plainText(m.text)}`)
      .join('\n');
  }

  // ---- loading ------------------------------------------------------------

  #start() {
    return (this.#starting ||= this.#load());
  }

  async #load() {
    const c = this.#config;
    this.#mode = 'loading';
    this.#ui.status.textContent = this.#t.loading;
    // The first Intl formatter in a page initialises ICU (15-30 ms): pay it
    // while idle, not inside the visitor's first click or message.
    (window.requestIdleCallback || setTimeout)(() => clock(this.#config.locale));
    let first = null; // the pack set's language loaded first
    try {
      // A pack set starts with the page locale's pack (the greeting in that language); the
      // others come in idle time after the chat opens (#loadLanguages).
      this.#set = packSet(c);
      first = this.#set ? firstPackLanguage(Object.keys(this.#set), c.locale) : null;
      let text;
      if (!this.#set) text = await packText(c.pack);
      // A language of the set that cannot be fetched is left out, and the next one tried.
      while (this.#set && text === undefined) {
        try {
          text = await packText(this.#set[first]);
        } catch (err) {
          delete this.#set[first];
          const rest = Object.keys(this.#set);
          if (!rest.length) throw err;
          console.warn(`Attune: ${err.message}; trying the "${firstPackLanguage(rest, c.locale)}" pack`);
          first = firstPackLanguage(rest, c.locale);
        }
      }
      this.#engine = await startCore(new URL(c.baseUrl || HERE, document.baseURI).href, text);
      this.#pack = JSON.parse(text);
      this.#packs.set(first ?? this.#pack.language ?? 'en', this.#pack);
    } catch (err) {
      this.#unavailable(err);
      return;
    }
    // setLocale() while loading: answer in that language from the start.
    if (this.#set?.[c.locale] && !this.#packs.has(c.locale)) await this.#botLanguage(c.locale);
    // A restored conversation: the core picks up where it was (a flow's question, rising distress).
    if (this.#messages.length) await this.#syncEngine();
    // A core that takes the country chooses the turn's crisis_resources for it; an older one lists them all.
    this.#coreCountry = this.#country ? await this.#engine.setCountry(this.#country).catch(() => false) : false;
    if (this.#identity?.name) await this.#engine.setVariable('name', this.#identity.name).catch(() => {});
    this.#mode = 'bot';
    // One tab answers for all tabs of a persisted conversation (tabs.js); alone, this one.
    await this.#tabs.lead(() => this.#takeOver());
    this.#label();
    this.#emit('ready', { pack: this.#pack.id, locale: c.locale });
    // A person was (being) reached on the previous page of this tab: reconnect.
    if (c.channel && handoffWasActive()) (await this.#handoffFlow()).resume();
  }

  /** Adds `lang` of the pack set to the core, once; resolves true when the core holds it. */
  #addLanguage(lang) {
    if (this.#packs.has(lang)) return Promise.resolve(true);
    if (!this.#set?.[lang] || !this.#engine) return Promise.resolve(false);
    if (!this.#packLoads.has(lang)) {
      const engine = this.#engine;
      this.#packLoads.set(lang, (async () => {
        const text = await packText(this.#set[lang]);
        if ((await engine.addPack(text)) === null) return false; // a core without languages
        this.#packs.set(lang, JSON.parse(text));
        return true;
      })().catch((err) => {
        console.warn(`Attune: the "${lang}" pack was not loaded (${err.code ?? 'error'}: ${err.message})`);
        return false;
      }));
    }
    return this.#packLoads.get(lang);
  }

  /** The bot answers in `lang` from now on (its pack loaded first); false when the set has no such pack. */
  async #botLanguage(lang) {
    if (!(await this.#addLanguage(lang))) return false;
    try {
      await this.#engine.setLanguage(lang);
    } catch (err) {
      console.warn(`Attune: could not switch the bot to "${lang}" (${err.code}: ${err.message})`);
      return false;
    }
    this.#pack = this.#packs.get(lang);
    this.#label();
    return true;
  }

  /** The pack set's other languages, one at a time in idle time, so a visitor may write in any. */
  #loadLanguages() {
    if (!this.#set || this.#mode !== 'bot' || this.#languagesLoading) return;
    this.#languagesLoading = true;
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
    const next = () => {
      const lang = Object.keys(this.#set ?? {}).find((l) => !this.#packs.has(l) && !this.#packLoads.has(l));
      if (lang && this.#engine) this.#addLanguage(lang).then(() => idle(next, { timeout: 3000 }));
    };
    idle(next, { timeout: 3000 });
  }

  /**
   * Brings this tab's core to the latest committed state it knows: the core's saved state when
   * it can restore one, else the visitor's messages to the bot answered again, silently.
   */
  async #syncEngine() {
    const { state, seq } = this.#known;
    // A pack set: the language the conversation had reached is loaded first, so its state fits.
    if (this.#set) await this.#loadSaidLanguages(state);
    let restored = false;
    if (state) {
      restored = await this.#engine.restoreState(state).catch((err) => {
        console.warn('Attune: the saved conversation state was not restored (' + err.message + '); replaying the messages');
        return false;
      });
    }
    if (!restored) {
      await this.#engine.reset().catch(() => {});
      const agentFrom = this.#messages.findIndex((m) => m.from === 'agent');
      const said = this.#messages.slice(0, agentFrom < 0 ? undefined : agentFrom).filter((m) => m.from === 'user');
      if (said.length) {
        await this.#engine.replay(said.map((m) => m.text)).catch((err) => console.warn('Attune: could not restore the conversation state: ' + err.message));
      }
    }
    this.#engineSeq = seq;
    if (this.#set) await this.#followBotLanguage();
  }

  /** The pack set's languages a restored conversation needs: the saved state's, else the visitor's. */
  async #loadSaidLanguages(state) {
    let lang = null;
    try {
      lang = state ? JSON.parse(state).language : null;
    } catch {
      lang = null; // unreadable: restoreState refuses it and the messages are replayed
    }
    if (typeof lang === 'string' && this.#set[lang]) return void (await this.#addLanguage(lang));
    for (const m of this.#messages) {
      if (m.from !== 'user') continue;
      const l = await this.#engine.messageLanguage(m.text).catch(() => '');
      if (l && this.#set[l]) await this.#addLanguage(l);
    }
  }

  /** The bot (and so the UI) goes on in the language the conversation had reached. */
  async #followBotLanguage() {
    const lang = await this.#engine.language().catch(() => null);
    if (!lang || !this.#packs.has(lang) || this.#pack === this.#packs.get(lang)) return;
    this.#pack = this.#packs.get(lang);
    if (matchLocale(lang) && lang !== this.#config.locale) await this.#setStrings(matchLocale(lang));
  }

  /** This tab now answers (at load, or when the tab that did closed): catch up, then take what waits. */
  async #takeOver() {
    if (this.#engine && this.#engineSeq !== this.#known.seq) {
      this.#catchingUp = this.#syncEngine().catch((err) => console.warn("Attune: catching up on taking over failed: " + err.message));
      await this.#catchingUp;
    }
    this.#tabs.post({ type: 'leader' });
    for (const { m } of this.#pending.values()) this.#ask(m);
  }

  /**
   * The emotion model (ONNX Runtime, megabytes) starts when emotionDecision()
   * says it pays (setting `emotionModel`): by default after the first message,
   * never on the idle preload, on Save-Data, slow connections or without SIMD.
   * @param {'open'|'message'} moment
   */
  #startEmotion(moment) {
    const c = this.#config;
    if (this.#emotion || !this.#engine) return;
    if (!emotionDecision(c.emotionModel, moment, browserEnvironment()).load) return;
    this.#emotion = createEmotionClient(new URL(c.baseUrl || HERE, document.baseURI).href, (reason) =>
      this.#emit('error', { code: 'emotion_unavailable', message: reason, fatal: false }),
    );
  }

  #unavailable(err) {
    this.#mode = 'unavailable';
    console.error(`Attune: chat unavailable (${err.code ?? 'error'}): ${err.message}`);
    const { log, composer, chips, status } = this.#ui;
    status.textContent = '';
    chips.replaceChildren();
    composer.hidden = true;
    log.replaceChildren(h('li', { className: 'notice', role: 'alert' }, this.#t.unavailable));
    this.#emit('error', { code: err.code ?? 'load_failed', message: err.message, fatal: true });
  }

  #fail(err) {
    this.#unavailable(err);
  }

  /** Greets once per conversation; callers await the same promise so nothing overtakes the greeting. */
  #greet() {
    if (!this.#greeted && this.#engine) {
      this.#greeted = true;
      // The tab that answers greets, in every tab; another asks it to (it greets an empty log only).
      if (this.#tabs.leader) this.#greeting = this.#sayHello();
      else this.#tabs.post({ type: 'greet' });
    }
    return this.#greeting;
  }

  async #sayHello() {
    let turn;
    try {
      turn = await this.#engine.greet();
    } catch (err) {
      return this.#fail(err);
    }
    const bot = this.#append({ from: 'bot', text: turn.reply, turn }, { quiet: true, remote: true });
    this.#chips(turn.quick_replies);
    this.#known = { ...this.#known, state: await this.#savedState(), seq: this.#known.seq + 1, chips: this.#shownChips };
    this.#engineSeq = this.#known.seq;
    this.#commit([bot], { turn });
  }

  // ---- rendering ----------------------------------------------------------

  #build() {
    const root = this.#root;
    const ui = this.#ui;
    ui.launcher = this.hasAttribute('inline') ? null : root.querySelector('.launcher') ?? drawLauncher(root, { label: '', icon: this.#config.launcherIcon });
    ui.launcher?.addEventListener('click', () => this.toggle());
    ui.launcher?.setAttribute('aria-controls', 'attune-panel');
    ui.title = h('h2', { id: 'attune-title' });
    ui.status = h('div', { className: 'status' });
    ui.download = h('button', { type: 'button', className: 'icon', onclick: () => this.#download() }, icon('download'));
    ui.resetBtn = h('button', { type: 'button', className: 'icon', onclick: () => this.reset() }, icon('reset'));
    // The visitor chooses a person at any time (only where a channel exists; availability is checked on click).
    ui.personBtn = this.#config.channel ? h('button', { type: 'button', className: 'icon person', onclick: () => this.requestPerson() }, icon('person')) : null;
    ui.closeBtn = h('button', { type: 'button', className: 'icon', onclick: () => this.close() }, icon('close'));
    ui.log = h('ol', { className: 'log', part: 'log', tabIndex: 0 });
    ui.chips = h('div', { className: 'chips', part: 'quick-replies', role: 'group' });
    ui.input = h('textarea', { id: 'attune-input', rows: 1, enterKeyHint: 'send', dir: 'auto' });
    ui.inputLabel = h('label', { className: 'sr', htmlFor: 'attune-input' });
    ui.sendBtn = h('button', { type: 'submit', className: 'icon send' }, icon('send'));
    ui.count = h('div', { className: 'count', id: 'attune-count', hidden: true });
    ui.wait = h('div', { className: 'wait', id: 'attune-wait', hidden: true });
    ui.composer = h('form', { className: 'composer', part: 'composer' }, ui.inputLabel, ui.input, ui.sendBtn, ui.count, ui.wait);
    ui.live = h('div', { className: 'sr', role: 'status', 'aria-live': 'polite' });
    ui.panel = h(
      'div',
      { id: 'attune-panel', className: 'panel', part: 'panel', role: 'dialog', 'aria-labelledby': 'attune-title', hidden: true },
      h('div', { className: 'head', part: 'header' }, h('div', { className: 'who' }, ui.title, ui.status), ui.personBtn ?? '', ui.download, ui.resetBtn, this.hasAttribute('inline') ? '' : ui.closeBtn),
      ui.log,
      ui.chips,
      ui.composer,
      ui.live,
    );
    root.append(ui.panel);

    ui.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = ui.input.value;
      // Over the limit: the text stays in the box, with the count saying why.
      if (text.trim().length > MAX_MESSAGE_LENGTH) {
        this.#count();
        ui.input.focus();
        return;
      }
      // As many messages wait as can: this one stays in the box until some have gone.
      if (this.#pending.size >= MAX_QUEUED) {
        ui.input.focus();
        return;
      }
      ui.input.value = '';
      this.#count();
      this.send(text);
    });
    ui.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        ui.composer.requestSubmit();
      }
    });
    ui.input.addEventListener('input', () => {
      this.#handoff?.visitorTyping();
      this.#count();
    });
    ui.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close();
      }
    });
  }

  /** The character count near the relay's limit; over it, the send button is disabled. */
  #count() {
    const { input, count, sendBtn } = this.#ui;
    const c = inputCount(input.value.trim().length, MAX_MESSAGE_LENGTH);
    count.hidden = !c;
    count.classList.toggle('over', !!c?.over);
    sendBtn.disabled = !!c?.over;
    if (c) {
      const n = new Intl.NumberFormat(this.#config.locale);
      count.textContent = format(this.#t.charCount, { count: n.format(c.used), max: n.format(c.max) });
      input.setAttribute('aria-describedby', 'attune-count');
    } else input.removeAttribute('aria-describedby');
    input.setAttribute('aria-invalid', String(!!c?.over));
  }

  /** (Re)writes every UI string: called on load and on setLocale(). */
  #label() {
    const t = this.#t;
    const ui = this.#ui;
    ui.title.textContent = this.#config.title || this.#pack?.name || t.title;
    ui.status.textContent = this.#handoff?.agentName ?? (this.#mode === 'loading' ? t.loading : t.status);
    ui.log.setAttribute('aria-label', t.log);
    ui.chips.setAttribute('aria-label', t.quickReplies);
    ui.inputLabel.textContent = t.inputLabel;
    ui.input.placeholder = t.placeholder;
    for (const [b, k] of [[ui.download, 'menuDownload'], [ui.resetBtn, 'menuReset'], [ui.closeBtn, 'close'], [ui.sendBtn, 'send'], [ui.personBtn, 'talkToPerson']]) {
      if (!b) continue;
      b.setAttribute('aria-label', t[k]);
      b.title = t[k];
    }
    // The times already shown too: after setLocale('es') a log read "3:05 PM" above "15:07".
    for (const el of ui.log.querySelectorAll('time.meta')) el.textContent = clock(this.#config.locale).format(new Date(el.dateTime));
    if (ui.launcher) {
      const label = this.#config.launcherLabel || t.launcher;
      ui.launcher.querySelector('.label').textContent = label;
      ui.launcher.setAttribute('aria-label', this.#unread ? `${label}, ${format(t.unread, { count: this.#unread })}` : label);
    }
  }

  #who(m) {
    return m.from === 'user' ? this.#t.you : m.from === 'agent' ? m.name || this.#t.agent : m.from === 'bot' ? this.#t.bot : '';
  }

  /** Adds a message to the log, storage, other tabs and listeners. */
  // `pending`: a visitor message waiting for its turn (pace.js), drawn faded after everything
  // else until #enter() puts it in the conversation; other messages go before pending ones.
  #append(msg, { remote = false, quiet = false, pending = false } = {}) {
    // The tab's id in the message id: two tabs of one conversation never make the same one.
    const id = msg.id ?? `${this.#tabs?.id.slice(0, 8) ?? 'x'}-${Date.now().toString(36)}-${this.#seq++}`;
    const m = { id, from: msg.from, text: String(msg.text), time: msg.time ?? Date.now() };
    if (msg.name) m.name = msg.name;
    if (msg.inReplyTo?.length) m.inReplyTo = msg.inReplyTo;
    // A visitor message does not stop the bot's typing: the bot is still answering the one before.
    if (m.from !== 'user') this.#clearTyping();
    const time = new Date(m.time);
    // dir=auto: an English reply on an Arabic page (or Arabic typed on an English one) reads its own way.
    const bubble = h('div', { className: 'bubble', part: 'bubble', dir: 'auto' });
    renderMessage(m.text, bubble);
    const label = this.#who(m);
    const li = h('li', { className: 'msg ' + m.from + (pending ? ' pending' : ''), part: 'message' },
      label && m.from !== 'user' ? h('span', { className: 'sr' }, label + ': ') : '',
      bubble,
      m.from === 'system' ? '' : h('time', { className: 'meta', dateTime: time.toISOString() },
        clock(this.#config.locale).format(time)));
    if (pending) {
      this.#pending.set(m.id, { m, li });
      this.#ui.log.append(li);
    } else {
      this.#messages.push(m);
      this.#ui.log.insertBefore(li, this.#firstPending());
    }
    this.#scroll();
    if (!remote && !pending) this.#persist(m); // a pending message is stored when its turn commits
    if (m.from !== 'user') {
      this.#announce(label ? `${label}: ${plainText(m.text)}` : plainText(m.text));
      if (!this.isOpen && !quiet) this.#setUnread(this.#unread + 1);
    }
    this.#emit('message', { ...m, ...(msg.turn ? { turn: msg.turn } : {}) });
    return m;
  }

  #firstPending() {
    for (const { li } of this.#pending.values()) if (li.isConnected) return li;
    return null;
  }

  /** A message enters the conversation: its pending bubble takes its place, or it is added. */
  #enter(msg) {
    const p = this.#pending.get(msg.id);
    if (p) {
      this.#pending.delete(msg.id);
      p.li.classList.remove('pending');
      const anchor = this.#firstPending();
      if (anchor && p.li.isConnected) this.#ui.log.insertBefore(p.li, anchor);
      this.#messages.push(p.m);
      return p.m;
    }
    return this.#messages.find((x) => x.id === msg.id) ?? this.#append(msg, { remote: true });
  }

  /**
   * The leader's commit: `messages` (already in the log) are stored with their text redacted and
   * sent to the other tabs, with the conversation's state (#known) and what the turn showed.
   */
  #commit(messages, { turn, offer, origin } = {}) {
    if (!this.#memory?.enabled) return;
    const known = this.#known;
    const generation = this.#generation;
    this.#saving = this.#saving.then(async () => {
      const safe = await this.#redacted(messages);
      if (generation !== this.#generation) return; // reset meanwhile
      this.#store(safe, { turn, offer, origin }, known);
    });
  }

  /** Stores `safe` (messages already redacted) with the conversation's state, and tells the other tabs. */
  #store(safe, { turn, offer, origin } = {}, known = this.#known) {
    if (!this.#memory?.enabled) return;
    this.#stored.push(...safe);
    this.#save();
    this.#tabs.post({ type: 'turn', messages: safe, chips: known.chips, state: known.state, seq: known.seq,
      ...(turn ? { turn, offer: offer ?? null, origin } : {}) });
  }

  /**
   * What storing the bot's `reply` needs, asked of the core before the reply shows: the saved
   * state and the reply's text redacted ({state: null, text: null} when nothing is stored, or
   * when redaction fails: then the reply is not stored at all).
   */
  async #storedReply(reply) {
    if (!this.#memory?.enabled) return { state: null, text: null };
    const [state, safe] = await Promise.all([this.#savedState(), this.#redacted([{ text: reply }])]);
    return { state, text: safe.length ? safe[0].text : null };
  }

  /**
   * Privacy mode's review (review: 'local'): the turn's record, its text redacted by the core, kept in this browser's localStorage (review-store.js); nothing is sent. In
   * order with the other storage writes; if redaction fails the record is not kept.
   */
  #recordReview(text, turn) {
    this.#reviewId ??= `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const id = this.#reviewId;
    const meta = { pack: this.#pack?.id ?? null, language: turn.reply_language ?? turn.language ?? null };
    this.#saving = this.#saving.then(async () => {
      try {
        const [redacted] = await this.#engine.redact([text]);
        const { createReviewStore, turnRecord } = await import('./review-store.js');
        this.#review ??= createReviewStore({ storage: safeStorage('localStorage'), ttlDays: this.#config.reviewTtlDays });
        this.#review.record(id, meta, turnRecord(turn, redacted));
      } catch (err) {
        console.warn('Attune: a review record was not kept: ' + (err?.message ?? err));
      }
    });
  }

  /**
   * The core's saved state with every string in it redacted by the core (its transcript holds what
   * the visitor typed: a card number must not reach storage or another tab through it); null when
   * persistence is off, the core cannot save, or redaction fails.
   */
  async #savedState() {
    if (!this.#memory?.enabled) return null;
    try {
      const state = await this.#engine.saveState();
      if (typeof state !== 'string') return null;
      const data = JSON.parse(state);
      const slots = [];
      (function walk(v) {
        if (!v || typeof v !== 'object') return;
        for (const k of Object.keys(v)) typeof v[k] === 'string' ? slots.push([v, k]) : walk(v[k]);
      })(data);
      const texts = slots.length ? await this.#engine.redact(slots.map(([o, k]) => o[k])) : [];
      slots.forEach(([o, k], i) => (o[k] = texts[i]));
      return JSON.stringify(data);
    } catch (err) {
      console.warn('Attune: the conversation state was not kept (' + (err?.message ?? err) + ')');
      return null;
    }
  }

  /** `messages` with their text redacted by the core; [] when redaction fails (nothing is stored then). */
  async #redacted(messages) {
    if (!messages.length) return [];
    try {
      if (!this.#engine) throw new Error('the core is not loaded');
      const texts = await this.#engine.redact(messages.map((m) => m.text));
      return messages.map((m, i) => ({ ...m, text: texts[i] }));
    } catch (err) {
      console.warn('Attune: messages were not stored (redaction failed): ' + (err?.message ?? err));
      return [];
    }
  }

  /** Writes this tab's view of the conversation to storage. */
  #save() {
    const { state, seq } = this.#known;
    this.#memory?.save({ messages: this.#stored, chips: this.#shownChips, state, seq, open: this.isOpen });
  }

  /** The panel was opened or closed here: remembered for a reload, and followed by the other tabs. */
  #panelMoved(open) {
    if (!this.#memory?.enabled) return;
    this.#save();
    this.#tabs?.post({ type: 'panel', open });
  }

  /**
   * The countdown while the core makes the visitor wait (`seconds` > 0), gone at 0. Said once to
   * screen readers, politely; the visible text counts down. The leader's is shown in every tab.
   */
  #wait(seconds, lead = false) {
    const el = this.#ui.wait;
    if (!el) return;
    const starting = seconds > 0 && !this.#waitSeconds;
    this.#waitSeconds = seconds;
    el.hidden = !seconds;
    if (seconds) el.textContent = format(this.#t.waitToSend, { seconds: new Intl.NumberFormat(this.#config.locale).format(seconds) });
    if (starting) this.#announce(el.textContent);
    if (lead) this.#tabs?.post({ type: 'wait', seconds });
  }

  /**
   * Stores (and shows in the site's other tabs) a message outside the bot's turns (the visitor and
   * a person, notices) with its text redacted by the core: card numbers and emails never reach
   * storage. In order; if redaction fails the message is not stored at all.
   */
  #persist(m) {
    if (!this.#memory?.enabled) return;
    const generation = this.#generation;
    this.#saving = this.#saving.then(async () => {
      const safe = await this.#redacted([m]);
      if (!safe.length || generation !== this.#generation) return; // reset meanwhile
      this.#stored.push(safe[0]);
      this.#save();
      this.#tabs.post({ type: 'message', message: safe[0] });
    });
  }

  /** Messages from the site's other tabs (tabs.js has the protocol). */
  #onRemote(msg) {
    switch (msg.type) {
      case 'message': // outside bot turns: shown wherever it was not yet
        if (!msg.message || this.#messages.some((m) => m.id === msg.message.id)) return;
        this.#append(msg.message, { remote: true });
        this.#stored.push(msg.message);
        this.#greeted = true;
        return this.#save();
      case 'turn': { // the leader committed: every tab shows the same log
        const messages = Array.isArray(msg.messages) ? msg.messages : [];
        for (const m of messages) {
          if (this.#stored.some((x) => x.id === m.id)) continue;
          this.#enter(m);
          this.#stored.push(m);
        }
        this.#greeted = true;
        if (messages.some((m) => m.from === 'bot')) {
          this.#clearTyping();
          this.#chips(msg.chips);
        }
        if (msg.seq > this.#known.seq) this.#known = { ...this.#known, state: msg.state ?? null, seq: msg.seq, chips: msg.chips ?? [] };
        this.#save();
        for (const m of messages) if (m.inReplyTo) this.#answered(m.inReplyTo);
        if (msg.turn) this.#afterTurn(msg.turn, msg.offer, msg.origin === this.#tabs.id);
        return;
      }
      case 'say': // a follower's visitor message: the leader answers it
        if (this.#tabs.leader && msg.message?.id && typeof msg.message.text === 'string') this.#enqueue({ ...msg.message, from: 'user' });
        return;
      case 'hello': // a new tab: the leader sends the conversation so far
        if (!this.#tabs.leader) return;
        this.#saving.then(() => this.#tabs.post({ type: 'snapshot', to: msg.from, messages: this.#stored, chips: this.#known.chips ?? this.#shownChips,
          state: this.#known.state, seq: this.#known.seq, open: this.isOpen }));
        return;
      case 'snapshot': // the conversation so far, from the leader: take what this tab lacks
        for (const m of Array.isArray(msg.messages) ? msg.messages : []) {
          if (!m || typeof m.text !== 'string' || this.#stored.some((x) => x.id === m.id)) continue;
          this.#enter(m);
          this.#stored.push(m);
        }
        if (msg.seq >= this.#known.seq) {
          this.#known = { ...this.#known, state: msg.state ?? null, seq: msg.seq, chips: msg.chips ?? [] };
          this.#chips(msg.chips);
        }
        if (this.#messages.length) this.#greeted = true;
        if (msg.open) this.open({ remote: true });
        return this.#save();
      case 'leader': // a tab took over: it has not seen what waits here
        for (const { m } of this.#pending.values()) this.#ask(m);
        return;
      case 'greet':
        if (this.#tabs.leader && !this.#messages.length) this.#greet();
        return;
      case 'typing':
        if (!this.#tabs.leader) this.#typing(this.#t.bot, 1500);
        return;
      case 'wait':
        if (!this.#tabs.leader) this.#wait(Number(msg.seconds) || 0);
        return;
      case 'panel':
        return msg.open ? this.open({ remote: true }) : this.close({ remote: true });
      case 'reset':
        return this.reset({ remote: true });
    }
  }

  #announce(text) {
    // Clear then set, so the same text twice is still announced.
    this.#ui.live.textContent = '';
    setTimeout(() => (this.#ui.live.textContent = text), 50);
  }

  #scroll() {
    const log = this.#ui.log;
    log.scrollTop = log.scrollHeight;
  }

  #setUnread(n) {
    this.#unread = n;
    const badge = this.#ui.launcher?.querySelector('.badge');
    if (badge) {
      badge.hidden = n === 0;
      badge.textContent = n > 99 ? '99+' : String(n);
    }
    this.#label();
  }

  #chips(replies = []) {
    this.#clearChips();
    this.#shownChips = Array.isArray(replies) ? replies.filter((r) => typeof r === 'string') : [];
    for (const r of this.#shownChips) {
      this.#ui.chips.append(h('button', { type: 'button', className: 'chip', dir: 'auto', onclick: () => this.send(r) }, r));
    }
  }

  #clearChips() {
    this.#shownChips = [];
    this.#ui.chips.replaceChildren();
  }

  /** Shows "<name> is typing" for `ms` (bot) or until the next message (agent). */
  #typing(name, ms) {
    this.#clearTyping();
    const li = h('li', { className: 'msg typing' },
      h('div', { className: 'bubble', role: 'img', 'aria-label': format(this.#t.typing, { name }) }, h('i'), h('i'), h('i')));
    this.#ui.typing = li;
    this.#ui.log.insertBefore(li, this.#firstPending());
    this.#scroll();
    return new Promise((resolve) => {
      this.#typingDone = resolve;
      this.#typingTimer = setTimeout(() => this.#clearTyping(), ms);
    });
  }

  // Ends the typing indicator and settles its promise: a turn waiting on it never hangs (a cleared
  // timer used to leave that turn's answer unsaid forever).
  #clearTyping() {
    clearTimeout(this.#typingTimer);
    this.#ui.typing?.remove();
    this.#ui.typing = null;
    const done = this.#typingDone;
    this.#typingDone = null;
    done?.();
  }

  /** A card in the log (consent, crisis resources, CSAT, leave a message). */
  #card(className, ...children) {
    const li = h('li', { className: 'msg card ' + className }, ...children);
    this.#ui.log.append(li);
    this.#scroll();
    return li;
  }

  /**
   * The crisis card, in every state (bot, consent, waiting for or with a person, no one
   * available): the resources for the visitor's country, as the core chose them for the turn
   * (Engine::CrisisResources: the country's own lines, else the pack's lines for everywhere).
   */
  #crisisCard(turn) {
    const resources = Array.isArray(turn?.crisis_resources) ? turn.crisis_resources : [];
    if (!resources.length) return;
    this.#crisisShown = resources;
    const list = h('ul', {}, ...resources.map((r) => h('li', {},
      r.name + ': ',
      r.phone ? h('a', { href: 'tel:' + String(r.phone).replace(/[^\d+]/g, '') }, String(r.phone)) : '',
      r.url && /^https:\/\//.test(r.url) ? [' · ', h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, r.url.replace(/^https:\/\//, ''))] : '')));
    this.#card('crisis', h('p', {}, h('strong', {}, this.#t.crisisTitle)), list);
    this.#announce(this.#t.crisisTitle + '. ' + resources.map((r) => `${r.name} ${r.phone ?? ''}`).join('. '));
  }

  #csat() {
    if (this.#csatShown) return;
    this.#csatShown = true;
    this.#csatPending = true;
    const t = this.#t;
    let score = 0;
    const comment = h('textarea', { id: 'attune-csat-comment', rows: 2 });
    const buttons = [1, 2, 3, 4, 5].map((n) => h('button', {
      type: 'button', 'aria-pressed': 'false', 'aria-label': format(t.csatScore, { score: n }),
      onclick: () => {
        score = n;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === buttons[n - 1]));
      },
    }, String(n)));
    // A conversation the bot handled alone reaches the review page only if the visitor ticks this
    // (unticked by default), and only when the site has a relay to send it to. A handed-off one is
    // rated through its relay session instead.
    const shareTo = !this.#handoff?.ratesThroughRelay && this.#turnRecords.length ? reviewUrl(this.#config.channel) : null;
    const share = shareTo ? h('input', { type: 'checkbox', id: 'attune-csat-share' }) : null;
    const card = this.#card('csat',
      h('p', { id: 'attune-csat-q' }, t.csatQuestion),
      h('div', { className: 'stars', role: 'group', 'aria-labelledby': 'attune-csat-q' }, ...buttons),
      h('label', { htmlFor: 'attune-csat-comment' }, t.csatComment), comment,
      share ? h('label', { className: 'share', htmlFor: 'attune-csat-share' }, share, ' ', t.csatShare) : '',
      h('div', { className: 'row' }, h('button', {
        type: 'button', className: 'action primary',
        onclick: () => {
          if (!score) return buttons[0].focus();
          const detail = { score, comment: comment.value.trim() };
          this.#csatPending = false;
          this.#handoff?.csat(detail);
          if (share?.checked) this.#shareReview(shareTo, detail);
          this.#emit('csat', { ...detail, shared: !!share?.checked });
          card.replaceChildren(h('p', {}, t.csatThanks));
          this.#announce(t.csatThanks);
          this.#ui.input.focus();
        },
      }, t.submit)));
  }

  async #shareReview(url, csat) {
    if (!this.#engine) return;
    const records = await redactedRecords(this.#turnRecords, (texts) => this.#engine.redact(texts)).catch(() => []);
    await shareReview({ url, records, csat, pack: this.#pack?.id, language: this.#lastTurn?.reply_language ?? null,
      startedAt: this.#messages.find((m) => m.from === 'user')?.time ?? Date.now() });
  }

  #download() {
    const blob = new Blob([this.transcript() + '\n'], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `conversation-${new Date().toISOString().slice(0, 10)}.txt` });
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- handoff --------------------------------------------------------------

  // Loaded on the first handoff only: most conversations never need it.
  async #handoffFlow() {
    const { Handoff } = await import('./handoff.js');
    return (this.#handoff ||= new Handoff({
      card: (className, ...children) => this.#card(className, ...children),
      scroll: () => this.#scroll(),
      config: this.#config,
      pack: () => this.#pack,
      strings: () => this.#t,
      redact: () => (this.#engine ? (texts, within) => this.#engine.redact(texts, within) : () => Promise.reject(new Error('the core is not loaded'))),
      engine: () => this.#engine,
      identity: () => this.#identity,
      country: () => this.#country,
      // The lines the visitor was shown (the crisis's kinds), else every line of their country.
      crisisResources: () => (this.#crisisShown ? Promise.resolve(this.#crisisShown)
        : this.#engine ? this.#engine.crisisResources(this.#coreCountry ? this.#country : null) : Promise.resolve([])),
      crisisHeard: () => this.#crisisHeard,
      maxLength: MAX_MESSAGE_LENGTH,
      messages: () => this.#messages,
      turnRecords: () => this.#turnRecords,
      append: (m) => this.#append(m),
      announce: (text) => this.#announce(text),
      // Messages that never reached a person (the relay went away): the bot answers them, in order.
      answer: async (texts) => {
        const ids = texts.map(() => `${Date.now().toString(36)}-${this.#seq++}`);
        const done = ids.map((id) => new Promise((resolve) => this.#waiters.set(id, resolve)));
        texts.forEach((text, i) => this.#ask({ id: ids[i], text, time: Date.now(), logged: true }));
        await Promise.all(done);
      },
      csatPending: () => this.#csatPending,
      typing: (name) => this.#typing(name, 5000),
      clearTyping: () => this.#clearTyping(),
      status: (text) => {
        this.#ui.status.textContent = text ?? this.#t.status;
      },
      emit: (name, detail) => this.#emit(name, detail),
      csat: () => {
        this.#csatShown = false;
        this.#csat();
      },
      focusInput: () => this.#ui.input.focus(),
    }));
  }

  /**
   * Written in a language of the set whose pack is not loaded yet: loads it first, so the core
   * can switch this turn (the core says which language, by the rule it switches with).
   */
  async #loadLanguageOf(text) {
    if (!this.#set || Object.keys(this.#set).every((l) => this.#packs.has(l))) return;
    const lang = await this.#engine.messageLanguage(text).catch(() => '');
    if (lang && this.#set[lang]) await this.#addLanguage(lang);
  }

  /**
   * Agent assist: what the bot would say, for the agent to edit (the bot itself stays silent).
   * The core judges every message in every state: a crisis while waiting for
   * or talking to a person shows the pack's crisis resources at once, and the
   * agent sees its kind.
   */
  async #suggest(text) {
    try {
      // Drafts in the visitor's language, as the bot would have answered (not the page's pack).
      await this.#loadLanguageOf(text);
      const turn = await this.#engine?.respond(text);
      if (isCrisis(turn)) {
        this.#crisisHeard = true;
        this.#crisisCard(turn);
      }
      return turn;
    } catch {
      return undefined;
    }
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(PREFIX + name, { bubbles: true, composed: true, detail }));
  }
}

// Building an Intl formatter costs far more than using one: one per locale.
const clocks = new Map();
function clock(locale) {
  if (!clocks.has(locale)) clocks.set(locale, new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }));
  return clocks.get(locale);
}

/** A pack's JSON text from its URL (relative to the page) or its object. */
function packText(source) {
  return typeof source === 'string' ? fetchText(new URL(source, document.baseURI)) : Promise.resolve(JSON.stringify(source));
}

async function fetchText(url) {
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw Object.assign(new Error(`could not fetch the pack ${url}: ${err.message}`), { code: 'pack_fetch_failed' });
  }
  if (!res.ok) throw Object.assign(new Error(`could not fetch the pack ${url}: HTTP ${res.status}`), { code: 'pack_fetch_failed' });
  return res.text();
}

function safeStorage(name) {
  try {
    return window[name];
  } catch {
    return undefined; // blocked third-party storage throws on access
  }
}
