// web/engine.js: the wasm core's JS API (errors as AttuneError, dispose()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, AttuneError } from '../../web/engine.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const pack = readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8');

test('a bad pack becomes an AttuneError with a code and a JSON pointer', () => {
  assert.throws(() => core.createEngine('{"intents": 3}'), (e) => e instanceof AttuneError && e.code === 'invalid_pack' && /^\//.test(e.message));
  assert.throws(() => core.createEngine('{'), (e) => e.code === 'invalid_json' && /line 1/.test(e.message));
});

test('respond returns a structured turn; dispose frees the wasm object exactly once', () => {
  const before = core.liveEngines;
  const engine = core.createEngine(pack);
  assert.equal(core.liveEngines, before + 1);
  const turn = engine.respond('how do I return something');
  assert.equal(turn.intent, 'returns');
  assert.equal(typeof turn.distress, 'number');
  engine.dispose();
  assert.equal(engine.disposed, true);
  assert.equal(core.liveEngines, before, 'the C++ engine was deleted');
  assert.throws(() => engine.respond('hi'), (e) => e.code === 'disposed');
  engine.dispose();  // second call is a no-op, not a double free
});

test('the featurizer gives the same ids every time', () => {
  assert.deepEqual([...core.featurize('I am so angry!!!')], [...core.featurize('I am so angry!!!')]);
  assert.equal(core.emotionLabels.length, 28);
});

test('the widget build leaves the tools out with a clear error; the tools build has them and the same engine', async () => {
  assert.throws(() => core.valence('great'), (e) => e instanceof AttuneError && e.code === 'not_in_build' && /tools: true/.test(e.message));
  assert.throws(() => core.checkPack(pack), (e) => e.code === 'not_in_build');
  assert.throws(() => core.createAnalyzer(), (e) => e.code === 'not_in_build');
  const tools = await loadCore({ baseUrl: dist, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', dist)) });
  assert.notEqual(tools, core);
  assert.ok(tools.valence('this is great') > 0);
  assert.deepEqual(tools.checkPack(pack).filter((d) => d.severity === 'error'), []);
  // Same C++ engine in both builds: the same pack answers the same way.
  const a = core.createEngine(pack);
  const b = tools.createEngine(pack);
  for (const text of ['hi', 'where is my order 12345', 'this is useless, I want a human']) {
    const [x, y] = [a.respond(text), b.respond(text)];
    assert.equal(x.reply, y.reply);
    assert.equal(x.intent, y.intent);
    assert.deepEqual(x.cues, y.cues);
  }
  a.dispose();
  b.dispose();
});
