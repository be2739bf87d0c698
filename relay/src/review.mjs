// Review data (issue 16): what happened in each conversation, kept so an admin can see where the
// bot fails and whether handoffs came at the right time. One record per conversation:
//   {id, pack, language, team, agent, started_at, ended_at, outcome, csat, verdict, turns[]}
// turns: one per bot turn {turn, text (the visitor's message, redacted by the widget's core),
// intent, confidence, distress, valence, reasons[], handoff, language, fallback, tone?}.
// This module validates what comes in, builds the export (the format the widget's local review
// writes and `attune tune --reviews` reads) and the summary the review page draws. It imports
// nothing from the server; the relay wires it to the store and HTTP.
import { ProtocolError } from './protocol.mjs';
import { VERDICTS, REVIEW_VERSION } from '../console/review-summary.js';

export { VERDICTS, REVIEW_VERSION, summarizeExport, notUnderstood, endedBadly, draftName } from '../console/review-summary.js';

export const OUTCOMES = ['resolved', 'abandoned', 'handoff', 'agent_closed', 'returned_to_bot', 'visitor_left', 'visitor_gone', 'message_left'];
export const REVIEW_LIMITS = Object.freeze({
  maxTurns: 200,          // turn records per conversation
  maxBytes: 64 * 1024,    // serialized body of POST /api/reviews
  maxTextLength: 2000,    // a turn's text (clipped, not refused: the chat already happened)
  maxReasons: 20,
  maxExport: 5000,        // conversations in one export (narrow the dates for more)
});
const NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
const LANG_RE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const bad = (message) => new ProtocolError('bad_request', message);
const clamp = (v, lo, hi) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : null);
const shortStr = (v, max) => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, max) : null);

/** Per-turn records from a widget: bounded, clamped, known fields only. Rejects ProtocolError. */
export function validateTurns(list, limits = REVIEW_LIMITS) {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw bad('"turns" must be an array');
  if (list.length > limits.maxTurns) throw new ProtocolError('too_long', `"turns" has ${list.length} entries; the limit is ${limits.maxTurns}`);
  return list.map((t, i) => {
    if (!t || typeof t !== 'object' || Array.isArray(t)) throw bad(`turns[${i}] must be an object`);
    if (!Number.isInteger(t.turn) || t.turn < 1 || t.turn > 100000) throw bad(`turns[${i}].turn must be a positive integer`);
    if (typeof t.text !== 'string') throw bad(`turns[${i}].text must be a string`);
    if (t.reasons !== undefined && !Array.isArray(t.reasons)) throw bad(`turns[${i}].reasons must be an array`);
    const text = t.text.length > limits.maxTextLength ? `${t.text.slice(0, limits.maxTextLength - 1)}…` : t.text;
    const out = {
      turn: t.turn, text,
      intent: shortStr(t.intent, 100) ?? 'none',
      confidence: clamp(t.confidence, 0, 1) ?? 0,
      distress: clamp(t.distress, 0, 1) ?? 0,
      valence: clamp(t.valence, -1, 1) ?? 0,
      // A reason is its name: the evidence is visitor text and stays in `text`, already redacted.
      reasons: (t.reasons ?? []).slice(0, limits.maxReasons).map((r) => shortStr(typeof r === 'string' ? r : r?.name, 64)).filter(Boolean),
      handoff: t.handoff === true,
      language: typeof t.language === 'string' && LANG_RE.test(t.language) ? t.language : null,
      fallback: t.fallback === true,
    };
    if (typeof t.tone === 'string' && NAME_RE.test(t.tone)) out.tone = t.tone;
    return out;
  });
}

/** An agent's verdict on a finished handoff. `turns`: the conversation's records, to check a "late" turn. */
export function validateVerdict(v, turns = []) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad('"verdict" must be an object');
  if (!VERDICTS.includes(v.kind)) throw bad('"verdict.kind" must be "on_time", "late" or "not_needed"');
  if (v.kind !== 'late') {
    if (v.turn !== undefined && v.turn !== null) throw bad('"verdict.turn" is only for "late"');
    return { kind: v.kind };
  }
  if (!Number.isInteger(v.turn) || v.turn < 1) throw bad('"verdict.turn" (the turn the handoff should have come) must be a positive integer');
  if (turns.length && !turns.some((t) => t.turn === v.turn)) throw bad(`"verdict.turn" ${v.turn} is not one of this conversation's turns`);
  return { kind: 'late', turn: v.turn };
}

export function validateCsat(c) {
  if (!c || typeof c !== 'object' || !Number.isInteger(c.score) || c.score < 1 || c.score > 5) throw bad('"csat.score" must be an integer 1-5');
  return { score: c.score };
}

const time = (v, name) => {
  if (v === undefined || v === null) return null;
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t) || t < 0 || t > 8.64e15) throw bad(`"${name}" must be a time (ms since 1970 or ISO 8601)`);
  return Math.round(t);
};

/**
 * POST /api/reviews: a conversation the bot handled alone, sent by the widget only when a channel
 * is configured and the visitor ticked "share this chat". Without consent nothing is stored.
 */
export function validateBotReview(body, now, limits = REVIEW_LIMITS) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('the body must be a JSON object');
  if (body.consent !== true) throw new ProtocolError('consent_required', 'a review is stored only with the visitor\'s consent ("consent": true)');
  const turns = validateTurns(body.turns, limits);
  if (!turns.length) throw bad('"turns" must not be empty');
  const started = time(body.started_at, 'started_at') ?? now;
  const ended = time(body.ended_at, 'ended_at') ?? now;
  // A browser's clock may be off; a review from "next year" would sit outside every date filter.
  const clampTime = (t) => Math.min(t, now + 5 * 60000);
  return {
    pack: shortStr(body.pack, 100), language: typeof body.language === 'string' && LANG_RE.test(body.language) ? body.language : turns.at(-1).language,
    team: typeof body.team === 'string' && NAME_RE.test(body.team) ? body.team : null, agent: null,
    started_at: clampTime(Math.min(started, ended)), ended_at: clampTime(ended),
    outcome: OUTCOMES.includes(body.outcome) ? body.outcome : 'resolved',
    csat: body.csat === undefined || body.csat === null ? null : { ...validateCsat(body.csat), at: clampTime(ended) },
    verdict: null, turns,
  };
}

/** The review record of a new handed-off conversation: its routing facts and the bot's turns. */
export function reviewStart(handoff, turns, team, now) {
  // The chat began at its first message, if the widget's clock says something plausible (a week
  // at most before the handoff); else now.
  const times = (handoff.transcript ?? []).map((t) => t.at).filter((t) => typeof t === 'number' && t > now - 7 * 86400000 && t <= now);
  const language = turns.at(-1)?.language ?? (typeof handoff.locale === 'string' ? handoff.locale.split('-')[0].toLowerCase() : null);
  return { pack: handoff.pack ?? null, language, team, agent: null, started_at: times.length ? Math.min(...times) : now, ended_at: null,
    outcome: 'handoff', csat: null, verdict: null, turns };
}

/** One record as the export writes it (field order fixed, absent values null). */
export function exportRecord(r) {
  return { id: r.id, pack: r.pack ?? null, language: r.language ?? null, team: r.team ?? null, agent: r.agent ?? null,
    started_at: isoOrNull(r.started_at), ended_at: isoOrNull(r.ended_at), outcome: r.outcome ?? null,
    csat: r.csat ? { score: r.csat.score, at: isoOrNull(r.csat.at) } : null,
    verdict: r.verdict ? { kind: r.verdict.kind, ...(r.verdict.turn ? { turn: r.verdict.turn } : {}), by: r.verdict.by ?? null, at: isoOrNull(r.verdict.at) } : null,
    turns: r.turns ?? [] };
}
const isoOrNull = (t) => (typeof t === 'number' && Number.isFinite(t) ? new Date(t).toISOString() : null);

/** Query filters of the export and summary: from/to (dates or times), team, language, pack. */
export function parseFilters(params) {
  const day = 86400000;
  const from = params.get('from');
  const to = params.get('to');
  const parse = (v, name, endOfDay) => {
    if (!v) return null;
    const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) + (endOfDay ? day - 1 : 0) : Date.parse(v);
    if (!Number.isFinite(t)) throw bad(`"${name}" must be a date (YYYY-MM-DD) or an ISO 8601 time`);
    return t;
  };
  const f = { from: parse(from, 'from', false), to: parse(to, 'to', true), team: null, language: null, pack: null };
  for (const k of ['team', 'language', 'pack']) {
    const v = params.get(k);
    if (v) {
      if (!NAME_RE.test(v)) throw bad(`"${k}" must be 1-64 characters of A-Z a-z 0-9 . _ -`);
      f[k] = v;
    }
  }
  if (f.from !== null && f.to !== null && f.from > f.to) throw bad('"from" is after "to"');
  return f;
}

export function matches(r, f) {
  return (!f.team || r.team === f.team) && (!f.language || r.language === f.language) && (!f.pack || r.pack === f.pack);
}

/** The export document: {version, conversations}. */
export function buildExport(records) {
  return { version: REVIEW_VERSION, conversations: records.map(exportRecord) };
}

