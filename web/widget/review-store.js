// review-store.js: the local review (privacy mode, issue 16). With no relay,
// a site may opt in (`review: 'local'`) to keep review records of the
// visitor's own conversations in this browser's localStorage, in the export
// format `attune tune` reads (web/review/format.js), for the local review
// page (dist/review.html). Nothing here sends anything anywhere.
//
// Bounded: at most `maxConversations` (oldest dropped first), `maxTurns`
// records a conversation (later ones are not kept; nor is a record that
// would make one conversation over half of `maxBytes`) and `maxBytes` of JSON
// in all; a conversation untouched for `ttlDays` is dropped when the store
// is read. Corrupt or foreign data is dropped, never trusted: a value that
// does not parse is replaced, a conversation that fails the format check is
// left out. Only redacted text is ever given to it (the caller redacts with
// the core, as for `persist`). Storage and clock are injected for tests.
import { parseConversation, parseVerdict, EXPORT_VERSION } from '../review/format.js';

export const REVIEW_KEY = 'attune:review';
const STORE_VERSION = 1;
const DAY = 86_400_000;

/**
 * @param {{storage?: Storage, key?: string, now?: () => number, maxConversations?: number,
 *          maxTurns?: number, maxBytes?: number, ttlDays?: number}} [opts]
 */
export function createReviewStore({ storage, key = REVIEW_KEY, now = Date.now, maxConversations = 50, maxTurns = 60, maxBytes = 250_000, ttlDays = 30 } = {}) {
  const ttl = ttlDays * DAY;

  /** The stored conversations still within their TTL, each checked; [] when unreadable. */
  function read() {
    let data;
    try {
      data = JSON.parse(storage?.getItem(key) ?? 'null');
    } catch {
      return []; // corrupt: start over (the next write replaces it)
    }
    if (!data || data.v !== STORE_VERSION || !Array.isArray(data.conversations)) return [];
    const out = [];
    for (const c of data.conversations) {
      try {
        const conv = parseConversation(c, 'stored');
        if (now() - Date.parse(conv.ended_at ?? conv.started_at) <= ttl) out.push(conv);
      } catch {
        /* a malformed conversation is left out */
      }
    }
    return out;
  }

  /** Writes `list` within the bounds: oldest conversations go first until it fits. */
  function write(list) {
    if (!storage) return false;
    let keep = list.slice(-maxConversations);
    for (;;) {
      const text = JSON.stringify({ v: STORE_VERSION, conversations: keep });
      if (text.length <= maxBytes || !keep.length) {
        try {
          if (keep.length) storage.setItem(key, text);
          else storage.removeItem(key);
          return true;
        } catch {
          // Quota: drop the oldest and try again, down to nothing.
          if (!keep.length) return false;
        }
      }
      keep = keep.slice(1);
    }
  }

  const iso = () => new Date(now()).toISOString();

  return {
    /**
     * Adds one per-turn record ({turn, text (redacted), intent, confidence, distress, valence,
     * reasons, handoff, language, fallback}) to conversation `id`, made with `meta` ({pack,
     * language}) the first time. Returns false when the record was not kept (bad record,
     * conversation full, no storage).
     */
    record(id, meta, rec) {
      try {
        parseConversation({ id, turns: [rec] }, 'record');
      } catch {
        return false;
      }
      const list = read();
      let conv = list.find((c) => c.id === id);
      if (!conv) {
        conv = { id, pack: meta?.pack ?? null, language: meta?.language ?? rec.language ?? null, team: null, agent: null,
          started_at: iso(), ended_at: iso(), outcome: 'bot', csat: null, verdict: null, turns: [] };
        list.push(conv);
      }
      if (conv.turns.length >= maxTurns || (conv.turns.length && rec.turn <= conv.turns.at(-1).turn)) return false;
      conv.turns.push(rec);
      // One conversation alone over the byte bound would push out all the others: not kept.
      if (JSON.stringify(conv).length > maxBytes / 2) return false;
      conv.ended_at = iso();
      if (rec.handoff) conv.outcome = 'handoff';
      // The conversation just touched goes last, so the bounds drop the oldest.
      return write([...list.filter((c) => c !== conv), conv]);
    },
    /** A reviewer's verdict ({kind, turn?}) on conversation `id`, or null to clear it. */
    setVerdict(id, verdict, by = 'local') {
      const list = read();
      const conv = list.find((c) => c.id === id);
      if (!conv) return false;
      conv.verdict = verdict === null ? null : { ...parseVerdict(verdict, 'verdict'), by, at: iso() };
      return write(list);
    },
    /** The kept conversations, oldest first (expired and malformed ones left out). */
    conversations() {
      return read();
    },
    /** The export document (the relay's format), for the review page and `attune tune`. */
    export() {
      return { version: EXPORT_VERSION, conversations: read() };
    },
    /** Forgets conversation `id`, or every conversation when no id is given. */
    delete(id) {
      if (id === undefined) {
        try {
          storage?.removeItem(key);
        } catch {
          return false;
        }
        return true;
      }
      return write(read().filter((c) => c.id !== id));
    },
    /** Drops what has expired or does not parse from storage itself (read() only hides it). */
    prune() {
      return write(read());
    },
  };
}

// One definition of a turn record, shared with the relay review (review-share.js).
export { turnRecord } from './review-share.js';
