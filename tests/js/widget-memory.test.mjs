// Opt-in persistence (web/widget/memory.js): off by default, time-to-live,
// the stored format (version 2: log, quick replies, the core's state, panel),
// version 1 still read, corrupt or foreign data dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemory, EMPTY, VERSION } from '../../web/widget/memory.js';

function fakeStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), map: m };
}
const msg = (text) => ({ id: text, from: 'user', text, time: 1 });

test('persist "none" stores nothing', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'none', ttlMinutes: 30, key: 'k', storage });
  mem.save({ messages: [msg('hi')] });
  assert.equal(storage.map.size, 0);
  assert.deepEqual(mem.load(), EMPTY);
});

test('a reload gets back the log, the quick replies, the core\'s state and the open panel', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'session', ttlMinutes: 30, key: 'k', storage, now: () => 5000 });
  const state = JSON.stringify({ flow: { name: 'track_order', step: 'order_number' }, turn: 2 });
  mem.save({ messages: [msg('where is my order?')], chips: ['Talk to a person'], state, seq: 3, open: true });
  const raw = JSON.parse(storage.map.get('attune:k'));
  assert.equal(raw.v, VERSION);
  assert.equal(raw.savedAt, 5000);
  assert.deepEqual(mem.load(), { messages: [msg('where is my order?')], chips: ['Talk to a person'], state, seq: 3, open: true });
});

test('saved conversations come back until the time-to-live passes', () => {
  const storage = fakeStorage();
  let now = 1_000_000;
  const mem = createMemory({ mode: 'session', ttlMinutes: 30, key: 'k', storage, now: () => now });
  mem.save({ messages: [msg('hi'), msg('there')] });
  now += 29 * 60_000;
  assert.deepEqual(mem.load().messages.map((m) => m.text), ['hi', 'there']);
  now += 2 * 60_000;
  assert.deepEqual(mem.load(), EMPTY);
  assert.equal(storage.map.size, 0, 'expired data is removed');
});

test('version 1 (messages only) still loads, with no state: the widget replays instead', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'local', ttlMinutes: 30, key: 'k', storage });
  storage.setItem('attune:k', JSON.stringify({ v: 1, savedAt: Date.now(), messages: [msg('ok')] }));
  assert.deepEqual(mem.load(), { ...EMPTY, messages: [msg('ok')] });
});

test('corrupt, foreign or future data is dropped cleanly (and removed), never thrown', () => {
  const storage = fakeStorage();
  const mem = createMemory({ mode: 'local', ttlMinutes: 30, key: 'k', storage });
  for (const bad of ['{not json', '42', '"text"', '[]', JSON.stringify({ v: 3, savedAt: Date.now(), messages: [] }),
    JSON.stringify({ v: 2, savedAt: 'yesterday', messages: [] }), JSON.stringify({ v: 2, savedAt: Date.now(), messages: 'x' })]) {
    storage.setItem('attune:k', bad);
    assert.deepEqual(mem.load(), EMPTY, bad);
    assert.equal(storage.map.size, 0, `dropped: ${bad}`);
  }
  // Wrong types inside a good envelope: the bad parts go, the rest stays.
  storage.setItem('attune:k', JSON.stringify({ v: 2, savedAt: Date.now(), messages: [{ from: 'bot' }, msg('ok'), null, 7],
    chips: ['Track', 3, null, 'Return'], state: { not: 'a string' }, seq: -4, open: 'yes' }));
  assert.deepEqual(mem.load(), { messages: [msg('ok')], chips: ['Track', 'Return'], state: null, seq: 0, open: false });
});

test('storage that throws (quota, privacy mode) does not break the widget', () => {
  const storage = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); }, removeItem() { throw new Error('denied'); } };
  const mem = createMemory({ mode: 'local', ttlMinutes: 30, key: 'k', storage });
  mem.save({ messages: [msg('x')] });
  assert.deepEqual(mem.load(), EMPTY);
  mem.clear();
});
