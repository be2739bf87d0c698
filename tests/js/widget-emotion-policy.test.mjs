// When the emotion model loads (web/widget/emotion-policy.js): what a
// visitor on a slow or metered connection, or an old browser, downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emotionDecision, emotionMode, browserEnvironment } from '../../web/widget/emotion-policy.js';
import { parseConfig } from '../../web/widget/config.js';

const fast = { saveData: false, effectiveType: '4g', simd: true };

test('auto waits for the first message, then loads on a good connection', () => {
  assert.deepEqual(emotionDecision('auto', 'open', fast), { load: false, reason: 'waiting_for_first_message' });
  assert.deepEqual(emotionDecision('auto', 'message', fast), { load: true, reason: 'auto' });
  // Browsers without the Network Information API (Firefox, Safari) are not treated as slow.
  assert.equal(emotionDecision('auto', 'message', { ...fast, effectiveType: null }).load, true);
});

test('auto never loads on Save-Data, 2G/3G or without SIMD', () => {
  assert.equal(emotionDecision('auto', 'message', { ...fast, saveData: true }).reason, 'save_data');
  for (const effectiveType of ['slow-2g', '2g', '3g']) {
    assert.equal(emotionDecision('auto', 'message', { ...fast, effectiveType }).reason, 'slow_connection');
  }
  assert.equal(emotionDecision('auto', 'message', { ...fast, simd: false }).reason, 'no_simd');
});

test('eager loads on open (but not without SIMD, where ORT cannot run); off never', () => {
  assert.equal(emotionDecision('eager', 'open', { ...fast, saveData: true, effectiveType: '2g' }).load, true);
  assert.equal(emotionDecision('eager', 'open', { ...fast, simd: false }).load, false);
  for (const moment of ['open', 'message']) assert.equal(emotionDecision('off', moment, fast).load, false);
});

test('the setting: modes, old booleans, and a warning for anything else', () => {
  assert.equal(parseConfig({}).config.emotionModel, 'auto');
  assert.equal(parseConfig({ emotionModel: 'eager' }).config.emotionModel, 'eager');
  assert.equal(parseConfig({ emotionModel: true }).config.emotionModel, 'auto');
  assert.equal(parseConfig({}, { 'emotion-model': 'false' }).config.emotionModel, 'off');
  const { config, warnings } = parseConfig({ emotionModel: 'sometimes' });
  assert.equal(config.emotionModel, 'auto');
  assert.match(warnings.join('\n'), /emotionModel: expected one of auto, eager, off/);
  assert.equal(emotionMode('never'), undefined);
});

test('the environment as the browser reports it', () => {
  const env = browserEnvironment({ connection: { saveData: true, effectiveType: '3g' } }, WebAssembly);
  assert.deepEqual(env, { saveData: true, effectiveType: '3g', simd: true });  // Node 20 has SIMD
  assert.equal(browserEnvironment({}, { validate: () => false }).simd, false);
  assert.equal(browserEnvironment(null, null).simd, false);
});
