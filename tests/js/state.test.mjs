// saveState / restoreState through the wasm build (web/engine.js), and the
// widget's core operations (core-ops.js) that carry them to the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, AttuneError } from '../../web/engine.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const shop = readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8');
const clinic = readFileSync(new URL('../../packs/healthcare.en.json', import.meta.url), 'utf8');

test('a conversation saved in one engine continues in another: the order number question is still open', () => {
  const a = core.createEngine(shop);
  const b = core.createEngine(shop);
  try {
    a.greet();
    assert.equal(a.respond('where is my order?').flow.status, 'started');
    const state = a.saveState();
    assert.equal(typeof state, 'string');
    const parsed = JSON.parse(state);
    assert.equal(parsed.pack.id, 'ecommerce-en');
    assert.equal(parsed.language, 'en');
    b.restoreState(state);
    assert.equal(b.saveState(), state);
    const turn = b.respond('12345678');
    assert.equal(turn.flow.status, 'completed');
    assert.equal(turn.turn, 2);
    assert.match(turn.reply, /12345678/);
    assert.deepEqual(b.transcript({ redact: false }).entries.map((e) => e.role), ['bot', 'visitor', 'bot', 'visitor', 'bot']);
  } finally {
    a.dispose();
    b.dispose();
  }
});

test('restoreState refuses garbage and other packs with an AttuneError, leaving the engine as it was', () => {
  const a = core.createEngine(shop);
  const c = core.createEngine(clinic);
  try {
    a.respond('where is my order?');
    const before = c.saveState();
    for (const bad of ['', 'null', '{}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', a.saveState().slice(0, 50), a.saveState()]) {
      assert.throws(() => c.restoreState(bad), (e) => e instanceof AttuneError && e.code === 'invalid_argument', bad.slice(0, 40));
      assert.equal(c.saveState(), before);
    }
    assert.throws(() => c.restoreState(42), (e) => e.code === 'invalid_argument');
  } finally {
    a.dispose();
    c.dispose();
  }
});

test('"yes" to the offer of a person hands off in the wasm build; the turn says how it was read', () => {
  const e = core.createEngine(shop);
  try {
    let turn;
    for (const m of ['blorp fizzle wug', 'qwpoeiruty zxmcnvb', 'asdkjh qweoiu zxcmnb']) {
      turn = e.respond(m);
      if (turn.response === 'offer_human') break;
    }
    assert.equal(turn.response, 'offer_human');
    assert.ok(turn.quick_replies.every((q) => typeof q === 'string'), 'quick replies stay labels');
    const saved = e.saveState();
    const yes = e.respond('yeah sure');
    assert.equal(yes.context, 'yes');
    assert.equal(yes.handoff, true);
    assert.ok(yes.reasons.some((r) => r.name === 'human_request'));
    // The pending offer is part of the state: "no thanks" after a restore declines it.
    e.restoreState(saved);
    const no = e.respond('no thanks');
    assert.equal(no.context, 'no');
    assert.equal(no.response, 'declined');
    assert.equal(no.handoff, false);
  } finally {
    e.dispose();
  }
});

test('the widget core operations save and restore through one table', async () => {
  const { createOps } = await import('../../web/widget/core-ops.js');
  const ops = createOps();
  await assert.rejects(async () => ops.restoreState({ state: '{}' }));  // no engine yet
  // init fetches the core (and the judgement model) as a page would: serve dist/ from disk.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    try {
      return new Response(readFileSync(new URL(String(url))), { headers: { 'content-type': String(url).endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream' } });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  const warn = console.warn;
  console.warn = () => {};
  try {
    await ops.init({ baseUrl: dist.href, pack: shop });
  } finally {
    globalThis.fetch = realFetch;
    console.warn = warn;
  }
  ops.respond({ text: 'where is my order?' });
  const state = ops.saveState();
  ops.reset();
  assert.equal(ops.restoreState({ state }), true);
  assert.equal(ops.respond({ text: 'AB-123456' }).flow.status, 'completed');
  assert.throws(() => ops.restoreState({ state: 'nope' }), (e) => e.code === 'invalid_argument');
  ops.dispose();
});
