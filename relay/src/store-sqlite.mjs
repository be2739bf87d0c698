// Durable store for one relay instance: SQLite through better-sqlite3.
//
// Durability: WAL journal with synchronous=FULL, so a commit is fsynced before the promise that
// carries it resolves, and the relay acknowledges a message only after that. (WAL + NORMAL would
// survive a killed process but not a power cut; an ack is a promise to the sender, so FULL.)
// Cost: better-sqlite3 is synchronous and every fsync blocks the event loop, so writes are
// group-committed: everything queued in one turn of the event loop is written in one transaction
// with one fsync, then every waiting promise resolves. Reads run directly between transactions.
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (
  id          TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  handoff     TEXT NOT NULL,
  origin      TEXT,
  state       TEXT NOT NULL,
  agent_id    TEXT,
  agent_name  TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  last_seq    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS conversations_open ON conversations(state, created_at);
CREATE TABLE IF NOT EXISTS events (
  conversation TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  sender       TEXT NOT NULL,
  client_id    TEXT,
  body         TEXT NOT NULL,
  PRIMARY KEY (conversation, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS events_dedup ON events(conversation, sender, client_id) WHERE client_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS accounts (
  name       TEXT PRIMARY KEY,
  display    TEXT,
  role       TEXT NOT NULL,
  teams      TEXT NOT NULL,
  max_chats  INTEGER NOT NULL,
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  key        TEXT PRIMARY KEY,
  account    TEXT NOT NULL,
  agent      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);
CREATE TABLE IF NOT EXISTS reviews (
  id         TEXT PRIMARY KEY,
  started_at INTEGER,
  doc        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_started ON reviews(started_at, id);
`;

// Columns added for routing (issue 14). Added to an existing database in place, so a relay
// upgraded over its old file keeps every conversation.
const ROUTING_COLUMNS = [
  ['team', "TEXT NOT NULL DEFAULT 'default'"], ['band', 'INTEGER NOT NULL DEFAULT 2'], ['country', 'TEXT'], ['identity', 'TEXT'],
  ['ip', 'TEXT'], ['queued_at', 'INTEGER'], ['visitor_seen_at', 'INTEGER'], ['live', 'TEXT'],
];
const ROUTING_INDEXES = `
CREATE INDEX IF NOT EXISTS conversations_queue ON conversations(state, team, band, queued_at);
CREATE INDEX IF NOT EXISTS conversations_agent ON conversations(agent_id, state);
CREATE INDEX IF NOT EXISTS conversations_ip ON conversations(ip, state);
`;
const BANDS = ['crisis', 'high', 'normal'];
export const bandOf = (priority) => { const i = BANDS.indexOf(priority); return i < 0 ? 2 : i; };
export const priorityOf = (band) => BANDS[band] ?? 'normal';

export class StoreError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

/** The paging cursor of agent lists: band, then newest first (queuedAt descending), then id. */
export function encodeCursor(c) { return `${c.band}.${c.queuedAt}.${c.id}`; }
export function decodeCursor(s) {
  if (s === undefined || s === null) return null;
  const m = /^([0-2])\.(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(String(s));
  if (!m) throw new StoreError('bad_request', '"before" is not a cursor this relay issued');
  return { band: Number(m[1]), queuedAt: Number(m[2]), id: m[3] };
}

export class SqliteStore {
  /** @param {string} file path of the database file (created if missing) */
  constructor(file) {
    this.file = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const have = new Set(this.db.prepare('PRAGMA table_info(conversations)').all().map((c) => c.name));
    for (const [col, type] of ROUTING_COLUMNS) if (!have.has(col)) this.db.exec(`ALTER TABLE conversations ADD COLUMN ${col} ${type}`);
    // Old rows wait since they were created (the queue orders and pages on queued_at).
    if (!have.has('queued_at')) this.db.exec('UPDATE conversations SET queued_at = created_at, visitor_seen_at = updated_at WHERE queued_at IS NULL');
    this.db.exec(ROUTING_INDEXES);
    // One instance: presence lives in memory. agentId -> {instances: Map(instance -> lastSeen), status, lastSeen, lastAssigned}
    this.presence = new Map();
    this.rates = new Map();  // conversation -> times of recent rate-limited appends (one instance: in memory)
    this.pending = [];
    this.flushScheduled = false;
    this.handlers = new Set();
    this.closed = false;
    const db = this.db;
    this.q = {
      insertConv: db.prepare(`INSERT OR IGNORE INTO conversations (id, secret_hash, handoff, origin, state, created_at, updated_at,
                                team, band, country, identity, ip, queued_at, visitor_seen_at, live)
                              VALUES (@id, @secretHash, @handoff, @origin, 'queued', @at, @at, @team, @band, @country, @identity, @ip, @at, @at, @live)`),
      getConv: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      getRouting: db.prepare('SELECT state, team, band, agent_id, live FROM conversations WHERE id = ?'),
      bumpSeq: db.prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq'),
      findDup: db.prepare('SELECT seq, body FROM events WHERE conversation = ? AND sender = ? AND client_id = ?'),
      insertEvent: db.prepare('INSERT INTO events (conversation, seq, sender, client_id, body) VALUES (?, ?, ?, ?, ?)'),
      after: db.prepare('SELECT body FROM events WHERE conversation = ? AND seq > ? ORDER BY seq LIMIT ?'),
      seen: db.prepare('UPDATE conversations SET visitor_seen_at = ? WHERE id = ?'),
      byAgent: db.prepare(`SELECT * FROM conversations WHERE agent_id = ? AND state = 'assigned' ORDER BY updated_at DESC LIMIT ?`),
      allAssigned: db.prepare(`SELECT * FROM conversations WHERE state = 'assigned' ORDER BY updated_at DESC LIMIT ?`),
      assignedAgents: db.prepare(`SELECT agent_id AS id, COUNT(*) AS n FROM conversations WHERE state = 'assigned' AND agent_id IS NOT NULL GROUP BY agent_id`),
      queuedTeams: db.prepare(`SELECT team, COUNT(*) AS n FROM conversations WHERE state = 'queued' GROUP BY team`),
      dispatch: db.prepare(`SELECT * FROM conversations WHERE state = 'queued' AND team = ? ORDER BY band, queued_at, id LIMIT ?`),
      teamOrder: db.prepare(`SELECT id FROM conversations WHERE state = 'queued' AND team = ? ORDER BY band, queued_at, id`),
      expired: db.prepare(`SELECT id FROM conversations WHERE state = 'queued' AND COALESCE(visitor_seen_at, updated_at) < ? LIMIT 500`),
      queuedByIp: db.prepare(`SELECT COUNT(*) AS n FROM conversations WHERE ip = ? AND state = 'queued'`),
      getAccount: db.prepare('SELECT * FROM accounts WHERE name = ?'),
      listAccounts: db.prepare('SELECT * FROM accounts ORDER BY name'),
      putAccount: db.prepare(`INSERT INTO accounts (name, display, role, teams, max_chats, secret, created_at, updated_at)
                              VALUES (@name, @display, @role, @teams, @maxChats, @secret, @at, @at)
                              ON CONFLICT(name) DO UPDATE SET display = @display, role = @role, teams = @teams, max_chats = @maxChats,
                              secret = @secret, updated_at = @at`),
      removeAccount: db.prepare('DELETE FROM accounts WHERE name = ?'),
      putSession: db.prepare('INSERT INTO sessions (key, account, agent, created_at, last_seen) VALUES (?, ?, ?, ?, ?)'),
      getSession: db.prepare('SELECT * FROM sessions WHERE key = ?'),
      touchSession: db.prepare('UPDATE sessions SET last_seen = ? WHERE key = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE key = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE account = ?'),
      expireSessions: db.prepare('DELETE FROM sessions WHERE last_seen < ?'),
      getReview: db.prepare('SELECT doc FROM reviews WHERE id = ?'),
      putReview: db.prepare(`INSERT INTO reviews (id, started_at, doc) VALUES (?, ?, ?)
                             ON CONFLICT(id) DO UPDATE SET started_at = excluded.started_at, doc = excluded.doc`),
      listReviews: db.prepare('SELECT doc FROM reviews WHERE started_at BETWEEN ? AND ? ORDER BY started_at, id LIMIT ?'),
    };
  }

  async init() {}

  // ---- bus: one instance, so publishing is a local, asynchronous fan-out ----
  publish(msg) {
    setImmediate(() => { for (const h of this.handlers) h(msg); });
    return Promise.resolve();
  }
  onBus(fn) { this.handlers.add(fn); }

  // Group commit: run `fn` inside the next batch transaction; resolves after COMMIT (fsynced).
  _write(fn) {
    if (this.closed) return Promise.reject(new StoreError('store_closed', 'the store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ fn, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this._flush());
      }
    });
  }

  _flush() {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const results = new Array(batch.length);
    try {
      this.db.transaction(() => {
        batch.forEach((op, i) => {
          // An expected refusal (StoreError) fails only its own op; anything else aborts the batch.
          try { results[i] = { ok: true, value: op.fn() }; } catch (e) {
            if (e instanceof StoreError) results[i] = { ok: false, error: e }; else throw e;
          }
        });
      })();
    } catch (e) {
      for (const op of batch) op.reject(e);
      return;
    }
    batch.forEach((op, i) => (results[i].ok ? op.resolve(results[i].value) : op.reject(results[i].error)));
  }

  /** Resolves true if created, false if a conversation with this id already exists. */
  createConversation({ id, secretHash, handoff, origin, at, team = 'default', priority = 'normal', country = null, identity = null, ip = null, live = null }) {
    return this._write(() => this.q.insertConv.run({ id, secretHash, handoff: JSON.stringify(handoff), origin: origin ?? null, at,
      team, band: bandOf(priority), country, identity: identity ? JSON.stringify(identity) : null, ip, live: live ? JSON.stringify(live) : null }).changes === 1);
  }

  async getConversation(id) {
    const row = this.q.getConv.get(id);
    return row ? rowToConversation(row) : null;
  }

  /** The routing fields only (no handoff to parse): {state, team, priority, agentId, live} or null. */
  async getRouting(id) {
    const r = this.q.getRouting.get(id);
    return r ? { state: r.state, team: r.team, priority: priorityOf(r.band), agentId: r.agent_id, live: r.live ? JSON.parse(r.live) : null } : null;
  }

  /**
   * Atomically change a conversation if it is in one of `from` states (and, with `agentId`,
   * assigned to that agent). `patch` may set state, agentId, agentName, team, priority, queuedAt,
   * live, at. Resolves true if this call changed it.
   */
  transition(id, { from, agentId }, patch) {
    return this._write(() => {
      const row = this.q.getConv.get(id);
      if (!row || (from && !from.includes(row.state))) return false;
      if (agentId !== undefined && row.agent_id !== agentId) return false;
      const sets = [];
      const vals = {};
      const col = { state: 'state', agentId: 'agent_id', agentName: 'agent_name', team: 'team', queuedAt: 'queued_at', at: 'updated_at' };
      for (const [k, c] of Object.entries(col)) if (patch[k] !== undefined) { sets.push(`${c} = @${k}`); vals[k] = patch[k]; }
      if (patch.priority !== undefined) { sets.push('band = @band'); vals.band = bandOf(patch.priority); }
      if (patch.live !== undefined) { sets.push('live = @live'); vals.live = JSON.stringify(patch.live); }
      if (!sets.length) return true;
      this.db.prepare(`UPDATE conversations SET ${sets.join(', ')} WHERE id = @id`).run({ ...vals, id });
      return true;
    });
  }

  /**
   * Append one event. Resolves {seq, duplicate, event}; a repeated (sender, clientId) resolves
   * the first copy with duplicate=true and writes nothing.
   * With `rate` {limit, windowMs}, at most `limit` new events per rolling window are accepted.
   * Rejects StoreError 'not_found', 'transcript_full' or 'rate_limited' (with retryAfterMs).
   */
  append(conversation, ev, { maxEvents, rate }) {
    return this._write(() => {
      if (ev.id) {
        const dup = this.q.findDup.get(conversation, ev.from, ev.id);
        if (dup) return { seq: dup.seq, duplicate: true, event: JSON.parse(dup.body) };
      }
      if (rate) this._rateTake(conversation, rate, ev.at);
      const conv = this.q.getConv.get(conversation);
      if (!conv) throw new StoreError('not_found', `conversation ${conversation} does not exist`);
      if (conv.last_seq >= maxEvents) throw new StoreError('transcript_full', `conversation ${conversation} reached ${maxEvents} events`);
      const { last_seq: seq } = this.q.bumpSeq.get(ev.at, conversation);
      const event = { seq, ...ev };
      this.q.insertEvent.run(conversation, seq, ev.from, ev.id ?? null, JSON.stringify(event));
      return { seq, duplicate: false, event };
    });
  }

  /** The seq of an event already stored under (sender, clientId), or null. */
  async findDuplicate(conversation, from, id) {
    return this.q.findDup.get(conversation, from, id)?.seq ?? null;
  }

  _rateTake(key, { limit, windowMs }, now) {
    let w = this.rates.get(key);
    if (!w) {
      if (this.rates.size >= 10000) this._rateSweep(now, windowMs); // bounded: forget idle windows
      w = [];
      this.rates.set(key, w);
    }
    while (w.length && now - w[0] >= windowMs) w.shift();
    if (w.length >= limit) {
      throw Object.assign(new StoreError('rate_limited', `at most ${limit} per ${windowMs} ms`), { retryAfterMs: w[0] + windowMs - now });
    }
    w.push(now);
  }

  _rateSweep(now, windowMs) {
    for (const [k, w] of this.rates) if (!w.length || now - w[w.length - 1] >= windowMs) this.rates.delete(k);
  }

  async eventsAfter(conversation, seq, limit = 1000) {
    return this.q.after.all(conversation, seq, limit).map((r) => JSON.parse(r.body));
  }

  // ---- lists for agents and routing ----

  /**
   * A page of conversations in `state` (queued | message_left) of `teams` (null = all), ordered by
   * band (crisis, high, normal), newest first within a band. Resolves {items, total, next}.
   */
  async page(state, teams, before, limit) {
    const c = decodeCursor(before);
    const teamSql = teams ? ` AND team IN (${teams.map(() => '?').join(',')})` : '';
    const args = teams ? [state, ...teams] : [state];
    const total = this.db.prepare(`SELECT COUNT(*) AS n FROM conversations WHERE state = ?${teamSql}`).get(...args).n;
    const after = c ? ' AND (band > ? OR (band = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))))' : '';
    const rows = this.db.prepare(`SELECT * FROM conversations WHERE state = ?${teamSql}${after} ORDER BY band, queued_at DESC, id DESC LIMIT ?`)
      .all(...args, ...(c ? [c.band, c.band, c.queuedAt, c.queuedAt, c.id] : []), limit + 1).map(rowToConversation);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items, total, next: more ? encodeCursor(items[items.length - 1]) : null };
  }

  /** Open conversations assigned to one agent (agentId) or to anyone (null), most recent first. */
  async assigned(agentId, limit = 200) {
    return (agentId ? this.q.byAgent.all(agentId, limit) : this.q.allAssigned.all(limit)).map(rowToConversation);
  }

  /** Map agentId -> number of open conversations assigned to them. */
  async assignedCounts() {
    return new Map(this.q.assignedAgents.all().map((r) => [r.id, r.n]));
  }

  /** Map team -> number of queued conversations. */
  async queuedTeams() {
    return new Map(this.q.queuedTeams.all().map((r) => [r.team, r.n]));
  }

  /** The first `limit` queued conversations of a team in assignment order (band, then oldest). */
  async dispatchOrder(team, limit) {
    return this.q.dispatch.all(team, limit).map(rowToConversation);
  }

  /** Ids of a team's queued conversations in assignment order: position = index + 1. */
  async queueOrder(team) {
    return this.q.teamOrder.all(team).map((r) => r.id);
  }

  /** Record that the visitor of these conversations is connected now. */
  visitorsSeen(ids, now) {
    if (!ids.length) return Promise.resolve();
    return this._write(() => { for (const id of ids) this.q.seen.run(now, id); });
  }

  /** Queued conversations whose visitor was last seen before `cutoff`. */
  async expiredQueued(cutoff) {
    return this.q.expired.all(cutoff).map((r) => r.id);
  }

  async queuedFromIp(ip) { return this.q.queuedByIp.get(ip).n; }

  // ---- accounts and sessions ----
  async getAccount(name) { const r = this.q.getAccount.get(name); return r ? rowToAccount(r) : null; }
  async listAccounts() { return this.q.listAccounts.all().map(rowToAccount); }
  /** Insert or replace an account (all fields, secret included). */
  putAccount(a, at) {
    return this._write(() => { this.q.putAccount.run({ name: a.name, display: a.display ?? null, role: a.role, teams: JSON.stringify(a.teams ?? []),
      maxChats: a.maxChats, secret: a.secret, at }); });
  }
  removeAccount(name) {
    return this._write(() => { this.q.deleteSessionsOf.run(name); return this.q.removeAccount.run(name).changes === 1; });
  }
  createSession(key, account, agent, now) {
    return this._write(() => { this.q.putSession.run(key, account, JSON.stringify(agent), now, now); });
  }
  /** The session if it exists and was used within idleMs. */
  async getSession(key, now, idleMs) {
    const r = this.q.getSession.get(key);
    if (!r || now - r.last_seen > idleMs) return null;
    return { account: r.account, agent: JSON.parse(r.agent), lastSeen: r.last_seen };
  }
  touchSessions(keys, now, idleMs) {
    return this._write(() => {
      for (const k of keys) this.q.touchSession.run(now, k);
      this.q.expireSessions.run(now - idleMs); // bounded: idle sessions are deleted
    });
  }
  deleteSession(key) { return this._write(() => { this.q.deleteSession.run(key); }); }
  deleteSessionsOf(account) { return this._write(() => { this.q.deleteSessionsOf.run(account); }); }

  // ---- review records (issue 16): one document per conversation ----
  /**
   * Set top-level fields of a conversation's review record (created if absent); resolves the
   * merged record. Fields: pack, language, team, agent, started_at, ended_at, outcome, csat,
   * verdict, turns (see review.mjs).
   */
  mergeReview(id, fields) {
    return this._write(() => {
      const cur = this.q.getReview.get(id);
      const doc = { ...(cur ? JSON.parse(cur.doc) : { id }), ...fields, id };
      this.q.putReview.run(id, doc.started_at ?? null, JSON.stringify(doc));
      return doc;
    });
  }
  async getReview(id) { const r = this.q.getReview.get(id); return r ? JSON.parse(r.doc) : null; }
  /** Records started in [from, to] (ms), oldest first (ties by id), at most `limit`. */
  async listReviews(from, to, limit) {
    return this.q.listReviews.all(from, to, limit).map((r) => JSON.parse(r.doc));
  }

  // ---- presence: per agent, per instance ----
  _p(agentId) {
    let p = this.presence.get(agentId);
    if (!p) { p = { instances: new Map(), status: 'online', lastSeen: 0, lastAssigned: 0 }; this.presence.set(agentId, p); }
    return p;
  }
  async agentSeen(agentId, instance, now) { const p = this._p(agentId); p.instances.set(instance, now); p.lastSeen = now; }
  async agentGone(agentId, instance, now) { const p = this._p(agentId); p.instances.delete(instance); p.lastSeen = now; }
  async setAgentStatus(agentId, status) { this._p(agentId).status = status; }
  async agentStatus(agentId) { return this.presence.get(agentId)?.status ?? 'online'; }
  async agentAssigned(agentId, now) { this._p(agentId).lastAssigned = now; }
  /** Agents with a socket seen within ttlMs on some instance: [{id, status, lastAssigned}]. */
  async onlineAgents(now, ttlMs) {
    const out = [];
    for (const [id, p] of this.presence) {
      for (const [inst, t] of p.instances) if (now - t > ttlMs) p.instances.delete(inst);
      if (p.instances.size) out.push({ id, status: p.status, lastAssigned: p.lastAssigned });
    }
    return out;
  }
  /** When an agent was last seen connected (0 = never, e.g. since this relay started). */
  async agentLastSeen(agentId) { return this.presence.get(agentId)?.lastSeen ?? 0; }

  async close() {
    if (this.closed) return;
    if (this.pending.length) this._flush();
    this.closed = true;
    this.handlers.clear();
    this.db.close();
  }
}

function rowToConversation(r) {
  return { id: r.id, secretHash: r.secret_hash, handoff: JSON.parse(r.handoff), origin: r.origin, state: r.state,
    agentId: r.agent_id, agentName: r.agent_name, createdAt: r.created_at, updatedAt: r.updated_at, lastSeq: r.last_seq,
    team: r.team ?? 'default', band: r.band ?? 2, priority: priorityOf(r.band ?? 2), country: r.country ?? null,
    identity: r.identity ? JSON.parse(r.identity) : null, ip: r.ip ?? null, queuedAt: r.queued_at ?? r.created_at,
    visitorSeenAt: r.visitor_seen_at ?? null, live: r.live ? JSON.parse(r.live) : null };
}

function rowToAccount(r) {
  return { name: r.name, display: r.display ?? null, role: r.role, teams: JSON.parse(r.teams), maxChats: r.max_chats, secret: r.secret,
    createdAt: r.created_at, updatedAt: r.updated_at };
}
