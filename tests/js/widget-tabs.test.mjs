// One conversation across tabs (web/widget/tabs.js): one leader at a time
// through a Web Lock, the next tab takes over when it closes, messages reach
// the other tabs only, and with persistence off a tab is alone.
// BroadcastChannel is Node's own; the lock manager is a small fake with the
// Web Locks semantics the module relies on (exclusive, FIFO, ifAvailable, signal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTabs } from '../../web/widget/tabs.js';

function fakeLocks() {
  const held = new Map(); // name -> queue of waiting grants
  const busy = new Set();
  function grant(name) {
    const q = held.get(name) ?? [];
    if (busy.has(name) || !q.length) return;
    const next = q.shift();
    busy.add(name);
    Promise.resolve(next.cb({ name })).finally(() => {
      busy.delete(name);
      next.resolve();
      grant(name);
    });
  }
  return {
    request(name, opts, cb) {
      if (typeof opts === 'function') [cb, opts] = [opts, {}];
      if (opts.ifAvailable && busy.has(name)) return Promise.resolve(cb(null));
      return new Promise((resolve, reject) => {
        const entry = { cb, resolve };
        if (!held.has(name)) held.set(name, []);
        held.get(name).push(entry);
        opts.signal?.addEventListener('abort', () => {
          const q = held.get(name);
          const i = q.indexOf(entry);
          if (i >= 0) {
            q.splice(i, 1);
            reject(new Error('AbortError'));
          }
        });
        grant(name);
      });
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test('the first tab leads, the second follows; when the leader closes the second takes over', async () => {
  const locks = fakeLocks();
  const a = createTabs({ enabled: true, name: 'shop', BroadcastChannel, locks, id: 'a' });
  const b = createTabs({ enabled: true, name: 'shop', BroadcastChannel, locks, id: 'b' });
  let tookOver = 0;
  assert.equal(await a.lead(), true);
  assert.equal(await b.lead(() => tookOver++), false);
  assert.equal(a.leader, true);
  assert.equal(b.leader, false);
  assert.equal(tookOver, 0);
  a.close();
  await settle();
  assert.equal(b.leader, true);
  assert.equal(tookOver, 1, 'the follower is told once, when it takes over');
  b.close();
});

test('a message reaches the other tabs, never its sender; `to` picks one tab', async () => {
  const locks = fakeLocks();
  const [a, b, c] = ['a', 'b', 'c'].map((id) => createTabs({ enabled: true, name: 'shop2', BroadcastChannel, locks, id }));
  const got = { a: [], b: [], c: [] };
  a.subscribe((m) => got.a.push(m));
  b.subscribe((m) => got.b.push(m));
  c.subscribe((m) => got.c.push(m));
  a.post({ type: 'say', message: { id: 'm1', text: 'hi' } });
  b.post({ type: 'snapshot', to: 'c', messages: [] });
  await settle();
  assert.deepEqual(got.a, [], 'a hears neither its own message nor a snapshot meant for c');
  assert.deepEqual(got.b, [{ type: 'say', message: { id: 'm1', text: 'hi' }, from: 'a' }]);
  assert.deepEqual(got.c.map((m) => [m.type, m.from]), [['say', 'a'], ['snapshot', 'b']]);
  for (const t of [a, b, c]) t.close();
});

test('with persistence off a tab is alone: it leads, shares nothing and hears nothing', async () => {
  const locks = fakeLocks();
  const a = createTabs({ enabled: false, name: 'shop3', BroadcastChannel, locks, id: 'a' });
  const b = createTabs({ enabled: false, name: 'shop3', BroadcastChannel, locks, id: 'b' });
  const heard = [];
  b.subscribe((m) => heard.push(m));
  assert.equal(a.alone, true);
  assert.equal(await a.lead(), true);
  assert.equal(await b.lead(), true, 'each its own conversation');
  a.post({ type: 'say', message: { id: 'x', text: 'private' } });
  await settle();
  assert.deepEqual(heard, []);
  a.close();
  b.close();
});

test('without Web Locks a tab answers for itself (no leader to wait for)', async () => {
  const a = createTabs({ enabled: true, name: 'shop4', BroadcastChannel, locks: undefined, id: 'a' });
  assert.equal(a.alone, true);
  assert.equal(await a.lead(), true);
  a.close();
});

test('a follower that closes before taking over leaves the queue (no leader in a closed tab)', async () => {
  const locks = fakeLocks();
  const a = createTabs({ enabled: true, name: 'shop5', BroadcastChannel, locks, id: 'a' });
  const b = createTabs({ enabled: true, name: 'shop5', BroadcastChannel, locks, id: 'b' });
  const c = createTabs({ enabled: true, name: 'shop5', BroadcastChannel, locks, id: 'c' });
  await a.lead();
  let bLed = false;
  await b.lead(() => (bLed = true));
  await c.lead();
  b.close();
  a.close();
  await settle();
  assert.equal(bLed, false);
  assert.equal(c.leader, true);
  c.close();
});
