// Review records the widget keeps of the bot's turns (issue 16), and the one way a conversation
// without a person reaches the relay's review page: the visitor ticks "share this chat" on the
// rating card. Texts are redacted by the core before they leave; without the tick nothing is sent.

/** What the review page needs of one bot turn (the visitor's message is redacted later, on send). */
export function turnRecord(turn, text) {
  const response = turn.response ?? '';
  return {
    turn: turn.turn, text,
    intent: turn.intent ?? 'none', confidence: turn.confidence ?? 0, distress: turn.distress ?? 0, valence: turn.valence ?? 0,
    reasons: (turn.reasons ?? []).map((r) => r.name).filter(Boolean),
    handoff: turn.handoff === true,
    language: turn.reply_language ?? (turn.language && turn.language !== 'und' ? turn.language : null),
    // The bot did not understand: it fell back, said the pack does not cover it, or had to ask.
    fallback: turn.intent === 'none' || ['fallback', 'out_of_scope', 'clarify'].includes(response),
    ...(turn.tone ? { tone: turn.tone } : {}),
  };
}

/** The records with their texts redacted by the core (one round trip). */
export async function redactedRecords(records, redact) {
  if (!records.length) return [];
  const texts = await redact(records.map((r) => r.text));
  return records.map((r, i) => ({ ...r, text: texts[i] }));
}

/**
 * Where the relay takes reviews: `channel.reviewUrl`, else derived from a websocket or webhook
 * channel's URL (same host, /api/reviews); null for a custom channel without one.
 */
export function reviewUrl(channel) {
  if (!channel || typeof channel !== 'object') return null;
  if (typeof channel.reviewUrl === 'string') return channel.reviewUrl;
  const first = Array.isArray(channel.url) ? channel.url[0] : channel.url;
  if (typeof first !== 'string' || !['websocket', 'webhook'].includes(channel.type)) return null;
  try {
    const u = new URL(first);
    u.protocol = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
    u.pathname = '/api/reviews';
    u.search = '';
    return u.href;
  } catch { return null; }
}

/** POST the consented review; resolves true when the relay stored it. Never throws. */
export async function shareReview({ url, records, csat, pack, language, startedAt, fetchFn = globalThis.fetch }) {
  if (!url || !records.length || !fetchFn) return false;
  try {
    const r = await fetchFn(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
      consent: true, pack: pack ?? null, language: language ?? records.at(-1)?.language ?? null, outcome: 'resolved',
      started_at: startedAt, ended_at: Date.now(), csat: csat ? { score: csat.score } : null, turns: records.slice(-200) }) });
    return r.ok;
  } catch { return false; }
}
