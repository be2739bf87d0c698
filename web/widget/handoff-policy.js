// handoff-policy.js: the widget's decisions around a person, as pure functions (no DOM, no
// network), so unit tests run them in Node: what to offer when the core asks for a person,
// which crisis resources fit the visitor's country, what travels with each live message.
// The core decides *whether* a person is needed; these decide what the visitor is offered,
// given what is actually available.

/** ISO 3166-1 alpha-2, upper case: 'es' -> 'ES'; anything else -> null. */
export function normalizeCountry(value) {
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : null;
}

/**
 * The visitor's country: the site's `country` setting, else the region of the browser's first
 * language that has one ('es-MX' -> 'MX'), else null (unknown).
 */
export function visitorCountry(configured, languages = []) {
  const set = normalizeCountry(configured);
  if (set) return set;
  for (const tag of languages ?? []) {
    // Language tags: language[-script][-REGION]...; the region is 2 letters (or 3 digits, ignored).
    const parts = String(tag).split(/[-_]/).slice(1);
    const region = parts.find((p) => /^[A-Za-z]{2}$/.test(p));
    if (region) return region.toUpperCase();
  }
  return null;
}

/**
 * What to offer when the core asks for a person.
 * @param {{channel: boolean, availability?: {open: boolean|null, reason?: string|null}|null,
 *          unreachable?: boolean, hours?: {open: boolean, nextOpen?: number|null}|null}} facts
 * @returns {{kind: 'none'|'unreachable'|'leave'|'person', reason: string|null, nextOpen?: number|null}}
 *   none: no channel on this site (no person, no leave-a-message); unreachable: the relay did not
 *   answer (no person, no leave-a-message: it would fail); leave: nobody can answer now (offer
 *   leave-a-message or the bot); person: offer a person (availability open, or not known).
 */
export function chooseOffer({ channel, availability = null, unreachable = false, hours = null }) {
  if (!channel) return { kind: 'none', reason: 'no_channel' };
  if (unreachable) return { kind: 'unreachable', reason: 'unreachable' };
  if (hours && hours.open === false) return { kind: 'leave', reason: 'closed_hours', nextOpen: hours.nextOpen ?? null };
  // 'busy': people are online but at their limit; the conversation waits in the queue, so a
  // person is still honest to offer (the queue position is shown once connected).
  if (availability && availability.open === false && availability.reason !== 'busy') {
    return { kind: 'leave', reason: availability.reason ?? 'offline', nextOpen: availability.nextOpen ?? null };
  }
  return { kind: 'person', reason: availability?.reason ?? null };
}

/** True when the turn heard a crisis (a crisis cue or a crisis kind). */
export function isCrisis(turn) {
  return !!turn && (!!turn.crisis_kind || (Array.isArray(turn.cues) && turn.cues.some((c) => c?.name === 'crisis')));
}

/**
 * The `affect` sent with a live message (PROTOCOL.md, "Live affect per message"), from the core's
 * turn on that message. `evidence` must already be redacted (one entry per turn.reasons item).
 */
export function affectOf(turn, evidence = []) {
  if (!turn || typeof turn !== 'object') return undefined;
  const clamp = (x, lo, hi) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : undefined);
  const affect = {
    distress: clamp(turn.distress, 0, 1),
    valence: clamp(turn.valence, -1, 1),
    crisis: isCrisis(turn),
  };
  if (turn.crisis_kind) affect.crisisKind = String(turn.crisis_kind);
  if (typeof turn.intent === 'string' && turn.intent) affect.intent = turn.intent;
  if (typeof turn.language === 'string' && turn.language && turn.language !== 'und') affect.language = turn.language;
  affect.reasons = (Array.isArray(turn.reasons) ? turn.reasons : []).slice(0, 8).map((r, i) => ({
    name: String(r.name),
    weight: clamp(r.weight, 0, 1) ?? 0,
    evidence: String(evidence[i] ?? '').slice(0, 200),
  }));
  for (const k of Object.keys(affect)) if (affect[k] === undefined) delete affect[k];
  return affect;
}

/** The handoff's priority: 'crisis' once a crisis was heard in this conversation, else 'normal'. */
export function priorityOf(crisisHeard) {
  return crisisHeard ? 'crisis' : 'normal';
}

/** Visitor identity as the relay takes it ({name, email, userId, hash}, strings only), or null. */
export function cleanIdentity(v) {
  if (!v || typeof v !== 'object') return null;
  const out = {};
  for (const k of ['name', 'email', 'userId', 'hash']) {
    if (typeof v[k] === 'string' && v[k].trim()) out[k] = v[k].trim().slice(0, 200);
  }
  return Object.keys(out).length ? out : null;
}

/**
 * The character count shown under the composer: null while far from the limit (no clutter),
 * else {used, max, over}; shown from 90 % of the limit.
 */
export function inputCount(length, max) {
  if (length < Math.floor(max * 0.9)) return null;
  return { used: length, max, over: length > max };
}
