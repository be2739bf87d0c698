// The relay's wire vocabulary and limits, in one place so the server, the tests and the docs agree.
// Every inbound frame is parsed here into a plain object or rejected with a ProtocolError whose
// `code` the client can act on; nothing downstream sees unvalidated input.

export const PROTOCOL_VERSION = 1;

/** Limits chosen for the reference relay (see README.md, "Limits"). All overridable by flags. */
export const DEFAULT_LIMITS = Object.freeze({
  maxMessageLength: 2000,       // characters of one visitor/agent message
  messagesPerMinute: 30,        // visitor messages per conversation per rolling minute
  maxHandoffBytes: 64 * 1024,   // serialized handoff payload (transcript + affect) at creation
  maxTranscriptTurns: 200,      // entries in handoff.transcript
  maxEvents: 2000,              // stored events (messages, joins, closes...) per conversation
  maxSuggestions: 5,            // agent-assist suggestions per visitor message
  maxSuggestionLength: 500,
  maxContactLength: 200,        // leave-a-message contact field
  maxCommentLength: 1000,       // csat comment
  maxFrameBytes: 128 * 1024,    // WebSocket frame; larger frames close the socket (ws maxPayload)
  conversationsPerMinutePerIp: 20,
  helloTimeoutMs: 10000,        // a socket that has not said hello by then is closed
  maxQueueListed: 100,          // assigned conversations listed to one agent at once
  queuePageSize: 50,            // default page of queue_page / messages_page (at most 200)
  maxAffectBytes: 4096,         // serialized live affect of one visitor message
  maxSocketsPerConversation: 4, // visitor sockets on one conversation (tabs), per instance; 0 = no cap
  maxSocketsPerIp: 20,          // visitor sockets from one address, per instance; 0 = no cap
  maxQueuedPerIp: 5,            // open queued conversations created from one address; 0 = no cap
  loginAttempts: 10,            // failed agent sign-ins per address per 15 minutes
});

export const PRIORITIES = ['crisis', 'high', 'normal'];
const TEAM_RE = /^[A-Za-z0-9._-]{1,64}$/;

export class ProtocolError extends Error {
  constructor(code, message, id) {
    super(message);
    this.code = code;
    if (id !== undefined) this.id = id;
  }
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function str(v, name, max, { optional = false, allowEmpty = false } = {}) {
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new ProtocolError('bad_request', `"${name}" is required`);
  }
  if (typeof v !== 'string') throw new ProtocolError('bad_request', `"${name}" must be a string`);
  if (!allowEmpty && v.trim() === '') throw new ProtocolError('bad_request', `"${name}" must not be empty`);
  if (v.length > max) throw new ProtocolError('too_long', `"${name}" is ${v.length} characters; the limit is ${max}`);
  return v;
}

function clientId(v, name = 'id') {
  if (typeof v !== 'string' || !ID_RE.test(v)) {
    throw new ProtocolError('bad_request', `"${name}" must be 1-64 characters of A-Z a-z 0-9 _ -`);
  }
  return v;
}

/**
 * A visitor may choose its conversation secret (at least 22 base64url characters, ~132 bits).
 * The conversation id is derived from it, so repeating a `hello` whose answer was lost finds the
 * same conversation instead of opening a second one.
 */
export function clientSecret(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(v)) {
    throw new ProtocolError('bad_request', '"secret" must be 22-128 characters of A-Z a-z 0-9 _ -');
  }
  return v;
}

function num(v, name, lo, hi, { optional = false } = {}) {
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new ProtocolError('bad_request', `"${name}" is required`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new ProtocolError('bad_request', `"${name}" must be a number in [${lo}, ${hi}]`);
  }
  return v;
}

function seq(v, name = 'lastSeq') {
  if (v === undefined || v === null) return 0;
  if (!Number.isInteger(v) || v < 0) throw new ProtocolError('bad_request', `"${name}" must be a non-negative integer`);
  return v;
}

/** Parse one text frame into an object with a string `type`. */
export function parseFrame(data) {
  let msg;
  try {
    msg = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    throw new ProtocolError('bad_json', 'frame is not valid JSON');
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new ProtocolError('bad_request', 'frame must be a JSON object');
  if (typeof msg.type !== 'string') throw new ProtocolError('bad_request', '"type" is required');
  return msg;
}

function validateResources(list) {
  if (!Array.isArray(list)) return [];
  const text = (v, max) => (typeof v === 'string' ? v.slice(0, max) : '');
  return list.slice(0, 10).filter((r) => r && typeof r === 'object' && typeof r.name === 'string' && r.name).map((r) => ({
    name: text(r.name, 120),
    phone: text(r.phone, 40),
    url: /^https:\/\/[^\s]{1,290}$/.test(r.url ?? '') ? r.url : '',
  }));
}

/**
 * Validate and normalise the handoff payload a widget sends when it opens a conversation.
 * Only the fields the relay and console use are kept; unknown fields are dropped so a widget
 * cannot grow the stored record without bound.
 */
export function validateHandoff(h, limits = DEFAULT_LIMITS) {
  if (!h || typeof h !== 'object' || Array.isArray(h)) throw new ProtocolError('bad_request', '"handoff" must be an object');
  const bytes = Buffer.byteLength(JSON.stringify(h));
  if (bytes > limits.maxHandoffBytes) {
    throw new ProtocolError('too_long', `handoff is ${bytes} bytes; the limit is ${limits.maxHandoffBytes}`);
  }
  const transcript = h.transcript ?? [];
  if (!Array.isArray(transcript)) throw new ProtocolError('bad_request', '"handoff.transcript" must be an array');
  if (transcript.length > limits.maxTranscriptTurns) {
    throw new ProtocolError('too_long', `handoff.transcript has ${transcript.length} entries; the limit is ${limits.maxTranscriptTurns}`);
  }
  const out = {
    transcript: transcript.map((t, i) => {
      if (!t || typeof t !== 'object') throw new ProtocolError('bad_request', `handoff.transcript[${i}] must be an object`);
      if (!['visitor', 'bot', 'agent'].includes(t.from)) {
        throw new ProtocolError('bad_request', `handoff.transcript[${i}].from must be "visitor", "bot" or "agent"`);
      }
      return {
        from: t.from,
        text: clip(str(t.text, `handoff.transcript[${i}].text`, Infinity, { allowEmpty: true }), limits.maxMessageLength),
        at: typeof t.at === 'number' || typeof t.at === 'string' ? t.at : undefined,
      };
    }),
    reasons: [],
    distress: clamped(h.distress, 'handoff.distress', 0, 1),
    valence: clamped(h.valence, 'handoff.valence', -1, 1),
    emotions: {},
    intent: str(h.intent, 'handoff.intent', 100, { optional: true }) ?? null,
    locale: str(h.locale, 'handoff.locale', 35, { optional: true }) ?? null,
    pack: str(h.pack, 'handoff.pack', 100, { optional: true }) ?? null,
    // Routing (issue 14). A malformed team or country is dropped rather than refusing the handoff.
    team: typeof h.team === 'string' && TEAM_RE.test(h.team) ? h.team : null,
    priority: PRIORITIES.includes(h.priority) ? h.priority : 'normal',
    country: typeof h.country === 'string' && /^[A-Za-z]{2}$/.test(h.country) ? h.country.toUpperCase() : null,
    identity: validateIdentity(h.identity),
    // The crisis lines the widget's core chose for the visitor's country, so the agent sees the
    // same local numbers (the relay has no pack). Malformed entries are dropped, never refused.
    crisisResources: validateResources(h.crisisResources),
    // Per-turn records for the review page (issue 16), checked by the relay (review.mjs) when it
    // stores them beside the conversation. This file imports nothing: browsers load it for the limits.
    ...(Array.isArray(h.turns) ? { turns: h.turns.slice(-limits.maxTranscriptTurns) } : {}),
  };
  if (h.reasons !== undefined) {
    if (!Array.isArray(h.reasons)) throw new ProtocolError('bad_request', '"handoff.reasons" must be an array');
    out.reasons = h.reasons.slice(0, 20).map((r, i) => ({
      name: str(r?.name, `handoff.reasons[${i}].name`, 64),
      weight: num(r?.weight, `handoff.reasons[${i}].weight`, -1e6, 1e6, { optional: true }) ?? null,
      evidence: typeof r?.evidence === 'string' ? r.evidence.slice(0, 500) : null,
      // The visitor turn it was heard at (1-based), when the visitor wrote on before consenting.
      ...(Number.isInteger(r?.turn) && r.turn >= 1 && r.turn <= 100000 ? { turn: r.turn } : {}),
    }));
  }
  if (h.emotions !== undefined && h.emotions !== null) {
    if (typeof h.emotions !== 'object' || Array.isArray(h.emotions)) throw new ProtocolError('bad_request', '"handoff.emotions" must be an object of label -> probability');
    for (const [label, p] of Object.entries(h.emotions).slice(0, 64)) {
      out.emotions[label.slice(0, 40)] = clamped(p, `handoff.emotions.${label}`, 0, 1) ?? 0;
    }
  }
  return out;
}

// The handoff is the moment a visitor asks for a person: a past message over the length limit or
// a probability rounded to 1.0000001 must not refuse it. Such values are clipped, not rejected;
// wrong types still are.
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function clamped(v, name, lo, hi) {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProtocolError('bad_request', `"${name}" must be a number in [${lo}, ${hi}]`);
  return Math.min(hi, Math.max(lo, v));
}

/** Visitor identity from the host page; `hash` is checked (and then dropped) by the relay. */
export function validateIdentity(v) {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ProtocolError('bad_request', '"identity" must be an object');
  const out = {};
  for (const [k, max] of [['name', 100], ['email', 254], ['userId', 128], ['hash', 128]]) {
    const x = str(v[k], `identity.${k}`, max, { optional: true });
    if (x !== undefined) out[k] = x;
  }
  return Object.keys(out).length ? out : null;
}

/** Live affect of one visitor message (the widget's core turn): bounded, clamped, known fields only. */
export function validateAffect(a, limits = DEFAULT_LIMITS) {
  if (a === undefined || a === null) return undefined;
  if (typeof a !== 'object' || Array.isArray(a)) throw new ProtocolError('bad_request', '"affect" must be an object');
  const bytes = Buffer.byteLength(JSON.stringify(a));
  if (bytes > limits.maxAffectBytes) throw new ProtocolError('too_long', `affect is ${bytes} bytes; the limit is ${limits.maxAffectBytes}`);
  if (a.crisis !== undefined && typeof a.crisis !== 'boolean') throw new ProtocolError('bad_request', '"affect.crisis" must be a boolean');
  if (a.reasons !== undefined && !Array.isArray(a.reasons)) throw new ProtocolError('bad_request', '"affect.reasons" must be an array');
  const out = {
    distress: clamped(a.distress, 'affect.distress', 0, 1),
    valence: clamped(a.valence, 'affect.valence', -1, 1),
    crisis: a.crisis === true,
    crisisKind: str(a.crisisKind, 'affect.crisisKind', 40, { optional: true }) ?? null,
    intent: str(a.intent, 'affect.intent', 100, { optional: true }) ?? null,
    language: str(a.language, 'affect.language', 35, { optional: true }) ?? null,
    reasons: (a.reasons ?? []).slice(0, 20).map((r, i) => ({
      name: str(r?.name, `affect.reasons[${i}].name`, 64),
      weight: num(r?.weight, `affect.reasons[${i}].weight`, -1e6, 1e6, { optional: true }) ?? null,
      evidence: typeof r?.evidence === 'string' ? r.evidence.slice(0, 500) : null,
    })),
  };
  return out;
}

function pageArgs(msg, limits) {
  const limit = msg.limit === undefined ? limits.queuePageSize : msg.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ProtocolError('bad_request', '"limit" must be an integer 1-200');
  if (msg.before !== undefined && msg.before !== null && (typeof msg.before !== 'string' || msg.before.length > 100)) {
    throw new ProtocolError('bad_request', '"before" must be a cursor string');
  }
  return { before: msg.before ?? null, limit, ...(msg.id === undefined ? {} : { id: clientId(msg.id) }) };
}

export function validateSuggestions(s, limits = DEFAULT_LIMITS) {
  if (s === undefined || s === null) return [];
  if (!Array.isArray(s)) throw new ProtocolError('bad_request', '"suggestions" must be an array of strings');
  return s.slice(0, limits.maxSuggestions).map((x, i) => str(x, `suggestions[${i}]`, limits.maxSuggestionLength));
}

/** Visitor -> relay frames after hello. */
export function validateVisitorFrame(msg, limits = DEFAULT_LIMITS) {
  switch (msg.type) {
    case 'message':
      return { type: 'message', id: clientId(msg.id), text: str(msg.text, 'text', limits.maxMessageLength),
        suggestions: validateSuggestions(msg.suggestions, limits), affect: validateAffect(msg.affect, limits) };
    case 'availability':
      return { type: 'availability', team: typeof msg.team === 'string' && TEAM_RE.test(msg.team) ? msg.team : null };
    case 'leave_message':
      return { type: 'leave_message', id: clientId(msg.id), text: str(msg.text, 'text', limits.maxMessageLength),
        contact: str(msg.contact, 'contact', limits.maxContactLength, { optional: true, allowEmpty: true }) ?? '' };
    case 'csat':
      return { type: 'csat', id: clientId(msg.id), score: Number.isInteger(msg.score) ? num(msg.score, 'score', 1, 5) : num(undefined, 'score (integer)', 1, 5),
        comment: str(msg.comment, 'comment', limits.maxCommentLength, { optional: true, allowEmpty: true }) ?? '' };
    case 'typing':
      return { type: 'typing' };
    case 'close':
      return { type: 'close', id: msg.id === undefined ? undefined : clientId(msg.id) };
    case 'ping':
      return { type: 'ping' };
    default:
      throw new ProtocolError('unknown_type', `unknown visitor frame type "${String(msg.type).slice(0, 40)}"`);
  }
}

// A verdict's shape; its meaning (kinds, the turn) is checked by the relay against the conversation.
function verdictShape(v) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ProtocolError('bad_request', '"verdict" must be an object');
  return { kind: v.kind, turn: v.turn };
}

/** Agent -> relay frames after hello. */
export function validateAgentFrame(msg, limits = DEFAULT_LIMITS) {
  const conversation = () => clientId(msg.conversation, 'conversation');
  switch (msg.type) {
    case 'accept':
      return { type: 'accept', conversation: conversation() };
    case 'open':
      return { type: 'open', conversation: conversation(), lastSeq: seq(msg.lastSeq) };
    case 'message':
      return { type: 'message', conversation: conversation(), id: clientId(msg.id), text: str(msg.text, 'text', limits.maxMessageLength) };
    case 'typing':
      return { type: 'typing', conversation: conversation() };
    case 'close':
      return { type: 'close', conversation: conversation(), id: msg.id === undefined ? undefined : clientId(msg.id), returnToBot: msg.returnToBot !== false,
        ...(msg.verdict === undefined || msg.verdict === null ? {} : { verdict: verdictShape(msg.verdict) }) };
    case 'verdict':
      return { type: 'verdict', conversation: conversation(), id: msg.id === undefined ? undefined : clientId(msg.id), verdict: verdictShape(msg.verdict) };
    case 'csat_request':
      return { type: 'csat_request', conversation: conversation(), id: msg.id === undefined ? undefined : clientId(msg.id) };
    case 'queue':
      return { type: 'queue' };
    case 'queue_page':
      return { type: 'queue_page', ...pageArgs(msg, limits) };
    case 'messages_page':
      return { type: 'messages_page', ...pageArgs(msg, limits) };
    case 'presence':
      if (msg.status !== 'online' && msg.status !== 'away') throw new ProtocolError('bad_request', '"status" must be "online" or "away"');
      return { type: 'presence', status: msg.status };
    case 'transfer': {
      const to = msg.to;
      const id = msg.id === undefined ? {} : { id: clientId(msg.id) };
      if (to && typeof to.agent === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(to.agent)) return { type: 'transfer', conversation: conversation(), to: { agent: to.agent }, ...id };
      if (to && typeof to.team === 'string' && TEAM_RE.test(to.team)) return { type: 'transfer', conversation: conversation(), to: { team: to.team }, ...id };
      throw new ProtocolError('bad_request', '"to" must be {"agent": name} or {"team": name}');
    }
    case 'logout':
      return { type: 'logout' };
    case 'accounts':
      return { type: 'accounts' };
    case 'account_upsert':
      if (!msg.account || typeof msg.account !== 'object') throw new ProtocolError('bad_request', '"account" must be an object');
      return { type: 'account_upsert', id: msg.id === undefined ? undefined : clientId(msg.id), account: msg.account };
    case 'account_remove':
      return { type: 'account_remove', id: msg.id === undefined ? undefined : clientId(msg.id), name: str(msg.name, 'name', 64) };
    case 'ping':
      return { type: 'ping' };
    default:
      throw new ProtocolError('unknown_type', `unknown agent frame type "${String(msg.type).slice(0, 40)}"`);
  }
}

/**
 * The routing fields belong in the handoff; a widget that puts them next to it in the hello (or the
 * HTTP body) is understood too. The handoff's own value wins.
 */
export function withRouting(body) {
  const h = body?.handoff;
  if (!h || typeof h !== 'object' || Array.isArray(h)) return h;
  const extra = {};
  for (const k of ['team', 'priority', 'country', 'identity']) if (body[k] !== undefined && h[k] === undefined) extra[k] = body[k];
  return Object.keys(extra).length ? { ...h, ...extra } : h;
}

/** Hello frames: the first frame on every socket. */
export function validateHello(msg, limits = DEFAULT_LIMITS) {
  if (msg.type !== 'hello') throw new ProtocolError('hello_required', 'the first frame must be {"type":"hello", ...}');
  if (msg.role === 'visitor') {
    if (msg.conversation !== undefined) {
      return { role: 'visitor', resume: true, conversation: clientId(msg.conversation, 'conversation'),
        secret: str(msg.secret, 'secret', 200), lastSeq: seq(msg.lastSeq) };
    }
    return { role: 'visitor', resume: false, handoff: validateHandoff(withRouting(msg), limits), secret: clientSecret(msg.secret) };
  }
  if (msg.role === 'agent') {
    // Four ways in: a session (resume), an account and its password, the bootstrap admin
    // (account "admin" + the --agent-token), or the legacy shared token with any name.
    if (msg.session !== undefined) return { role: 'agent', session: str(msg.session, 'session', 200) };
    if (msg.account !== undefined) {
      const account = str(msg.account, 'account', 64);
      if (msg.password !== undefined) return { role: 'agent', account, password: str(msg.password, 'password', 200) };
      return { role: 'agent', account, token: str(msg.token, 'token or password', 500) };
    }
    return { role: 'agent', token: str(msg.token, 'token', 500), name: str(msg.name, 'name', 80),
      agentId: msg.agentId === undefined ? undefined : clientId(msg.agentId, 'agentId') };
  }
  throw new ProtocolError('bad_request', '"role" must be "visitor" or "agent"');
}

/** The legacy queue summary of the handoff (kept for consoles signed in with the shared token). */
export function summarize(handoff) {
  const top = Object.entries(handoff.emotions ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([label, p]) => ({ label, p }));
  return { distress: handoff.distress ?? null, valence: handoff.valence ?? null, emotions: top,
    reasons: (handoff.reasons ?? []).map((r) => r.name), intent: handoff.intent ?? null };
}

/**
 * The running summary of a whole conversation, kept on the conversation and updated with each
 * visitor message: the handoff's picture at turn N (its visitor turns), then every live turn's
 * affect. Reasons carry the turn they were seen at; bounded to the last 50.
 */
export function initialLive(handoff) {
  const turns = (handoff.transcript ?? []).filter((t) => t.from === 'visitor').length;
  return { maxDistress: handoff.distress ?? null, lastDistress: handoff.distress ?? null, turns,
    reasons: (handoff.reasons ?? []).map((r) => ({ name: r.name, turn: r.turn ?? turns })).slice(-50) };
}

export function advanceLive(live, affect) {
  const l = { ...live, reasons: [...(live.reasons ?? [])] };
  l.turns = (l.turns ?? 0) + 1;
  if (affect?.distress !== null && affect?.distress !== undefined) {
    l.lastDistress = affect.distress;
    l.maxDistress = Math.max(l.maxDistress ?? 0, affect.distress);
  }
  for (const r of affect?.reasons ?? []) l.reasons.push({ name: r.name, turn: l.turns });
  if (affect?.crisis) l.reasons.push({ name: 'crisis', turn: l.turns });
  l.reasons = l.reasons.slice(-50);
  return l;
}

/** What an agent list shows of a conversation (queue_page, messages_page, assigned). */
export function listItem(c) {
  const live = c.live ?? initialLive(c.handoff);
  return { conversation: c.id, state: c.state, priority: c.priority ?? 'normal', team: c.team ?? 'default', country: c.country ?? null,
    locale: c.handoff.locale ?? null, distress: live.lastDistress ?? c.handoff.distress ?? null,
    identity: c.identity ? { name: c.identity.name ?? null, email: c.identity.email ?? null, verified: c.identity.verified === true } : null,
    agent: c.agentName ? { id: c.agentId, name: c.agentName } : null, waitingSince: c.queuedAt ?? c.createdAt, lastActivity: c.updatedAt,
    createdAt: c.createdAt, lastSeq: c.lastSeq,
    summary: { maxDistress: live.maxDistress ?? null, turns: live.turns ?? 0, reasons: live.reasons ?? [],
      valence: c.handoff.valence ?? null, intent: c.handoff.intent ?? null,
      emotions: Object.entries(c.handoff.emotions ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([label, p]) => ({ label, p })) } };
}
