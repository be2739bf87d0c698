// The golden conversations' expectations (README.md here), checked the same
// way by every JS replay: through the wasm from Node and through the widget.
import assert from 'node:assert/strict';

const DISTRESS = ['frustrated', 'angry', 'sad', 'anxious', 'crisis'];

/** Asserts that turn result `got` meets `want` (a turn's "expect" object); `msg` names the turn. */
export function checkTurn(got, want, msg) {
  for (const key of ['intent', 'response', 'handoff']) if (key in want) assert.equal(got[key], want[key], msg);
  if ('flow' in want) assert.equal(got.flow?.status ?? null, want.flow, msg);
  if ('reply_contains' in want) assert.ok(got.reply.includes(want.reply_contains), msg);
  if ('acknowledges' in want) assert.equal(got.acknowledgement !== '' || DISTRESS.includes(got.variant_tone), want.acknowledges, msg);
  if ('crisis_resources' in want) assert.equal(got.crisis_resources.length > 0, want.crisis_resources, msg);
  for (const e of want.entities ?? []) assert.ok(got.entities.some((g) => g.type === e.type && g.value === e.value), `${msg}: missing ${JSON.stringify(e)}`);
}
