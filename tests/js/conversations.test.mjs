// Golden conversations (tests/data/conversations) replayed through the wasm
// core from Node, with the same expectations the C++ replay checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore } from '../../web/engine.js';
import { checkTurn } from '../data/conversations/expect.mjs';

const dist = new URL('../../dist/', import.meta.url);
const data = new URL('../data/conversations/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });

for (const file of JSON.parse(readFileSync(new URL('index.json', data), 'utf8'))) {
  const convo = JSON.parse(readFileSync(new URL(file, data), 'utf8'));
  test(`${file}: ${convo.description}`, () => {
    const packText = readFileSync(new URL(`../../packs/${convo.pack}`, import.meta.url), 'utf8');
    const pack = JSON.parse(packText);
    const engine = core.createEngine(packText);
    try {
      assert.ok(engine.greet().reply.length > 0);
      let previous = null;
      convo.turns.forEach(({ visitor, expect: want }, i) => {
        const got = engine.respond(visitor);
        const msg = `${file} turn ${i + 1} "${visitor}" -> ${JSON.stringify(got)}`;
        checkTurn(got, want, msg);
        // Every reply says which template produced it...
        assert.match(got.template, /^\/responses\//, msg);
        // ...and is never the same variant twice in a row when there are others.
        if (previous && previous.response === got.response && previous.variant_tone === got.variant_tone) {
          const r = pack.responses[got.response];
          const variants = typeof r === 'string' ? [r] : Array.isArray(r) ? r : [].concat(r[got.variant_tone]);
          if (variants.length > 1) assert.notEqual(got.variant, previous.variant, msg);
        }
        previous = got;
      });
    } finally {
      engine.dispose();
    }
  });
}

test('chat --jsonl lines carry reply, intent, confidence, tone, handoff, reasons, entities and flow', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['dist/attune-cli.mjs', 'chat', '--config', 'packs/healthcare.en.json', '--jsonl'],
    { input: '{"text":"book an appointment"}\n{"text":"tomorrow"}\n', encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const k of ['reply', 'intent', 'confidence', 'tone', 'handoff', 'reasons', 'entities', 'flow', 'template']) assert.ok(k in a, k);
  assert.equal(a.flow.status, 'started');
  assert.equal(b.flow.status, 'continued');
  assert.deepEqual(b.entities.map((e) => e.type), ['date']);
});

test('setVariable fills {name} for this conversation; without it the greeting still reads well', () => {
  const pack = { version: 1, responses: { greeting: 'Hi {name}, welcome.', fallback: 'Sorry?' }, intents: [] };
  const engine = core.createEngine(pack);
  try {
    assert.equal(engine.greet().reply, 'Hi, welcome.');
    engine.setVariable('name', 'Ana');
    assert.equal(engine.greet().reply, 'Hi Ana, welcome.');
    engine.setVariable('name', '');
    assert.equal(engine.greet().reply, 'Hi, welcome.');
  } finally {
    engine.dispose();
  }
});
