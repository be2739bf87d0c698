// memory.js: opt-in persistence of the conversation (sessionStorage or
// localStorage, with a time-to-live), so a reload comes back to the same
// place: the log (text redacted by the core), the quick replies last shown,
// the core's saved state (a flow's question, slots, distress; see
// Engine::SaveState) and whether the panel was open. Off unless the site sets
// `persist`. Keeping tabs in step is tabs.js's job. Storage is injected, so
// unit tests run in Node.
//
// Stored format, version 2 (version 1 held only `messages`; it still loads):
//   {v: 2, savedAt, messages: [{id, from, text, time, name?}], chips: [string],
//    state: string|null, seq: number, open: boolean}
// Anything else (corrupt JSON, another version, wrong types) is dropped and
// the visitor starts a fresh conversation.

export const VERSION = 2;
const MAX_CHIPS = 10;

/** The empty conversation: what load() returns when nothing usable is stored. */
export const EMPTY = Object.freeze({ messages: [], chips: [], state: null, seq: 0, open: false });

/**
 * @param {{mode: 'none'|'session'|'local', ttlMinutes: number, key: string,
 *          storage?: Storage, now?: () => number}} opts
 */
export function createMemory({ mode, ttlMinutes, key, storage, now = Date.now }) {
  const enabled = mode === 'session' || mode === 'local';
  const name = 'attune:' + key;
  const ttl = ttlMinutes * 60_000;

  const drop = () => {
    try {
      storage?.removeItem(name);
    } catch {
      /* storage blocked: nothing to drop */
    }
  };

  return {
    enabled,
    /** The saved conversation ({messages, chips, state, seq, open}), or EMPTY when none, expired or unreadable. */
    load() {
      if (!enabled || !storage) return EMPTY;
      let data;
      try {
        data = JSON.parse(storage.getItem(name) ?? 'null');
      } catch {
        drop(); // corrupt: start fresh rather than fail, and do not trip on it again
        return EMPTY;
      }
      if (data === null) return EMPTY;
      const snapshot = parse(data);
      if (!snapshot) {
        drop();
        return EMPTY;
      }
      if (!(now() - data.savedAt <= ttl)) {
        drop();
        return EMPTY;
      }
      return snapshot;
    },
    /** Saves a snapshot ({messages, chips?, state?, seq?, open?}); best-effort. */
    save(snapshot) {
      if (!enabled || !storage) return;
      const { messages = [], chips = [], state = null, seq = 0, open = false } = snapshot ?? {};
      try {
        storage.setItem(name, JSON.stringify({ v: VERSION, savedAt: now(), messages, chips, state, seq, open }));
      } catch {
        /* quota or privacy mode: persistence is best-effort */
      }
    },
    clear: drop,
  };
}

/** A stored object as a snapshot, or null when it is not one this version can read. */
export function parse(data) {
  if (!data || typeof data !== 'object' || typeof data.savedAt !== 'number' || !Array.isArray(data.messages)) return null;
  if (data.v !== 1 && data.v !== VERSION) return null;
  const messages = data.messages.filter((m) => m && typeof m === 'object' && typeof m.text === 'string' && typeof m.from === 'string');
  if (data.v === 1) return { ...EMPTY, messages };
  const chips = Array.isArray(data.chips) ? data.chips.filter((c) => typeof c === 'string').slice(0, MAX_CHIPS) : [];
  const state = typeof data.state === 'string' ? data.state : null;
  const seq = Number.isSafeInteger(data.seq) && data.seq >= 0 ? data.seq : 0;
  return { messages, chips, state, seq, open: data.open === true };
}
