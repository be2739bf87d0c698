// memory.js: opt-in persistence of the visible conversation (sessionStorage
// or localStorage, with a time-to-live) and BroadcastChannel sync so two tabs
// of the same site show the same conversation. Off unless the site sets
// `persist`. Storage and channel are injected, so unit tests run in Node.

const VERSION = 1;

/**
 * @param {{mode: 'none'|'session'|'local', ttlMinutes: number, key: string,
 *          storage?: Storage, BroadcastChannel?: typeof BroadcastChannel, now?: () => number}} opts
 */
export function createMemory({ mode, ttlMinutes, key, storage, BroadcastChannel: BC, now = Date.now }) {
  const enabled = mode === 'session' || mode === 'local';
  const name = 'attune:' + key;
  let channel = null;
  if (enabled && BC) {
    try {
      channel = new BC(name);
    } catch {
      channel = null; // opaque origins (sandboxed iframes) throw
    }
  }
  const ttl = ttlMinutes * 60_000;

  return {
    enabled,
    /** The saved messages, or [] when none, expired or unreadable. */
    load() {
      if (!enabled || !storage) return [];
      try {
        const data = JSON.parse(storage.getItem(name) ?? 'null');
        if (!data || data.v !== VERSION || !Array.isArray(data.messages)) return [];
        if (now() - data.savedAt > ttl) {
          storage.removeItem(name);
          return [];
        }
        return data.messages.filter((m) => m && typeof m.text === 'string' && typeof m.from === 'string');
      } catch {
        return []; // storage disabled or corrupt: start fresh rather than fail
      }
    },
    save(messages) {
      if (!enabled || !storage) return;
      try {
        storage.setItem(name, JSON.stringify({ v: VERSION, savedAt: now(), messages }));
      } catch {
        /* quota or privacy mode: persistence is best-effort */
      }
    },
    clear() {
      try {
        storage?.removeItem(name);
      } catch {
        /* see save() */
      }
    },
    post(msg) {
      channel?.postMessage(msg);
    },
    /** fn(msg) for messages from other tabs; returns an unsubscribe function. */
    subscribe(fn) {
      if (!channel) return () => {};
      const h = (e) => fn(e.data);
      channel.addEventListener('message', h);
      return () => channel.removeEventListener('message', h);
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}
