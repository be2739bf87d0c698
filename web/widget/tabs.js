// tabs.js: one conversation across the tabs of a site (with `persist` on).
// One tab at a time is the leader: it holds a Web Lock for as long as it
// lives, and only its core answers. The other tabs send the visitor's
// messages to it over a BroadcastChannel and show what it commits (messages,
// quick replies, the core's saved state), so every tab shows one ordered log
// and no two cores ever answer the same conversation (which spliced two
// conversations into one log). When the leader closes, the browser grants the
// lock to a waiting tab, which restores the last state it was sent and takes
// over; the others then send it what is still unanswered.
// Without Web Locks or BroadcastChannel (or with `persist` off) a tab is its
// own leader and shares nothing.
// Protocol (all messages carry `from`, the sender's tab id):
//   say {message}               a follower's visitor message, for the leader to answer
//   turn {messages, chips, state, seq}   the leader committed a turn (messages in log order)
//   message {message}           any tab: a message outside bot turns (handoff, notices)
//   hello                       a new tab asks for the conversation
//   snapshot {to, messages, chips, state, seq, open}   the leader's answer to hello
//   leader                      a tab took over: resend what is unanswered
//   greet                       a follower opened an empty conversation: the leader greets
//   wait {seconds}              the leader's countdown for a refused turn
//   panel {open}                the panel was opened or closed
//   reset                       a new conversation

/**
 * @param {{enabled: boolean, name: string, BroadcastChannel?: typeof BroadcastChannel,
 *          locks?: LockManager, id?: string}} opts
 */
export function createTabs({ enabled, name, BroadcastChannel: BC, locks, id = randomId() }) {
  let channel = null;
  if (enabled && BC) {
    try {
      channel = new BC('attune:' + name);
    } catch {
      channel = null; // opaque origins (sandboxed iframes) throw
    }
  }
  const shared = !!(channel && locks?.request);
  const listeners = new Set();
  let leader = !shared;
  let release = null;
  const abort = typeof AbortController === 'function' ? new AbortController() : null;
  const onLeader = new Set();

  channel?.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object' || m.from === id) return;
    if (m.to && m.to !== id) return;
    for (const fn of listeners) fn(m);
  });

  function become() {
    leader = true;
    for (const fn of onLeader) fn();
    return new Promise((resolve) => (release = resolve)); // held until close()
  }

  return {
    id,
    /** False when this tab shares its conversation with other tabs. */
    alone: !shared,
    get leader() {
      return leader;
    },
    /**
     * Contends for leadership; resolves true when this tab leads now, false when another does
     * (then `fn` runs when this tab takes over). `fn` also runs when it leads at once.
     */
    async lead(fn) {
      if (fn) onLeader.add(fn);
      if (!shared) {
        fn?.();
        return true;
      }
      // The lock is held while the callback's promise is pending: become() never settles until close().
      const now = await new Promise((resolve) => {
        locks.request('attune:' + name, { ifAvailable: true }, (lock) => {
          resolve(!!lock);
          return lock ? become() : undefined;
        }).catch(() => resolve(false));
      });
      if (now) return true;
      // Queue for the lock: granted when the leader's tab closes.
      locks.request('attune:' + name, abort ? { signal: abort.signal } : {}, () => become()).catch(() => {});
      return false;
    },
    post(msg) {
      channel?.postMessage({ ...msg, from: id });
    },
    /** fn(msg) for messages from other tabs; returns an unsubscribe function. */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close() {
      release?.();
      abort?.abort();
      listeners.clear();
      onLeader.clear();
      channel?.close();
      channel = null;
    },
  };
}

function randomId() {
  return globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36);
}
