// The relay: an HTTP server that serves the agent console and upgrades /visitor and /agent to
// WebSocket. Every state change goes through the store (durable first), then through the store's
// bus to whichever instance holds the sockets that must hear about it, so one instance (SQLite,
// local bus) and many (Redis, pub/sub) run the same code.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import {
  DEFAULT_LIMITS, PROTOCOL_VERSION, ProtocolError, parseFrame, validateHello, validateVisitorFrame,
  validateAgentFrame, summarize,
} from './protocol.mjs';
import { parseHours, isOpen } from './hours.mjs';
import { handleApi } from './http-api.mjs';

const CONSOLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'console');
const CONSOLE_FILES = { // a fixed map, so no request path ever reaches the file system
  '/console/': ['index.html', 'text/html; charset=utf-8'],
  '/console/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/console/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/console/console.css': ['console.css', 'text/css; charset=utf-8'],
};
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
  + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const AGENT_TTL_MS = 15000;       // an agent not seen for this long no longer counts as online
const AGENT_BEAT_MS = 5000;
const PING_MS = 30000;            // dead sockets are found within two of these
const MAX_BUFFERED = 1 << 20;     // a client that cannot keep up 1 MiB behind is disconnected
const MAX_AGENT_SUBS = 200;       // conversations one agent socket follows at once
const MAX_PENDING_BYTES = 1 << 20; // frames received but not yet handled, per socket: a flood is cut off

const sha256 = (s) => crypto.createHash('sha256').update(s).digest();
const newId = () => crypto.randomBytes(12).toString('base64url');

export class Relay {
  /**
   * @param {object} o
   * @param {object} o.store SqliteStore | RedisStore (already constructed; init() is called here)
   * @param {string} o.agentToken shared secret agents present in hello
   * @param {string[]} o.allowOrigins visitor origins allowed ('*' = any)
   * @param {string} [o.hours] business hours, e.g. "mon-fri 09:00-17:00 Europe/Paris"
   * @param {object} [o.limits] overrides of DEFAULT_LIMITS
   * @param {boolean} [o.console] serve the agent console (default true)
   * @param {string} [o.instance] name reported in /healthz and welcome frames
   */
  constructor(o) {
    if (!o.agentToken || o.agentToken.length < 8) throw new Error('an agent token of at least 8 characters is required (--agent-token or ATTUNE_AGENT_TOKEN)');
    this.store = o.store;
    this.tokenDigest = sha256(o.agentToken);
    this.allowOrigins = new Set(o.allowOrigins ?? []);
    this.hours = o.hours ? parseHours(o.hours) : null;
    this.limits = { ...DEFAULT_LIMITS, ...(o.limits ?? {}) };
    this.serveConsole = o.console !== false;
    this.instance = o.instance ?? `relay-${process.pid}`;
    this.now = o.now ?? Date.now;
    this.visitors = new Map();     // conversation id -> Set<ws> on this instance
    this.agents = new Set();       // agent sockets on this instance
    this.ipRate = new Map();       // ip -> timestamps of recent conversation creations
    this.queueTimer = null;
    this.timers = [];
  }

  async listen(port = 0, host = '127.0.0.1') {
    await this.store.init();
    this.store.onBus((m) => this.onBus(m));
    this.http = http.createServer((req, res) => this.onHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxFrameBytes });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    await new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => { this.http.off('error', reject); resolve(); });
    });
    this.timers.push(setInterval(() => this.heartbeat(), PING_MS));
    this.timers.push(setInterval(() => this.agentBeat(), AGENT_BEAT_MS));
    this.timers.push(setInterval(() => this.sweepRates(), 60000));
    for (const t of this.timers) t.unref();
    const a = this.http.address();
    this.port = a.port;
    this.host = host;
    return a;
  }

  /** Stop: tell clients to go elsewhere (1012 service restart), flush and close the store. */
  async close() {
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.queueTimer);
    clearTimeout(this.presenceTimer);
    for (const ws of this.wss?.clients ?? []) ws.close(1012, 'relay restarting');
    for (const set of this.visitors.values()) for (const sink of set) if (sink.sendFrame) sink.terminate();
    await new Promise((r) => this.http ? this.http.close(() => r()) : r());
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    for (const ws of this.agents) if (ws.agent) await this.store.agentGone(ws.agent.id).catch(() => {});
    await this.store.close();
  }

  // ---------------------------------------------------------------- HTTP
  onHttp(req, res) {
    const url = new URL(req.url, 'http://relay');
    if (url.pathname.startsWith('/api/')) { handleApi(this, req, res, url); return; }
    if (req.method === 'GET' && url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, instance: this.instance, protocol: PROTOCOL_VERSION,
        visitors: this.visitors.size, agents: this.agents.size, rssBytes: process.memoryUsage.rss() }));
      return;
    }
    if (req.method === 'GET' && this.serveConsole) {
      if (url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; } // browsers ask; nothing to show
      if (url.pathname === '/' || url.pathname === '/console') {
        res.writeHead(302, { location: '/console/' }); res.end(); return;
      }
      const f = CONSOLE_FILES[url.pathname];
      if (f) {
        fs.readFile(path.join(CONSOLE_DIR, f[0]), (err, body) => {
          if (err) { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('console file missing'); return; }
          res.writeHead(200, { 'content-type': f[1], 'content-security-policy': CONSOLE_CSP, 'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' });
          res.end(body);
        });
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }

  originAllowed(origin) {
    return this.allowOrigins.has('*') || (origin !== undefined && this.allowOrigins.has(origin));
  }

  onUpgrade(req, socket, head) {
    const { pathname } = new URL(req.url, 'http://relay');
    const origin = req.headers.origin;
    const refuse = (status, text) => {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${text}\n`);
    };
    let role;
    if (pathname === '/visitor') {
      if (!this.originAllowed(origin)) return refuse(403, `origin ${origin ?? '(none)'} is not allowed`);
      role = 'visitor';
    } else if (pathname === '/agent') {
      // The console is served from here, so a browser agent is same-origin. The token, sent in
      // the first frame (never a cookie), is the real check; origin only stops other sites' pages.
      const host = req.headers.host;
      const same = origin === `http://${host}` || origin === `https://${host}`;
      if (origin !== undefined && !same && !this.originAllowed(origin)) return refuse(403, `origin ${origin} is not allowed for agents`);
      role = 'agent';
    } else {
      return refuse(404, 'WebSocket endpoints are /visitor and /agent');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws, role, req));
  }

  // ---------------------------------------------------------------- sockets
  onSocket(ws, role, req) {
    ws.role = role;
    ws.ip = req.socket.remoteAddress;
    ws.origin = req.headers.origin;
    ws.isAlive = true;
    ws.ready = false;
    // Frames are handled in order per conversation: one chain per conversation an agent names
    // (visitors have one), all starting after the hello. An agent serving many conversations is
    // then not held up behind one conversation's store write.
    ws.chains = new Map();
    ws.afterHello = null;
    ws.on('pong', () => { ws.isAlive = true; });
    const helloTimer = setTimeout(() => { if (!ws.ready) ws.close(4408, 'hello timeout'); }, this.limits.helloTimeoutMs);
    ws.pendingBytes = 0;
    ws.on('message', (data, isBinary) => {
      // What waits is bounded, so a flood cannot grow memory.
      ws.pendingBytes += data.length;
      if (ws.pendingBytes > MAX_PENDING_BYTES) { ws.close(1008, 'too many frames waiting'); return; }
      let msg;
      let error;
      try {
        if (isBinary) throw new ProtocolError('bad_request', 'binary frames are not accepted');
        msg = parseFrame(data);
      } catch (e) { error = e; }
      const key = ws.afterHello && typeof msg?.conversation === 'string' ? msg.conversation : '';
      const prev = ws.chains.get(key) ?? ws.afterHello ?? Promise.resolve();
      const next = prev.then(() => { if (error) throw error; return this.onFrame(ws, msg); }).catch((e) => this.reportError(ws, e))
        .finally(() => {
          ws.pendingBytes -= data.length;
          if (ws.chains.get(key) === next) ws.chains.delete(key); // bounded: idle chains are dropped
        });
      ws.chains.set(key, next);
      ws.afterHello ??= next; // the first frame is the hello; everything else waits for it
    });
    ws.on('close', () => { clearTimeout(helloTimer); this.detach(ws); });
    ws.on('error', () => {}); // 'close' follows; nothing else to do
  }

  reportError(ws, e) {
    if (e instanceof ProtocolError) {
      this.send(ws, { type: 'error', code: e.code, message: e.message, ...(e.id !== undefined ? { id: e.id } : {}),
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) });
    } else {
      console.error(`[relay ${this.instance}] internal error:`, e);
      this.send(ws, { type: 'error', code: 'internal', message: 'the relay failed to handle this frame; retry' });
    }
  }

  send(ws, frame) {
    if (ws.sendFrame) { ws.sendFrame(frame); return; } // HTTP reply or server-sent-events stream
    if (ws.readyState !== 1) return;
    if (ws.bufferedAmount > MAX_BUFFERED) { ws.terminate(); return; }
    ws.send(JSON.stringify(frame));
  }

  async onFrame(ws, msg) {
    if (!ws.ready) {
      let hello;
      try { hello = validateHello(msg, this.limits); } catch (e) {
        this.reportError(ws, e); ws.close(4400, e.code); return;
      }
      if (hello.role !== ws.role) { ws.close(4400, `this endpoint is for ${ws.role}s`); return; }
      return ws.role === 'visitor' ? this.visitorHello(ws, hello) : this.agentHello(ws, hello);
    }
    if (msg.type === 'ping') return this.send(ws, { type: 'pong' });
    const id = typeof msg.id === 'string' ? msg.id : undefined;
    try {
      if (ws.role === 'visitor') await this.visitorFrame(ws, validateVisitorFrame(msg, this.limits));
      else await this.agentFrame(ws, validateAgentFrame(msg, this.limits));
    } catch (e) {
      if (e.id === undefined && id !== undefined) e.id = id; // let the client match the failure to its message
      throw e;
    }
  }

  detach(ws) {
    if (ws.role === 'visitor' && ws.conversation) {
      const set = this.visitors.get(ws.conversation);
      set?.delete(ws);
      if (set?.size === 0) this.visitors.delete(ws.conversation);
    }
    if (ws.role === 'agent' && ws.agent) {
      this.agents.delete(ws);
      const stillHere = [...this.agents].some((a) => a.agent.id === ws.agent.id);
      if (!stillHere) {
        this.store.agentGone(ws.agent.id).then(() => this.store.publish({ presence: true })).catch(() => {});
      }
    }
  }

  // ---------------------------------------------------------------- visitors
  async visitorHello(ws, hello) {
    const now = this.now();
    let conv;
    if (hello.resume) {
      try {
        conv = await this.authorizeVisitor(hello.conversation, hello.secret);
      } catch (e) {
        this.reportError(ws, e);
        ws.close(e.code === 'not_found' ? 4404 : 4401, e.code);
        return;
      }
    } else {
      let r;
      try {
        r = await this.createConversation(hello.handoff, ws.ip, ws.origin, now, hello.secret);
      } catch (e) {
        this.reportError(ws, e);
        ws.close(e.code === 'rate_limited' ? 4429 : 4401, e.code);
        return;
      }
      conv = r.conv;
      if (r.existed) { hello.resume = true; hello.lastSeq = 0; } // a repeated hello: carry on where it is
      else if (!hello.secret) ws.secretForWelcome = r.secret; // never echo a secret the client chose
    }
    if (ws.readyState !== 1) return; // closed while we waited: 'close' already ran detach(), do not attach
    ws.ready = true;
    ws.conversation = conv.id;
    ws.convState = conv.state;
    ws.closedConversation = conv.state === 'closed';
    ws.replaying = new Map([[conv.id, []]]); // live events wait here until the replay is done
    if (!this.visitors.has(conv.id)) this.visitors.set(conv.id, new Set());
    this.visitors.get(conv.id).add(ws);
    this.send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION, instance: this.instance, conversation: conv.id,
      ...(ws.secretForWelcome ? { secret: ws.secretForWelcome } : {}), resumed: hello.resume, state: conv.state,
      agent: conv.agentName ? { name: conv.agentName } : null, lastSeq: conv.lastSeq });
    delete ws.secretForWelcome;
    if (hello.resume) await this.replay(ws, conv.id, hello.lastSeq, (ev) => ev.from !== 'visitor', (ev) => visitorFrame(ev));
    else { ws.replaying.delete(conv.id); this.store.publish({ queue: true }); }
    if (conv.state === 'queued') await this.tellAvailability(ws, now);
  }

  /**
   * Create a conversation for a new visitor (WebSocket or HTTP). With a client-chosen secret the id
   * is derived from it and a repeated request returns the existing conversation (existed: true).
   * Rejects ProtocolError rate_limited.
   */
  async createConversation(handoff, ip, origin, now, clientSecret) {
    const id = clientSecret ? sha256(`conversation:${clientSecret}`).toString('base64url').slice(0, 16) : newId();
    const secret = clientSecret ?? crypto.randomBytes(24).toString('base64url');
    if (clientSecret) {
      const existing = await this.store.getConversation(id);
      if (existing) return { conv: await this.authorizeVisitor(id, secret), secret, existed: true };
    }
    if (!this.allowRate(this.ipRate, ip ?? '?', this.limits.conversationsPerMinutePerIp, now)) {
      const e = new ProtocolError('rate_limited', 'too many new conversations from this address; try again in a minute');
      e.retryAfterMs = 60000;
      throw e;
    }
    const conv = { id, secretHash: sha256(secret).toString('hex'), handoff, origin: origin ?? null, state: 'queued', agentName: null, lastSeq: 0 };
    const created = await this.store.createConversation({ id, secretHash: conv.secretHash, handoff, origin: conv.origin, at: now });
    if (!created) return { conv: await this.authorizeVisitor(id, secret), secret, existed: true }; // the same hello raced itself
    return { conv, secret, existed: false };
  }

  /** Load a conversation and check the visitor's secret. Rejects ProtocolError not_found / bad_secret. */
  async authorizeVisitor(id, secret) {
    const conv = await this.store.getConversation(id);
    if (!conv) throw new ProtocolError('not_found', 'no such conversation');
    if (!crypto.timingSafeEqual(sha256(secret), Buffer.from(conv.secretHash, 'hex'))) {
      throw new ProtocolError('bad_secret', 'the conversation secret does not match');
    }
    return conv;
  }

  /** What a queued visitor is told: queued, or no_agent with the reason. */
  async availability(now) {
    if (this.hours && !isOpen(this.hours, new Date(now))) return { type: 'no_agent', reason: 'closed_hours' };
    const online = await this.store.agentsOnline(now, AGENT_TTL_MS);
    return online === 0 ? { type: 'no_agent', reason: 'offline' } : { type: 'queued' };
  }

  async tellAvailability(ws, now) {
    const a = await this.availability(now);
    ws.lastTold = `${a.type}:${a.reason ?? ''}`;
    this.send(ws, a);
  }

  /**
   * Tell queued visitors on this instance when availability changed (the last agent left, one
   * came back, business hours ended), so nobody waits in a queue that no one is watching.
   */
  async refreshAvailability() {
    const queued = [];
    for (const set of this.visitors.values()) for (const ws of set) if (ws.convState === 'queued' && ws.lastTold) queued.push(ws);
    if (!queued.length) return;
    const a = await this.availability(this.now());
    const key = `${a.type}:${a.reason ?? ''}`;
    for (const ws of queued) if (ws.lastTold !== key && ws.convState === 'queued') { ws.lastTold = key; this.send(ws, a); }
  }

  /** Send stored events after `lastSeq`, then whatever arrived live meanwhile, in seq order, once. */
  async replay(ws, conversation, lastSeq, keep, toFrame) {
    let after = lastSeq;
    for (;;) {
      const evs = await this.store.eventsAfter(conversation, after, 500);
      for (const ev of evs) { if (keep(ev)) this.send(ws, toFrame(ev)); after = ev.seq; }
      if (evs.length < 500) break;
    }
    const live = ws.replaying?.get(conversation) ?? [];
    ws.replaying?.delete(conversation);
    for (const f of live) if (f.seq === undefined || f.seq > after) this.send(ws, f);
  }

  async visitorFrame(ws, f) {
    const conv = ws.conversation;
    const at = this.now();
    if (f.type === 'typing') {
      if (at - (ws.lastTyping ?? 0) < 1000) return; // one typing signal per second is plenty
      ws.lastTyping = at;
      this.store.publish({ conv, typing: 'visitor' });
      return;
    }
    if (ws.closedConversation && f.type !== 'csat' && f.type !== 'close') {
      throw new ProtocolError('closed', 'this conversation is closed; start a new one', f.id);
    }
    if (f.type === 'message') {
      // The store checks the rolling window atomically with the append, after de-duplication, so
      // a resend of a stored message is acknowledged even when the window is full, and in Redis
      // mode the window is shared by all instances.
      const rate = this.limits.messagesPerMinute ? { limit: this.limits.messagesPerMinute, windowMs: 60000 } : undefined;
      const r = await this.append(conv, { kind: 'message', from: 'visitor', id: f.id, text: f.text, suggestions: f.suggestions, at }, f.id, rate);
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      return;
    }
    if (f.type === 'leave_message') {
      const r = await this.append(conv, { kind: 'leave_message', from: 'visitor', id: f.id, text: f.text, contact: f.contact, at }, f.id);
      if (!r.duplicate) { await this.store.setState(conv, 'message_left', at); this.store.publish({ queue: true }); }
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      return;
    }
    if (f.type === 'csat') {
      const r = await this.append(conv, { kind: 'csat', from: 'visitor', id: f.id, score: f.score, comment: f.comment, at }, f.id);
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      return;
    }
    if (f.type === 'close') {
      if (!ws.closedConversation) {
        const r = await this.append(conv, { kind: 'closed', from: 'visitor', id: f.id, reason: 'visitor_left', returnToBot: true, at }, f.id);
        if (!r.duplicate) { await this.store.setState(conv, 'closed', at); this.store.publish({ queue: true }); }
        ws.closedConversation = true;
        if (f.id) this.send(ws, { type: 'ack', id: f.id, seq: r.seq });
      } else if (f.id) {
        this.send(ws, { type: 'ack', id: f.id, seq: 0 });
      }
    }
  }

  /** Store an event, then publish it. Duplicates are acknowledged but not published again. */
  async append(conv, ev, id, rate) {
    let r;
    try {
      r = await this.store.append(conv, ev, { maxEvents: this.limits.maxEvents, rate });
    } catch (e) {
      if (e.code === 'not_found' || e.code === 'transcript_full') throw new ProtocolError(e.code, e.message, id);
      if (e.code === 'rate_limited') {
        const pe = new ProtocolError('rate_limited', `at most ${rate.limit} messages per minute`, id);
        pe.retryAfterMs = Math.max(1000, e.retryAfterMs);
        throw pe;
      }
      throw e;
    }
    if (!r.duplicate) this.store.publish({ conv, event: r.event });
    return r;
  }

  window(map, key, now) {
    let w = map.get(key);
    if (!w) { w = []; map.set(key, w); }
    while (w.length && now - w[0] >= 60000) w.shift();
    return w;
  }

  allowRate(map, key, limit, now) {
    if (!limit) return true;
    const w = this.window(map, key, now);
    if (w.length >= limit) return false;
    w.push(now);
    return true;
  }

  /** Forget addresses that opened no conversation in the last minute (bounded memory). */
  sweepRates() {
    const now = this.now();
    for (const [k, w] of this.ipRate) if (!w.length || now - w[w.length - 1] >= 60000) this.ipRate.delete(k);
  }

  // ---------------------------------------------------------------- agents
  async agentHello(ws, hello) {
    if (!crypto.timingSafeEqual(sha256(hello.token), this.tokenDigest)) {
      this.send(ws, { type: 'error', code: 'bad_token', message: 'the agent token is not valid' });
      ws.close(4401, 'bad_token');
      return;
    }
    if (ws.readyState !== 1) return; // closed before its hello was handled: nothing to attach
    const id = hello.agentId ?? sha256(hello.name).toString('hex').slice(0, 16);
    ws.agent = { id, name: hello.name };
    ws.subs = new Set();
    ws.ready = true;
    this.agents.add(ws);
    await this.store.agentSeen(id, this.now());
    this.store.publish({ presence: true });
    this.send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION, instance: this.instance, agent: ws.agent, limits: {
      maxMessageLength: this.limits.maxMessageLength } });
    this.send(ws, await this.queueFrame());
  }

  async agentFrame(ws, f) {
    const at = this.now();
    if (f.type === 'queue') return this.send(ws, await this.queueFrame());
    if (f.type === 'typing') {
      if (at - (ws.lastTyping ?? 0) < 1000) return;
      ws.lastTyping = at;
      this.store.publish({ conv: f.conversation, typing: 'agent' });
      return;
    }
    const conv = await this.store.getConversation(f.conversation);
    if (!conv) throw new ProtocolError('not_found', `conversation ${f.conversation} does not exist`);
    if (f.type === 'open') return this.agentOpen(ws, conv, f.lastSeq);
    if (f.type === 'accept') {
      if (conv.state === 'assigned' && conv.agentId === ws.agent.id) return this.agentOpen(ws, conv, 0);
      if (conv.state !== 'queued' && conv.state !== 'message_left') {
        throw new ProtocolError('not_queued', `conversation is ${conv.state}${conv.agentName ? ` (agent ${conv.agentName})` : ''}`);
      }
      if (conv.state === 'message_left') await this.store.setState(conv.id, 'queued', at);
      this.subscribe(ws, conv.id); // before the join event is published, so this socket hears it
      if (!(await this.store.claim(conv.id, ws.agent.id, ws.agent.name, at))) {
        ws.subs.delete(conv.id);
        throw new ProtocolError('not_queued', 'another agent accepted this conversation first');
      }
      await this.append(conv.id, { kind: 'agent_joined', from: 'relay', agent: { name: ws.agent.name }, at });
      this.store.publish({ queue: true });
      return this.agentOpen(ws, { ...conv, state: 'assigned', agentId: ws.agent.id, agentName: ws.agent.name }, 0);
    }
    if (conv.state !== 'assigned' || conv.agentId !== ws.agent.id) {
      throw new ProtocolError('not_assigned', `conversation is ${conv.state}${conv.agentName ? ` with ${conv.agentName}` : ''}; accept it first`);
    }
    if (f.type === 'message') {
      const r = await this.append(conv.id, { kind: 'message', from: 'agent', id: f.id, text: f.text, agent: { name: ws.agent.name }, at }, f.id);
      this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
    } else if (f.type === 'csat_request') {
      const r = await this.append(conv.id, { kind: 'csat_request', from: 'agent', id: f.id, at }, f.id);
      if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq });
    } else if (f.type === 'close') {
      const r = await this.append(conv.id, { kind: 'closed', from: 'agent', id: f.id, reason: f.returnToBot ? 'returned_to_bot' : 'agent_closed',
        returnToBot: f.returnToBot, at }, f.id);
      if (!r.duplicate) { await this.store.setState(conv.id, 'closed', at); this.store.publish({ queue: true }); }
      if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq });
    }
  }

  subscribe(ws, id) {
    ws.subs.delete(id);
    ws.subs.add(id);
    if (ws.subs.size > MAX_AGENT_SUBS) ws.subs.delete(ws.subs.values().next().value);
  }

  async agentOpen(ws, conv, lastSeq) {
    this.subscribe(ws, conv.id);
    // Per conversation: an agent's frames for different conversations run concurrently.
    (ws.replaying ??= new Map()).set(conv.id, []);
    this.send(ws, { type: 'conversation', conversation: conv.id, state: conv.state, handoff: conv.handoff,
      summary: summarize(conv.handoff), agent: conv.agentName ? { name: conv.agentName } : null, createdAt: conv.createdAt });
    await this.replay(ws, conv.id, lastSeq, () => true, (ev) => agentFrame(conv.id, ev));
  }

  async queueFrame() {
    const list = await this.store.listOpen(this.limits.maxQueueListed);
    return { type: 'queue', agentsOnline: await this.store.agentsOnline(this.now(), AGENT_TTL_MS),
      conversations: list.map((c) => ({ conversation: c.id, state: c.state, agent: c.agentName ? { name: c.agentName } : null,
        createdAt: c.createdAt, updatedAt: c.updatedAt, lastSeq: c.lastSeq, summary: summarize(c.handoff) })) };
  }

  // ---------------------------------------------------------------- bus
  onBus(m) {
    if (m.presence) {
      if (!this.presenceTimer) {
        this.presenceTimer = setTimeout(() => {
          this.presenceTimer = null;
          this.refreshAvailability().catch((e) => console.error(`[relay ${this.instance}] availability refresh failed: ${e.message}`));
        }, 200);
      }
      return;
    }
    if (m.queue) {
      // Debounced: a burst of new conversations becomes one queue refresh per agent.
      if (!this.queueTimer && this.agents.size) {
        this.queueTimer = setTimeout(async () => {
          this.queueTimer = null;
          try {
            const frame = await this.queueFrame();
            for (const ws of this.agents) this.send(ws, frame);
          } catch (e) { console.error(`[relay ${this.instance}] queue refresh failed: ${e.message}`); }
        }, 150);
      }
      return;
    }
    if (!m.conv) return;
    const visitors = this.visitors.get(m.conv);
    if (m.typing) {
      if (m.typing === 'agent') for (const ws of visitors ?? []) this.send(ws, { type: 'typing' });
      else for (const ws of this.agents) if (ws.subs.has(m.conv)) this.send(ws, { type: 'typing', conversation: m.conv });
      return;
    }
    const ev = m.event;
    if (!ev) return;
    const state = { agent_joined: 'assigned', closed: 'closed', leave_message: 'message_left' }[ev.kind];
    for (const ws of visitors ?? []) {
      if (state) ws.convState = state;
      if (ev.kind === 'closed') ws.closedConversation = true;
      if (ev.from !== 'visitor') this.deliver(ws, visitorFrame(ev), m.conv);
    }
    for (const ws of this.agents) if (ws.subs.has(m.conv)) this.deliver(ws, agentFrame(m.conv, ev), m.conv);
  }

  /** Live events for the conversation being replayed to this socket wait until the replay is done. */
  deliver(ws, frame, conversation) {
    const held = ws.replaying?.get(conversation);
    if (held) held.push(frame); else this.send(ws, frame);
  }

  heartbeat() {
    for (const ws of this.wss.clients) {
      if (!ws.isAlive) { ws.terminate(); continue; }
      ws.isAlive = false;
      ws.ping();
    }
  }

  agentBeat() {
    const now = this.now();
    const ids = new Set([...this.agents].map((ws) => ws.agent.id));
    for (const id of ids) this.store.agentSeen(id, now).catch(() => {});
    // Also catches what no event announces: an instance that died with agents on it, hours ending.
    this.refreshAvailability().catch(() => {});
  }
}

/** A stored event as the visitor sees it (agent-assist suggestions never go back to the visitor). */
export function visitorFrame(ev) {
  const { kind, suggestions, ...rest } = ev;
  return { type: kind, ...rest };
}

export function agentFrame(conversation, ev) {
  const { kind, ...rest } = ev;
  return { type: kind, conversation, ...rest };
}
