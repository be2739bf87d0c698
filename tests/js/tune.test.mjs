// attune tune (src/cli/commands/tune.mjs) as a user runs it: review exports
// (tests/data/reviews/) where the pack's threshold hands off too late or too
// often -> a proposal in the right direction, a proposed pack that differs
// only in its handoff values and passes `attune check`; bad input -> a clear
// error. Replays run without the emotion model (--no-model): the fixtures'
// records were written without it, and it keeps the tests quick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setValues } from '../../src/cli/json-edit.mjs';
import { loadCore } from '../../web/engine.js';

const cli = path.resolve('dist/attune-cli.mjs');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120000 });
const dir = mkdtempSync(path.join(tmpdir(), 'attune-tune-'));
const PACK = 'packs/ecommerce.en.json';
const HIGH = 'tests/data/reviews/threshold-too-high.json';
const LOW = 'tests/data/reviews/threshold-too-low.json';

/** The pack's text with its handoff block parsed out, to compare everything else. */
const withoutHandoff = (text) => {
  const { handoff, ...rest } = JSON.parse(text);
  return rest;
};
const changedLines = (a, b) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return x.length === y.length ? x.filter((l, i) => l !== y[i]).length : Infinity;
};

test('threshold too high: tune proposes a lower one that hands off the late conversations in time, and the proposed pack validates', () => {
  const out = path.join(dir, 'high.proposed.json');
  const r = run(['tune', '--reviews', HIGH, '--pack', PACK, '--no-model', '--only', 'threshold', '--out', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.conversations.late, 4);
  // Reviewed as late under the rules alone; the learnt handoff (2026-12-06) now hands two of the
  // four off in time on its own, and the threshold still decides the others.
  const missed = report.current.never + report.current.late;
  assert.ok(missed >= 1 && missed <= 4, `the current settings miss ${missed} of the four late ones`);
  const to = report.proposed.changes.find((c) => c.key === 'threshold');
  assert.equal(to.from, 0.61);
  assert.ok(to.to < 0.61, `threshold proposed ${to.to}`);
  assert.ok(report.proposed.on_time > report.current.on_time);
  // The trade-off may hand off a calm conversation to be on time for the late ones; the cost says which is better.
  assert.ok(report.proposed.cost < report.current.cost, `cost ${report.proposed.cost} < ${report.current.cost}`);
  assert.equal(report.out, out);
  const original = readFileSync(PACK, 'utf8');
  const proposed = readFileSync(out, 'utf8');
  assert.deepEqual(withoutHandoff(proposed), withoutHandoff(original), 'only the handoff block changes');
  assert.equal(JSON.parse(proposed).handoff.threshold, to.to);
  // One line per changed value (release follows a threshold set below it), the rest byte for byte.
  assert.equal(changedLines(original, proposed), report.proposed.changes.length, 'one line per changed value');
  const check = run(['check', out]);
  assert.equal(check.status, 0, check.stderr);
});

// 0.3: low enough that the shipped judgement hands off two of the conversations reviewed as not needed
// (0.35 was, until the broadened pack understood one of them and stopped failing, 2026-12-03).
test('threshold too low: the full search proposes handing off less, still on time for the furious visitors', () => {
  const pack = path.join(dir, 'low-pack.json');
  writeFileSync(pack, setValues(readFileSync(PACK, 'utf8'), [{ pointer: '/handoff/threshold', value: 0.3 }, { pointer: '/handoff/release', value: 0.2 }]));
  const r = run(['tune', '--reviews', LOW, '--pack', pack, '--no-model', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(report.current.unneeded >= 2, `not_needed conversations are handed off at 0.3 (${report.current.unneeded})`);
  assert.ok(report.proposed.unneeded < report.current.unneeded);
  assert.equal(report.proposed.on_time, report.conversations.needed, 'every needed one still on time');
  assert.ok(report.searched.includes('weights.anger') && !report.searched.includes('weights.crisis'), 'crisis and human_request weights are never searched');
  assert.equal(report.out, pack.replace(/\.json$/, '.proposed.json'));
  const proposed = readFileSync(report.out, 'utf8');
  assert.deepEqual(withoutHandoff(proposed), withoutHandoff(readFileSync(pack, 'utf8')));
  assert.equal(run(['check', report.out]).status, 0);
  // Threshold alone must move up (the direction), and the table says so.
  const only = run(['tune', '--reviews', LOW, '--pack', pack, '--no-model', '--only', 'threshold', '--out', path.join(dir, 'low-only.json')]);
  assert.equal(only.status, 0, only.stderr);
  const m = /handoff\.threshold: 0\.3 -> (\d\.\d+)/.exec(only.stdout);
  assert.ok(m && Number(m[1]) > 0.3, only.stdout);
  assert.match(only.stdout, /^current\s+4\/4 100%\s+0\s+0\s+\d+ \(\d+, 0\)/m);
});

test('when the current settings are already the best found, nothing is written', () => {
  const out = path.join(dir, 'none.json');
  const pack = path.join(dir, 'already.json');
  // The threshold tune itself finds best for these reviews: asked again, it proposes nothing.
  const first = run(['tune', '--reviews', HIGH, '--pack', PACK, '--no-model', '--only', 'threshold', '--out', path.join(dir, 'first.json'), '--json']);
  assert.equal(first.status, 0, first.stderr);
  const best = JSON.parse(first.stdout).proposed.changes.find((c) => c.key === 'threshold').to;
  writeFileSync(pack, setValues(readFileSync(path.join(dir, 'first.json'), 'utf8'), [{ pointer: '/handoff/threshold', value: best }]));
  const r = run(['tune', '--reviews', HIGH, '--pack', pack, '--no-model', '--only', 'threshold', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /current settings are the best found/);
  assert.ok(!existsSync(out));
});

test('malformed input is a clear error (exit 1); a usage mistake exits 2', () => {
  const garbage = path.join(dir, 'garbage.json');
  writeFileSync(garbage, 'conversation,verdict\n1,late\n');
  let r = run(['tune', '--reviews', garbage, '--pack', PACK]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /invalid_json: .*garbage\.json is not JSON/);

  const wrong = path.join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ version: 1, conversations: [{ id: 'a', turns: [{ turn: 1, text: 'hi' }], verdict: { kind: 'late' } }] }));
  r = run(['tune', '--reviews', wrong, '--pack', PACK]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /invalid_reviews: .*conversations\[0\]\.verdict\.turn: a "late" verdict needs the turn/);

  const noVerdicts = path.join(dir, 'calm.json');
  writeFileSync(noVerdicts, JSON.stringify({ version: 1, conversations: [{ id: 'a', turns: [{ turn: 1, text: 'hi' }] }] }));
  r = run(['tune', '--reviews', noVerdicts, '--pack', PACK, '--no-model']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no_reviews: .*has a verdict/);

  const badPack = path.join(dir, 'bad-pack.json');
  writeFileSync(badPack, JSON.stringify({ responses: {}, handoff: { threshold: 3 } }));
  r = run(['tune', '--reviews', HIGH, '--pack', badPack, '--no-model']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /invalid_pack/);

  assert.equal(run(['tune', '--reviews', HIGH]).status, 2);
  r = run(['tune', '--reviews', HIGH, '--pack', PACK, '--only', 'weights.crisis']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--only: "weights.crisis" is not a setting tune searches/);
  assert.equal(run(['tune', '--reviews', HIGH, '--pack', PACK, '--late-cost', '-1']).status, 2);
});

test('handoffPolicy reports the policy in effect, defaults included, from the core', async () => {
  const c = await loadCore({ baseUrl: new URL('../../dist/', import.meta.url), tools: true, wasmBinary: readFileSync('dist/attune-tools.wasm') });
  const shipped = c.handoffPolicy(readFileSync(PACK, 'utf8'));
  assert.equal(shipped.threshold, 0.61);
  assert.equal(typeof shipped.weights.anger, 'number');
  const p = c.handoffPolicy({ responses: { greeting: 'Hi', fallback: 'Sorry?' }, intents: [], handoff: { threshold: 0.7, weights: { anger: 0.8 } } });
  assert.equal(p.threshold, 0.7);
  assert.equal(p.weights.anger, 0.8);
  assert.equal(p.release, shipped.release, 'an unset field is the core default');
  assert.throws(() => c.handoffPolicy('{"handoff": {"threshold": 3}}'), (e) => e.code === 'invalid_pack');
});

test('json-edit changes values in place, adds missing members and objects, and keeps every other byte', () => {
  const text = '{\n  "a": "}{",\n  "handoff": {\n    "threshold": 0.61,\n    "list": [1, {"x": "y"}]\n  }\n}\n';
  const out = setValues(text, [
    { pointer: '/handoff/threshold', value: 0.5 },
    { pointer: '/handoff/valence_weight', value: 0.4 },
    { pointer: '/handoff/weights/anger', value: 0.75 },
  ]);
  assert.equal(out, '{\n  "a": "}{",\n  "handoff": {\n    "weights": {"anger": 0.75},\n    "valence_weight": 0.4,\n    "threshold": 0.5,\n    "list": [1, {"x": "y"}]\n  }\n}\n');
  assert.throws(() => setValues('{"a": 1', [{ pointer: '/a', value: 2 }]), SyntaxError);
});

test('what each reviewed conversation asks of the handoff', async () => {
  const { labelConversation } = await import('../../src/cli/commands/tune.mjs');
  const turns = (handoffAt) => [1, 2, 3].map((turn) => ({ turn, text: `m${turn}`, handoff: turn === handoffAt }));
  assert.deepEqual(labelConversation({ turns: turns(2), verdict: { kind: 'on_time' } }), { need: true, by: 2, verdict: 'on_time' });
  assert.deepEqual(labelConversation({ turns: turns(3), verdict: { kind: 'late', turn: 1 } }), { need: true, by: 1, verdict: 'late' });
  assert.deepEqual(labelConversation({ turns: turns(2), verdict: { kind: 'not_needed' } }), { need: false, verdict: 'not_needed' });
  assert.deepEqual(labelConversation({ turns: turns(0), verdict: null }), { need: false, verdict: 'calm' });
  assert.equal(labelConversation({ turns: turns(2), verdict: null }), null, 'handed off, never reviewed: teaches nothing');
  assert.equal(labelConversation({ turns: turns(0), verdict: { kind: 'on_time' } }), null, 'asked with the button: the core decided nothing');
});
