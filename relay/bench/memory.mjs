#!/usr/bin/env -S node --expose-gc
// Memory measurement (not a test): does the relay's memory stay bounded as messages flow?
// Runs the relay in this process (so the garbage collector can be forced before each reading),
// 100 visitors and one agent who answers everything, no rate limit, ROUNDS x 5000 visitor
// messages (each answered: two stored events). Prints JS heap after a full GC and RSS per round.
//
//   node --expose-gc relay/bench/memory.mjs [rounds, default 20]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { Relay } from '../src/relay.mjs';
import { SqliteStore } from '../src/store-sqlite.mjs';

if (typeof global.gc !== 'function') { console.error('run with: node --expose-gc relay/bench/memory.mjs'); process.exit(2); }
const ROUNDS = Number(process.argv[2] ?? 20);
setTimeout(() => { console.error('memory: hard time limit reached'); process.exit(2); }, 30000 + ROUNDS * 30000).unref();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-mem-'));
const TOKEN = 'memory-agent-token';
const relay = new Relay({ store: new SqliteStore(path.join(dir, 'm.db')), agentToken: TOKEN, allowOrigins: ['*'],
  limits: { messagesPerMinute: 0, conversationsPerMinutePerIp: 0, maxEvents: 1e6, maxSocketsPerIp: 0, maxQueuedPerIp: 0 } }); // every client is on loopback
const { port } = await relay.listen(0);
const open = (p) => new Promise((r) => { const ws = new WebSocket(`ws://127.0.0.1:${port}${p}`, { origin: 'http://bench' }); ws.once('open', () => r(ws)); });
const agent = await open('/agent');
agent.send(JSON.stringify({ type: 'hello', role: 'agent', token: TOKEN, name: 'Memory' }));
agent.on('message', (d) => {
  const f = JSON.parse(d);
  if (f.type === 'message' && f.from === 'visitor') agent.send(JSON.stringify({ type: 'message', conversation: f.conversation, id: `r${f.id}`, text: 'Thanks, on it.' }));
});
const visitors = [];
let acked = 0;
for (let i = 0; i < 100; i++) {
  const v = await open('/visitor');
  v.send(JSON.stringify({ type: 'hello', role: 'visitor', handoff: { transcript: [{ from: 'visitor', text: 'help', at: 1 }], distress: 0.5 } }));
  const conv = await new Promise((r) => v.on('message', (d) => {
    const f = JSON.parse(d);
    if (f.type === 'welcome') r(f.conversation);
    if (f.type === 'ack') acked++;
  }));
  agent.send(JSON.stringify({ type: 'accept', conversation: conv }));
  visitors.push(v);
}
const mib = (b) => (b / 2 ** 20).toFixed(1);
let n = 0;
for (let round = 1; round <= ROUNDS; round++) {
  for (let k = 0; k < 50; k++) {
    for (const v of visitors) v.send(JSON.stringify({ type: 'message', id: `m${n++}`, text: 'My parcel has not arrived and I am worried.', suggestions: ['Let me check.'] }));
    await new Promise((r) => setTimeout(r, 20));
  }
  while (acked < n) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  global.gc();
  const m = process.memoryUsage();
  console.log(`${n} visitor messages (+${n} replies): JS heap after GC ${mib(m.heapUsed)} MiB, RSS ${mib(m.rss)} MiB`);
}
for (const ws of [...visitors, agent]) ws.terminate();
await relay.close();
fs.rmSync(dir, { recursive: true, force: true });
