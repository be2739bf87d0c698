// Routing and presence on one relay: team queues, auto-assignment to the least busy online agent
// under max_chats, queue positions told to visitors, crisis first (also when a live message turns
// into a crisis, with an alert to agents), away agents skipped, an agent gone past the grace
// requeued with the visitor told, transfers to an agent or a team.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startRelay, Client, newVisitor, tmpDir, withTimeout, addAccount, signIn, sleep, until, TOKEN } from './helpers.mjs';

let dir;
let relay;
const pw = {};
const H = (extra) => ({ transcript: [{ from: 'visitor', text: 'hi', at: 1 }], distress: 0.3, ...extra });

before(async () => {
  dir = tmpDir();
  const where = ['--db', path.join(dir, 'r.db')];
  pw.a1 = addAccount(where, 'a1', { teams: 'care', maxChats: 2 });
  pw.a2 = addAccount(where, 'a2', { teams: 'care', maxChats: 1 });
  pw.s1 = addAccount(where, 's1', { teams: 'sales', maxChats: 1 });
  pw.boss = addAccount(where, 'boss', { role: 'admin', maxChats: 0 });
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--conversations-per-minute', '0', '--agent-grace-ms', '1500'] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

/** The visitor goes back to the bot and leaves: nothing of this test stays queued for the next. */
async function bye(v) {
  v.client.send({ type: 'close', id: 'bye' });
  await v.client.next((f) => f.type === 'ack' && f.id === 'bye');
  await v.client.close();
}

async function closeAll(agent, convs) {
  for (const c of convs) {
    agent.send({ type: 'close', conversation: c, id: `close-${c}` });
    await agent.next((f) => f.type === 'ack' && f.id === `close-${c}`);
  }
}

test('least busy agent of the team under max_chats; the rest queue with their position; crisis first', { timeout: 30000 }, async () => {
  const { client: a1 } = await signIn(relay, 'a1', pw.a1);
  const { client: a2 } = await signIn(relay, 'a2', pw.a2);
  const { client: s1 } = await signIn(relay, 's1', pw.s1);
  const vs = [];
  for (let i = 0; i < 3; i++) {
    vs.push(await newVisitor(relay, H({ team: 'care' })));
    await vs[i].client.next('agent_joined', `care visitor ${i} assigned`);
  }
  // 3 chats over a1 (max 2) and a2 (max 1): each agent was given the least busy slot.
  await until(() => a1.all('assigned').length + a2.all('assigned').length === 3, 3000, 'agents told of 3 assignments');
  const got1 = a1.all('assigned').map((f) => f.conversation);
  const got2 = a2.all('assigned').map((f) => f.conversation);
  assert.deepEqual([got1.length, got2.length], [2, 1]);
  const sales = await newVisitor(relay, H({ team: 'sales' }));
  await s1.next((f) => f.type === 'assigned' && f.conversation === sales.conversation, 'sales goes to the sales agent');
  assert.equal(a1.all('assigned').length + a2.all('assigned').length, 3, 'care agents do not get sales');

  // Everyone in care is full: new visitors wait, told their place; crisis jumps ahead.
  const normal = await newVisitor(relay, H({ team: 'care' }));
  assert.deepEqual(await normal.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
  const high = await newVisitor(relay, H({ team: 'care', priority: 'high' }));
  assert.deepEqual(await high.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
  await normal.client.next((f) => f.type === 'queued' && f.position === 2, 'normal moves back behind high');
  const crisis = await newVisitor(relay, H({ team: 'care', reasons: [{ name: 'crisis', weight: 1 }] }));
  assert.deepEqual(await crisis.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
  const alert = await a1.next((f) => f.type === 'alert' && f.conversation === crisis.conversation, 'crisis handoff alerts the team');
  assert.equal(alert.kind, 'crisis');
  await normal.client.next((f) => f.type === 'queued' && f.position === 3);
  await a2.next('alert');
  assert.equal(s1.all('alert').length, 0, 'another team is not alerted');

  // Queue list for agents: band first, newest first within a band, paged.
  a1.send({ type: 'queue_page', limit: 2, id: 'p1' });
  const p1 = await a1.next((f) => f.type === 'queue' && f.id === 'p1');
  assert.deepEqual(p1.items.map((c) => [c.conversation, c.priority]), [[crisis.conversation, 'crisis'], [high.conversation, 'high']]);
  assert.equal(p1.total, 3);
  a1.send({ type: 'queue_page', before: p1.next, limit: 2, id: 'p2' });
  const p2 = await a1.next((f) => f.type === 'queue' && f.id === 'p2');
  assert.deepEqual([p2.items.map((c) => c.conversation), p2.next], [[normal.conversation], null]);
  s1.send({ type: 'queue_page', id: 's' });
  assert.deepEqual((await s1.next((f) => f.type === 'queue' && f.id === 's')).total, 0, 'sales sees only sales');

  // A slot frees: the crisis conversation is assigned first, then high.
  await closeAll(a2, got2);
  await crisis.client.next('agent_joined', 'crisis assigned first');
  assert.equal(high.client.all('agent_joined').length, 0);
  await high.client.next((f) => f.type === 'queued' && f.position === 1);
  await closeAll(a1, got1.slice(0, 1));
  await high.client.next('agent_joined');
  await normal.client.next((f) => f.type === 'queued' && f.position === 1);

  for (const v of [...vs, sales, normal, high, crisis]) await bye(v);
  for (const c of [a1, a2, s1]) await c.close();
});

test('a live message with affect.crisis raises the priority, alerts agents, and its affect is stored and forwarded', { timeout: 20000 }, async () => {
  const boss = await signIn(relay, 'boss', pw.boss); // admin with max_chats 0: sees all, never auto-assigned
  const v = await newVisitor(relay, H({ team: 'sales' }));
  await v.client.next('queued');
  const affect = { distress: 0.95, valence: -0.9, crisis: true, crisisKind: 'self_harm', language: 'en',
    reasons: [{ name: 'crisis', weight: 1, evidence: '[redacted]' }] };
  v.client.send({ type: 'message', id: 'm1', text: 'I do not want to live', affect });
  await v.client.next((f) => f.type === 'ack' && f.id === 'm1');
  const alert = await boss.client.next((f) => f.type === 'alert' && f.conversation === v.conversation);
  assert.deepEqual([alert.kind, alert.crisisKind, alert.team], ['crisis', 'self_harm', 'sales']);
  const q = await boss.client.next((f) => f.type === 'queue' && f.items.some((c) => c.conversation === v.conversation && c.priority === 'crisis'));
  const item = q.items.find((c) => c.conversation === v.conversation);
  assert.deepEqual([item.summary.maxDistress, item.summary.turns, item.distress], [0.95, 2, 0.95]);
  assert.deepEqual(item.summary.reasons.filter((r) => r.turn === 2).map((r) => r.name), ['crisis', 'crisis']);
  boss.client.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  const m = await boss.client.next((f) => f.type === 'message' && f.id === 'm1');
  assert.deepEqual(m.affect, { ...affect, intent: null });
  const { client: s1 } = await signIn(relay, 's1', pw.s1);
  const live = await s1.next((f) => f.type === 'assigned' && f.conversation === v.conversation);
  assert.ok(live);
  v.client.send({ type: 'message', id: 'm2', text: 'still here', affect: { distress: 0.5 } });
  assert.deepEqual((await s1.next((f) => f.type === 'message' && f.id === 'm2')).affect,
    { distress: 0.5, valence: null, crisis: false, crisisKind: null, intent: null, language: null, reasons: [] });
  v.client.send({ type: 'message', id: 'm3', text: 'x', affect: { distress: 'high' } });
  assert.equal((await v.client.next((f) => f.type === 'error' && f.id === 'm3')).code, 'bad_request');
  await closeAll(s1, [v.conversation]);
  await Promise.all([boss.client.close(), s1.close(), v.client.close()]);
});

test('an away agent is skipped; back online, they are assigned', { timeout: 15000 }, async () => {
  const { client: s1 } = await signIn(relay, 's1', pw.s1);
  s1.send({ type: 'presence', status: 'away' });
  await s1.next((f) => f.type === 'presence' && f.status === 'away');
  const v = await newVisitor(relay, H({ team: 'sales' }));
  await v.client.next('queued');
  await sleep(300);
  assert.equal(s1.all('assigned').length, 0);
  s1.send({ type: 'queue' });
  const q = await s1.next((f) => f.type === 'queue' && f.agents.some((a) => a.id === 's1' && a.status === 'away'), 'presence listed per agent');
  assert.deepEqual(q.agents.find((a) => a.id === 's1'), { id: 's1', name: 's1', status: 'away', teams: ['sales'], chats: 0, maxChats: 1 });
  s1.send({ type: 'presence', status: 'online' });
  await s1.next((f) => f.type === 'assigned' && f.conversation === v.conversation);
  await s1.next((f) => f.type === 'queue' && f.agents.some((a) => a.id === 's1' && a.status === 'online' && a.chats === 1), 'chats counted');
  await closeAll(s1, [v.conversation]);
  await bye(v);
  await s1.close();
});

test('an agent gone past the grace: conversations requeued, visitor told (stored agent_left); a quick reload keeps them', { timeout: 20000 }, async () => {
  const { client: s1, welcome } = await signIn(relay, 's1', pw.s1);
  const v = await newVisitor(relay, H({ team: 'sales' }));
  await v.client.next('agent_joined');
  // A reload within the grace: nothing happens.
  await s1.terminate();
  await sleep(200);
  const { client: back } = await signIn(relay, null, null, { session: welcome.session });
  await sleep(1800); // longer than the grace: had the reload not counted, the chat would be requeued by now
  assert.equal(v.client.all('agent_left').length, 0, 'a reload within the grace does not requeue');
  // Gone for good.
  await back.terminate();
  const left = await v.client.next('agent_left', 'visitor told after the grace', 5000);
  assert.deepEqual([left.requeued, left.agent.name, typeof left.seq], [true, 's1', 'number']);
  assert.deepEqual(await v.client.next('no_agent'), { type: 'no_agent', reason: 'offline' }, 'and what happens now');
  const { client: s1b } = await signIn(relay, 's1', pw.s1);
  await s1b.next((f) => f.type === 'assigned' && f.conversation === v.conversation, 'reassigned when an agent of the team is back');
  await s1b.next((f) => f.type === 'agent_left' && f.conversation === v.conversation, 'the stored event is in the transcript');
  await closeAll(s1b, [v.conversation]);
  await bye(v);
  await s1b.close();
});

test('transfer: to an agent (stored, visitor told the name) and to a team (queued again); only admins or the assigned agent', { timeout: 20000 }, async () => {
  const { client: a1 } = await signIn(relay, 'a1', pw.a1);
  const v = await newVisitor(relay, H({ team: 'care' }));
  await a1.next((f) => f.type === 'assigned' && f.conversation === v.conversation);
  await v.client.next('agent_joined');
  const { client: s1 } = await signIn(relay, 's1', pw.s1);
  s1.send({ type: 'transfer', conversation: v.conversation, to: { agent: 's1' } });
  assert.equal((await s1.next('error')).code, 'forbidden');
  a1.send({ type: 'transfer', conversation: v.conversation, to: { agent: 's1' }, id: 't1' });
  await a1.next((f) => f.type === 'ack' && f.id === 't1');
  const t = await v.client.next('transferred');
  assert.deepEqual(t.to, { name: 's1' }, 'the visitor sees a name, not a login');
  assert.equal(t.by, undefined);
  await v.client.next((f) => f.type === 'agent_joined' && f.agent.name === 's1');
  await s1.next((f) => f.type === 'assigned' && f.conversation === v.conversation && f.reason === 'transfer');
  const stored = await s1.next((f) => f.type === 'transferred' && f.conversation === v.conversation);
  assert.deepEqual(stored.to, { agent: 's1', name: 's1' });
  a1.send({ type: 'message', conversation: v.conversation, id: 'late', text: 'x' });
  assert.equal((await a1.next((f) => f.type === 'error' && f.id === 'late')).code, 'not_assigned');

  const boss = await Client.open(relay.url('/agent'), { origin: null });
  boss.send({ type: 'hello', role: 'agent', account: 'admin', token: TOKEN });
  await boss.next('welcome');
  boss.send({ type: 'transfer', conversation: v.conversation, to: { team: 'care' } });
  const t2 = await v.client.next((f) => f.type === 'transferred' && f.to.team);
  assert.deepEqual(t2.to, { team: 'care' });
  await v.client.next((f) => f.type === 'agent_joined' && f.agent.name === 'a1', 'care picks it up again');
  await closeAll(a1, [v.conversation]);
  await Promise.all([a1.close(), s1.close(), boss.close(), v.client.close()]);
});
