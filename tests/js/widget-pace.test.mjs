// The widget's pace (web/widget/pace.js): messages sent while the bot answers
// are merged into one turn, answered once; a refused turn is kept, counted
// down and sent again by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPace } from '../../web/widget/pace.js';

const msg = (i) => ({ id: `m${i}`, text: `message ${i}` });
const tick = () => new Promise((r) => setImmediate(r));

/** A fake clock and timers that run only when the test advances time. */
function fakeTime() {
  let t = 0;
  let timers = [];
  return {
    now: () => t,
    setTimer: (fn, ms) => {
      const h = { at: t + ms, fn };
      timers.push(h);
      return h;
    },
    clearTimer: (h) => (timers = timers.filter((x) => x !== h)),
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = next.at;
        next.fn();
        await tick();
      }
      t = end;
      await tick();
    },
  };
}

test('messages sent while the bot answers go together in the next turn, each answered once', async () => {
  const turns = [];
  let release;
  const pace = createPace({
    answer: (batch) => {
      turns.push(batch.map((m) => m.id));
      return new Promise((r) => (release = r));
    },
  });
  const done = [pace.add(msg(1))];
  for (let i = 2; i <= 6; i++) done.push(pace.add(msg(i))); // typed during the first answer
  assert.deepEqual(turns, [['m1']]);
  release();
  await tick();
  assert.deepEqual(turns, [['m1'], ['m2', 'm3', 'm4', 'm5', 'm6']]);
  release();
  await Promise.all(done);
  assert.equal(turns.length, 2, 'no third turn');
});

test('a long burst is split: at most maxMerged messages and maxChars characters a turn', async () => {
  const turns = [];
  let release = () => {};
  const pace = createPace({ maxMerged: 3, maxChars: 30, answer: (b) => (turns.push(b.map((m) => m.id)), new Promise((r) => (release = r))) });
  const all = [];
  for (let i = 1; i <= 8; i++) all.push(pace.add(msg(i)));
  all.push(pace.add({ id: 'long', text: 'x'.repeat(40) }));
  for (let i = 0; i < 6; i++) {
    release();
    await tick();
  }
  await Promise.all(all);
  // message N is 9 characters: three fit in 30.
  assert.deepEqual(turns, [['m1'], ['m2', 'm3', 'm4'], ['m5', 'm6', 'm7'], ['m8'], ['long']]);
});

test('a refused turn is kept, counted down and sent again by itself; nothing is lost', async () => {
  const time = fakeTime();
  const waits = [];
  const turns = [];
  let refuse = true;
  const pace = createPace({
    ...time,
    onWait: (s) => waits.push(s),
    answer: async (batch) => {
      turns.push(batch.map((m) => m.id));
      if (refuse) {
        refuse = false;
        return { retryAfterMs: 2500 };
      }
    },
  });
  const first = pace.add(msg(1));
  await tick();
  assert.deepEqual(waits, [3]);
  assert.equal(pace.retryInMs, 2500);
  const second = pace.add(msg(2)); // typed during the wait: joins the refused one
  await time.advance(600);
  assert.deepEqual(waits, [3, 2]);
  await time.advance(1000);
  assert.deepEqual(waits, [3, 2, 1]);
  assert.deepEqual(turns, [['m1']], 'nothing sent before the time the core named');
  await time.advance(900);
  await Promise.all([first, second]);
  assert.deepEqual(waits, [3, 2, 1, 0]);
  assert.deepEqual(turns, [['m1'], ['m1', 'm2']]);
  assert.equal(pace.retryInMs, 0);
});

test('a full queue takes no more (the caller keeps the text), and takes again once it drains', async () => {
  let release;
  const pace = createPace({ maxQueued: 2, answer: () => new Promise((r) => (release = r)) });
  pace.add(msg(1)); // being answered: not counted as waiting
  assert.ok(pace.add(msg(2)));
  assert.ok(pace.add(msg(3)));
  assert.equal(pace.canAdd(), false);
  assert.equal(pace.add(msg(4)), null);
  release();
  await tick();
  assert.equal(pace.canAdd(), true);
});

test('clear() forgets what waits, stops the countdown and settles every promise', async () => {
  const time = fakeTime();
  const waits = [];
  const pace = createPace({ ...time, onWait: (s) => waits.push(s), answer: async () => ({ retryAfterMs: 10000 }) });
  const p = pace.add(msg(1));
  await tick();
  pace.clear();
  await p;
  assert.deepEqual(waits, [10, 0]);
  assert.deepEqual(pace.waiting, []);
});
