// The realistic question sets (tests/data/questions) replayed through the wasm
// core the CLI runs (dist/attune-tools.wasm): each question the first message
// of a new conversation, each file right on at least 95 % of its questions.
// A language whose pack is not written yet is skipped; a low figure is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore } from '../../web/engine.js';
import { loadSets, replaySet, figures, describeMiss, isRight, minAccuracy } from '../data/questions/replay.mjs';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', dist)) });

test('the scoring rule: an in-scope question needs its intent, an out-of-scope one an honest decline', () => {
  const q = (expect) => ({ text: 'x', expect, split: 'dev' });
  assert.equal(isRight({ intent: 'returns', response: 'returns' }, q('returns')), true);
  assert.equal(isRight({ intent: 'track_order', response: 'track_order' }, q('returns')), false);
  for (const response of ['out_of_scope', 'clarify', 'fallback']) assert.equal(isRight({ intent: 'none', response }, q('none')), true, response);
  // Another intent's answer, or a person offered instead of saying so, is not an honest decline.
  assert.equal(isRight({ intent: 'shipping', response: 'shipping' }, q('none')), false);
  assert.equal(isRight({ intent: 'none', response: 'offer_human' }, q('none')), false);
});

const sets = loadSets();
test('every pack and language of the spec has a question set with every split', () => {
  assert.deepEqual(sets.map((s) => s.file), ['de', 'en', 'es', 'fr', 'pt'].flatMap((l) => [`ecommerce.${l}.json`, `healthcare.${l}.json`]).sort());
  for (const s of sets) {
    assert.equal(s.file, `${s.pack}.${s.language}.json`);
    for (const split of ['dev', 'test']) assert.ok(s.questions.filter((q) => q.split === split).length >= 25, `${s.file} ${split}`);
    assert.ok(s.questions.filter((q) => q.expect === 'none').length >= 10, `${s.file}: out-of-scope questions`);
  }
});

for (const set of sets) {
  test(`${set.file}: at least ${minAccuracy(set.file) * 100} % right (target 95 %, floors.json)`, { skip: set.packText === null && `no ${set.pack}.${set.language}.json pack yet` }, (t) => {
    const pack = JSON.parse(set.packText);
    const known = new Set(pack.intents.map((i) => i.name));
    // A question naming an intent the pack does not have can never be right: say which.
    const unknown = [...new Set(set.questions.map((q) => q.expect).filter((e) => e !== 'none' && !known.has(e)))];
    const results = replaySet(core, set);
    const f = figures(results);
    const misses = results.filter((r) => !r.right);
    t.diagnostic(`${set.file}: n ${f.n}, accuracy ${f.accuracy.toFixed(3)}, in-scope ${f.in_scope.toFixed(3)}, out-of-scope recall ${f.oos_recall.toFixed(3)}`);
    if (unknown.length) t.diagnostic(`intents the pack does not have: ${unknown.join(', ')}`);
    for (const r of misses) t.diagnostic(describeMiss(r));
    assert.ok(f.accuracy >= minAccuracy(set.file), `${set.file}: accuracy ${f.accuracy.toFixed(3)} < ${minAccuracy(set.file)} (${misses.length} misses of ${f.n})`);
  });
}
