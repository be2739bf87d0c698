// HTTP API of the review data (issue 16), see README.md "Review":
//   POST /api/reviews          a bot-only conversation the visitor agreed to share (origin-checked)
//   GET  /api/review/export    admins: the export document, filtered
//   GET  /api/review/summary   admins: the review page's figures (groups by the core's featurizer)
// Admins authenticate with their console session ("Authorization: Bearer <session>"); the role is
// checked here, on the server, from the account as stored now.
import crypto from 'node:crypto';
import { ProtocolError } from './protocol.mjs';
import { validateBotReview, parseFilters, matches, buildExport, summarizeExport, REVIEW_LIMITS } from './review.mjs';
import { coreGrouper } from './core-groups.mjs';

const REVIEWS_PER_MINUTE_PER_IP = 10;

/** Route /api/review* and /api/reviews; `http` = {reply, readJson} of the HTTP binding. */
export async function handleReviewApi(relay, req, res, url, cors, http) {
  const now = relay.now();
  if (url.pathname === '/api/reviews') {
    const origin = req.headers.origin;
    if (!relay.originAllowed(origin)) throw new ProtocolError('forbidden', `origin ${origin ?? '(none)'} is not allowed`);
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    if (req.method !== 'POST') throw new ProtocolError('not_found', 'no such endpoint');
    // Said too big up front: answered 413 without reading (readJson would cut the connection).
    if (Number(req.headers['content-length'] ?? 0) > REVIEW_LIMITS.maxBytes) {
      res.setHeader('connection', 'close');
      throw new ProtocolError('too_long', `request body is over ${REVIEW_LIMITS.maxBytes} bytes`);
    }
    const body = await http.readJson(req, REVIEW_LIMITS.maxBytes);
    const record = validateBotReview(body, now);
    if (!relay.allowRate(relay.reviewRate, relay.clientIp(req) ?? '?', REVIEWS_PER_MINUTE_PER_IP, now)) {
      throw Object.assign(new ProtocolError('rate_limited', 'too many reviews from this address; try again in a minute'), { retryAfterMs: 60000 });
    }
    const id = `r-${crypto.randomBytes(12).toString('base64url')}`;
    await relay.store.mergeReview(id, record);
    return http.reply(res, 201, { id }, cors);
  }
  if (req.method !== 'GET' || !['/api/review/export', '/api/review/summary'].includes(url.pathname)) throw new ProtocolError('not_found', 'no such endpoint');
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!m) throw new ProtocolError('unauthorized', 'send an admin console session as "Authorization: Bearer <session>"');
  const agent = await relay.sessionAgent(m[1], now);
  if (!agent) throw new ProtocolError('unauthorized', 'this session has ended; sign in again');
  if (agent.role !== 'admin') throw new ProtocolError('forbidden', 'the review page is for admins');
  const f = parseFilters(url.searchParams);
  const records = (await relay.store.listReviews(f.from ?? 0, f.to ?? 8.64e15, REVIEW_LIMITS.maxExport)).filter((r) => r.started_at !== null && matches(r, f));
  const doc = buildExport(records);
  if (url.pathname === '/api/review/export') {
    return http.reply(res, 200, doc, { 'content-disposition': 'attachment; filename="attune-reviews.json"' });
  }
  const threshold = Number(url.searchParams.get('similarity') ?? 0.3);
  const { group, why } = await coreGrouper(Number.isFinite(threshold) ? Math.min(1, Math.max(0, threshold)) : 0.3);
  return http.reply(res, 200, { ...summarizeExport(doc, { group }), grouping: group ? 'core' : 'none', ...(why ? { grouping_note: why } : {}),
    filters: { from: f.from ? new Date(f.from).toISOString() : null, to: f.to ? new Date(f.to).toISOString() : null, team: f.team, language: f.language, pack: f.pack },
    truncated: records.length >= REVIEW_LIMITS.maxExport });
}
