// Fault test: the relay is killed with SIGKILL while a conversation is in full flow, then
// restarted on the same SQLite file. Every acknowledged message survives, and once the clients
// resend what was not acknowledged (same ids, as the channel does), each message is stored once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startRelay, Client, newVisitor, newAgent, tmpDir, withTimeout } from './helpers.mjs';

test('SIGKILL mid-conversation: no acknowledged message lost, none duplicated after resend', { timeout: 40000 }, async () => {
  const dir = tmpDir();
  const db = path.join(dir, 'relay.db');
  const args = ['--messages-per-minute', '1000', '--conversations-per-minute', '0'];
  let relay = await startRelay({ db, args });
  try {
    const agent = await newAgent(relay, 'Kai');
    const v = await newVisitor(relay);
    agent.send({ type: 'accept', conversation: v.conversation });
    await v.client.next('agent_joined');

    const N = 200;
    const sentV = [];
    const sentA = [];
    // Fire messages from both sides without waiting, and kill the relay while they are in flight.
    for (let i = 0; i < N; i++) {
      sentV.push(`v${i}`); v.client.send({ type: 'message', id: `v${i}`, text: `visitor ${i}` });
      sentA.push(`a${i}`); agent.send({ type: 'message', conversation: v.conversation, id: `a${i}`, text: `agent ${i}` });
      if (i === 60) await v.client.next((f) => f.type === 'ack' && f.id === 'v30', 'some acks before the kill', 10000);
      if (i === 120) await relay.kill9();
    }
    const ackedV = new Set(v.client.all('ack').map((f) => f.id));
    const ackedA = new Set(agent.all('ack').map((f) => f.id));
    console.log(`acked before the kill: visitor ${ackedV.size}/${N}, agent ${ackedA.size}/${N}`);
    assert.ok(ackedV.size > 0 && ackedV.size < N, `the kill landed mid-flow (${ackedV.size} of ${N} visitor messages acked)`);

    relay = await startRelay({ db, port: relay.port, args });
    const v2 = await Client.open(relay.url('/visitor'));
    v2.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: 0 });
    await v2.next('welcome');
    const a2 = await newAgent(relay, 'Kai');
    a2.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
    await a2.next('conversation');

    // Resend everything that was not acknowledged, with the same ids.
    for (const id of sentV) if (!ackedV.has(id)) v2.send({ type: 'message', id, text: `visitor ${id.slice(1)}` });
    for (const id of sentA) if (!ackedA.has(id)) a2.send({ type: 'message', conversation: v.conversation, id, text: `agent ${id.slice(1)}` });
    await v2.next((f) => f.type === 'ack' && f.id === sentV.filter((id) => !ackedV.has(id)).at(-1), 'resent visitor messages acked', 15000);
    await a2.next((f) => f.type === 'ack' && f.id === sentA.filter((id) => !ackedA.has(id)).at(-1), 'resent agent messages acked', 15000);

    const audit = await newAgent(relay, 'Audit');
    audit.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
    await audit.next((f) => f.type === 'message' && f.id === sentA.at(-1), 'full transcript after restart', 10000);
    await new Promise((r) => setTimeout(r, 200));
    const ids = audit.all('message').map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, 'no message stored twice');
    assert.deepEqual(new Set(ids), new Set([...sentV, ...sentA]), 'every message stored');
    for (const id of [...ackedV, ...ackedA]) assert.ok(ids.includes(id));
    const fromVisitor = audit.all('message').filter((f) => f.from === 'visitor').map((f) => Number(f.id.slice(1)));
    assert.deepEqual(fromVisitor, [...fromVisitor].sort((x, y) => x - y), 'visitor messages keep their order');
    await Promise.all([v2.close(), a2.close(), audit.close(), v.client.terminate().catch(() => {}), agent.terminate().catch(() => {})]);
  } finally {
    await relay.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
