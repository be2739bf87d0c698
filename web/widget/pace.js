// pace.js: the visitor's messages to the bot, in order, at a pace the core
// admits. Messages sent while the bot is still answering (its "typing") wait
// here and are answered together, in one turn, once; the core's rate limit
// (a token bucket, src/core/limits.h) then counts that burst as one message.
// A message the core refuses (rate_limited) is never dropped: it stays
// queued, a countdown says when it goes, and it is sent then by itself.
// Timers and clock are injected, so tests run in Node without waiting.

/** At most this many queued messages go in one turn (the rest in the next). */
export const MAX_MERGED = 10;
/** ...and at most this many characters, so a merged turn stays well inside the core's message limit. */
export const MAX_MERGED_CHARS = 2000;
/** Beyond this many waiting messages a new one is not taken (the text stays in the input). */
export const MAX_QUEUED = 50;

/**
 * @param {{answer: (batch: {id: string, text: string}[]) => Promise<{retryAfterMs?: number}|void>,
 *          onWait?: (seconds: number) => void, now?: () => number,
 *          setTimer?: typeof setTimeout, clearTimer?: typeof clearTimeout,
 *          maxMerged?: number, maxChars?: number, maxQueued?: number}} opts
 *   answer: answers one turn made of `batch` (one or more messages, oldest first); resolves
 *     {retryAfterMs} when the core refused it (nothing was answered), else nothing.
 *   onWait: the whole seconds until a refused turn is sent again, at the start and every
 *     second; 0 when it goes.
 */
export function createPace({ answer, onWait = () => {}, now = Date.now, setTimer = setTimeout, clearTimer = clearTimeout,
  maxMerged = MAX_MERGED, maxChars = MAX_MERGED_CHARS, maxQueued = MAX_QUEUED }) {
  const queue = []; // {message, resolve}
  let busy = false;
  let until = 0;   // a refused turn waits until this time
  let timer = null;
  let closed = false;

  function take() {
    const batch = [queue.shift()];
    let chars = batch[0].message.text.length;
    while (queue.length && batch.length < maxMerged && chars + queue[0].message.text.length <= maxChars) {
      chars += queue[0].message.text.length;
      batch.push(queue.shift());
    }
    return batch;
  }

  function tick() {
    timer = null;
    if (closed) return;
    const left = until - now();
    if (left > 0) {
      onWait(Math.ceil(left / 1000));
      // Wake on the next whole second, so the countdown reads 8, 7, 6 ... on time.
      timer = setTimer(tick, left % 1000 || 1000);
      return;
    }
    until = 0;
    onWait(0);
    kick();
  }

  async function kick() {
    if (busy || until || closed || !queue.length) return;
    busy = true;
    const batch = take();
    let result;
    try {
      result = await answer(batch.map((b) => b.message));
    } catch {
      result = undefined; // the caller reports its own failures; the messages count as answered
    }
    busy = false;
    if (closed) return;
    const wait = Number(result?.retryAfterMs) || 0;
    if (wait > 0) {
      queue.unshift(...batch); // refused: nothing answered, the same messages go first next time
      until = now() + wait;
      tick();
      return;
    }
    for (const b of batch) b.resolve();
    kick();
  }

  return {
    /** True when one more message can be queued now. */
    canAdd: () => !closed && queue.length < maxQueued,
    /**
     * Queues a visitor message ({id, text}); resolves when the turn that answers it is done.
     * Returns null (nothing queued) when the queue is full: keep the text where the visitor typed it.
     */
    add(message) {
      if (closed || queue.length >= maxQueued) return null;
      return new Promise((resolve) => {
        queue.push({ message, resolve });
        kick();
      });
    },
    /** Messages waiting (not yet answered, not in the turn being answered). */
    get waiting() {
      return queue.map((q) => q.message);
    },
    /** Milliseconds until a refused turn goes again; 0 when not waiting. */
    get retryInMs() {
      return until ? Math.max(0, until - now()) : 0;
    },
    get busy() {
      return busy;
    },
    /** Forgets everything queued (a new conversation); pending promises resolve. */
    clear() {
      if (timer) clearTimer(timer);
      timer = null;
      if (until) onWait(0);
      until = 0;
      for (const q of queue.splice(0)) q.resolve();
    },
    close() {
      this.clear();
      closed = true;
    },
  };
}
