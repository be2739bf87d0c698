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

test('handoffDeclined holds the offer back (handoff_suppressed) until a new explicit request', () => {
  const engine = core.createEngine(pack);
  try {
    assert.equal(engine.respond('can I talk to a real person please').handoff, true);
    engine.handoffDeclined();
    for (const text of ['qwpoeiruty zxmcnvb', 'blorf snarf', 'zzkx qqwv']) {
      const turn = engine.respond(text);
      assert.equal(turn.handoff, false, text);
      assert.notEqual(turn.response, 'offer_human', text);
    }
    assert.equal(engine.respond('mmmh vvvq').handoff_suppressed, true);
    const again = engine.respond('I want to talk to a person');
    assert.deepEqual([again.handoff, again.handoff_suppressed, again.response], [true, false, 'handoff']);
    engine.handoffEnded();  // the person is gone: the same rule
    assert.equal(engine.respond('qwpoeiruty zxmcnvb').handoff, false);
  } finally {
    engine.dispose();
  }
});

test('setCountry chooses the crisis resources; a code that does not exist is an AttuneError', () => {
  const engine = core.createEngine(pack);
  try {
    assert.throws(() => engine.setCountry('UK'), (e) => e instanceof AttuneError && e.code === 'invalid_argument' && /ISO 3166-1/.test(e.message));
    assert.equal(engine.country, '');
    engine.setCountry('br');
    assert.equal(engine.country, 'BR');
    const turn = engine.respond('I want to kill myself');
    // Self-harm: SAMU and CVV, not the police line kept for violence.
    assert.deepEqual(turn.crisis_resources.map((r) => r.phone), ['192', '188']);
    assert.deepEqual(turn.crisis_resources[1].kinds, ['self_harm']);
    assert.equal(turn.team, 'care');
    assert.deepEqual(engine.crisisResources('GB').map((r) => r.phone), ['999', '116 123', '0808 2000 247']);
    assert.deepEqual(engine.crisisResources().map((r) => r.phone), ['192', '190', '188', '180'], 'default: the country set, every kind');
    assert.deepEqual(engine.crisisResources('JP').map((r) => r.phone || r.url), ['112', 'https://findahelpline.com']);
  } finally {
    engine.dispose();
  }
});

test('businessHoursOpen evaluates the pack hours with Intl time zones, across DST', () => {
  const es = core.createEngine(readFileSync(new URL('../../packs/ecommerce.es.json', import.meta.url), 'utf8'));  // mon-fri 09:00-18:00 Europe/Madrid
  try {
    assert.deepEqual(es.businessHoursOpen(Date.UTC(2026, 2, 27, 16, 30)), { open: true, nextOpen: null });  // Friday 17:30 CET
    // Friday 18:30 CET; clocks go forward on Sunday, so Monday 09:00 is 07:00 UTC.
    assert.deepEqual(es.businessHoursOpen(Date.UTC(2026, 2, 27, 17, 30)), { open: false, nextOpen: Date.UTC(2026, 2, 30, 7, 0) });
    assert.deepEqual(es.businessHoursOpen(Date.UTC(2026, 9, 23, 16, 30)), { open: false, nextOpen: Date.UTC(2026, 9, 26, 8, 0) });
    assert.equal(typeof es.businessHoursOpen().open, 'boolean');
  } finally {
    es.dispose();
  }
  const p = JSON.parse(pack);
  p.handoff.business_hours = ['mon-fri 09:00-17:00 Mars/Olympus'];
  const bad = core.createEngine(p);
  try {
    assert.throws(() => bad.businessHoursOpen(0), (e) => e.code === 'invalid_argument' && /unknown time zone "Mars\/Olympus"/.test(e.message));
  } finally {
    bad.dispose();
  }
});

test('teams and suggestions reach JS: a suggestion never asks for the order number already given', () => {
  const engine = core.createEngine(pack);
  try {
    assert.deepEqual(engine.teams.map((t) => t.id), ['orders', 'billing', 'care']);
    engine.respond('where is my order?');
    engine.respond('it is #A12345');
    const turn = engine.respond('this is ridiculous, I want to talk to a person now');
    assert.equal(turn.handoff, true);
    assert.equal(turn.team, 'orders');
    assert.ok(turn.suggestions.length > 0);
    assert.match(turn.suggestions[0], /#A12345/);
    assert.ok(turn.suggestions.every((s) => !/order number\?/.test(s)), turn.suggestions.join(' | '));
  } finally {
    engine.dispose();
  }
});

test('languages: addPack/setLanguage errors are AttuneErrors with the core\'s code; the engine switches to the visitor\'s language', () => {
  const es = readFileSync(new URL('../../packs/ecommerce.es.json', import.meta.url), 'utf8');
  const judgement = core.loadJudgement(readFileSync(new URL('../../models/judgement.bin', import.meta.url)));
  const engine = core.createEngine(pack, { judgement });
  judgement.dispose();
  try {
    engine.addPack(es);
    assert.deepEqual(engine.languages(), ['en', 'es']);
    assert.equal(engine.language(), 'en');
    assert.throws(() => engine.addPack(es), (e) => e instanceof AttuneError && e.code === 'invalid_argument' && /"es"/.test(e.message));
    assert.throws(() => engine.addPack('{'), (e) => e.code === 'invalid_json');
    assert.throws(() => engine.setLanguage('fr'), (e) => e instanceof AttuneError && e.code === 'invalid_argument');
    assert.equal(engine.messageLanguage('ok'), '');
    assert.equal(engine.messageLanguage('où est ma commande ?'), 'fr', 'any language the model knows, held or not');
    let turn = engine.respond('ok');
    assert.equal(turn.reply_language, 'en');
    assert.equal('language_switched' in turn, false);
    turn = engine.respond('quiero devolver unos zapatos que no me quedan bien');
    assert.equal(turn.language_switched, 'es');
    assert.equal(turn.reply_language, 'es');
    assert.match(turn.reply, /^Sigo en español\. /);
    engine.setLanguage('en');
    assert.equal(engine.respond('how long does shipping take?').reply_language, 'en');
  } finally {
    engine.dispose();
  }
});

test('contextReply reads a typed yes or no by the core\'s words, in six languages; anything more is neither', () => {
  for (const yes of ['yes please', 'ok', 'sí, por favor', 'oui', 'ja gerne', 'sim', 'va bene']) assert.equal(core.contextReply(yes), 'yes', yes);
  for (const no of ['no thanks', 'non merci', 'nein danke', 'não', 'no grazie']) assert.equal(core.contextReply(no), 'no', no);
  for (const other of ['no, I want a refund', 'where is my order', '', '\u0000\uffff']) assert.equal(core.contextReply(other), '', other);
});
