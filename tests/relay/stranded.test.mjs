// Nobody stranded: queued conversations whose visitor left expire (visitor_gone) but left messages
// never do; a visitor closing after leaving a message keeps it; agents page through left messages
// and answer them; the queue is newest-first per band and paged with no blind spot; caps per
// conversation, per address and on waiting conversations per address; CSAT after the agent closed;
// the visitor identity HMAC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { startRelay, Client, newVisitor, newAgent, tmpDir, withTimeout, addAccount, signIn, sleep, ORIGIN, HANDOFF } from './helpers.mjs';

const SECRET = 'site-identity-secret';
let dir;
let relay;
const pw = {};
before(async () => {
  dir = tmpDir();
  const where = ['--db', path.join(dir, 'r.db')];
  pw.m = addAccount(where, 'm1', { teams: 'care', maxChats: 0 }); // answers by hand: nothing is auto-assigned to her
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--conversations-per-minute', '0', '--queue-expiry-ms', '800',
    '--agent-grace-ms', '600', '--identity-secret', SECRET] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

async function resume(r, v) {
  const c = await Client.open(r.url('/visitor'));
  c.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: 0 });
  return { c, w: await c.next('welcome') };
}

test('a queued conversation whose visitor left expires (visitor_gone); one still connected does not', { timeout: 15000 }, async () => {
  const gone = await newVisitor(relay, { transcript: [], team: 'care' });
  const here = await newVisitor(relay, { transcript: [], team: 'care' });
  await gone.client.terminate();
  await sleep(2000);
  const { c, w } = await resume(relay, gone);
  assert.equal(w.state, 'closed');
  const closed = await c.next('closed');
  assert.deepEqual([closed.reason, closed.returnToBot, closed.from], ['visitor_gone', true, 'relay']);
  assert.equal(here.client.all('closed').length, 0, 'the connected visitor still waits');
  const { c: c2, w: w2 } = await resume(relay, here);
  assert.equal(w2.state, 'queued');
  await Promise.all([c.close(), c2.close(), here.client.close()]);
});

test('a polling (webhook) visitor counts as present while it polls, and expires once it stops', { timeout: 15000 }, async () => {
  const { client: m } = await signIn(relay, 'm1', pw.m); // keeps care staffed, never auto-assigned
  const res = await fetch(`${relay.http}/api/conversations`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ handoff: { transcript: [], team: 'care' } }) });
  const { conversation, secret, availability } = await res.json();
  assert.deepEqual([availability.type, availability.team], ['queued', 'care'], 'm1 serves care (by hand): the visitor may wait');
  assert.ok(availability.position >= 1);
  const poll = async () => (await fetch(`${relay.http}/api/conversations/${conversation}/events?after=0`,
    { headers: { origin: ORIGIN, authorization: `Bearer ${secret}` } })).json();
  for (let i = 0; i < 10; i++) { assert.equal((await poll()).state, 'queued'); await sleep(200); }
  await sleep(2000);
  const after = await poll();
  assert.equal(after.state, 'closed');
  assert.equal(after.events.find((e) => e.type === 'closed').reason, 'visitor_gone');
  await m.close();
});

test('leave a message: survives the visitor closing and leaving; agents page the messages, answer and close', { timeout: 20000 }, async () => {
  const v = await newVisitor(relay, { transcript: [], team: 'care' });
  v.client.send({ type: 'leave_message', id: 'lm', text: 'call me back please', contact: 'me@example.org' });
  await v.client.next((f) => f.type === 'ack' && f.id === 'lm');
  v.client.send({ type: 'close', id: 'x' });
  const ack = await v.client.next((f) => f.type === 'ack' && f.id === 'x');
  assert.equal(ack.state, 'message_left', 'closing after leaving a message keeps the message');
  await v.client.close();
  await sleep(1500); // past the queue expiry: a left message does not expire

  const { client: m } = await signIn(relay, 'm1', pw.m);
  assert.ok((await m.next('queue')).messagesTotal >= 1, 'the queue frame counts waiting messages');
  m.send({ type: 'messages_page', id: 'mp', limit: 10 });
  const page = await m.next((f) => f.type === 'messages' && f.id === 'mp');
  const item = page.items.find((c) => c.conversation === v.conversation);
  assert.ok(item, 'listed under messages');
  assert.deepEqual([item.state, item.message.text, item.message.contact], ['message_left', 'call me back please', 'me@example.org']);
  m.send({ type: 'message', conversation: v.conversation, id: 'ans', text: 'Hi, we will call you at 5.' });
  await m.next((f) => f.type === 'ack' && f.id === 'ans');
  const { c, w } = await resume(relay, v);
  assert.equal(w.state, 'message_left');
  assert.equal((await c.next((f) => f.type === 'message' && f.id === 'ans')).text, 'Hi, we will call you at 5.', 'the visitor sees the answer on return');
  m.send({ type: 'close', conversation: v.conversation, id: 'done' });
  await m.next((f) => f.type === 'ack' && f.id === 'done');
  await c.next('closed');
  m.send({ type: 'messages_page', id: 'mp2' });
  assert.ok(!(await m.next((f) => f.type === 'messages' && f.id === 'mp2')).items.some((x) => x.conversation === v.conversation));
  await Promise.all([c.close(), m.close()]);
});

test('a left message taken by an agent who then goes away returns to the messages list, never to expiry', { timeout: 15000 }, async () => {
  const v = await newVisitor(relay, { transcript: [], team: 'care' });
  v.client.send({ type: 'leave_message', id: 'lm', text: 'ring me', contact: '+34 600 000 000' });
  await v.client.next((f) => f.type === 'ack' && f.id === 'lm');
  await v.client.close();
  const { client: m, welcome } = await signIn(relay, 'm1', pw.m);
  m.send({ type: 'accept', conversation: v.conversation });
  await m.next((f) => f.type === 'conversation' && f.conversation === v.conversation && f.state === 'assigned');
  await m.terminate();
  await sleep(2500); // past the grace, and past the queue expiry had it been queued
  const { client: back } = await signIn(relay, null, null, { session: welcome.session });
  back.send({ type: 'messages_page', id: 'mp' });
  const page = await back.next((f) => f.type === 'messages' && f.id === 'mp');
  assert.equal(page.items.find((c) => c.conversation === v.conversation)?.message.text, 'ring me');
  back.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  const left = await back.next((f) => f.type === 'agent_left' && f.conversation === v.conversation);
  assert.deepEqual([left.requeued, left.state], [false, 'message_left']);
  assert.equal(back.all((f) => f.type === 'closed' && f.conversation === v.conversation).length, 0);
  back.send({ type: 'close', conversation: v.conversation, id: 'done' });
  await back.next((f) => f.type === 'ack' && f.id === 'done');
  await back.close();
});

test('CSAT asked for and the conversation closed at once: the rating is still stored', { timeout: 10000 }, async () => {
  const agent = await newAgent(relay, 'Csat');
  const v = await newVisitor(relay);
  agent.send({ type: 'accept', conversation: v.conversation });
  await v.client.next('agent_joined');
  agent.send({ type: 'csat_request', conversation: v.conversation });
  agent.send({ type: 'close', conversation: v.conversation, id: 'c' });
  await v.client.next('csat_request');
  await v.client.next('closed');
  v.client.send({ type: 'csat', id: 'r1', score: 4, comment: 'ok' });
  await v.client.next((f) => f.type === 'ack' && f.id === 'r1');
  const audit = await newAgent(relay, 'Audit');
  audit.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  const csat = await audit.next('csat');
  assert.deepEqual([csat.score, csat.comment], [4, 'ok']);
  await Promise.all([agent.close(), audit.close(), v.client.close()]);
});

test('identity: a correct HMAC is verified, a wrong one is not, and the hash is never kept', { timeout: 10000 }, async () => {
  const hash = crypto.createHmac('sha256', SECRET).update('user-42').digest('hex');
  const good = await newVisitor(relay, { ...HANDOFF, identity: { name: 'Ana Real', email: 'ana@x.org', userId: 'user-42', hash } });
  const bad = await newVisitor(relay, { ...HANDOFF, identity: { name: 'Ana Fake', email: 'ana@x.org', userId: 'user-42', hash: 'ab'.repeat(32) } });
  const byEmail = await newVisitor(relay, { ...HANDOFF, identity: { email: 'b@x.org', hash: crypto.createHmac('sha256', SECRET).update('b@x.org').digest('hex') } });
  const agent = await newAgent(relay, 'Id');
  const q = await agent.next((f) => f.type === 'queue' && [good, bad, byEmail].every((v) => f.items.some((c) => c.conversation === v.conversation)));
  const item = (v) => q.items.find((c) => c.conversation === v.conversation);
  assert.deepEqual(item(good).identity, { name: 'Ana Real', email: 'ana@x.org', verified: true });
  assert.deepEqual(item(bad).identity, { name: 'Ana Fake', email: 'ana@x.org', verified: false });
  assert.equal(item(byEmail).identity.verified, true);
  agent.send({ type: 'open', conversation: good.conversation, lastSeq: 0 });
  const conv = await agent.next('conversation');
  assert.equal(conv.identity.verified, true);
  assert.ok(!JSON.stringify(conv).includes(hash), 'the hash is dropped');
  const raw = fs.readFileSync(path.join(dir, 'r.db')).toString('latin1') + (fs.existsSync(path.join(dir, 'r.db-wal')) ? fs.readFileSync(path.join(dir, 'r.db-wal')).toString('latin1') : '');
  assert.ok(!raw.includes(hash), 'not stored');
  for (const v of [good, bad, byEmail]) await v.client.close();
  await agent.close();
});

test('caps: sockets per conversation, sockets per address, waiting conversations per address', { timeout: 15000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'caps.db'), args: ['--conversations-per-minute', '0', '--max-sockets-per-conversation', '2',
    '--max-sockets-per-ip', '4', '--max-queued-per-ip', '2'] });
  try {
    const v = await newVisitor(r);
    const second = await resume(r, v);
    const third = await Client.open(r.url('/visitor'));
    third.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: 0 });
    assert.equal((await third.next('error')).code, 'rate_limited');
    assert.equal((await withTimeout(third.closed, 3000, 'close')).code, 4429);

    const w = await newVisitor(r); // the second waiting conversation from this address
    const c = await Client.open(r.url('/visitor'));
    c.send({ type: 'hello', role: 'visitor', handoff: HANDOFF });
    const e = await c.next('error');
    assert.deepEqual([e.code, e.message], ['rate_limited', 'at most 2 waiting conversations from one address']);
    assert.equal((await withTimeout(c.closed, 3000, 'close')).code, 4429);

    // Open sockets now: v, second, w = 3; a 4th is allowed, a 5th is refused.
    const fourth = await Client.open(r.url('/visitor'));
    const fifth = await Client.open(r.url('/visitor'));
    assert.equal((await fifth.next('error')).code, 'rate_limited');
    assert.equal((await withTimeout(fifth.closed, 3000, 'close')).code, 4429);
    // A visitor that went back to the bot frees its place in the waiting cap.
    w.client.send({ type: 'close', id: 'x' });
    await w.client.next('ack');
    await w.client.close();
    fourth.send({ type: 'hello', role: 'visitor', handoff: HANDOFF });
    await fourth.next('welcome');
    await Promise.all([v.client.close(), second.c.close(), fourth.close()]);
  } finally { await r.stop(); }
});

test('behind a proxy (--trust-proxy) the caps apply per forwarded address, not to the proxy', { timeout: 10000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'proxy.db'), args: ['--trust-proxy', '--max-sockets-per-ip', '1'] });
  try {
    const from = (ip) => Client.open(r.url('/visitor'), { headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    const a = await from('198.51.100.1');
    const b = await from('198.51.100.2');
    const a2 = await from('198.51.100.1');
    assert.equal((await a2.next('error')).code, 'rate_limited');
    await withTimeout(a2.closed, 3000, 'second socket from one forwarded address closed');
    assert.equal(b.all('error').length, 0);
    await Promise.all([a.close(), b.close()]);
  } finally { await r.stop(); }
});

test('the queue lists newest first per band and pages through everything: no blind spot after 100 abandoned', { timeout: 30000 }, async () => {
  const r = await startRelay({ db: path.join(dir, 'many.db'), args: ['--conversations-per-minute', '0'] });
  try {
    const made = [];
    for (let i = 0; i < 130; i++) {
      const res = await fetch(`${r.http}/api/conversations`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ handoff: { transcript: [], priority: i === 5 ? 'high' : 'normal' } }) });
      made.push((await res.json()).conversation);
    }
    const agent = await newAgent(r, 'Pager');
    agent.send({ type: 'queue_page', id: 'p0', limit: 50 });
    let page = await agent.next((f) => f.type === 'queue' && f.id === 'p0');
    assert.equal(page.total, 130);
    assert.deepEqual(page.items.slice(0, 2).map((c) => c.conversation), [made[5], made[129]], 'high first, then the newest visitor');
    const seen = [...page.items.map((c) => c.conversation)];
    for (let n = 1; page.next; n++) {
      agent.send({ type: 'queue_page', id: `p${n}`, before: page.next, limit: 50 });
      page = await agent.next((f) => f.type === 'queue' && f.id === `p${n}`);
      seen.push(...page.items.map((c) => c.conversation));
    }
    assert.equal(seen.length, 130);
    assert.equal(new Set(seen).size, 130, 'every conversation exactly once');
    agent.send({ type: 'queue_page', id: 'bad', before: 'nonsense' });
    assert.equal((await agent.next((f) => f.type === 'error' && f.id === 'bad')).code, 'bad_request');
    await agent.close();
  } finally { await r.stop(); }
});
