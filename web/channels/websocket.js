// The websocket channel: Attune's relay protocol (relay/PROTOCOL.md) over one WebSocket,
// reconnecting with backoff and resuming from the last seq it saw.
import { BaseChannel, ChannelError, rateLimitedError, newId } from './base.js';

const HEARTBEAT_MS = 20000;     // app-level ping: browsers expose no socket-level liveness
const SILENCE_MS = 45000;       // nothing heard for this long: the connection is dead, reconnect
const CONNECT_TIMEOUT_MS = 15000;

export class WebSocketChannel extends BaseChannel {
  constructor(config) {
    const urls = Array.isArray(config.url) ? config.url : [config.url];
    if (!urls.length || urls.some((u) => typeof u !== 'string' || !/^wss?:\/\//.test(u))) {
      throw new ChannelError('bad_config', 'websocket channel: "url" must be a ws:// or wss:// URL (or an array of them)');
    }
    super(config, `attune:channel:${urls[0]}`);
    this.urls = urls;
    this.urlIndex = 0;
    this.WS = config.WebSocket ?? globalThis.WebSocket;
    if (typeof this.WS !== 'function') throw new ChannelError('bad_config', 'websocket channel: no WebSocket implementation available');
    this.attempt = 0;
    this.waiters = new Map(); // frame id -> {resolve, reject} for the frame in flight
    this.heartbeatMs = config.heartbeatMs ?? HEARTBEAT_MS;
    this.silenceMs = config.silenceMs ?? SILENCE_MS;
    this.connectTimeoutMs = config.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  }

  open() {
    return new Promise((resolve, reject) => {
      this.opened = { resolve, reject };
      this.connectTimer = setTimeout(() => {
        if (!this.opened) return;
        this.opened = null;
        this.stopped = true;
        this.dropSocket();
        reject(new ChannelError('connect_timeout', `no answer from the relay within ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      this.dial();
    });
  }

  dial() {
    if (this.stopped) return;
    const url = this.urls[this.urlIndex % this.urls.length];
    let ws;
    try {
      // A browser sets Origin itself; `origin` only reaches non-browser implementations (tests, Node).
      ws = this.config.origin && this.WS !== globalThis.WebSocket ? new this.WS(url, [], { origin: this.config.origin }) : new this.WS(url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.lastHeard = Date.now();
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      const s = this.session;
      this.raw(s
        ? { type: 'hello', role: 'visitor', conversation: s.conversation, secret: s.secret, lastSeq: s.lastSeq }
        : { type: 'hello', role: 'visitor', handoff: this.handoff, secret: this.pendingSecret });
      this.resuming = !!s;
    });
    ws.addEventListener('message', (e) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let f;
      try { f = JSON.parse(typeof e.data === 'string' ? e.data : String(e.data)); } catch { return; }
      this.onServerFrame(f);
    });
    ws.addEventListener('close', (e) => { if (this.ws === ws) this.onSocketClosed(e.code); });
    ws.addEventListener('error', () => {}); // a 'close' always follows
  }

  raw(frame) {
    if (this.ws?.readyState === 1) { this.ws.send(JSON.stringify(frame)); return true; }
    return false;
  }

  onServerFrame(f) {
    if (f.type === 'welcome') return this.onWelcome(f);
    if (f.type === 'ack') {
      const w = this.waiters.get(f.id);
      if (w) { this.waiters.delete(f.id); w.resolve(f); }
      return;
    }
    if (f.type === 'error') {
      const w = f.id !== undefined ? this.waiters.get(f.id) : undefined;
      if (w) { this.waiters.delete(f.id); w.reject(rateLimitedError(f)); return; }
      this.lastError = f; // explains the close that usually follows a refused hello
      if (f.code === 'rate_limited' && !this.ready && this.opened) {
        // A new conversation refused for the address: nothing to resume, give up now.
        const o = this.opened; this.opened = null; clearTimeout(this.connectTimer); this.stopped = true; this.dropSocket();
        o.reject(new ChannelError('rate_limited', f.message));
      }
      return;
    }
    if (f.type === 'pong') return;
    this.handleFrame(f);
  }

  onWelcome(f) {
    const resumed = !!f.resumed;
    if (f.state === 'message_left') this.messageLeft = true;
    if (!this.session) this.adoptSession(f.conversation, f.secret ?? this.pendingSecret);
    this.attempt = 0;
    this.connectionUp();
    this.ready = true;
    this.saveSession();
    this.startHeartbeat();
    if (f.state === 'assigned') this.setStatus('connected');
    else if (f.state === 'queued' || f.state === 'message_left') this.setStatus('queued');
    if (this.opened) {
      const o = this.opened; this.opened = null; clearTimeout(this.connectTimer);
      o.resolve({ conversation: f.conversation, resumed, state: f.state, agent: f.agent ?? null });
    }
    this.pump();
  }

  onSocketClosed(code) {
    this.ws = null;
    this.ready = false;
    clearInterval(this.heartbeat);
    for (const [, w] of this.waiters) w.reject(new ChannelError('disconnected', 'connection lost; will resend after reconnecting'));
    this.waiters.clear();
    if (this.stopped) return;
    if ((code === 4401 || code === 4404) && this.resuming) {
      // The stored conversation is gone or not ours: start a new one with the handoff.
      this.session = null;
      this.pendingSecret = newId();
      this.outbox = this.outbox.filter((e) => e.resolve); // frames restored from storage belonged to it
      this.saveSession();
      this.dial();
      return;
    }
    if (code === 4400) {
      const e = this.lastError;
      this.fail(new ChannelError(e?.code ?? 'bad_request', `the relay refused the handoff: ${e?.message ?? 'malformed'}`));
      return;
    }
    this.setStatus(this.state === 'connecting' ? 'connecting' : 'reconnecting');
    this.scheduleReconnect();
  }

  fail(err) {
    this.stopped = true;
    this.setStatus('offline');
    if (this.opened) { const o = this.opened; this.opened = null; clearTimeout(this.connectTimer); o.reject(err); }
  }

  scheduleReconnect() {
    if (this.stopped) return;
    if (this.connectionFailed()) {
      const err = new ChannelError('unreachable', `the relay could not be reached after ${this.failures} attempts`);
      if (this.opened) { const o = this.opened; this.opened = null; clearTimeout(this.connectTimer); o.reject(err); }
      this.giveUp(err);
      return;
    }
    const wait = this.delay(this.attempt++);
    this.urlIndex++; // with several relay URLs, try the next one: the last may be the one that went away
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.dial(), wait);
  }

  startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > this.silenceMs) { this.dropSocket(); return; }
      this.raw({ type: 'ping' });
    }, this.heartbeatMs);
  }

  /** Close the socket without waiting for the close handshake; the close handler reconnects. */
  dropSocket() {
    const ws = this.ws;
    if (!ws) return;
    try { ws.close(); } catch { /* already closing */ }
    this.onSocketClosed(1006);
  }

  transmit(frame) {
    return new Promise((resolve, reject) => {
      this.waiters.set(frame.id, { resolve, reject });
      if (!this.raw(frame)) {
        this.waiters.delete(frame.id);
        reject(new ChannelError('disconnected', 'not connected; will resend after reconnecting'));
      }
    });
  }

  transmitTyping() { this.raw({ type: 'typing' }); }

  /** The relay's HTTP side on the same host: ws(s)://H/visitor -> http(s)://H/api/availability. */
  fetchAvailability({ team, pack } = {}) {
    const u = new URL(this.urls[0]);
    u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
    u.pathname = u.pathname.replace(/\/visitor\/?$/, '') + '/api/availability';
    u.search = '';
    if (team) u.searchParams.set('team', team);
    if (pack) u.searchParams.set('pack', pack);
    return this.getAvailability(u.href);
  }

  async shutdown() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeat);
    const ws = this.ws;
    this.ws = null;
    try { ws?.close(1000, 'visitor left'); } catch { /* ignore */ }
  }
}
