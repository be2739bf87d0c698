// The golden cue and handoff cases of tests/data/cues.json, run through the
// wasm core (core.createAnalyzer) exactly as the C++ tests run them natively,
// plus the `attune analyze` CLI on good and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCore, AttuneError } from '../../web/engine.js';

// ATTUNE_DIST lets a developer point the suite at a private build's dist/.
const dist = process.env.ATTUNE_DIST ? new URL(`file://${process.env.ATTUNE_DIST.replace(/\/?$/, '/')}`) : new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', dist)) });
const golden = JSON.parse(readFileSync(new URL('../data/cues.json', import.meta.url), 'utf8'));
const cli = fileURLToPath(new URL('attune-cli.mjs', dist));

test('golden messages: cues, near-misses, evidence, valence and first-turn handoff', () => {
  const analyzer = core.createAnalyzer();
  try {
    for (const m of golden.messages) {
      analyzer.reset();
      const r = analyzer.analyze(m.text);
      const names = new Set(r.cues.map((c) => c.name));
      for (const n of m.fires ?? []) assert.ok(names.has(n), `${JSON.stringify(m.text)} should fire ${n}`);
      for (const n of m.absent ?? []) assert.ok(!names.has(n), `${JSON.stringify(m.text)} must not fire ${n}`);
      for (const [n, ev] of Object.entries(m.evidence ?? {})) assert.equal(r.cues.find((c) => c.name === n)?.evidence, ev, `${m.text}: ${n} evidence`);
      if (m.valence === 'positive') assert.ok(r.valence >= 0.05, `${m.text}: valence ${r.valence}`);
      if (m.valence === 'negative') assert.ok(r.valence <= -0.05, `${m.text}: valence ${r.valence}`);
      if (m.valence === 'neutral') assert.ok(Math.abs(r.valence) < 0.05, `${m.text}: valence ${r.valence}`);
      if ('handoff' in m) assert.equal(r.handoff, m.handoff, `${m.text}: handoff`);
    }
  } finally {
    analyzer.dispose();
  }
});

test('golden conversations: the decision after each turn', () => {
  for (const conv of golden.conversations) {
    const analyzer = core.createAnalyzer();
    const got = conv.turns.map((t) => analyzer.analyze(t).handoff);
    analyzer.dispose();
    assert.deepEqual(got, conv.handoff, conv.name);
  }
});

test('a pack sets the policy; a bad pack is an AttuneError', () => {
  const pack = JSON.parse(readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8'));
  pack.handoff = { ...(pack.handoff ?? {}), threshold: 0.2, release: 0.1 };
  const eager = core.createAnalyzer(pack);
  assert.equal(eager.analyze('this is ridiculous').handoff, true);
  eager.dispose();
  const normal = core.createAnalyzer();
  assert.equal(normal.analyze('this is ridiculous').handoff, false);
  normal.dispose();
  assert.throws(() => core.createAnalyzer('{'), (e) => e instanceof AttuneError && e.code === 'invalid_json');
  assert.throws(() => normal.analyze('hi'), (e) => e.code === 'disposed');
});

test('emotion probabilities are fused: model anger raises an anger cue', () => {
  const labels = core.emotionLabels;
  const probs = new Float32Array(labels.length);
  probs[labels.indexOf('anger')] = 0.9;
  const analyzer = core.createAnalyzer();
  const r = analyzer.analyze('third time I am asking about this', { emotions: probs });
  analyzer.dispose();
  assert.equal(r.emotions.anger.toFixed(2), '0.90');
  assert.ok(r.cues.some((c) => c.name === 'anger'), 'model anger became a cue');
  assert.ok(r.distress > 0.3, `distress ${r.distress}`);
});

test('attune analyze: one JSON object per input line, hostile lines included', () => {
  const lines = ['can I talk to a real person please', '', '\u202e\u0000 bidi and NUL', 'a' + '\u0301'.repeat(50000), 'x'.repeat(1 << 20), 'this deal is killer'];
  const input = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
  const r = spawnSync(process.execPath, [cli, 'analyze', '--no-model'], { input, timeout: 60000, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr.toString());
  const out = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, lines.length + 1);
  for (const o of out) {
    for (const k of ['valence', 'distress', 'cues', 'handoff', 'reasons']) assert.ok(k in o, k);
    assert.equal(o.emotions, null, '--no-model means lexicon only');
  }
  assert.equal(out[0].handoff, true);
  assert.deepEqual(out[0].cues.map((c) => [c.name, c.evidence]), [['human_request', 'talk to a real person']]);
  assert.equal(out[5].handoff, false);
  assert.ok(!out[5].cues.some((c) => c.name === 'crisis'));
});

test('attune analyze --conversation: lines are turns of one conversation', () => {
  const input = ['my order is late, this is annoying', "it's still not here, this is ridiculous", 'this is unacceptable, I am absolutely furious!!!'].join('\n') + '\n';
  const each = spawnSync(process.execPath, [cli, 'analyze', '--no-model'], { input, encoding: 'utf8', timeout: 30000 });
  const conv = spawnSync(process.execPath, [cli, 'analyze', '--no-model', '--conversation'], { input, encoding: 'utf8', timeout: 30000 });
  const last = (r) => JSON.parse(r.stdout.trim().split('\n').at(-1));
  assert.equal(last(each).handoff, false, 'one furious line alone is not a handoff');
  assert.equal(last(conv).handoff, true, 'the third angry turn is');
  const usage = spawnSync(process.execPath, [cli, 'analyze', '--bogus'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
