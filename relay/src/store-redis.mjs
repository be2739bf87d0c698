// Shared store for several relay instances: Redis (hashes, lists, sorted sets, Lua for atomicity)
// plus Redis pub/sub as the bus between instances.
//
// Durability is Redis's: run it with `appendonly yes` and `appendfsync always` for the same
// promise as SQLite's synchronous=FULL (a reply means the write is on disk), or `everysec` to
// trade up to one second of acknowledged messages on power loss for throughput. The relay
// acknowledges a message only after Redis has replied to the write.
import Redis from 'ioredis';
import { StoreError, bandOf, priorityOf, encodeCursor, decodeCursor } from './store-sqlite.mjs';

// KEYS: conv hash, events list, dedup hash, rate zset. ARGV: dedup key ('' = none), event JSON
// without its leading '{' (seq is spliced in front so no JSON library is needed in Lua),
// maxEvents, at, rate limit (0 = none), rate window ms.
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
if ARGV[1] ~= '' then
  local s = redis.call('HGET', KEYS[3], ARGV[1])
  if s then return {0, tonumber(s)} end
end
local n = tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '0')
if n >= tonumber(ARGV[3]) then return {-2, n} end
local limit = tonumber(ARGV[5])
if limit > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[6]))
  if redis.call('ZCARD', KEYS[4]) >= limit then
    local oldest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
    return {-3, tonumber(oldest[2]) + tonumber(ARGV[6]) - tonumber(ARGV[4])}
  end
  redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1] .. ':' .. (n + 1))
  redis.call('PEXPIRE', KEYS[4], ARGV[6])
end
n = redis.call('HINCRBY', KEYS[1], 'lastSeq', 1)
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[4])
redis.call('RPUSH', KEYS[2], '{"seq":' .. n .. ',' .. ARGV[2])
if ARGV[1] ~= '' then redis.call('HSET', KEYS[3], ARGV[1], n) end
return {1, n}
`;

// Index upkeep shared by CREATE and TRANSITION (standalone Redis: the index keys are derived from
// the prefix inside the script). Queues are sorted sets per team, scored band * 1e13 + queuedAt, so
// ascending order is the assignment order (crisis first, then oldest) and a band read backwards is
// the agents' newest-first list.
const REINDEX = `
local function reindex(p, h, id, st, oldTeam, oldAgent)
  if oldTeam ~= '' then
    redis.call('ZREM', p .. 'q:' .. oldTeam, id)
    redis.call('ZREM', p .. 'm:' .. oldTeam, id)
  end
  if st == 'assigned' and oldAgent ~= '' then
    redis.call('SREM', p .. 'agentconvs:' .. oldAgent, id)
    if redis.call('SCARD', p .. 'agentconvs:' .. oldAgent) == 0 then redis.call('SREM', p .. 'assignedagents', oldAgent) end
  end
  local f = redis.call('HMGET', h, 'state', 'team', 'band', 'queuedAt', 'agentId', 'visitorSeenAt')
  local score = tonumber(f[3] or '2') * 1e13 + tonumber(f[4] or '0')
  if f[1] == 'queued' then
    redis.call('ZADD', p .. 'q:' .. f[2], score, id)
    redis.call('SADD', p .. 'teams', f[2])
    redis.call('ZADD', p .. 'vseen', tonumber(f[6] or f[4] or '0'), id)
  else
    redis.call('ZREM', p .. 'vseen', id)
  end
  if f[1] == 'message_left' then
    redis.call('ZADD', p .. 'm:' .. f[2], score, id)
    redis.call('SADD', p .. 'teams', f[2])
  end
  if f[1] == 'assigned' and f[5] and f[5] ~= '' then
    redis.call('SADD', p .. 'agentconvs:' .. f[5], id)
    redis.call('SADD', p .. 'assignedagents', f[5])
  end
end
`;

// KEYS: conv hash. ARGV: prefix, ip, field/value pairs... Creates only if absent.
const CREATE = `${REINDEX}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
local id = redis.call('HGET', KEYS[1], 'id')
reindex(ARGV[1], KEYS[1], id, '', '', '')
if ARGV[2] ~= '' then
  redis.call('SADD', ARGV[1] .. 'ipq:' .. ARGV[2], id)
  redis.call('PEXPIRE', ARGV[1] .. 'ipq:' .. ARGV[2], 86400000)
end
return 1
`;

// KEYS: conv hash. ARGV: prefix, allowed states ('a,b'; '' = any), expected agentId ('*' = any),
// field/value pairs... Changes the conversation only if the conditions hold; returns 1 if it did.
const TRANSITION = `${REINDEX}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local st = redis.call('HGET', KEYS[1], 'state')
if ARGV[2] ~= '' then
  local ok = false
  for s in string.gmatch(ARGV[2], '[^,]+') do if s == st then ok = true end end
  if not ok then return 0 end
end
local oldAgent = redis.call('HGET', KEYS[1], 'agentId') or ''
if ARGV[3] ~= '*' and oldAgent ~= ARGV[3] then return 0 end
local oldTeam = redis.call('HGET', KEYS[1], 'team') or 'default'
if #ARGV > 3 then redis.call('HSET', KEYS[1], unpack(ARGV, 4)) end
reindex(ARGV[1], KEYS[1], redis.call('HGET', KEYS[1], 'id'), st, oldTeam, oldAgent)
return 1
`;

const BAND = 1e13;

export class RedisStore {
  /** @param {string} url redis://host:port/db  @param {string} prefix key prefix shared by the instances */
  constructor(url, prefix = 'attune:') {
    this.url = url;
    this.p = prefix;
    const opts = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true };
    this.redis = new Redis(url, opts);
    this.sub = new Redis(url, opts);
    this.redis.defineCommand('attuneAppend', { numberOfKeys: 4, lua: APPEND });
    this.redis.defineCommand('attuneCreate', { numberOfKeys: 1, lua: CREATE });
    this.redis.defineCommand('attuneTransition', { numberOfKeys: 1, lua: TRANSITION });
    this.handlers = new Set();
    // ioredis logs unhandled 'error' events loudly; the relay reports failures through rejected calls.
    this.redis.on('error', () => {});
    this.sub.on('error', () => {});
  }

  async init() {
    await Promise.all([this.redis.connect(), this.sub.connect()]);
    await this._upgrade();
    await this.sub.subscribe(this.p + 'bus');
    this.sub.on('message', (_channel, raw) => {
      let msg;
      try { msg = JSON.parse(raw); } catch { return; }
      for (const h of this.handlers) h(msg);
    });
  }

  /**
   * Conversations stored before routing were listed by one `open` sorted set and have no team:
   * put each in its team's index (team default, normal band, waiting since creation). Idempotent,
   * so instances starting together do not collide.
   */
  async _upgrade() {
    const old = await this.redis.zrange(this.p + 'open', 0, -1);
    for (const id of old) {
      const [team, createdAt] = await this.redis.hmget(this.k(id), 'team', 'createdAt');
      if (!team && createdAt) await this.transition(id, {}, { team: 'default', priority: 'normal', queuedAt: Number(createdAt) });
      await this.redis.zrem(this.p + 'open', id);
    }
  }

  // ---- bus: every instance (this one too) receives every published message ----
  publish(msg) { return this.redis.publish(this.p + 'bus', JSON.stringify(msg)); }
  onBus(fn) { this.handlers.add(fn); }

  k(id, suffix = '') { return `${this.p}conv:${id}${suffix}`; }

  /** Resolves true if created, false if a conversation with this id already exists. */
  async createConversation({ id, secretHash, handoff, origin, at, team = 'default', priority = 'normal', country = null, identity = null, ip = null, live = null }) {
    const fields = { id, secretHash, handoff: JSON.stringify(handoff), origin: origin ?? '', state: 'queued',
      agentId: '', agentName: '', createdAt: at, updatedAt: at, lastSeq: 0, team, band: bandOf(priority), country: country ?? '',
      identity: identity ? JSON.stringify(identity) : '', ip: ip ?? '', queuedAt: at, visitorSeenAt: at, live: live ? JSON.stringify(live) : '' };
    return (await this.redis.attuneCreate(this.k(id), this.p, ip ?? '', ...Object.entries(fields).flat())) === 1;
  }

  async getConversation(id) {
    const h = await this.redis.hgetall(this.k(id));
    return h && h.id ? hashToConversation(h) : null;
  }

  async getRouting(id) {
    const [state, team, band, agentId, live] = await this.redis.hmget(this.k(id), 'state', 'team', 'band', 'agentId', 'live');
    return state ? { state, team: team || 'default', priority: priorityOf(Number(band ?? 2)), agentId: agentId || null, live: live ? JSON.parse(live) : null } : null;
  }

  async transition(id, { from, agentId }, patch) {
    const f = {};
    for (const k of ['state', 'agentId', 'agentName', 'team', 'queuedAt']) if (patch[k] !== undefined) f[k] = patch[k] ?? '';
    if (patch.at !== undefined) f.updatedAt = patch.at;
    if (patch.priority !== undefined) f.band = bandOf(patch.priority);
    if (patch.live !== undefined) f.live = JSON.stringify(patch.live);
    return (await this.redis.attuneTransition(this.k(id), this.p, (from ?? []).join(','), agentId === undefined ? '*' : (agentId ?? ''),
      ...Object.entries(f).flat())) === 1;
  }

  async append(conversation, ev, { maxEvents, rate }) {
    const body = JSON.stringify(ev).slice(1);
    const dedup = ev.id ? `${ev.from}:${ev.id}` : '';
    const [status, seq] = await this.redis.attuneAppend(this.k(conversation), this.k(conversation, ':events'),
      this.k(conversation, ':ids'), this.k(conversation, ':rate'), dedup, body, maxEvents, ev.at, rate?.limit ?? 0, rate?.windowMs ?? 0);
    if (status === -1) throw new StoreError('not_found', `conversation ${conversation} does not exist`);
    if (status === -3) {
      throw Object.assign(new StoreError('rate_limited', `at most ${rate.limit} per ${rate.windowMs} ms`), { retryAfterMs: seq });
    }
    if (status === -2) throw new StoreError('transcript_full', `conversation ${conversation} reached ${maxEvents} events`);
    if (status === 0) {
      const raw = await this.redis.lindex(this.k(conversation, ':events'), seq - 1);
      return { seq, duplicate: true, event: raw ? JSON.parse(raw) : { seq, ...ev } };
    }
    return { seq, duplicate: false, event: { seq, ...ev } };
  }

  async findDuplicate(conversation, from, id) {
    const s = await this.redis.hget(this.k(conversation, ':ids'), `${from}:${id}`);
    return s ? Number(s) : null;
  }

  async eventsAfter(conversation, seq, limit = 1000) {
    // The list holds event seq n at index n-1, so "after seq" is a plain range.
    const raws = await this.redis.lrange(this.k(conversation, ':events'), seq, seq + limit - 1);
    return raws.map((r) => JSON.parse(r));
  }

  async _load(ids) {
    if (!ids.length) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.k(id));
    return (await pipe.exec()).map(([err, h]) => (!err && h && h.id ? hashToConversation(h) : null)).filter(Boolean);
  }

  /** See SqliteStore.page: band, newest first, paged by cursor; merged over the teams' sorted sets. */
  async page(state, teams, before, limit) {
    const c = decodeCursor(before);
    const names = teams ?? await this.redis.smembers(this.p + 'teams');
    const key = (t) => `${this.p}${state === 'queued' ? 'q' : 'm'}:${t}`;
    const pipe = this.redis.pipeline();
    for (const t of names) pipe.zcard(key(t));
    const total = (await pipe.exec()).reduce((n, [, v]) => n + (Number(v) || 0), 0);
    const after = (x) => !c || x.band > c.band || (x.band === c.band && (x.queuedAt < c.queuedAt || (x.queuedAt === c.queuedAt && x.id < c.id)));
    const ids = [];
    // Each team's own first limit+1 after the cursor, then merged: the page is exact whatever the
    // teams hold. (Over-fetch by 50 covers items sharing the cursor's millisecond.)
    for (const t of names) {
      const mine = [];
      for (let band = c ? c.band : 0; band <= 2 && mine.length <= limit; band++) {
        const hi = c && band === c.band ? band * BAND + c.queuedAt : band * BAND + (BAND - 1);
        const got = await this.redis.zrevrangebyscore(key(t), hi, band * BAND, 'WITHSCORES', 'LIMIT', 0, limit + 51);
        for (let i = 0; i < got.length; i += 2) {
          const x = { id: got[i], band, queuedAt: Number(got[i + 1]) - band * BAND };
          if (after(x)) mine.push(x);
        }
      }
      ids.push(...mine.slice(0, limit + 1));
    }
    const order = ids.sort((a, b) => a.band - b.band || b.queuedAt - a.queuedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const chosen = order.slice(0, limit + 1);
    const more = chosen.length > limit;
    // The cursor comes from the index as read, so a conversation changing meanwhile cannot skew it.
    const items = (await this._load(chosen.slice(0, limit).map((x) => x.id))).filter((r) => r.state === state);
    return { items, total, next: more ? encodeCursor(chosen[limit - 1]) : null };
  }

  async assigned(agentId, limit = 200) {
    let ids;
    if (agentId) ids = await this.redis.smembers(`${this.p}agentconvs:${agentId}`);
    else {
      const agents = await this.redis.smembers(this.p + 'assignedagents');
      ids = [];
      for (const a of agents) { ids.push(...await this.redis.smembers(`${this.p}agentconvs:${a}`)); if (ids.length >= limit) break; }
    }
    const rows = (await this._load(ids.slice(0, limit))).filter((c) => c.state === 'assigned' && (!agentId || c.agentId === agentId));
    return rows.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async assignedCounts() {
    const agents = await this.redis.smembers(this.p + 'assignedagents');
    if (!agents.length) return new Map();
    const pipe = this.redis.pipeline();
    for (const a of agents) pipe.scard(`${this.p}agentconvs:${a}`);
    const res = await pipe.exec();
    return new Map(agents.map((a, i) => [a, Number(res[i][1]) || 0]));
  }

  async queuedTeams() {
    const names = await this.redis.smembers(this.p + 'teams');
    if (!names.length) return new Map();
    const pipe = this.redis.pipeline();
    for (const t of names) pipe.zcard(`${this.p}q:${t}`);
    const res = await pipe.exec();
    return new Map(names.map((t, i) => [t, Number(res[i][1]) || 0]).filter(([, n]) => n > 0));
  }

  async dispatchOrder(team, limit) {
    const ids = await this.redis.zrange(`${this.p}q:${team}`, 0, limit - 1);
    return (await this._load(ids)).filter((c) => c.state === 'queued');
  }

  async queueOrder(team) { return this.redis.zrange(`${this.p}q:${team}`, 0, -1); }

  async visitorsSeen(ids, now) {
    if (!ids.length) return;
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hset(this.k(id), 'visitorSeenAt', now);
    pipe.zadd(this.p + 'vseen', 'XX', ...ids.flatMap((id) => [now, id]));
    await pipe.exec();
  }

  async expiredQueued(cutoff) { return this.redis.zrangebyscore(this.p + 'vseen', '-inf', cutoff, 'LIMIT', 0, 500); }

  async queuedFromIp(ip) {
    const key = `${this.p}ipq:${ip}`;
    const ids = await this.redis.srandmember(key, 200);
    if (!ids.length) return 0;
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hget(this.k(id), 'state');
    const states = (await pipe.exec()).map(([, s]) => s);
    const gone = ids.filter((_, i) => states[i] !== 'queued');
    if (gone.length) await this.redis.srem(key, ...gone); // bounded: only queued ones stay
    return ids.length - gone.length;
  }

  // ---- accounts and sessions ----
  async getAccount(name) { const raw = await this.redis.hget(this.p + 'accounts', name); return raw ? JSON.parse(raw) : null; }
  async listAccounts() {
    const all = await this.redis.hgetall(this.p + 'accounts');
    return Object.values(all).map((r) => JSON.parse(r)).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  async putAccount(a, at) {
    const old = await this.getAccount(a.name);
    const rec = { name: a.name, display: a.display ?? null, role: a.role, teams: a.teams ?? [], maxChats: a.maxChats, secret: a.secret,
      createdAt: old?.createdAt ?? at, updatedAt: at };
    await this.redis.hset(this.p + 'accounts', a.name, JSON.stringify(rec));
  }
  async removeAccount(name) {
    await this.deleteSessionsOf(name);
    return (await this.redis.hdel(this.p + 'accounts', name)) === 1;
  }
  async createSession(key, account, agent, now, idleMs = 12 * 3600 * 1000) {
    await this.redis.multi().set(`${this.p}session:${key}`, JSON.stringify({ account, agent, createdAt: now }), 'PX', idleMs)
      .sadd(`${this.p}sessions:${account}`, key).exec();
  }
  async getSession(key, now, idleMs) {
    const raw = await this.redis.get(`${this.p}session:${key}`);
    if (!raw) return null;
    const s = JSON.parse(raw);
    return { account: s.account, agent: s.agent, lastSeen: now };
  }
  /** Idle expiry is Redis's: each touch pushes the key's expiry idleMs ahead. */
  async touchSessions(keys, now, idleMs) {
    if (!keys.length) return;
    const pipe = this.redis.pipeline();
    for (const k of keys) pipe.pexpire(`${this.p}session:${k}`, idleMs);
    await pipe.exec();
  }
  async deleteSession(key) { await this.redis.del(`${this.p}session:${key}`); }
  async deleteSessionsOf(account) {
    const keys = await this.redis.smembers(`${this.p}sessions:${account}`);
    const m = this.redis.multi().del(`${this.p}sessions:${account}`);
    for (const k of keys) m.del(`${this.p}session:${k}`);
    await m.exec();
  }

  // ---- presence: one sorted-set member per (agent, instance), so an instance that loses its
  // socket for an agent removes only its own member, never the agent's presence elsewhere. ----
  async agentSeen(agentId, instance, now) {
    await this.redis.multi().zadd(this.p + 'presence', now, `${agentId}|${instance}`).hset(this.p + 'agentlastseen', agentId, now).exec();
  }
  async agentGone(agentId, instance, now) {
    await this.redis.multi().zrem(this.p + 'presence', `${agentId}|${instance}`).hset(this.p + 'agentlastseen', agentId, now).exec();
  }
  async setAgentStatus(agentId, status) { await this.redis.hset(this.p + 'agentstatus', agentId, status); }
  async agentStatus(agentId) { return (await this.redis.hget(this.p + 'agentstatus', agentId)) ?? 'online'; }
  async agentAssigned(agentId, now) { await this.redis.hset(this.p + 'agentlastassigned', agentId, now); }
  async onlineAgents(now, ttlMs) {
    await this.redis.zremrangebyscore(this.p + 'presence', '-inf', now - ttlMs); // expired members: their instance is gone
    const members = await this.redis.zrange(this.p + 'presence', 0, -1);
    const ids = [...new Set(members.map((m) => m.slice(0, m.lastIndexOf('|'))))];
    if (!ids.length) return [];
    const [st, la] = await Promise.all([this.redis.hmget(this.p + 'agentstatus', ...ids), this.redis.hmget(this.p + 'agentlastassigned', ...ids)]);
    return ids.map((id, i) => ({ id, status: st[i] ?? 'online', lastAssigned: Number(la[i] ?? 0) }));
  }
  async agentLastSeen(agentId) { return Number(await this.redis.hget(this.p + 'agentlastseen', agentId) ?? 0); }

  /** A short lock so one instance at a time assigns conversations. Resolves true if taken. */
  async lock(name, owner, ms) { return (await this.redis.set(`${this.p}lock:${name}`, owner, 'PX', ms, 'NX')) === 'OK'; }
  async unlock(name, owner) {
    if ((await this.redis.get(`${this.p}lock:${name}`)) === owner) await this.redis.del(`${this.p}lock:${name}`);
  }

  // ---- review records: a hash per conversation, each field JSON (so a merge is one HSET and
  // numbers come back exactly as stored), indexed by start time in a sorted set.
  async mergeReview(id, fields) {
    const key = `${this.p}review:${id}`;
    const m = this.redis.multi().hset(key, 'id', JSON.stringify(id), ...Object.entries(fields).flatMap(([k, v]) => [k, JSON.stringify(v ?? null)]));
    if (typeof fields.started_at === 'number') m.zadd(this.p + 'reviews', fields.started_at, id);
    await m.exec();
    return this.getReview(id);
  }
  async getReview(id) {
    const h = await this.redis.hgetall(`${this.p}review:${id}`);
    if (!h || !Object.keys(h).length) return null;
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, JSON.parse(v)]));
  }
  async listReviews(from, to, limit) {
    const ids = await this.redis.zrangebyscore(this.p + 'reviews', from, to, 'LIMIT', 0, limit);
    const out = [];
    for (let i = 0; i < ids.length; i += 200) {
      const p = this.redis.pipeline();
      for (const id of ids.slice(i, i + 200)) p.hgetall(`${this.p}review:${id}`);
      for (const [, h] of await p.exec()) if (h && Object.keys(h).length) out.push(Object.fromEntries(Object.entries(h).map(([k, v]) => [k, JSON.parse(v)])));
    }
    return out;
  }

  async close() {
    this.handlers.clear();
    await Promise.allSettled([this.redis.quit(), this.sub.quit()]);
  }
}

function hashToConversation(h) {
  const band = Number(h.band ?? 2);
  return { id: h.id, secretHash: h.secretHash, handoff: JSON.parse(h.handoff), origin: h.origin || null, state: h.state,
    agentId: h.agentId || null, agentName: h.agentName || null, createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt), lastSeq: Number(h.lastSeq), team: h.team || 'default', band, priority: priorityOf(band),
    country: h.country || null, identity: h.identity ? JSON.parse(h.identity) : null, ip: h.ip || null,
    queuedAt: Number(h.queuedAt ?? h.createdAt), visitorSeenAt: h.visitorSeenAt ? Number(h.visitorSeenAt) : null, live: h.live ? JSON.parse(h.live) : null };
}
