// web/channels webhook channel (SSE and polling) against the relay's HTTP binding, and the
// custom channel's retry and de-duplication with a site-supplied bridge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { createChannel } from '../../web/channels/index.js';
import { startRelay, newAgent, tmpDir, withTimeout, ORIGIN, HANDOFF } from './helpers.mjs';

let relay;
let dir;
before(async () => { dir = tmpDir(); relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--conversations-per-minute', '0'] }); });
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

// Node's fetch sends no Origin header; a browser would. Add the page's origin as a browser does.
const pageFetch = (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers ?? {}), origin: ORIGIN } });

function events(ch) {
  const log = [];
  for (const ev of ['status', 'agent_joined', 'message', 'typing', 'no_agent', 'closed', 'csat_request']) ch.on(ev, (d) => log.push({ ev, ...d }));
  const wait = (pred, what, ms = 8000) => withTimeout(new Promise((resolve) => {
    const t = setInterval(() => { const x = log.find(pred); if (x) { clearInterval(t); resolve(x); } }, 10);
  }), ms, what);
  return { log, wait };
}

for (const mode of ['sse', 'poll']) {
  test(`webhook channel (${mode}): handoff, agent joins, messages both ways, leave-a-message path`, { timeout: 20000 }, async (t) => {
    // A relay of its own: an agent of the previous test still leaving the
    // shared relay made "no agent online" a race (seen flaking in CI runs).
    const relay = await startRelay({ db: path.join(dir, `webhook-${mode}.db`), args: ['--conversations-per-minute', '0'] });
    const ch = createChannel({ type: 'webhook', url: `${relay.http}/api/conversations`, events: mode, pollMs: 100, fetch: pageFetch,
      storage: null, backoff: { baseMs: 50, maxMs: 300 } });
    // Even when an assertion fails: a polling channel left open keeps the file from ever ending.
    t.after(async () => { await ch.close().catch(() => {}); await relay.stop(); });
    const rec = events(ch);
    const { conversation, resumed } = await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
    assert.equal(resumed, false);
    assert.equal((await rec.wait((x) => x.ev === 'no_agent', 'no_agent')).reason, 'offline');

    const agent = await newAgent(relay, 'Wes');
    agent.send({ type: 'accept', conversation });
    assert.deepEqual((await rec.wait((x) => x.ev === 'agent_joined', 'agent joined')).agent, { name: 'Wes' });
    const { id } = await withTimeout(ch.send('hello over http', { suggestions: ['Hi!'] }), 5000, 'ack');
    const got = await agent.next((f) => f.type === 'message' && f.id === id);
    assert.deepEqual([got.text, got.suggestions], ['hello over http', ['Hi!']]);
    agent.send({ type: 'message', conversation, id: `w-${mode}`, text: 'hello back' });
    const m = await rec.wait((x) => x.ev === 'message', 'agent message');
    assert.deepEqual([m.id, m.from, m.text], [`w-${mode}`, 'agent', 'hello back']);
    await new Promise((r) => setTimeout(r, 300)); // several polls / stream events later: still once
    assert.equal(rec.log.filter((x) => x.ev === 'message').length, 1);
    await assert.rejects(ch.send('y'.repeat(2001)), { code: 'too_long' });
    await ch.close();
    assert.equal((await agent.next('closed')).reason, 'visitor_left');
    await agent.close();
  });
}

test('webhook (poll): the place in the queue, then the last agent going offline, are reported', { timeout: 20000 }, async (t) => {
  const r = await startRelay({ db: path.join(dir, 'poll-offline.db'), args: ['--conversations-per-minute', '0', '--agent-grace-ms', '300'] });
  const ch = createChannel({ type: 'webhook', url: `${r.http}/api/conversations`, events: 'poll', pollMs: 100, fetch: pageFetch, storage: null });
  t.after(async () => { await ch.close().catch(() => {}); await r.stop(); });
  const rec = events(ch);
  const queued = new Promise((resolve) => ch.on('queued', resolve));
  const agent = await newAgent(r, 'Olga');
  await withTimeout(ch.connect(HANDOFF), 5000, 'connect');
  assert.equal((await withTimeout(queued, 5000, 'queued with a position')).position, 1);
  await agent.terminate();
  assert.equal((await rec.wait((x) => x.ev === 'no_agent', 'no_agent after the agent left', 10000)).reason, 'offline');
});

test('webhook: a page from an origin not on the allowlist is refused', { timeout: 10000 }, async () => {
  const evil = (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers ?? {}), origin: 'https://evil.example' } });
  const ch = createChannel({ type: 'webhook', url: `${relay.http}/api/conversations`, events: 'poll', fetch: evil, storage: null });
  await assert.rejects(ch.connect(HANDOFF), { code: 'forbidden' });
});

test('webhook: leave a message when no agent is online', { timeout: 10000 }, async () => {
  const ch = createChannel({ type: 'webhook', url: `${relay.http}/api/conversations`, events: 'poll', pollMs: 100, fetch: pageFetch, storage: null });
  const rec = events(ch);
  const { conversation } = await ch.connect(HANDOFF);
  await rec.wait((x) => x.ev === 'no_agent', 'no_agent');
  await withTimeout(ch.leaveMessage('call me back', '+44 20 0000 0000'), 5000, 'leave message ack');
  const agent = await newAgent(relay, 'Lu');
  const q = await agent.next('queue');
  assert.equal(q.conversations.find((c) => c.conversation === conversation)?.state, 'message_left');
  await ch.close();
  await agent.close();
});

test('custom channel: site bridge failures are retried in order, repeated incoming frames shown once', { timeout: 10000 }, async () => {
  const delivered = [];
  let failNext = 2;
  let push;
  const ch = createChannel({
    type: 'custom', backoff: { baseMs: 10, maxMs: 40 },
    connect: async (handoff) => { assert.equal(handoff.distress, 0.82); return { conversation: 'desk-42' }; },
    send: async (frame) => {
      if (frame.type === 'typing') return;
      if (failNext-- > 0) throw new Error('help desk unavailable');
      delivered.push(frame);
    },
    onMessage: (fn) => { push = fn; return () => { push = null; }; },
    close: async () => {},
  });
  const rec = events(ch);
  await assert.rejects(ch.send('too early'), { code: 'not_connected' });
  await ch.connect(HANDOFF);
  const a = ch.send('first');
  const b = ch.send('second');
  await withTimeout(Promise.all([a, b]), 5000, 'both delivered after retries');
  assert.deepEqual(delivered.map((f) => f.text), ['first', 'second']);
  push({ type: 'agent_joined', agent: { name: 'Desk' } });
  push({ type: 'message', id: 'd1', from: 'agent', text: 'hi from the desk', at: 1 });
  push({ type: 'message', id: 'd1', from: 'agent', text: 'hi from the desk', at: 1 });
  await rec.wait((x) => x.ev === 'message', 'message');
  assert.equal(rec.log.filter((x) => x.ev === 'message').length, 1);
  assert.equal(rec.log.filter((x) => x.ev === 'status').at(-1).state, 'connected');
  const bad = Object.assign(new Error('too long for the desk'), { code: 'too_long' });
  failNext = 0;
  ch.config.send = async () => { throw bad; };
  await assert.rejects(ch.send('z'), { code: 'too_long', message: 'too long for the desk' });
  await ch.close();
  assert.equal(push, null, 'close() unsubscribes from the site bridge');
});
