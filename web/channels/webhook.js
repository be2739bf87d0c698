// The webhook channel: POST the handoff to a URL, POST each frame, and receive the agent's side
// by server-sent events or by polling (relay/PROTOCOL.md, "HTTP binding"). The event stream is
// read with fetch rather than EventSource, so the conversation secret travels in an
// Authorization header and never in a URL that proxies and logs would keep.
import { BaseChannel, ChannelError, newId } from './base.js';

const CONNECT_TIMEOUT_MS = 15000;

export class WebhookChannel extends BaseChannel {
  constructor(config) {
    if (typeof config.url !== 'string' || !/^https?:\/\//.test(config.url)) {
      throw new ChannelError('bad_config', 'webhook channel: "url" must be an http:// or https:// URL');
    }
    if (config.events !== 'sse' && config.events !== 'poll') {
      throw new ChannelError('bad_config', 'webhook channel: "events" must be "sse" or "poll"');
    }
    super(config, `attune:channel:${config.url}`);
    this.url = config.url.replace(/\/+$/, '');
    this.fetch = config.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof this.fetch !== 'function') throw new ChannelError('bad_config', 'webhook channel: no fetch implementation available');
    this.pollMs = config.pollMs ?? 2000;
    this.connectTimeoutMs = config.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.abort = null;
  }

  async request(method, path, body, signal) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.session) headers.authorization = `Bearer ${this.session.secret}`;
    let res;
    try {
      res = await this.fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'omit' });
    } catch (e) {
      if (this.stopped) throw new ChannelError('closed', 'the channel is closed');
      throw new ChannelError('network', `cannot reach ${this.url}: ${e.message}`);
    }
    let json = null;
    try { json = await res.json(); } catch { /* not JSON: handled below */ }
    if (!res.ok) {
      const e = new ChannelError(json?.code ?? (res.status >= 500 ? 'server_error' : 'bad_request'), json?.message ?? `HTTP ${res.status}`);
      e.status = res.status;
      if (json?.retryAfterMs) e.retryAfterMs = json.retryAfterMs;
      throw e;
    }
    return json;
  }

  async open() {
    const deadline = Date.now() + this.connectTimeoutMs;
    let attempt = 0;
    for (;;) {
      try {
        let state;
        if (this.session) {
          try {
            const r = await this.request('GET', `/${this.session.conversation}/events?after=${this.session.lastSeq}`);
            state = r.state;
            this.afterOpen(state);
            for (const f of r.events) this.handleFrame(f);
            this.startEvents();
            return { conversation: this.session.conversation, resumed: true, state, agent: r.agent ?? null };
          } catch (e) {
            if (e.status !== 401 && e.status !== 404) throw e;
            this.session = null; // gone or not ours: start a new conversation
            this.pendingSecret = newId();
            this.outbox = this.outbox.filter((x) => x.resolve);
            this.saveSession();
          }
        }
        // A retried POST carries the same secret, so it finds the conversation a lost answer created.
        const r = await this.request('POST', '', { handoff: this.handoff, secret: this.pendingSecret });
        this.adoptSession(r.conversation, r.secret ?? this.pendingSecret);
        this.afterOpen(r.state);
        if (r.availability) this.handleFrame(r.availability);
        this.startEvents();
        return { conversation: r.conversation, resumed: !!r.existed, state: r.state, agent: r.agent ?? null };
      } catch (e) {
        if (e.code !== 'network' && e.code !== 'server_error' && e.code !== 'internal') throw e;
        if (Date.now() > deadline) throw new ChannelError('connect_timeout', `no answer from ${this.url} within ${this.connectTimeoutMs} ms`);
        await this.sleep(this.delay(attempt++));
        if (this.stopped) throw new ChannelError('closed', 'the channel is closed');
      }
    }
  }

  afterOpen(state) {
    if (state === 'message_left') this.messageLeft = true;
    this.connectionUp();
    this.ready = true;
    this.saveSession();
    this.setStatus(state === 'assigned' ? 'connected' : 'queued');
    this.pump();
  }

  async transmit(frame) {
    try {
      return await this.request('POST', `/${this.session.conversation}/frames`, frame);
    } catch (e) {
      if (e.status === 401 || e.status === 404) throw new ChannelError('closed', 'the conversation no longer exists');
      throw e; // network / server errors: the pump retries with backoff
    }
  }

  transmitTyping() {
    this.request('POST', `/${this.session.conversation}/frames`, { type: 'typing' }).catch(() => {});
  }

  startEvents() {
    this.abort = new AbortController();
    const signal = this.abort.signal;
    (this.config.events === 'sse' ? this.streamLoop(signal) : this.pollLoop(signal)).catch(() => {});
  }

  reconnected() {
    if (this.state === 'reconnecting') this.setStatus(this.agentPresent ? 'connected' : 'queued');
  }

  handleFrame(f) {
    if (f.type === 'agent_joined') this.agentPresent = true;
    super.handleFrame(f);
  }

  async pollLoop(signal) {
    let failures = 0;
    while (!this.stopped && !signal.aborted) {
      try {
        const r = await this.request('GET', `/${this.session.conversation}/events?after=${this.session.lastSeq}`, undefined, signal);
        failures = 0;
        this.connectionUp();
        if (r.state === 'assigned') this.agentPresent = true;
        this.reconnected();
        // Availability (queued with the place, or no_agent) comes with each poll while waiting:
        // handleFrame() reports it only when it changes, so agents going offline are noticed.
        for (const f of r.events) this.handleFrame(f);
        if (r.lastSeq > this.session.lastSeq && !this.conversationClosed) { this.session.lastSeq = r.lastSeq; this.saveSession(); }
        await this.sleep(this.pollMs);
      } catch (e) {
        if (this.stopped || signal.aborted) return;
        if (e.code === 'closed') return;
        if (this.connectionFailed()) return this.giveUp(new ChannelError('unreachable', `${this.url} could not be reached after ${this.failures} attempts`));
        this.setStatus('reconnecting');
        await this.sleep(this.delay(failures++));
      }
    }
  }

  async streamLoop(signal) {
    let failures = 0;
    while (!this.stopped && !signal.aborted) {
      try {
        const res = await this.fetch(`${this.url}/${this.session.conversation}/stream?after=${this.session.lastSeq}`, {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${this.session.secret}` }, signal, credentials: 'omit' });
        if (res.status === 401 || res.status === 404) return;
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.reconnected();
        failures = 0;
        this.connectionUp();
        await this.readStream(res.body, signal);
      } catch (e) {
        if (this.stopped || signal.aborted) return;
      }
      if (this.stopped || signal.aborted || this.conversationClosed) return;
      if (this.connectionFailed()) return this.giveUp(new ChannelError('unreachable', `${this.url} could not be reached after ${this.failures} attempts`));
      this.setStatus('reconnecting');
      await this.sleep(this.delay(failures++));
    }
  }

  async readStream(body, signal) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (!data) continue;
        try { this.handleFrame(JSON.parse(data)); } catch { /* a malformed event is skipped */ }
      }
      if (buf.length > 1 << 20) throw new Error('event stream line too long'); // bounded buffer
    }
  }

  /** …/api/conversations -> …/api/availability, on the same relay. */
  fetchAvailability({ team, pack } = {}) {
    const u = new URL(this.url.replace(/\/conversations$/, '') + '/availability');
    if (team) u.searchParams.set('team', team);
    if (pack) u.searchParams.set('pack', pack);
    return this.getAvailability(u.href);
  }

  async shutdown() {
    this.abort?.abort();
  }
}
