// Two relay instances sharing state through a private Redis: visitor on A, agent on B; A is
// stopped mid-conversation, the visitor resumes on B and nothing is lost or duplicated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { startRelay, Client, newVisitor, newAgent, tmpDir, freePort, withTimeout, redisServerPath, WebSocket, ORIGIN, HANDOFF, addAccount, signIn, sleep } from './helpers.mjs';
import { createChannel } from '../../web/channels/index.js';
import { SqliteStore } from '../../relay/src/store-sqlite.mjs';
import { RedisStore } from '../../relay/src/store-redis.mjs';

const REDIS = redisServerPath();
let redis;
let dir;
let url;

before(async () => {
  if (!REDIS) return;
  dir = tmpDir('attune-redis-');
  const port = await freePort();
  redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await withTimeout(new Promise((resolve, reject) => {
    redis.stdout.on('data', (d) => { out += d; if (out.includes('Ready to accept connections')) resolve(); });
    redis.once('exit', (c) => reject(new Error(`redis-server exited with ${c}: ${out}`)));
  }), 10000, 'redis-server start');
  url = `redis://127.0.0.1:${port}/0`;
});

after(async () => {
  if (redis && redis.exitCode === null) {
    const gone = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGTERM');
    await withTimeout(gone, 5000, 'redis-server stop');
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('two instances over Redis: A stopped mid-conversation, the visitor continues on B', {
  timeout: 30000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}:`;
  const args = ['--redis', url, '--redis-prefix', prefix, '--conversations-per-minute', '0'];
  const A = await startRelay({ args: [...args, '--instance', 'A'] });
  const B = await startRelay({ args: [...args, '--instance', 'B'] });
  try {
    const agent = await newAgent(B, 'Bea');
    const v = await newVisitor(A);
    assert.equal(v.welcome.instance, 'A');
    await v.client.next('queued', 'A sees the agent on B as online');

    const q = await agent.next((f) => f.type === 'queue' && f.conversations.some((c) => c.conversation === v.conversation), 'B lists the conversation made on A');
    assert.equal(q.conversations.find((c) => c.conversation === v.conversation).summary.distress, 0.82);
    agent.send({ type: 'accept', conversation: v.conversation });
    await v.client.next('agent_joined', 'join crosses from B to A');

    v.client.send({ type: 'message', id: 'v1', text: 'from A', suggestions: ['Sure.'] });
    await v.client.next((f) => f.type === 'ack' && f.id === 'v1');
    assert.equal((await agent.next((f) => f.type === 'message' && f.id === 'v1', 'A -> B')).text, 'from A');
    agent.send({ type: 'message', conversation: v.conversation, id: 'a1', text: 'from B' });
    const a1 = await v.client.next((f) => f.type === 'message' && f.id === 'a1', 'B -> A');

    await A.stop();
    const closed = await withTimeout(v.client.closed, 5000, 'visitor socket closed by A');
    assert.equal(closed.code, 1012, 'A tells its clients it is restarting');

    // While the visitor is between instances, the agent keeps talking.
    agent.send({ type: 'message', conversation: v.conversation, id: 'a2', text: 'still here' });
    await agent.next((f) => f.type === 'ack' && f.id === 'a2');

    const back = await Client.open(B.url('/visitor'));
    back.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: a1.seq });
    const w = await back.next('welcome');
    assert.deepEqual([w.instance, w.resumed, w.state], ['B', true, 'assigned']);
    await back.next((f) => f.type === 'message' && f.id === 'a2', 'missed message replayed by B');

    // A retry of v1 (its ack might have been lost) is de-duplicated across instances.
    back.send({ type: 'message', id: 'v1', text: 'from A', suggestions: ['Sure.'] });
    assert.equal((await back.next((f) => f.type === 'ack' && f.id === 'v1')).duplicate, true);
    back.send({ type: 'message', id: 'v2', text: 'from B now' });
    await back.next((f) => f.type === 'ack' && f.id === 'v2');
    await agent.next((f) => f.type === 'message' && f.id === 'v2');
    agent.send({ type: 'message', conversation: v.conversation, id: 'a3', text: 'same instance now' });
    await back.next((f) => f.type === 'message' && f.id === 'a3');

    // The whole stored conversation, as an agent re-opening it sees it: each message exactly once.
    const check = await newAgent(B, 'Auditor');
    check.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
    await check.next((f) => f.type === 'message' && f.id === 'a3', 'full transcript');
    assert.deepEqual(check.all('message').map((f) => `${f.from}:${f.id}`), ['visitor:v1', 'agent:a1', 'agent:a2', 'visitor:v2', 'agent:a3']);
    const seqs = check.all((f) => f.seq !== undefined).map((f) => f.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'seqs are gapless and ordered');
    await Promise.all([back.close(), agent.close(), check.close()]);
  } finally {
    await A.stop();
    await B.stop();
  }
});

test('the visitor message rate limit is shared by the instances', {
  timeout: 20000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}:`;
  const args = ['--redis', url, '--redis-prefix', prefix, '--conversations-per-minute', '0', '--messages-per-minute', '3'];
  const A = await startRelay({ args: [...args, '--instance', 'A'] });
  const B = await startRelay({ args: [...args, '--instance', 'B'] });
  try {
    const v = await newVisitor(A);
    for (const id of ['m1', 'm2']) {
      v.client.send({ type: 'message', id, text: id });
      await v.client.next((f) => f.type === 'ack' && f.id === id);
    }
    await v.client.close();
    const b = await Client.open(B.url('/visitor'));
    b.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: 0 });
    await b.next('welcome');
    b.send({ type: 'message', id: 'm3', text: 'm3' });
    await b.next((f) => f.type === 'ack' && f.id === 'm3');
    b.send({ type: 'message', id: 'm4', text: 'm4' });
    const e = await b.next('error');
    assert.deepEqual([e.code, e.id, e.message], ['rate_limited', 'm4', 'at most 3 messages per minute']);
    assert.ok(e.retryAfterMs > 50000 && e.retryAfterMs <= 60000, `retryAfterMs ${e.retryAfterMs}`);
    b.send({ type: 'message', id: 'm1', text: 'm1' });
    assert.equal((await b.next((f) => f.type === 'ack' && f.id === 'm1')).duplicate, true, 'a resend is acked even when the window is full');
    await b.close();
  } finally {
    await A.stop();
    await B.stop();
  }
});

test('the widget channel fails over by itself: instance A SIGKILLed, it resumes on B with nothing lost', {
  timeout: 30000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}:`;
  const args = ['--redis', url, '--redis-prefix', prefix, '--conversations-per-minute', '0'];
  const A = await startRelay({ args: [...args, '--instance', 'A'] });
  const B = await startRelay({ args: [...args, '--instance', 'B'] });
  const ch = createChannel({ type: 'websocket', url: [A.url('/visitor'), B.url('/visitor')], origin: ORIGIN, WebSocket, storage: null,
    backoff: { baseMs: 50, maxMs: 300 } });
  const got = [];
  const statuses = [];
  ch.on('message', (m) => got.push(m.id));
  ch.on('status', (s) => statuses.push(s.state));
  try {
    const agent = await newAgent(B, 'Bea');
    const { conversation } = await withTimeout(ch.connect(HANDOFF), 5000, 'connect to A');
    agent.send({ type: 'accept', conversation });
    await agent.next('conversation');
    await withTimeout(ch.send('before the crash'), 5000, 'ack from A');
    agent.send({ type: 'message', conversation, id: 'b1', text: 'hello from B' });
    await withTimeout((async () => { while (!got.includes('b1')) await new Promise((r) => setTimeout(r, 20)); })(), 5000, 'b1 via A');

    await A.kill9();
    const during = ch.send('typed while A was down'); // queued, then sent to B
    agent.send({ type: 'message', conversation, id: 'b2', text: 'are you still there?' });
    await agent.next((f) => f.type === 'ack' && f.id === 'b2');
    const { id } = await withTimeout(during, 10000, 'ack from B after failover');
    await agent.next((f) => f.type === 'message' && f.id === id, 'agent gets the queued message');
    await withTimeout((async () => { while (!got.includes('b2')) await new Promise((r) => setTimeout(r, 20)); })(), 5000, 'b2 via B');
    assert.deepEqual(got, ['b1', 'b2'], 'each agent message shown once');
    assert.ok(statuses.includes('reconnecting') && statuses.at(-1) === 'connected', statuses.join(' -> '));
    const audit = await newAgent(B, 'Audit');
    audit.send({ type: 'open', conversation, lastSeq: 0 });
    await audit.next((f) => f.type === 'message' && f.id === 'b2');
    await new Promise((r) => setTimeout(r, 100));
    const texts = audit.all('message').map((f) => f.text);
    assert.deepEqual([...texts].sort(), ['are you still there?', 'before the crash', 'hello from B', 'typed while A was down'].sort(),
      'every message stored exactly once');
    await ch.close();
    await Promise.all([agent.close(), audit.close()]);
  } finally {
    await ch.close().catch(() => {});
    await A.stop().catch(() => {});
    await B.stop();
  }
});

test('routing over Redis: accounts from the CLI, a visitor on A assigned to an agent on B, positions and crisis across instances, transfer across', {
  timeout: 30000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}:`;
  const where = ['--redis', url, '--redis-prefix', prefix];
  const pw = { b1: addAccount(where, 'b1', { teams: 'care', maxChats: 1 }), a2: addAccount(where, 'a2', { teams: 'care', maxChats: 1 }),
    boss: addAccount(where, 'boss', { role: 'admin', maxChats: 0 }) };
  const args = [...where, '--conversations-per-minute', '0'];
  const A = await startRelay({ args: [...args, '--instance', 'A'] });
  const B = await startRelay({ args: [...args, '--instance', 'B'] });
  try {
    const { client: b1 } = await signIn(B, 'b1', pw.b1);
    const v1 = await newVisitor(A, { transcript: [], team: 'care' });
    await b1.next((f) => f.type === 'assigned' && f.conversation === v1.conversation, 'B agent gets A visitor');
    assert.deepEqual((await v1.client.next('agent_joined')).agent, { name: 'b1' });
    const v2 = await newVisitor(A, { transcript: [], team: 'care' });
    assert.deepEqual(await v2.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
    const v3 = await newVisitor(B, { transcript: [], team: 'care', priority: 'crisis' });
    assert.deepEqual(await v3.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
    await v2.client.next((f) => f.type === 'queued' && f.position === 2, 'A visitor moved back behind the crisis on B');
    await b1.next((f) => f.type === 'alert' && f.conversation === v3.conversation, 'crisis alert crosses instances');

    const { client: boss } = await signIn(A, 'boss', pw.boss);
    boss.send({ type: 'queue_page', id: 'q' });
    const q = await boss.next((f) => f.type === 'queue' && f.id === 'q');
    assert.deepEqual(q.items.map((c) => c.conversation), [v3.conversation, v2.conversation]);
    assert.deepEqual(q.assigned.map((c) => [c.conversation, c.agent.id]), [[v1.conversation, 'b1']]);

    // A second care agent on A takes the crisis first.
    const { client: a2 } = await signIn(A, 'a2', pw.a2);
    await a2.next((f) => f.type === 'assigned' && f.conversation === v3.conversation);
    await v2.client.next((f) => f.type === 'queued' && f.position === 1);
    // The admin on A hands the crisis (a2's, on A) to b1 on B by name: a2 is free again, and v2
    // the only visitor waiting, so a2 takes v2. (Asserting on anything else raced the routing pass.)
    boss.send({ type: 'transfer', conversation: v3.conversation, to: { agent: 'b1' }, id: 't2' });
    await boss.next((f) => f.type === 'ack' && f.id === 't2');
    await b1.next((f) => f.type === 'assigned' && f.conversation === v3.conversation && f.reason === 'transfer', 'transfer by name to B');
    assert.deepEqual((await v3.client.next('transferred')).to, { name: 'b1' });
    await a2.next((f) => f.type === 'assigned' && f.conversation === v2.conversation, 'a2 (free again) takes v2');
    // Then b1's first chat goes back to the team while nobody is free. It keeps v1's original
    // wait: v4, who came later, stays behind it, and a2, once done with v2, takes v1.
    const v4 = await newVisitor(B, { transcript: [], team: 'care' });
    assert.deepEqual(await v4.client.next('queued'), { type: 'queued', position: 1, team: 'care' });
    boss.send({ type: 'transfer', conversation: v1.conversation, to: { team: 'care' }, id: 't1' });
    await boss.next((f) => f.type === 'ack' && f.id === 't1');
    assert.deepEqual((await v1.client.next('transferred')).to, { team: 'care' });
    a2.send({ type: 'close', conversation: v2.conversation, id: 'c2' });
    await v1.client.next((f) => f.type === 'agent_joined' && f.agent.name === 'a2', 'a2 takes v1, waiting longest');
    await a2.next((f) => f.type === 'assigned' && f.conversation === v1.conversation);
    assert.equal(v4.client.all('agent_joined').length, 0);
    for (const v of [v1, v2, v3, v4]) await v.client.close();
    await Promise.all([b1.close(), a2.close(), boss.close()]);
  } finally {
    await A.stop();
    await B.stop();
  }
});

test('presence over Redis is per agent and instance, with expiry: a stale socket on A does not make the agent offline; a dead instance does, after the grace', {
  timeout: 30000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}:`;
  const where = ['--redis', url, '--redis-prefix', prefix];
  const pw = { p: addAccount(where, 'p', { teams: 'care', maxChats: 1 }) };
  const args = [...where, '--conversations-per-minute', '0', '--agent-grace-ms', '900'];
  const A = await startRelay({ args: [...args, '--instance', 'A'] });
  const B = await startRelay({ args: [...args, '--instance', 'B'] });
  try {
    const { client: onA, welcome } = await signIn(A, 'p', pw.p);
    const { client: onB } = await signIn(B, null, null, { session: welcome.session });
    const chat = await newVisitor(B, { transcript: [], team: 'care' });
    await chat.client.next('agent_joined');
    const waiting = await newVisitor(B, { transcript: [], team: 'care' });
    assert.deepEqual(await waiting.client.next('queued'), { type: 'queued', position: 1, team: 'care' });

    await onA.terminate(); // A loses its socket for p; p is still on B
    await sleep(1500);
    assert.equal(waiting.client.all('no_agent').length, 0, 'no visitor is told no agent is online');
    assert.equal(chat.client.all('agent_left').length, 0, 'nothing is requeued');
    const avail = await (await fetch(`${A.http}/api/availability?team=care`, { headers: { origin: ORIGIN } })).json();
    assert.deepEqual([avail.agentsOnline, avail.reason], [1, 'busy'], 'A still counts p online (and at max_chats)');

    // p's only socket is now on a relay that dies without a word: its presence expires.
    const C = await startRelay({ args: [...args, '--instance', 'C'] });
    await signIn(C, null, null, { session: welcome.session });
    await onB.close();
    await C.kill9();
    const left = await chat.client.next('agent_left', 'requeued after presence expiry and grace', 8000);
    assert.equal(left.requeued, true);
    assert.deepEqual(await waiting.client.next('no_agent', 'told offline', 5000), { type: 'no_agent', reason: 'offline' });
    for (const v of [chat, waiting]) await v.client.close();
  } finally {
    await A.stop();
    await B.stop();
  }
});

test('store parity: SQLite and Redis page queues identically (teams, bands, newest first, cursors) and count assignments alike', {
  timeout: 20000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const sq = new SqliteStore(`${dir}/parity.db`);
  const rd = new RedisStore(url, `t${crypto.randomBytes(4).toString('hex')}:`);
  await rd.init();
  try {
    const convs = [];
    for (let i = 0; i < 60; i++) {
      convs.push({ id: `c${String(i).padStart(2, '0')}`, team: ['a', 'b', 'c'][i % 3], priority: ['normal', 'high', 'normal', 'crisis', 'normal'][i % 5],
        at: 1_700_000_000_000 + Math.floor(i / 2) * 1000 }); // pairs share a millisecond: the id breaks the tie
    }
    for (const s of [sq, rd]) {
      for (const c of convs) await s.createConversation({ id: c.id, secretHash: 'h', handoff: { transcript: [] }, origin: null, at: c.at, team: c.team, priority: c.priority, ip: '1.2.3.4' });
      await s.transition('c05', { from: ['queued'] }, { state: 'assigned', agentId: 'ana', agentName: 'Ana', at: 2 });
      await s.transition('c07', { from: ['queued'] }, { state: 'message_left', at: 2 });
      await s.transition('c09', { from: ['queued'] }, { state: 'closed', at: 2 });
      assert.equal(await s.transition('c09', { from: ['queued'] }, { state: 'assigned', agentId: 'bo', agentName: 'Bo', at: 3 }), false);
    }
    const band = { crisis: 0, high: 1, normal: 2 };
    const expected = (teams) => convs.filter((c) => !['c05', 'c07', 'c09'].includes(c.id) && (!teams || teams.includes(c.team)))
      .sort((x, y) => band[x.priority] - band[y.priority] || y.at - x.at || (x.id < y.id ? 1 : -1)).map((c) => c.id);
    for (const teams of [null, ['a', 'b'], ['c']]) {
      for (const s of [sq, rd]) {
        const seen = [];
        let next = null;
        let total;
        do {
          const p = await s.page('queued', teams, next, 7);
          seen.push(...p.items.map((c) => c.id));
          total = p.total;
          next = p.next;
        } while (next);
        assert.deepEqual(seen, expected(teams), `${s.constructor.name} teams=${teams}`);
        assert.equal(total, expected(teams).length);
      }
    }
    // A conversation stored by a relay from before routing (no team, listed in `open`) is indexed on start.
    await rd.redis.hset(rd.k('old1'), 'id', 'old1', 'secretHash', 'h', 'handoff', '{"transcript":[]}', 'origin', '', 'state', 'queued',
      'agentId', '', 'agentName', '', 'createdAt', 5, 'updatedAt', 5, 'lastSeq', 0);
    await rd.redis.zadd(rd.p + 'open', 5, 'old1');
    const again = new RedisStore(url, rd.p);
    await again.init();
    assert.equal((await again.queueOrder('default')).at(-1), 'old1');
    assert.equal(await again.redis.exists(rd.p + 'open'), 0);
    await again.close();
    await rd.transition('old1', {}, { state: 'closed' });
    for (const s of [sq, rd]) {
      assert.deepEqual([...await s.assignedCounts()], [['ana', 1]]);
      assert.deepEqual((await s.page('message_left', null, null, 10)).items.map((c) => c.id), ['c07']);
      assert.equal(await s.queuedFromIp('1.2.3.4'), 57);
      assert.deepEqual((await s.dispatchOrder('a', 3)).map((c) => c.id), ['c03', 'c18', 'c33']);
      assert.equal((await s.queueOrder('a')).length, 19);
    }
  } finally {
    await sq.close();
    await rd.close();
  }
});
