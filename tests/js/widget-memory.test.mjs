// Opt-in persistence (web/widget/memory.js): off by default, time-to-live,
// corrupt storage, and the BroadcastChannel that keeps two tabs in step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemory } from '../../web/widget/memory.js';

function fakeStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), map: m };
}
const msg = (text) => ({ id: text, from: 'user', text, time: 1 });

test('persist "none" stores nothing', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'none', ttlMinutes: 30, key: 'k', storage });
  mem.save([msg('hi')]);
  assert.equal(storage.map.size, 0);
  assert.deepEqual(mem.load(), []);
});

test('saved messages come back until the time-to-live passes', () => {
  const storage = fakeStorage();
  let now = 1_000_000;
  const mem = createMemory({ mode: 'session', ttlMinutes: 30, key: 'k', storage, now: () => now });
  mem.save([msg('hi'), msg('there')]);
  now += 29 * 60_000;
  assert.deepEqual(mem.load().map((m) => m.text), ['hi', 'there']);
  now += 2 * 60_000;
  assert.deepEqual(mem.load(), []);
  assert.equal(storage.map.size, 0, 'expired data is removed');
});

test('corrupt or foreign data is ignored, not thrown', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'local', ttlMinutes: 30, key: 'k', storage });
  storage.setItem('attune:k', '{not json');
  assert.deepEqual(mem.load(), []);
  storage.setItem('attune:k', JSON.stringify({ v: 1, savedAt: Date.now(), messages: [{ from: 'bot' }, msg('ok'), null] }));
  assert.deepEqual(mem.load().map((m) => m.text), ['ok']);
});

test('storage that throws (quota, privacy mode) does not break the widget', () => {
  const storage = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); }, removeItem() { throw new Error('denied'); } };
  const mem = createMemory({ mode: 'local', ttlMinutes: 30, key: 'k', storage });
  mem.save([msg('x')]);
  assert.deepEqual(mem.load(), []);
  mem.clear();
});

test('two tabs: a message posted in one reaches the other', async () => {
  const a = createMemory({ mode: 'session', ttlMinutes: 30, key: 'shop', storage: fakeStorage(), BroadcastChannel });
  const b = createMemory({ mode: 'session', ttlMinutes: 30, key: 'shop', storage: fakeStorage(), BroadcastChannel });
  const got = new Promise((resolve) => b.subscribe(resolve));
  a.post({ type: 'message', message: msg('hello') });
  assert.deepEqual(await got, { type: 'message', message: msg('hello') });
  a.close();
  b.close();
});
