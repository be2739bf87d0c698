// What every channel shares: events, the outbox (ordered, acknowledged, retried, persisted),
// de-duplication of incoming frames, and the session kept in sessionStorage for resume.
// Transports (websocket.js, webhook.js, custom.js) only open connections and move frames.
import { MAX_MESSAGE_LENGTH, MAX_SUGGESTIONS, MAX_SUGGESTION_LENGTH, MAX_TRANSCRIPT, MAX_AFFECT_BYTES } from './limits.js';

export { MAX_MESSAGE_LENGTH };

/** Errors that retrying cannot fix: the message is dropped and its send() promise rejects. */
const PERMANENT = new Set(['too_long', 'bad_request', 'closed', 'transcript_full', 'not_found', 'unknown_type', 'queue_full',
  'forbidden', 'bad_secret', 'unauthorized']);
const MAX_OUTBOX = 100;        // unacknowledged frames kept; beyond this send() rejects (bounded memory)
const MAX_SEEN_IDS = 500;      // incoming ids remembered for de-duplication
const TYPING_INTERVAL_MS = 1000;
const MAX_HANDOFF_BYTES = 60 * 1024; // relay: 64 KiB; left some room for the hello around it
const MAX_TEXT = MAX_MESSAGE_LENGTH;
// A relay that cannot be reached is given up on after at least `attempts` failed tries and
// `withinMs` since the connection was lost, so a visitor is never left waiting on it for good.
const RETRY = { attempts: 3, withinMs: 20000 };
const AVAILABILITY_TIMEOUT_MS = 4000;

/**
 * Fit the handoff within the relay's limits so a long conversation is never refused at the moment
 * the visitor asks for a person: keep the latest transcript entries (the oldest go first), clip
 * over-long texts. Everything else is left to the relay's validation.
 */
export function fitHandoff(h) {
  const out = { ...h };
  const clip = (t) => (typeof t === 'string' && t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t);
  out.transcript = (Array.isArray(h.transcript) ? h.transcript.slice(-MAX_TRANSCRIPT) : []).map((e) => (e && typeof e === 'object' ? { ...e, text: clip(e.text) } : e));
  if (Array.isArray(h.reasons)) out.reasons = h.reasons.slice(0, 20);
  // Turn records (review data) go before any transcript entry: the agent needs the words more.
  if (Array.isArray(h.turns)) out.turns = h.turns.slice(-MAX_TRANSCRIPT).map((t) => (t && typeof t === 'object' ? { ...t, text: clip(t.text) } : t));
  const bytes = () => new TextEncoder().encode(JSON.stringify(out)).length;
  while (out.turns?.length && bytes() > MAX_HANDOFF_BYTES) out.turns = out.turns.slice(Math.ceil(out.turns.length / 10));
  while (out.transcript.length && bytes() > MAX_HANDOFF_BYTES) out.transcript = out.transcript.slice(Math.ceil(out.transcript.length / 10));
  return out;
}

export class ChannelError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ChannelError';
    this.code = code;
  }
}

export function newId() {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  const b = new Uint8Array(16);
  c.getRandomValues(b); // randomUUID needs a secure context; getRandomValues does not
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function defaultStorage() {
  try { return globalThis.sessionStorage ?? null; } catch { return null; } // blocked in some sandboxed iframes
}

export class BaseChannel {
  /**
   * @param {object} config channel config (see index.js)
   * @param {string} storageKey sessionStorage key for this channel's session
   */
  constructor(config, storageKey) {
    this.config = config;
    this.storage = config.storage === undefined ? defaultStorage() : config.storage;
    this.storageKey = storageKey;
    this.backoff = { baseMs: 500, maxMs: 15000, ...(config.backoff ?? {}) };
    this.retry = { ...RETRY, ...(config.retry ?? {}) };
    this.failures = 0;         // failed (re)connection attempts since the connection was last up
    this.downSince = 0;        // when it was lost (0: it is up, or never was)
    this.listeners = new Map();
    this.outbox = [];          // [{frame, resolve, reject}] in send order; only the head is in flight
    this.seen = new Set();
    this.session = null;       // {conversation, secret, lastSeq}
    this.pendingSecret = null; // the secret of a conversation being created (the id derives from it)
    this.state = 'idle';
    this.ready = false;        // the transport can carry frames now
    this.stopped = false;      // close() was called or connect failed for good
    this.conversationClosed = false;
    this.pumping = false;
    this.wakers = new Set();   // pending sleeps, cut short by close()
    this.lastTyping = 0;
  }

  // ---------------------------------------------------------------- public API
  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(fn);
    return () => this.listeners.get(event)?.delete(fn);
  }

  /** True when this tab stored a conversation (or one being created) that connect() would resume. */
  hasStoredSession() {
    try {
      return !!this.storage?.getItem(this.storageKey);
    } catch {
      return false;
    }
  }

  /** Open the conversation with the handoff payload (or resume the one stored for this tab). */
  async connect(handoff) {
    if (this.state !== 'idle') throw new ChannelError('already_connected', 'connect() may be called once per channel');
    if (!handoff || typeof handoff !== 'object') throw new ChannelError('bad_request', 'connect(handoff) needs the handoff object');
    this.handoff = fitHandoff(handoff);
    this.loadSession();
    // Chosen here and stored before the first hello: if the answer is lost (or the page reloads),
    // asking again with the same secret finds the same conversation instead of opening a second.
    if (!this.session) { this.pendingSecret ??= newId(); this.saveSession(); }
    this.setStatus('connecting');
    try {
      return await this.open();
    } catch (e) {
      this.stopped = true;
      this.setStatus('offline');
      throw e;
    }
  }

  /**
   * Resolves {id} once the server has stored the message; queued and retried until then.
   * `affect` (PROTOCOL.md, "Live affect per message") goes with it when it fits in 4 KB.
   */
  send(text, { suggestions, affect } = {}) {
    if (typeof text !== 'string' || text.trim() === '') return Promise.reject(new ChannelError('bad_request', 'send(text) needs non-empty text'));
    if (text.length > MAX_TEXT) return Promise.reject(new ChannelError('too_long', `the message is ${text.length} characters; the limit is ${MAX_TEXT}`));
    const frame = { type: 'message', id: newId(), text };
    // Agent-assist extras must never cost the visitor's message: keep only what the relay accepts.
    const ok = Array.isArray(suggestions)
      ? suggestions.filter((s) => typeof s === 'string' && s.trim() !== '' && s.length <= MAX_SUGGESTION_LENGTH).slice(0, MAX_SUGGESTIONS) : [];
    if (ok.length) frame.suggestions = ok;
    if (affect && typeof affect === 'object' && new TextEncoder().encode(JSON.stringify(affect)).length <= MAX_AFFECT_BYTES) frame.affect = affect;
    return this.enqueue(frame);
  }

  /**
   * Whether a person can answer now, asked before offering one (nothing about the visitor is
   * sent): {open: true|false|null (the relay does not say), reason, team, agentsOnline, queue,
   * nextOpen}. Rejects a ChannelError `unreachable` when the relay cannot be reached.
   */
  async availability({ team, pack } = {}) {
    const raw = await this.fetchAvailability({ team, pack });
    if (!raw || typeof raw !== 'object') return { open: null, reason: null, team: team ?? null, agentsOnline: null, queue: null, nextOpen: null };
    return {
      open: typeof raw.open === 'boolean' ? raw.open : null,
      reason: typeof raw.reason === 'string' ? raw.reason : null,
      team: typeof raw.team === 'string' ? raw.team : team ?? null,
      agentsOnline: Number.isInteger(raw.agentsOnline) ? raw.agentsOnline : null,
      queue: Number.isInteger(raw.queue) ? raw.queue : null,
      nextOpen: Number.isFinite(raw.nextOpen) ? raw.nextOpen : null,
    };
  }

  leaveMessage(text, contact = '') {
    if (typeof text !== 'string' || text.trim() === '') return Promise.reject(new ChannelError('bad_request', 'leaveMessage(text) needs non-empty text'));
    return this.enqueue({ type: 'leave_message', id: newId(), text, contact: String(contact ?? '') });
  }

  sendCsat({ score, comment = '' } = {}) {
    if (!Number.isInteger(score) || score < 1 || score > 5) return Promise.reject(new ChannelError('bad_request', 'sendCsat({score}) needs an integer score from 1 to 5'));
    return this.enqueue({ type: 'csat', id: newId(), score, comment: String(comment ?? '') });
  }

  /** Ephemeral: dropped when not connected, at most one per second. */
  sendTyping() {
    const now = Date.now();
    if (!this.ready || this.stopped || now - this.lastTyping < TYPING_INTERVAL_MS) return;
    this.lastTyping = now;
    this.transmitTyping();
  }

  /** End the conversation (visitor back to the bot) and release the connection. */
  async close() {
    if (this.stopped) return;
    if (this.ready && this.session && !this.conversationClosed) {
      // Best effort, bounded: the relay records that the visitor left; the page must not wait on it.
      const bye = this.enqueue({ type: 'close', id: newId() });
      await Promise.race([bye.catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
    }
    this.stopped = true;
    this.ready = false;
    this.clearSession();
    for (const e of this.outbox.splice(0)) e.reject?.(new ChannelError('closed', 'the channel was closed before the server acknowledged this'));
    for (const wake of [...this.wakers]) wake();
    await this.shutdown();
    this.setStatus('offline');
  }

  /**
   * Stop listening without ending the conversation (no `close` frame): a left message stays
   * with the relay, and the stored session lets a later page of this tab resume it.
   */
  async release() {
    if (this.stopped) return;
    this.stopped = true;
    this.ready = false;
    for (const wake of [...this.wakers]) wake();
    await this.shutdown();
    this.setStatus('offline');
  }

  // ---------------------------------------------------------------- for transports
  /** The relay's answer to an availability question (transport-specific); null: nothing to ask. */
  async fetchAvailability() { return null; }

  /** GET an availability URL with a deadline and one retry; null when the relay does not know the question (404). */
  async getAvailability(url) {
    const doFetch = this.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof doFetch !== 'function') return null;
    let last;
    for (let attempt = 0; attempt < 2; attempt++) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), AVAILABILITY_TIMEOUT_MS);
      try {
        const res = await doFetch(url, { headers: { accept: 'application/json' }, signal: abort.signal, credentials: 'omit' });
        if (res.status === 404) return null;
        if (res.ok) return await res.json();
        last = new Error(`HTTP ${res.status}`);
      } catch (e) {
        last = e;
      } finally {
        clearTimeout(timer);
      }
    }
    throw new ChannelError('unreachable', `cannot ask ${url} whether anyone is available: ${last?.message ?? last}`);
  }

  /** One more failed (re)connection: true when the retry budget is spent and it is time to give up. */
  connectionFailed() {
    if (!this.downSince) this.downSince = Date.now();
    this.failures++;
    return this.failures >= this.retry.attempts && Date.now() - this.downSince >= this.retry.withinMs;
  }

  connectionUp() {
    this.failures = 0;
    this.downSince = 0;
  }

  /**
   * The relay stayed unreachable through every retry: stop, fail what was not sent (code
   * `unreachable`) and say so with an `unreachable` event, so the widget can tell the visitor
   * and go back to the bot instead of retrying for ever.
   */
  giveUp(err = new ChannelError('unreachable', 'the relay could not be reached')) {
    if (this.stopped) return;
    this.stopped = true;
    this.ready = false;
    const unsent = this.outbox.splice(0);
    // Nothing to resume: the widget answers the unsent messages with the bot. A left message is
    // different: it waits for an answer on the relay, so a later page may still resume it.
    if (!this.messageLeft) this.clearSession();
    for (const e of unsent) e.reject?.(err);
    for (const wake of [...this.wakers]) wake();
    this.shutdown().catch(() => {});
    this.setStatus('offline');
    this.emit('unreachable', { code: err.code, message: err.message, unsent: unsent.map((e) => e.frame.id) });
  }

  /** open(): connect and resolve {conversation, resumed, state} once the conversation exists. */
  async open() { throw new Error('not implemented'); }
  /** transmit(frame): resolve the ack frame, or reject a ChannelError (code 'disconnected' waits for a reconnect). */
  async transmit() { throw new Error('not implemented'); }
  transmitTyping() {}
  async shutdown() {}

  emit(event, detail) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) {
      try { fn(detail); } catch (e) { queueMicrotask(() => { throw e; }); } // a listener's bug must not break the channel
    }
  }

  setStatus(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('status', { state });
  }

  enqueue(frame) {
    if (this.state === 'idle') return Promise.reject(new ChannelError('not_connected', 'call connect(handoff) first; nothing is sent before it'));
    if (this.stopped) return Promise.reject(new ChannelError('closed', 'the channel is closed'));
    if (this.outbox.length >= MAX_OUTBOX) return Promise.reject(new ChannelError('queue_full', `${MAX_OUTBOX} messages are already waiting to be sent`));
    return new Promise((resolve, reject) => {
      this.outbox.push({ frame, resolve, reject });
      this.saveSession();
      this.pump();
    });
  }

  /** Send the outbox head, wait for its ack, repeat. One in flight keeps the order the visitor typed. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    let failures = 0;
    try {
      while (this.ready && !this.stopped && this.outbox.length) {
        const head = this.outbox[0];
        try {
          await this.transmit(head.frame);
          failures = 0;
          this.connectionUp();
          this.outbox.shift();
          if (head.frame.type === 'leave_message') this.messageLeft = true;
          this.saveSession();
          head.resolve?.({ id: head.frame.id });
        } catch (e) {
          if (PERMANENT.has(e.code)) {
            this.outbox.shift();
            this.saveSession();
            head.reject?.(e);
          } else if (e.code === 'disconnected') {
            break; // the transport calls pump() again once it is back
          } else {
            // A relay that keeps failing (not one asking us to slow down) is given up on, bounded.
            if (e.code !== 'rate_limited' && this.connectionFailed()) {
              this.giveUp(new ChannelError('unreachable', `sending failed ${this.failures} times: ${e.message}`));
              break;
            }
            const wait = e.code === 'rate_limited' && e.retryAfterMs ? e.retryAfterMs : this.delay(failures++);
            await this.sleep(wait);
          }
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  delay(attempt) {
    const d = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** attempt);
    return d / 2 + Math.random() * d / 2; // jitter, so a restarted server is not hit by everyone at once
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(t); this.wakers.delete(done); resolve(); };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** Shared handling of server frames in the relay vocabulary (PROTOCOL.md). */
  handleFrame(f) {
    switch (f.type) {
      case 'queued':
        this.availabilityState = 'queued';
        this.setStatus('queued');
        // The place in the queue, whenever it changes (the relay sends it again on each change).
        if (Number.isInteger(f.position) && f.position !== this.position) {
          this.position = f.position;
          this.emit('queued', { position: f.position, team: typeof f.team === 'string' ? f.team : null });
        }
        break;
      case 'agent_left':
        if (!this.fresh(f)) return;
        this.position = undefined;
        this.setStatus('queued');
        this.emit('agent_left', { requeued: f.requeued !== false, agent: { name: f.agent?.name ?? '' } });
        break;
      case 'transferred':
        if (!this.fresh(f)) return;
        this.emit('transferred', { to: { name: typeof f.to?.name === 'string' ? f.to.name : null, team: typeof f.to?.team === 'string' ? f.to.team : null } });
        break;
      case 'no_agent':
        // Repeated after every reconnect while nothing changed: tell the widget once per change.
        if (this.availabilityState === `no_agent:${f.reason}`) return;
        this.availabilityState = `no_agent:${f.reason}`;
        this.emit('no_agent', { reason: f.reason });
        break;
      case 'agent_joined':
        if (!this.fresh(f)) return;
        this.setStatus('connected');
        this.emit('agent_joined', { agent: { name: f.agent?.name ?? '' } });
        break;
      case 'message':
        if (!this.fresh(f)) return;
        this.emit('message', { id: f.id, from: f.from ?? 'agent', text: f.text, at: f.at });
        break;
      case 'typing':
        this.emit('typing', {});
        break;
      case 'csat_request':
        if (!this.fresh(f)) return;
        this.emit('csat_request', {});
        break;
      case 'closed':
        if (!this.fresh(f)) return;
        this.conversationClosed = true;
        this.emit('closed', { reason: f.reason, returnToBot: f.returnToBot !== false });
        this.clearSession(); // a reload after this starts with the bot, not in a closed conversation
        break;
      default:
        break;
    }
  }

  /** At-least-once delivery means repeats: drop what was already seen, by seq and by id. */
  fresh(f) {
    if (Number.isInteger(f.seq)) {
      if (this.session && f.seq <= this.session.lastSeq) return false;
      if (this.session) { this.session.lastSeq = f.seq; this.saveSession(); }
    }
    if (f.id !== undefined) {
      const key = `${f.type}:${f.id}`;
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      if (this.seen.size > MAX_SEEN_IDS) this.seen.delete(this.seen.values().next().value);
    }
    return true;
  }

  loadSession() {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      if (!raw) return;
      const s = JSON.parse(raw);
      const resumable = typeof s?.conversation === 'string' && typeof s.secret === 'string' && Number.isInteger(s.lastSeq);
      if (!resumable && typeof s?.creating === 'string') this.pendingSecret = s.creating;
      if (resumable || this.pendingSecret) {
        if (resumable) this.session = { conversation: s.conversation, secret: s.secret, lastSeq: s.lastSeq };
        // Frames not acknowledged before the page went away are sent again with their ids.
        for (const frame of (Array.isArray(s.outbox) ? s.outbox : []).slice(0, MAX_OUTBOX)) {
          if (frame && typeof frame.id === 'string' && typeof frame.type === 'string') this.outbox.push({ frame });
        }
      }
    } catch { /* unreadable storage: start a new conversation */ }
  }

  /** The conversation was created (or found): remember it instead of the pending secret. */
  adoptSession(conversation, secret, lastSeq = 0) {
    this.session = { conversation, secret, lastSeq };
    this.pendingSecret = null;
    this.saveSession();
  }

  saveSession() {
    if (this.conversationClosed || this.stopped) return;
    const data = this.session ? { ...this.session } : this.pendingSecret ? { creating: this.pendingSecret } : null;
    if (!data) return;
    try {
      this.storage?.setItem(this.storageKey, JSON.stringify({ ...data, outbox: this.outbox.map((e) => e.frame) }));
    } catch { /* full or blocked storage: resume within this page still works */ }
  }

  clearSession() {
    try { this.storage?.removeItem(this.storageKey); } catch { /* ignore */ }
  }
}

export function rateLimitedError(f) {
  const e = new ChannelError(f.code, f.message);
  if (f.retryAfterMs) e.retryAfterMs = f.retryAfterMs;
  return e;
}
