// The HTTP binding of the visitor protocol, for the widget's webhook channel: the same frames
// as over WebSocket, carried by POST (visitor -> relay) and by polling or server-sent events
// (relay -> visitor). See PROTOCOL.md, "HTTP binding". It reuses the relay's visitor handlers,
// so limits, storage and acknowledgement are identical.
import { ProtocolError, validateHandoff, validateVisitorFrame, clientSecret, withRouting } from './protocol.mjs';
import { visitorFrame } from './relay.mjs';
import { handleReviewApi } from './review-api.mjs';

export const STATUS = { consent_required: 400, bad_json: 400, bad_request: 400, unknown_type: 400, bad_secret: 401, unauthorized: 401, forbidden: 403,
  not_found: 404, closed: 409, too_long: 413, transcript_full: 413, rate_limited: 429, internal: 500 };
const SSE_KEEPALIVE_MS = 20000;
const MAX_STREAMS_PER_CONVERSATION = 3;
const MAX_SSE_BUFFER = 1 << 20;

export function reply(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function fail(res, e, cors) {
  if (!(e instanceof ProtocolError)) {
    console.error('[relay] http api error:', e);
    e = new ProtocolError('internal', 'the relay failed to handle this request; retry');
  }
  const body = { type: 'error', code: e.code, message: e.message, ...(e.id !== undefined ? { id: e.id } : {}),
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
  reply(res, STATUS[e.code] ?? 400, body, { ...cors, ...(e.retryAfterMs ? { 'retry-after': String(Math.ceil(e.retryAfterMs / 1000)) } : {}) });
}

export function readJson(req, max) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > max) { reject(new ProtocolError('too_long', `request body is over ${max} bytes`)); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => { try { resolve(parseJson(Buffer.concat(chunks))); } catch (e) { reject(e); } });
    req.on('error', reject);
  });
}

function parseJson(buf) {
  try { return JSON.parse(buf.toString('utf8')); } catch { throw new ProtocolError('bad_json', 'request body is not valid JSON'); }
}

function bearer(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!m) throw new ProtocolError('unauthorized', 'send the conversation secret as "Authorization: Bearer <secret>"');
  return m[1];
}

/** Route /api/... requests. Everything is answered here, errors included. */
export async function handleApi(relay, req, res, url) {
  const origin = req.headers.origin;
  // Browsers need CORS to call this from the site's pages; only allowlisted origins get it.
  const cors = origin && relay.originAllowed(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-allow-headers': 'content-type, authorization',
        'access-control-allow-methods': 'GET, POST', 'access-control-max-age': '600' }
    : {};
  try {
    // Availability is public (a page asks before offering a person); a server may ask without an
    // Origin, a browser page only from an allowed origin.
    if (url.pathname === '/api/availability' && req.method === 'GET') {
      if (origin !== undefined && !relay.originAllowed(origin)) throw new ProtocolError('forbidden', `origin ${origin} is not allowed`);
      const team = url.searchParams.get('team');
      return reply(res, 200, await relay.availability(team && /^[A-Za-z0-9._-]{1,64}$/.test(team) ? team : null), cors);
    }
    // The review API checks its own callers: admins by session (same-origin console, no CORS), and
    // visitors' consented reviews by origin.
    if (url.pathname.startsWith('/api/review')) return await handleReviewApi(relay, req, res, url, cors, { reply, readJson });
    if (!relay.originAllowed(origin)) throw new ProtocolError('forbidden', `origin ${origin ?? '(none)'} is not allowed`);
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    const parts = url.pathname.split('/').filter(Boolean); // ['api', 'conversations', id?, action?]
    if (parts[1] !== 'conversations' || parts.length > 4) throw new ProtocolError('not_found', 'no such endpoint');
    const now = relay.now();

    if (parts.length === 2 && req.method === 'POST') {
      const body = await readJson(req, relay.limits.maxFrameBytes);
      const handoff = validateHandoff(withRouting(body), relay.limits);
      const chosen = clientSecret(body?.secret);
      const { conv, secret, existed } = await relay.createConversation(handoff, relay.clientIp(req), origin, now, chosen);
      if (!existed) relay.store.publish({ queue: true });
      return reply(res, existed ? 200 : 201, { conversation: conv.id, ...(chosen ? {} : { secret }), state: conv.state,
        lastSeq: 0, existed, availability: conv.state === 'queued' ? await relay.visitorStatus(conv) : null }, cors);
    }
    if (parts.length !== 4) throw new ProtocolError('not_found', 'no such endpoint');
    const conv = await relay.authorizeVisitor(parts[2], bearer(req));
    const action = parts[3];
    // A polling visitor has no socket: each request counts as being here (queue expiry).
    if (conv.state === 'queued') relay.store.visitorsSeen([conv.id], now).catch(() => {});

    if (action === 'frames' && req.method === 'POST') {
      const frame = validateVisitorFrameWithId(await readJson(req, relay.limits.maxFrameBytes), relay);
      let answer = { type: 'ok' };
      const sink = { conversation: conv.id, team: conv.team, closedConversation: conv.state === 'closed', lastTyping: 0, sendFrame: (f) => { answer = f; } };
      await relay.visitorFrame(sink, frame);
      return reply(res, answer.type === 'error' ? STATUS[answer.code] ?? 400 : 200, answer, cors);
    }
    if (action === 'events' && req.method === 'GET') {
      const after = afterParam(url, req);
      const stored = await relay.store.eventsAfter(conv.id, after, 200);
      const events = stored.filter((e) => e.from !== 'visitor').map(visitorFrame);
      const lastSeq = stored.length ? stored[stored.length - 1].seq : after; // pages of 200: poll again from here
      const extra = conv.state === 'queued' ? [await relay.visitorStatus(conv)] : [];
      return reply(res, 200, { conversation: conv.id, state: conv.state, agent: conv.agentName ? { name: conv.agentName } : null,
        lastSeq, events: [...events, ...extra] }, cors);
    }
    if (action === 'stream' && req.method === 'GET') return openStream(relay, req, res, conv, afterParam(url, req), cors, now);
    throw new ProtocolError('not_found', 'no such endpoint');
  } catch (e) {
    fail(res, e, cors);
  }
}

function validateVisitorFrameWithId(body, relay) {
  if (!body || typeof body !== 'object' || typeof body.type !== 'string') throw new ProtocolError('bad_request', '"type" is required');
  try { return validateVisitorFrame(body, relay.limits); } catch (e) {
    if (typeof body.id === 'string') e.id = body.id;
    throw e;
  }
}

function afterParam(url, req) {
  // EventSource-style resume: Last-Event-ID wins over ?after= when it is larger.
  const a = Number(url.searchParams.get('after') ?? 0);
  const b = Number(req.headers['last-event-id'] ?? 0);
  const n = Math.max(Number.isInteger(a) ? a : 0, Number.isInteger(b) ? b : 0);
  return n > 0 ? n : 0;
}

async function openStream(relay, req, res, conv, after, cors, now) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...cors });
  res.write(': attune relay\n\n');
  const sink = {
    conversation: conv.id, team: conv.team, convState: conv.state, closedConversation: conv.state === 'closed',
    replaying: new Map([[conv.id, []]]),
    sendFrame(frame) {
      if (res.writableLength > MAX_SSE_BUFFER) { res.destroy(); return; } // a reader that cannot keep up
      res.write(`${frame.seq !== undefined ? `id: ${frame.seq}\n` : ''}data: ${JSON.stringify(frame)}\n\n`);
    },
    terminate() { res.destroy(); },
  };
  if (!relay.visitors.has(conv.id)) relay.visitors.set(conv.id, new Set());
  const set = relay.visitors.get(conv.id);
  const streams = [...set].filter((s) => s.sendFrame);
  if (streams.length >= MAX_STREAMS_PER_CONVERSATION) streams[0].terminate(); // bounded: the oldest reader goes
  set.add(sink);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
  keepalive.unref();
  res.on('close', () => {
    clearInterval(keepalive);
    set.delete(sink);
    if (set.size === 0 && relay.visitors.get(conv.id) === set) relay.visitors.delete(conv.id);
  });
  await relay.replay(sink, conv.id, after, (ev) => ev.from !== 'visitor', visitorFrame);
  if (conv.state === 'queued') await relay.tellStatus(sink);
}
