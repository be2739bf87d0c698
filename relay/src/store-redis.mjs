// Shared store for several relay instances: Redis (hashes, lists, sorted sets, Lua for atomicity)
// plus Redis pub/sub as the bus between instances.
//
// Durability is Redis's: run it with `appendonly yes` and `appendfsync always` for the same
// promise as SQLite's synchronous=FULL (a reply means the write is on disk), or `everysec` to
// trade up to one second of acknowledged messages on power loss for throughput. The relay
// acknowledges a message only after Redis has replied to the write.
import Redis from 'ioredis';
import { StoreError } from './store-sqlite.mjs';

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

// KEYS: conv hash, open zset. ARGV: id, field/value pairs... Creates only if absent.
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('ZADD', KEYS[2], ARGV[1], redis.call('HGET', KEYS[1], 'id'))
return 1
`;

// KEYS: conv hash. ARGV: agentId, agentName, at.
const CLAIM = `
if redis.call('HGET', KEYS[1], 'state') ~= 'queued' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'assigned', 'agentId', ARGV[1], 'agentName', ARGV[2], 'updatedAt', ARGV[3])
return 1
`;

export class RedisStore {
  /** @param {string} url redis://host:port/db  @param {string} prefix key prefix shared by the instances */
  constructor(url, prefix = 'attune:') {
    this.url = url;
    this.p = prefix;
    const opts = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true };
    this.redis = new Redis(url, opts);
    this.sub = new Redis(url, opts);
    this.redis.defineCommand('attuneAppend', { numberOfKeys: 4, lua: APPEND });
    this.redis.defineCommand('attuneClaim', { numberOfKeys: 1, lua: CLAIM });
    this.redis.defineCommand('attuneCreate', { numberOfKeys: 2, lua: CREATE });
    this.handlers = new Set();
    // ioredis logs unhandled 'error' events loudly; the relay reports failures through rejected calls.
    this.redis.on('error', () => {});
    this.sub.on('error', () => {});
  }

  async init() {
    await Promise.all([this.redis.connect(), this.sub.connect()]);
    await this.sub.subscribe(this.p + 'bus');
    this.sub.on('message', (_channel, raw) => {
      let msg;
      try { msg = JSON.parse(raw); } catch { return; }
      for (const h of this.handlers) h(msg);
    });
  }

  // ---- bus: every instance (this one too) receives every published message ----
  publish(msg) { return this.redis.publish(this.p + 'bus', JSON.stringify(msg)); }
  onBus(fn) { this.handlers.add(fn); }

  k(id, suffix = '') { return `${this.p}conv:${id}${suffix}`; }

  /** Resolves true if created, false if a conversation with this id already exists. */
  async createConversation({ id, secretHash, handoff, origin, at }) {
    const fields = { id, secretHash, handoff: JSON.stringify(handoff), origin: origin ?? '', state: 'queued',
      agentId: '', agentName: '', createdAt: at, updatedAt: at, lastSeq: 0 };
    return (await this.redis.attuneCreate(this.k(id), this.p + 'open', at, ...Object.entries(fields).flat())) === 1;
  }

  async getConversation(id) {
    const h = await this.redis.hgetall(this.k(id));
    return h && h.id ? hashToConversation(h) : null;
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

  async claim(conversation, agentId, agentName, at) {
    return (await this.redis.attuneClaim(this.k(conversation), agentId, agentName, at)) === 1;
  }

  async setState(conversation, state, at) {
    const m = this.redis.multi().hset(this.k(conversation), 'state', state, 'updatedAt', at);
    if (state === 'closed') m.zrem(this.p + 'open', conversation);
    await m.exec();
  }

  async listOpen(limit) {
    // Over-fetch: closed conversations leave the set, but states change between the two reads.
    const ids = await this.redis.zrange(this.p + 'open', 0, limit * 2 - 1);
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.k(id));
    const rows = (await pipe.exec()).map(([err, h]) => (!err && h && h.id ? hashToConversation(h) : null))
      .filter((c) => c && c.state !== 'closed');
    rows.sort((a, b) => (a.state === 'queued') === (b.state === 'queued') ? a.createdAt - b.createdAt : (a.state === 'queued' ? -1 : 1));
    return rows.slice(0, limit);
  }

  async agentSeen(agentId, now) { await this.redis.zadd(this.p + 'agents', now, agentId); }
  async agentGone(agentId) { await this.redis.zrem(this.p + 'agents', agentId); }
  async agentsOnline(now, ttlMs) {
    await this.redis.zremrangebyscore(this.p + 'agents', '-inf', now - ttlMs);
    return this.redis.zcard(this.p + 'agents');
  }

  async close() {
    this.handlers.clear();
    await Promise.allSettled([this.redis.quit(), this.sub.quit()]);
  }
}

function hashToConversation(h) {
  return { id: h.id, secretHash: h.secretHash, handoff: JSON.parse(h.handoff), origin: h.origin || null, state: h.state,
    agentId: h.agentId || null, agentName: h.agentName || null, createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt), lastSeq: Number(h.lastSeq) };
}
