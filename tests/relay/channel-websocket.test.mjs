// web/channels websocket channel against the real relay: consent gate, acks, agent events,
// a relay killed and restarted mid-conversation, a page reload that resumes from sessionStorage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { createChannel, ChannelError } from '../../web/channels/index.js';
import { startRelay, newAgent, tmpDir, withTimeout, WebSocket, ORIGIN, HANDOFF, Client } from './helpers.mjs';

class MemStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

/** Record a channel's events; wait for the next one matching. */
function recorder(ch) {
  const log = [];
  const waiters = [];
  for (const ev of ['status', 'agent_joined', 'message', 'typing', 'no_agent', 'closed', 'csat_request']) {
    ch.on(ev, (d) => {
      const item = { ev, ...d };
      log.push(item);
      for (const w of [...waiters]) if (w.pred(item)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(item); }
    });
  }
  return {
    log,
    wait(pred, what, ms = 8000) {
      const found = log.find((x) => !x.taken && pred(x));
      if (found) { found.taken = true; return Promise.resolve(found); }
      return withTimeout(new Promise((resolve) => waiters.push({ pred, resolve: (x) => { x.taken = true; resolve(x); } })), ms, what);
    },
  };
}

let relay;
let dir;
let db;
const ARGS = ['--conversations-per-minute', '0'];
before(async () => { dir = tmpDir(); db = path.join(dir, 'r.db'); relay = await startRelay({ db, args: ARGS }); });
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

const wsConfig = (storage) => ({ type: 'websocket', url: relay.url('/visitor'), origin: ORIGIN, WebSocket, storage,
  backoff: { baseMs: 50, maxMs: 400 } });

test('createChannel rejects a bad config with a clear error', () => {
  assert.throws(() => createChannel({ type: 'carrier-pigeon' }), (e) => e instanceof ChannelError && e.code === 'bad_config'
    && e.message === 'channel type must be "websocket", "webhook" or "custom", got "carrier-pigeon"');
  assert.throws(() => createChannel({ type: 'websocket', url: 'http://x' }), /must be a ws:\/\/ or wss:\/\/ URL/);
  assert.throws(() => createChannel({ type: 'webhook', url: 'https://x', events: 'carrier' }), /"events" must be "sse" or "poll"/);
  assert.throws(() => createChannel({ type: 'custom', connect() {} }), /"send" must be a function/);
});

test('nothing is sent before connect(handoff)', { timeout: 10000 }, async () => {
  const ch = createChannel(wsConfig(new MemStorage()));
  await assert.rejects(ch.send('hello'), { code: 'not_connected' });
  await assert.rejects(ch.leaveMessage('hello'), { code: 'not_connected' });
  ch.sendTyping();
  const agent = await newAgent(relay, 'Watcher');
  const q = await agent.next('queue');
  assert.equal(q.conversations.length, 0, 'no conversation reached the relay');
  await agent.close();
});

test('conversation through the channel survives a relay SIGKILL and a page reload', { timeout: 40000 }, async () => {
  const storage = new MemStorage();
  let ch = createChannel(wsConfig(storage));
  let rec = recorder(ch);
  const opened = await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
  assert.equal(opened.resumed, false);
  assert.deepEqual((await rec.wait((x) => x.ev === 'no_agent', 'no agent yet')).reason, 'offline');
  assert.deepEqual(rec.log.filter((x) => x.ev === 'status').map((x) => x.state), ['connecting', 'queued']);

  // A dropped connection while still waiting: no_agent is not announced twice for the same reason.
  ch.ws.terminate();
  await rec.wait((x) => x.ev === 'status' && x.state === 'queued' && rec.log.some((y) => y.ev === 'status' && y.state === 'reconnecting'), 'back in the queue');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(rec.log.filter((x) => x.ev === 'no_agent').length, 1);

  let agent = await newAgent(relay, 'Ana');
  agent.send({ type: 'accept', conversation: opened.conversation });
  assert.deepEqual((await rec.wait((x) => x.ev === 'agent_joined', 'agent joined')).agent, { name: 'Ana' });
  await rec.wait((x) => x.ev === 'status' && x.state === 'connected', 'status connected');

  const { id } = await withTimeout(ch.send('my card was charged twice', { suggestions: ['I can refund that.'] }), 5000, 'send ack');
  const got = await agent.next((f) => f.type === 'message' && f.id === id, 'agent got it');
  assert.deepEqual(got.suggestions, ['I can refund that.']);
  agent.send({ type: 'typing', conversation: opened.conversation });
  await rec.wait((x) => x.ev === 'typing', 'typing');
  agent.send({ type: 'message', conversation: opened.conversation, id: 'a1', text: 'Looking now.' });
  const m1 = await rec.wait((x) => x.ev === 'message', 'agent message');
  assert.deepEqual([m1.id, m1.from, m1.text], ['a1', 'agent', 'Looking now.']);

  // The relay dies. A message typed meanwhile waits, then goes through after the restart.
  await relay.kill9();
  await agent.terminate().catch(() => {});
  await rec.wait((x) => x.ev === 'status' && x.state === 'reconnecting', 'reconnecting');
  const pending = ch.send('are you still there?');
  relay = await startRelay({ db, port: relay.port, args: ARGS });
  const { id: id2 } = await withTimeout(pending, 10000, 'queued message acked after restart');
  agent = await newAgent(relay, 'Ana');
  agent.send({ type: 'open', conversation: opened.conversation, lastSeq: 0 });
  await agent.next((f) => f.type === 'message' && f.id === id2, 'queued message stored once');
  assert.equal(agent.all((f) => f.type === 'message' && f.id === id2).length, 1);
  await rec.wait((x) => x.ev === 'status' && x.state === 'connected', 'connected again');

  // The page reloads: a new channel on the same sessionStorage resumes the same conversation.
  await ch.shutdown(); ch.stopped = true; // the old page is gone without saying goodbye
  agent.send({ type: 'message', conversation: opened.conversation, id: 'a2', text: 'Refund issued.' });
  await agent.next((f) => f.type === 'ack' && f.id === 'a2');
  ch = createChannel(wsConfig(storage));
  rec = recorder(ch);
  const again = await withTimeout(ch.connect(HANDOFF), 5000, 'resume');
  assert.deepEqual([again.resumed, again.conversation, again.state], [true, opened.conversation, 'assigned']);
  const m2 = await rec.wait((x) => x.ev === 'message', 'missed message after reload');
  assert.equal(m2.id, 'a2');
  assert.equal(rec.log.filter((x) => x.ev === 'message').length, 1, 'a1, seen before the reload, is not shown again');

  agent.send({ type: 'csat_request', conversation: opened.conversation });
  await rec.wait((x) => x.ev === 'csat_request', 'csat request');
  await withTimeout(ch.sendCsat({ score: 4, comment: 'ok' }), 5000, 'csat ack');
  assert.equal((await agent.next('csat')).score, 4);
  agent.send({ type: 'close', conversation: opened.conversation, returnToBot: true });
  const closed = await rec.wait((x) => x.ev === 'closed', 'closed');
  assert.deepEqual([closed.reason, closed.returnToBot], ['returned_to_bot', true]);
  assert.equal(storage.getItem(`attune:channel:${relay.url('/visitor')}`), null, 'a closed conversation is not resumed');
  await ch.close();
  assert.equal(rec.log.at(-1).state, 'offline');
  await assert.rejects(ch.send('late'), { code: 'closed' });
  await agent.close();
});

test('a page reloaded while its conversation was being created finds that conversation again', { timeout: 15000 }, async () => {
  const storage = new MemStorage();
  const key = `attune:channel:${relay.url('/visitor')}`;
  // The previous page stored its chosen secret and one unsent message, then went away before any answer.
  const secret = 'a'.repeat(10) + 'reloaded-secret-01';
  storage.setItem(key, JSON.stringify({ creating: secret, outbox: [{ type: 'message', id: 'before-reload', text: 'hello?' }] }));
  const raw = await Client.open(relay.url('/visitor'));
  raw.send({ type: 'hello', role: 'visitor', handoff: HANDOFF, secret }); // the hello that did reach the relay
  const created = await raw.next('welcome');
  await raw.terminate();

  const ch = createChannel(wsConfig(storage));
  const opened = await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
  assert.equal(opened.conversation, created.conversation);
  const agent = await newAgent(relay, 'Ray');
  agent.send({ type: 'open', conversation: opened.conversation, lastSeq: 0 });
  const m = await agent.next((f) => f.type === 'message' && f.id === 'before-reload', 'the unsent message went out after the reload');
  assert.equal(m.text, 'hello?');
  await withTimeout((async () => { while (JSON.parse(storage.getItem(key)).outbox.length) await new Promise((r) => setTimeout(r, 20)); })(),
    3000, 'the ack empties the stored outbox');
  assert.deepEqual(JSON.parse(storage.getItem(key)), { conversation: opened.conversation, secret, lastSeq: 0, outbox: [] });
  await ch.close();
  await agent.close();
});

test('a message over the length limit rejects its send() and does not block the next one', { timeout: 10000 }, async () => {
  const ch = createChannel(wsConfig(new MemStorage()));
  await ch.connect(HANDOFF);
  const tooLong = ch.send('x'.repeat(2001));
  const fine = ch.send('short');
  await assert.rejects(withTimeout(tooLong, 5000, 'too long'), { code: 'too_long' });
  assert.ok((await withTimeout(fine, 5000, 'next')).id);
  await ch.close();
});

test('suggestions over the relay limits are trimmed, never costing the message; a long handoff is fitted, a malformed one refused clearly', { timeout: 10000 }, async () => {
  const ch = createChannel(wsConfig(new MemStorage()));
  const { conversation } = await ch.connect(HANDOFF);
  const agent = await newAgent(relay, 'Sam');
  agent.send({ type: 'accept', conversation });
  await agent.next('conversation');
  const many = ['one', 'x'.repeat(501), 'two', '', 'three', 'four', 'five', 'six'];
  const { id } = await withTimeout(ch.send('hello', { suggestions: many }), 5000, 'send with suggestions');
  const got = await agent.next((f) => f.type === 'message' && f.id === id);
  assert.deepEqual(got.suggestions, ['one', 'two', 'three', 'four', 'five']);
  await ch.close();
  await agent.close();

  // 300 entries of 1500-3000 characters (~700 KB): the latest ones that fit are handed over.
  const big = createChannel(wsConfig(new MemStorage()));
  const huge = { ...HANDOFF, transcript: Array.from({ length: 300 }, (_, i) => ({ from: i % 2 ? 'bot' : 'visitor', text: `${i} ${'y'.repeat(1500 + (i % 3) * 750)}`, at: i })) };
  const fitted = await withTimeout(big.connect(huge), 5000, 'long handoff accepted');
  const a2 = await newAgent(relay, 'Sam');
  a2.send({ type: 'accept', conversation: fitted.conversation });
  const conv = await a2.next('conversation');
  const t = conv.handoff.transcript;
  assert.ok(t.length > 10 && t.length < 200, `${t.length} entries kept`);
  assert.ok(t.at(-1).text.startsWith('299 '), 'the latest entry is kept');
  assert.ok(t.every((e) => e.text.length <= 2000));
  await big.close();
  await a2.close();

  const bad = createChannel(wsConfig(new MemStorage()));
  await assert.rejects(withTimeout(bad.connect({ ...HANDOFF, transcript: [{ from: 'robot', text: 'x' }] }), 5000, 'refused'),
    { code: 'bad_request', message: 'the relay refused the handoff: handoff.transcript[0].from must be "visitor", "bot" or "agent"' });
});

test('the visitor leaving closes the conversation for the agent', { timeout: 10000 }, async () => {
  const ch = createChannel(wsConfig(new MemStorage()));
  const { conversation } = await ch.connect(HANDOFF);
  const agent = await newAgent(relay, 'Eve');
  agent.send({ type: 'accept', conversation });
  await agent.next('conversation');
  await ch.close();
  const closed = await agent.next('closed', 'agent sees visitor left');
  assert.deepEqual([closed.reason, closed.from], ['visitor_left', 'visitor']);
  await agent.close();
});

test('availability before any handoff: nobody online, then an agent; nothing about the visitor is sent', { timeout: 15000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'avail.db'), args: ARGS });
  try {
    // Node's fetch sends no Origin; the relay's CORS only matters to browsers.
    const ch = createChannel({ type: 'websocket', url: r.url('/visitor'), origin: ORIGIN, WebSocket, storage: null });
    const none = await ch.availability({ team: 'care', pack: 'retail-en' });
    // A team this relay does not know is served by its default team (and said so).
    assert.deepEqual([none.open, none.reason, none.team, none.agentsOnline], [false, 'offline', 'default', 0]);
    const agent = await newAgent(r, 'Avi');
    const some = await ch.availability();
    assert.equal(some.open, true, JSON.stringify(some));
    assert.equal(some.agentsOnline, 1);
    await agent.close();
  } finally {
    await r.stop();
  }
});

test('availability of a relay that is not there: unreachable, so no person is offered', { timeout: 15000 }, async () => {
  const ch = createChannel({ type: 'websocket', url: 'ws://127.0.0.1:9/visitor', WebSocket, storage: null });
  await assert.rejects(ch.availability(), { code: 'unreachable' });
});

test('the relay gone for good: bounded retries, then `unreachable` and the unsent message fails', { timeout: 20000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'gone.db'), args: ARGS });
  const ch = createChannel({ ...wsConfig(new MemStorage()), url: r.url('/visitor'), retry: { attempts: 2, withinMs: 1500 } });
  const rec = recorder(ch);
  const gone = new Promise((resolve) => ch.on('unreachable', resolve));
  await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
  await r.kill9();
  const started = Date.now();
  const pending = ch.send('anyone there?');
  const ev = await withTimeout(gone, 10000, 'unreachable event');
  assert.equal(ev.code, 'unreachable');
  assert.equal(ev.unsent.length, 1, 'the message that never arrived is named');
  assert.ok(Date.now() - started >= 1500, 'not before the retry window');
  await assert.rejects(pending, { code: 'unreachable' });
  assert.equal(rec.log.findLast((x) => x.ev === 'status').state, 'offline');
  assert.equal(ch.hasStoredSession(), false, 'nothing left to resume on the next page');
});

test('relay routing frames reach the widget: an agent who drops out is reported, with the visitor requeued', { timeout: 20000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'left.db'), args: [...ARGS, '--agent-grace-ms', '300'] });
  try {
    const ch = createChannel({ ...wsConfig(new MemStorage()), url: r.url('/visitor') });
    const rec = recorder(ch);
    const left = new Promise((resolve) => ch.on('agent_left', resolve));
    const agent = await newAgent(r, 'Gus');
    const { conversation } = await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
    agent.send({ type: 'accept', conversation });
    await rec.wait((x) => x.ev === 'agent_joined', 'agent joined');
    await agent.terminate();
    const ev = await withTimeout(left, 8000, 'agent_left');
    assert.equal(ev.requeued, true);
    assert.equal(ev.agent.name, 'Gus');
    await ch.close();
  } finally {
    await r.stop();
  }
});
