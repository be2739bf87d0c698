// The real relay process on an ephemeral port, real WebSocket clients for a visitor and an agent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startRelay, Client, newVisitor, newAgent, tmpDir, HANDOFF, TOKEN, ROOT, withTimeout } from './helpers.mjs';

let relay;
let dir;
before(async () => {
  dir = tmpDir();
  relay = await startRelay({ db: path.join(dir, 'relay.db'), args: ['--messages-per-minute', '5', '--conversations-per-minute', '0'] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

test('a visitor with no agent online is told no_agent offline', { timeout: 15000 }, async () => {
  const v = await newVisitor(relay);
  assert.match(v.conversation, /^[A-Za-z0-9_-]{16}$/);
  assert.ok(v.secret.length >= 32, 'a per-conversation secret is issued at creation');
  assert.deepEqual(await v.client.next('no_agent'), { type: 'no_agent', reason: 'offline' });
  await v.client.close();
});

test('queued visitors hear when the last agent leaves and when one comes back', { timeout: 15000 }, async () => {
  const agent = await newAgent(relay, 'Flo');
  const v = await newVisitor(relay);
  await v.client.next('queued');
  await agent.close();
  assert.deepEqual(await v.client.next('no_agent', 'told no_agent after the last agent left'), { type: 'no_agent', reason: 'offline' });
  const back = await newAgent(relay, 'Flo');
  await v.client.next('queued', 'told queued again when an agent is back');
  back.send({ type: 'accept', conversation: v.conversation });
  await v.client.next('agent_joined');
  await back.close();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(v.client.all('no_agent').length, 1, 'a visitor already with an agent is not told no_agent');
  await v.client.close();
});

test('handoff, queue summary, accept, messages both ways with acks, typing, csat, close back to bot', { timeout: 20000 }, async () => {
  const agent = await newAgent(relay, 'Ana');
  const v = await newVisitor(relay);
  await v.client.next('queued', 'visitor queued while an agent is online');

  const q = await agent.next((f) => f.type === 'queue' && f.conversations.some((c) => c.conversation === v.conversation), 'queue lists the conversation');
  const item = q.conversations.find((c) => c.conversation === v.conversation);
  assert.equal(item.state, 'queued');
  assert.deepEqual(item.summary, { distress: 0.82, valence: -0.7, intent: 'billing_double_charge', reasons: ['human_request', 'anger'],
    emotions: [{ label: 'anger', p: 0.61 }, { label: 'annoyance', p: 0.3 }, { label: 'neutral', p: 0.05 }] });

  agent.send({ type: 'accept', conversation: v.conversation });
  const conv = await agent.next('conversation', 'transcript on accept');
  assert.deepEqual(conv.handoff.transcript.map((t) => t.text), HANDOFF.transcript.map((t) => t.text));
  const joined = await v.client.next('agent_joined', 'visitor hears the agent joined');
  assert.deepEqual(joined.agent, { name: 'Ana' });
  assert.equal(joined.seq, 1);

  v.client.send({ type: 'message', id: 'v-1', text: 'hello, anyone?', suggestions: ['I can refund the second charge.', 'Let me check your order.'] });
  const ack = await v.client.next((f) => f.type === 'ack' && f.id === 'v-1', 'visitor ack');
  assert.equal(ack.seq, 2);
  const got = await agent.next((f) => f.type === 'message' && f.id === 'v-1', 'agent receives visitor message');
  assert.equal(got.text, 'hello, anyone?');
  assert.equal(got.from, 'visitor');
  assert.deepEqual(got.suggestions, ['I can refund the second charge.', 'Let me check your order.']);

  agent.send({ type: 'typing', conversation: v.conversation });
  await v.client.next('typing', 'visitor sees agent typing');
  v.client.send({ type: 'typing' });
  await agent.next((f) => f.type === 'typing' && f.conversation === v.conversation, 'agent sees visitor typing');

  agent.send({ type: 'message', conversation: v.conversation, id: 'a-1', text: 'Hi, I am Ana. I see two charges.' });
  const aack = await agent.next((f) => f.type === 'ack' && f.id === 'a-1', 'agent ack');
  const m = await v.client.next((f) => f.type === 'message' && f.id === 'a-1', 'visitor receives agent message');
  assert.equal(m.from, 'agent');
  assert.equal(m.seq, aack.seq);
  assert.equal(m.text, 'Hi, I am Ana. I see two charges.');
  assert.equal(m.suggestions, undefined, 'agent assist suggestions never reach the visitor');

  agent.send({ type: 'csat_request', conversation: v.conversation });
  await v.client.next('csat_request', 'visitor asked for csat');
  v.client.send({ type: 'csat', id: 'c-1', score: 5, comment: 'quick' });
  await v.client.next((f) => f.type === 'ack' && f.id === 'c-1', 'csat ack');
  const csat = await agent.next('csat', 'agent sees csat');
  assert.equal(csat.score, 5);

  agent.send({ type: 'close', conversation: v.conversation, returnToBot: true });
  const closed = await v.client.next('closed', 'visitor hears closed');
  assert.equal(closed.reason, 'returned_to_bot');
  assert.equal(closed.returnToBot, true);

  v.client.send({ type: 'message', id: 'v-late', text: 'still there?' });
  const err = await v.client.next('error', 'message after close is refused');
  assert.deepEqual([err.code, err.id], ['closed', 'v-late']);
  await v.client.close();
  await agent.close();
});

test('a repeated message id is acknowledged with the same seq and delivered once', { timeout: 15000 }, async () => {
  const agent = await newAgent(relay, 'Bo');
  const v = await newVisitor(relay);
  agent.send({ type: 'accept', conversation: v.conversation });
  await v.client.next('agent_joined');
  v.client.send({ type: 'message', id: 'dup-1', text: 'once' });
  v.client.send({ type: 'message', id: 'dup-1', text: 'once' });
  v.client.send({ type: 'message', id: 'dup-2', text: 'twice' });
  const a1 = await v.client.next((f) => f.type === 'ack' && f.id === 'dup-1');
  const a2 = await v.client.next((f) => f.type === 'ack' && f.id === 'dup-1');
  assert.equal(a1.seq, a2.seq);
  assert.equal(a2.duplicate, true);
  await agent.next((f) => f.type === 'message' && f.id === 'dup-2', 'the message after the duplicate arrives');
  assert.equal(agent.all((f) => f.type === 'message' && f.id === 'dup-1').length, 1, 'the duplicate is not forwarded');
  await v.client.close();
  await agent.close();
});

test('resume after a dropped connection replays exactly what was missed; a wrong secret or id is refused', { timeout: 15000 }, async () => {
  const agent = await newAgent(relay, 'Cy');
  const v = await newVisitor(relay);
  agent.send({ type: 'accept', conversation: v.conversation });
  const joined = await v.client.next('agent_joined');
  await v.client.terminate(); // network drop: no close handshake

  for (const [id, text] of [['r-1', 'are you there?'], ['r-2', 'I have refunded it.']]) {
    agent.send({ type: 'message', conversation: v.conversation, id, text });
    await agent.next((f) => f.type === 'ack' && f.id === id);
  }
  const back = await Client.open(relay.url('/visitor'));
  back.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: joined.seq });
  const w = await back.next('welcome');
  assert.equal(w.resumed, true);
  assert.equal(w.secret, undefined, 'the secret is only handed out once');
  assert.deepEqual(w.agent, { name: 'Cy' });
  await back.next((f) => f.type === 'message' && f.id === 'r-2', 'replayed messages');
  assert.deepEqual(back.all('message').map((f) => f.id), ['r-1', 'r-2']);
  assert.equal(back.all('agent_joined').length, 0, 'nothing at or before lastSeq is replayed');
  await back.close();

  const bad = await Client.open(relay.url('/visitor'));
  bad.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: 'not-the-secret', lastSeq: 0 });
  assert.equal((await bad.next('error')).code, 'bad_secret');
  assert.equal((await withTimeout(bad.closed, 3000, 'close')).code, 4401);
  assert.equal(bad.all('message').length, 0, 'nothing is replayed to a wrong secret');

  const none = await Client.open(relay.url('/visitor'));
  none.send({ type: 'hello', role: 'visitor', conversation: 'AAAAAAAAAAAAAAAA', secret: v.secret });
  assert.equal((await withTimeout(none.closed, 3000, 'close')).code, 4404);
  await agent.close();
});

test('a repeated hello with the same client-chosen secret finds the same conversation, not a second one', { timeout: 15000 }, async () => {
  const secret = 'client-chosen-secret-0123456789';
  const first = await Client.open(relay.url('/visitor'));
  first.send({ type: 'hello', role: 'visitor', handoff: HANDOFF, secret });
  const w1 = await first.next('welcome');
  assert.equal(w1.secret, undefined, 'a secret the client chose is not echoed');
  assert.equal(w1.resumed, false);
  await first.terminate(); // as if the welcome had been lost with the connection

  const again = await Client.open(relay.url('/visitor'));
  again.send({ type: 'hello', role: 'visitor', handoff: HANDOFF, secret });
  const w2 = await again.next('welcome');
  assert.deepEqual([w2.conversation, w2.resumed], [w1.conversation, true]);
  const agent = await newAgent(relay, 'Gil');
  const q = await agent.next('queue');
  assert.equal(q.conversations.filter((c) => c.conversation === w1.conversation).length, 1);

  const thief = await Client.open(relay.url('/visitor'));
  thief.send({ type: 'hello', role: 'visitor', conversation: w1.conversation, secret: 'client-chosen-secret-0123456780' });
  assert.equal((await withTimeout(thief.closed, 3000, 'close')).code, 4401);
  const weak = await Client.open(relay.url('/visitor'));
  weak.send({ type: 'hello', role: 'visitor', handoff: HANDOFF, secret: 'short' });
  assert.equal((await weak.next('error')).message, '"secret" must be 22-128 characters of A-Z a-z 0-9 _ -');
  await again.close();
  await agent.close();
});

test('an agent with a wrong token is refused and sees nothing', { timeout: 10000 }, async () => {
  const a = await Client.open(relay.url('/agent'), { origin: null });
  a.send({ type: 'hello', role: 'agent', token: TOKEN + 'x', name: 'Mallory' });
  const e = await a.next('error');
  assert.equal(e.code, 'bad_token');
  assert.equal((await withTimeout(a.closed, 3000, 'close')).code, 4401);
  assert.equal(a.all('queue').length, 0);

  const b = await Client.open(relay.url('/agent'), { origin: null });
  b.send({ type: 'accept', conversation: 'AAAAAAAAAAAAAAAA' });
  assert.equal((await b.next('error')).code, 'hello_required');
  assert.equal((await withTimeout(b.closed, 3000, 'close')).code, 4400);
});

test('a visitor page from an origin not on the allowlist cannot connect', { timeout: 10000 }, async () => {
  await assert.rejects(Client.open(relay.url('/visitor'), { origin: 'https://evil.example' }), { status: 403 });
  await assert.rejects(Client.open(relay.url('/visitor'), { origin: null }), { status: 403 });
  await assert.rejects(Client.open(relay.url('/agent'), { origin: 'https://evil.example' }), { status: 403 });
});

test('rate limit, message length and a closed-to-visitor error carry the message id', { timeout: 15000 }, async () => {
  const v = await newVisitor(relay);
  for (let i = 1; i <= 5; i++) {
    v.client.send({ type: 'message', id: `rl-${i}`, text: `m${i}` });
    await v.client.next((f) => f.type === 'ack' && f.id === `rl-${i}`);
  }
  v.client.send({ type: 'message', id: 'rl-6', text: 'one too many' });
  const e = await v.client.next('error');
  assert.deepEqual([e.code, e.id], ['rate_limited', 'rl-6']);
  assert.ok(e.retryAfterMs > 0 && e.retryAfterMs <= 60000);
  v.client.send({ type: 'message', id: 'rl-1', text: 'm1' });
  assert.equal((await v.client.next((f) => f.type === 'ack' && f.id === 'rl-1')).duplicate, true, 'a retry of a stored message is still acknowledged');

  const w = await newVisitor(relay);
  w.client.send({ type: 'message', id: 'long', text: 'x'.repeat(2001) });
  const e2 = await w.client.next('error');
  assert.deepEqual([e2.code, e2.id, e2.message], ['too_long', 'long', '"text" is 2001 characters; the limit is 2000']);
  w.client.send({ type: 'bogus' });
  assert.equal((await w.client.next((f) => f.type === 'error' && f.code === 'unknown_type')).message, 'unknown visitor frame type "bogus"');
  await v.client.close();
  await w.client.close();
});

test('leave a message: stored, acknowledged, shown to agents as message_left', { timeout: 10000 }, async () => {
  const v = await newVisitor(relay);
  await v.client.next('no_agent');
  v.client.send({ type: 'leave_message', id: 'lm-1', text: 'please call me back', contact: 'me@example.com' });
  const ack = await v.client.next('ack');
  assert.equal(ack.id, 'lm-1');
  const agent = await newAgent(relay, 'Di');
  const q = await agent.next('queue');
  assert.equal(q.conversations.find((c) => c.conversation === v.conversation)?.state, 'message_left');
  agent.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  const lm = await agent.next('leave_message');
  assert.deepEqual([lm.text, lm.contact], ['please call me back', 'me@example.com']);
  await v.client.close();
  await agent.close();
});

test('visitors and agents that drop right after their hello are forgotten (bounded memory)', { timeout: 15000 }, async () => {
  const health = async () => (await (await fetch(`${relay.http}/healthz`)).json());
  const before = await health();
  for (let i = 0; i < 30; i++) {
    const v = await Client.open(relay.url('/visitor'));
    v.send({ type: 'hello', role: 'visitor', handoff: HANDOFF });
    v.ws.terminate();
    const a = await Client.open(relay.url('/agent'), { origin: null });
    a.send({ type: 'hello', role: 'agent', token: TOKEN, name: `Ghost ${i}` });
    a.ws.terminate();
  }
  await new Promise((r) => setTimeout(r, 500));
  const after = await health();
  assert.deepEqual([after.visitors, after.agents], [before.visitors, before.agents]);
});

test('the agent console is served under a strict CSP with no inline script or style', { timeout: 10000 }, async () => {
  const res = await fetch(`${relay.http}/console/`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /style-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler attributes');
  const js = fs.readFileSync(path.join(ROOT, 'relay', 'console', 'console.js'), 'utf8');
  assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, 'console renders text with textContent only');
  assert.equal((await fetch(`${relay.http}/console/../server.mjs`)).status, 404);
});
