// core.groupBySimilarity(): the C++ GroupBySimilarity through the wasm binding (the relay's
// review page groups what the bot did not understand with it), and the widget's review-share
// helpers that decide what a consented review carries and where it goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore } from '../../web/engine.js';
import { turnRecord, reviewUrl, redactedRecords, shareReview } from '../../web/widget/review-share.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });

test('paraphrases of one request share a group, different requests do not; indices cover every text once', () => {
  const texts = ['do you do gift wrapping', 'student discount?', 'is gift wrapping available', 'any discounts for students', 'gift wrapping?', ''];
  const groups = core.groupBySimilarity(texts, 0.3);
  const of = (i) => groups.findIndex((g) => g.members.includes(i));
  assert.deepEqual(groups.flatMap((g) => g.members).sort(), [0, 1, 2, 3, 4, 5]);
  assert.equal(of(0), of(2));
  assert.equal(of(0), of(4));
  assert.equal(of(1), of(3));
  assert.notEqual(of(0), of(1));
  assert.deepEqual(groups[0].members, [0, 2, 4], 'largest first, members in input order');
  assert.ok(groups[0].members.includes(groups[0].representative));
  assert.deepEqual(core.groupBySimilarity([], 0.3), []);
});

test('a turn record keeps what the review page needs; fallback means the bot did not understand', () => {
  const r = turnRecord({ turn: 3, intent: 'none', confidence: 0.2, distress: 0.4, valence: -0.3, response: 'out_of_scope', tone: 'apologetic',
    reasons: [{ name: 'fallback', evidence: 'x' }], handoff: false, reply_language: 'es', language: 'es' }, 'mi email es a@b.es');
  assert.deepEqual(r, { turn: 3, text: 'mi email es a@b.es', intent: 'none', confidence: 0.2, distress: 0.4, valence: -0.3, reasons: ['fallback'],
    handoff: false, language: 'es', fallback: true, tone: 'apologetic' });
  assert.equal(turnRecord({ turn: 1, intent: 'returns', response: 'returns' }, 'x').fallback, false);
});

test('the review URL comes from the channel; nothing is sent without one', async () => {
  assert.equal(reviewUrl({ type: 'websocket', url: 'wss://relay.shop.example/visitor' }), 'https://relay.shop.example/api/reviews');
  assert.equal(reviewUrl({ type: 'websocket', url: ['ws://127.0.0.1:8787/visitor', 'ws://127.0.0.1:8788/visitor'] }), 'http://127.0.0.1:8787/api/reviews');
  assert.equal(reviewUrl({ type: 'webhook', url: 'https://r.example/api/conversations' }), 'https://r.example/api/reviews');
  assert.equal(reviewUrl({ type: 'custom', send() {} }), null);
  assert.equal(reviewUrl({ type: 'custom', reviewUrl: 'https://x.example/r' }), 'https://x.example/r');
  assert.equal(reviewUrl(null), null);
  const calls = [];
  const fetchFn = async (url, init) => { calls.push([url, JSON.parse(init.body)]); return { ok: true }; };
  const records = await redactedRecords([turnRecord({ turn: 1, intent: 'none' }, 'mail me at ana@example.com')], async (texts) => texts.map((t) => core.redact(t).text));
  assert.equal(await shareReview({ url: null, records, csat: { score: 2 }, fetchFn }), false);
  assert.equal(calls.length, 0);
  assert.equal(await shareReview({ url: 'https://r.example/api/reviews', records, csat: { score: 2, comment: 'meh' }, pack: 'ecommerce', startedAt: 5, fetchFn }), true);
  const [, body] = calls[0];
  assert.equal(body.consent, true);
  assert.deepEqual(body.csat, { score: 2 }, 'the comment stays on the page');
  assert.equal(body.turns[0].text, 'mail me at [email]');
});
