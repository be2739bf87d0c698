// Availability: GET /api/availability (CORS per --allow-origin) and the WebSocket availability
// frame, per team: offline, open, busy (all at max_chats or away), closed_hours with nextOpen from
// per-team hours; an unknown team is the default team.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startRelay, Client, newVisitor, tmpDir, addAccount, signIn, until, ORIGIN } from './helpers.mjs';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
let dir;
let relay;
const pw = {};
before(async () => {
  dir = tmpDir();
  const where = ['--db', path.join(dir, 'r.db')];
  pw.c1 = addAccount(where, 'c1', { teams: 'care', maxChats: 1 });
  pw.g = addAccount(where, 'g', { maxChats: 1 }); // no teams: serves every team
  const otherDay = DAYS[(new Date().getUTCDay() + 3) % 7]; // never today
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--conversations-per-minute', '0',
    '--team-hours', `night=${otherDay} 10:00-11:00 Europe/Madrid`] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

const ask = async (q, origin = ORIGIN) => {
  const res = await fetch(`${relay.http}/api/availability${q}`, { headers: origin ? { origin } : {} });
  return { status: res.status, cors: res.headers.get('access-control-allow-origin'), body: await res.json() };
};

test('HTTP availability per team: offline, open, busy, away; CORS only for allowed origins', { timeout: 20000 }, async () => {
  let r = await ask('?team=care&pack=retail-en');
  assert.equal(r.status, 200);
  assert.equal(r.cors, ORIGIN);
  assert.deepEqual(r.body, { open: false, reason: 'offline', team: 'care', agentsOnline: 0, queue: 0, nextOpen: null });
  assert.equal((await ask('?team=care', 'https://evil.example')).status, 403);
  const server = await ask('?team=care', null);
  assert.deepEqual([server.status, server.cors], [200, null], 'a server may ask without an Origin; no CORS header');

  const { client: c1 } = await signIn(relay, 'c1', pw.c1);
  await until(async () => (await ask('?team=care')).body.open, 3000, 'open once c1 is online');
  assert.deepEqual((await ask('?team=care')).body, { open: true, reason: null, team: 'care', agentsOnline: 1, queue: 0, nextOpen: null });
  assert.equal((await ask('?team=nosuchteam')).body.team, 'default', 'an unknown team is the default team');

  const v = await newVisitor(relay, { transcript: [], team: 'care' });
  await v.client.next('agent_joined');
  assert.deepEqual((await ask('?team=care')).body, { open: false, reason: 'busy', team: 'care', agentsOnline: 1, queue: 0, nextOpen: null });
  const w = await newVisitor(relay, { transcript: [], team: 'care' });
  assert.deepEqual(await w.client.next('queued'), { type: 'queued', position: 1, team: 'care' }, 'busy: the visitor may wait');
  assert.equal((await ask('?team=care')).body.queue, 1);

  for (const x of [v, w]) { x.client.send({ type: 'close', id: 'c' }); await x.client.next('ack'); await x.client.close(); }
  c1.send({ type: 'presence', status: 'away' });
  await c1.next('presence');
  assert.deepEqual((await ask('?team=care')).body, { open: false, reason: 'busy', team: 'care', agentsOnline: 0, queue: 0, nextOpen: null });
  await c1.close();
});

test('per-team hours: closed_hours with the next opening time, over HTTP and as a frame before hello', { timeout: 10000 }, async () => {
  const r = await ask('?team=night');
  assert.equal(r.body.reason, 'closed_hours');
  assert.equal(r.body.open, false);
  assert.ok(r.body.nextOpen > Date.now() && r.body.nextOpen < Date.now() + 8 * 86400000, `nextOpen ${r.body.nextOpen}`);
  assert.equal(new Date(r.body.nextOpen).getUTCMinutes(), 0);

  const v = await Client.open(relay.url('/visitor'));
  v.send({ type: 'availability', team: 'night' });
  const a = await v.next('availability');
  assert.deepEqual(a, { type: 'availability', ...r.body });
  v.send({ type: 'availability', team: 'care' });
  assert.equal((await v.next('availability')).reason, 'offline');
  v.send({ type: 'hello', role: 'visitor', handoff: { transcript: [], team: 'night' } });
  const wel = await v.next('welcome');
  assert.equal(wel.team, 'night');
  assert.deepEqual(await v.next('no_agent'), { type: 'no_agent', reason: 'closed_hours' });
  v.send({ type: 'close', id: 'c' });
  await v.next('ack');
  await v.close();
});

test('an agent with no teams serves every team, the default one included', { timeout: 10000 }, async () => {
  assert.equal((await ask('?team=care')).body.reason, 'offline');
  const { client: g } = await signIn(relay, 'g', pw.g);
  await until(async () => (await ask('?team=care')).body.open && (await ask('?team=nosuchteam')).body.open, 3000, 'g counts for care and default');
  const v = await newVisitor(relay, { transcript: [], team: 'nosuchteam' });
  assert.equal(v.welcome.team, 'default');
  await g.next((f) => f.type === 'assigned' && f.conversation === v.conversation);
  v.client.send({ type: 'close', id: 'c' });
  await v.client.next('ack');
  await Promise.all([v.client.close(), g.close()]);
});
