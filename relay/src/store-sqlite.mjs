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
`;

export class StoreError extends Error {
  constructor(code, message) { super(message); this.code = code; }
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
    this.agents = new Map(); // agentId -> lastSeen ms (one instance: presence is local)
    this.rates = new Map();  // conversation -> times of recent rate-limited appends (one instance: in memory)
    this.pending = [];
    this.flushScheduled = false;
    this.handlers = new Set();
    this.closed = false;
    const db = this.db;
    this.q = {
      insertConv: db.prepare(`INSERT OR IGNORE INTO conversations (id, secret_hash, handoff, origin, state, created_at, updated_at)
                              VALUES (@id, @secretHash, @handoff, @origin, 'queued', @at, @at)`),
      getConv: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      bumpSeq: db.prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq'),
      findDup: db.prepare('SELECT seq, body FROM events WHERE conversation = ? AND sender = ? AND client_id = ?'),
      insertEvent: db.prepare('INSERT INTO events (conversation, seq, sender, client_id, body) VALUES (?, ?, ?, ?, ?)'),
      after: db.prepare('SELECT body FROM events WHERE conversation = ? AND seq > ? ORDER BY seq LIMIT ?'),
      claim: db.prepare(`UPDATE conversations SET state = 'assigned', agent_id = ?, agent_name = ?, updated_at = ?
                         WHERE id = ? AND state = 'queued'`),
      setState: db.prepare('UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?'),
      open: db.prepare(`SELECT * FROM conversations WHERE state IN ('queued', 'assigned', 'message_left')
                        ORDER BY (state = 'queued') DESC, created_at LIMIT ?`),
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
  createConversation({ id, secretHash, handoff, origin, at }) {
    return this._write(() => this.q.insertConv.run({ id, secretHash, handoff: JSON.stringify(handoff), origin: origin ?? null, at }).changes === 1);
  }

  async getConversation(id) {
    const row = this.q.getConv.get(id);
    return row ? rowToConversation(row) : null;
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

  /** Atomically move a queued conversation to `agentId`. Resolves true if this call won. */
  claim(conversation, agentId, agentName, at) {
    return this._write(() => this.q.claim.run(agentId, agentName, at, conversation).changes === 1);
  }

  setState(conversation, state, at) {
    return this._write(() => { this.q.setState.run(state, at, conversation); });
  }

  async listOpen(limit) {
    return this.q.open.all(limit).map(rowToConversation);
  }

  async agentSeen(agentId, now) { this.agents.set(agentId, now); }
  async agentGone(agentId) { this.agents.delete(agentId); }
  async agentsOnline(now, ttlMs) {
    let n = 0;
    for (const [id, seen] of this.agents) { if (now - seen <= ttlMs) n++; else this.agents.delete(id); }
    return n;
  }

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
    agentId: r.agent_id, agentName: r.agent_name, createdAt: r.created_at, updatedAt: r.updated_at, lastSeq: r.last_seq };
}
