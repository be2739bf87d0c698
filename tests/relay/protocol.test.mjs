// Unit tests of the relay's protocol validation, business hours and SQLite store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { validateHandoff, validateVisitorFrame, validateAgentFrame, validateHello, parseFrame, summarize, initialLive, DEFAULT_LIMITS, ProtocolError }
  from '../../relay/src/protocol.mjs';
import { parseHours, isOpen, nextOpen, parseTeamHours } from '../../relay/src/hours.mjs';
import { SqliteStore } from '../../relay/src/store-sqlite.mjs';
import { Relay, visitorFrame, agentFrame } from '../../relay/src/relay.mjs';
import { HANDOFF, tmpDir } from './helpers.mjs';
import Database from '../../relay/node_modules/better-sqlite3/lib/index.js';

const err = (code, message) => (e) => e instanceof ProtocolError && e.code === code && (message === undefined || e.message === message);

test('parseFrame accepts JSON objects with a type and names what is wrong otherwise', () => {
  assert.deepEqual(parseFrame('{"type":"ping"}'), { type: 'ping' });
  assert.throws(() => parseFrame('{nope'), err('bad_json', 'frame is not valid JSON'));
  assert.throws(() => parseFrame('[1]'), err('bad_request', 'frame must be a JSON object'));
  assert.throws(() => parseFrame('{"t":1}'), err('bad_request', '"type" is required'));
});

test('validateHandoff keeps the vocabulary fields and rejects malformed ones precisely', () => {
  const h = validateHandoff({ ...HANDOFF, extra: 'dropped' });
  assert.equal(h.extra, undefined);
  assert.deepEqual(Object.keys(h).sort(), ['country', 'crisisResources', 'distress', 'emotions', 'identity', 'intent', 'locale', 'pack', 'priority', 'reasons',
    'team', 'transcript', 'valence']);
  // Routing fields: a malformed team or country is dropped, an unknown priority is normal.
  assert.deepEqual(validateHandoff({ team: 'care', priority: 'crisis', country: 'es' }), { ...validateHandoff({}), team: 'care', priority: 'crisis', country: 'ES' });
  assert.deepEqual(validateHandoff({ team: 'bad team', priority: 'urgent!', country: 'Spain' }), validateHandoff({}));
  // The visitor's local crisis lines, as the widget's core chose them: kept for the agent; a
  // line without a name or a non-https link is dropped or cleaned, never refusing the handoff.
  assert.deepEqual(validateHandoff({ crisisResources: [
    { name: '988 Lifeline', phone: '988', url: 'https://988lifeline.org', countries: ['US'] },
    { name: 'x', phone: '1', url: 'javascript:alert(1)' }, { phone: '2' }, 'junk'] }).crisisResources,
  [{ name: '988 Lifeline', phone: '988', url: 'https://988lifeline.org' }, { name: 'x', phone: '1', url: '' }]);
  assert.deepEqual(validateHandoff({ crisisResources: 'no' }).crisisResources, []);
  assert.deepEqual(validateHandoff({ identity: { name: 'Ana', email: 'a@x.org', hash: 'ab', extra: 1 } }).identity, { name: 'Ana', email: 'a@x.org', hash: 'ab' });
  assert.throws(() => validateHandoff({ identity: 'me' }), err('bad_request', '"identity" must be an object'));
  assert.deepEqual(h.reasons[0], { name: 'human_request', weight: 0.9, evidence: 'I want a human' });
  // A reason's turn (the visitor wrote on before consenting) is kept when it is a turn, else dropped.
  const turned = validateHandoff({ reasons: [{ name: 'human_request', turn: 2 }, { name: 'anger', turn: 0 }, { name: 'crisis', turn: '3' }],
    transcript: [{ from: 'visitor', text: 'a' }, { from: 'visitor', text: 'b' }, { from: 'visitor', text: 'c' }] });
  assert.deepEqual(turned.reasons.map((r) => r.turn), [2, undefined, undefined]);
  assert.deepEqual(initialLive(turned).reasons, [{ name: 'human_request', turn: 2 }, { name: 'anger', turn: 3 }, { name: 'crisis', turn: 3 }]);
  assert.deepEqual(validateHandoff({}).transcript, []);
  assert.throws(() => validateHandoff(null), err('bad_request', '"handoff" must be an object'));
  // Out-of-range numbers and over-long past messages are clipped so the handoff still happens.
  assert.equal(validateHandoff({ distress: 1.0000001 }).distress, 1);
  assert.equal(validateHandoff({ valence: -2 }).valence, -1);
  assert.deepEqual(validateHandoff({ emotions: { joy: 1.2, fear: -0.1 } }).emotions, { joy: 1, fear: 0 });
  const long = validateHandoff({ transcript: [{ from: 'visitor', text: 'x'.repeat(2500) }] }).transcript[0].text;
  assert.equal(long.length, 2000);
  assert.ok(long.endsWith('…'));
  assert.throws(() => validateHandoff({ distress: 'high' }), err('bad_request', '"handoff.distress" must be a number in [0, 1]'));
  assert.throws(() => validateHandoff({ transcript: [{ from: 'robot', text: 'x' }] }),
    err('bad_request', 'handoff.transcript[0].from must be "visitor", "bot" or "agent"'));
  assert.throws(() => validateHandoff({ transcript: Array.from({ length: 201 }, () => ({ from: 'bot', text: 'x' })) }),
    err('too_long', 'handoff.transcript has 201 entries; the limit is 200'));
  assert.throws(() => validateHandoff({ transcript: [{ from: 'bot', text: 'x'.repeat(70000) }] }), err('too_long'));
  assert.throws(() => validateHandoff({ emotions: { joy: 'a lot' } }), err('bad_request', '"handoff.emotions.joy" must be a number in [0, 1]'));
});

test('visitor and agent frames: ids, lengths, suggestions, csat score', () => {
  assert.deepEqual(validateVisitorFrame({ type: 'message', id: 'a_1', text: 'hi', suggestions: ['x', 'y'] }),
    { type: 'message', id: 'a_1', text: 'hi', suggestions: ['x', 'y'], affect: undefined });
  // Live affect: clamped, known fields only, at most 4 KB.
  assert.deepEqual(validateVisitorFrame({ type: 'message', id: 'a', text: 'x', affect: { distress: 1.2, valence: -0.5, crisis: true,
    crisisKind: 'self_harm', language: 'es', reasons: [{ name: 'crisis', weight: 1, evidence: 'e' }], junk: 1 } }).affect,
  { distress: 1, valence: -0.5, crisis: true, crisisKind: 'self_harm', intent: null, language: 'es', reasons: [{ name: 'crisis', weight: 1, evidence: 'e' }] });
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'a', text: 'x', affect: { crisis: 'yes' } }), err('bad_request', '"affect.crisis" must be a boolean'));
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'a', text: 'x', affect: { intent: 'x'.repeat(5000) } }), err('too_long'));
  assert.deepEqual(validateAgentFrame({ type: 'transfer', conversation: 'c', to: { team: 'care' } }), { type: 'transfer', conversation: 'c', to: { team: 'care' } });
  assert.throws(() => validateAgentFrame({ type: 'transfer', conversation: 'c', to: {} }), err('bad_request'));
  assert.deepEqual(validateAgentFrame({ type: 'queue_page' }), { type: 'queue_page', before: null, limit: 50 });
  assert.throws(() => validateAgentFrame({ type: 'queue_page', limit: 500 }), err('bad_request', '"limit" must be an integer 1-200'));
  assert.throws(() => validateAgentFrame({ type: 'presence', status: 'busy' }), err('bad_request'));
  assert.deepEqual(validateHello({ type: 'hello', role: 'agent', account: 'ana', password: 'pw' }), { role: 'agent', account: 'ana', password: 'pw' });
  assert.deepEqual(validateHello({ type: 'hello', role: 'agent', session: 's' }), { role: 'agent', session: 's' });
  // Routing fields next to the handoff are understood; the handoff's own value wins.
  const h = validateHello({ type: 'hello', role: 'visitor', team: 'care', priority: 'high', handoff: { transcript: [], priority: 'crisis' } }).handoff;
  assert.deepEqual([h.team, h.priority], ['care', 'crisis']);
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'has space', text: 'hi' }), err('bad_request', '"id" must be 1-64 characters of A-Z a-z 0-9 _ -'));
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'a', text: '   ' }), err('bad_request', '"text" must not be empty'));
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'a', text: 'x'.repeat(DEFAULT_LIMITS.maxMessageLength + 1) }), err('too_long'));
  assert.equal(validateVisitorFrame({ type: 'message', id: 'a', text: 'x', suggestions: ['1', '2', '3', '4', '5', '6', '7'] }).suggestions.length, 5);
  assert.throws(() => validateVisitorFrame({ type: 'message', id: 'a', text: 'x', suggestions: 'x' }), err('bad_request', '"suggestions" must be an array of strings'));
  assert.throws(() => validateVisitorFrame({ type: 'csat', id: 'a', score: 6 }), err('bad_request'));
  assert.throws(() => validateVisitorFrame({ type: 'csat', id: 'a', score: 4.5 }), err('bad_request'));
  assert.equal(validateVisitorFrame({ type: 'csat', id: 'a', score: 4 }).score, 4);
  assert.throws(() => validateAgentFrame({ type: 'message', id: 'a', text: 'x' }), err('bad_request', '"conversation" must be 1-64 characters of A-Z a-z 0-9 _ -'));
  assert.equal(validateAgentFrame({ type: 'close', conversation: 'c' }).returnToBot, true);
  assert.equal(validateAgentFrame({ type: 'close', conversation: 'c', returnToBot: false }).returnToBot, false);
  assert.throws(() => validateHello({ type: 'message' }), err('hello_required'));
  assert.throws(() => validateHello({ type: 'hello', role: 'admin' }), err('bad_request', '"role" must be "visitor" or "agent"'));
  assert.equal(validateHello({ type: 'hello', role: 'visitor', conversation: 'c', secret: 's', lastSeq: 3 }).lastSeq, 3);
  assert.throws(() => validateHello({ type: 'hello', role: 'visitor', conversation: 'c', secret: 's', lastSeq: -1 }), err('bad_request'));
});

test('summarize gives the queue its emotion picture and handoff reasons', () => {
  assert.deepEqual(summarize(validateHandoff(HANDOFF)), { distress: 0.82, valence: -0.7, intent: 'billing_double_charge',
    reasons: ['human_request', 'anger'], emotions: [{ label: 'anger', p: 0.61 }, { label: 'annoyance', p: 0.3 }, { label: 'neutral', p: 0.05 }] });
  assert.deepEqual(summarize(validateHandoff({})), { distress: null, valence: null, intent: null, reasons: [], emotions: [] });
});

test('frames to the visitor never carry agent-assist suggestions', () => {
  const ev = { seq: 3, kind: 'message', from: 'visitor', id: 'v', text: 't', suggestions: ['s'], at: 1 };
  assert.deepEqual(visitorFrame(ev), { type: 'message', seq: 3, from: 'visitor', id: 'v', text: 't', at: 1 });
  assert.deepEqual(agentFrame('c1', ev), { type: 'message', conversation: 'c1', seq: 3, from: 'visitor', id: 'v', text: 't', suggestions: ['s'], at: 1 });
});

test('business hours: days, times and time zone', () => {
  const h = parseHours('mon-fri 09:00-17:00 Europe/Paris');
  assert.equal(isOpen(h, new Date('2026-11-25T08:30:00Z')), true);   // Wednesday 09:30 in Paris
  assert.equal(isOpen(h, new Date('2026-11-25T07:30:00Z')), false);  // 08:30 in Paris
  assert.equal(isOpen(h, new Date('2026-11-25T16:00:00Z')), false);  // 17:00 in Paris: closed
  assert.equal(isOpen(h, new Date('2026-11-28T10:00:00Z')), false);  // Saturday
  assert.equal(isOpen(parseHours('fri-mon 00:00-24:00'), new Date('2026-11-29T12:00:00Z')), true); // Sunday wraps
  assert.throws(() => parseHours('weekdays 9-5'), /expected e.g. "mon-fri 09:00-17:00 Europe\/Paris"/);
  assert.throws(() => parseHours('mon-fri 17:00-09:00'), /opening time must be before the closing time/);
  assert.throws(() => parseHours('mon-fri 09:00-17:00 Mars/Olympus'), /unknown time zone "Mars\/Olympus"/);
  // The next opening: Saturday noon -> Monday 09:00 in Madrid (UTC+1 in December); the New York
  // opening after the March 2026 DST change is 09:00 EDT = 13:00 UTC; open now -> null.
  assert.equal(new Date(nextOpen(parseHours('mon-fri 09:00-17:00 Europe/Madrid'), Date.parse('2026-12-05T12:00:00Z'))).toISOString(), '2026-12-07T08:00:00.000Z');
  assert.equal(new Date(nextOpen(parseHours('mon-fri 09:00-17:00 America/New_York'), Date.parse('2026-03-06T23:00:00Z'))).toISOString(), '2026-03-09T13:00:00.000Z');
  assert.equal(nextOpen(h, Date.parse('2026-11-25T08:30:00Z')), null);
  assert.equal(parseTeamHours('care="mon-fri 09:00-17:00 Europe/Madrid"')[0], 'care');
  assert.throws(() => parseTeamHours('mon-fri 09:00-17:00'), /expected TEAM=/);
});

test('SQLite store: group commit, de-duplication, gapless seq, transcript limit, atomic claim, survives reopen', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 's.db');
  let s = new SqliteStore(file);
  try {
    assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(s.db.pragma('synchronous', { simple: true }), 2, 'synchronous=FULL');
    await s.createConversation({ id: 'c1', secretHash: 'h', handoff: { transcript: [] }, origin: null, at: 1 });
    // Issued in one event-loop turn: one transaction.
    const rs = await Promise.all([
      s.append('c1', { kind: 'message', from: 'visitor', id: 'm1', text: 'a', at: 2 }, { maxEvents: 4 }),
      s.append('c1', { kind: 'message', from: 'visitor', id: 'm1', text: 'a', at: 2 }, { maxEvents: 4 }),
      s.append('c1', { kind: 'message', from: 'agent', id: 'm1', text: 'b', at: 3 }, { maxEvents: 4 }),
      s.append('c1', { kind: 'agent_joined', from: 'relay', at: 4 }, { maxEvents: 4 }),
    ]);
    assert.deepEqual(rs.map((r) => [r.seq, r.duplicate]), [[1, false], [1, true], [2, false], [3, false]]);
    await s.append('c1', { kind: 'message', from: 'visitor', id: 'm4', text: 'c', at: 5 }, { maxEvents: 4 });
    await assert.rejects(s.append('c1', { kind: 'message', from: 'visitor', id: 'm5', text: 'd', at: 6 }, { maxEvents: 4 }), { code: 'transcript_full' });
    await assert.rejects(s.append('nope', { kind: 'message', from: 'visitor', id: 'x', text: 'd', at: 6 }, { maxEvents: 4 }), { code: 'not_found' });
    const claim = (agentId, agentName) => s.transition('c1', { from: ['queued'] }, { state: 'assigned', agentId, agentName, at: 7 });
    const [won, lost] = await Promise.all([claim('ag1', 'Ana'), claim('ag2', 'Bo')]);
    assert.deepEqual([won, lost], [true, false]);
    await s.close();
    s = new SqliteStore(file);
    assert.deepEqual((await s.eventsAfter('c1', 0)).map((e) => e.seq), [1, 2, 3, 4]);
    assert.deepEqual((await s.eventsAfter('c1', 2)).map((e) => e.seq), [3, 4]);
    const c = await s.getConversation('c1');
    assert.deepEqual([c.state, c.agentName, c.lastSeq], ['assigned', 'Ana', 4]);
    assert.equal(await s.findDuplicate('c1', 'visitor', 'm4'), 4);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SQLite store: a database from before accounts and routing is upgraded in place, its conversations kept', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'old.db');
  const old = new Database(file);
  old.exec(`CREATE TABLE conversations (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, handoff TEXT NOT NULL, origin TEXT, state TEXT NOT NULL,
    agent_id TEXT, agent_name TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0);
    INSERT INTO conversations VALUES ('old1', 'h', '{"transcript":[],"distress":0.5}', NULL, 'queued', NULL, NULL, 10, 20, 0);`);
  old.close();
  const s = new SqliteStore(file);
  try {
    const c = await s.getConversation('old1');
    assert.deepEqual([c.state, c.team, c.priority, c.queuedAt, c.identity, c.live], ['queued', 'default', 'normal', 10, null, null]);
    assert.deepEqual((await s.page('queued', null, null, 10)).items.map((x) => x.id), ['old1']);
    assert.deepEqual((await s.dispatchOrder('default', 5)).map((x) => x.id), ['old1']);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('regression: while conversations replay to an agent, live events are held per conversation, others pass', async () => {
  // Before the fix every live frame was buffered during a replay and then filtered by the replayed
  // conversation's last seq, so another conversation's lower seqs were dropped.
  const relay = new Relay({ store: {}, agentToken: 'x'.repeat(8) });
  const sent = [];
  const ws = { readyState: 1, bufferedAmount: 0, send: (s) => sent.push(JSON.parse(s)), replaying: new Map([['X', []], ['Z', []]]) };
  relay.deliver(ws, { type: 'message', conversation: 'Y', seq: 1 }, 'Y');
  relay.deliver(ws, { type: 'message', conversation: 'X', seq: 9 }, 'X');
  assert.deepEqual(sent.map((f) => f.conversation), ['Y']);
  assert.deepEqual(ws.replaying.get('X').map((f) => f.seq), [9]);
  relay.deliver(ws, { type: 'message', conversation: 'Z', seq: 4 }, 'Z');
  assert.deepEqual(ws.replaying.get('Z').map((f) => f.seq), [4], 'two replays at once each hold their own conversation');
});

test('regression: an event the replay already sent is not sent again when its bus copy arrives late; later ones in any order are', async () => {
  // Found by the Redis bench: the publish follows the append, so a replay reading the store can
  // see an event whose bus message arrives after the replay ended.
  const relay = new Relay({ store: { eventsAfter: async () => [{ seq: 1, kind: 'agent_joined', from: 'relay' }, { seq: 2, kind: 'message', from: 'visitor', id: 'v1' }] },
    agentToken: 'x'.repeat(8) });
  const sent = [];
  const ws = { readyState: 1, bufferedAmount: 0, send: (s) => sent.push(JSON.parse(s)), replaying: new Map([['C', []]]) };
  await relay.replay(ws, 'C', 0, () => true, (ev) => agentFrame('C', ev));
  relay.deliver(ws, { type: 'message', conversation: 'C', seq: 2 }, 'C'); // the late bus copy
  relay.deliver(ws, { type: 'message', conversation: 'C', seq: 4 }, 'C'); // from another instance, first
  relay.deliver(ws, { type: 'message', conversation: 'C', seq: 3 }, 'C');
  assert.deepEqual(sent.map((f) => f.seq), [1, 2, 4, 3]);
});
