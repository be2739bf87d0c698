// The widget's decisions around a person (web/widget/handoff-policy.js): what is offered given
// what is available, local crisis resources, the affect sent with live messages, identity,
// and the character count near the relay's limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseOffer, visitorCountry, affectOf, priorityOf, cleanIdentity, inputCount, isCrisis,
} from '../../web/widget/handoff-policy.js';
import { MAX_MESSAGE_LENGTH } from '../../web/channels/limits.js';
import { DEFAULT_LIMITS } from '../../relay/src/protocol.mjs';
import { parseConfig } from '../../web/widget/config.js';

test('no channel: no person and no leave-a-message are offered', () => {
  assert.deepEqual(chooseOffer({ channel: false, availability: { open: true } }), { kind: 'none', reason: 'no_channel' });
});

test('a relay that does not answer: no person, and no leave-a-message on the dead channel', () => {
  assert.equal(chooseOffer({ channel: true, unreachable: true }).kind, 'unreachable');
});

test('nobody online or outside hours: leave a message instead of promising a person', () => {
  assert.deepEqual(chooseOffer({ channel: true, availability: { open: false, reason: 'offline', nextOpen: null } }),
    { kind: 'leave', reason: 'offline', nextOpen: null });
  assert.deepEqual(chooseOffer({ channel: true, availability: { open: true }, hours: { open: false, nextOpen: 5 } }),
    { kind: 'leave', reason: 'closed_hours', nextOpen: 5 }, 'the pack\'s business hours win over an online agent');
  assert.equal(chooseOffer({ channel: true, availability: { open: false, reason: 'closed_hours' } }).reason, 'closed_hours');
});

test('someone online, busy agents (the visitor queues), or a relay that cannot say: a person is offered', () => {
  assert.equal(chooseOffer({ channel: true, availability: { open: true, reason: null } }).kind, 'person');
  assert.equal(chooseOffer({ channel: true, availability: { open: false, reason: 'busy' } }).kind, 'person');
  assert.equal(chooseOffer({ channel: true, availability: { open: null }, hours: null }).kind, 'person');
  assert.equal(chooseOffer({ channel: true, availability: null, hours: { open: true } }).kind, 'person');
});

test('country: the setting, else the region of the first language that has one', () => {
  assert.equal(visitorCountry('es', ['en-US']), 'ES');
  assert.equal(visitorCountry('', ['fr', 'es-MX', 'en-GB']), 'MX');
  assert.equal(visitorCountry(undefined, ['zh-Hant-TW']), 'TW');
  assert.equal(visitorCountry('', ['es-419', 'en']), null, 'a numeric region is not a country');
  assert.equal(visitorCountry('Spain', []), null);
});


test('affect of a live message: clamped numbers, crisis, language, reasons with the redacted evidence', () => {
  const turn = {
    distress: 1.4, valence: -0.7, intent: 'refund', language: 'es', crisis_kind: 'self_harm',
    cues: [{ name: 'crisis' }], reasons: [{ name: 'crisis', weight: 0.95, evidence: 'call me on 555 123 4567' }],
  };
  assert.deepEqual(affectOf(turn, ['call me on [phone]']), {
    distress: 1, valence: -0.7, crisis: true, crisisKind: 'self_harm', intent: 'refund', language: 'es',
    reasons: [{ name: 'crisis', weight: 0.95, evidence: 'call me on [phone]' }],
  });
  assert.equal(JSON.stringify(affectOf(turn, [])).includes('555'), false, 'only the redacted evidence travels');
  assert.deepEqual(affectOf({ distress: 0.2, valence: 0.1, language: 'und', reasons: [] }),
    { distress: 0.2, valence: 0.1, crisis: false, reasons: [] });
  assert.equal(affectOf(undefined), undefined);
});

test('priority is crisis once a crisis was heard', () => {
  assert.equal(priorityOf(true), 'crisis');
  assert.equal(priorityOf(false), 'normal');
  assert.equal(isCrisis({ crisis_kind: 'medical_emergency', cues: [] }), true);
  assert.equal(isCrisis({ crisis_kind: null, cues: [{ name: 'anger' }] }), false);
});

test('identity: strings only, known keys only; the visitor setting is parsed from an attribute too', () => {
  assert.deepEqual(cleanIdentity({ name: ' Ana ', email: 'ana@example.com', admin: true, hash: 7 }), { name: 'Ana', email: 'ana@example.com' });
  assert.equal(cleanIdentity({}), null);
  const { config, warnings } = parseConfig({}, { visitor: '{"name":"Ana","userId":"u1","hash":"abc"}', country: 'mx' });
  assert.deepEqual(config.visitor, { name: 'Ana', userId: 'u1', hash: 'abc' });
  assert.equal(config.country, 'MX');
  assert.deepEqual(warnings, []);
  assert.deepEqual(parseConfig({ country: 'Mexico', visitor: 3 }).warnings, [
    'country: expected a two-letter ISO 3166 code, got "Mexico"',
    'visitor: expected an object with name, email, userId or hash strings',
  ]);
});

test('the input limit is the relay\'s own, and the count shows from 90 % of it', () => {
  assert.equal(MAX_MESSAGE_LENGTH, DEFAULT_LIMITS.maxMessageLength);
  assert.equal(inputCount(100, 2000), null);
  assert.equal(inputCount(1799, 2000), null);
  assert.deepEqual(inputCount(1800, 2000), { used: 1800, max: 2000, over: false });
  assert.deepEqual(inputCount(2001, 2000), { used: 2001, max: 2000, over: true });
});
