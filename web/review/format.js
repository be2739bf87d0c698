// format.js: the review export (issue 16), one reader for everyone who takes
// it in: `attune tune`, the widget's local review store and the local review
// page. The relay writes it (GET /api/review/export) and so does the widget
// in privacy mode:
//
//   {"version": 1, "conversations": [{"id", "pack", "language", "team", "agent",
//     "started_at", "ended_at", "outcome", "csat", "verdict", "turns": [
//       {"turn", "text" (the visitor's message, redacted), "intent", "confidence",
//        "distress", "valence", "reasons": [...], "handoff", "language", "fallback"}]}]}
//
// verdict: null (not reviewed) or {kind: "on_time" | "late" | "not_needed", turn
// (for "late": the turn the handoff should have come), by, at}. The project's
// vocabulary also says "unneeded" for not_needed; it is read as not_needed.
// Pure: no DOM, no Node.

export const EXPORT_VERSION = 1;
export const VERDICT_KINDS = ['on_time', 'late', 'not_needed'];

/** What is wrong with an export, and where: `path` is like conversations[2].turns[0].text. */
export class ReviewFormatError extends Error {
  constructor(path, message) {
    super(`${path || '(top level)'}: ${message}`);
    this.code = 'invalid_reviews';
    this.path = path;
  }
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTurnNumber = (v) => Number.isInteger(v) && v >= 0;
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function optional(obj, key, type, path) {
  const v = obj[key];
  if (v === undefined || v === null) return;
  const ok = type === 'number' ? typeof v === 'number' && Number.isFinite(v) : type === 'array' ? Array.isArray(v) : typeof v === type;
  if (!ok) throw new ReviewFormatError(`${path}.${key}`, `expected ${type === 'array' ? 'an array' : `a ${type}`}, got ${kindOf(v)}`);
}

/** A verdict normalised ({kind, turn?, by?, at?}), or null for none; throws ReviewFormatError. */
export function parseVerdict(v, path) {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new ReviewFormatError(path, `expected an object or null, got ${kindOf(v)}`);
  const kind = v.kind === 'unneeded' ? 'not_needed' : v.kind;
  if (!VERDICT_KINDS.includes(kind)) {
    throw new ReviewFormatError(`${path}.kind`, `expected one of ${VERDICT_KINDS.join(', ')}, got ${JSON.stringify(v.kind)}`);
  }
  if (kind === 'late' && !isTurnNumber(v.turn)) {
    throw new ReviewFormatError(`${path}.turn`, 'a "late" verdict needs the turn the handoff should have come (an integer >= 0)');
  }
  if (v.turn !== undefined && v.turn !== null && !isTurnNumber(v.turn)) {
    throw new ReviewFormatError(`${path}.turn`, `expected an integer >= 0, got ${JSON.stringify(v.turn)}`);
  }
  const out = { kind };
  if (isTurnNumber(v.turn)) out.turn = v.turn;
  if (typeof v.by === 'string') out.by = v.by;
  if (v.at !== undefined) out.at = v.at;
  return out;
}

/** One per-turn record, checked; throws ReviewFormatError. */
export function parseTurn(t, path) {
  if (!isObject(t)) throw new ReviewFormatError(path, `expected an object, got ${kindOf(t)}`);
  if (!isTurnNumber(t.turn)) throw new ReviewFormatError(`${path}.turn`, `expected an integer >= 0, got ${JSON.stringify(t.turn)}`);
  if (typeof t.text !== 'string') throw new ReviewFormatError(`${path}.text`, `expected a string (the visitor's message, redacted), got ${kindOf(t.text)}`);
  for (const k of ['intent', 'language']) optional(t, k, 'string', path);
  for (const k of ['confidence', 'distress', 'valence']) optional(t, k, 'number', path);
  for (const k of ['handoff', 'fallback']) optional(t, k, 'boolean', path);
  optional(t, 'reasons', 'array', path);
  return t;
}

/** One conversation, checked (turns in increasing order); throws ReviewFormatError. */
export function parseConversation(c, path) {
  if (!isObject(c)) throw new ReviewFormatError(path, `expected an object, got ${kindOf(c)}`);
  if (typeof c.id !== 'string' || !c.id) throw new ReviewFormatError(`${path}.id`, 'expected a non-empty string');
  for (const k of ['pack', 'language', 'team', 'agent', 'outcome']) optional(c, k, 'string', path);
  if (!Array.isArray(c.turns)) throw new ReviewFormatError(`${path}.turns`, `expected an array of per-turn records, got ${kindOf(c.turns)}`);
  c.turns.forEach((t, i) => {
    parseTurn(t, `${path}.turns[${i}]`);
    if (i && t.turn <= c.turns[i - 1].turn) throw new ReviewFormatError(`${path}.turns[${i}].turn`, `turns must be in increasing order (${t.turn} after ${c.turns[i - 1].turn})`);
  });
  return { ...c, verdict: parseVerdict(c.verdict, `${path}.verdict`) };
}

/**
 * Reads an export (the parsed JSON): {version, conversations} with every
 * conversation checked and its verdict normalised. Throws ReviewFormatError
 * naming the first problem's path.
 */
export function parseReviewExport(doc) {
  if (!isObject(doc)) throw new ReviewFormatError('', `expected an object {"version": 1, "conversations": [...]}, got ${kindOf(doc)}`);
  if (doc.version !== EXPORT_VERSION) throw new ReviewFormatError('version', `expected ${EXPORT_VERSION}, got ${JSON.stringify(doc.version)}`);
  if (!Array.isArray(doc.conversations)) throw new ReviewFormatError('conversations', `expected an array, got ${kindOf(doc.conversations)}`);
  const seen = new Set();
  const conversations = doc.conversations.map((c, i) => {
    const conv = parseConversation(c, `conversations[${i}]`);
    if (seen.has(conv.id)) throw new ReviewFormatError(`conversations[${i}].id`, `"${conv.id}" appears twice`);
    seen.add(conv.id);
    return conv;
  });
  return { version: EXPORT_VERSION, conversations };
}
