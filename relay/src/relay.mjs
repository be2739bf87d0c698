// The relay: an HTTP server that serves the agent console and upgrades /visitor and /agent to
// WebSocket. Every state change goes through the store (durable first), then through the store's
// bus to whichever instance holds the sockets that must hear about it, so one instance (SQLite,
// local bus) and many (Redis, pub/sub) run the same code.
//
// Routing: conversations wait on their team's queue; any instance may assign them (one at a time
// under a store lock in Redis mode) to the least busy online agent of the team under their
// max_chats. Every change of a conversation's state is a compare-and-set in the store, so two
// instances (or a sweep racing an accept) can never both win.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import {
  DEFAULT_LIMITS, PROTOCOL_VERSION, ProtocolError, parseFrame, validateHello, validateVisitorFrame,
  validateAgentFrame, summarize, initialLive, advanceLive, listItem,
} from './protocol.mjs';
import { parseHours, isOpen, nextOpen } from './hours.mjs';
import { handleApi } from './http-api.mjs';
import { reviewStart, validateVerdict, validateTurns, REVIEW_LIMITS } from './review.mjs';
import {
  AccountError, SESSION_IDLE_MS, agentOf, publicAccount, serves, validateAccount, verifySecret, hashSecret, generatePassword,
  checkPassword, newSessionToken, sessionKey, DEFAULT_MAX_CHATS,
} from './accounts.mjs';

const CONSOLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'console');
const CONSOLE_FILES = { // a fixed map, so no request path ever reaches the file system
  '/console/': ['index.html', 'text/html; charset=utf-8'],
  '/console/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/console/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/console/console.css': ['console.css', 'text/css; charset=utf-8'],
  '/console/review-view.js': ['review-view.js', 'text/javascript; charset=utf-8'],
  '/console/review-summary.js': ['review-summary.js', 'text/javascript; charset=utf-8'],
};
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
  + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PING_MS = 30000;            // dead sockets are found within two of these
const MAX_BUFFERED = 1 << 20;     // a client that cannot keep up 1 MiB behind is disconnected
const MAX_AGENT_SUBS = 200;       // conversations one agent socket follows at once
const MAX_PENDING_BYTES = 1 << 20; // frames received but not yet handled, per socket: a flood is cut off
const LOGIN_WINDOW_MS = 15 * 60000;
const OPEN_STATES = ['queued', 'assigned', 'message_left'];

const sha256 = (s) => crypto.createHash('sha256').update(s).digest();
const newId = () => crypto.randomBytes(12).toString('base64url');

/** The bootstrap admin: signs in with account "admin" and the --agent-token. */
const BOOTSTRAP = Object.freeze({ id: 'admin', name: 'Admin', role: 'admin', teams: [], maxChats: 0 });

export class Relay {
  /**
   * @param {object} o
   * @param {object} o.store SqliteStore | RedisStore (already constructed; init() is called here)
   * @param {string} [o.agentToken] bootstrap secret: account "admin" (and legacy token sign-in)
   * @param {string[]} o.allowOrigins visitor origins allowed ('*' = any)
   * @param {string} [o.hours] business hours, e.g. "mon-fri 09:00-17:00 Europe/Paris"
   * @param {Map<string,object>} [o.teamHours] team -> parsed hours (overrides o.hours for that team)
   * @param {string} [o.identitySecret] HMAC key for visitor identity hashes
   * @param {number} [o.agentGraceMs] an agent with no socket this long is offline; their chats are requeued
   * @param {number} [o.queueExpiryMs] a queued conversation whose visitor has been gone this long is closed
   * @param {object} [o.limits] overrides of DEFAULT_LIMITS
   * @param {boolean} [o.console] serve the agent console (default true)
   * @param {string} [o.instance] name reported in /healthz and welcome frames
   */
  constructor(o) {
    if (o.agentToken !== undefined && o.agentToken !== null && o.agentToken.length < 8) {
      throw new Error('the agent token must be at least 8 characters (--agent-token or ATTUNE_AGENT_TOKEN)');
    }
    this.store = o.store;
    this.tokenDigest = o.agentToken ? sha256(o.agentToken) : null;
    this.allowOrigins = new Set(o.allowOrigins ?? []);
    this.hours = o.hours ? parseHours(o.hours) : null;
    this.teamHours = o.teamHours ?? new Map();
    this.identitySecret = o.identitySecret || null;
    this.trustProxy = o.trustProxy === true;
    this.agentGraceMs = o.agentGraceMs ?? 60000;
    this.queueExpiryMs = o.queueExpiryMs ?? 600000;
    // Presence is refreshed every beat and counts for three; short grace/expiry (tests) beat faster.
    this.beatMs = Math.max(100, Math.min(5000, Math.floor(Math.min(this.agentGraceMs, this.queueExpiryMs) / 3)));
    this.presenceTtlMs = this.beatMs * 3;
    this.limits = { ...DEFAULT_LIMITS, ...(o.limits ?? {}) };
    this.serveConsole = o.console !== false;
    this.instance = o.instance ?? `relay-${process.pid}`;
    this.now = o.now ?? Date.now;
    this.visitors = new Map();     // conversation id -> Set<ws> on this instance
    this.agents = new Set();       // agent sockets on this instance
    this.ipRate = new Map();       // ip -> timestamps of recent conversation creations
    this.loginFails = new Map();   // ip -> timestamps of recent failed agent sign-ins
    this.reviewRate = new Map();   // ip -> timestamps of recent consented reviews (POST /api/reviews)
    this.ipSockets = new Map();    // ip -> open visitor sockets on this instance
    this.accounts = new Map();     // name -> account (no secret), refreshed on change
    this.queueTimer = null;
    this.timers = [];
    this.startedAt = this.now();
  }

  async listen(port = 0, host = '127.0.0.1') {
    await this.store.init();
    await this.loadAccounts();
    this.store.onBus((m) => this.onBus(m));
    this.http = http.createServer((req, res) => this.onHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxFrameBytes });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    await new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => { this.http.off('error', reject); resolve(); });
    });
    this.timers.push(setInterval(() => this.heartbeat(), PING_MS));
    this.timers.push(setInterval(() => this.beat(), this.beatMs));
    this.timers.push(setInterval(() => this.sweep().catch((e) => console.error(`[relay ${this.instance}] sweep failed: ${e.message}`)), this.beatMs));
    this.timers.push(setInterval(() => this.sweepRates(), 60000));
    this.timers.push(setInterval(() => this.loadAccounts().catch(() => {}), 30000));
    for (const t of this.timers) t.unref();
    const a = this.http.address();
    this.port = a.port;
    this.host = host;
    this.scheduleDispatch();
    return a;
  }

  /** Stop: tell clients to go elsewhere (1012 service restart), flush and close the store. */
  async close() {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.queueTimer);
    clearTimeout(this.presenceTimer);
    clearTimeout(this.dispatchTimer);
    for (const ws of this.wss?.clients ?? []) ws.close(1012, 'relay restarting');
    for (const set of this.visitors.values()) for (const sink of set) if (sink.sendFrame) sink.terminate();
    // Idle keep-alive HTTP connections (webhook visitors' fetches) would hold close() for the
    // keep-alive timeout; in-flight requests get one second to finish.
    const closed = new Promise((r) => this.http ? this.http.close(() => r()) : r());
    this.http?.closeIdleConnections?.();
    const force = setTimeout(() => this.http?.closeAllConnections?.(), 1000);
    await closed;
    clearTimeout(force);
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    const now = this.now();
    for (const id of new Set([...this.agents].map((ws) => ws.agent.id))) await this.store.agentGone(id, this.instance, now).catch(() => {});
    while (this.dispatching) await new Promise((r) => setTimeout(r, 20));
    await this.store.close();
  }

  async loadAccounts() {
    const list = await this.store.listAccounts();
    this.accounts = new Map(list.map((a) => [a.name, { ...a, secret: undefined }]));
  }

  /** Teams a conversation can be routed to: those of some account or with their own hours. */
  knownTeam(team) {
    if (!team) return 'default';
    if (this.teamHours.has(team)) return team;
    for (const a of this.accounts.values()) if (a.teams?.includes(team)) return team;
    return 'default';
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

  /**
   * The visitor's address for the per-address limits. Behind a reverse proxy (--trust-proxy) it is
   * the last X-Forwarded-For entry, the one the proxy itself appended (earlier ones are the
   * client's to invent); otherwise every visitor would share the proxy's address and its caps.
   */
  clientIp(req) {
    if (this.trustProxy) {
      const xff = String(req.headers['x-forwarded-for'] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
      if (xff.length) return xff[xff.length - 1].slice(0, 64);
    }
    return req.socket.remoteAddress;
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
      // The console is served from here, so a browser agent is same-origin. The credentials, sent
      // in the first frame (never a cookie), are the real check; origin only stops other sites' pages.
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
    ws.ip = this.clientIp(req);
    ws.origin = req.headers.origin;
    ws.isAlive = true;
    ws.ready = false;
    if (role === 'visitor') {
      const n = this.ipSockets.get(ws.ip) ?? 0;
      if (this.limits.maxSocketsPerIp && n >= this.limits.maxSocketsPerIp) {
        this.send(ws, { type: 'error', code: 'rate_limited', message: `at most ${this.limits.maxSocketsPerIp} connections from one address`, retryAfterMs: 10000 });
        ws.close(4429, 'rate_limited');
        return;
      }
      this.ipSockets.set(ws.ip, n + 1);
      ws.countedIp = true;
    }
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
      // The first frame is the hello (an availability question may come before it); everything
      // else waits for it.
      if (!(msg?.type === 'availability' && !ws.afterHello)) ws.afterHello ??= next;
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (ws.countedIp) {
        const n = (this.ipSockets.get(ws.ip) ?? 1) - 1;
        if (n <= 0) this.ipSockets.delete(ws.ip); else this.ipSockets.set(ws.ip, n);
      }
      this.detach(ws);
    });
    ws.on('error', () => {}); // 'close' follows; nothing else to do
  }

  reportError(ws, e) {
    if (e instanceof ProtocolError) {
      this.send(ws, { type: 'error', code: e.code, message: e.message, ...(e.id !== undefined ? { id: e.id } : {}),
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) });
    } else if (e instanceof AccountError || e?.code === 'bad_request') {
      this.send(ws, { type: 'error', code: e.code, message: e.message, ...(e.id !== undefined ? { id: e.id } : {}) });
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
      if (ws.role === 'visitor' && msg.type === 'availability') {
        return this.send(ws, await this.availabilityFrame(validateVisitorFrame(msg, this.limits).team));
      }
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
      // Only this instance's presence for the agent goes; another instance may still hold a socket.
      if (!stillHere && !this.closing) {
        this.store.agentGone(ws.agent.id, this.instance, this.now()).then(() => this.store.publish({ presence: true })).catch(() => {});
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
    const here = this.visitors.get(conv.id);
    if (this.limits.maxSocketsPerConversation && here && here.size >= this.limits.maxSocketsPerConversation) {
      this.send(ws, { type: 'error', code: 'rate_limited', message: `at most ${this.limits.maxSocketsPerConversation} connections per conversation`,
        retryAfterMs: 10000 });
      ws.close(4429, 'rate_limited');
      return;
    }
    ws.ready = true;
    ws.conversation = conv.id;
    ws.convState = conv.state;
    ws.team = conv.team;
    ws.closedConversation = conv.state === 'closed';
    ws.replaying = new Map([[conv.id, []]]); // live events wait here until the replay is done
    if (!this.visitors.has(conv.id)) this.visitors.set(conv.id, new Set());
    this.visitors.get(conv.id).add(ws);
    this.send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION, instance: this.instance, conversation: conv.id,
      ...(ws.secretForWelcome ? { secret: ws.secretForWelcome } : {}), resumed: hello.resume, state: conv.state,
      agent: conv.agentName ? { name: conv.agentName } : null, lastSeq: conv.lastSeq, team: conv.team, priority: conv.priority });
    delete ws.secretForWelcome;
    if (hello.resume && conv.state === 'queued') this.store.visitorsSeen([conv.id], now).catch(() => {});
    if (!hello.resume) this.store.publish({ queue: true });
    // A new conversation may have been assigned (by a dispatch another change started) between its
    // creation and this socket joining: replay from 0 then, too, so its agent_joined is not missed.
    await this.replay(ws, conv.id, hello.resume ? hello.lastSeq : 0, (ev) => ev.from !== 'visitor', (ev) => visitorFrame(ev));
    const fresh = await this.store.getRouting(conv.id);
    if (fresh) ws.convState = fresh.state;
    if (ws.convState === 'queued') await this.tellStatus(ws);
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
    if (this.limits.maxQueuedPerIp && ip && (await this.store.queuedFromIp(ip)) >= this.limits.maxQueuedPerIp) {
      const e = new ProtocolError('rate_limited', `at most ${this.limits.maxQueuedPerIp} waiting conversations from one address`);
      e.retryAfterMs = 60000;
      throw e;
    }
    const { team: askedTeam, priority: askedPriority, country, identity: rawIdentity, turns: rawTurns, ...rest } = handoff;
    // Review data must never cost a visitor their handoff: malformed turn records are dropped.
    let turns = [];
    try { turns = validateTurns(rawTurns ?? [], { ...REVIEW_LIMITS, maxTurns: this.limits.maxTranscriptTurns }); } catch { turns = []; }
    const team = this.knownTeam(askedTeam);
    // A handoff for a crisis is a crisis conversation whatever the widget called its priority.
    const priority = (rest.reasons ?? []).some((r) => r.name === 'crisis') ? 'crisis' : askedPriority ?? 'normal';
    const identity = this.verifyIdentity(rawIdentity);
    const stored = { ...rest, team, priority, country: country ?? null };
    const conv = { id, secretHash: sha256(secret).toString('hex'), handoff: stored, origin: origin ?? null, state: 'queued', agentName: null,
      lastSeq: 0, team, priority, country: country ?? null, identity, createdAt: now, updatedAt: now, queuedAt: now };
    const created = await this.store.createConversation({ id, secretHash: conv.secretHash, handoff: stored, origin: conv.origin, at: now,
      team, priority, country: country ?? null, identity, ip: ip ?? null, live: initialLive(stored) });
    if (!created) return { conv: await this.authorizeVisitor(id, secret), secret, existed: true }; // the same hello raced itself
    // The review record (issue 16): the bot's turns before the handoff, for the review page.
    await this.store.mergeReview(id, reviewStart(stored, turns, team, now));
    if (priority === 'crisis') this.store.publish({ alert: { conversation: id, kind: 'crisis', crisisKind: null, team, at: now } });
    return { conv, secret, existed: false };
  }

  /** identity.hash must be hex(HMAC-SHA256(secret, userId || email)); the hash itself is never stored. */
  verifyIdentity(identity) {
    if (!identity) return null;
    const { hash, ...who } = identity;
    let verified = false;
    const subject = who.userId ?? who.email;
    if (this.identitySecret && hash && subject) {
      const want = Buffer.from(crypto.createHmac('sha256', this.identitySecret).update(subject).digest('hex'));
      const got = Buffer.from(String(hash).toLowerCase());
      verified = got.length === want.length && crypto.timingSafeEqual(got, want);
    }
    return { ...who, verified };
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

  hoursOf(team) { return this.teamHours.get(team) ?? this.hours; }

  /** Online agents (any status) who serve `team`; legacy/bootstrap sign-ins serve every team. */
  async agentsFor(team, now) {
    const online = await this.store.onlineAgents(now, this.presenceTtlMs);
    return online.map((a) => ({ ...a, acc: this.accounts.get(a.id) ?? null })).filter((a) => !a.acc || serves(a.acc, team));
  }

  /**
   * Is anyone there for `team`? {open, reason: null|offline|closed_hours|busy, team, agentsOnline,
   * queue, nextOpen}. busy: agents are online but all away or at their max_chats (the visitor may
   * still queue). Sign-ins without an account (max_chats 0: manual accept) are never busy.
   */
  async availability(team, now = this.now()) {
    team = this.knownTeam(team);
    const queue = (await this.store.queuedTeams()).get(team) ?? 0;
    const hours = this.hoursOf(team);
    const agents = await this.agentsFor(team, now);
    const active = agents.filter((a) => a.status !== 'away');
    const base = { team, agentsOnline: active.length, queue };
    if (hours && !isOpen(hours, new Date(now))) return { open: false, reason: 'closed_hours', ...base, nextOpen: nextOpen(hours, now) };
    if (!agents.length) return { open: false, reason: 'offline', ...base, nextOpen: null };
    const loads = await this.store.assignedCounts();
    const free = active.some((a) => !a.acc || a.acc.maxChats === 0 || (loads.get(a.id) ?? 0) < a.acc.maxChats);
    return { open: free, reason: free ? null : 'busy', ...base, nextOpen: null };
  }

  async availabilityFrame(team) { return { type: 'availability', ...await this.availability(team) }; }

  /** What a queued visitor is told: queued {position, team}, or no_agent with the reason. */
  async visitorStatus(conv, cache = new Map()) {
    const team = conv.team ?? 'default';
    let t = cache.get(team);
    if (!t) {
      const [a, order] = await Promise.all([this.availability(team), this.store.queueOrder(team)]);
      t = { a, pos: new Map(order.map((id, i) => [id, i + 1])) };
      cache.set(team, t);
    }
    if (t.a.reason === 'offline' || t.a.reason === 'closed_hours') return { type: 'no_agent', reason: t.a.reason };
    return { type: 'queued', position: t.pos.get(conv.id) ?? t.pos.size + 1, team };
  }

  async tellStatus(ws, cache) {
    const f = await this.visitorStatus({ id: ws.conversation, team: ws.team }, cache);
    ws.lastTold = JSON.stringify(f);
    this.send(ws, f);
  }

  /**
   * Tell queued visitors on this instance what changed: their place in the queue, the last agent
   * leaving or one coming back, business hours ending — so nobody waits in a queue no one watches.
   */
  async refreshAvailability() {
    const queued = [];
    for (const set of this.visitors.values()) for (const ws of set) if (ws.convState === 'queued' && ws.lastTold) queued.push(ws);
    if (!queued.length) return;
    const cache = new Map();
    for (const ws of queued) {
      const f = await this.visitorStatus({ id: ws.conversation, team: ws.team }, cache);
      const key = JSON.stringify(f);
      if (ws.lastTold !== key && ws.convState === 'queued') { ws.lastTold = key; this.send(ws, f); }
    }
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
    // An event read by the replay may still be on its way over the bus (its publish follows its
    // append): remember how far the replay went so that copy is dropped when it arrives.
    (ws.replayedTo ??= new Map()).set(conversation, after);
    if (ws.replayedTo.size > MAX_AGENT_SUBS) ws.replayedTo.delete(ws.replayedTo.keys().next().value);
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
    if (f.type === 'availability') return this.send(ws, await this.availabilityFrame(f.team ?? ws.team));
    if (ws.closedConversation && f.type !== 'csat' && f.type !== 'close') {
      throw new ProtocolError('closed', 'this conversation is closed; start a new one', f.id);
    }
    if (f.type === 'message') {
      // The store checks the rolling window atomically with the append, after de-duplication, so
      // a resend of a stored message is acknowledged even when the window is full, and in Redis
      // mode the window is shared by all instances.
      const rate = this.limits.messagesPerMinute ? { limit: this.limits.messagesPerMinute, windowMs: 60000 } : undefined;
      const r = await this.append(conv, { kind: 'message', from: 'visitor', id: f.id, text: f.text, suggestions: f.suggestions,
        ...(f.affect ? { affect: f.affect } : {}), at }, f.id, rate);
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      if (!r.duplicate) await this.afterVisitorMessage(conv, f.affect, at);
      return;
    }
    if (f.type === 'leave_message') {
      const r = await this.append(conv, { kind: 'leave_message', from: 'visitor', id: f.id, text: f.text, contact: f.contact, at }, f.id);
      if (!r.duplicate && await this.store.transition(conv, { from: ['queued'] }, { state: 'message_left', at })) {
        this.store.publish({ queue: true, messages: true });
      }
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      return;
    }
    if (f.type === 'csat') {
      const r = await this.append(conv, { kind: 'csat', from: 'visitor', id: f.id, score: f.score, comment: f.comment, at }, f.id);
      if (!r.duplicate) await this.store.mergeReview(conv, { csat: { score: f.score, at } });
      this.send(ws, { type: 'ack', id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
      return;
    }
    if (f.type === 'close') {
      if (!ws.closedConversation) {
        // A left message stays for the agents: the visitor going back to the bot must not drop it.
        if (await this.store.transition(conv, { from: ['queued', 'assigned'] }, { state: 'closed', at })) {
          const r = await this.append(conv, { kind: 'closed', from: 'visitor', id: f.id, reason: 'visitor_left', returnToBot: true, at }, f.id);
          await this.store.mergeReview(conv, { ended_at: at, outcome: 'visitor_left' });
          ws.closedConversation = true;
          this.store.publish({ queue: true });
          if (f.id) this.send(ws, { type: 'ack', id: f.id, seq: r.seq });
          return;
        }
        const seq = f.id ? await this.store.findDuplicate(conv, 'visitor', f.id) : null;
        const now = await this.store.getConversation(conv);
        if (now?.state === 'closed') ws.closedConversation = true;
        if (f.id) this.send(ws, { type: 'ack', id: f.id, seq: seq ?? 0, ...(now?.state === 'message_left' ? { state: 'message_left' } : {}) });
      } else if (f.id) {
        this.send(ws, { type: 'ack', id: f.id, seq: 0 });
      }
    }
  }

  /** Keep the conversation's running summary; a crisis raises its priority and alerts agents. */
  async afterVisitorMessage(id, affect, at) {
    // Per message: read the routing fields only, not the (up to 64 KiB) handoff.
    const c = await this.store.getRouting(id);
    if (!c) return;
    const patch = { live: advanceLive(c.live ?? initialLive((await this.store.getConversation(id)).handoff), affect) };
    const crisis = affect?.crisis === true && c.priority !== 'crisis' && c.state !== 'closed';
    if (crisis) patch.priority = 'crisis';
    await this.store.transition(id, {}, patch);
    if (affect?.crisis === true && c.state !== 'closed') {
      this.store.publish({ alert: { conversation: id, kind: 'crisis', crisisKind: affect.crisisKind ?? null, team: c.team, agent: c.agentId, at } });
      if (crisis) this.store.publish({ queue: true });
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

  window(map, key, now, span = 60000) {
    let w = map.get(key);
    if (!w) { w = []; map.set(key, w); }
    while (w.length && now - w[0] >= span) w.shift();
    return w;
  }

  allowRate(map, key, limit, now) {
    if (!limit) return true;
    const w = this.window(map, key, now);
    if (w.length >= limit) return false;
    w.push(now);
    return true;
  }

  /** Forget addresses with no recent conversation or failed sign-in (bounded memory). */
  sweepRates() {
    const now = this.now();
    for (const m of [this.ipRate, this.reviewRate]) for (const [k, w] of m) if (!w.length || now - w[w.length - 1] >= 60000) m.delete(k);
    for (const [k, w] of this.loginFails) if (!w.length || now - w[w.length - 1] >= LOGIN_WINDOW_MS) this.loginFails.delete(k);
  }

  // ---------------------------------------------------------------- agents
  loginBlocked(ip, now) {
    const w = this.window(this.loginFails, ip ?? '?', now, LOGIN_WINDOW_MS);
    return this.limits.loginAttempts && w.length >= this.limits.loginAttempts ? w[0] + LOGIN_WINDOW_MS - now : 0;
  }

  tokenTag() { return this.tokenDigest ? sha256(Buffer.concat([Buffer.from('session-tag:'), this.tokenDigest])).toString('hex').slice(0, 16) : null; }

  tokenOk(token) { return this.tokenDigest !== null && crypto.timingSafeEqual(sha256(token), this.tokenDigest); }

  /**
   * The agent behind a console session token (for the HTTP review API), as it is now: an account's
   * role is re-read from the store; token sign-ins end with the token. Null if the session ended.
   */
  async sessionAgent(token, now) {
    const key = sessionKey(String(token));
    const s = await this.store.getSession(key, now, SESSION_IDLE_MS);
    if (!s) return null;
    if (s.agent.legacy || s.agent.bootstrap) return this.tokenDigest && s.agent.tokenTag === this.tokenTag() ? s.agent : null;
    const acc = await this.store.getAccount(s.account);
    return acc ? agentOf(acc) : null;
  }

  async agentHello(ws, hello) {
    const now = this.now();
    const wait = this.loginBlocked(ws.ip, now);
    if (wait) {
      this.send(ws, { type: 'error', code: 'rate_limited', message: 'too many failed sign-ins from this address; try again later', retryAfterMs: wait });
      ws.close(4429, 'rate_limited');
      return;
    }
    const fail = (code = 'bad_credentials', message = 'the account name or password is not valid') => {
      this.window(this.loginFails, ws.ip ?? '?', now, LOGIN_WINDOW_MS).push(now);
      this.send(ws, { type: 'error', code, message });
      ws.close(4401, code);
    };
    let agent;
    let token = null;
    let key;
    if (hello.session) {
      key = sessionKey(hello.session);
      const s = await this.store.getSession(key, now, SESSION_IDLE_MS);
      if (!s) return fail('bad_credentials', 'this session has ended; sign in again');
      if (s.agent.legacy || s.agent.bootstrap) {
        // Signed in with the token: valid only while that token is the relay's (a rotated token ends them).
        if (!this.tokenDigest || s.agent.tokenTag !== this.tokenTag()) return fail('bad_credentials', 'this session has ended; sign in again');
        agent = s.agent;
      } else {
        const acc = await this.store.getAccount(s.account); // re-read: role, teams or limits may have changed
        if (!acc) { await this.store.deleteSession(key); return fail('bad_credentials', 'this account no longer exists'); }
        agent = agentOf(acc);
        this.accounts.set(acc.name, { ...acc, secret: undefined });
      }
      token = hello.session;
    } else if (hello.password !== undefined) {
      const acc = await this.store.getAccount(hello.account);
      if (!(await verifySecret(hello.password, acc?.secret))) return fail();
      agent = agentOf(acc);
      this.accounts.set(acc.name, { ...acc, secret: undefined }); // the CLI may have changed it since the last refresh
    } else if (hello.account !== undefined) {
      if (hello.account !== 'admin' || !this.tokenOk(hello.token)) return fail();
      const acc = await this.store.getAccount('admin');
      agent = acc ? { ...agentOf(acc), role: 'admin' } : { ...BOOTSTRAP, bootstrap: true, tokenTag: this.tokenTag() };
    } else {
      // Legacy: the shared token with any name (consoles from before accounts). It signs in as an
      // admin who accepts by hand (max_chats 0: never auto-assigned).
      if (!this.tokenOk(hello.token)) return fail('bad_token', 'the agent token is not valid');
      agent = { id: hello.agentId ?? sha256(hello.name).toString('hex').slice(0, 16), name: hello.name, role: 'admin', teams: [], maxChats: 0, legacy: true,
        tokenTag: this.tokenTag() };
    }
    if (!token) {
      token = newSessionToken();
      key = sessionKey(token);
      await this.store.createSession(key, agent.id, agent, now, SESSION_IDLE_MS);
    } else {
      await this.store.touchSessions([key], now, SESSION_IDLE_MS);
    }
    if (ws.readyState !== 1) return; // closed before its hello was handled: nothing to attach
    ws.agent = agent;
    ws.sessionKey = key;
    ws.subs = new Set();
    ws.ready = true;
    this.agents.add(ws);
    await this.store.agentSeen(agent.id, this.instance, this.now()); // now, not when the hello arrived: scrypt took a while
    const status = await this.store.agentStatus(agent.id);
    this.store.publish({ presence: true });
    this.send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION, instance: this.instance,
      agent: { id: agent.id, name: agent.name, role: agent.role, teams: agent.teams, maxChats: agent.maxChats },
      session: token, status, limits: { maxMessageLength: this.limits.maxMessageLength } });
    this.send(ws, await this.queueFrame(agent));
  }

  /** May this agent see (open, accept) the conversation? Admins: all; others: their teams and their own. */
  canSee(agent, conv) { return agent.role === 'admin' || serves(agent, conv.team) || conv.agentId === agent.id; }

  async agentFrame(ws, f) {
    const at = this.now();
    const me = ws.agent;
    if (f.type === 'queue') return this.send(ws, await this.queueFrame(me));
    // A requested page echoes the request's id, so it is told apart from pushed refreshes.
    if (f.type === 'queue_page') return this.send(ws, { ...await this.queueFrame(me, f.before, f.limit), ...(f.id ? { id: f.id } : {}) });
    if (f.type === 'messages_page') return this.send(ws, { ...await this.messagesFrame(me, f.before, f.limit), ...(f.id ? { id: f.id } : {}) });
    if (f.type === 'presence') {
      await this.store.setAgentStatus(me.id, f.status);
      this.store.publish({ presence: true, agent: me.id, status: f.status });
      return;
    }
    if (f.type === 'logout') {
      await this.store.deleteSession(ws.sessionKey);
      this.store.publish({ logout: ws.sessionKey });
      return;
    }
    if (f.type === 'accounts' || f.type === 'account_upsert' || f.type === 'account_remove') return this.accountFrame(ws, f, at);
    if (f.type === 'typing') {
      if (at - (ws.lastTyping ?? 0) < 1000) return;
      ws.lastTyping = at;
      const r = await this.store.getRouting(f.conversation);
      if (!r || !this.canSee(me, r)) return; // nothing to show, and not theirs to show it in
      this.store.publish({ conv: f.conversation, typing: 'agent' });
      return;
    }
    const conv = await this.store.getConversation(f.conversation);
    if (!conv) throw new ProtocolError('not_found', `conversation ${f.conversation} does not exist`);
    if (!this.canSee(me, conv)) throw new ProtocolError('forbidden', `conversation ${conv.id} belongs to team ${conv.team}`);
    if (f.type === 'open') return this.agentOpen(ws, conv, f.lastSeq);
    if (f.type === 'accept') {
      if (conv.state === 'assigned' && conv.agentId === me.id) return this.agentOpen(ws, conv, 0);
      if (conv.state !== 'queued' && conv.state !== 'message_left') {
        throw new ProtocolError('not_queued', `conversation is ${conv.state}${conv.agentName ? ` (agent ${conv.agentName})` : ''}`);
      }
      this.subscribe(ws, conv.id); // before the join event is published, so this socket hears it
      if (!(await this.store.transition(conv.id, { from: ['queued', 'message_left'] }, { state: 'assigned', agentId: me.id, agentName: me.name, at }))) {
        ws.subs.delete(conv.id);
        throw new ProtocolError('not_queued', 'another agent accepted this conversation first');
      }
      await this.store.agentAssigned(me.id, at);
      await this.append(conv.id, { kind: 'agent_joined', from: 'relay', agent: { name: me.name }, at });
      this.store.publish({ queue: true, messages: conv.state === 'message_left' });
      return this.agentOpen(ws, { ...conv, state: 'assigned', agentId: me.id, agentName: me.name }, 0);
    }
    if (f.type === 'transfer') return this.transfer(ws, conv, f, at);
    if (f.type === 'verdict') return this.verdict(ws, conv, f, at);
    // A left message may be answered (and closed) by any agent of its team, without taking it.
    const answering = conv.state === 'message_left' && (f.type === 'message' || f.type === 'close');
    if (!answering && (conv.state !== 'assigned' || conv.agentId !== me.id)) {
      throw new ProtocolError('not_assigned', `conversation is ${conv.state}${conv.agentName ? ` with ${conv.agentName}` : ''}; accept it first`);
    }
    if (f.type === 'message') {
      this.subscribe(ws, conv.id);
      const r = await this.append(conv.id, { kind: 'message', from: 'agent', id: f.id, text: f.text, agent: { name: me.name }, at }, f.id);
      this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq, ...(r.duplicate ? { duplicate: true } : {}) });
    } else if (f.type === 'csat_request') {
      const r = await this.append(conv.id, { kind: 'csat_request', from: 'agent', id: f.id, at }, f.id);
      if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq });
    } else if (f.type === 'close') {
      if (f.verdict) { try { validateVerdict(f.verdict); } catch (e) { e.id = f.id; throw e; } } // refused before anything closes
      const guard = answering ? { from: ['message_left'] } : { from: ['assigned'], agentId: me.id };
      if (await this.store.transition(conv.id, guard, { state: 'closed', at })) {
        const r = await this.append(conv.id, { kind: 'closed', from: 'agent', id: f.id, reason: f.returnToBot ? 'returned_to_bot' : 'agent_closed',
          returnToBot: f.returnToBot, at }, f.id);
        await this.store.mergeReview(conv.id, { ended_at: at, outcome: f.returnToBot ? 'returned_to_bot' : 'agent_closed', agent: me.id, team: conv.team });
        this.store.publish({ queue: true, messages: answering });
        if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: r.seq });
        // The close stands whatever the mark: a bad turn is reported after the ack.
        if (f.verdict) await this.verdict(ws, { ...conv, state: 'closed' }, { conversation: conv.id, verdict: f.verdict }, at);
      } else if (f.id) {
        this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: (await this.store.findDuplicate(conv.id, 'agent', f.id)) ?? 0 });
      }
    }
  }

  /**
   * An agent's mark on a handoff (issue 16): on_time, late (with the visitor turn it should have
   * come at) or not_needed. The agent who had the conversation, or an admin; the last mark wins.
   */
  async verdict(ws, conv, f, at) {
    const me = ws.agent;
    if (me.role !== 'admin' && conv.agentId !== me.id) throw new ProtocolError('forbidden', 'only the agent who had this conversation, or an admin, may mark it', f.id);
    const review = await this.store.getReview(conv.id);
    let v;
    try { v = validateVerdict(f.verdict, review?.turns ?? []); } catch (e) { e.id = f.id; throw e; }
    await this.store.mergeReview(conv.id, { verdict: { ...v, by: me.id, at } });
    if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq: 0 });
  }

  /** Admins, or the agent it is assigned to, hand a conversation to another agent or team. */
  async transfer(ws, conv, f, at) {
    const me = ws.agent;
    if (me.role !== 'admin' && !(conv.state === 'assigned' && conv.agentId === me.id)) {
      throw new ProtocolError('forbidden', 'only an admin or the assigned agent may transfer this conversation');
    }
    if (!OPEN_STATES.includes(conv.state)) throw new ProtocolError('closed', 'this conversation is closed');
    const guard = { from: [conv.state], agentId: conv.agentId ?? null };
    let seq;
    if (f.to.agent) {
      const acc = await this.store.getAccount(f.to.agent);
      if (!acc) throw new ProtocolError('not_found', `no agent account "${f.to.agent}"`);
      const to = agentOf(acc);
      if (!(await this.store.transition(conv.id, guard, { state: 'assigned', agentId: to.id, agentName: to.name, at }))) {
        throw new ProtocolError('not_queued', 'the conversation changed meanwhile; look again');
      }
      await this.store.agentAssigned(to.id, at);
      seq = (await this.append(conv.id, { kind: 'transferred', from: 'relay', to: { agent: to.id, name: to.name }, by: { name: me.name }, at })).seq;
      await this.append(conv.id, { kind: 'agent_joined', from: 'relay', agent: { name: to.name }, at });
      this.store.publish({ assigned: to.id, conv: conv.id, reason: 'transfer' });
    } else {
      const state = (await this.hadLeftMessage(conv.id)) ? 'message_left' : 'queued'; // a left message stays one
      if (!(await this.store.transition(conv.id, guard, { state, team: f.to.team, agentId: null, agentName: null, at }))) {
        throw new ProtocolError('not_queued', 'the conversation changed meanwhile; look again');
      }
      seq = (await this.append(conv.id, { kind: 'transferred', from: 'relay', to: { team: f.to.team }, by: { name: me.name }, state, at })).seq;
    }
    this.store.publish({ queue: true });
    if (f.id) this.send(ws, { type: 'ack', conversation: conv.id, id: f.id, seq });
  }

  async accountFrame(ws, f, at) {
    if (ws.agent.role !== 'admin') throw new ProtocolError('forbidden', 'only admins manage accounts');
    if (f.type === 'accounts') {
      return this.send(ws, { type: 'accounts', accounts: (await this.store.listAccounts()).map(publicAccount) });
    }
    if (f.type === 'account_remove') {
      if (!(await this.store.removeAccount(f.name))) throw new ProtocolError('not_found', `no account "${f.name}"`);
      this.store.publish({ accounts: true, removed: f.name });
      return this.send(ws, { type: 'account_removed', name: f.name, ...(f.id ? { id: f.id } : {}) });
    }
    let fields;
    try { fields = validateAccount(f.account); } catch (e) { throw new ProtocolError(e.code ?? 'bad_request', e.message, f.id); }
    const old = await this.store.getAccount(fields.name);
    let password;
    let secret = old?.secret;
    if (f.account.password !== undefined || !old) {
      try { password = f.account.password !== undefined ? checkPassword(f.account.password) : generatePassword(); } catch (e) {
        throw new ProtocolError('bad_request', e.message, f.id);
      }
      secret = await hashSecret(password);
    }
    const acc = { name: fields.name, display: fields.display ?? old?.display ?? null, role: fields.role ?? old?.role ?? 'agent',
      teams: fields.teams ?? old?.teams ?? [], maxChats: fields.maxChats ?? old?.maxChats ?? DEFAULT_MAX_CHATS, secret };
    await this.store.putAccount(acc, at);
    if (f.account.password !== undefined && old) await this.store.deleteSessionsOf(acc.name); // a new password ends old sessions
    this.store.publish({ accounts: true });
    this.send(ws, { type: 'account', account: publicAccount({ ...acc, createdAt: old?.createdAt ?? at, updatedAt: at }),
      ...(password && f.account.password === undefined ? { password } : {}), ...(f.id ? { id: f.id } : {}) });
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
    const item = listItem(conv);
    this.send(ws, { type: 'conversation', conversation: conv.id, state: conv.state, handoff: conv.handoff,
      summary: { ...summarize(conv.handoff), ...item.summary, reasonNames: summarize(conv.handoff).reasons },
      agent: conv.agentName ? { id: conv.agentId, name: conv.agentName } : null, createdAt: conv.createdAt,
      team: item.team, priority: item.priority, country: item.country, locale: item.locale, identity: item.identity,
      waitingSince: item.waitingSince, lastActivity: item.lastActivity, review: await this.reviewFor(conv.id) });
    await this.replay(ws, conv.id, lastSeq, () => true, (ev) => agentFrame(conv.id, ev));
  }

  /** What the console needs for the verdict: the turn records (turn, text, handoff) and the mark so far. */
  async reviewFor(id) {
    const r = await this.store.getReview(id);
    return r ? { turns: (r.turns ?? []).map((t) => ({ turn: t.turn, text: t.text, handoff: t.handoff })), verdict: r.verdict ?? null } : null;
  }

  teamsOf(agent) { return agent.role === 'admin' || !agent.teams?.length ? null : agent.teams; }

  /** The agent's queue: queued conversations (band, newest first, paged) plus their open chats. */
  async queueFrame(agent, before = null, limit = this.limits.queuePageSize) {
    let page;
    try { page = await this.store.page('queued', this.teamsOf(agent), before, limit); } catch (e) {
      if (e.code === 'bad_request') throw new ProtocolError('bad_request', e.message);
      throw e;
    }
    const mine = await this.store.assigned(agent.role === 'admin' ? null : agent.id, this.limits.maxQueueListed);
    const online = await this.store.onlineAgents(this.now(), this.presenceTtlMs);
    const loads = await this.store.assignedCounts();
    // Presence per agent, for the console's team view and transfer choices.
    const agents = online.map((a) => {
      const acc = this.accounts.get(a.id);
      return { id: a.id, name: acc?.display ?? acc?.name ?? a.id, status: a.status, teams: acc?.teams ?? [], chats: loads.get(a.id) ?? 0,
        maxChats: acc ? acc.maxChats : 0 };
    }).sort((x, y) => (x.id < y.id ? -1 : 1));
    const left = await this.store.page('message_left', this.teamsOf(agent), null, 1);
    const frame = { type: 'queue', items: page.items.map(listItem), total: page.total, next: page.next, before: before ?? null,
      assigned: mine.map(listItem), messagesTotal: left.total, agentsOnline: online.length, agents };
    if (agent.legacy) {
      // Consoles from before accounts read one list, `conversations`, with the handoff summary.
      const left = await this.store.page('message_left', null, null, limit);
      frame.conversations = [...page.items, ...left.items, ...mine].map((c) => ({ conversation: c.id, state: c.state,
        agent: c.agentName ? { name: c.agentName } : null, createdAt: c.createdAt, updatedAt: c.updatedAt, lastSeq: c.lastSeq, summary: summarize(c.handoff) }));
    }
    return frame;
  }

  async messagesFrame(agent, before = null, limit = this.limits.queuePageSize) {
    let page;
    try { page = await this.store.page('message_left', this.teamsOf(agent), before, limit); } catch (e) {
      if (e.code === 'bad_request') throw new ProtocolError('bad_request', e.message);
      throw e;
    }
    const items = [];
    for (const c of page.items) {
      const it = listItem(c);
      const left = (await this.store.eventsAfter(c.id, 0, this.limits.maxEvents)).filter((e) => e.kind === 'leave_message').pop();
      items.push({ ...it, message: left ? { text: left.text, contact: left.contact, at: left.at, seq: left.seq } : null });
    }
    return { type: 'messages', items, total: page.total, next: page.next, before: before ?? null };
  }

  // ---------------------------------------------------------------- routing
  scheduleDispatch(ms = 30) {
    if (this.dispatchTimer || this.closing) return;
    this.dispatchTimer = setTimeout(() => {
      this.dispatchTimer = null;
      this.dispatch().catch((e) => console.error(`[relay ${this.instance}] dispatch failed: ${e.message}`));
    }, ms);
  }

  async dispatch() {
    if (this.dispatching) { this.dispatchAgain = true; return; }
    this.dispatching = true;
    try {
      do { this.dispatchAgain = false; await this.dispatchOnce(); } while (this.dispatchAgain && !this.closing);
    } finally { this.dispatching = false; }
  }

  /**
   * Assign queued conversations: teams' queues in order (crisis > high > normal, oldest first),
   * each to the online, non-away agent of its team with the fewest open chats under max_chats
   * (ties: the one assigned longest ago). Accounts with max_chats 0 and sign-ins without an
   * account only accept by hand.
   */
  async dispatchOnce() {
    const owner = `${this.instance}:${newId()}`;
    if (this.store.lock && !(await this.store.lock('dispatch', owner, 5000))) { this.scheduleDispatch(200); return; }
    try {
      const now = this.now();
      const agents = (await this.store.onlineAgents(now, this.presenceTtlMs))
        .filter((a) => a.status !== 'away')
        .map((a) => ({ ...a, acc: this.accounts.get(a.id) }))
        .filter((a) => a.acc && a.acc.maxChats > 0);
      if (!agents.length) return;
      const loads = await this.store.assignedCounts();
      for (const a of agents) a.load = loads.get(a.id) ?? 0;
      const cands = [];
      for (const [team] of await this.store.queuedTeams()) {
        const room = agents.filter((a) => serves(a.acc, team)).reduce((n, a) => n + Math.max(0, a.acc.maxChats - a.load), 0);
        if (room > 0) cands.push(...await this.store.dispatchOrder(team, Math.min(room, 500)));
      }
      cands.sort((x, y) => x.band - y.band || x.queuedAt - y.queuedAt);
      // Plan the whole pass first, then write it at once: the store batches the writes (one
      // SQLite commit, pipelined Redis calls) instead of two fsyncs per assignment in a row. A
      // conversation someone accepted meanwhile fails its compare-and-set; the next pass recounts.
      const plan = [];
      for (const c of cands) {
        const fit = agents.filter((a) => serves(a.acc, c.team) && a.load < a.acc.maxChats)
          .sort((x, y) => x.load - y.load || x.lastAssigned - y.lastAssigned);
        if (!fit.length) continue;
        const a = fit[0];
        a.load++;
        a.lastAssigned = now + plan.length; // the next tie goes to someone else
        plan.push([c, agentOf(a.acc)]);
      }
      await Promise.all(plan.map(([c, agent]) => this.assign(c, agent, 'auto', now)));
    } finally {
      if (this.store.unlock) await this.store.unlock('dispatch', owner).catch(() => {});
    }
  }

  async assign(conv, agent, reason, at) {
    if (!(await this.store.transition(conv.id, { from: ['queued'] }, { state: 'assigned', agentId: agent.id, agentName: agent.name, at }))) return false;
    await this.store.agentAssigned(agent.id, at);
    await this.append(conv.id, { kind: 'agent_joined', from: 'relay', agent: { name: agent.name }, at });
    this.store.publish({ assigned: agent.id, conv: conv.id, reason });
    this.store.publish({ queue: true });
    return true;
  }

  /** Did the visitor leave a message in this conversation? (Rare paths only: it reads the events.) */
  async hadLeftMessage(id) {
    for (let after = 0; ;) {
      const evs = await this.store.eventsAfter(id, after, 500);
      if (evs.some((e) => e.kind === 'leave_message')) return true;
      if (evs.length < 500) return false;
      after = evs[evs.length - 1].seq;
    }
  }

  /** An agent gone longer than the grace: their conversations go back to the queue, visitors told. */
  async requeueAgent(agentId, agentName, at) {
    let n = 0;
    for (const c of await this.store.assigned(agentId, 10000)) {
      // A left message an agent had taken goes back to the messages list, where it never expires.
      const state = (await this.hadLeftMessage(c.id)) ? 'message_left' : 'queued';
      if (!(await this.store.transition(c.id, { from: ['assigned'], agentId }, { state, agentId: null, agentName: null, at }))) continue;
      await this.append(c.id, { kind: 'agent_left', from: 'relay', agent: { name: c.agentName ?? agentName ?? agentId }, requeued: state === 'queued', state, at });
      n++;
    }
    if (n) this.store.publish({ queue: true });
    return n;
  }

  /**
   * Periodic, on every instance (each step is a compare-and-set, so instances do not collide):
   * requeue conversations of agents offline past the grace, close queued conversations whose
   * visitor has been gone past the expiry, assign what can be.
   */
  async sweep() {
    if (this.closing) return;
    const now = this.now();
    const online = new Set((await this.store.onlineAgents(now, this.presenceTtlMs)).map((a) => a.id));
    for (const [agentId] of await this.store.assignedCounts()) {
      if (online.has(agentId)) continue;
      const seen = Math.max(await this.store.agentLastSeen(agentId), this.startedAt);
      if (now - seen >= this.agentGraceMs) await this.requeueAgent(agentId, null, now);
    }
    // Nobody could be seen while this relay was down: expire only once it has run a full expiry.
    const expiring = now - this.startedAt >= this.queueExpiryMs ? await this.store.expiredQueued(now - this.queueExpiryMs) : [];
    for (const id of expiring) {
      if (this.visitors.get(id)?.size) continue; // connected here (the beat will refresh it)
      if (await this.hadLeftMessage(id)) {
        await this.store.transition(id, { from: ['queued'] }, { state: 'message_left', at: now });
        continue;
      }
      if (!(await this.store.transition(id, { from: ['queued'] }, { state: 'closed', at: now }))) continue;
      await this.append(id, { kind: 'closed', from: 'relay', reason: 'visitor_gone', returnToBot: true, at: now });
      await this.store.mergeReview(id, { ended_at: now, outcome: 'visitor_gone' });
      this.store.publish({ queue: true });
    }
    this.scheduleDispatch(0);
  }

  // ---------------------------------------------------------------- bus
  onBus(m) {
    if (m.presence || m.queue || m.accounts) {
      if (m.accounts) {
        this.loadAccounts().then(() => this.scheduleDispatch()).catch(() => {});
        if (m.removed) for (const ws of this.agents) if (ws.agent.id === m.removed && !ws.agent.legacy && !ws.agent.bootstrap) ws.close(4401, 'account removed');
      }
      if (!this.presenceTimer) {
        this.presenceTimer = setTimeout(() => {
          this.presenceTimer = null;
          this.refreshAvailability().catch((e) => console.error(`[relay ${this.instance}] availability refresh failed: ${e.message}`));
        }, 200);
      }
      this.scheduleDispatch();
    }
    if (m.presence && m.agent) for (const ws of this.agents) if (ws.agent.id === m.agent) this.send(ws, { type: 'presence', status: m.status });
    if (m.queue || m.presence) {
      // Debounced: a burst of new conversations becomes one queue refresh per agent.
      if (!this.queueTimer && this.agents.size) {
        this.queueTimer = setTimeout(async () => {
          this.queueTimer = null;
          try {
            const frames = new Map(); // one frame per distinct view (admins share one)
            for (const ws of this.agents) {
              const a = ws.agent;
              const k = `${a.legacy ? 'L' : ''}${a.role === 'admin' ? 'admin' : `${a.id}|${a.teams.join(',')}`}`;
              if (!frames.has(k)) frames.set(k, await this.queueFrame(a));
              this.send(ws, frames.get(k));
            }
          } catch (e) { console.error(`[relay ${this.instance}] queue refresh failed: ${e.message}`); }
        }, 150);
      }
      return;
    }
    if (m.logout) {
      for (const ws of this.agents) if (ws.sessionKey === m.logout) { this.send(ws, { type: 'logged_out' }); ws.close(1000, 'logged out'); }
      return;
    }
    if (m.alert) {
      const f = { type: 'alert', conversation: m.alert.conversation, kind: m.alert.kind, crisisKind: m.alert.crisisKind ?? null,
        team: m.alert.team, at: m.alert.at };
      for (const ws of this.agents) if (ws.agent.role === 'admin' || serves(ws.agent, m.alert.team) || ws.agent.id === m.alert.agent) this.send(ws, f);
      return;
    }
    if (m.assigned) {
      const mine = [...this.agents].filter((ws) => ws.agent.id === m.assigned);
      if (!mine.length) return;
      this.store.getConversation(m.conv).then(async (conv) => {
        if (!conv || conv.agentId !== m.assigned) return;
        for (const ws of mine) {
          this.send(ws, { type: 'assigned', conversation: conv.id, reason: m.reason });
          await this.agentOpen(ws, conv, 0);
        }
      }).catch((e) => console.error(`[relay ${this.instance}] assignment notice failed: ${e.message}`));
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
    let state = { agent_joined: 'assigned', closed: 'closed' }[ev.kind];
    if (ev.kind === 'agent_left' || (ev.kind === 'transferred' && ev.to?.team)) state = ev.state ?? 'queued';
    if (ev.kind === 'leave_message') state = 'message_left';
    for (const ws of visitors ?? []) {
      if (state) ws.convState = state;
      if (ev.kind === 'transferred' && ev.to?.team) ws.team = ev.to.team;
      if (ev.kind === 'closed') ws.closedConversation = true;
      if (ev.from !== 'visitor') this.deliver(ws, visitorFrame(ev), m.conv);
      if (state === 'queued' && !ws.replaying?.get(m.conv)) this.tellStatus(ws).catch(() => {});
    }
    for (const ws of this.agents) if (ws.subs.has(m.conv)) this.deliver(ws, agentFrame(m.conv, ev), m.conv);
  }

  /** Live events for the conversation being replayed to this socket wait until the replay is done. */
  deliver(ws, frame, conversation) {
    const held = ws.replaying?.get(conversation);
    if (held) { held.push(frame); return; }
    if (frame.seq !== undefined && frame.seq <= (ws.replayedTo?.get(conversation) ?? 0)) return; // already sent by the replay
    this.send(ws, frame);
  }

  heartbeat() {
    for (const ws of this.wss.clients) {
      if (!ws.isAlive) { ws.terminate(); continue; }
      ws.isAlive = false;
      ws.ping();
    }
  }

  /** Refresh this instance's presence: agents, sessions in use, visitors connected. */
  beat() {
    const now = this.now();
    const ids = new Set([...this.agents].map((ws) => ws.agent.id));
    for (const id of ids) this.store.agentSeen(id, this.instance, now).catch(() => {});
    const keys = [...new Set([...this.agents].map((ws) => ws.sessionKey).filter(Boolean))];
    this.store.touchSessions(keys, now, SESSION_IDLE_MS).catch(() => {});
    this.store.visitorsSeen([...this.visitors.keys()], now).catch(() => {});
    // Also catches what no event announces: an instance that died with agents on it, hours ending.
    this.refreshAvailability().catch(() => {});
  }
}

/** A stored event as the visitor sees it (agent-assist suggestions, affect and agent ids stay with the agents). */
export function visitorFrame(ev) {
  const { kind, suggestions, affect, ...rest } = ev;
  if (kind === 'transferred') {
    return { type: kind, ...rest, to: ev.to.team ? { team: ev.to.team } : { name: ev.to.name }, by: undefined };
  }
  return { type: kind, ...rest };
}

export function agentFrame(conversation, ev) {
  const { kind, ...rest } = ev;
  return { type: kind, conversation, ...rest };
}
