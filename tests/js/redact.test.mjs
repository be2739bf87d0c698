// core.redact(): the C++ redactor through the wasm binding, on the same golden
// cases as tests/core/redact_test.cc, with spans checked as JS string indices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore } from '../../web/engine.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const golden = JSON.parse(readFileSync(new URL('../data/redact.json', import.meta.url), 'utf8'));
const pack = readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8');

test('every golden case redacts the same text and spans in JS as in C++', () => {
  assert.ok(golden.cases.length > 30);
  for (const c of golden.cases) {
    const r = core.redact(c.input);
    assert.equal(r.text, c.output, c.name);
    assert.deepEqual(
      r.redactions.map((x) => ({ kind: x.kind, match: c.input.slice(x.begin, x.end) })),
      c.redactions,
      c.name,
    );
  }
});

test('spans stay right after emoji and lone surrogates (UTF-16 indices, not bytes)', () => {
  const input = '😡😡 \uD800 mail jo@ex.io or 4111 1111 1111 1111';
  const r = core.redact(input);
  assert.deepEqual(r.redactions.map((x) => input.slice(x.begin, x.end)), ['jo@ex.io', '4111 1111 1111 1111']);
  assert.equal(r.text, '😡😡 \uFFFD mail [email] or [card]');
});

test('the transcript an agent receives is redacted unless asked otherwise', () => {
  const engine = core.createEngine(pack);
  try {
    engine.greet();
    engine.respond('my card 4111-1111-1111-1111 was charged twice, call +44 20 7946 0958');
    const t = engine.transcript();
    const visitor = t.entries.find((e) => e.role === 'visitor');
    assert.equal(visitor.text, 'my card [card] was charged twice, call [phone]');
    assert.deepEqual(visitor.redacted, ['card', 'phone']);
    assert.equal(t.dropped, 0);
    assert.match(engine.transcript({ redact: false }).entries[1].text, /4111-1111-1111-1111/);
  } finally {
    engine.dispose();
  }
});

test("a reason's evidence is redacted where it sits in its message, not as a fragment alone", async () => {
  const { redactIn } = await import('../../web/widget/core-ops.js');
  // Written for this test: the hardship head's evidence was "1111, my", the tail of a card
  // number, which the redactor cannot recognise on its own (seen in the agent console).
  const message = 'its card 4111 1111 1111 1111, my email is dana.k@example.com, please call me';
  const at = (evidence) => ({ message, begin: message.indexOf(evidence), end: message.indexOf(evidence) + evidence.length });
  assert.equal(core.redact('1111, my').text, '1111, my');  // why the fragment alone is not enough
  assert.equal(redactIn(core, '1111, my', at('1111, my')), '[card], my');
  assert.equal(redactIn(core, 'is dana.k@example', at('is dana.k@example')), 'is [email]');
  assert.equal(redactIn(core, 'please call me', at('please call me')), 'please call me');
  // Not where it says it is: no answer, and the caller redacts the evidence alone.
  assert.equal(redactIn(core, 'please call me', { message, begin: 0, end: 14 }), null);
  assert.equal(redactIn(core, 'x', null), null);
});
