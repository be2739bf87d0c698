// packs/pack.schema.json, the schema editors use through a pack's "$schema",
// agrees with the core's validator: the shipped packs pass it, and shapes the
// core rejects fail it too (cross-references like unknown responses are the
// core's job only: JSON Schema cannot express them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedPacks } from './shipped-packs.mjs';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../../packs/pack.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const pack = (name) => JSON.parse(readFileSync(new URL(`../../packs/${name}`, import.meta.url), 'utf8'));

test('the shipped packs validate against the schema', () => {
  for (const name of shippedPacks()) {
    assert.ok(validate(pack(name)), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
});

test('wrong shapes fail the schema as they fail the core', () => {
  const cases = [
    (p) => { delete p.responses.greeting; },
    (p) => { p.responses.returns = { sad: ['x'] }; },              // no neutral
    (p) => { p.intents[0].examples = []; },
    (p) => { p.intent_threshold = 2; },
    (p) => { p.flows.track_order.steps.order_number.next = 'x'; }, // both next and done
    (p) => { delete p.flows.track_order.steps.order_number.done; }, // neither: a dead end
    (p) => { p.handoff.business_hours = ['weekdays 9-5']; },
    (p) => { p.handoff.crisis_resources = [{ name: 'x' }]; },      // no phone or url
    (p) => { p.version = 2; },
    (p) => { p.handoff.crisis_resources[0].countries = ['uk']; },  // not an ISO 3166-1 alpha-2 code
    (p) => { p.handoff.routing = [{ when: {}, team: 'care' }]; },  // a rule needs a reason or an intent
    (p) => { p.handoff.routing = [{ when: { reason: 'sadness' }, team: 'care' }]; },
    (p) => { p.handoff.teams = [{ id: 'a b', label: 'x' }]; },
  ];
  for (const mutate of cases) {
    const p = pack('ecommerce.en.json');
    mutate(p);
    assert.equal(validate(p), false, mutate.toString());
  }
});
