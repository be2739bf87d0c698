// The local review store (privacy mode, web/widget/review-store.js) and the
// export format it shares with the relay and `attune tune` (web/review/format.js):
// bounded, time-to-live, corrupt data dropped, the export readable by tune's reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReviewStore, turnRecord, REVIEW_KEY } from '../../web/widget/review-store.js';
import { parseReviewExport, ReviewFormatError } from '../../web/review/format.js';
import { parseConfig } from '../../web/widget/config.js';

function fakeStorage({ quota = Infinity } = {}) {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => {
      if (String(v).length > quota) throw new DOMException('full', 'QuotaExceededError');
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
    map: m,
  };
}
const rec = (turn, text = `message ${turn}`, extra = {}) => ({ turn, text, intent: 'none', confidence: 0.2, distress: 0.1 * turn, valence: 0, reasons: [], handoff: false, language: 'en', fallback: true, ...extra });

test('records come back in the export format tune reads, one conversation per id', () => {
  const storage = fakeStorage();
  const store = createReviewStore({ storage, now: () => Date.parse('2026-12-02T10:00:00Z') });
  assert.ok(store.record('a', { pack: 'ecommerce-en', language: 'en' }, rec(1)));
  assert.ok(store.record('a', { pack: 'ecommerce-en', language: 'en' }, rec(2, 'I want a person', { handoff: true })));
  assert.ok(store.record('b', { pack: 'ecommerce-en', language: 'en' }, rec(1)));
  const doc = parseReviewExport(JSON.parse(JSON.stringify(store.export())));
  assert.deepEqual(doc.conversations.map((c) => [c.id, c.turns.length, c.outcome]), [['a', 2, 'handoff'], ['b', 1, 'bot']]);
  assert.equal(doc.conversations[0].pack, 'ecommerce-en');
  assert.equal(doc.conversations[0].verdict, null);
  assert.ok(storage.map.has(REVIEW_KEY));
});

test('a turn out of order or a malformed record is not kept', () => {
  const store = createReviewStore({ storage: fakeStorage() });
  assert.ok(store.record('a', {}, rec(2)));
  assert.equal(store.record('a', {}, rec(2)), false, 'same turn twice');
  assert.equal(store.record('a', {}, rec(1)), false, 'an earlier turn');
  assert.equal(store.record('a', {}, { turn: 3, text: 42 }), false, 'text not a string');
  assert.equal(store.conversations()[0].turns.length, 1);
});

test('bounded: oldest conversations go first, a conversation keeps at most maxTurns, and the bytes stay under maxBytes', () => {
  const storage = fakeStorage();
  const store = createReviewStore({ storage, maxConversations: 3, maxTurns: 4, maxBytes: 4000 });
  for (const id of ['c1', 'c2', 'c3', 'c4']) store.record(id, {}, rec(1));
  assert.deepEqual(store.conversations().map((c) => c.id), ['c2', 'c3', 'c4']);
  for (let t = 2; t <= 6; t++) store.record('c4', {}, rec(t));
  assert.equal(store.conversations().find((c) => c.id === 'c4').turns.length, 4);
  // Long messages: the byte bound pushes out the oldest conversations, never past maxBytes.
  for (let i = 0; i < 10; i++) store.record(`long${i}`, {}, rec(1, 'x'.repeat(600)));
  assert.ok(storage.map.get(REVIEW_KEY).length <= 4000, String(storage.map.get(REVIEW_KEY).length));
  const ids = store.conversations().map((c) => c.id);
  assert.ok(ids.includes('long9') && !ids.includes('long0'), ids.join());
  // One conversation may not grow past half the bound (it would push out every other one).
  assert.equal(store.record('long9', {}, rec(2, 'y'.repeat(2500))), false);
});

test('storage full: the oldest are dropped until the newest record fits', () => {
  const storage = fakeStorage({ quota: 1500 });
  const store = createReviewStore({ storage });
  for (let i = 0; i < 8; i++) store.record(`c${i}`, {}, rec(1, 'z'.repeat(200)));
  const ids = store.conversations().map((c) => c.id);
  assert.ok(ids.includes('c7') && ids.length < 8, ids.join());
});

test('a conversation untouched for ttlDays is gone; a fresh one stays', () => {
  const storage = fakeStorage();
  let now = Date.parse('2026-12-01T00:00:00Z');
  const store = createReviewStore({ storage, ttlDays: 30, now: () => now });
  store.record('old', {}, rec(1));
  now += 20 * 86_400_000;
  store.record('new', {}, rec(1));
  now += 11 * 86_400_000; // old: 31 days, new: 11 days
  assert.deepEqual(store.conversations().map((c) => c.id), ['new']);
  store.prune();
  assert.ok(!storage.map.get(REVIEW_KEY).includes('"old"'), 'prune removes it from storage too');
});

test('corrupt storage reads as empty and is replaced by the next record; a malformed conversation is left out', () => {
  const storage = fakeStorage();
  const store = createReviewStore({ storage });
  storage.setItem(REVIEW_KEY, '{not json');
  assert.deepEqual(store.conversations(), []);
  assert.ok(store.record('a', {}, rec(1)));
  assert.equal(store.conversations().length, 1);
  const data = JSON.parse(storage.getItem(REVIEW_KEY));
  data.conversations.push({ id: 'bad', turns: 'nope' }, 7, { id: 'worse', turns: [{ turn: 'x', text: 'hi' }] });
  storage.setItem(REVIEW_KEY, JSON.stringify(data));
  assert.deepEqual(store.conversations().map((c) => c.id), ['a']);
  storage.setItem(REVIEW_KEY, JSON.stringify({ v: 99, conversations: [] }));
  assert.deepEqual(store.conversations(), [], 'another version is not read');
});

test('verdicts and delete', () => {
  const storage = fakeStorage();
  const store = createReviewStore({ storage });
  store.record('a', {}, rec(1));
  store.record('b', {}, rec(1));
  assert.ok(store.setVerdict('a', { kind: 'late', turn: 1 }));
  assert.throws(() => store.setVerdict('a', { kind: 'late' }), ReviewFormatError, 'late needs its turn');
  assert.deepEqual(parseReviewExport(store.export()).conversations[0].verdict.kind, 'late');
  assert.ok(store.delete('a'));
  assert.deepEqual(store.conversations().map((c) => c.id), ['b']);
  assert.ok(store.delete());
  assert.equal(storage.map.size, 0);
});

test('no storage (blocked): nothing kept, nothing thrown', () => {
  const store = createReviewStore({ storage: undefined });
  assert.equal(store.record('a', {}, rec(1)), false);
  assert.deepEqual(store.export(), { version: 1, conversations: [] });
});

test('turnRecord keeps what review needs from a turn: the redacted text given, reasons by name only, fallback when not understood', () => {
  const turn = { turn: 3, intent: 'none', confidence: 0.2, distress: 0.7, valence: -0.5, handoff: true, language: 'en', response: 'handoff', tone: 'angry',
    reasons: [{ name: 'anger', weight: 0.4, evidence: 'ana@example.com is furious' }], reply: 'not kept' };
  const r = turnRecord(turn, '[email] is furious');
  assert.deepEqual(r, { turn: 3, text: '[email] is furious', intent: 'none', confidence: 0.2, distress: 0.7, valence: -0.5,
    reasons: ['anger'], handoff: true, language: 'en', fallback: true, tone: 'angry' });
  assert.ok(!JSON.stringify(r).includes('example.com'), 'no evidence (the visitor\'s own words) kept');
  assert.equal(turnRecord({ ...turn, intent: 'billing', response: 'billing' }, 'x').fallback, false);
});

test("review: 'local' is off by default, and ignored with a channel (the relay keeps the review)", () => {
  assert.equal(parseConfig({}, {}).config.review, 'none');
  assert.equal(parseConfig({ review: 'local' }, {}).config.review, 'local');
  const withRelay = parseConfig({ review: 'local', channel: { type: 'websocket', url: 'wss://x' } }, {});
  assert.equal(withRelay.config.review, 'none');
  assert.match(withRelay.warnings.join(), /review: 'local'/);
  assert.match(parseConfig({ review: 'cloud' }, {}).warnings.join(), /review: expected one of none, local/);
});

test('the export reader names the first problem by path', () => {
  const bad = (doc, re) => assert.throws(() => parseReviewExport(doc), (e) => e instanceof ReviewFormatError && re.test(e.message));
  bad([], /expected an object/);
  bad({ version: 2, conversations: [] }, /^version: expected 1/);
  bad({ version: 1 }, /^conversations: expected an array/);
  bad({ version: 1, conversations: [{ id: 'a', turns: [{ turn: 1 }] }] }, /^conversations\[0\]\.turns\[0\]\.text: expected a string/);
  bad({ version: 1, conversations: [{ id: 'a', turns: [], verdict: { kind: 'early' } }] }, /verdict\.kind: expected one of on_time, late, not_needed/);
  bad({ version: 1, conversations: [{ id: 'a', turns: [rec(2), rec(1)] }] }, /increasing order/);
  bad({ version: 1, conversations: [{ id: 'a', turns: [] }, { id: 'a', turns: [] }] }, /appears twice/);
  // The vocabulary's other word for not_needed is read as it.
  assert.equal(parseReviewExport({ version: 1, conversations: [{ id: 'a', turns: [], verdict: { kind: 'unneeded' } }] }).conversations[0].verdict.kind, 'not_needed');
});
