// The review page's figures, computed from an export document ({version, conversations}, see
// relay/README.md "Review"). Plain JavaScript with no imports, so the relay (Node), the console
// and the widget's local review page (browsers) compute the same summary from the same export.

export const REVIEW_VERSION = 1;
export const VERDICTS = ['on_time', 'late', 'not_needed'];

const handedOff = (c) => c.turns.some((t) => t.handoff) || ['handoff', 'agent_closed', 'returned_to_bot', 'message_left'].includes(c.outcome) || c.agent;
const dayOf = (iso) => (iso ? iso.slice(0, 10) : null);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Turns the bot did not understand: a fallback, or no intent. */
export function notUnderstood(c) {
  return c.turns.filter((t) => t.fallback || t.intent === 'none');
}

/**
 * Ended badly without a person: no handoff, and a CSAT of 1-2, or the visitor left (abandoned)
 * while the bot was falling back (the last turn, or two of the last three, fallbacks).
 */
export function endedBadly(c) {
  if (handedOff(c)) return null;
  if (c.csat && c.csat.score <= 2) return 'low_csat';
  const last = c.turns.slice(-3);
  if (c.outcome === 'abandoned' && last.length && (last.at(-1).fallback || last.filter((t) => t.fallback).length >= 2)) return 'left_during_fallbacks';
  return null;
}

/**
 * What the review page shows, from an export document. `group(texts)` clusters the
 * not-understood messages (the core's groupBySimilarity); without it each text is its own group.
 */
export function summarizeExport(doc, { group } = {}) {
  const convs = doc.conversations;
  const days = new Map();
  for (const c of convs) {
    const d = dayOf(c.started_at);
    if (!d) continue;
    const e = days.get(d) ?? { day: d, conversations: 0, handoffs: 0, reasons: {} };
    e.conversations++;
    if (handedOff(c)) {
      e.handoffs++;
      const ht = c.turns.find((t) => t.handoff);
      for (const r of new Set(ht?.reasons ?? [])) e.reasons[r] = (e.reasons[r] ?? 0) + 1;
    }
    days.set(d, e);
  }
  const byDay = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).map((e) => ({ ...e, rate: e.conversations ? e.handoffs / e.conversations : 0 }));
  const reasonTotals = {};
  for (const d of byDay) for (const [r, n] of Object.entries(d.reasons)) reasonTotals[r] = (reasonTotals[r] ?? 0) + n;

  const bad = convs.map((c) => ({ c, why: endedBadly(c) })).filter((x) => x.why)
    .map(({ c, why }) => ({ id: c.id, why, started_at: c.started_at, pack: c.pack, language: c.language, team: c.team, csat: c.csat?.score ?? null,
      turns: c.turns.length, fallbacks: c.turns.filter((t) => t.fallback).length, last: c.turns.at(-1)?.text ?? '' }))
    .sort((a, b) => (a.started_at === b.started_at ? (a.id < b.id ? -1 : 1) : a.started_at < b.started_at ? 1 : -1));

  // Not understood, grouped per pack and language (an intent belongs to one pack file).
  const pools = new Map();
  for (const c of convs) {
    for (const t of notUnderstood(c)) {
      if (!t.text.trim()) continue;
      const key = `${c.pack ?? '?'}|${t.language ?? c.language ?? '?'}`;
      const p = pools.get(key) ?? { pack: c.pack ?? null, language: t.language ?? c.language ?? null, texts: [], refs: [] };
      p.texts.push(t.text);
      p.refs.push({ conversation: c.id, turn: t.turn });
      pools.set(key, p);
    }
  }
  const groups = [];
  for (const p of pools.values()) {
    const clusters = group ? group(p.texts) : p.texts.map((_, i) => ({ members: [i], representative: i }));
    for (const g of clusters) {
      const examples = [...new Set(g.members.map((i) => p.texts[i]))];
      groups.push({ pack: p.pack, language: p.language, size: g.members.length, representative: p.texts[g.representative], examples,
        conversations: [...new Set(g.members.map((i) => p.refs[i].conversation))].slice(0, 20),
        draft: { name: draftName(p.texts[g.representative]), examples: examples.slice(0, 30) } });
    }
  }
  groups.sort((a, b) => b.size - a.size || (a.representative < b.representative ? -1 : 1));

  const csatBy = (keyOf) => {
    const m = new Map();
    for (const c of convs) {
      if (!c.csat) continue;
      const k = keyOf(c);
      if (k === null || k === undefined) continue;
      const e = m.get(k) ?? { key: k, scores: [] };
      e.scores.push(c.csat.score);
      m.set(k, e);
    }
    return [...m.values()].map((e) => ({ key: e.key, n: e.scores.length, mean: mean(e.scores) })).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
  };
  const mainIntent = (c) => {
    const counts = new Map();
    for (const t of c.turns) if (t.intent !== 'none' && !['thanks', 'goodbye', 'greeting'].includes(t.intent)) counts.set(t.intent, (counts.get(t.intent) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';
  };
  const mainTone = (c) => {
    const counts = new Map();
    for (const t of c.turns) if (t.tone) counts.set(t.tone, (counts.get(t.tone) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };

  const verdicts = convs.filter((c) => c.verdict).map((c) => {
    const ht = c.turns.find((t) => t.handoff);
    return { id: c.id, kind: c.verdict.kind, turn: c.verdict.turn ?? null, handoff_turn: ht?.turn ?? null, by: c.verdict.by, at: c.verdict.at,
      team: c.team, language: c.language, pack: c.pack, reasons: ht?.reasons ?? [],
      should_have_said: c.verdict.turn ? c.turns.find((t) => t.turn === c.verdict.turn)?.text ?? null : null };
  }).sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? 1 : -1));
  const verdictCounts = Object.fromEntries(VERDICTS.map((k) => [k, verdicts.filter((v) => v.kind === k).length]));

  const withCsat = convs.filter((c) => c.csat);
  return {
    version: REVIEW_VERSION,
    totals: { conversations: convs.length, handoffs: convs.filter(handedOff).length, with_csat: withCsat.length,
      csat_mean: mean(withCsat.map((c) => c.csat.score)), not_understood: groups.reduce((n, g) => n + g.size, 0), ended_badly: bad.length },
    by_day: byDay, reasons: reasonTotals, ended_badly: bad, not_understood: groups,
    csat: { by_intent: csatBy(mainIntent), by_tone: csatBy(mainTone), by_agent: csatBy((c) => c.agent) },
    verdicts: { counts: verdictCounts, list: verdicts },
    facets: {
      teams: [...new Set(convs.map((c) => c.team).filter(Boolean))].sort(),
      languages: [...new Set(convs.map((c) => c.language).filter(Boolean))].sort(),
      packs: [...new Set(convs.map((c) => c.pack).filter(Boolean))].sort(),
    },
  };
}

/** An intent name from a message: its first few longer words, snake_case, ASCII. */
export function draftName(text) {
  const words = String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const keep = words.filter((w) => w.length > 3).slice(0, 3);
  return (keep.length ? keep : words.slice(0, 3)).join('_').slice(0, 40) || 'new_intent';
}
