// The core's limits (src/core/limits.h) as the widget sees them through
// web/engine.js: rate-limited turns, cut long messages, configurable limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, AttuneError } from '../../web/engine.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const pack = readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8');

test('defaults are the documented ones', () => {
  const engine = core.createEngine(pack);
  assert.deepEqual(engine.limits, {
    max_message_bytes: 8192, max_messages_per_minute: 30, burst_messages: 20, max_transcript_messages: 200, max_transcript_bytes: 131072,
  });
  engine.dispose();
});

test('the 21st message at once finds the bucket empty: refused with retry_after_ms, the turn is not taken', () => {
  const engine = core.createEngine(pack);
  try {
    for (let i = 1; i <= 20; i++) assert.equal(engine.respond('hello').limit, null);
    const refused = engine.respond('hello again');
    assert.equal(refused.limit.code, 'rate_limited');
    // One token comes back every 2 s (30 a minute): the wait is at most that, not a minute.
    assert.ok(refused.limit.retry_after_ms > 0 && refused.limit.retry_after_ms <= 2000, String(refused.limit.retry_after_ms));
    assert.equal(refused.reply, '');
    assert.equal(refused.turn, 20);
  } finally {
    engine.dispose();
  }
});

test('a message over 8 KiB is cut and answered, and says so', () => {
  const engine = core.createEngine(pack);
  try {
    const turn = engine.respond('where is my order '.repeat(1000));
    assert.equal(turn.limit.code, 'message_too_long');
    assert.ok(turn.reply.length > 0);
    assert.equal(turn.turn, 1);
  } finally {
    engine.dispose();
  }
});

test('setLimits changes limits and rejects bad values with a clear error', () => {
  const engine = core.createEngine(pack);
  try {
    engine.setLimits({ burst_messages: 2 });
    assert.equal(engine.limits.burst_messages, 2);
    assert.equal(engine.limits.max_messages_per_minute, 30);
    assert.equal(engine.limits.max_message_bytes, 8192);
    engine.respond('a');
    engine.respond('b');
    assert.equal(engine.respond('c').limit.code, 'rate_limited');
    assert.throws(() => engine.setLimits({ max_message_bytes: 0 }),
      (e) => e instanceof AttuneError && e.code === 'invalid_argument' && e.message === 'limits: max_message_bytes must be in 1..65536');
    assert.throws(() => engine.setLimits({ nope: 1 }), (e) => e.code === 'invalid_argument' && /unknown field "nope"/.test(e.message));
    assert.equal(engine.limits.burst_messages, 2, 'unchanged after a failed setLimits');
  } finally {
    engine.dispose();
  }
});
